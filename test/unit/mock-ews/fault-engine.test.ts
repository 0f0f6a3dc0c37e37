// FaultEngine: which fault fires for a request. Matching reads the operation, the caller and what the
// request element names (built from hand-written envelopes parsed with xmldom, as the endpoint does);
// the count, window and probability rules run on a FakeClock and a seeded generator.
import { expect } from 'chai'
import { FaultEngine } from '../../../mock-ews/faults/engine.ts'
import type { FaultRequest } from '../../../mock-ews/faults/engine.ts'
import { FakeClock } from '../../../mock-ews/support/clock.ts'
import { distinguished, folderId, getFolderXml } from '../../helpers/ews.ts'
import { faultRequest } from '../../helpers/faults.ts'
import {
  ALICE,
  BOB,
  CAROL,
  CLASS,
  createItemXml,
  findItemXml,
  getItemXml,
  itemId,
  messageXml,
} from '../../helpers/items.ts'

const BUSY = { type: 'ews-error', code: 'ErrorServerBusy' } as const
const INBOX_ID = 'AAMkAGI2TG93AAA='

const getInbox = (user = ALICE): FaultRequest =>
  faultRequest(getFolderXml(distinguished('inbox')), user)
const findIn = (folder: string): FaultRequest => faultRequest(findItemXml(folder))
const createItem = (itemClass?: string): FaultRequest =>
  faultRequest(
    createItemXml('SaveOnly', messageXml({ subject: 'Hi', ...(itemClass && { itemClass }) })),
  )

/** Whether a fault fires for each of `requests`, in order. */
function firing(engine: FaultEngine, requests: readonly FaultRequest[]): boolean[] {
  return requests.map((r) => engine.pick(r) !== undefined)
}

/** An engine on a FakeClock with one fault added. */
function engineWith(definition: unknown, seed?: number, clock = new FakeClock()): FaultEngine {
  const engine = new FaultEngine(clock, seed)
  engine.add(definition)
  return engine
}

