/**
 * The offline-IM engine against mock-ews on port 0 with the demo topology, over real HTTP:
 * same-organisation delivery at +2:00, the Drafts bug with 16.0.6965.2053 on-premises, the same
 * build delivering through Exchange Online, federated delivery as plain mail, outages of 10
 * virtual minutes, and many crashes at random points without loss or duplicates.
 */
import { readFileSync } from 'node:fs'
import { expect } from 'chai'
import { historySpoolerFolder, nodeFileSystem, traceFile } from '../../client/engine/index.ts'
import type { FileSystem, OfflineImEngine } from '../../client/engine/index.ts'
import type { FaultDefinition } from '../../mock-ews/index.ts'
import { BUGGY, FIXED, startWorld } from '../helpers/client-world.ts'
import type { World } from '../helpers/client-world.ts'

const ALICE = 'alice@contoso.com'
const BOB = 'bob@contoso.com'
const CAROL = 'carol@fabrikam.com'
const MIN = 60_000

function items(w: World, user: string, folder: string) {
  const store = w.mock.store
  let id: string
  if (folder === 'missed') {
    const parent = store.getDistinguishedFolder(user, 'searchfolders').folderId.id
    id = store
      .findFolders(user, parent, false)
      .find((f) => f.displayName === 'Missed Conversations')!.folderId.id
  } else id = store.getDistinguishedFolder(user, folder).folderId.id
  return store.findItems(user, id, { view: { kind: 'all' } }).items
}

const spooled = (w: World, user: string): Promise<string[]> =>
  nodeFileSystem.list(historySpoolerFolder(w.localAppData, user))

