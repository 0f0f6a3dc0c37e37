/**
 * Subscription budget (EWSMaxSubscriptions, charged to the target mailbox) and expiry: a mailbox
 * holds at most its budget of live pull subscriptions; one whose Timeout lapsed without GetEvents
 * gives its slot back. Time is the fake clock's only.
 */
import { expect } from 'chai'
import { FakeClock, MemoryMailboxStore, parseTopology, seededIds } from '../../mock-ews/index.ts'
import type { EwsApp } from '../../mock-ews/index.ts'
import { EwsError } from '../../mock-ews/domain/errors.ts'
import {
  EVENT_TYPES,
  MAX_QUEUED_EVENTS,
  Subscriptions,
} from '../../mock-ews/notifications/subscriptions.ts'
import { call, post, testApp } from '../helpers/ews.ts'
import {
  getEventsXml,
  impersonatingEnvelope,
  impersonationHeader,
  subscribeXml,
  unsubscribeXml,
} from '../helpers/hardening.ts'
import { ALICE, BOB, CAROL, itemFields } from '../helpers/items.ts'

interface Subscribed {
  code: string
  id: string
  watermark: string
}

async function subscribe(app: EwsApp['app'], user: string, timeout = 30): Promise<Subscribed> {
  const res = await call(app, subscribeXml('all', timeout), user)
  return {
    code: res.codes()[0] ?? res.faultCode(),
    id: res.value('//m:SubscriptionId'),
    watermark: res.value('//m:Watermark'),
  }
}

async function subscribeTimes(
  app: EwsApp['app'],
  user: string,
  n: number,
  timeout = 30,
): Promise<Subscribed[]> {
  const out: Subscribed[] = []
  for (let i = 0; i < n; i++) out.push(await subscribe(app, user, timeout))
  return out
}

