/** The MIME form of an item (mock-ews/mime): built with MailComposer, read back with postal-mime. */
import { expect } from 'chai'
import type { FileAttachment } from '../../../mock-ews/domain/attachments.ts'
import { EwsError } from '../../../mock-ews/domain/errors.ts'
import { DISTINGUISHED_SETS } from '../../../mock-ews/domain/extended-properties.ts'
import { buildMime } from '../../../mock-ews/mime/build.ts'
import type { MimeSource } from '../../../mock-ews/mime/build.ts'
import { decodeMimeContent, parseMime } from '../../../mock-ews/mime/parse.ts'

const BYTES = Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 7919) % 256))

function file(key: number, over: Partial<FileAttachment> = {}): FileAttachment {
  return {
    key,
    name: `f${key}.bin`,
    contentType: 'application/octet-stream',
    contentId: undefined,
    isInline: false,
    lastModifiedTime: 0,
    content: BYTES,
    ...over,
  }
}

const HEADER = {
  uri: {
    attributes: [
      ['DistinguishedPropertySetId', 'InternetHeaders'],
      ['PropertyName', 'X-Tracking'],
      ['PropertyType', 'String'],
    ] as const,
    key: `${DISTINGUISHED_SETS.InternetHeaders}:name:X-Tracking`,
    type: 'String' as const,
  },
  isArray: false,
  values: ['abc 123'],
}

const ITEM: MimeSource = {
  itemClass: 'IPM.Note',
  subject: 'Grüße — déjà vu',
  body: { type: 'HTML', text: '<p>Hello <b>Bob</b> <img src="cid:logo@x"></p>' },
  importance: 'High',
  categories: ['Red', 'Blue'],
  from: { name: 'Alice Ä', address: 'alice@contoso.com' },
  toRecipients: [{ name: 'Bob', address: 'bob@contoso.com' }],
  ccRecipients: [{ name: undefined, address: 'carol@contoso.com' }],
  bccRecipients: [{ name: 'Dan', address: 'dan@contoso.com' }],
  mailbox: 'alice@contoso.com',
  internetMessageId: '<m1@contoso.com>',
  dateTimeSent: new Date('2016-06-10T09:00:00Z'),
  inReplyTo: '<m0@contoso.com>',
  references: '<r@contoso.com> <m0@contoso.com>',
  replyTo: [{ name: 'Replies', address: 'replies@contoso.com' }],
  sensitivity: 'Confidential',
  isReadReceiptRequested: true,
  isDeliveryReceiptRequested: true,
  extendedProperties: [HEADER],
  attachments: [
    file(1),
    file(2, { name: 'logo.png', contentType: 'image/png', contentId: 'logo@x', isInline: true }),
    file(3, {
      name: 'Forwarded',
      contentType: 'message/rfc822',
      content: Buffer.alloc(0),
      item: {
        itemClass: 'IPM.Note',
        subject: 'Inner',
        body: { type: 'Text', text: 'inner text' },
        importance: 'Low',
        categories: [],
        from: { name: 'Eve', address: 'eve@fabrikam.com' },
        toRecipients: [{ name: undefined, address: 'alice@contoso.com' }],
        ccRecipients: [],
        bccRecipients: [],
      },
    }),
  ],
}

