// Reminders, Culture, IsResponseRequested and Sender through ews-javascript-api's ordinary API: set
// on a message, sent, and bound back by the recipient with Sender, ReceivedBy and
// ReceivedRepresenting filled in by delivery; another mailbox as Sender is ErrorSendAsDenied.
import { expect } from 'chai'
import * as ews from 'ews-javascript-api'
import { FakeClock, startEwsServer } from '../../mock-ews/index.ts'
import type { RunningServer } from '../../mock-ews/index.ts'
import { PASSWORD, testApp } from '../helpers/ews.ts'

const ALICE = 'alice@contoso.com'
const BOB = 'bob@contoso.com'

describe('ews-javascript-api reminders, culture and sender against mock-ews', () => {
  let server: RunningServer
  beforeEach(async () => {
    server = await startEwsServer(testApp({ clock: new FakeClock('2016-06-10T09:00:00Z') }).app, {
      port: 0,
    })
  })
  afterEach(() => server.close())

  function service(user: string): ews.ExchangeService {
    const svc = new ews.ExchangeService(ews.ExchangeVersion.Exchange2013)
    svc.Credentials = new ews.WebCredentials(user, PASSWORD)
    svc.Url = new ews.Uri(server.ewsUrl)
    return svc
  }

  function message(svc: ews.ExchangeService, subject: string): ews.EmailMessage {
    const msg = new ews.EmailMessage(svc)
    msg.Subject = subject
    msg.Body = new ews.MessageBody(ews.BodyType.Text, 'Due soon')
    msg.ToRecipients.Add(BOB)
    return msg
  }

  it("sends reminders, culture and IsResponseRequested; the recipient's copy names Sender and ReceivedBy", async () => {
    const alice = service(ALICE)
    const msg = message(alice, 'Remind me')
    msg.IsReminderSet = true
    msg.ReminderMinutesBeforeStart = 30
    msg.ReminderDueBy = new ews.DateTime(Date.UTC(2016, 6, 1, 10, 0, 0))
    msg.Culture = 'de-DE'
    msg.IsResponseRequested = true
    msg.Sender = new ews.EmailAddress('Alice Wood', ALICE)
    await msg.SendAndSaveCopy()

    const bob = service(BOB)
    const found = await bob.FindItems(ews.WellKnownFolderName.Inbox, new ews.ItemView(1))
    const got = await ews.EmailMessage.Bind(bob, found.Items[0]!.Id)
    expect(got.IsReminderSet).to.equal(true)
    expect(got.ReminderMinutesBeforeStart).to.equal(30)
    expect(got.ReminderDueBy.ToISOString()).to.equal('2016-07-01T10:00:00.000Z')
    expect(got.Culture).to.equal('de-DE')
    expect(got.IsResponseRequested).to.equal(true)
    expect(got.Sender.Address).to.equal(ALICE)
    expect(got.ReceivedBy.Address).to.equal(BOB)
    expect(got.ReceivedRepresenting.Address).to.equal(BOB)
  })

  it('reads a plain draft as Exchange does, and updates its reminder', async () => {
    const alice = service(ALICE)
    const msg = message(alice, 'Plain')
    await msg.Save(ews.WellKnownFolderName.Drafts)
    const draft = await ews.EmailMessage.Bind(alice, msg.Id)
    expect(draft.IsReminderSet).to.equal(false)
    expect(draft.ReminderMinutesBeforeStart).to.equal(0)
    expect(draft.Culture).to.equal('en-US')
    draft.IsReminderSet = true
    draft.ReminderMinutesBeforeStart = 10
    await draft.Update(ews.ConflictResolutionMode.AutoResolve)
    const again = await ews.EmailMessage.Bind(alice, msg.Id)
    expect(again.IsReminderSet).to.equal(true)
    expect(again.ReminderMinutesBeforeStart).to.equal(10)
  })

  it('refuses to send with another mailbox as Sender: ErrorSendAsDenied', async () => {
    const msg = message(service(ALICE), 'Not mine')
    msg.Sender = new ews.EmailAddress('Bob Kelly', BOB)
    let error: unknown
    try {
      await msg.SendAndSaveCopy()
    } catch (e) {
      error = e
    }
    expect(error).to.be.instanceOf(ews.ServiceResponseException)
    const code = (error as ews.ServiceResponseException).ErrorCode
    expect(ews.ServiceError[code]).to.equal('ErrorSendAsDenied')
  })
})
