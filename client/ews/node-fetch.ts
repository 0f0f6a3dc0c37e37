/**
 * The client's default `fetch`: the part of the Fetch API the client uses (a method, headers, a
 * string body, an abort signal; no redirects followed), on `node:http`/`node:https` with keep-alive
 * agents. The global `fetch` (undici) costs ~0.7 ms per request against a server in the same
 * process, this ~0.35 ms (docs/decisions/0015). Errors are Node's own (`ECONNREFUSED`,
 * `ECONNRESET`, …), which `networkFailure` classifies like undici's; an abort rejects with the
 * signal's reason. Idle kept-alive sockets do not keep the process alive.
 */
import { Agent as HttpAgent, request as httpRequest } from 'node:http'
import type { IncomingMessage } from 'node:http'
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https'
import type { Fetch } from './http.ts'

/** Statuses whose Response must have no body (the Response constructor refuses one). */
const NULL_BODY = new Set([101, 204, 205, 304])

let agents: { http: HttpAgent; https: HttpsAgent } | undefined

export const nodeFetch: Fetch = (input, init = {}) => {
  const url = new URL(input instanceof Request ? input.url : String(input))
  if (init.body !== undefined && init.body !== null && typeof init.body !== 'string')
    return Promise.reject(new TypeError('nodeFetch: only string bodies are supported'))
  const body = init.body ?? undefined
  const headers: Record<string, string> = {}
  new Headers(init.headers).forEach((value, name) => (headers[name] = value))
  if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body))
  agents ??= {
    http: new HttpAgent({ keepAlive: true }),
    https: new HttpsAgent({ keepAlive: true }),
  }
  const secure = url.protocol === 'https:'
  if (!secure && url.protocol !== 'http:')
    return Promise.reject(new TypeError(`nodeFetch: unsupported protocol ${url.protocol}`))
  const signal = init.signal ?? undefined
  if (signal?.aborted) return Promise.reject(signal.reason)

  return new Promise<Response>((resolve, reject) => {
    const req = (secure ? httpsRequest : httpRequest)(
      url,
      { method: init.method ?? 'GET', headers, agent: secure ? agents!.https : agents!.http },
      (res) => readAnswer(res).then(resolve, reject),
    )
    const onAbort = (): void => {
      req.destroy()
      reject(signal!.reason)
    }
    signal?.addEventListener('abort', onAbort, { once: true })
    req.once('close', () => signal?.removeEventListener('abort', onAbort))
    req.on('error', reject)
    req.end(body)
  })
}

function readAnswer(res: IncomingMessage): Promise<Response> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    res.on('data', (chunk: Buffer) => chunks.push(chunk))
    res.once('error', reject)
    res.once('close', () => {
      if (!res.complete)
        reject(Object.assign(new Error('the answer was cut off'), { code: 'ECONNRESET' }))
    })
    res.once('end', () => {
      try {
        resolve(toResponse(res, chunks))
      } catch (e) {
        reject(e) // the Response constructor refuses a status outside 200–599 or a bad status text
      }
    })
  })
}

function toResponse(res: IncomingMessage, chunks: Buffer[]): Response {
  const headers = new Headers()
  for (const [name, value] of Object.entries(res.headers)) {
    if (Array.isArray(value)) for (const v of value) headers.append(name, v)
    else if (value !== undefined) headers.set(name, value)
  }
  const status = res.statusCode ?? 0
  return new Response(NULL_BODY.has(status) ? null : Buffer.concat(chunks), {
    status,
    statusText: res.statusMessage ?? '',
    headers,
  })
}
