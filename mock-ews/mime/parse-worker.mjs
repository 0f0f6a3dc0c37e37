// The MIME parser's thread (mock-ews/mime/parse.ts): postal-mime reads a whole message in one
// turn of its event loop, so it runs here, never on the server's (docs/decisions/0038).
import { parentPort } from 'node:worker_threads'
import PostalMime from 'postal-mime'

parentPort.on('message', ({ id, raw, options }) => {
  PostalMime.parse(raw, options).then(
    (email) => {
      const buffers = email.attachments
        .map((a) => a.content)
        .filter((c) => c instanceof ArrayBuffer)
      parentPort.postMessage({ id, email }, [...new Set(buffers)])
    },
    (e) => parentPort.postMessage({ id, error: { code: e?.code, message: String(e?.message) } }),
  )
})
