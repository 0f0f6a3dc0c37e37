/**
 * Issue 15, MIME: GetItem IncludeMimeContent / item:MimeContent gives the item as an RFC 5322
 * message; CreateItem reads t:MimeContent into a full item; FindItem and GetAttachment as Exchange.
 */
import { expect } from 'chai'
import { call, testApp } from '../helpers/ews.ts'
import {
  BOB,
  createItemXml,
  findItemXml,
  getItemOf,
  getItemXml,
  itemId,
  itemChange,
  itemsIn,
  readItem,
  updateItemXml,
} from '../helpers/items.ts'

const b64 = (s: string): string => Buffer.from(s, 'latin1').toString('base64')
const mimeElement = (raw: string): string =>
  `<t:MimeContent CharacterSet="UTF-8">${b64(raw)}</t:MimeContent>`
const INBOX = '<t:DistinguishedFolderId Id="inbox"/>'

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3, 255, 254])
const RAW = [
  'From: Alice <alice@contoso.com>',
  'To: Bob <bob@contoso.com>',
  'Cc: carol@fabrikam.com',
  'Subject: =?ISO-8859-1?Q?Caf=E9?=',
  'Message-ID: <mime-1@contoso.com>',
  'In-Reply-To: <mime-0@contoso.com>',
  'References: <mime-0@contoso.com>',
  'Reply-To: replies@contoso.com',
  'Importance: high',
  'Sensitivity: Private',
  'X-Tracking: abc',
  'MIME-Version: 1.0',
  'Content-Type: multipart/mixed; boundary="outer"',
  '',
  '--outer',
  'Content-Type: text/html; charset=ISO-8859-1',
  'Content-Transfer-Encoding: quoted-printable',
  '',
  '<p>Un caf=E9</p>',
  '--outer',
  'Content-Type: image/png; name=dot.png',
  'Content-Disposition: attachment; filename=dot.png',
  'Content-Transfer-Encoding: base64',
  '',
  PNG.toString('base64'),
  '--outer',
  'Content-Type: message/rfc822',
  'Content-Disposition: attachment; filename=old.eml',
  '',
  'From: eve@fabrikam.com',
  'Subject: Old news',
  '',
  'old body',
  '--outer--',
  '',
].join('\r\n')

