/**
 * Benchmark (not a test): same-organisation offline-IM deliveries per second. autocannon sends
 * alice's offline IMs to bob as the client does (CreateItem SendAndSaveCopy, class
 * IPM.Note.Microsoft.Missed, the copy in conversationhistory) over keep-alive connections to
 * 127.0.0.1. Each request is one delivery: transport, bob's Inbox, bob's Conversation History entry,
 * alice's copy. The counts in the mailboxes are checked against the requests answered.
 * Target: 2,000 deliveries/s on 2 cores (Mailpit states 200–300 emails/s for SMTP ingestion).
 *
 *   npm run bench:mail-flow [-- --seconds 10]
 */
import autocannon from 'autocannon'
import { createEwsApp, FakeClock, seededIds, startEwsServer } from '../../mock-ews/index.ts'
import { AUTHORIZATION, log, machine, offlineImXml, options, result, USER } from './lib.ts'

const o = options({ seconds: 10 })
const BOB = 'bob@contoso.com'

async function main(): Promise<void> {
  machine()
  log(
    `parameters: ${o.seconds} s per run at 1 and 10 keep-alive connections; one CreateItem SendAndSaveCopy (offline IM alice → bob) per request`,
  )
  const figures: Record<string, number> = {}
  for (const connections of [1, 10]) {
    const { app, store } = createEwsApp({
      ids: seededIds(1),
      clock: new FakeClock('2016-06-10T09:00:00Z'),
    })
    const server = await startEwsServer(app, { host: '127.0.0.1', port: 0 })
    try {
      const r = await autocannon({
        url: server.ewsUrl,
        method: 'POST',
        connections,
        duration: o.seconds,
        headers: { authorization: AUTHORIZATION, 'content-type': 'text/xml; charset=utf-8' },
        body: offlineImXml(BOB),
      })
      if (r.non2xx > 0 || r.errors > 0)
        throw new Error(`${r.non2xx} non-2xx answers, ${r.errors} errors`)
      const count = (user: string, folder: string): number =>
        store.getDistinguishedFolder(user, folder).totalCount
      const inbox = count(BOB, 'inbox')
      const history = count(BOB, 'conversationhistory')
      const copies = count(USER, 'conversationhistory')
      // autocannon may count a request still in flight at the end; the store is the truth.
      if (Math.abs(inbox - r.requests.total) > connections || history !== inbox || copies !== inbox)
        throw new Error(
          `requests ${r.requests.total}, bob's Inbox ${inbox}, Conversation History ${history}, alice's copies ${copies}`,
        )
      const rate = inbox / o.seconds
      log(
        `connections ${String(connections).padStart(2)}: ${inbox} deliveries in ${o.seconds} s = ${rate.toFixed(0)}/s (p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms); bob's Inbox ${inbox}, Conversation History ${history}, alice's copies ${copies}`,
      )
      figures[`deliveries_per_s_c${connections}`] = Number(rate.toFixed(0))
      figures[`p99_ms_c${connections}`] = r.latency.p99
    } finally {
      await server.close()
    }
  }
  result(figures)
}

await main()