describe('Subscription limits', () => {
  let clock: FakeClock
  let ews: EwsApp
  beforeEach(() => {
    clock = new FakeClock('2016-06-10T09:00:00Z')
    ews = testApp({ clock })
  })

  it('gives an Exchange Online mailbox 20 subscriptions and refuses the 21st with ErrorExceededSubscriptionCount', async () => {
    const first = await subscribeTimes(ews.app, CAROL, 20)
    expect(first.map((s) => s.code)).to.deep.equal(Array(20).fill('NoError'))
    const res = await call(ews.app, subscribeXml('all'), CAROL)
    expect(res.status).to.equal(200)
    expect(res.codes()).to.deep.equal(['ErrorExceededSubscriptionCount'])
    expect(res.value('//m:SubscribeResponseMessage/@ResponseClass')).to.equal('Error')
    expect(res.value('//m:MessageText')).to.contain('20')
    expect(res.value('//m:SubscriptionId')).to.equal('')
  })

  it('keeps the refused request from touching the subscriptions held: all 20 still answer', async () => {
    const held = await subscribeTimes(ews.app, CAROL, 21)
    for (const s of held.slice(0, 20)) {
      const res = await call(ews.app, getEventsXml(s.id, s.watermark), CAROL)
      expect(res.codes()).to.deep.equal(['NoError'])
    }
  })

  it('frees a slot on Unsubscribe', async () => {
    const held = await subscribeTimes(ews.app, CAROL, 20)
    const gone = await call(ews.app, unsubscribeXml(held[3]!.id), CAROL)
    expect(gone.codes()).to.deep.equal(['NoError'])
    expect((await subscribe(ews.app, CAROL)).code).to.equal('NoError')
    expect((await subscribe(ews.app, CAROL)).code).to.equal('ErrorExceededSubscriptionCount')
  })

  it('frees the slots of subscriptions whose Timeout lapsed without GetEvents', async () => {
    const old = await subscribeTimes(ews.app, CAROL, 20, 5)
    clock.advance(5 * 60_000) // exactly Timeout: still alive
    expect((await subscribe(ews.app, CAROL)).code).to.equal('ErrorExceededSubscriptionCount')
    clock.advance(1)
    const fresh = await subscribeTimes(ews.app, CAROL, 21)
    expect(fresh.map((s) => s.code)).to.deep.equal([
      ...Array(20).fill('NoError'),
      'ErrorExceededSubscriptionCount',
    ])
    const late = await call(ews.app, getEventsXml(old[0]!.id, old[0]!.watermark), CAROL)
    expect(late.codes()).to.deep.equal(['ErrorExpiredSubscription'])
  })

  it('keeps a subscription read within its Timeout: its slot stays taken', async () => {
    const held = await subscribeTimes(ews.app, CAROL, 20, 5)
    clock.advance(4 * 60_000)
    for (const s of held) await call(ews.app, getEventsXml(s.id, s.watermark), CAROL)
    clock.advance(4 * 60_000)
    expect((await subscribe(ews.app, CAROL)).code).to.equal('ErrorExceededSubscriptionCount')
  })

  it('counts each mailbox apart: a full mailbox does not refuse another', async () => {
    const small = testApp({
      clock,
      topology: parseTopology(
        [
          'organisations:',
          '  - domain: contoso.com',
          '    exchange: exchange-2016',
          '    quotas: { maxSubscriptions: 2 }',
          '    users:',
          `      - { address: ${ALICE}, password: 'P@ssw0rd', quotas: { maxSubscriptions: 3 } }`,
          `      - { address: ${BOB}, password: 'P@ssw0rd' }`,
        ].join('\n'),
      ),
    })
    const alice = await subscribeTimes(small.app, ALICE, 4)
    const bob = await subscribeTimes(small.app, BOB, 3)
    expect(alice.map((s) => s.code)).to.deep.equal([
      'NoError',
      'NoError',
      'NoError',
      'ErrorExceededSubscriptionCount',
    ])
    expect(bob.map((s) => s.code)).to.deep.equal([
      'NoError',
      'NoError',
      'ErrorExceededSubscriptionCount',
    ])
  })

  it('gives service accounts acting through impersonation a budget of their own, charged to the target mailbox', async () => {
    const svc = 'svc@contoso.com'
    const app = testApp({
      clock,
      topology: parseTopology(
        [
          'organisations:',
          '  - domain: contoso.com',
          '    exchange: exchange-2016',
          `    impersonation: [${svc}]`,
          '    quotas: { maxSubscriptions: 2 }',
          '    users:',
          `      - { address: ${ALICE}, password: 'P@ssw0rd' }`,
          `      - { address: ${BOB}, password: 'P@ssw0rd' }`,
          `      - { address: ${svc}, password: 'P@ssw0rd' }`,
        ].join('\n'),
      ),
    }).app
    const as = async (target: string): Promise<string> => {
      const res = await post(
        app,
        impersonatingEnvelope(subscribeXml('all'), impersonationHeader(target)),
        svc,
      )
      return res.codes()[0] ?? res.faultCode()
    }
    expect([await as(ALICE), await as(ALICE), await as(ALICE)]).to.deep.equal([
      'NoError',
      'NoError',
      'ErrorExceededSubscriptionCount',
    ])
    expect([await as(BOB), await as(BOB)]).to.deep.equal(['NoError', 'NoError'])
    const own = await subscribeTimes(app, ALICE, 3)
    expect(own.map((s) => s.code)).to.deep.equal([
      'NoError',
      'NoError',
      'ErrorExceededSubscriptionCount',
    ])
  })

  it('gives an on-premises mailbox the on-premises default of 5000', async () => {
    expect(ews.directory.user(ALICE)!.limits.maxSubscriptions).to.equal(5000)
    expect(ews.directory.user(CAROL)!.limits.maxSubscriptions).to.equal(20)
  })
})