describe('MIME build and parse (mock-ews/mime)', () => {
  it('an item survives item → MIME → item: every field, attachments byte-exact', async () => {
    const mime = await buildMime(ITEM)
    const back = await parseMime(mime)
    expect(back.subject).to.equal(ITEM.subject)
    expect(back.body).to.deep.equal(ITEM.body)
    expect(back.importance).to.equal('High')
    expect(back.categories).to.deep.equal(['Red', 'Blue'])
    expect(back.from).to.deep.equal(ITEM.from)
    expect(back.toRecipients).to.deep.equal(ITEM.toRecipients)
    expect(back.ccRecipients).to.deep.equal(ITEM.ccRecipients)
    expect(back.bccRecipients).to.deep.equal(ITEM.bccRecipients)
    expect(back.internetMessageId).to.equal('<m1@contoso.com>')
    expect(back.dateTimeSent?.toISOString()).to.equal('2016-06-10T09:00:00.000Z')
    expect(back.inReplyTo).to.equal(ITEM.inReplyTo)
    expect(back.references).to.equal(ITEM.references)
    expect(back.replyTo).to.deep.equal(ITEM.replyTo)
    expect(back.sensitivity).to.equal('Confidential')
    expect(back.isReadReceiptRequested).to.equal(true)
    expect(back.isDeliveryReceiptRequested).to.equal(true)
    expect(back.extendedProperties?.map((p) => [p.uri.key, p.values])).to.deep.equal([
      [HEADER.uri.key, ['abc 123']],
    ])
    // Inline parts sit in multipart/related, before the others: found by name.
    const named = (n: string) => back.attachments?.find((x) => x.name === n)
    const [a, inline, message] = [named('f1.bin'), named('logo.png'), named('Forwarded')]
    expect(back.attachments).to.have.length(3)
    expect(a?.content.equals(BYTES), 'file content byte-exact').to.equal(true)
    expect(a).to.include({
      name: 'f1.bin',
      contentType: 'application/octet-stream',
      isInline: false,
    })
    expect(inline?.content.equals(BYTES)).to.equal(true)
    expect(inline).to.include({ name: 'logo.png', contentId: 'logo@x', isInline: true })
    expect(message?.item).to.deep.include({
      subject: 'Inner',
      body: { type: 'Text', text: 'inner text' },
      importance: 'Low',
      from: { name: 'Eve', address: 'eve@fabrikam.com' },
    })
  })

  it('writes text/plain and text/html alternatives for HTML, inline parts under multipart/related', async () => {
    const text = (await buildMime(ITEM)).toString()
    expect(text).to.match(/multipart\/alternative/)
    expect(text).to.match(/multipart\/related/)
    expect(text).to.match(/Content-Type: text\/plain/)
    expect(text).to.match(/Content-ID: <logo@x>/)
    expect(text).to.match(/Content-Type: message\/rfc822/)
    expect(text).to.match(/^X-Priority: 1/m)
    const plain = (
      await buildMime({ ...ITEM, body: { type: 'Text', text: 'just text' }, attachments: [] })
    ).toString()
    expect(plain).not.to.match(/multipart/)
    expect(plain).to.match(/Content-Type: text\/plain/)
  })

  it("writes Bcc only on the sender's own copy", async () => {
    expect((await buildMime(ITEM)).toString()).to.match(/^Bcc: /m)
    const received = await buildMime({ ...ITEM, mailbox: 'bob@contoso.com' })
    expect(received.toString()).not.to.match(/^Bcc: /m)
  })

  it('is byte-stable: the same item gives the same MIME', async () => {
    expect((await buildMime(ITEM)).equals(await buildMime(ITEM))).to.equal(true)
  })

  it('reads an ISO-8859-1 quoted-printable part and an encoded-word subject', async () => {
    const raw = Buffer.from(
      'From: =?ISO-8859-1?Q?Andr=E9?= <andre@contoso.com>\r\nTo: bob@contoso.com\r\n' +
        'Subject: =?ISO-8859-1?Q?Caf=E9_cr=E8me?=\r\nImportance: low\r\n' +
        'Content-Type: text/plain; charset=ISO-8859-1\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n' +
        "Un caf=E9 cr=E8me, s'il vous pla=EEt.\r\n",
      'latin1',
    )
    const m = await parseMime(raw)
    expect(m.subject).to.equal('Café crème')
    expect(m.from).to.deep.equal({ name: 'André', address: 'andre@contoso.com' })
    expect(m.body).to.deep.equal({ type: 'Text', text: "Un café crème, s'il vous plaît." })
    expect(m.importance).to.equal('Low')
  })

  it('keeps repeated unknown headers, in order, and writes each back', async () => {
    const m = await parseMime(Buffer.from('Subject: x\r\nX-A: 1\r\nX-A: 2\r\n\r\nbody'))
    expect(m.extendedProperties?.map((p) => p.values)).to.deep.equal([['1', '2']])
    const again = await buildMime({ ...ITEM, extendedProperties: m.extendedProperties })
    expect(again.toString()).to.match(/^X-A: 1\r\nX-A: 2\r$/m)
  })

  it('refuses bad base64, headerless content and a message past the bounds', async () => {
    expect(() => decodeMimeContent('not base64!')).to.throw(EwsError, /base64/)
    const code = async (raw: string): Promise<string> => {
      try {
        await parseMime(Buffer.from(raw))
        return 'NoError'
      } catch (e) {
        return (e as EwsError).code
      }
    }
    expect(await code('\r\njust a body')).to.equal('ErrorMimeContentInvalid')
    let parts = 'Subject: many\r\nContent-Type: multipart/mixed; boundary="b"\r\n\r\n'
    for (let i = 0; i < 600; i++) parts += `--b\r\nContent-Type: text/plain\r\n\r\n${i}\r\n`
    expect(await code(`${parts}--b--\r\n`)).to.equal('ErrorMimeContentConversionFailed')
    let deep = 'Subject: deep\r\n'
    for (let i = 0; i < 100; i++)
      deep += `Content-Type: multipart/mixed; boundary="b${i}"\r\n\r\n--b${i}\r\n`
    expect(await code(deep)).to.equal('ErrorMimeContentConversionFailed')
    expect(await code(`Subject: ${'a'.repeat(300_000)}\r\n\r\nx`)).to.equal(
      'ErrorMimeContentConversionFailed',
    )
  })
})
