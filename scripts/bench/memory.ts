/**
 * Benchmark (not a test): how much memory mock-ews holds. (1) RSS and heap after loading 100k
 * items with 1 KB bodies into one folder (target ≤ 300 MB RSS). (2) RSS while answering 1M
 * requests (GetFolder of the Inbox, which changes nothing) over keep-alive HTTP with the request
 * journal at its default cap: it must stay flat once the journal is full. Each reading is taken
 * twice: right after a chunk of requests, and once the server has been idle for `settleMs` (Node
 * gives back the memory of a burst within a second or two; the second reading shows the trend).
 *
 *   npm run bench:memory [-- --items 100000 --requests 1000000 --every 100000 --settleMs 2000]
 *   (runs node with --expose-gc so that figures are taken after a full collection)
 */
import {
  createEwsApp,
  DEFAULT_JOURNAL_CAPACITY,
  FakeClock,
  seededIds,
  startEwsServer,
} from '../../mock-ews/index.ts'
import { envelope, fillFolder, load, log, machine, options, result } from './lib.ts'

const o = options({
  items: 100_000,
  requests: 1_000_000,
  every: 100_000,
  bodyBytes: 1024,
  settleMs: 2000,
})
const MB = 2 ** 20
const gc = (globalThis as { gc?: () => void }).gc

function memory(): { rss: number; heap: number; external: number } {
  gc?.()
  const m = process.memoryUsage()
  return { rss: m.rss / MB, heap: m.heapUsed / MB, external: m.external / MB }
}

const GET_INBOX = envelope(
  '<m:GetFolder><m:FolderShape><t:BaseShape>Default</t:BaseShape></m:FolderShape>' +
    '<m:FolderIds><t:DistinguishedFolderId Id="inbox"/></m:FolderIds></m:GetFolder>',
)

async function main(): Promise<void> {
  machine()
  log(
    `parameters: ${o.items} items with ${o.bodyBytes}-byte bodies; ${o.requests} GetFolder requests at 10 keep-alive connections, RSS every ${o.every} (again after ${o.settleMs} ms idle); journal capacity ${DEFAULT_JOURNAL_CAPACITY}; gc ${gc ? 'forced before each reading' : 'NOT exposed (run with node --expose-gc)'}`,
  )
  const base = memory()
  log(`baseline: RSS ${base.rss.toFixed(0)} MB, heap ${base.heap.toFixed(0)} MB`)
  const { app, store, journal } = createEwsApp({
    ids: seededIds(1),
    clock: new FakeClock('2016-06-10T09:00:00Z'),
  })
  fillFolder(store, o.items, { bodyBytes: o.bodyBytes })
  const loaded = memory()
  log(
    `after ${o.items} items: RSS ${loaded.rss.toFixed(0)} MB, heap ${loaded.heap.toFixed(0)} MB (${(((loaded.heap - base.heap) * MB) / o.items).toFixed(0)} heap bytes per item)`,
  )

  const server = await startEwsServer(app, { host: '127.0.0.1', port: 0 })
  const samples: { rss: number; heap: number }[] = []
  const settled: number[] = []
  try {
    for (let done = 0; done < o.requests;) {
      const amount = Math.min(o.every, o.requests - done)
      await load(server.ewsUrl, GET_INBOX, { connections: 10, amount })
      done += amount
      const m = memory()
      samples.push(m)
      await new Promise((resolve) => setTimeout(resolve, o.settleMs))
      settled.push(memory().rss)
      log(
        `after ${done} requests: RSS ${m.rss.toFixed(0)} MB (${settled.at(-1)!.toFixed(0)} MB after ${o.settleMs} ms idle), heap ${m.heap.toFixed(0)} MB, external ${m.external.toFixed(0)} MB, journal ${journal.entries().length} entries (${journal.total} recorded)`,
      )
    }
  } finally {
    await server.close()
  }
  const first = samples[0] ?? { rss: Number.NaN, heap: Number.NaN }
  const last = samples[samples.length - 1] ?? first
  const rss = samples.map((x) => x.rss)
  result({
    items: o.items,
    rss_after_items_mb: Number(loaded.rss.toFixed(0)),
    heap_after_items_mb: Number(loaded.heap.toFixed(0)),
    requests: o.requests,
    heap_first_sample_mb: Number(first.heap.toFixed(0)),
    heap_last_sample_mb: Number(last.heap.toFixed(0)),
    heap_growth_mb: Number((last.heap - first.heap).toFixed(1)),
    rss_min_mb: Number(Math.min(...rss).toFixed(0)),
    rss_max_mb: Number(Math.max(...rss).toFixed(0)),
    rss_last_mb: Number(last.rss.toFixed(0)),
    rss_settled_min_mb: Number(Math.min(...settled).toFixed(0)),
    rss_settled_max_mb: Number(Math.max(...settled).toFixed(0)),
    rss_settled_last_mb: Number((settled.at(-1) ?? Number.NaN).toFixed(0)),
  })
}

await main()