describe('offline-IM engine against mock-ews', function () {
  this.timeout(30_000)
  let w: World
  beforeEach(async () => (w = await startWorld()))
  afterEach(() => w.close())

  it('alice (on-premises, fixed build) → bob offline: delivered at +2:00 into Inbox, Conversation History and Missed Conversations', async () => {
    const alice = w.engine(ALICE, FIXED)
    await alice.signIn()
    const outcome = await alice.sendIm(BOB, 'Are you free at 10?')
    expect(outcome.kind).to.equal('spooled')
    await w.clock.advance(2 * MIN - 1)
    expect(items(w, BOB, 'inbox')).to.have.length(0)
    expect(await spooled(w, ALICE)).to.have.length(1)
    await w.clock.advance(1)

    const [mail] = items(w, BOB, 'inbox')
    expect(items(w, BOB, 'inbox')).to.have.length(1)
    expect(mail!.itemClass).to.equal('IPM.Note.Microsoft.Missed')
    expect(mail!.from?.address).to.equal(ALICE)
    expect(mail!.body.text).to.include('Are you free at 10?')
    expect(items(w, BOB, 'conversationhistory').map((i) => i.itemClass)).to.deep.equal([
      'IPM.Note.Microsoft.Conversation',
    ])
    expect(items(w, BOB, 'missed')).to.have.length(1)
    const copy = items(w, ALICE, 'conversationhistory')
    expect(copy.map((i) => i.itemClass)).to.deep.equal(['IPM.Note.Microsoft.Missed'])
    expect(copy[0]!.internetMessageId).to.equal(mail!.internetMessageId)
    expect(items(w, ALICE, 'drafts')).to.have.length(0)
    expect(await spooled(w, ALICE)).to.deep.equal([])

    const bob = w.engine(BOB, FIXED)
    await bob.signIn()
    expect(bob.recent.map((r) => [r.from, r.itemClass])).to.deep.equal([
      [ALICE, 'IPM.Note.Microsoft.Conversation'],
    ])
    expect(bob.missedCount).to.equal(1)

    const lines = readFileSync(traceFile(w.localAppData, ALICE), 'utf8').trim().split('\n')
    expect(lines.map((l) => JSON.parse(l) as unknown)).to.deep.equal(
      JSON.parse(JSON.stringify(alice.trace.events)),
    )
  })

  it('alice with 16.0.6965.2053 → bob: Drafts grows by one per tick, bob gets nothing, the spooler keeps it', async () => {
    const alice = w.engine(ALICE, BUGGY)
    await alice.signIn()
    await alice.sendIm(BOB, 'Are you free at 10?')
    for (const tick of [1, 2, 3, 4]) {
      await w.clock.advance(2 * MIN)
      expect(items(w, ALICE, 'drafts'), `drafts after tick ${tick}`).to.have.length(tick)
      expect(items(w, BOB, 'inbox')).to.have.length(0)
      expect(await spooled(w, ALICE)).to.have.length(1)
      expect(alice.spooled[0]!.attempts).to.equal(tick)
    }
  })

  it('carol (Exchange Online) with the same 16.0.6965.2053 → alice (federated): delivered as plain mail', async () => {
    const carol = w.engine(CAROL, BUGGY)
    await carol.signIn()
    await carol.sendIm(ALICE, 'Hello from Fabrikam')
    await w.clock.advance(2 * MIN)
    expect(
      carol.trace.events.some((e) => e.event === 'send.path' && e.path === 'two-step'),
    ).to.equal(true)
    expect(items(w, ALICE, 'inbox').map((i) => i.itemClass)).to.deep.equal(['IPM.Note'])
    expect(items(w, ALICE, 'conversationhistory')).to.have.length(0)
    expect(items(w, ALICE, 'missed')).to.have.length(0)
    expect(items(w, CAROL, 'drafts')).to.have.length(0)
    expect(await spooled(w, CAROL)).to.deep.equal([])
  })

  it('alice (fixed) → carol (federated): plain mail only; alice keeps her copy', async () => {
    const alice = w.engine(ALICE, FIXED)
    await alice.signIn()
    await alice.sendIm(CAROL, 'Hi Carol')
    await w.clock.advance(2 * MIN)
    expect(items(w, CAROL, 'inbox').map((i) => i.itemClass)).to.deep.equal(['IPM.Note'])
    expect(items(w, CAROL, 'conversationhistory')).to.have.length(0)
    expect(items(w, CAROL, 'missed')).to.have.length(0)
    expect(items(w, ALICE, 'conversationhistory')).to.have.length(1)
  })

  describe('outages of 10 virtual minutes', () => {
    const window = (): FaultDefinition['when'] => ({
      type: 'window',
      from: w.clock.now().toISOString(),
      to: new Date(w.clock.now().getTime() + 10 * MIN).toISOString(),
    })
    const outages: [string, (w: World) => void][] = [
      [
        'connections refused',
        (w) => {
          w.server.refuseConnections()
          w.clock.at(new Date(w.clock.now().getTime() + 10 * MIN), async () =>
            w.server.acceptConnections(),
          )
        },
      ],
      [
        'ErrorServerBusy',
        (w) =>
          void w.mock.faults.add({
            match: { operation: 'CreateItem' },
            action: { type: 'ews-error', code: 'ErrorServerBusy', backOffMs: 1000 },
            when: window(),
          }),
      ],
      [
        'HTTP 500',
        (w) =>
          void w.mock.faults.add({
            match: { operation: 'CreateItem' },
            action: { type: 'http-status', status: 500 },
            when: window(),
          }),
      ],
    ]
    for (const [what, start] of outages) {
      it(`${what}: messages stay spooled and go out once on the first tick after recovery`, async () => {
        const alice = w.engine(ALICE, FIXED)
        await alice.signIn()
        start(w)
        await alice.sendIm(BOB, 'one')
        await alice.sendIm(BOB, 'two')
        await w.clock.advance(8 * MIN)
        expect(await spooled(w, ALICE)).to.have.length(2)
        expect(items(w, BOB, 'inbox')).to.have.length(0)
        const kept = alice.trace.events.filter((e) => e.event === 'spool.keep')
        expect(kept.map((e) => e.time.slice(11, 16))).to.deep.equal([
          '09:02',
          '09:02',
          '09:04',
          '09:04',
          '09:06',
          '09:06',
          '09:08',
          '09:08',
        ])
        await w.clock.advance(2 * MIN)
        expect(await spooled(w, ALICE)).to.deep.equal([])
        expect(
          items(w, BOB, 'inbox')
            .map((i) => i.body.text.replace(/<[^>]+>/g, ''))
            .sort(),
        ).to.deep.equal(['one', 'two'])
      })
    }
  })

  it('20 messages, crashes at seeded random points: each delivered exactly once', async () => {
    let seed = 42
    const random = (): number => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31
    const crashy = (): FileSystem => ({
      ...nodeFileSystem,
      async writeAtomic(path, text) {
        await nodeFileSystem.writeAtomic(path, text)
        if (random() < 0.15) throw new Error('crash after write')
      },
      async remove(path) {
        if (random() < 0.3) throw new Error('crash before remove')
        await nodeFileSystem.remove(path)
      },
    })
    let alice: OfflineImEngine = w.engine(ALICE, FIXED, { fs: crashy() })
    await alice.signIn()
    let crashes = 0
    const restartIfDead = async (): Promise<void> => {
      while (alice.status === 'halted') {
        crashes += 1
        alice = w.engine(ALICE, FIXED, { fs: crashy() })
        await alice.signIn().catch(() => undefined)
      }
    }
    for (let i = 0; i < 20; i++) {
      await alice.sendIm(BOB, `message ${i}`).catch(() => undefined)
      await restartIfDead()
      await w.clock.advance(MIN)
      await restartIfDead()
    }
    for (let t = 0; t < 20 && (await spooled(w, ALICE)).length > 0; t++) {
      await w.clock.advance(2 * MIN)
      await restartIfDead()
    }
    expect(crashes).to.be.greaterThan(3)
    expect(await spooled(w, ALICE)).to.deep.equal([])
    // A crash right after a write leaves the file complete, so every message was spooled: each must
    // arrive, and only once.
    const texts = items(w, BOB, 'inbox').map((i) => i.body.text.replace(/<[^>]+>/g, ''))
    const expected = Array.from({ length: 20 }, (_, i) => `message ${i}`)
    expect(texts.sort()).to.deep.equal(expected.sort())
  })
})
