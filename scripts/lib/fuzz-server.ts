/**
 * mock-ews in a worker thread, for the fuzzer: the server gets a core of its own while the main
 * thread generates, sends and checks requests. A worker that runs out of heap or throws ends alone;
 * the fuzzer sees its requests go unanswered (a crash) instead of dying with it.
 */
import { parentPort, Worker } from 'node:worker_threads'
import { createEwsApp, FakeClock, seededIds, startEwsServer } from '../../mock-ews/index.ts'
import { prepareMailbox } from './fuzz/index.ts'
import type { CorpusIds } from './fuzz/index.ts'

export interface FuzzServerOptions {
  /** Seed of the server's ids. */
  seed: number
  user: string
  password: string
  maxBodyBytes?: number
  /** Heap of the worker, in megabytes. */
  heapMb?: number
}

export interface FuzzServer {
  /** The EWS endpoint. */
  url: string
  /** What prepareMailbox gave the user's mailbox. */
  ids: CorpusIds
  /** Why the worker ended, once it has (undefined while it runs). */
  readonly died: string | undefined
  close(): Promise<void>
}

interface Ready {
  url: string
  ids: CorpusIds
}

/** Starts mock-ews (a fresh store, the demo topology) in a worker and prepares `user`'s mailbox. */
export async function startFuzzServer(options: FuzzServerOptions): Promise<FuzzServer> {
  const worker = new Worker(new URL('./fuzz-worker.js', import.meta.url), {
    workerData: { fuzzServer: options },
    resourceLimits: { maxOldGenerationSizeMb: options.heapMb ?? 2048 },
  })
  let died: string | undefined
  worker.on('error', (e) => (died ??= `${e.name}: ${e.message}`))
  worker.on('exit', (code) => (died ??= `exited with code ${code}`))
  const ready = await new Promise<Ready>((resolve, reject) => {
    worker.once('message', (m: Ready) => resolve(m))
    worker.once('error', reject)
    worker.once('exit', (code) => reject(new Error(`the fuzz server exited with code ${code}`)))
  })
  return {
    ...ready,
    get died() {
      return died
    },
    close: async () => {
      if (died) return
      const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()))
      worker.postMessage('close')
      await exited
    },
  }
}

/** The worker (scripts/lib/fuzz-worker.js): a server, a prepared mailbox, then wait for 'close'. */
export async function serveInWorker(options: FuzzServerOptions): Promise<void> {
  const ews = createEwsApp({
    clock: new FakeClock('2016-06-10T09:00:00Z'),
    ids: seededIds(options.seed),
    ...(options.maxBodyBytes !== undefined && { maxBodyBytes: options.maxBodyBytes }),
  })
  const server = await startEwsServer(ews.app, { port: 0 })
  const authorization = `Basic ${Buffer.from(`${options.user}:${options.password}`).toString('base64')}`
  const ids = await prepareMailbox(ews, options.user, async (body) => {
    const res = await fetch(server.ewsUrl, {
      method: 'POST',
      headers: { Authorization: authorization, 'Content-Type': 'text/xml; charset=utf-8' },
      body,
    })
    return { status: res.status, text: await res.text() }
  })
  parentPort!.on('message', (m) => {
    if (m !== 'close') return
    server.server.closeAllConnections()
    void server.close().then(() => process.exit(0))
  })
  parentPort!.postMessage({ url: server.ewsUrl, ids } satisfies Ready)
}