describe('Subscriptions (the registry)', () => {
  let clock: FakeClock
  let store: MemoryMailboxStore
  const spec = { folderIds: 'all' as const, eventTypes: [...EVENT_TYPES], timeoutMinutes: 1 }
  const put = (mailbox = ALICE): void => {
    const inbox = store.getDistinguishedFolder(mailbox, 'inbox').folderId.id
    store.createItem(mailbox, inbox, itemFields())
  }
  beforeEach(() => {
    clock = new FakeClock('2016-06-10T09:00:00Z')
    store = new MemoryMailboxStore({ clock, ids: seededIds(3) })
    store.createMailbox({ address: ALICE, displayName: 'Alice', generation: 2016 })
    store.createMailbox({ address: BOB, displayName: 'Bob', generation: 2016 })
  })

  it('holds each event once for its mailbox, however many subscriptions watch it', () => {
    const subs = new Subscriptions(store, clock, seededIds(4))
    for (let i = 0; i < 100; i++) subs.subscribe(ALICE, spec)
    put()
    put(BOB)
    expect(subs.eventsHeld(ALICE)).to.equal(1)
    expect(subs.eventsHeld(BOB)).to.equal(0)
  })

  it('serves pull, streaming and push subscriptions from the one log: each event held once, kept until all have read it', () => {
    const subs = new Subscriptions(store, clock, seededIds(4))
    const pull = subs.subscribe(ALICE, spec)
    const streaming = subs.subscribe(ALICE, { ...spec, kind: 'streaming' })
    const push = subs.subscribe(ALICE, { ...spec, kind: 'push', timeoutMinutes: Infinity })
    put()
    put()
    expect(subs.eventsHeld(ALICE)).to.equal(2)
    for (const id of [streaming.subscriptionId, push.subscriptionId]) {
      const batch = subs.pending(id)!
      expect(batch.events).to.have.length(2)
      subs.acknowledge(batch)
    }
    expect(subs.eventsHeld(ALICE)).to.equal(2)
    const read = subs.getEvents(ALICE, pull.subscriptionId, pull.watermark)
    expect(read.events).to.have.length(2)
    subs.getEvents(ALICE, pull.subscriptionId, read.watermark)
    expect(subs.eventsHeld(ALICE)).to.equal(0)
  })

  it('drops the events every subscription has read', () => {
    const subs = new Subscriptions(store, clock, seededIds(4))
    const a = subs.subscribe(ALICE, spec)
    const b = subs.subscribe(ALICE, spec)
    for (let i = 0; i < 30; i++) put()
    const readA = subs.getEvents(ALICE, a.subscriptionId, a.watermark)
    subs.getEvents(ALICE, a.subscriptionId, readA.watermark)
    expect(subs.eventsHeld(ALICE)).to.equal(30)
    const readB = subs.getEvents(ALICE, b.subscriptionId, b.watermark)
    expect(readB.events).to.have.length(30)
    subs.getEvents(ALICE, b.subscriptionId, readB.watermark)
    expect(subs.eventsHeld(ALICE)).to.equal(0)
  })

  it(`expires a subscription that leaves more than ${MAX_QUEUED_EVENTS} events unread, and holds no more than that`, () => {
    const subs = new Subscriptions(store, clock, seededIds(4))
    const lazy = subs.subscribe(ALICE, { ...spec, timeoutMinutes: 1440 })
    for (let i = 0; i < 2 * MAX_QUEUED_EVENTS + 1; i++) put()
    expect(subs.eventsHeld(ALICE)).to.equal(0)
    expect(subs.size).to.equal(0)
    expect(() => subs.getEvents(ALICE, lazy.subscriptionId, lazy.watermark))
      .to.throw(EwsError)
      .with.property('code', 'ErrorExpiredSubscription')
  })

  it('forgets an expired subscription when its mailbox subscribes again: nothing is kept', () => {
    const subs = new Subscriptions(store, clock, seededIds(4), () => 2)
    subs.subscribe(ALICE, spec)
    subs.subscribe(ALICE, spec)
    expect(subs.size).to.equal(2)
    clock.advance(60_001)
    subs.subscribe(ALICE, spec)
    expect(subs.size).to.equal(1)
    expect(subs.countOf(ALICE)).to.equal(1)
  })
})
