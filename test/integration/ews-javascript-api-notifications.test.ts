// ews-javascript-api's own streaming and push notification APIs against mock-ews on a loopback
// port: StreamingSubscriptionConnection with OnNotificationEvent / OnDisconnect, and
// SubscribeToPushNotifications with a loopback receiver. Time is the fake clock's.
import { expect } from 'chai'
import * as ews from 'ews-javascript-api'
import { FakeClock, startEwsServer } from '../../mock-ews/index.ts'
import type { EwsApp, RunningServer } from '../../mock-ews/index.ts'
import { PASSWORD, testApp } from '../helpers/ews.ts'
import { inFrame, pushReceiver } from '../helpers/streams.ts'

function service(server: RunningServer): ews.ExchangeService {
  const svc = new ews.ExchangeService(ews.ExchangeVersion.Exchange2013)
  svc.Credentials = new ews.WebCredentials('alice@contoso.com', PASSWORD)
  svc.Url = new ews.Uri(server.ewsUrl)
  return svc
}

async function saveToInbox(svc: ews.ExchangeService, subject: string): Promise<string> {
  const message = new ews.EmailMessage(svc)
  message.Subject = subject
  message.Body = new ews.MessageBody(ews.BodyType.Text, 'hello')
  await message.Save(ews.WellKnownFolderName.Inbox)
  return message.Id.UniqueId
}

describe('ews-javascript-api notifications against mock-ews', () => {
  let clock: FakeClock
  let mock: EwsApp
  let server: RunningServer
  beforeEach(async () => {
    clock = new FakeClock('2016-06-10T09:00:00Z')
    mock = testApp({ clock })
    server = await startEwsServer(mock.app, { port: 0 })
  })
  afterEach(() => server.close())

  it('streams events to OnNotificationEvent and disconnects cleanly at the connection lifetime', async () => {
    const svc = service(server)
    const inbox = [new ews.FolderId(ews.WellKnownFolderName.Inbox)]
    const created = await svc.SubscribeToStreamingNotifications(inbox, ews.EventType.Created)
    const newMail = await svc.SubscribeToStreamingNotifications(inbox, ews.EventType.NewMail)
    const connection = new ews.StreamingSubscriptionConnection(svc, 1)
    connection.AddSubscription(created)
    connection.AddSubscription(newMail)
    const seen: Array<{ subscription: string; type: string; item: string }> = []
    let notified: () => void = () => {}
    connection.OnNotificationEvent.push((_sender, args) => {
      for (const e of args.Events as ews.ItemEvent[]) {
        seen.push({
          subscription: args.Subscription.Id,
          type: ews.EventType[e.EventType],
          item: e.ItemId.UniqueId,
        })
      }
      notified()
    })
    // A clean end (ConnectionStatus Closed) is a disconnect without an exception.
    const disconnected = new Promise<unknown>((resolve) =>
      connection.OnDisconnect.push((_sender, args) => resolve(args.Exception)),
    )
    const errors: unknown[] = []
    connection.OnSubscriptionError.push((_s, args) => errors.push(args.Exception))
    const arrived = new Promise<void>((r) => (notified = r))
    connection.Open()
    const id = await saveToInbox(svc, 'streamed')
    await arrived
    expect(seen).to.deep.equal([{ subscription: created.Id, type: 'Created', item: id }])
    clock.advance(60_000)
    expect(await disconnected).to.equal(null)
    expect(errors).to.deep.equal([])
  })

  it('subscribes to push notifications: the receiver gets SendNotification for a new item', async () => {
    const receiver = await pushReceiver()
    try {
      const svc = service(server)
      const subscription = await svc.SubscribeToPushNotifications(
        [new ews.FolderId(ews.WellKnownFolderName.Inbox)],
        new ews.Uri(receiver.url),
        1,
        '',
        ews.EventType.Created,
      )
      const first = await receiver.notification(1)
      expect(inFrame(first, '//m:Notification/t:SubscriptionId')).to.deep.equal([subscription.Id])
      for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r))
      const id = await saveToInbox(svc, 'pushed')
      const second = await receiver.notification(2)
      expect(inFrame(second, '//t:CreatedEvent/t:ItemId/@Id')).to.deep.equal([id])
    } finally {
      await receiver.close()
    }
  })
})