describe('FaultEngine', () => {
  describe('matching', () => {
    it('fires for every request when the fault matches anything', () => {
      const engine = engineWith({ action: BUSY })
      expect(firing(engine, [getInbox(), createItem(), getInbox(CAROL)])).to.deep.equal([
        true,
        true,
        true,
      ])
    })

    it('by operation', () => {
      const engine = engineWith({ match: { operation: 'CreateItem' }, action: BUSY })
      expect(
        firing(engine, [getInbox(), createItem(), findIn(distinguished('inbox'))]),
      ).to.deep.equal([false, true, false])
    })

    it('by mailbox (the caller), whatever the case of the address in the definition', () => {
      const engine = engineWith({ match: { mailbox: 'Bob@Contoso.com' }, action: BUSY })
      expect(firing(engine, [getInbox(ALICE), getInbox(BOB), getInbox(CAROL)])).to.deep.equal([
        false,
        true,
        false,
      ])
    })

    it('by organisation (the caller’s domain)', () => {
      const contoso = engineWith({ match: { organisation: 'contoso.com' }, action: BUSY })
      expect(firing(contoso, [getInbox(ALICE), getInbox(BOB), getInbox(CAROL)])).to.deep.equal([
        true,
        true,
        false,
      ])
      const fabrikam = engineWith({ match: { organisation: 'FABRIKAM.com' }, action: BUSY })
      expect(firing(fabrikam, [getInbox(ALICE), getInbox(BOB), getInbox(CAROL)])).to.deep.equal([
        false,
        false,
        true,
      ])
    })

    it('by folder, named by distinguished name anywhere in the request', () => {
      const engine = engineWith({ match: { folder: 'inbox' }, action: BUSY })
      expect(
        firing(engine, [
          getInbox(),
          faultRequest(getFolderXml(distinguished('drafts', 'inbox'))),
          findIn(distinguished('inbox')),
          faultRequest(createItemXml('SaveOnly', messageXml(), distinguished('inbox'))),
          faultRequest(getFolderXml(distinguished('drafts'))),
          findIn(distinguished('sentitems')),
          createItem(),
        ]),
      ).to.deep.equal([true, true, true, true, false, false, false])
    })

    it('by folder, named by id', () => {
      const engine = engineWith({ match: { folder: INBOX_ID }, action: BUSY })
      expect(
        firing(engine, [
          faultRequest(getFolderXml(folderId(INBOX_ID))),
          findIn(folderId(INBOX_ID, 'CQAAAA==')),
          faultRequest(createItemXml('SaveOnly', messageXml(), folderId(INBOX_ID))),
          faultRequest(getFolderXml(folderId('AAMkAGI2TG94AAA='))),
          getInbox(),
        ]),
      ).to.deep.equal([true, true, true, false, false])
    })

    it('does not take an item id for a folder id', () => {
      const engine = engineWith({ match: { folder: INBOX_ID }, action: BUSY })
      expect(engine.pick(faultRequest(getItemXml(itemId(INBOX_ID))))).to.equal(undefined)
    })

    it('by item class prefix, case-insensitively', () => {
      const engine = engineWith({ match: { itemClass: 'ipm.note.microsoft' }, action: BUSY })
      expect(
        firing(engine, [
          createItem(CLASS.missed),
          createItem(CLASS.conversation),
          createItem('IPM.NOTE.MICROSOFT.MISSED'),
          createItem(CLASS.note),
          createItem(CLASS.ndr),
          createItem(),
        ]),
      ).to.deep.equal([true, true, true, false, false, false])
    })

    it('only when every field given matches', () => {
      const engine = engineWith({
        match: { operation: 'GetFolder', mailbox: BOB, folder: 'inbox' },
        action: BUSY,
      })
      expect(
        firing(engine, [
          getInbox(BOB),
          getInbox(ALICE),
          faultRequest(getFolderXml(distinguished('drafts')), BOB),
          faultRequest(findItemXml(distinguished('inbox')), BOB),
        ]),
      ).to.deep.equal([true, false, false, false])
    })
  })

  describe('count rule', () => {
    it('times n fires for the first n matching requests, then stops', () => {
      const engine = engineWith({ action: BUSY, when: { type: 'times', count: 3 } })
      expect(
        firing(
          engine,
          Array.from({ length: 6 }, () => getInbox()),
        ),
      ).to.deep.equal([true, true, true, false, false, false])
    })

    it('counts only matching requests', () => {
      const engine = engineWith({
        match: { operation: 'CreateItem' },
        action: BUSY,
        when: { type: 'once' },
      })
      expect(firing(engine, [getInbox(), getInbox(), createItem(), createItem()])).to.deep.equal([
        false,
        false,
        true,
        false,
      ])
    })

    it('remaining counts down and fired counts up, in pick, list and add', () => {
      const engine = new FaultEngine(new FakeClock())
      const added = engine.add({ action: BUSY, when: { type: 'times', count: 2 } })
      expect(added).to.include({ remaining: 2, fired: 0 })
      expect(engine.pick(getInbox())).to.include({ id: added.id, remaining: 1, fired: 1 })
      expect(engine.list()[0]).to.include({ remaining: 1, fired: 1 })
      expect(engine.pick(getInbox())).to.include({ remaining: 0, fired: 2 })
      expect(engine.pick(getInbox())).to.equal(undefined)
      expect(engine.list()[0]).to.include({ remaining: 0, fired: 2 })
    })

    it('has no remaining count for the other rules', () => {
      const engine = new FaultEngine(new FakeClock())
      expect(engine.add({ action: BUSY }).remaining).to.equal(undefined)
      expect(engine.add({ action: BUSY, when: { type: 'probability', p: 1 } }).remaining).to.equal(
        undefined,
      )
    })
  })

  describe('window rule', () => {
    it('fires from `from` (inclusive) to `to` (exclusive) on the injected clock', () => {
      const clock = new FakeClock('2016-06-10T08:59:59.999Z')
      const engine = engineWith(
        {
          action: BUSY,
          when: { type: 'window', from: '2016-06-10T09:00:00Z', to: '2016-06-10T09:00:30Z' },
        },
        1,
        clock,
      )
      const at = (time: string): boolean => {
        clock.set(time)
        return engine.pick(getInbox()) !== undefined
      }
      expect(at('2016-06-10T08:59:59.999Z'), 'before').to.equal(false)
      expect(at('2016-06-10T09:00:00.000Z'), 'at from').to.equal(true)
      expect(at('2016-06-10T09:00:15.000Z'), 'inside').to.equal(true)
      expect(at('2016-06-10T09:00:29.999Z'), 'just before to').to.equal(true)
      expect(at('2016-06-10T09:00:30.000Z'), 'at to').to.equal(false)
      expect(at('2016-06-10T10:00:00.000Z'), 'after').to.equal(false)
      expect(at('2016-06-10T09:00:10.000Z'), 'back inside').to.equal(true)
    })

    it('reads the clock at each pick, not when the fault is added', () => {
      const clock = new FakeClock('2016-06-10T09:00:00Z')
      const engine = engineWith(
        {
          action: BUSY,
          when: { type: 'window', from: '2016-06-10T09:01:00Z', to: '2016-06-10T09:02:00Z' },
        },
        1,
        clock,
      )
      expect(engine.pick(getInbox())).to.equal(undefined)
      clock.advance(60_000)
      expect(engine.pick(getInbox())).to.not.equal(undefined)
      clock.advance(60_000)
      expect(engine.pick(getInbox())).to.equal(undefined)
    })
  })

  describe('probability rule', () => {
    const requests = Array.from({ length: 200 }, (_, i) =>
      i % 3 === 0 ? createItem() : getInbox(i % 2 ? ALICE : BOB),
    )
    const pattern = (seed: number, p = 0.5): boolean[] =>
      firing(engineWith({ action: BUSY, when: { type: 'probability', p } }, seed), requests)

    it('fires for exactly the same requests with the same seed and the same requests', () => {
      const a = pattern(42)
      const b = pattern(42)
      expect(a).to.deep.equal(b)
      expect(a.filter(Boolean).length, 'some fire, some do not')
        .to.be.greaterThan(50)
        .and.lessThan(150)
    })

    it('fires for other requests with another seed', () => {
      expect(pattern(42)).to.not.deep.equal(pattern(43))
      expect(pattern(1)).to.not.deep.equal(pattern(2))
    })

    it('uses seed 1 when none is given', () => {
      const unseeded = firing(
        engineWith({ action: BUSY, when: { type: 'probability', p: 0.5 } }),
        requests,
      )
      expect(unseeded).to.deep.equal(pattern(1))
    })

    it('never fires with p = 0 and always fires with p = 1', () => {
      expect(pattern(42, 0).filter(Boolean)).to.have.length(0)
      expect(pattern(42, 1).filter(Boolean)).to.have.length(200)
    })

    it('fires at about the rate p over many requests', () => {
      const engine = engineWith({ action: BUSY, when: { type: 'probability', p: 0.3 } }, 7)
      const fired = Array.from({ length: 1000 }, () => engine.pick(getInbox())).filter(Boolean)
      expect(fired.length).to.be.within(240, 360)
    })

    it('draws only for matching requests: other traffic does not shift the pattern', () => {
      const def = {
        match: { operation: 'GetFolder' },
        action: BUSY,
        when: { type: 'probability', p: 0.5 },
      }
      const quiet = engineWith(def, 9)
      const busy = engineWith(def, 9)
      const alone = Array.from({ length: 60 }, () => quiet.pick(getInbox()) !== undefined)
      const mixed = Array.from({ length: 60 }, () => {
        busy.pick(createItem())
        return busy.pick(getInbox()) !== undefined
      })
      expect(mixed).to.deep.equal(alone)
    })
  })

  describe('several faults', () => {
    it('the first added wins when several fire', () => {
      const engine = new FaultEngine(new FakeClock())
      const first = engine.add({ match: { operation: 'GetFolder' }, action: BUSY })
      engine.add({ action: { type: 'reset' } })
      expect(engine.pick(getInbox())?.id).to.equal(first.id)
      expect(engine.pick(getInbox())?.definition.action.type).to.equal('ews-error')
    })

    it('a later fault fires when the earlier one does not match or is used up', () => {
      const engine = new FaultEngine(new FakeClock())
      const once = engine.add({
        match: { operation: 'GetFolder' },
        action: BUSY,
        when: { type: 'once' },
      })
      const always = engine.add({ action: { type: 'reset' } })
      expect(engine.pick(createItem())?.id).to.equal(always.id)
      expect(engine.pick(getInbox())?.id).to.equal(once.id)
      expect(engine.pick(getInbox())?.id).to.equal(always.id)
      expect(engine.list().map((f) => f.fired)).to.deep.equal([1, 2])
    })

    it('gives each fault its own id and its description', () => {
      const engine = new FaultEngine(new FakeClock())
      const a = engine.add({ action: BUSY })
      const b = engine.add({ action: { type: 'latency', ms: 5 } })
      expect(a.id).to.not.equal(b.id)
      expect(a.description).to.equal('ErrorServerBusy as a SOAP fault on any operation, always')
      expect(b.description).to.equal('5 ms latency on any operation, always')
      expect(engine.list().map((f) => f.id)).to.deep.equal([a.id, b.id])
    })

    it('refuses a bad definition without adding anything', () => {
      const engine = new FaultEngine(new FakeClock())
      expect(() => engine.add({ action: { type: 'ews-error', code: 'Busy' } })).to.throw(
        /fault\.action\.code/,
      )
      expect(engine.list()).to.deep.equal([])
    })
  })

  describe('remove, clear and list', () => {
    it('remove takes one fault out by id and says whether there was one', () => {
      const engine = new FaultEngine(new FakeClock())
      const a = engine.add({ match: { operation: 'GetFolder' }, action: BUSY })
      const b = engine.add({ match: { operation: 'CreateItem' }, action: BUSY })
      expect(engine.remove(a.id)).to.equal(true)
      expect(engine.remove(a.id)).to.equal(false)
      expect(engine.remove('fault-999')).to.equal(false)
      expect(engine.list().map((f) => f.id)).to.deep.equal([b.id])
      expect(engine.pick(getInbox())).to.equal(undefined)
      expect(engine.pick(createItem())?.id).to.equal(b.id)
    })

    it('clear takes every fault out', () => {
      const engine = new FaultEngine(new FakeClock())
      engine.add({ action: BUSY })
      engine.add({ action: { type: 'reset' } })
      engine.clear()
      expect(engine.list()).to.deep.equal([])
      expect(engine.pick(getInbox())).to.equal(undefined)
    })

    it('does not reuse the id of a removed fault', () => {
      const engine = new FaultEngine(new FakeClock())
      const a = engine.add({ action: BUSY })
      engine.clear()
      expect(engine.add({ action: BUSY }).id).to.not.equal(a.id)
    })

    it('list, add and pick return copies: changing them does not change the engine', () => {
      const engine = new FaultEngine(new FakeClock())
      const added = engine.add({ action: BUSY, when: { type: 'times', count: 2 } })
      added.remaining = 50
      const listed = engine.list()
      listed[0]!.remaining = 0
      listed[0]!.fired = 99
      listed.pop()
      const picked = engine.pick(getInbox())
      picked!.remaining = 7
      expect(engine.list()).to.have.length(1)
      expect(engine.list()[0]).to.include({ id: added.id, remaining: 1, fired: 1 })
      expect(firing(engine, [getInbox(), getInbox()])).to.deep.equal([true, false])
    })

    it('list returns copies of the definitions too', () => {
      const engine = new FaultEngine(new FakeClock())
      engine.add({ action: BUSY, when: { type: 'once' } })
      engine.list()[0]!.definition.when = { type: 'always' }
      expect(firing(engine, [getInbox(), getInbox()])).to.deep.equal([true, false])
    })
  })
})
