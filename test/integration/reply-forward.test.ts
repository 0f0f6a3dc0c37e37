// Reply, reply all and forward (CreateItem with t:ReplyToItem, t:ReplyAllToItem, t:ForwardItem):
// recipients filled in as Exchange fills them, RE:/FW: subjects, NewBodyContent over the quoted
// original, one conversation with the original, the original's attachments on a forward.
import { expect } from 'chai'
import type { EwsApp } from '../../mock-ews/index.ts'
import { call, distinguished, testApp } from '../helpers/ews.ts'
import { ALICE, BOB, createItemXml, findItemXml, getItemXml, itemId } from '../helpers/items.ts'

const box = (a: string): string => `<t:Mailbox><t:EmailAddress>${a}</t:EmailAddress></t:Mailbox>`

describe('Reply, reply all and forward', () => {
  let ews: EwsApp
  beforeEach(() => {
    ews = testApp()
  })

  /** Alice sends Bob (To) and herself (Cc) a message with an attachment; returns Bob's copy's id. */
  async function original(): Promise<string> {
    const sent = await call(
      ews.app,
      createItemXml(
        'SendAndSaveCopy',
        '<t:Message><t:Subject>Plans</t:Subject><t:Body BodyType="Text">Shall we meet?</t:Body>' +
          '<t:Attachments><t:FileAttachment><t:Name>agenda.txt</t:Name><t:Content>aGVsbG8=</t:Content></t:FileAttachment></t:Attachments>' +
          `<t:ToRecipients>${box(BOB)}</t:ToRecipients><t:CcRecipients>${box(ALICE)}</t:CcRecipients></t:Message>`,
      ),
    )
    expect(sent.codes(), sent.text).to.deep.equal(['NoError'])
    return (await call(ews.app, findItemXml(distinguished('inbox')), BOB)).value(
      '//t:Items/t:Message[1]/t:ItemId/@Id',
    )
  }

  const respond = (kind: string, id: string, disposition: string, extra = '') =>
    call(
      ews.app,
      createItemXml(
        disposition,
        `<t:${kind}>${extra}<t:ReferenceItemId Id="${id}"/><t:NewBodyContent BodyType="Text">My answer</t:NewBodyContent></t:${kind}>`,
      ),
      BOB,
    )

  async function newest(user: string, folder: string) {
    const found = await call(ews.app, findItemXml(distinguished(folder)), user)
    const id = found.value('//t:Items/t:Message[1]/t:ItemId/@Id')
    return call(ews.app, getItemXml(itemId(id)), user)
  }

  it('replies: sent to the sender, RE: subject, new text over the quoted original, one conversation', async () => {
    const id = await original()
    const res = await respond('ReplyToItem', id, 'SendAndSaveCopy')
    expect(res.codes(), res.text).to.deep.equal(['NoError'])
    const got = await newest(ALICE, 'inbox')
    const m = '//m:Items/t:Message'
    expect(got.value(`${m}/t:Subject`)).to.equal('RE: Plans')
    expect(got.value(`${m}/t:From/t:Mailbox/t:EmailAddress`)).to.equal(BOB)
    const body = got.value(`${m}/t:Body`)
    expect(body.startsWith('My answer')).to.equal(true)
    expect(body).to.contain('Subject: Plans').and.contain('Shall we meet?')
    const orig = await call(ews.app, getItemXml(itemId(id)), BOB)
    expect(got.value(`${m}/t:InReplyTo`)).to.equal(orig.value(`${m}/t:InternetMessageId`))
    expect(got.value(`${m}/t:ConversationId/@Id`)).to.equal(orig.value(`${m}/t:ConversationId/@Id`))
    expect(got.select(`${m}/t:Attachments`)).to.have.length(0)
  })

  it('replies to all as a draft: the sender and the other recipients, not the replier', async () => {
    const id = await original()
    const res = await respond('ReplyAllToItem', id, 'SaveOnly')
    expect(res.codes(), res.text).to.deep.equal(['NoError'])
    const draft = await newest(BOB, 'drafts')
    const m = '//m:Items/t:Message'
    expect(draft.value(`${m}/t:IsDraft`)).to.equal('true')
    expect(
      draft.select(`${m}/t:ToRecipients/t:Mailbox/t:EmailAddress/text()`).map(String),
    ).to.deep.equal([ALICE])
    expect(
      draft.select(`${m}/t:CcRecipients/t:Mailbox/t:EmailAddress/text()`).map(String),
    ).to.deep.equal([ALICE])
  })

  it('forwards with the attachments, to the recipients the client names', async () => {
    const id = await original()
    const res = await respond(
      'ForwardItem',
      id,
      'SendAndSaveCopy',
      `<t:ToRecipients>${box(ALICE)}</t:ToRecipients>`,
    )
    expect(res.codes(), res.text).to.deep.equal(['NoError'])
    const got = await newest(ALICE, 'inbox')
    const m = '//m:Items/t:Message'
    expect(got.value(`${m}/t:Subject`)).to.equal('FW: Plans')
    expect(got.value(`${m}/t:HasAttachments`)).to.equal('true')
    expect(got.value(`${m}/t:Attachments/t:FileAttachment/t:Name`)).to.equal('agenda.txt')
  })

  it('refuses a response without ReferenceItemId, and one naming no item', async () => {
    const res = await call(
      ews.app,
      createItemXml(
        'SaveOnly',
        '<t:ReplyToItem><t:NewBodyContent BodyType="Text">x</t:NewBodyContent></t:ReplyToItem>',
      ),
      BOB,
    )
    expect(res.codes(), res.text).to.deep.equal(['ErrorMissingInformationReferenceItemId'])
    const id = await original()
    await call(
      ews.app,
      `<m:DeleteItem DeleteType="HardDelete"><m:ItemIds>${itemId(id)}</m:ItemIds></m:DeleteItem>`,
      BOB,
    )
    const gone = await respond('ReplyToItem', id, 'SaveOnly')
    expect(gone.codes(), gone.text).to.deep.equal(['ErrorItemNotFound'])
  })
})
