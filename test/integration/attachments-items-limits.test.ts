// Item attachments (a message inside a message) and the size limits of attachments.
import { expect } from 'chai'
import type { EwsApp } from '../../mock-ews/index.ts'
import { parseTopology } from '../../mock-ews/index.ts'
import { attachment, getItem, messageWith, saved } from '../helpers/attachments.ts'
import { call, testApp } from '../helpers/ews.ts'
import { storeSnapshot } from '../helpers/hardening.ts'
import { ALICE, BOB, createItemXml, storedItems } from '../helpers/items.ts'

describe('Attachment size limits', () => {
  /** contoso.com where alice may send at most `maxSendSize` bytes. */
  const limitedApp = (maxSendSize: string): EwsApp =>
    testApp({
      topology: parseTopology(
        [
          'organisations:',
          '  - domain: contoso.com',
          '    exchange: exchange-2016',
          '    users:',
          `      - { address: ${ALICE}, password: 'P@ssw0rd', quotas: { maxSendSize: ${maxSendSize} } }`,
          `      - { address: ${BOB}, password: 'P@ssw0rd' }`,
        ].join('\n'),
      ),
    })

  it('refuses an attachment larger than MaxSendSize in CreateItem and CreateAttachment, storing nothing', async () => {
    const ews = limitedApp('4KB')
    const big = Buffer.alloc(5 * 1024, 1)
    const res = await call(
      ews.app,
      createItemXml('SaveOnly', messageWith(attachment('big.bin', big))),
    )
    expect(res.codes()).to.deep.equal(['ErrorAttachmentSizeLimitExceeded'])
    expect(res.value('//m:MessageText')).to.include("'big.bin'")
    expect(storedItems(ews, ALICE, 'drafts')).to.have.length(0)

    const id = await saved(ews, attachment('small.txt'))
    const before = storeSnapshot(ews)
    const added = await call(
      ews.app,
      `<m:CreateAttachment><m:ParentItemId Id="${id}"/><m:Attachments>${attachment('big.bin', big)}</m:Attachments></m:CreateAttachment>`,
    )
    expect(added.codes()).to.deep.equal(['ErrorAttachmentSizeLimitExceeded'])
    expect(storeSnapshot(ews)).to.equal(before)
  })

  it('counts attachments in the message size: a draft over MaxSendSize is not sent (ErrorMessageSizeExceeded)', async () => {
    const ews = limitedApp('8KB')
    const part = Buffer.alloc(3 * 1024, 2)
    const res = await call(
      ews.app,
      createItemXml(
        'SendAndSaveCopy',
        messageWith(
          attachment('a.bin', part) + attachment('b.bin', part) + attachment('c.bin', part),
          BOB,
        ),
      ),
    )
    expect(res.codes()).to.deep.equal(['ErrorMessageSizeExceeded'])
    expect(storedItems(ews, BOB, 'inbox')).to.have.length(0)
    const small = await call(
      ews.app,
      createItemXml('SendAndSaveCopy', messageWith(attachment('a.bin', part), BOB)),
    )
    expect(small.codes()).to.deep.equal(['NoError'])
    expect(storedItems(ews, BOB, 'inbox')).to.have.length(1)
  })
})

