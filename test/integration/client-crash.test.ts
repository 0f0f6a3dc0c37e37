/**
 * Crashes of the offline-IM client at each step of a send, against mock-ews over real HTTP: the
 * engine is killed by a port that throws (status 'halted') and a NEW engine for the same user and
 * build starts on the same LocalAppData. Fixed builds lose nothing and send nothing twice (the
 * InternetMessageId check); the Drafts-bug build on-premises loses nothing (the entry stays
 * spooled while Drafts grows). Then 20 messages with crashes at seeded random points.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect } from 'chai'
import { historySpoolerFolder, nodeFileSystem, traceFile } from '../../client/engine/index.ts'
import type { OfflineImEngine, SpoolEntry, TraceEvent } from '../../client/engine/index.ts'
import {
  BUGGY,
  FIXED,
  mailboxItems,
  PASSWORD,
  spoolFiles,
  startWorld,
} from '../helpers/client-world.ts'
import type { World } from '../helpers/client-world.ts'
import type { CrashPoint } from '../../scenarios/runner/model.ts'
import { crashablePorts, SimulatedCrash } from '../../scenarios/runner/world.ts'

const ALICE = 'alice@contoso.com'
const BOB = 'bob@contoso.com'
const CAROL = 'carol@fabrikam.com'
const MIN = 60_000

describe('offline-IM client crashes and restarts', function () {
  this.timeout(60_000)
  let w: World
  beforeEach(async () => (w = await startWorld()))
  afterEach(() => w.close())

  describe('fixed build 16.0.6965.2058: nothing lost, nothing sent twice', () => {
    const cases: [string, string, CrashPoint][] = [
      [ALICE, BOB, 'after-spool-write'],
      [ALICE, BOB, 'after-create-item'],
      [ALICE, BOB, 'before-spool-removal'],
      [CAROL, ALICE, 'after-spool-write'],
      [CAROL, ALICE, 'after-create-item'],
      [CAROL, ALICE, 'before-spool-removal'],
    ]
    for (const [from, to, point] of cases) {
      it(`${from} → ${to}, crash ${point}: the new engine delivers it exactly once`, async () => {
        const first = crashingEngine(w, from, FIXED, (p) => p === point)
        await first.signIn()
        const sent = await first.sendIm(to, `crash ${point}`).catch((e: unknown) => e)
        await w.clock.advance(2 * MIN)
        expect(first.status).to.equal('halted')
        expect((first.haltedBy as SimulatedCrash).point).to.equal(point)
        expect(await spoolFiles(w, from), 'spooled when the client died').to.have.length(1)
        const imid = (await onDisk(w, from)).internetMessageId
        const reached = point === 'after-spool-write' ? 0 : 1
        expect(
          withId(mailboxItems(w, to, 'inbox'), imid),
          'in the Inbox at the crash',
        ).to.have.length(reached)
        if (point === 'after-spool-write') expect(sent).to.be.instanceOf(SimulatedCrash)

        const second = w.engine(from, FIXED)
        await second.signIn()
        expect(events(second, 'spool.load').map((e) => e.inFlight)).to.deep.equal([reached === 1])
        await w.clock.advance(2 * MIN)

        expect(second.status).to.equal('signed-in')
        expect(
          withId(mailboxItems(w, to, 'inbox'), imid),
          'in the Inbox at the end',
        ).to.have.length(1)
        expect(withId(mailboxItems(w, from, 'conversationhistory'), imid)).to.have.length(1)
        expect(await spoolFiles(w, from)).to.deep.equal([])
        expect(second.spooled).to.deep.equal([])
        // Sent again only when the first engine never reached Exchange; else found by the check.
        expect(requests(second, 'CreateItem')).to.have.length(1 - reached)
        expect(events(second, 'delivery.check').map((e) => e.found)).to.deep.equal(
          reached ? [true] : [],
        )
        // The dying engine flushed its trace: the file holds both incarnations' events, in order.
        const lines = readFileSync(traceFile(w.localAppData, from), 'utf8').trim().split('\n')
        expect(lines.map((l) => JSON.parse(l) as unknown)).to.deep.equal(
          JSON.parse(JSON.stringify([...first.trace.events, ...second.trace.events])),
        )
      })
    }
  })

  describe('Drafts-bug build 16.0.6965.2053 on-premises: nothing lost', () => {
    const points: [CrashPoint, number][] = [
      ['after-spool-write', 0],
      ['after-create-item', 1],
      ['after-send-item', 1],
    ]
    for (const [point, draftsAtCrash] of points) {
      it(`alice → bob, crash ${point}: the entry stays spooled, Drafts grows by one per tick`, async () => {
        const first = crashingEngine(w, ALICE, BUGGY, (p) => p === point)
        await first.signIn()
        await first.sendIm(BOB, `crash ${point}`).catch(() => undefined)
        await w.clock.advance(2 * MIN)
        expect(first.status).to.equal('halted')
        const entry = (await onDisk(w, ALICE)).id
        expect(await spoolFiles(w, ALICE)).to.deep.equal([`${entry}.json`])
        expect(mailboxItems(w, ALICE, 'drafts')).to.have.length(draftsAtCrash)

        const second = w.engine(ALICE, BUGGY)
        await second.signIn()
        for (const tick of [1, 2, 3]) {
          await w.clock.advance(2 * MIN)
          expect(await spoolFiles(w, ALICE), `tick ${tick}`).to.deep.equal([`${entry}.json`])
          expect(mailboxItems(w, ALICE, 'drafts'), `tick ${tick}`).to.have.length(
            draftsAtCrash + tick,
          )
        }
        expect(second.status).to.equal('signed-in')
        expect(second.spooled.map((e) => e.id)).to.deep.equal([entry])
        expect(mailboxItems(w, BOB, 'inbox')).to.have.length(0)
      })
    }
  })

  describe('Drafts-bug build 16.0.6965.2053 on Exchange Online (two-step send accepted)', () => {
    it('carol → alice, crash after-create-item: delivered once; the first draft is left behind', async () => {
      const first = crashingEngine(w, CAROL, BUGGY, (p) => p === 'after-create-item')
      await first.signIn()
      await first.sendIm(ALICE, 'two-step')
      await w.clock.advance(2 * MIN)
      expect(first.status).to.equal('halted')
      const imid = (await onDisk(w, CAROL)).internetMessageId
      expect(mailboxItems(w, CAROL, 'drafts')).to.have.length(1)

      const second = w.engine(CAROL, BUGGY)
      await second.signIn()
      await w.clock.advance(2 * MIN)
      expect(withId(mailboxItems(w, ALICE, 'inbox'), imid)).to.have.length(1)
      expect(mailboxItems(w, CAROL, 'drafts')).to.have.length(1)
      expect(await spoolFiles(w, CAROL)).to.deep.equal([])
    })

    it('carol → alice, crash after-send-item: nothing lost; the two-step path has no check, so it goes out again', async () => {
      const first = crashingEngine(w, CAROL, BUGGY, (p) => p === 'after-send-item')
      await first.signIn()
      await first.sendIm(ALICE, 'two-step')
      await w.clock.advance(2 * MIN)
      expect(first.status).to.equal('halted')
      const imid = (await onDisk(w, CAROL)).internetMessageId
      expect(withId(mailboxItems(w, ALICE, 'inbox'), imid), 'at the crash').to.have.length(1)
      expect(await spoolFiles(w, CAROL)).to.have.length(1)

      const second = w.engine(CAROL, BUGGY)
      await second.signIn()
      await w.clock.advance(2 * MIN)
      expect(await spoolFiles(w, CAROL)).to.deep.equal([])
      expect(mailboxItems(w, CAROL, 'drafts')).to.have.length(0)
      // send-two-step.ts: no check for an earlier attempt; exactly once is promised for one-step builds only.
      expect(withId(mailboxItems(w, ALICE, 'inbox'), imid), 'at the end').to.have.length(2)
    })
  })

  it('20 messages, crashes at seeded random points (fixed build): each delivered exactly once', async () => {
    const random = seeded(20160610)
    const crashed: CrashPoint[] = []
    const decide = (p: CrashPoint): boolean => {
      if (random() >= 0.2) return false
      crashed.push(p)
      return true
    }
    let alice = crashingEngine(w, ALICE, FIXED, decide)
    const alive = async (): Promise<void> => {
      while (alice.status === 'halted') {
        alice = crashingEngine(w, ALICE, FIXED, decide)
        await alice.signIn().catch(() => undefined)
      }
    }
    await alice.signIn()
    const texts = Array.from({ length: 20 }, (_, i) => `message ${i + 1}`)
    // 2.5 minutes apart, so each message is picked up before the next is sent and makes its own
    // missed conversation (messages waiting together would join one: decision 0029).
    for (const text of texts) {
      await alice.sendIm(BOB, text).catch(() => undefined)
      await alive()
      await w.clock.advance((5 * MIN) / 2)
      await alive()
    }
    for (let tick = 0; tick < 30 && (await spoolFiles(w, ALICE)).length > 0; tick++) {
      await w.clock.advance(2 * MIN)
      await alive()
    }

    expect(crashed.length, 'crashes').to.be.at.least(10)
    expect(new Set(crashed), 'every crash point was hit').to.have.keys([
      'after-spool-write',
      'after-create-item',
      'before-spool-removal',
    ])
    expect(await spoolFiles(w, ALICE)).to.deep.equal([])
    const inbox = mailboxItems(w, BOB, 'inbox')
    expect(
      inbox.map((i) => i.body.text.replace(/<[^>]+>/g, '').replace(/^.* UTC: /, '')).sort(),
    ).to.deep.equal([...texts].sort())
    expect(new Set(inbox.map((i) => i.internetMessageId)).size).to.equal(20)
    expect(mailboxItems(w, ALICE, 'conversationhistory')).to.have.length(20)
    expect(mailboxItems(w, ALICE, 'drafts')).to.have.length(0)
  })
})

/**
 * An engine from world.engine whose ports throw a SimulatedCrash at a point when `crashAt(point)`
 * says so: after a History Spooler file is written, after CreateItem or SendItem came back (the
 * request reached mock-ews), or before a spool file is removed.
 */
