// Header fields a client sets on a message (Sensitivity, InReplyTo, References, ReplyTo, the
// receipt requests): stored by CreateItem and UpdateItem, read back, carried to the recipient.
import { expect } from 'chai'
import type { EwsApp } from '../../mock-ews/index.ts'
import { call, distinguished, testApp } from '../helpers/ews.ts'
import {
  BOB,
  createItemXml,
  findItemXml,
  getItemXml,
  itemChange,
  itemId,
  updateItemXml,
} from '../helpers/items.ts'

/** A message with every header field, in types.xsd order. */
const HEADERS_MESSAGE =
  '<t:Message><t:Subject>RE: Plans</t:Subject><t:Sensitivity>Confidential</t:Sensitivity>' +
  '<t:Body BodyType="Text">b</t:Body><t:InReplyTo>&lt;orig@contoso.com&gt;</t:InReplyTo>' +
  `<t:ToRecipients><t:Mailbox><t:EmailAddress>${BOB}</t:EmailAddress></t:Mailbox></t:ToRecipients>` +
  '<t:IsReadReceiptRequested>true</t:IsReadReceiptRequested>' +
  '<t:IsDeliveryReceiptRequested>true</t:IsDeliveryReceiptRequested>' +
  '<t:References>&lt;first@contoso.com&gt; &lt;orig@contoso.com&gt;</t:References>' +
  '<t:ReplyTo><t:Mailbox><t:Name>Team</t:Name><t:EmailAddress>team@contoso.com</t:EmailAddress></t:Mailbox></t:ReplyTo>' +
  '</t:Message>'

describe('Message header fields (Sensitivity, InReplyTo, References, ReplyTo, receipts)', () => {
  let ews: EwsApp
  beforeEach(() => {
    ews = testApp()
  })

  function expectHeaders(res: Awaited<ReturnType<typeof call>>): void {
    const m = '//m:Items/t:Message'
    expect(res.value(`${m}/t:Sensitivity`), res.text).to.equal('Confidential')
    expect(res.value(`${m}/t:InReplyTo`)).to.equal('<orig@contoso.com>')
    expect(res.value(`${m}/t:References`)).to.equal('<first@contoso.com> <orig@contoso.com>')
    expect(res.value(`${m}/t:ReplyTo/t:Mailbox/t:EmailAddress`)).to.equal('team@contoso.com')
    expect(res.value(`${m}/t:ReplyTo/t:Mailbox/t:Name`)).to.equal('Team')
    expect(res.value(`${m}/t:IsReadReceiptRequested`)).to.equal('true')
    expect(res.value(`${m}/t:IsDeliveryReceiptRequested`)).to.equal('true')
  }

  it('stores them from CreateItem and returns them with AllProperties', async () => {
    const created = await call(ews.app, createItemXml('SaveOnly', HEADERS_MESSAGE))
    expect(created.codes(), created.text).to.deep.equal(['NoError'])
    const id = created.value('//t:ItemId/@Id')
    expectHeaders(await call(ews.app, getItemXml(itemId(id))))
  })

  it('returns them when named in AdditionalProperties, with defaults when never set', async () => {
    const created = await call(
      ews.app,
      createItemXml('SaveOnly', '<t:Message><t:Subject>x</t:Subject></t:Message>'),
    )
    const id = created.value('//t:ItemId/@Id')
    const fields = [
      'item:Sensitivity',
      'item:InReplyTo',
      'message:References',
      'message:ReplyTo',
      'message:IsReadReceiptRequested',
      'message:IsDeliveryReceiptRequested',
    ]
    const res = await call(
      ews.app,
      getItemXml(
        itemId(id),
        'IdOnly',
        `<t:AdditionalProperties>${fields.map((f) => `<t:FieldURI FieldURI="${f}"/>`).join('')}</t:AdditionalProperties>`,
      ),
    )
    expect(res.value('//t:Message/t:Sensitivity'), res.text).to.equal('Normal')
    expect(res.value('//t:Message/t:IsReadReceiptRequested')).to.equal('false')
    expect(res.value('//t:Message/t:IsDeliveryReceiptRequested')).to.equal('false')
    expect(
      res.select('//t:Message/t:InReplyTo | //t:Message/t:References | //t:Message/t:ReplyTo'),
    ).to.have.length(0)
  })

  it('sets and deletes them with UpdateItem', async () => {
    const created = await call(
      ews.app,
      createItemXml('SaveOnly', '<t:Message><t:Subject>x</t:Subject></t:Message>'),
    )
    const id = created.value('//t:ItemId/@Id')
    const set = (uri: string, element: string): string =>
      `<t:SetItemField><t:FieldURI FieldURI="${uri}"/><t:Message>${element}</t:Message></t:SetItemField>`
    const updated = await call(
      ews.app,
      updateItemXml(
        itemChange(
          itemId(id),
          set('item:Sensitivity', '<t:Sensitivity>Private</t:Sensitivity>') +
            set('message:References', '<t:References>&lt;a@b&gt;</t:References>') +
            set(
              'message:ReplyTo',
              '<t:ReplyTo><t:Mailbox><t:EmailAddress>team@contoso.com</t:EmailAddress></t:Mailbox></t:ReplyTo>',
            ) +
            set(
              'message:IsReadReceiptRequested',
              '<t:IsReadReceiptRequested>true</t:IsReadReceiptRequested>',
            ),
        ),
      ),
    )
    expect(updated.codes(), updated.text).to.deep.equal(['NoError'])
    let res = await call(ews.app, getItemXml(itemId(id)))
    expect(res.value('//t:Message/t:Sensitivity')).to.equal('Private')
    expect(res.value('//t:Message/t:References')).to.equal('<a@b>')
    expect(res.value('//t:Message/t:ReplyTo/t:Mailbox/t:EmailAddress')).to.equal('team@contoso.com')
    expect(res.value('//t:Message/t:IsReadReceiptRequested')).to.equal('true')
    const deleted = await call(
      ews.app,
      updateItemXml(
        itemChange(
          itemId(id),
          '<t:DeleteItemField><t:FieldURI FieldURI="message:References"/></t:DeleteItemField>',
        ),
      ),
    )
    expect(deleted.codes(), deleted.text).to.deep.equal(['NoError'])
    res = await call(ews.app, getItemXml(itemId(id)))
    expect(res.select('//t:Message/t:References')).to.have.length(0)
    expect(res.value('//t:Message/t:Sensitivity')).to.equal('Private')
  })

  it('refuses a Sensitivity outside the schema, storing nothing', async () => {
    const res = await call(
      ews.app,
      createItemXml('SaveOnly', '<t:Message><t:Sensitivity>Secret</t:Sensitivity></t:Message>'),
    )
    expect(res.text).to.contain('Sensitivity')
    expect(res.faultCode(), res.text).to.equal('ErrorSchemaValidation')
    const drafts = await call(ews.app, findItemXml(distinguished('drafts')))
    expect(drafts.select('//t:Items/t:Message')).to.have.length(0)
  })

  it('carries them to the recipient of a sent message', async () => {
    const sent = await call(ews.app, createItemXml('SendAndSaveCopy', HEADERS_MESSAGE))
    expect(sent.codes(), sent.text).to.deep.equal(['NoError'])
    const found = await call(ews.app, findItemXml(distinguished('inbox')), BOB)
    const id = found.value('//t:Items/t:Message/t:ItemId/@Id')
    expectHeaders(await call(ews.app, getItemXml(itemId(id)), BOB))
  })
})
