/**
 * The offline-IM engine with a fake EWS transport, a virtual clock and files in memory: each gate
 * on both sides of its threshold, pick-up exactly at +2:00, the retry cadence, the two send paths,
 * the InternetMessageId check after an uncertain failure, crash and restart, sign-out, the
 * recipient's Recent list, and the trace.
 */
import { expect } from 'chai'
import {
  historySpoolerFolder,
  MemoryFileSystem,
  OfflineImEngine,
  SharedPresence,
  sequentialIds,
  TRACE_EVENTS,
  traceFile,
  VirtualClock,
} from '../../../client/engine/index.ts'
import type {
  EngineOptions,
  FileSystem,
  Provisioning,
  TraceEvent,
} from '../../../client/engine/index.ts'
import type {
  CreateItemRequest,
  EwsFailure,
  EwsResult,
  EwsTransport,
  FindItemRequest,
  SendItemRequest,
} from '../../../client/ews/index.ts'

const ALICE = 'alice@contoso.com'
const BOB = 'bob@contoso.com'
const FIXED = '16.0.6965.2058'
const BUGGY = '16.0.6965.2053'
const LAD = '/lad'
const MIN = 60_000

const ok = <T>(value: T): EwsResult<T> => ({ ok: true, value })
const ko = (failure: EwsFailure): EwsResult<never> => ({ ok: false, failure })

/** A scriptable EWS: records every call with its virtual time; answers come from `script`. */
class FakeEws implements EwsTransport {
  calls: { op: string; at: string; request: unknown }[] = []
  createResult: (
    r: CreateItemRequest,
  ) => EwsResult<{ itemId?: { id: string; changeKey: string } }> = (r) =>
    ok(
      r.disposition === 'SaveOnly'
        ? { itemId: { id: `draft-${this.calls.length}`, changeKey: 'ck' } }
        : {},
    )
  sendResult: (r: SendItemRequest) => EwsResult<void> = () => ok(undefined)
  findResult: (
    r: FindItemRequest,
  ) => EwsResult<{ items: never[]; total: number; includesLast: boolean }> = () =>
    ok({ items: [], total: 0, includesLast: true })
  folders = [
    {
      id: 'mc',
      changeKey: 'k',
      displayName: 'Missed Conversations',
      totalCount: 3,
      unreadCount: 2,
    },
  ]

  constructor(private readonly clock: VirtualClock) {}

  #record(op: string, request: unknown): void {
    this.calls.push({ op, at: this.clock.now().toISOString().slice(11, 19), request })
  }
  ops(op?: string): string[] {
    return this.calls.filter((c) => !op || c.op === op).map((c) => `${c.op}@${c.at}`)
  }
  async createItem(r: CreateItemRequest) {
    this.#record('CreateItem', r)
    return this.createResult(r)
  }
  async sendItem(r: SendItemRequest) {
    this.#record('SendItem', r)
    return this.sendResult(r)
  }
  async findItem(r: FindItemRequest) {
    this.#record('FindItem', r)
    return this.findResult(r)
  }
  async getItem() {
    return ok({ messages: [] })
  }
  async deleteItem() {
    return ok({ results: [] })
  }
  async getFolder() {
    return ok({ folders: [] })
  }
  async findFolder() {
    this.#record('FindFolder', {})
    return ok({ folders: this.folders })
  }
  async createFolder() {
    this.#record('CreateFolder', {})
    return ok({ id: 'ch', changeKey: 'k' })
  }
}

interface Rig {
  clock: VirtualClock
  fs: MemoryFileSystem
  ews: FakeEws
  presence: SharedPresence
  engine(
    overrides?: Partial<EngineOptions> & { online?: boolean; reachable?: boolean },
  ): OfflineImEngine
}

const CU3: Provisioning = {
  online: false,
  imConfigurationAvailable: true,
  enableOfflineIm: undefined,
  enableIMAutoArchiving: undefined,
}

