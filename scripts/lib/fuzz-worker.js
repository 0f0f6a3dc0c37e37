// The fuzz server's worker thread (scripts/lib/fuzz-server.ts): TypeScript through tsx, as in
// bin/ews-lab.js. A plain ES module, so that the top-level await never meets mocha's CommonJS load.
import { workerData } from 'node:worker_threads'
import { register } from 'tsx/esm/api'

register()
const { serveInWorker } = await import('./fuzz-server.ts')
await serveInWorker(workerData.fuzzServer)
