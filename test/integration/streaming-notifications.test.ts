/**
 * Streaming notifications (Subscribe StreamingSubscriptionRequest, GetStreamingEvents) on the wire:
 * one chunked answer of whole envelopes, heartbeats and ConnectionTimeout on the fake clock, the
 * errors Exchange gives, and the answer ending on Unsubscribe, server close and client disconnect.
 */
import { expect } from 'chai'
import { FakeClock, startEwsServer } from '../../mock-ews/index.ts'
import type { EwsApp, RunningServer } from '../../mock-ews/index.ts'
import { call, distinguished, envelope, post, testApp } from '../helpers/ews.ts'
import { saveItem } from '../helpers/items.ts'
import { inFrame, openStream } from '../helpers/streams.ts'

const streamingXml = (events = ['NewMailEvent', 'CreatedEvent']): string =>
  `<m:Subscribe><m:StreamingSubscriptionRequest><t:FolderIds>${distinguished('inbox')}</t:FolderIds>` +
  `<t:EventTypes>${events.map((e) => `<t:EventType>${e}</t:EventType>`).join('')}</t:EventTypes>` +
  '</m:StreamingSubscriptionRequest></m:Subscribe>'

describe('streaming notifications', () => {
  let clock: FakeClock
  let mock: EwsApp
  let server: RunningServer
  beforeEach(async () => {
    clock = new FakeClock('2016-06-10T09:00:00Z')
    mock = testApp({ clock })
    server = await startEwsServer(mock.app, { port: 0 })
  })
  afterEach(() => server.close())

  async function subscribe(): Promise<string> {
    const res = await call(mock.app, streamingXml())
    expect(res.codes()).to.deep.equal(['NoError'])
    // A streaming subscription has no watermark.
    expect(res.select('//m:Watermark')).to.have.length(0)
    return res.value('//m:SubscriptionId')
  }

  it('streams the events of several subscriptions on one answer, then closes at ConnectionTimeout', async () => {
    const a = await subscribe()
    const b = await subscribe()
    await saveItem(mock.app, { subject: 'before the connection' }, distinguished('inbox'))
    const stream = openStream(server.ewsUrl, [a, b], 2)
    const first = (await stream.frame(1))!
    expect(
      first.startsWith('<Envelope xmlns="http://schemas.xmlsoap.org/soap/envelope/">'),
    ).to.equal(true)
    expect(inFrame(first, '//m:ConnectionStatus')).to.deep.equal(['OK'])
    expect(inFrame(first, '//t:Notification/t:SubscriptionId').sort()).to.deep.equal([a, b].sort())
    expect(inFrame(first, '//t:Notification/t:CreatedEvent/t:ItemId/@Id')).to.have.length(2)
    await saveItem(mock.app, { subject: 'while connected' }, distinguished('inbox'))
    const second = (await stream.frame(2))!
    expect(inFrame(second, '//t:CreatedEvent/t:ItemId/@Id')).to.have.length(2)
    // Nothing happens for 30 s: a heartbeat (OK, no notifications).
    clock.advance(30_000)
    const beat = (await stream.frame(3))!
    expect(inFrame(beat, '//m:ConnectionStatus')).to.deep.equal(['OK'])
    expect(inFrame(beat, '//m:Notifications')).to.deep.equal([])
    clock.advance(90_000)
    await stream.ended
    expect(inFrame(stream.frames.at(-1)!, '//m:ConnectionStatus')).to.deep.equal(['Closed'])
  })

  it('refuses an unknown subscription with ErrorSubscriptionNotFound naming it, and closes', async () => {
    const good = await subscribe()
    const stream = openStream(server.ewsUrl, [good, 'AAAAunknown'])
    await stream.ended
    expect(stream.frames).to.have.length(1)
    const frame = stream.frames[0]!
    expect(inFrame(frame, '//m:ResponseCode')).to.deep.equal(['ErrorSubscriptionNotFound'])
    expect(inFrame(frame, '//m:ErrorSubscriptionIds/t:SubscriptionId')).to.deep.equal([
      'AAAAunknown',
    ])
    expect(inFrame(frame, '//m:ConnectionStatus')).to.deep.equal(['Closed'])
  })

  it('refuses a pull subscription (ErrorInvalidSubscription) and GetEvents refuses a streaming one', async () => {
    const pull = await call(
      mock.app,
      `<m:Subscribe><m:PullSubscriptionRequest><t:FolderIds>${distinguished('inbox')}</t:FolderIds><t:EventTypes><t:EventType>NewMailEvent</t:EventType></t:EventTypes><t:Timeout>5</t:Timeout></m:PullSubscriptionRequest></m:Subscribe>`,
    )
    const stream = openStream(server.ewsUrl, [pull.value('//m:SubscriptionId')])
    await stream.ended
    expect(inFrame(stream.frames[0]!, '//m:ResponseCode')).to.deep.equal([
      'ErrorInvalidSubscription',
    ])
    const streaming = await subscribe()
    const res = await call(
      mock.app,
      `<m:GetEvents><m:SubscriptionId>${streaming}</m:SubscriptionId><m:Watermark>x</m:Watermark></m:GetEvents>`,
    )
    expect(res.codes()).to.deep.equal(['ErrorInvalidPullSubscriptionId'])
  })

  it('expires a subscription left without a connection for 30 minutes (ErrorExpiredSubscription)', async () => {
    const id = await subscribe()
    const stream = openStream(server.ewsUrl, [id], 30)
    await saveItem(mock.app, { subject: 'x' }, distinguished('inbox'))
    await stream.frame(1)
    // While connected it does not age; its connection ends at ConnectionTimeout.
    clock.advance(30 * 60_000)
    await stream.ended
    clock.advance(30 * 60_000)
    const alive = openStream(server.ewsUrl, [id], 1)
    await saveItem(mock.app, { subject: 'y' }, distinguished('inbox'))
    expect(inFrame((await alive.frame(1))!, '//m:ResponseCode')).to.deep.equal(['NoError'])
    clock.advance(60_000)
    await alive.ended
    clock.advance(30 * 60_000 + 1)
    const late = openStream(server.ewsUrl, [id])
    await late.ended
    expect(inFrame(late.frames[0]!, '//m:ResponseCode')).to.deep.equal(['ErrorExpiredSubscription'])
  })

  it('ends the answer when its last subscription is unsubscribed, and on server close', async () => {
    const a = await subscribe()
    const one = openStream(server.ewsUrl, [a])
    await saveItem(mock.app, { subject: 'x' }, distinguished('inbox'))
    await one.frame(1)
    expect(
      (
        await call(
          mock.app,
          `<m:Unsubscribe><m:SubscriptionId>${a}</m:SubscriptionId></m:Unsubscribe>`,
        )
      ).codes(),
    ).to.deep.equal(['NoError'])
    await one.ended
    expect(inFrame(one.frames.at(-1)!, '//m:ConnectionStatus')).to.deep.equal(['Closed'])

    const b = await subscribe()
    const two = openStream(server.ewsUrl, [b], 30)
    await saveItem(mock.app, { subject: 'y' }, distinguished('inbox'))
    await two.frame(1)
    await server.close()
    await two.ended
    expect(inFrame(two.frames.at(-1)!, '//m:ConnectionStatus')).to.deep.equal(['Closed'])
  })

  it('gives a subscription to the newest connection, and refuses the eleventh connection of a mailbox', async () => {
    const a = await subscribe()
    const old = openStream(server.ewsUrl, [a], 30)
    await saveItem(mock.app, { subject: 'x' }, distinguished('inbox'))
    await old.frame(1)
    const taken = openStream(server.ewsUrl, [a], 30)
    await old.ended
    expect(inFrame(old.frames.at(-1)!, '//m:ConnectionStatus')).to.deep.equal(['Closed'])
    const open = [taken]
    for (let i = 0; i < 9; i++) open.push(openStream(server.ewsUrl, [await subscribe()], 30))
    await saveItem(mock.app, { subject: 'y' }, distinguished('inbox'))
    await Promise.all(open.map((s) => s.frame(1)))
    const eleventh = openStream(server.ewsUrl, [await subscribe()])
    await eleventh.ended
    expect(inFrame(eleventh.frames[0]!, '//m:ResponseCode')).to.deep.equal([
      'ErrorExceededConnectionCount',
    ])
    for (const s of open) s.abort()
  })

  it("refuses another mailbox's subscription (ErrorSubscriptionAccessDenied), showing nothing of it", async () => {
    const bobs = await call(mock.app, streamingXml(), 'bob@contoso.com')
    const id = bobs.value('//m:SubscriptionId')
    const stream = openStream(server.ewsUrl, [id])
    await stream.ended
    expect(inFrame(stream.frames[0]!, '//m:ResponseCode')).to.deep.equal([
      'ErrorSubscriptionAccessDenied',
    ])
    expect(inFrame(stream.frames[0]!, '//m:Notifications')).to.deep.equal([])
  })

  it('frees the connection and lets the subscription age when the client goes away', async () => {
    const ids: string[] = []
    const open = []
    for (let i = 0; i < 10; i++) {
      ids.push(await subscribe())
      open.push(openStream(server.ewsUrl, [ids[i]!], 30))
    }
    await saveItem(mock.app, { subject: 'x' }, distinguished('inbox'))
    await Promise.all(open.map((s) => s.frame(1)))
    for (const s of open) s.abort()
    await Promise.all(open.map((s) => s.ended))
    // The server sees the sockets close in its own time: wait for that, turn by turn.
    while (await new Promise<number>((r) => server.server.getConnections((_e, n) => r(n))))
      await new Promise((r) => setImmediate(r))
    for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r))
    clock.advance(30 * 60_000 + 1)
    const again = openStream(server.ewsUrl, [ids[0]!])
    await again.ended
    expect(inFrame(again.frames[0]!, '//m:ResponseCode')).to.deep.equal([
      'ErrorExpiredSubscription',
    ])
    const fresh = openStream(server.ewsUrl, [await subscribe()])
    await saveItem(mock.app, { subject: 'y' }, distinguished('inbox'))
    expect(inFrame((await fresh.frame(1))!, '//m:ResponseCode')).to.deep.equal(['NoError'])
    fresh.abort()
  })

  it('refuses a streaming subscription before Exchange2010_SP1 (ErrorInvalidSubscriptionRequest)', async () => {
    const res = await post(mock.app, envelope(streamingXml(), 'Exchange2010'))
    expect(res.codes()).to.deep.equal(['ErrorInvalidSubscriptionRequest'])
  })
})