function crashingEngine(
  w: World,
  address: string,
  build: string,
  crashAt: (point: CrashPoint) => boolean,
): OfflineImEngine {
  const { fs, ews } = crashablePorts(
    { kind: 'basic', user: address, password: PASSWORD },
    w.server.url,
    (point) => {
      if (crashAt(point)) throw new SimulatedCrash(point)
    },
  )
  return w.engine(address, build, { fs, ews })
}

function events(engine: OfflineImEngine, name: TraceEvent['event']): TraceEvent[] {
  return engine.trace.events.filter((e) => e.event === name)
}

function requests(engine: OfflineImEngine, operation: string): TraceEvent[] {
  return events(engine, 'ews.request').filter((e) => e.operation === operation)
}

/** The one entry in a user's History Spooler folder on disk. */
async function onDisk(w: World, user: string): Promise<SpoolEntry> {
  const files = await spoolFiles(w, user)
  expect(files, 'one spool file').to.have.length(1)
  const text = await nodeFileSystem.read(
    join(historySpoolerFolder(w.localAppData, user), files[0]!),
  )
  return JSON.parse(text!) as SpoolEntry
}

function withId<T extends { internetMessageId: string }>(items: T[], imid: string): T[] {
  return items.filter((i) => i.internetMessageId === imid)
}

/** A small seeded generator (mulberry32): the same seed, the same crashes. */
function seeded(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (s + 0x6d2b79f5) >>> 0
    let t = Math.imul(s ^ (s >>> 15), 1 | s)
    t ^= t + Math.imul(t ^ (t >>> 7), 61 | t)
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32
  }
}
