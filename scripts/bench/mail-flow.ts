/**
 * Benchmark (not a test): same-organisation offline-IM deliveries per second. autocannon sends
 * alice's offline IMs to bob as the client does (CreateItem SendAndSaveCopy, class
 * IPM.Note.Microsoft.Missed, the copy in conversationhistory) over keep-alive connections to
 * 127.0.0.1. Each request is one delivery: transport, bob's Inbox, bob's Conversation History entry,
 * alice's copy. The counts in the mailboxes are checked against the requests answered. Then the
 * same deliveries in-process, straight through the transport and the store (no HTTP, no XML).
 * Target: 2,000 deliveries/s on 2 cores (Mailpit states 200–300 emails/s for SMTP ingestion).
 *
 *   npm run bench:mail-flow [-- --seconds 10 --messages 100000]
 */
import { performance } from 'node:perf_hooks'
import { createEwsApp, FakeClock, seededIds, startEwsServer } from '../../mock-ews/index.ts'
import type { EwsApp } from '../../mock-ews/index.ts'
import { Transport } from '../../mock-ews/transport/transport.ts'
import { load, log, machine, offlineImXml, options, result, USER } from './lib.ts'

const o = options({ seconds: 10, messages: 100_000 })
const BOB = 'bob@contoso.com'

function freshApp(): EwsApp {
  return createEwsApp({ ids: seededIds(1), clock: new FakeClock('2016-06-10T09:00:00Z') })
}

function count({ store }: EwsApp, user: string, folder: string): number {
  return store.getDistinguishedFolder(user, folder).totalCount
}

/** `o.messages` offline IMs handed to the transport as CreateItem hands them over. */
function inProcess(): number {
  const ews = freshApp()
  const clock = new FakeClock('2016-06-10T09:00:00Z')
  const transport = new Transport(ews.store, ews.directory, clock, seededIds(2))
  const sender = ews.directory.user(USER)!
  const saveCopyIn = ews.store.getDistinguishedFolder(USER, 'conversationhistory').folderId.id
  const started = performance.now()
  for (let i = 0; i < o.messages; i++) {
    const now = clock.now()
    transport.send({
      sender,
      saveCopyIn,
      message: {
        itemClass: 'IPM.Note.Microsoft.Missed',
        subject: 'Alice sent you a message in Skype for Business',
        body: { type: 'HTML', text: '<div>Are you free at 10?</div>' },
        importance: 'Normal',
        categories: [],
        isRead: true,
        isDraft: true,
        from: undefined,
        toRecipients: [{ name: undefined, address: BOB }],
        ccRecipients: [],
        bccRecipients: [],
        internetMessageId: transport.newMessageId('contoso.com'),
        dateTimeSent: undefined,
        dateTimeReceived: now,
      },
    })
  }
  const seconds = (performance.now() - started) / 1000
  const inbox = count(ews, BOB, 'inbox')
  if (inbox !== o.messages || count(ews, BOB, 'conversationhistory') !== o.messages)
    throw new Error(`${o.messages} sent, bob's Inbox ${inbox}`)
  return o.messages / seconds
}

async function main(): Promise<void> {
  machine()
  log(
    `parameters: ${o.seconds} s per run at 1 and 10 keep-alive connections; one CreateItem SendAndSaveCopy (offline IM alice → bob) per request; in-process: ${o.messages} messages through the transport`,
  )
  const figures: Record<string, number> = {}
  for (const connections of [1, 10]) {
    const ews = freshApp()
    const server = await startEwsServer(ews.app, { host: '127.0.0.1', port: 0 })
    try {
      const r = await load(server.ewsUrl, offlineImXml(BOB), { connections, seconds: o.seconds })
      const inbox = count(ews, BOB, 'inbox')
      const history = count(ews, BOB, 'conversationhistory')
      const copies = count(ews, USER, 'conversationhistory')
      // autocannon may count a request still in flight at the end; the store is the truth.
      if (Math.abs(inbox - r.total) > connections || history !== inbox || copies !== inbox)
        throw new Error(
          `requests ${r.total}, bob's Inbox ${inbox}, Conversation History ${history}, alice's copies ${copies}`,
        )
      const rate = inbox / r.seconds
      log(
        `connections ${String(connections).padStart(2)}: ${inbox} deliveries in ${r.seconds.toFixed(1)} s = ${rate.toFixed(0)}/s (p50 ${r.p50} ms, p99 ${r.p99} ms); bob's Inbox ${inbox}, Conversation History ${history}, alice's copies ${copies}`,
      )
      figures[`deliveries_per_s_c${connections}`] = Number(rate.toFixed(0))
      figures[`p99_ms_c${connections}`] = r.p99
    } finally {
      await server.close()
    }
  }
  const rate = inProcess()
  log(
    `in-process: ${o.messages} deliveries through the transport and the store at ${rate.toFixed(0)}/s`,
  )
  figures.in_process_deliveries_per_s = Number(rate.toFixed(0))
  result(figures)
}

await main()
