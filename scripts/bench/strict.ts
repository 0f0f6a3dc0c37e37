/**
 * Benchmark (not a test): what strict mode (`schemaDir`) adds to a request. Two mock-ews servers
 * with the same mailbox, one strict, are sent the same FindItem, GetItem and CreateItem one after
 * the other (interleaved, one connection each), so both see the same machine; the figure is the
 * difference of the two medians. Also: the first strict request, which waits for the schema to
 * compile (once per process).
 *
 *   npm run bench:strict [-- --requests 300 --items 1000]
 */
import { resolve } from 'node:path'
import { createEwsApp, FakeClock, seededIds, startEwsServer } from '../../mock-ews/index.ts'
import {
  addItem,
  fillFolder,
  findItemXml,
  getItemXml,
  log,
  machine,
  offlineImXml,
  options,
  percentile,
  post,
  result,
} from './lib.ts'

const o = options({ requests: 300, items: 1000 })
/** A strict request may cost at most this many milliseconds more than a plain one (issue 18). */
const TARGET_EXTRA_MS = 5
const schemaDir = resolve(process.env.EWS_SCHEMA_DIR ?? '../shared/ews-schema')

function server(strict: boolean): {
  app: ReturnType<typeof createEwsApp>
  folderId: string
  itemId: string
} {
  const app = createEwsApp({
    ids: seededIds(1),
    clock: new FakeClock('2016-06-10T09:00:00Z'),
    ...(strict && { schemaDir }),
  })
  const folderId = fillFolder(app.store, o.items)
  return { app, folderId, itemId: addItem(app.store, folderId, o.items) }
}

machine()
log(
  `parameters: ${o.requests} requests per case and server, folder of ${o.items} items, schema ${schemaDir}, requests interleaved plain/strict on 127.0.0.1`,
)
const plain = server(false)
const strict = server(true)
const plainServer = await startEwsServer(plain.app.app, { port: 0 })
const strictServer = await startEwsServer(strict.app.app, { port: 0 })
const firstStarted = performance.now()
await post(strictServer.ewsUrl, getItemXml(strict.itemId))
const figures: Record<string, number | string> = {
  first_strict_request_ms: performance.now() - firstStarted,
}
let worst = 0
try {
  // Same seeded ids: the folder and item have the same ids on both servers.
  const cases: [string, string][] = [
    ['FindItem', findItemXml(plain.folderId, 0)],
    ['GetItem', getItemXml(plain.itemId)],
    ['CreateItem', offlineImXml('bob@contoso.com')],
  ]
  for (const [name, body] of cases) {
    const timed = async (url: string): Promise<number> => {
      const t = performance.now()
      await post(url, body)
      return performance.now() - t
    }
    for (let i = 0; i < 30; i++)
      await Promise.all([timed(plainServer.ewsUrl), timed(strictServer.ewsUrl)])
    const plainMs: number[] = []
    const strictMs: number[] = []
    for (let i = 0; i < o.requests; i++) {
      const p = await timed(plainServer.ewsUrl)
      const s = await timed(strictServer.ewsUrl)
      plainMs.push(p)
      strictMs.push(s)
    }
    const sort = (a: number[]): number[] => [...a].sort((x, y) => x - y)
    const median = (a: number[]): number => percentile(sort(a), 50)
    const extra = median(strictMs) - median(plainMs)
    log(
      `${name.padEnd(10)} plain median ${median(plainMs).toFixed(2)} ms, strict median ${median(strictMs).toFixed(2)} ms, extra ${extra.toFixed(2)} ms`,
    )
    figures[`${name}_plain_ms`] = median(plainMs)
    figures[`${name}_strict_ms`] = median(strictMs)
    figures[`${name}_extra_ms`] = extra
    worst = Math.max(worst, extra)
  }
} finally {
  await plainServer.close()
  await strictServer.close()
  strict.app.close()
}
figures[`target_extra_le_${TARGET_EXTRA_MS}ms`] = worst <= TARGET_EXTRA_MS ? 'met' : 'not_met'
result(figures)