function rig(): Rig {
  const clock = new VirtualClock('2016-06-10T09:00:00Z')
  const fs = new MemoryFileSystem()
  const ews = new FakeEws(clock)
  const presence = new SharedPresence()
  let incarnation = 0
  return {
    clock,
    fs,
    ews,
    presence,
    engine({ online = false, reachable = true, ...overrides } = {}) {
      incarnation += 1
      return new OfflineImEngine({
        address: ALICE,
        build: FIXED,
        localAppData: LAD,
        clock,
        timers: clock,
        fs,
        ews: {
          discover: async () =>
            reachable
              ? ok({ ewsUrl: 'http://ews.invalid/EWS/Exchange.asmx', microsoftOnline: online })
              : ko({ kind: 'network', reason: 'refused', detail: 'connect ECONNREFUSED' }),
          connect: () => ews,
        },
        provisioning: async () => ({ ...CU3, online }),
        presence,
        ids: sequentialIds(`m${incarnation}`),
        ...overrides,
      })
    },
  }
}

const spoolFiles = (r: Rig): Promise<string[]> => r.fs.list(historySpoolerFolder(LAD, ALICE))
const events = (e: OfflineImEngine, name: string): TraceEvent[] =>
  e.trace.events.filter((x) => x.event === name)

async function signedIn(
  r: Rig,
  overrides?: Parameters<Rig['engine']>[0],
): Promise<OfflineImEngine> {
  const e = r.engine(overrides)
  await e.signIn()
  r.ews.calls = []
  return e
}

