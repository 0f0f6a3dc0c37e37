// ConversationId, ConversationIndex and ConversationTopic: one conversation per thread, across the
// sender's and the recipients' copies and across a reply that names the original (InReplyTo,
// References); ConversationId left out for a request older than Exchange2010.
import { expect } from 'chai'
import type { EwsApp } from '../../mock-ews/index.ts'
import { call, distinguished, envelope, post, testApp } from '../helpers/ews.ts'
import { ALICE, BOB, createItemXml, findItemXml, getItemXml, itemId } from '../helpers/items.ts'

const to = (address: string): string =>
  `<t:ToRecipients><t:Mailbox><t:EmailAddress>${address}</t:EmailAddress></t:Mailbox></t:ToRecipients>`

/** A message; `reply` names the messages above it (References, the parent last). */
const message = (subject: string, recipient: string, id: string, refs: string[] = []): string =>
  `<t:Message><t:Subject>${subject}</t:Subject>` +
  (refs.length ? `<t:InReplyTo>${esc(refs[refs.length - 1]!)}</t:InReplyTo>` : '') +
  to(recipient) +
  `<t:InternetMessageId>${esc(id)}</t:InternetMessageId>` +
  (refs.length ? `<t:References>${esc(refs.join(' '))}</t:References>` : '') +
  '</t:Message>'

const esc = (s: string): string => s.replace(/</g, '&lt;').replace(/>/g, '&gt;')

interface Conversation {
  id: string
  index: Buffer
  topic: string
}

describe('Conversations (ConversationId, ConversationIndex, ConversationTopic)', () => {
  let ews: EwsApp
  beforeEach(() => {
    ews = testApp()
  })

  async function send(user: string, xml: string): Promise<void> {
    const res = await call(ews.app, createItemXml('SendAndSaveCopy', xml), user)
    expect(res.codes(), res.text).to.deep.equal(['NoError'])
  }

  /** The conversation of the newest item of a folder of `user`. */
  async function newest(user: string, folder: string): Promise<Conversation> {
    const found = await call(ews.app, findItemXml(distinguished(folder)), user)
    const id = found.value('//t:Items/t:Message[1]/t:ItemId/@Id')
    const res = await call(ews.app, getItemXml(itemId(id)), user)
    const m = '//m:Items/t:Message'
    return {
      id: res.value(`${m}/t:ConversationId/@Id`),
      index: Buffer.from(res.value(`${m}/t:ConversationIndex`), 'base64'),
      topic: res.value(`${m}/t:ConversationTopic`),
    }
  }

  it('gives the sent copy and the received copy one conversation, and a reply joins it', async () => {
    await send(ALICE, message('Plans', BOB, '<m1@contoso.com>'))
    const sent = await newest(ALICE, 'sentitems')
    const received = await newest(BOB, 'inbox')
    expect(sent.id).to.not.equal('')
    expect(received).to.deep.equal(sent)
    expect(sent.index).to.have.length(22)
    expect(sent.index[0]).to.equal(1)
    expect(sent.topic).to.equal('Plans')

    await send(BOB, message('RE: Plans', ALICE, '<m2@contoso.com>', ['<m1@contoso.com>']))
    const reply = await newest(ALICE, 'inbox')
    expect(reply.id).to.equal(sent.id)
    expect(reply.topic).to.equal('Plans')
    expect(reply.index).to.have.length(27)
    expect(reply.index.subarray(0, 22).equals(sent.index)).to.equal(true)

    await send(
      ALICE,
      message('RE: RE: Plans', BOB, '<m3@contoso.com>', ['<m1@contoso.com>', '<m2@contoso.com>']),
    )
    const second = await newest(BOB, 'inbox')
    expect(second.id).to.equal(sent.id)
    expect(second.index.subarray(0, 27).equals(reply.index)).to.equal(true)
  })

  it('gives an unrelated message its own conversation', async () => {
    await send(ALICE, message('Plans', BOB, '<m1@contoso.com>'))
    const first = await newest(BOB, 'inbox')
    await send(ALICE, message('Plans', BOB, '<other@contoso.com>'))
    const other = await newest(BOB, 'inbox')
    expect(other.id).to.not.equal(first.id)
    expect(other.topic).to.equal(first.topic)
  })

  it('leaves ConversationId out for Exchange2007_SP1, whose schema has none', async () => {
    await send(ALICE, message('Plans', BOB, '<m1@contoso.com>'))
    const found = await call(ews.app, findItemXml(distinguished('inbox')), BOB)
    const id = found.value('//t:Items/t:Message[1]/t:ItemId/@Id')
    const old = await post(ews.app, envelope(getItemXml(itemId(id)), 'Exchange2007_SP1'), BOB)
    expect(old.codes(), old.text).to.deep.equal(['NoError'])
    expect(old.select('//t:Message/t:ConversationId')).to.have.length(0)
    expect(old.value('//t:Message/t:ConversationIndex')).to.not.equal('')
    const current = await post(ews.app, envelope(getItemXml(itemId(id)), 'Exchange2010'), BOB)
    expect(current.select('//t:Message/t:ConversationId')).to.have.length(1)
  })
})
