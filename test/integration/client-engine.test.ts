/**
 * The offline-IM engine against mock-ews on port 0 with the demo topology, over real HTTP and on
 * one virtual clock: same-organisation delivery at +2:00 (Inbox, Conversation History, Missed
 * Conversations, the sender's copy, the recipient's Recent list), the Drafts bug with
 * 16.0.6965.2053 on-premises, the same build delivering through Exchange Online, federated
 * delivery as plain mail, and the trace file on disk. Crashes: client-crash.test.ts; outages:
 * client-outage.test.ts.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect } from 'chai'
import { historySpoolerFolder, traceFile } from '../../client/engine/index.ts'
import type { OfflineImEngine, SpoolEntry, TraceEvent } from '../../client/engine/index.ts'
import { demoTopology, DEMO_PASSWORD } from '../../mock-ews/index.ts'
import type { Topology } from '../../mock-ews/index.ts'
import { BUGGY, FIXED, mailboxItems, spoolFiles, startWorld } from '../helpers/client-world.ts'
import type { World } from '../helpers/client-world.ts'

const ALICE = 'alice@contoso.com'
const BOB = 'bob@contoso.com'
const CAROL = 'carol@fabrikam.com'
const DAVE = 'dave@fabrikam.com'
const MIN = 60_000

describe('offline-IM engine against mock-ews (demo topology)', function () {
  this.timeout(30_000)
  let w: World
  beforeEach(async () => (w = await startWorld()))
  afterEach(() => w.close())

  it('alice (on-premises, 16.0.6965.2058) → bob offline: nothing before +2:00, then Inbox, Conversation History, Missed Conversations and the Recent list', async () => {
    const alice = w.engine(ALICE, FIXED)
    await alice.signIn()
    const outcome = await alice.sendIm(BOB, 'Are you free at 10?')
    expect(outcome.kind).to.equal('spooled')
    const imid = internetMessageIdOf(alice)

    await w.clock.advance(2 * MIN - 1)
    expect(mailboxItems(w, BOB, 'inbox')).to.have.length(0)
    expect(mailboxItems(w, ALICE, 'conversationhistory')).to.have.length(0)
    expect(requests(alice, 'CreateItem')).to.have.length(0)
    expect(await spoolFiles(w, ALICE)).to.have.length(1)

    await w.clock.advance(1)
    const inbox = mailboxItems(w, BOB, 'inbox')
    expect(inbox).to.have.length(1)
    expect(inbox[0]!.itemClass).to.equal('IPM.Note.Microsoft.Missed')
    expect(inbox[0]!.from?.address).to.equal(ALICE)
    expect(inbox[0]!.body.text).to.include('Are you free at 10?')
    expect(inbox[0]!.internetMessageId).to.equal(imid)
    const history = mailboxItems(w, BOB, 'conversationhistory')
    expect(history.map((i) => i.itemClass)).to.deep.equal(['IPM.Note.Microsoft.Conversation'])
    expect(history[0]!.from?.address).to.equal(ALICE)
    // The view shows every IPM.Note.Microsoft.Missed* item (docs/decisions/0007): the Inbox one.
    expect(
      mailboxItems(w, BOB, 'missed').map((i) => [i.itemClass, i.internetMessageId]),
    ).to.deep.equal([['IPM.Note.Microsoft.Missed', imid]])

    const copy = mailboxItems(w, ALICE, 'conversationhistory')
    expect(copy.map((i) => [i.itemClass, i.internetMessageId])).to.deep.equal([
      ['IPM.Note.Microsoft.Missed', imid],
    ])
    expect(await spoolFiles(w, ALICE)).to.deep.equal([])
    expect(mailboxItems(w, ALICE, 'drafts')).to.have.length(0)
    expect(alice.trace.events.filter((e) => e.event === 'delivered')).to.have.length(1)

    // 16.0.7571.2072: the first build that shows the unread count of missed offline IMs.
    const bob = w.engine(BOB, '16.0.7571.2072')
    await bob.signIn()
    expect(bob.recent.map((r) => [r.from, r.itemClass])).to.deep.equal([
      [ALICE, 'IPM.Note.Microsoft.Conversation'],
    ])
    expect(bob.missedCount).to.equal(1)
  })

  it('alice with 16.0.6965.2053 → bob: Drafts grows by one per tick, bob gets nothing, the spool file stays with attempts growing', async () => {
    const alice = w.engine(ALICE, BUGGY)
    await alice.signIn()
    await alice.sendIm(BOB, 'Are you free at 10?')
    const [file] = await spoolFiles(w, ALICE)
    expect(file).to.be.a('string')

    for (const tick of [1, 2, 3, 4]) {
      await w.clock.advance(2 * MIN)
      const at = `+${2 * tick}:00`
      expect(mailboxItems(w, ALICE, 'drafts'), `alice's Drafts at ${at}`).to.have.length(tick)
      expect(mailboxItems(w, BOB, 'inbox'), `bob's Inbox at ${at}`).to.have.length(0)
      expect(await spoolFiles(w, ALICE), `spool files at ${at}`).to.deep.equal([file])
      const onDisk = readSpoolFile(w, ALICE, file!)
      expect(onDisk.attempts, `attempts on disk at ${at}`).to.equal(tick)
      expect(onDisk.drafts, `drafts on disk at ${at}`).to.have.length(tick)
    }
    const refusals = alice.trace.events.filter(
      (e) => e.event === 'ews.response' && e.operation === 'SendItem',
    )
    expect(refusals.map((e) => e.responseCode)).to.deep.equal(
      Array(4).fill('ErrorMessageSubmissionBlocked'),
    )
    expect(mailboxItems(w, ALICE, 'conversationhistory')).to.have.length(0)
  })

  it('carol (Exchange Online) with 16.0.6965.2053 → alice (federated): the two-step send goes through, alice gets plain mail only', async () => {
    const carol = w.engine(CAROL, BUGGY)
    await carol.signIn()
    await carol.sendIm(ALICE, 'Hello from Fabrikam')
    await w.clock.advance(2 * MIN)

    expect(
      carol.trace.events.filter((e) => e.event === 'send.path').map((e) => e.path),
    ).to.deep.equal(['two-step'])
    expect(requests(carol, 'SendItem')).to.have.length(1)
    const inbox = mailboxItems(w, ALICE, 'inbox')
    expect(inbox.map((i) => [i.itemClass, i.from?.address])).to.deep.equal([['IPM.Note', CAROL]])
    expect(inbox[0]!.body.text).to.include('Hello from Fabrikam')
    expect(mailboxItems(w, ALICE, 'conversationhistory')).to.have.length(0)
    expect(mailboxItems(w, ALICE, 'missed')).to.have.length(0)
    expect(mailboxItems(w, CAROL, 'drafts')).to.have.length(0)
    expect(await spoolFiles(w, CAROL)).to.deep.equal([])
  })

  it('alice (16.0.6965.2058) → carol (federated): carol gets plain mail only; alice keeps her copy', async () => {
    const alice = w.engine(ALICE, FIXED)
    await alice.signIn()
    await alice.sendIm(CAROL, 'Hi Carol')
    const imid = internetMessageIdOf(alice)
    await w.clock.advance(2 * MIN)

    const inbox = mailboxItems(w, CAROL, 'inbox')
    expect(inbox.map((i) => [i.itemClass, i.from?.address])).to.deep.equal([['IPM.Note', ALICE]])
    expect(inbox[0]!.body.text).to.include('Hi Carol')
    expect(mailboxItems(w, CAROL, 'conversationhistory')).to.have.length(0)
    expect(mailboxItems(w, CAROL, 'missed')).to.have.length(0)
    expect(
      mailboxItems(w, ALICE, 'conversationhistory').map((i) => [i.itemClass, i.internetMessageId]),
    ).to.deep.equal([['IPM.Note.Microsoft.Missed', imid]])
    expect(await spoolFiles(w, ALICE)).to.deep.equal([])

    const carol = w.engine(CAROL, FIXED)
    await carol.signIn()
    expect(carol.recent).to.deep.equal([])
    expect(carol.missedCount).to.equal(0)
  })

  it('writes the trace file as JSON lines holding the same events as engine.trace.events', async () => {
    const alice = w.engine(ALICE, FIXED)
    await alice.signIn()
    await alice.sendIm(BOB, 'traced')
    await w.clock.advance(2 * MIN)
    const bob = w.engine(BOB, FIXED)
    await bob.signIn()

    for (const engine of [alice, bob]) {
      const lines = readFileSync(traceFile(w.localAppData, engine.address), 'utf8').split('\n')
      expect(lines.pop(), 'the file ends with a newline').to.equal('')
      const onDisk = lines.map((l) => JSON.parse(l) as TraceEvent)
      expect(onDisk).to.have.length(engine.trace.events.length)
      expect(onDisk).to.deep.equal(JSON.parse(JSON.stringify(engine.trace.events)))
    }
    const names = alice.trace.events.map((e) => e.event)
    for (const name of ['spool.write', 'spool.pickup', 'delivered', 'spool.remove'] as const)
      expect(
        names.filter((n) => n === name),
        name,
      ).to.have.length(1)
  })
})

describe('offline-IM engine within Exchange Online (a second fabrikam user)', function () {
  this.timeout(30_000)
  let w: World
  beforeEach(async () => (w = await startWorld({ ews: { topology: withDave() } })))
  afterEach(() => w.close())

  it('carol with 16.0.6965.2053 → dave: Online accepts the SendItem; dave gets the offline IM, carol no draft', async () => {
    const carol = w.engine(CAROL, BUGGY)
    await carol.signIn()
    await carol.sendIm(DAVE, 'Lunch?')
    const imid = internetMessageIdOf(carol)
    await w.clock.advance(2 * MIN)

    const inbox = mailboxItems(w, DAVE, 'inbox')
    expect(inbox.map((i) => [i.itemClass, i.from?.address, i.internetMessageId])).to.deep.equal([
      ['IPM.Note.Microsoft.Missed', CAROL, imid],
    ])
    expect(mailboxItems(w, DAVE, 'conversationhistory').map((i) => i.itemClass)).to.deep.equal([
      'IPM.Note.Microsoft.Conversation',
    ])
    expect(mailboxItems(w, DAVE, 'missed')).to.have.length(1)
    expect(mailboxItems(w, CAROL, 'drafts')).to.have.length(0)
    expect(
      mailboxItems(w, CAROL, 'conversationhistory').map((i) => i.internetMessageId),
    ).to.deep.equal([imid])
    expect(await spoolFiles(w, CAROL)).to.deep.equal([])
  })
})

/** The InternetMessageId of the engine's only spooled message (from its trace). */
function internetMessageIdOf(engine: OfflineImEngine): string {
  const writes = engine.trace.events.filter((e) => e.event === 'spool.write')
  expect(writes).to.have.length(1)
  return writes[0]!.internetMessageId as string
}

function requests(engine: OfflineImEngine, operation: string): TraceEvent[] {
  return engine.trace.events.filter((e) => e.event === 'ews.request' && e.operation === operation)
}

function readSpoolFile(w: World, user: string, name: string): SpoolEntry {
  const file = join(historySpoolerFolder(w.localAppData, user), name)
  return JSON.parse(readFileSync(file, 'utf8')) as SpoolEntry
}

/** The demo topology with dave@fabrikam.com beside carol in Exchange Online. */
function withDave(): Topology {
  const topology = demoTopology()
  const fabrikam = topology.organisations.find((o) => o.domain === 'fabrikam.com')!
  fabrikam.users.push({
    address: DAVE,
    sip: DAVE,
    password: DEMO_PASSWORD,
    displayName: 'Dave Lee',
  })
  return topology
}