describe('offline-IM engine (fake EWS, virtual clock)', () => {
  describe('gates: both sides of every threshold', () => {
    const cases: [string, Parameters<Rig['engine']>[0], string | undefined][] = [
      ['16.0.6701.999 (Online)', { build: '16.0.6701.999', online: true }, 'build'],
      ['16.0.6701.1000 (Online)', { build: '16.0.6701.1000', online: true }, undefined],
      ['16.0.6919.9999 on-premises', { build: '16.0.6919.9999' }, 'on-premises-build'],
      ['16.0.6920.1000 on-premises', { build: '16.0.6920.1000' }, undefined],
      [
        '16.0.6919.9999 with an Online mailbox',
        { build: '16.0.6919.9999', online: true },
        undefined,
      ],
      [
        'EnableOfflineIm $False',
        { provisioning: async () => ({ ...CU3, enableOfflineIm: false }) },
        'server-setting',
      ],
      [
        'EnableOfflineIm $True',
        { provisioning: async () => ({ ...CU3, enableOfflineIm: true }) },
        undefined,
      ],
      ['EnableOfflineIm unset (CU3 default)', {}, undefined],
      [
        'no CsImConfiguration (before CU3)',
        { provisioning: async () => ({ ...CU3, imConfigurationAvailable: false }) },
        'server-setting',
      ],
      [
        'Online ignores EnableOfflineIm',
        {
          online: true,
          provisioning: async () => ({ ...CU3, online: true, enableOfflineIm: false }),
        },
        undefined,
      ],
      [
        'EnableIMAutoArchiving $False',
        { provisioning: async () => ({ ...CU3, enableIMAutoArchiving: false }) },
        'client-policy',
      ],
      [
        'EnableIMAutoArchiving $True',
        { provisioning: async () => ({ ...CU3, enableIMAutoArchiving: true }) },
        undefined,
      ],
      ['EWS unreachable', { reachable: false }, 'ews'],
    ]
    for (const [what, overrides, failedGate] of cases) {
      it(`${what}: ${failedGate ? `refused by the ${failedGate} gate` : 'spooled'}`, async () => {
        const r = rig()
        const e = await signedIn(r, overrides)
        const outcome = await e.sendIm(BOB, 'Hi')
        const gates = events(e, 'gate').slice(-5)
        expect(gates.map((g) => g.gate)).to.deep.equal([
          'build',
          'on-premises-build',
          'server-setting',
          'client-policy',
          'ews',
        ])
        for (const g of gates) expect(g.reason).to.be.a('string').and.not.equal('')
        if (failedGate) {
          expect(outcome.kind).to.equal('refused')
          const failed = gates.find((g) => !g.passed)!
          expect(failed.gate).to.equal(failedGate)
          expect(outcome.kind === 'refused' && outcome.reason).to.include(String(failed.reason))
          expect(await spoolFiles(r)).to.deep.equal([])
        } else {
          expect(outcome.kind).to.equal('spooled')
          expect(gates.every((g) => g.passed)).to.equal(true)
          expect(await spoolFiles(r)).to.deep.equal(['m1-1.json'])
        }
        expect(r.ews.ops()).to.deep.equal([]) // no check of the recipient, nothing sent yet
      })
    }
  })

  it('EWS refusing the client (ErrorInvalidServerVersion at sign-in): refused by the ews gate, never "spooled"', async () => {
    const r = rig()
    const refused = ko({
      kind: 'ews',
      code: 'ErrorInvalidServerVersion',
      message: 'The specified server version is invalid.',
      level: 'fault',
    })
    r.ews.findResult = () => refused
    r.ews.findFolder = async () => refused
    const e = await signedIn(r)
    const outcome = await e.sendIm(BOB, 'Hi')
    expect(outcome.kind).to.equal('refused')
    expect(outcome.kind === 'refused' && outcome.reason).to.include('ErrorInvalidServerVersion')
    expect(events(e, 'gate').at(-1)).to.include({ gate: 'ews', passed: false })
    expect(await spoolFiles(r)).to.deep.equal([])
  })

  it('names its folder from the SIP address, not the SMTP address (sip_<sip address>)', async () => {
    const r = rig()
    const e = await signedIn(r, { sipAddress: 'sip:ASmith@contoso.com' })
    expect(await e.sendIm(BOB, 'Hi')).to.include({ kind: 'spooled' })
    expect(await r.fs.list(historySpoolerFolder(LAD, 'asmith@contoso.com'))).to.deep.equal([
      'm1-1.json',
    ])
    expect(e.spooler.folder).to.include('sip_asmith@contoso.com')
    expect(await spoolFiles(r)).to.deep.equal([])
  })

  describe('presence', () => {
    const signedInStates = [
      'available',
      'busy',
      'be-right-back',
      'away',
      'off-work',
      'do-not-disturb',
      'presenting',
    ] as const
    for (const p of signedInStates) {
      it(`a contact who is ${p} gets an ordinary IM: nothing spooled, no EWS`, async () => {
        const r = rig()
        const e = await signedIn(r)
        r.presence.publish(BOB, p)
        expect(await e.sendIm(BOB, 'Hi')).to.deep.equal({ kind: 'live', presence: p })
        await r.clock.advance(10 * MIN)
        expect(await spoolFiles(r)).to.deep.equal([])
        expect(r.ews.ops()).to.deep.equal([])
      })
    }
    it('a contact who appears offline gets an offline IM', async () => {
      const r = rig()
      const e = await signedIn(r)
      r.presence.publish(BOB, 'appear-offline')
      expect((await e.sendIm(BOB, 'Hi')).kind).to.equal('spooled')
    })
    it('an offline contact gets an offline IM; a client that is not signed in refuses', async () => {
      const r = rig()
      const e = r.engine()
      expect((await e.sendIm(BOB, 'Hi')).kind).to.equal('refused')
      await e.signIn()
      r.presence.publish(BOB, 'offline')
      expect((await e.sendIm(BOB, 'Hi')).kind).to.equal('spooled')
    })
  })

  describe('timing', () => {
    it('picks the message up exactly 2 minutes after it was sent, not before', async () => {
      const r = rig()
      const e = await signedIn(r)
      await e.sendIm(BOB, 'Hi')
      await r.clock.advance(2 * MIN - 1)
      expect(r.ews.ops()).to.deep.equal([])
      expect(await spoolFiles(r)).to.deep.equal(['m1-1.json'])
      await r.clock.advance(1)
      expect(r.ews.ops()).to.deep.equal(['CreateItem@09:02:00'])
      expect(await spoolFiles(r)).to.deep.equal([])
      expect(events(e, 'delivered')).to.have.length(1)
      expect(events(e, 'spool.remove')).to.have.length(1)
    })

    it('retries every 2 minutes while Exchange fails', async () => {
      const r = rig()
      r.ews.createResult = () => ko({ kind: 'http', status: 503 })
      const e = await signedIn(r)
      await e.sendIm(BOB, 'Hi')
      await r.clock.advance(9 * MIN)
      expect(r.ews.ops()).to.deep.equal([
        'CreateItem@09:02:00',
        'CreateItem@09:04:00',
        'CreateItem@09:06:00',
        'CreateItem@09:08:00',
      ])
      expect(await spoolFiles(r)).to.deep.equal(['m1-1.json'])
      expect(events(e, 'spool.keep').map((k) => k.attempts)).to.deep.equal([1, 2, 3, 4])
    })

    it("waits out ErrorServerBusy's BackOffMilliseconds when it is longer than 2 minutes", async () => {
      const r = rig()
      let busy = 1
      r.ews.createResult = () =>
        busy-- > 0
          ? ko({
              kind: 'ews',
              code: 'ErrorServerBusy',
              message: 'busy',
              level: 'fault',
              backOffMs: 5 * MIN,
            })
          : ok({})
      const e = await signedIn(r)
      await e.sendIm(BOB, 'Hi')
      await r.clock.advance(20 * MIN)
      expect(r.ews.ops()).to.deep.equal(['CreateItem@09:02:00', 'CreateItem@09:07:00'])
    })

    it('does nothing while signed out and resumes 2 minutes after the next sign-in', async () => {
      const r = rig()
      const e = await signedIn(r)
      await e.sendIm(BOB, 'Hi')
      await e.signOut()
      await r.clock.advance(30 * MIN)
      expect(r.ews.ops('CreateItem')).to.deep.equal([])
      await e.signIn()
      await r.clock.advance(2 * MIN)
      expect(r.ews.ops('CreateItem')).to.deep.equal(['CreateItem@09:32:00'])
    })
  })

  describe('send paths', () => {
    it('a fixed build sends in one step, SendAndSaveCopy into conversationhistory', async () => {
      const r = rig()
      const e = await signedIn(r)
      await e.sendIm(BOB, 'Fish & <chips>')
      await r.clock.advance(2 * MIN)
      expect(r.ews.ops()).to.deep.equal(['CreateItem@09:02:00'])
      const req = r.ews.calls[0]!.request as CreateItemRequest
      expect(req.disposition).to.equal('SendAndSaveCopy')
      expect(req.savedFolder).to.equal('conversationhistory')
      expect(req.message.itemClass).to.equal('IPM.Note.Microsoft.Missed')
      expect(req.message.subject).to.equal('Alice sent you a message in Skype for Business')
      expect(req.message.to).to.deep.equal([BOB])
      expect(req.message.body.text).to.include('Fish &amp; &lt;chips&gt;')
      expect(req.message.internetMessageId).to.equal('<m1-1@contoso.com>')
    })

    for (const build of [BUGGY, '16.0.6920.1000']) {
      it(`${build} sends in two steps and makes one more draft every tick while SendItem fails`, async () => {
        const r = rig()
        r.ews.sendResult = () =>
          ko({
            kind: 'ews',
            code: 'ErrorMessageSubmissionBlocked',
            message: 'no',
            level: 'message',
          })
        const e = await signedIn(r, { build })
        await e.sendIm(BOB, 'Hi')
        await r.clock.advance(6 * MIN)
        expect(r.ews.ops()).to.deep.equal([
          'CreateItem@09:02:00',
          'SendItem@09:02:00',
          'CreateItem@09:04:00',
          'SendItem@09:04:00',
          'CreateItem@09:06:00',
          'SendItem@09:06:00',
        ])
        const create = r.ews.calls[0]!.request as CreateItemRequest
        expect(create).to.deep.include({ disposition: 'SaveOnly', savedFolder: 'drafts' })
        expect(r.ews.calls[1]!.request).to.deep.equal({
          itemId: 'draft-1',
          changeKey: 'ck',
          saveItemToFolder: true,
          savedFolder: 'conversationhistory',
        })
        expect(e.spooled[0]!.drafts).to.have.length(3)
        expect(r.ews.ops('FindItem')).to.deep.equal([]) // the bug builds never check
      })
    }

    it("sendPath 'one-step' switches the client half of the bug off", async () => {
      const r = rig()
      const e = await signedIn(r, { build: BUGGY, sendPath: 'one-step' })
      await e.sendIm(BOB, 'Hi')
      await r.clock.advance(2 * MIN)
      expect(r.ews.ops()).to.deep.equal(['CreateItem@09:02:00'])
      expect((r.ews.calls[0]!.request as CreateItemRequest).disposition).to.equal('SendAndSaveCopy')
    })
  })

  describe('exactly once: the InternetMessageId check', () => {
    const uncertain: [string, EwsFailure][] = [
      ['a reset', { kind: 'network', reason: 'reset', detail: 'socket hang up' }],
      ['a timeout', { kind: 'network', reason: 'timeout', detail: 'no answer' }],
      ['HTTP 500', { kind: 'http', status: 500 }],
    ]
    for (const [what, f] of uncertain) {
      it(`after ${what}: looks the message up first and does not send it twice`, async () => {
        const r = rig()
        let first = true
        r.ews.createResult = () => (first ? ((first = false), ko(f)) : ok({}))
        const e = await signedIn(r)
        r.ews.findResult = (q) => {
          expect(q.folder).to.equal('conversationhistory')
          expect(q.restriction).to.deep.equal({
            field: 'message:InternetMessageId',
            equals: '<m1-1@contoso.com>',
          })
          return ok({ items: [], total: 1, includesLast: true })
        }
        await e.sendIm(BOB, 'Hi')
        await r.clock.advance(4 * MIN)
        expect(r.ews.ops()).to.deep.equal(['CreateItem@09:02:00', 'FindItem@09:04:00'])
        expect(events(e, 'delivery.check').at(-1)).to.include({ found: true })
        expect(await spoolFiles(r)).to.deep.equal([])
      })
    }

    it('sends again when the check does not find it', async () => {
      const r = rig()
      let first = true
      r.ews.createResult = () => (first ? ((first = false), ko(uncertain[0]![1])) : ok({}))
      const e = await signedIn(r)
      await e.sendIm(BOB, 'Hi')
      await r.clock.advance(4 * MIN)
      expect(r.ews.ops()).to.deep.equal([
        'CreateItem@09:02:00',
        'FindItem@09:04:00',
        'CreateItem@09:04:00',
      ])
      expect(await spoolFiles(r)).to.deep.equal([])
    })

    const certain: EwsFailure[] = [
      { kind: 'ews', code: 'ErrorServerBusy', message: 'busy', level: 'fault' },
      { kind: 'network', reason: 'refused', detail: 'ECONNREFUSED' },
      { kind: 'unauthorized' },
      { kind: 'http', status: 503 },
    ]
    for (const f of certain) {
      it(`after a certain failure (${f.kind}) sends again without a check`, async () => {
        const r = rig()
        let first = true
        r.ews.createResult = () => (first ? ((first = false), ko(f)) : ok({}))
        const e = await signedIn(r)
        await e.sendIm(BOB, 'Hi')
        await r.clock.advance(4 * MIN)
        expect(r.ews.ops()).to.deep.equal(['CreateItem@09:02:00', 'CreateItem@09:04:00'])
      })
    }
  })

  describe('crash and restart', () => {
    it('a port that throws halts the engine; a new engine finishes the entry without sending twice', async () => {
      const r = rig()
      const crashing: FileSystem = Object.assign(Object.create(r.fs) as FileSystem, {
        remove: async () => {
          throw new Error('power cut')
        },
      })
      const first = await signedIn(r, { fs: crashing })
      await first.sendIm(BOB, 'Hi')
      await r.clock.advance(2 * MIN)
      expect(first.status).to.equal('halted')
      expect((first.haltedBy as Error).message).to.equal('power cut')
      expect(r.ews.ops('CreateItem')).to.deep.equal(['CreateItem@09:02:00'])
      expect(await spoolFiles(r)).to.deep.equal(['m1-1.json'])

      r.ews.findResult = () => ok({ items: [], total: 1, includesLast: true })
      const second = r.engine()
      await second.signIn()
      expect(events(second, 'spool.load')[0]).to.include({
        entry: 'm1-1',
        inFlight: true,
        dueAt: '2016-06-10T09:04:00.000Z',
      })
      await r.clock.advance(2 * MIN)
      expect(r.ews.ops('CreateItem')).to.deep.equal(['CreateItem@09:02:00'])
      expect(await spoolFiles(r)).to.deep.equal([])
    })

    it('an unreadable spool file is reported and left where it is', async () => {
      const r = rig()
      await r.fs.write(`${historySpoolerFolder(LAD, ALICE)}/junk.json`, '{not json')
      const e = r.engine()
      await e.signIn()
      expect(events(e, 'spool.unreadable')).to.have.length(1)
      expect(await spoolFiles(r)).to.deep.equal(['junk.json'])
    })
  })

  describe('recipient side and trace', () => {
    it('reads Conversation History and the Missed Conversations view at sign-in', async () => {
      const r = rig()
      r.ews.findResult = () =>
        ok({
          items: [
            {
              itemId: { id: '1', changeKey: 'a' },
              itemClass: 'IPM.Note.Microsoft.Conversation',
              subject: 'old',
              isRead: true,
              dateTimeReceived: '2016-06-09T09:00:00Z',
            },
            {
              itemId: { id: '2', changeKey: 'b' },
              itemClass: 'IPM.Note.Microsoft.Conversation',
              subject: 'new',
              isRead: false,
              dateTimeReceived: '2016-06-10T08:00:00Z',
              from: { address: BOB },
            },
          ] as never[],
          total: 2,
          includesLast: true,
        })
      const e = r.engine({ build: '16.0.7571.2072' })
      await e.signIn()
      expect(e.recent.map((x) => x.subject)).to.deep.equal(['new', 'old'])
      expect(e.recent[0]!.from).to.equal(BOB)
      expect(e.missedCount).to.equal(2)
      expect(r.ews.ops()).to.deep.equal(['FindItem@09:00:00', 'FindFolder@09:00:00'])
      // Before 16.0.7571.2072 the unread count of missed offline IMs was not shown.
      const older = r.engine({ build: '16.0.7466.2038' })
      await older.signIn()
      expect(older.missedCount).to.equal(0)
    })

    it('writes every event, with known names, to the trace file; one message can be followed by its entry id', async () => {
      const r = rig()
      const e = await signedIn(r)
      await e.sendIm(BOB, 'Hi')
      await r.clock.advance(2 * MIN)
      for (const ev of e.trace.events) expect(TRACE_EVENTS).to.include(ev.event)
      const file = (await r.fs.read(traceFile(LAD, ALICE)))!
      const lines = file
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as TraceEvent)
      expect(lines).to.deep.equal(JSON.parse(JSON.stringify(e.trace.events)))
      const ofEntry = e.trace.events.filter((x) => x.entry === 'm1-1').map((x) => x.event)
      expect(ofEntry).to.deep.equal([
        'spool.write',
        'spool.pickup',
        'send.path',
        'ews.request',
        'ews.response',
        'delivered',
        'spool.remove',
      ])
    })
  })
})