describe('Item attachments', () => {
  let ews: EwsApp
  beforeEach(() => {
    ews = testApp()
  })

  const itemAttachment = (inner: string): string =>
    `<t:ItemAttachment><t:Name>Forwarded</t:Name><t:IsInline>false</t:IsInline>${inner}</t:ItemAttachment>`
  const attachedMessage =
    '<t:Message><t:Subject>Original</t:Subject><t:Body BodyType="HTML">&lt;p&gt;first&lt;/p&gt;</t:Body>' +
    `<t:ToRecipients><t:Mailbox><t:Name>Bob</t:Name><t:EmailAddress>${BOB}</t:EmailAddress></t:Mailbox></t:ToRecipients></t:Message>`

  it('keeps a message attached to a message and returns it with GetAttachment', async () => {
    const id = await saved(ews, itemAttachment(attachedMessage) + attachment('a.txt'))
    const listed = await getItem(ews, id)
    expect(listed.value('//t:Message/t:HasAttachments')).to.equal('true')
    expect(listed.value('//t:Attachments/t:ItemAttachment/t:Name')).to.equal('Forwarded')
    expect(listed.select('//t:Attachments/t:ItemAttachment/t:Message')).to.have.length(0)
    const attachmentId = listed.value('//t:ItemAttachment/t:AttachmentId/@Id')
    const res = await call(
      ews.app,
      `<m:GetAttachment><m:AttachmentShape><t:BodyType>Text</t:BodyType></m:AttachmentShape><m:AttachmentIds><t:AttachmentId Id="${attachmentId}"/></m:AttachmentIds></m:GetAttachment>`,
    )
    expect(res.codes()).to.deep.equal(['NoError'])
    const m = '//m:Attachments/t:ItemAttachment/t:Message'
    expect(res.value(`${m}/t:Subject`)).to.equal('Original')
    expect(res.value(`${m}/t:Body`)).to.equal('first')
    expect(res.value(`${m}/t:Body/@BodyType`)).to.equal('Text')
    expect(res.value(`${m}/t:ToRecipients/t:Mailbox/t:EmailAddress`)).to.equal(BOB)
  })

  it("keeps the attached message's optional elements (reminders, Culture, Sensitivity, Sender…), never dropping them", async () => {
    const inner =
      '<t:Message><t:Subject>Original</t:Subject><t:Sensitivity>Private</t:Sensitivity>' +
      '<t:ReminderIsSet>true</t:ReminderIsSet><t:Culture>de-DE</t:Culture>' +
      `<t:Sender><t:Mailbox><t:EmailAddress>${BOB}</t:EmailAddress></t:Mailbox></t:Sender>` +
      '<t:IsResponseRequested>true</t:IsResponseRequested></t:Message>'
    const id = await saved(ews, itemAttachment(inner))
    const listed = await getItem(ews, id)
    const attachmentId = listed.value('//t:ItemAttachment/t:AttachmentId/@Id')
    const res = await call(
      ews.app,
      `<m:GetAttachment><m:AttachmentIds><t:AttachmentId Id="${attachmentId}"/></m:AttachmentIds></m:GetAttachment>`,
    )
    const m = '//m:Attachments/t:ItemAttachment/t:Message'
    expect(res.value(`${m}/t:Sensitivity`)).to.equal('Private')
    expect(res.value(`${m}/t:ReminderIsSet`)).to.equal('true')
    expect(res.value(`${m}/t:Culture`)).to.equal('de-DE')
    expect(res.value(`${m}/t:Sender/t:Mailbox/t:EmailAddress`)).to.equal(BOB)
    expect(res.value(`${m}/t:IsResponseRequested`)).to.equal('true')
    const extended =
      '<t:Message><t:ExtendedProperty><t:ExtendedFieldURI PropertyTag="0x3A4F" PropertyType="String"/><t:Value>x</t:Value></t:ExtendedProperty></t:Message>'
    const refused = await call(
      ews.app,
      createItemXml(
        'SaveOnly',
        `<t:Message><t:Attachments>${itemAttachment(extended)}</t:Attachments></t:Message>`,
      ),
    )
    expect(refused.codes()).to.deep.equal(['ErrorInvalidPropertySet'])
    expect(refused.value('//m:MessageText')).to.include('ExtendedProperty')
  })

  it('adds an item attachment with CreateAttachment', async () => {
    const id = await saved(ews, '')
    const res = await call(
      ews.app,
      `<m:CreateAttachment><m:ParentItemId Id="${id}"/><m:Attachments>${itemAttachment(attachedMessage)}</m:Attachments></m:CreateAttachment>`,
    )
    expect(res.codes()).to.deep.equal(['NoError'])
    expect(res.select('//m:Attachments/t:ItemAttachment/t:AttachmentId')).to.have.length(1)
    expect(ews.store.getItem(ALICE, id).attachments?.[0]?.item?.subject).to.equal('Original')
  })

  it('refuses what it would not keep: another kind of item, an empty one, attachments of the attached message', async () => {
    const nested = attachedMessage.replace(
      '</t:Body>',
      `</t:Body><t:Attachments>${attachment('deep.txt')}</t:Attachments>`,
    )
    for (const inner of ['<t:Contact><t:Subject>x</t:Subject></t:Contact>', '', nested]) {
      const res = await call(ews.app, createItemXml('SaveOnly', messageWith(itemAttachment(inner))))
      expect(res.codes(), inner).to.deep.equal(['ErrorInvalidRequest'])
    }
    expect(storedItems(ews, ALICE, 'drafts')).to.have.length(0)
  })
})
