/**
 * An item as the RFC 5322 message Exchange returns for IncludeMimeContent (GetItem, GetAttachment
 * of an item attachment), built with nodemailer's MailComposer: headers from the item's fields,
 * text/plain + text/html alternatives for an HTML body (text alone for Text), file attachments
 * as parts (inline ones with a Content-ID under multipart/related), item attachments as
 * message/rfc822. Asynchronous: called from an operation's `complete` step (docs/decisions/0038).
 */
import { createHash } from 'node:crypto'
import MailComposer from 'nodemailer/lib/mail-composer'
import type { AttachedItem, FileAttachment } from '../domain/attachments.ts'
import type { ExtendedProperty } from '../domain/extended-properties.ts'
import { DISTINGUISHED_SETS } from '../domain/extended-properties.ts'
import type { Body, EmailAddress, Item } from '../domain/items.ts'

type Mail = NonNullable<ConstructorParameters<typeof MailComposer>[0]>
type MailAttachment = NonNullable<Mail['attachments']>[number]

/** What the MIME form is built from: a stored item or the message of an item attachment. */
export type MimeSource = AttachedItem &
  Partial<
    Pick<
      Item,
      | 'mailbox'
      | 'internetMessageId'
      | 'dateTimeSent'
      | 'dateTimeCreated'
      | 'inReplyTo'
      | 'references'
      | 'replyTo'
      | 'sensitivity'
      | 'isReadReceiptRequested'
      | 'isDeliveryReceiptRequested'
      | 'extendedProperties'
      | 'attachments'
    >
  >

/** Headers the item's fields write; an InternetHeaders property of one of these names is skipped. */
const WRITTEN = new Set(
  [
    'from',
    'sender',
    'to',
    'cc',
    'bcc',
    'reply-to',
    'subject',
    'date',
    'message-id',
    'in-reply-to',
    'references',
    'importance',
    'x-priority',
    'sensitivity',
    'keywords',
    'disposition-notification-to',
    'return-receipt-to',
    'mime-version',
    'content-type',
    'content-transfer-encoding',
  ].map((h) => h.toLowerCase()),
)

const INTERNET_HEADERS = `${DISTINGUISHED_SETS.InternetHeaders}:name:`

/** The message as bytes (CRLF line ends, 7-bit transfer encodings). */
export async function buildMime(item: MimeSource, depth = 0): Promise<Buffer> {
  const date = item.dateTimeSent ?? item.dateTimeCreated ?? new Date(0)
  const messageId = item.internetMessageId ?? `<${hash(item, 'id')}@mock-ews>`
  const mail: Mail = {
    // Deterministic boundaries (same item, same bytes), from a hash of the content they enclose.
    baseBoundary: hash(item, 'boundary'),
    subject: item.subject,
    from: item.from && mailbox(item.from),
    to: item.toRecipients.map(mailbox),
    cc: item.ccRecipients.map(mailbox),
    replyTo: item.replyTo?.map(mailbox),
    inReplyTo: item.inReplyTo,
    references: item.references,
    messageId,
    date,
    headers: headersOf(item),
    ...bodyOf(item.body),
    attachments: await attachmentsOf(item.attachments ?? [], depth, date),
  }
  // Bcc only on the sender's own copies (drafts, Sent Items), as Exchange writes it.
  const own = item.mailbox !== undefined && item.from?.address.toLowerCase() === item.mailbox
  if (own || item.mailbox === undefined) mail.bcc = item.bccRecipients.map(mailbox)
  const node = new MailComposer(mail).compile()
  node.keepBcc = true
  return node.build()
}

function hash(item: MimeSource, what: string): string {
  return createHash('sha256')
    .update(`${what}\0${item.internetMessageId ?? ''}\0${item.subject}\0${item.body.text}`)
    .digest('hex')
    .slice(0, 16)
}

function mailbox(a: EmailAddress): { name: string; address: string } {
  return { name: a.name ?? '', address: a.address }
}

function bodyOf(body: Body): Pick<Mail, 'text' | 'html'> {
  if (body.type === 'Text') return { text: body.text }
  return { text: htmlToText(body.text), html: body.text }
}

/** The text alternative of an HTML body (as item:TextBody reads it). */
function htmlToText(html: string): string {
  return html
    .replace(/<(br|\/p|\/div)\s*\/?>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .trim()
}

function headersOf(item: MimeSource): Record<string, string | string[]> {
  const h: Record<string, string | string[]> = {}
  if (item.importance !== 'Normal') {
    h.Importance = item.importance
    h['X-Priority'] = item.importance === 'High' ? '1' : '5'
  }
  if (item.sensitivity && item.sensitivity !== 'Normal')
    h.Sensitivity = item.sensitivity === 'Confidential' ? 'Company-Confidential' : item.sensitivity
  if (item.categories.length) h.Keywords = item.categories.join(', ')
  const receiptTo = item.from?.address
  if (item.isReadReceiptRequested && receiptTo) h['Disposition-Notification-To'] = receiptTo
  if (item.isDeliveryReceiptRequested && receiptTo) h['Return-Receipt-To'] = receiptTo
  for (const [name, value] of internetHeaderProperties(item.extendedProperties)) {
    if (WRITTEN.has(name.toLowerCase())) continue
    const had = h[name]
    h[name] = had === undefined ? value : [...(Array.isArray(had) ? had : [had]), value]
  }
  return h
}

/** Extended properties of the InternetHeaders set (by name, String): headers of the message. */
export function internetHeaderProperties(
  props: readonly ExtendedProperty[] | undefined,
): [string, string][] {
  const out: [string, string][] = []
  for (const p of props ?? []) {
    if (!p.uri.key.startsWith(INTERNET_HEADERS) || !p.uri.type.startsWith('String')) continue
    const name = p.uri.key.slice(INTERNET_HEADERS.length)
    // A header name is printable ASCII without ':' (RFC 5322 2.2); anything else is not a header.
    if (!/^[\x21-\x39\x3b-\x7e]+$/.test(name)) continue
    for (const v of p.values) out.push([name, v.replace(/[\r\n]+/g, ' ')])
  }
  return out
}

/** Largest depth of item attachments inside item attachments that is written out. */
const MAX_DEPTH = 8

async function attachmentsOf(
  list: readonly FileAttachment[],
  depth: number,
  date: Date,
): Promise<MailAttachment[]> {
  const out: MailAttachment[] = []
  for (const a of list) {
    if (a.item) {
      if (depth >= MAX_DEPTH) continue
      out.push({
        // The attachment's own name, unchanged: read back (a client's save of the MIME it was
        // given) it must still be the name the item had, not one with a suffix added.
        filename: a.name,
        contentType: 'message/rfc822',
        contentDisposition: 'attachment',
        content: await buildMime({ ...a.item, dateTimeCreated: date }, depth + 1),
      })
      continue
    }
    out.push({
      filename: a.name,
      contentType: a.contentType,
      content: a.content,
      contentDisposition: a.isInline ? 'inline' : 'attachment',
      ...(a.contentId !== undefined && { cid: a.contentId.replace(/^<|>$/g, '') }),
    })
  }
  return out
}
