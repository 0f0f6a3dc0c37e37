// Attachments through ews-javascript-api's ordinary high-level API against mock-ews on a loopback port.
import { expect } from 'chai'
import * as ews from 'ews-javascript-api'
import { FakeClock, startEwsServer } from '../../mock-ews/index.ts'
import type { EwsApp, RunningServer } from '../../mock-ews/index.ts'
import { PASSWORD, testApp } from '../helpers/ews.ts'

const ALICE = 'alice@contoso.com'
const BOB = 'bob@contoso.com'
const TEXT = 'Quarterly numbers, see the sheet.\n'
const BASE64 = Buffer.from(TEXT).toString('base64')

function service(server: RunningServer, user = ALICE): ews.ExchangeService {
  const svc = new ews.ExchangeService(ews.ExchangeVersion.Exchange2013)
  svc.Credentials = new ews.WebCredentials(user, PASSWORD)
  svc.Url = new ews.Uri(server.ewsUrl)
  return svc
}

const WITH_ATTACHMENTS = (): ews.PropertySet =>
  new ews.PropertySet(ews.BasePropertySet.FirstClassProperties, [
    ews.ItemSchema.Attachments,
    ews.ItemSchema.HasAttachments,
  ])

describe('ews-javascript-api attachments against mock-ews', () => {
  let mock: EwsApp
  let server: RunningServer
  let operations: string[]
  beforeEach(async () => {
    operations = []
    mock = testApp({
      clock: new FakeClock('2016-06-10T09:00:00Z'),
      observe: (exchange) => {
        operations.push(exchange.operation)
      },
    })
    server = await startEwsServer(mock.app, { port: 0 })
  })
  afterEach(() => server.close())

  it('saves a draft with a file attachment and loads the attachment back', async () => {
    const svc = service(server)
    const msg = new ews.EmailMessage(svc)
    msg.Subject = 'Numbers'
    msg.Body = new ews.MessageBody(ews.BodyType.Text, 'Attached.')
    msg.Attachments.AddFileAttachment('numbers.txt', BASE64)
    await msg.Save(ews.WellKnownFolderName.Drafts)

    const bound = await ews.EmailMessage.Bind(svc, msg.Id, WITH_ATTACHMENTS())
    expect(bound.HasAttachments).to.equal(true)
    expect(bound.Attachments.Count).to.equal(1)
    const att = bound.Attachments._getItem(0) as ews.FileAttachment
    expect(att.Name).to.equal('numbers.txt')
    await att.Load()
    expect(Buffer.from(att.Base64Content, 'base64').toString()).to.equal(TEXT)
    expect(operations).to.include('GetAttachment')
  })

  it('sends a message with an attachment: Bob and Sent Items both have it', async () => {
    const alice = service(server)
    const msg = new ews.EmailMessage(alice)
    msg.Subject = 'For Bob'
    msg.Body = new ews.MessageBody(ews.BodyType.Text, 'Attached.')
    msg.ToRecipients.Add(BOB)
    msg.Attachments.AddFileAttachment('numbers.txt', BASE64)
    await msg.SendAndSaveCopy()

    for (const [svc, folder] of [
      [service(server, BOB), ews.WellKnownFolderName.Inbox],
      [alice, ews.WellKnownFolderName.SentItems],
    ] as const) {
      const found = await svc.FindItems(folder, new ews.ItemView(10))
      expect(found.Items.map((i) => i.HasAttachments)).to.deep.equal([true])
      const bound = await ews.EmailMessage.Bind(svc, found.Items[0]!.Id, WITH_ATTACHMENTS())
      const att = bound.Attachments._getItem(0) as ews.FileAttachment
      await att.Load()
      expect(Buffer.from(att.Base64Content, 'base64').toString()).to.equal(TEXT)
    }
  })

  it('adds an attachment to a saved draft (CreateAttachment) and removes one (DeleteAttachment)', async () => {
    const svc = service(server)
    const msg = new ews.EmailMessage(svc)
    msg.Subject = 'Later attachments'
    await msg.Save(ews.WellKnownFolderName.Drafts)
    const keyBefore = msg.Id.ChangeKey

    const draft = await ews.EmailMessage.Bind(svc, msg.Id, WITH_ATTACHMENTS())
    draft.Attachments.AddFileAttachment('one.txt', BASE64)
    draft.Attachments.AddFileAttachment('two.txt', Buffer.from('two').toString('base64'))
    operations.length = 0
    await draft.Update(ews.ConflictResolutionMode.AlwaysOverwrite)
    expect(operations).to.include('CreateAttachment')
    const stored = mock.store.getItem(ALICE, msg.Id.UniqueId)
    expect(stored.attachments?.map((a) => a.name)).to.deep.equal(['one.txt', 'two.txt'])
    expect(stored.itemId.changeKey).to.not.equal(keyBefore)

    const again = await ews.EmailMessage.Bind(svc, msg.Id, WITH_ATTACHMENTS())
    expect(again.Attachments.Count).to.equal(2)
    again.Attachments.RemoveAt(0)
    operations.length = 0
    await again.Update(ews.ConflictResolutionMode.AlwaysOverwrite)
    expect(operations).to.include('DeleteAttachment')
    const after = await ews.EmailMessage.Bind(svc, msg.Id, WITH_ATTACHMENTS())
    expect(after.HasAttachments).to.equal(true)
    const left = after.Attachments._getItem(0) as ews.FileAttachment
    expect(left.Name).to.equal('two.txt')
    await left.Load()
    expect(Buffer.from(left.Base64Content, 'base64').toString()).to.equal('two')
  })

  it('attaches a message to a message (ItemAttachment) and lists it back', async () => {
    const svc = service(server)
    const msg = new ews.EmailMessage(svc)
    msg.Subject = 'With a message inside'
    // The typings want a constructor without arguments; the library calls it with the item's class.
    const type = ews.EmailMessage as unknown as typeof ews.Item
    const inner = msg.Attachments.AddItemAttachment(type, 'Message')
    inner.Name = 'Original'
    const item = inner.Item as ews.EmailMessage
    item.Subject = 'The original'
    item.Body = new ews.MessageBody(ews.BodyType.Text, 'First words')
    item.ToRecipients.Add(BOB)
    await msg.Save(ews.WellKnownFolderName.Drafts)

    const bound = await ews.EmailMessage.Bind(svc, msg.Id, WITH_ATTACHMENTS())
    expect(bound.Attachments.Count).to.equal(1)
    const att = bound.Attachments._getItem(0) as ews.ItemAttachment
    expect(att.Name).to.equal('Original')
    expect(att).to.be.instanceOf(ews.ItemAttachment)
    // ItemAttachment.Load() fails inside ews-javascript-api before any request (its Validate reads
    // the not-yet-loaded Item); the content is checked by the GetAttachment tests instead.
    const stored = mock.store.getItem(ALICE, msg.Id.UniqueId).attachments?.[0]?.item
    expect(stored?.subject).to.equal('The original')
    expect(stored?.body.text).to.equal('First words')
    expect(stored?.toRecipients.map((r) => r.address)).to.deep.equal([BOB])
  })
})
