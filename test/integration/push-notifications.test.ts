/**
 * Push notifications: Subscribe PushSubscriptionRequest makes mock-ews POST SendNotification to a
 * loopback receiver — a StatusEvent at once, events as they happen, a StatusEvent after
 * StatusFrequency minutes of quiet (fake clock) — until the receiver answers Unsubscribe, or stops
 * answering past its retries (30 s, then doubling, within StatusFrequency).
 */
import { expect } from 'chai'
import { EwsError, FakeClock, seededIds, silentLogger } from '../../mock-ews/index.ts'
import { PushNotifier } from '../../mock-ews/notifications/push.ts'
import { Subscriptions } from '../../mock-ews/notifications/subscriptions.ts'
import { timersOn } from '../../mock-ews/support/timers.ts'
import type { EwsApp } from '../../mock-ews/index.ts'
import { call, distinguished, testApp } from '../helpers/ews.ts'
import { saveItem } from '../helpers/items.ts'
import { inFrame, pushReceiver } from '../helpers/streams.ts'
import type { PushReceiver } from '../helpers/streams.ts'

const pushXml = (url: string, minutes = 1): string =>
  `<m:Subscribe><m:PushSubscriptionRequest><t:FolderIds>${distinguished('inbox')}</t:FolderIds>` +
  '<t:EventTypes><t:EventType>CreatedEvent</t:EventType></t:EventTypes>' +
  `<t:StatusFrequency>${minutes}</t:StatusFrequency><t:URL>${url}</t:URL></m:PushSubscriptionRequest></m:Subscribe>`

/** Lets the loopback POSTs in flight complete (they are real sockets, not timers). */
async function settle(receiver: PushReceiver, count: number): Promise<void> {
  await receiver.notification(count)
  for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r))
}

describe('push notifications', () => {
  let clock: FakeClock
  let mock: EwsApp
  let receiver: PushReceiver
  beforeEach(async () => {
    clock = new FakeClock('2016-06-10T09:00:00Z')
    mock = testApp({ clock })
    receiver = await pushReceiver()
  })
  afterEach(() => receiver.close())

  it('POSTs a StatusEvent at once, the events as they happen, and a StatusEvent after StatusFrequency', async () => {
    const res = await call(mock.app, pushXml(receiver.url, 2))
    expect(res.codes()).to.deep.equal(['NoError'])
    const id = res.value('//m:SubscriptionId')
    const first = await receiver.notification(1)
    expect(inFrame(first, '//m:SendNotificationResponseMessage/m:ResponseCode')).to.deep.equal([
      'NoError',
    ])
    expect(inFrame(first, '//m:Notification/t:SubscriptionId')).to.deep.equal([id])
    expect(inFrame(first, '//t:StatusEvent/t:Watermark')).to.have.length(1)
    await settle(receiver, 1)
    const item = await saveItem(mock.app, { subject: 'pushed' }, distinguished('inbox'))
    const second = await receiver.notification(2)
    expect(inFrame(second, '//t:CreatedEvent/t:ItemId/@Id')).to.deep.equal([item.id])
    await settle(receiver, 2)
    clock.advance(2 * 60_000)
    const beat = await receiver.notification(3)
    expect(inFrame(beat, '//t:StatusEvent')).to.have.length(1)
  })

  it('stops when the receiver answers Unsubscribe', async () => {
    receiver.answer = 'Unsubscribe'
    const id = (await call(mock.app, pushXml(receiver.url))).value('//m:SubscriptionId')
    await settle(receiver, 1)
    await saveItem(mock.app, { subject: 'not pushed' }, distinguished('inbox'))
    clock.advance(10 * 60_000)
    for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r))
    expect(receiver.received).to.have.length(1)
    const res = await call(
      mock.app,
      `<m:Unsubscribe><m:SubscriptionId>${id}</m:SubscriptionId></m:Unsubscribe>`,
    )
    expect(res.codes()).to.deep.equal(['ErrorSubscriptionNotFound'])
  })

  it('retries an unanswered notification at 30 and 60 s, then the subscription dies (StatusFrequency 1)', async () => {
    receiver.answer = 'fail'
    await call(mock.app, pushXml(receiver.url, 1))
    await settle(receiver, 1)
    clock.advance(30_000)
    await settle(receiver, 2)
    clock.advance(30_000)
    await settle(receiver, 3)
    receiver.answer = 'OK'
    clock.advance(10 * 60_000)
    await saveItem(mock.app, { subject: 'too late' }, distinguished('inbox'))
    for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r))
    expect(receiver.received).to.have.length(3)
  })

  it('refuses a URL that is not loopback (ErrorInvalidPushSubscriptionUrl)', async () => {
    const res = await call(mock.app, pushXml('http://push.example.com/ews'))
    expect(res.codes()).to.deep.equal(['ErrorInvalidPushSubscriptionUrl'])
    const bad = await call(mock.app, pushXml('not a url'))
    expect(bad.codes()).to.deep.equal(['ErrorInvalidPushSubscriptionUrl'])
  })
})

describe('push notifications: the URL rule (docs/decisions/0053)', () => {
  const clock = new FakeClock()
  const notifier = (anyHost: boolean): PushNotifier =>
    new PushNotifier({
      subscriptions: new Subscriptions(testApp().store, clock, seededIds(1)),
      timers: timersOn(clock),
      logger: silentLogger,
      anyHost,
    })

  it('takes loopback hosts only by default, any host with pushToAnyHost; never a non-http URL', () => {
    for (const url of [
      'http://127.0.0.1:9/p',
      'http://localhost/p',
      'https://[::1]:8443/p',
      'http://127.8.9.10/',
    ])
      expect(notifier(false).checkUrl(url).href).to.equal(new URL(url).href)
    expect(() => notifier(false).checkUrl('http://10.0.0.1/p')).to.throw(EwsError)
    expect(notifier(true).checkUrl('http://push.example.com/p').hostname).to.equal(
      'push.example.com',
    )
    expect(() => notifier(true).checkUrl('ftp://127.0.0.1/p')).to.throw(EwsError)
  })
})