describe('MIME (IncludeMimeContent, CreateItem t:MimeContent)', () => {
  const ews = testApp()
  const app = ews.app

  async function create(message: string, disposition = 'SaveOnly'): Promise<string> {
    const res = await call(app, createItemXml(disposition, message))
    expect(res.codes(), res.text).to.deep.equal(['NoError'])
    return res.value('string(//m:Items/*/t:ItemId/@Id)')
  }

  it('CreateItem reads the MIME into a full item: fields, body, headers, attachments', async () => {
    const id = await create(`<t:Message>${mimeElement(RAW)}</t:Message>`)
    const res = await call(
      app,
      getItemXml(
        itemId(id),
        'AllProperties',
        '<t:AdditionalProperties><t:IndexedFieldURI FieldURI="item:InternetMessageHeader" FieldIndex="X-Tracking"/></t:AdditionalProperties>',
      ),
    )
    const item = readItem(res.select('//t:Message')[0]!)
    expect(item).to.include({
      subject: 'Café',
      bodyType: 'HTML',
      from: 'alice@contoso.com',
      internetMessageId: '<mime-1@contoso.com>',
      isDraft: 'true',
    })
    expect(item.body).to.contain('Un café')
    expect(item.to).to.deep.equal([BOB])
    expect(item.cc).to.deep.equal(['carol@fabrikam.com'])
    expect(res.value('string(//t:Message/t:Importance)')).to.equal('High')
    expect(res.value('string(//t:Message/t:Sensitivity)')).to.equal('Private')
    expect(res.value('string(//t:Message/t:InReplyTo)')).to.equal('<mime-0@contoso.com>')
    expect(res.value('string(//t:Message/t:ReplyTo//t:EmailAddress)')).to.equal(
      'replies@contoso.com',
    )
    expect(res.value('string(//t:Message/t:HasAttachments)')).to.equal('true')
    const names = res.select('//t:Attachments/*/t:Name').map((n) => n.textContent)
    expect(names).to.have.members(['dot.png', 'old.eml'])
    const fileId = res.value('string(//t:FileAttachment/t:AttachmentId/@Id)')
    const got = await call(
      app,
      `<m:GetAttachment><m:AttachmentIds><t:AttachmentId Id="${fileId}"/></m:AttachmentIds></m:GetAttachment>`,
    )
    expect(Buffer.from(got.value('string(//t:Content)'), 'base64').equals(PNG)).to.equal(true)
    // The MIME form carries the unknown header back.
    const mime = await call(
      app,
      getItemXml(itemId(id), 'IdOnly', '<t:IncludeMimeContent>true</t:IncludeMimeContent>'),
    )
    const text = Buffer.from(mime.value('string(//t:MimeContent)'), 'base64').toString()
    expect(text).to.match(/^X-Tracking: abc\r$/m)
  })

  it('elements given beside t:MimeContent win over the MIME', async () => {
    const id = await create(
      `<t:Message>${mimeElement(RAW)}<t:Subject>Mine</t:Subject><t:IsRead>false</t:IsRead></t:Message>`,
    )
    const res = await call(app, getItemXml(itemId(id)))
    expect(res.value('string(//t:Message/t:Subject)')).to.equal('Mine')
    expect(res.value('string(//t:Message/t:IsRead)')).to.equal('false')
  })

  it('GetItem IncludeMimeContent: MimeContent first, base64 of the message built from the item', async () => {
    const id = await create(
      `<t:Message><t:Subject>Built</t:Subject><t:Body BodyType="HTML">&lt;p&gt;Hi&lt;/p&gt;</t:Body><t:ToRecipients><t:Mailbox><t:EmailAddress>${BOB}</t:EmailAddress></t:Mailbox></t:ToRecipients><t:Attachments><t:FileAttachment><t:Name>a.txt</t:Name><t:Content>${Buffer.from('file').toString('base64')}</t:Content></t:FileAttachment></t:Attachments></t:Message>`,
    )
    for (const shape of [
      '<t:IncludeMimeContent>true</t:IncludeMimeContent>',
      '<t:AdditionalProperties><t:FieldURI FieldURI="item:MimeContent"/></t:AdditionalProperties>',
    ]) {
      const res = await call(app, getItemXml(itemId(id), 'AllProperties', shape))
      const first = res.select('//t:Message/*')[0] as Element
      expect(first.localName).to.equal('MimeContent')
      expect(first.getAttribute('CharacterSet')).to.equal('UTF-8')
      const text = Buffer.from(first.textContent ?? '', 'base64').toString()
      expect(text).to.match(/^Subject: Built\r$/m)
      expect(text).to.match(/^To: bob@contoso.com\r$/m)
      expect(text).to.contain('multipart/alternative')
      expect(text).to.contain('filename=a.txt')
    }
    const plain = await call(app, getItemXml(itemId(id)))
    expect(plain.select('//t:MimeContent')).to.have.length(0)
  })

  it("a contact's MIME is its vCard; MimeContent written into a contact or task is refused, naming it", async () => {
    const contact = await create(
      '<t:Contact><t:DisplayName>Ann Lee</t:DisplayName><t:GivenName>Ann</t:GivenName><t:EmailAddresses><t:Entry Key="EmailAddress1">ann@contoso.com</t:Entry></t:EmailAddresses><t:Surname>Lee</t:Surname></t:Contact>',
    )
    const res = await call(
      app,
      getItemXml(itemId(contact), 'IdOnly', '<t:IncludeMimeContent>true</t:IncludeMimeContent>'),
    )
    expect(res.codes()).to.deep.equal(['NoError'])
    const vcard = Buffer.from(res.value('string(//t:Contact/t:MimeContent)'), 'base64').toString()
    expect(vcard).to.match(/^BEGIN:VCARD\r\nVERSION:3.0\r\n/)
    expect(vcard).to.contain('FN:Ann Lee\r\n')
    expect(vcard).to.contain('N:Lee;Ann;;;\r\n')
    expect(vcard).to.contain(':ann@contoso.com\r\n')
    const made = await call(
      app,
      createItemXml('SaveOnly', `<t:Task>${mimeElement('Subject: t\r\n\r\nx')}</t:Task>`),
    )
    expect(made.codes()).to.deep.equal(['ErrorInvalidPropertySet'])
    expect(made.value('string(//m:MessageText)')).to.contain('item:MimeContent')
  })

  it('FindItem ignores IncludeMimeContent and refuses item:MimeContent', async () => {
    await create('<t:Message><t:Subject>found</t:Subject></t:Message>')
    const drafts = '<t:DistinguishedFolderId Id="drafts"/>'
    const ignored = await call(
      app,
      findItemXml(drafts).replace(
        '</t:BaseShape>',
        '</t:BaseShape><t:IncludeMimeContent>true</t:IncludeMimeContent>',
      ),
    )
    expect(ignored.codes()).to.deep.equal(['NoError'])
    expect(ignored.select('//t:MimeContent')).to.have.length(0)
    const named = await call(
      app,
      findItemXml(drafts).replace(
        '</t:BaseShape>',
        '</t:BaseShape><t:AdditionalProperties><t:FieldURI FieldURI="item:MimeContent"/></t:AdditionalProperties>',
      ),
    )
    expect(named.codes()).to.deep.equal(['ErrorInvalidPropertyRequest'])
  })

  it('GetAttachment IncludeMimeContent gives an item attachment its MIME', async () => {
    const id = await create(`<t:Message>${mimeElement(RAW)}</t:Message>`)
    const res = await call(app, getItemXml(itemId(id)))
    const attId = res.value('string(//t:ItemAttachment/t:AttachmentId/@Id)')
    const att = await call(
      app,
      `<m:GetAttachment><m:AttachmentShape><t:IncludeMimeContent>true</t:IncludeMimeContent></m:AttachmentShape><m:AttachmentIds><t:AttachmentId Id="${attId}"/></m:AttachmentIds></m:GetAttachment>`,
    )
    const mime = Buffer.from(
      att.value('string(//t:ItemAttachment/t:Message/t:MimeContent)'),
      'base64',
    ).toString()
    expect(mime).to.match(/^Subject: Old news\r$/m)
    expect(mime).to.contain('old body')
  })

  it('a message created from MIME and sent reaches its recipients like any other', async () => {
    const raw =
      'From: alice@contoso.com\r\nTo: bob@contoso.com\r\nBcc: carol@fabrikam.com\r\nSubject: sent from mime\r\nX-Campaign: spring\r\n\r\nhello bob\r\n'
    const res = await call(
      app,
      createItemXml('SendAndSaveCopy', `<t:Message>${mimeElement(raw)}</t:Message>`),
    )
    expect(res.codes()).to.deep.equal(['NoError'])
    const inbox = await itemsIn(app, INBOX, BOB)
    const received = inbox.find((i) => i.subject === 'sent from mime')!
    expect((await getItemOf(app, received.id, BOB)).body).to.equal('hello bob')
    const got = await call(
      app,
      getItemXml(
        itemId(received.id),
        'IdOnly',
        '<t:IncludeMimeContent>true</t:IncludeMimeContent>',
      ),
      BOB,
    )
    const mime = Buffer.from(got.value('string(//t:MimeContent)'), 'base64').toString()
    expect(mime).to.match(/^X-Campaign: spring\r$/im)
    expect(mime, 'no Bcc on a received copy').not.to.match(/^Bcc:/im)
    const headers = await call(
      app,
      getItemXml(
        itemId(received.id),
        'IdOnly',
        '<t:AdditionalProperties><t:FieldURI FieldURI="item:InternetMessageHeaders"/></t:AdditionalProperties>',
      ),
      BOB,
    )
    expect(headers.value('string(//t:InternetMessageHeader[@HeaderName="X-Campaign"])')).to.equal(
      'spring',
    )
    const sent = await itemsIn(app, '<t:DistinguishedFolderId Id="sentitems"/>')
    const copy = sent.find((i) => i.subject === 'sent from mime')!
    const own = await call(
      app,
      getItemXml(itemId(copy.id), 'IdOnly', '<t:IncludeMimeContent>true</t:IncludeMimeContent>'),
    )
    expect(Buffer.from(own.value('string(//t:MimeContent)'), 'base64').toString()).to.match(
      /^Bcc: carol@fabrikam.com\r$/m,
    )
  })

  it('UpdateItem SetItemField item:MimeContent replaces a draft; later fields apply on top; a received message refuses it', async () => {
    const id = await create(
      '<t:Message><t:Subject>old</t:Subject><t:Categories><t:String>Red</t:String></t:Categories></t:Message>',
    )
    const raw = 'To: carol@fabrikam.com\r\nSubject: new from mime\r\nX-Kept: 1\r\n\r\nnew body\r\n'
    const set = (xml: string): string => `<t:SetItemField>${xml}</t:SetItemField>`
    const updates =
      set(`<t:FieldURI FieldURI="item:MimeContent"/><t:Message>${mimeElement(raw)}</t:Message>`) +
      set(
        '<t:FieldURI FieldURI="message:IsRead"/><t:Message><t:IsRead>false</t:IsRead></t:Message>',
      )
    const res = await call(app, updateItemXml(itemChange(itemId(id), updates)))
    expect(res.codes(), res.text).to.deep.equal(['NoError'])
    const got = await call(
      app,
      getItemXml(itemId(id), 'AllProperties', '<t:IncludeMimeContent>true</t:IncludeMimeContent>'),
    )
    const item = readItem(got.select('//t:Message')[0]!)
    expect(item).to.include({ subject: 'new from mime', body: 'new body', isRead: 'false' })
    expect(item.to).to.deep.equal(['carol@fabrikam.com'])
    expect(got.select('//t:Message/t:Categories')).to.have.length(0)
    const mime = Buffer.from(got.value('string(//t:MimeContent)'), 'base64').toString()
    expect(mime).to.match(/^X-Kept: 1\r$/im)

    const received = (await itemsIn(app, INBOX, BOB))[0]!
    const refused = await call(
      app,
      updateItemXml(
        itemChange(
          itemId(received.id),
          set(
            `<t:FieldURI FieldURI="item:MimeContent"/><t:Message>${mimeElement(raw)}</t:Message>`,
          ),
        ),
      ),
      BOB,
    )
    expect(refused.codes()).to.deep.equal(['ErrorInvalidPropertyUpdateSentMessage'])
  })

  it('bad base64, headerless MIME and a hostile MIME are refused per item, nothing stored', async () => {
    const before = (await itemsIn(app, '<t:DistinguishedFolderId Id="drafts"/>')).length
    let parts = 'Subject: many\r\nContent-Type: multipart/mixed; boundary="b"\r\n\r\n'
    for (let i = 0; i < 10_000; i++) parts += `--b\r\n\r\n${i}\r\n`
    const cases: [string, string][] = [
      ['<t:MimeContent>!!not base64!!</t:MimeContent>', 'ErrorMimeContentInvalidBase64String'],
      [mimeElement('\r\nno headers at all'), 'ErrorMimeContentInvalid'],
      [mimeElement(`${parts}--b--\r\n`), 'ErrorMimeContentConversionFailed'],
    ]
    for (const [element, code] of cases) {
      const res = await call(app, createItemXml('SaveOnly', `<t:Message>${element}</t:Message>`))
      expect(res.codes(), code).to.deep.equal([code])
    }
    expect(await itemsIn(app, '<t:DistinguishedFolderId Id="drafts"/>')).to.have.length(before)
  })
})
