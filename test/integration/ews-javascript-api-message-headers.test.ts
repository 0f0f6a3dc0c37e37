// Message header fields and conversations through ews-javascript-api's ordinary API: Sensitivity,
// the receipt requests, ReplyTo, InReplyTo/References set on a message, sent, and bound back by the
// recipient with one ConversationId across the thread.
import { expect } from 'chai'
import * as ews from 'ews-javascript-api'
import { FakeClock, startEwsServer } from '../../mock-ews/index.ts'
import type { RunningServer } from '../../mock-ews/index.ts'
import { PASSWORD, testApp } from '../helpers/ews.ts'

const ALICE = 'alice@contoso.com'
const BOB = 'bob@contoso.com'

describe('ews-javascript-api message header fields and conversations against mock-ews', () => {
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

  async function newest(svc: ews.ExchangeService, folder: ews.WellKnownFolderName) {
    const found = await svc.FindItems(folder, new ews.ItemView(1))
    return ews.EmailMessage.Bind(svc, found.Items[0]!.Id)
  }

  it('sends the header fields to the recipient, and a reply joins the conversation', async () => {
    const alice = service(ALICE)
    const bob = service(BOB)
    const msg = new ews.EmailMessage(alice)
    msg.Subject = 'Plans'
    msg.Body = new ews.MessageBody(ews.BodyType.Text, 'Shall we?')
    msg.ToRecipients.Add(BOB)
    msg.Sensitivity = ews.Sensitivity.Private
    msg.IsReadReceiptRequested = true
    msg.IsDeliveryReceiptRequested = true
    msg.ReplyTo.Add(new ews.EmailAddress('Team', 'team@contoso.com'))
    await msg.SendAndSaveCopy()

    const received = await newest(bob, ews.WellKnownFolderName.Inbox)
    expect(received.Sensitivity).to.equal(ews.Sensitivity.Private)
    expect(received.IsReadReceiptRequested).to.equal(true)
    expect(received.IsDeliveryReceiptRequested).to.equal(true)
    expect(received.ReplyTo.GetEnumerator().map((a) => a.Address)).to.deep.equal([
      'team@contoso.com',
    ])
    const sent = await newest(alice, ews.WellKnownFolderName.SentItems)
    expect(received.ConversationId.UniqueId).to.be.a('string').and.not.equal('')
    expect(received.ConversationId.UniqueId).to.equal(sent.ConversationId.UniqueId)
    expect(received.ConversationTopic).to.equal('Plans')

    const reply = new ews.EmailMessage(bob)
    reply.Subject = 'RE: Plans'
    reply.Body = new ews.MessageBody(ews.BodyType.Text, 'Yes.')
    reply.ToRecipients.Add(ALICE)
    // ews-javascript-api writes these strings unescaped (`<t:InReplyTo><id@host></t:InReplyTo>`,
    // not well-formed XML), so the Message-ID goes without its angle brackets.
    const parentId = received.InternetMessageId.replace(/^<(.*)>$/, '$1')
    reply.InReplyTo = parentId
    reply.References = parentId
    await reply.SendAndSaveCopy()

    const answered = await newest(alice, ews.WellKnownFolderName.Inbox)
    expect(answered.InReplyTo).to.equal(parentId)
    expect(answered.References).to.equal(parentId)
    expect(answered.ConversationId.UniqueId).to.equal(sent.ConversationId.UniqueId)
    expect(answered.ConversationTopic).to.equal('Plans')
    expect(answered.Sensitivity).to.equal(ews.Sensitivity.Normal)
  })

  it('replies, replies to all and forwards with message.Reply / ReplyAll / Forward', async () => {
    const alice = service(ALICE)
    const bob = service(BOB)
    const msg = new ews.EmailMessage(alice)
    msg.Subject = 'Budget'
    msg.Body = new ews.MessageBody(ews.BodyType.Text, 'Numbers attached')
    msg.ToRecipients.Add(BOB)
    msg.Attachments.AddFileAttachment('numbers.csv', Buffer.from('a,b\n1,2').toString('base64'))
    await msg.SendAndSaveCopy()
    const received = await newest(bob, ews.WellKnownFolderName.Inbox)

    await received.Reply(new ews.MessageBody(ews.BodyType.Text, 'Looks good'), false)
    const reply = await newest(alice, ews.WellKnownFolderName.Inbox)
    expect(reply.Subject).to.equal('RE: Budget')
    expect(reply.Body.Text.startsWith('Looks good')).to.equal(true)
    expect(reply.Body.Text).to.contain('Numbers attached')
    expect(reply.ConversationId.UniqueId).to.equal(received.ConversationId.UniqueId)
    expect(reply.HasAttachments).to.equal(false)

    await received.Forward(new ews.MessageBody(ews.BodyType.Text, 'FYI'), [
      new ews.EmailAddress(ALICE),
    ])
    const forwarded = await newest(alice, ews.WellKnownFolderName.Inbox)
    expect(forwarded.Subject).to.equal('FW: Budget')
    expect(forwarded.HasAttachments).to.equal(true)
    expect(forwarded.ConversationId.UniqueId).to.equal(received.ConversationId.UniqueId)

    const draft = received.CreateReply(true)
    draft.BodyPrefix = new ews.MessageBody(ews.BodyType.Text, 'Draft answer')
    await draft.Save(ews.WellKnownFolderName.Drafts)
    const saved = await newest(bob, ews.WellKnownFolderName.Drafts)
    expect(saved.Subject).to.equal('RE: Budget')
    expect(saved.IsDraft).to.equal(true)
    expect(saved.ToRecipients.GetEnumerator().map((a) => a.Address)).to.deep.equal([ALICE])
  })
})
