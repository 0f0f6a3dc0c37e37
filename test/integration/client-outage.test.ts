/**
 * EWS outages of 10 virtual minutes against a signed-in client with the fixed build: mock-ews
 * refuses connections, answers ErrorServerBusy, or answers a bare HTTP 500. The outage ends by
 * itself on the shared virtual clock (a fault window, or a timer that listens again). Messages stay
 * in the History Spooler on disk, every 2-minute tick traces one failed attempt per message, and
 * they go out on the first tick after recovery, once each.
 */
import { expect } from 'chai'
import type { OfflineImEngine, TraceEvent } from '../../client/engine/index.ts'
import { FIXED, mailboxItems, spoolFiles, startWorld } from '../helpers/client-world.ts'
import type { World } from '../helpers/client-world.ts'

const ALICE = 'alice@contoso.com'
const BOB = 'bob@contoso.com'
const MIN = 60_000
const START = '2016-06-10T09:00:00.000Z'

interface Outage {
  what: string
  /** Starts the outage now, ending by itself at `until`. */
  start(w: World, until: Date): Promise<void>
  /** The failure the client sees for an EWS call during the outage (its ews.response event). */
  failed(e: TraceEvent): boolean
  /** The failure of every call but at most one (default: `failed`). */
  mostly?(e: TraceEvent): boolean
}

const OUTAGES: Outage[] = [
  {
    what: 'mock-ews refuses connections',
    async start(w, until) {
      await w.server.refuseConnections()
      w.clock.at(until, () => w.server.acceptConnections())
    },
    // The first call may meet a kept-alive socket the server reset (refuseConnections resets the
    // open connections); the later ones are refused.
    failed: (e) => /^network (refused|reset)\b/.test(String(e.failure)),
    mostly: (e) => /^network refused\b/.test(String(e.failure)) && e.uncertain === false,
  },
  {
    what: 'mock-ews answers ErrorServerBusy',
    async start(w, until) {
      w.mock.faults.add({
        action: { type: 'ews-error', code: 'ErrorServerBusy', backOffMs: 30_000 },
        when: window(w, until),
      })
    },
    failed: (e) => e.responseCode === 'ErrorServerBusy' && e.uncertain === false,
  },
  {
    what: 'mock-ews answers HTTP 500',
    async start(w, until) {
      w.mock.faults.add({ action: { type: 'http-status', status: 500 }, when: window(w, until) })
    },
    failed: (e) => e.failure === 'HTTP 500' && e.uncertain === true,
  },
]

describe('offline-IM client through EWS outages of 10 virtual minutes (16.0.6965.2058)', function () {
  this.timeout(30_000)
  let w: World
  beforeEach(async () => (w = await startWorld({ start: START })))
  afterEach(() => w.close())

  for (const outage of OUTAGES) {
    it(`${outage.what}: spooled on disk, one failed attempt per tick, out once on the first tick after recovery`, async () => {
      const alice = w.engine(ALICE, FIXED)
      await alice.signIn()
      await outage.start(w, at('09:10'))
      await w.clock.advanceTo(at('09:01'))
      expect((await alice.sendIm(BOB, 'one')).kind).to.equal('spooled')
      // A new sign-in session: 'two' is a conversation of its own, a second entry (decision 0029).
      await alice.signOut()
      await alice.signIn()
      const signedIn = alice.trace.events.length
      expect((await alice.sendIm(BOB, 'two')).kind).to.equal('spooled')
      const imids = alice.trace.events
        .filter((e) => e.event === 'spool.write')
        .map((e) => e.internetMessageId as string)
      expect(imids).to.have.length(2)

      const ticks = ['09:03', '09:05', '09:07', '09:09']
      for (const [n, tick] of ticks.entries()) {
        await w.clock.advanceTo(at(tick))
        expect(await spoolFiles(w, ALICE), `spool files at ${tick}`).to.have.length(2)
        expect(mailboxItems(w, BOB, 'inbox'), `bob's Inbox at ${tick}`).to.have.length(0)
        expect(keptAt(alice, tick), `failed attempts at ${tick}`).to.have.length(2)
        expect(keptAt(alice), `failed attempts up to ${tick}`).to.have.length(2 * (n + 1))
      }
      const responses = alice.trace.events.slice(signedIn).filter((e) => e.event === 'ews.response')
      expect(responses.length, 'EWS calls during the outage').to.be.at.least(8)
      expect(
        responses.filter((e) => !outage.failed(e)),
        'calls that did not fail',
      ).to.deep.equal([])
      const mostly = outage.mostly ?? outage.failed
      expect(responses.filter((e) => !mostly(e)).length).to.be.at.most(1)
      for (const entry of alice.spooled)
        expect(
          keptAt(alice).filter((e) => e.entry === entry.id),
          entry.id,
        ).to.have.length(4)

      // Recovery at 09:10 is not a tick: nothing goes out until the next one, at 09:11.
      await w.clock.advanceTo(at('09:10:59'))
      expect(await spoolFiles(w, ALICE)).to.have.length(2)
      expect(mailboxItems(w, BOB, 'inbox')).to.have.length(0)
      await w.clock.advanceTo(at('09:11'))

      const delivered = alice.trace.events.filter((e) => e.event === 'delivered')
      expect(delivered.map((e) => [e.time, e.internetMessageId])).to.deep.equal(
        imids.map((imid) => [at('09:11').toISOString(), imid]),
      )
      expect(await spoolFiles(w, ALICE)).to.deep.equal([])
      await w.clock.advance(10 * MIN)
      const inbox = mailboxItems(w, BOB, 'inbox')
      expect(inbox.map((i) => i.internetMessageId).sort()).to.deep.equal([...imids].sort())
      expect(inbox.map((i) => i.body.text.replace(/<[^>]+>/g, '')).sort()).to.deep.equal([
        'Alice 09:01:00 UTC: one',
        'Alice 09:01:00 UTC: two',
      ])
      expect(mailboxItems(w, ALICE, 'conversationhistory')).to.have.length(2)
      expect(keptAt(alice)).to.have.length(8)
    })
  }
})

/** A time on the test's day, `HH:MM` or `HH:MM:SS` (UTC). */
function at(time: string): Date {
  return new Date(`2016-06-10T${time.length === 5 ? `${time}:00` : time}.000Z`)
}

/** A fault window from now to `until` on the world's clock (mock-ews uses the same clock). */
function window(w: World, until: Date): { type: 'window'; from: string; to: string } {
  return { type: 'window', from: w.clock.now().toISOString(), to: until.toISOString() }
}

/** The engine's spool.keep events (failed attempts), all or those at `HH:MM`. */
function keptAt(engine: OfflineImEngine, time?: string): TraceEvent[] {
  return engine.trace.events.filter(
    (e) => e.event === 'spool.keep' && (time === undefined || e.time === at(time).toISOString()),
  )
}
