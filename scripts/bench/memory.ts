/**
 * Benchmark (not a test): how much memory mock-ews holds. (1) RSS and heap after loading 100k
 * items with 1 KB bodies into one folder (target ≤ 300 MB RSS). (2) RSS while answering 1M
 * requests (GetFolder of the Inbox, which changes nothing) over keep-alive HTTP with the request
 * journal at its default cap: it must stay flat once the journal is full.
 *
 *   npm run bench:memory [-- --items 100000 --requests 1000000 --every 100000]
 *   (runs node with --expose-gc so that figures are taken after a full collection)
 */
import autocannon from 'autocannon'
import {
  createEwsApp,
  DEFAULT_JOURNAL_CAPACITY,
  FakeClock,
  seededIds,
  startEwsServer,
} from '../../mock-ews/index.ts'
import { AUTHORIZATION, envelope, fillFolder, log, machine, options, result } from './lib.ts'

const o = options({ items: 100_000, requests: 1_000_000, every: 100_000, bodyBytes: 1024 })
const MB = 2 ** 20
const gc = (globalThis as { gc?: () => void }).gc

function memory(): { rss: number; heap: number } {
  gc?.()
  const m = process.memoryUsage()
  return { rss: m.rss / MB, heap: m.heapUsed / MB }
}

const GET_INBOX = envelope(
  '<m:GetFolder><m:FolderShape><t:BaseShape>Default</t:BaseShape></m:FolderShape>' +
    '<m:FolderIds><t:DistinguishedFolderId Id="inbox"/></m:FolderIds></m:GetFolder>',
)

async function main(): Promise<void> {
  machine()
  log(
    `parameters: ${o.items} items with ${o.bodyBytes}-byte bodies; ${o.requests} GetFolder requests at 10 keep-alive connections, RSS every ${o.every}; journal capacity ${DEFAULT_JOURNAL_CAPACITY}; gc ${gc ? 'forced before each reading' : 'NOT exposed (run with node --expose-gc)'}`,
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
  const samples: number[] = []
  try {
    for (let done = 0; done < o.requests;) {
      const amount = Math.min(o.every, o.requests - done)
      const r = await autocannon({
        url: server.ewsUrl,
        method: 'POST',
        connections: 10,
        amount,
        headers: { authorization: AUTHORIZATION, 'content-type': 'text/xml; charset=utf-8' },
        body: GET_INBOX,
      })
      if (r.non2xx > 0 || r.errors > 0) throw new Error(`${r.non2xx} non-2xx, ${r.errors} errors`)
      done += amount
      const m = memory()
      samples.push(m.rss)
      log(
        `after ${done} requests: RSS ${m.rss.toFixed(0)} MB, heap ${m.heap.toFixed(0)} MB, journal ${journal.entries().length} entries (${journal.total} recorded)`,
      )
    }
  } finally {
    await server.close()
  }
  const first = samples[0] ?? Number.NaN
  const last = samples[samples.length - 1] ?? Number.NaN
  result({
    items: o.items,
    rss_after_items_mb: Number(loaded.rss.toFixed(0)),
    heap_after_items_mb: Number(loaded.heap.toFixed(0)),
    requests: o.requests,
    rss_first_sample_mb: Number(first.toFixed(0)),
    rss_last_sample_mb: Number(last.toFixed(0)),
    rss_growth_mb: Number((last - first).toFixed(0)),
  })
}

await main()
