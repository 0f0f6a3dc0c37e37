/**
 * An RFC 5322 message (t:MimeContent of CreateItem / UpdateItem) read into an item's fields with
 * postal-mime: subject, addresses, body (HTML preferred, else text), Message-ID, Date,
 * In-Reply-To / References, Reply-To, importance, sensitivity, receipt requests, Keywords as
 * categories, attachments (message/rfc822 parts as item attachments); every other header is kept
 * as an extended property of the InternetHeaders set, so it comes back in InternetMessageHeaders
 * and MimeContent. Bounded (MIME_LIMITS): a message past them is refused, never half-read.
 */
import { Worker } from 'node:worker_threads'
import type { Address, Attachment, Email, Header } from 'postal-mime'
import type { AttachedItem, FileAttachment } from '../domain/attachments.ts'
import { EwsError } from '../domain/errors.ts'
import type { ExtendedProperty } from '../domain/extended-properties.ts'
import { DISTINGUISHED_SETS } from '../domain/extended-properties.ts'
import type { EmailAddress, Importance, ItemFields, Sensitivity } from '../domain/items.ts'

export type ParsedAttachment = Omit<FileAttachment, 'key' | 'lastModifiedTime'>
/** The fields a MIME message gives an item. */
export type ParsedMime = Partial<Omit<ItemFields, 'attachments'>> & {
  attachments?: ParsedAttachment[]
}

/**
 * What one MIME message may hold (docs/decisions/0038): past these, parsing is refused with
 * ErrorMimeContentConversionFailed. Parsing runs in a worker thread (below), so these bound the
 * worker's work and memory; the server's event loop only waits for the answer.
 */
export const MIME_LIMITS = {
  maxNestingDepth: 32,
  maxHeadersSize: 256 * 1024,
  maxPartCount: 500,
  maxRfc822NestingDepth: 0,
  maxForwardedAddresses: 1000,
} as const

/** Headers the fields above stand for: not kept again as InternetHeaders properties. */
const READ = new Set([
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
  'priority',
  'x-msmail-priority',
  'sensitivity',
  'keywords',
  'disposition-notification-to',
  'return-receipt-to',
  'mime-version',
  'content-type',
  'content-transfer-encoding',
  'content-disposition',
  'content-id',
  'content-language',
])

/** `t:MimeContent`'s text: base64, white space allowed; anything else is refused. */
export function decodeMimeContent(base64: string): Buffer {
  const compact = base64.replace(/\s+/g, '')
  if (compact === '' || !/^[A-Za-z0-9+/]*={0,2}$/.test(compact) || compact.length % 4 === 1)
    throw new EwsError(
      'ErrorMimeContentInvalidBase64String',
      'The MIME content is not a valid base64 string.',
    )
  return Buffer.from(compact, 'base64')
}

/** The fields of a MIME message; a message past MIME_LIMITS or without headers is refused. */
export async function parseMime(raw: Buffer): Promise<ParsedMime> {
  const email = await parse(raw)
  const out: ParsedMime = {
    subject: email.subject ?? '',
    toRecipients: addresses(email.to),
    ccRecipients: addresses(email.cc),
    bccRecipients: addresses(email.bcc),
  }
  const from = addresses(email.from && [email.from])[0]
  if (from) out.from = from
  if (email.html !== undefined) out.body = { type: 'HTML', text: email.html }
  else out.body = { type: 'Text', text: (email.text ?? '').replace(/\r?\n$/, '') }
  if (email.replyTo?.length) out.replyTo = addresses(email.replyTo)
  if (email.messageId) out.internetMessageId = email.messageId
  if (email.inReplyTo) out.inReplyTo = email.inReplyTo.trim()
  if (email.references) out.references = email.references.trim()
  const date = email.date === undefined ? NaN : Date.parse(email.date)
  if (!Number.isNaN(date)) out.dateTimeSent = new Date(date)
  const header = (name: string): string | undefined =>
    email.headers.find((h) => h.key === name)?.value.trim()
  const importance = importanceOf(header('importance'), header('x-priority'))
  if (importance) out.importance = importance
  const sensitivity = sensitivityOf(header('sensitivity'))
  if (sensitivity) out.sensitivity = sensitivity
  const keywords = header('keywords')
  if (keywords)
    out.categories = keywords
      .split(',')
      .map((k) => k.trim())
      .filter(Boolean)
  if (header('disposition-notification-to')) out.isReadReceiptRequested = true
  if (header('return-receipt-to')) out.isDeliveryReceiptRequested = true
  const extended = otherHeaders(email.headers)
  if (extended.length) out.extendedProperties = extended
  const attachments: ParsedAttachment[] = []
  for (const a of email.attachments) attachments.push(await attachmentOf(a))
  if (attachments.length) out.attachments = attachments
  return out
}

async function parse(raw: Buffer): Promise<Email> {
  let email: Email
  try {
    email = await inWorker(raw)
  } catch (e) {
    const code = (e as { code?: string }).code
    if (typeof code === 'string' && code.startsWith('EMAX'))
      throw new EwsError(
        'ErrorMimeContentConversionFailed',
        `The MIME content could not be converted: it is past mock-ews's bounds (${code}; at most ${MIME_LIMITS.maxPartCount} parts, ${MIME_LIMITS.maxNestingDepth} levels, ${MIME_LIMITS.maxHeadersSize} bytes of headers).`,
      )
    throw e
  }
  if (email.headers.length === 0)
    throw new EwsError('ErrorMimeContentInvalid', 'The MIME content has no header fields.')
  return email
}

/**
 * The parser's own thread: postal-mime reads a whole message within one turn of the event loop
 * (a 10 MB message held it for 750 ms), so the server's loop only waits for the answer. One
 * worker, started on first use, keeping the process alive only while a parse is in flight; a crash fails
 * the messages in flight and the next parse starts a new one.
 */
let worker: Worker | undefined
let nextId = 0
const pending = new Map<number, { resolve: (e: Email) => void; reject: (e: unknown) => void }>()

function inWorker(raw: Buffer): Promise<Email> {
  if (!worker) {
    const w = new Worker(new URL('./parse-worker.mjs', import.meta.url))
    w.unref()
    w.on(
      'message',
      (m: { id: number; email?: Email; error?: { code?: string; message: string } }) => {
        const p = pending.get(m.id)
        pending.delete(m.id)
        if (pending.size === 0) w.unref()
        if (m.email) p?.resolve(m.email)
        else p?.reject(Object.assign(new Error(m.error?.message), { code: m.error?.code }))
      },
    )
    w.on('error', (e) => {
      worker = undefined
      for (const p of pending.values()) p.reject(e)
      pending.clear()
    })
    worker = w
  }
  const id = ++nextId
  const options = {
    ...MIME_LIMITS,
    forceRfc822Attachments: true,
    attachmentEncoding: 'arraybuffer',
  }
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject })
    worker!.ref()
    worker!.postMessage({ id, raw, options })
  })
}

function addresses(list: readonly Address[] | undefined): EmailAddress[] {
  const out: EmailAddress[] = []
  for (const a of list ?? []) {
    for (const m of a.group ?? [a]) {
      if (m.address) out.push({ name: m.name || undefined, address: m.address })
    }
  }
  return out
}

function importanceOf(importance?: string, priority?: string): Importance | undefined {
  const i = importance?.toLowerCase()
  if (i === 'high') return 'High'
  if (i === 'low') return 'Low'
  if (i === 'normal') return 'Normal'
  const p = Number(/^\s*(\d)/.exec(priority ?? '')?.[1])
  if (p === 1 || p === 2) return 'High'
  if (p === 4 || p === 5) return 'Low'
  return p === 3 ? 'Normal' : undefined
}

function sensitivityOf(value?: string): Sensitivity | undefined {
  const v = value?.toLowerCase()
  if (v === 'personal') return 'Personal'
  if (v === 'private') return 'Private'
  if (v === 'company-confidential') return 'Confidential'
  return undefined
}

const INTERNET_HEADERS = DISTINGUISHED_SETS.InternetHeaders

/** Headers no field stands for, as InternetHeaders properties (repeated ones as StringArray). */
function otherHeaders(headers: readonly Header[]): ExtendedProperty[] {
  const byName = new Map<string, { name: string; values: string[] }>()
  for (const h of headers) {
    if (READ.has(h.key)) continue
    const entry = byName.get(h.key) ?? { name: h.originalKey, values: [] }
    entry.values.push(h.value.trim())
    byName.set(h.key, entry)
  }
  return [...byName.values()].map(({ name, values }) => {
    const type = values.length > 1 ? 'StringArray' : 'String'
    return {
      uri: {
        attributes: [
          ['DistinguishedPropertySetId', 'InternetHeaders'],
          ['PropertyName', name],
          ['PropertyType', type],
        ],
        key: `${INTERNET_HEADERS}:name:${name}`,
        type,
      },
      isArray: values.length > 1,
      values,
    }
  })
}

async function attachmentOf(a: Attachment): Promise<ParsedAttachment> {
  const content = Buffer.from(a.content as ArrayBuffer)
  const name = a.filename ?? (a.mimeType === 'message/rfc822' ? 'message.eml' : 'attachment')
  const contentId = a.contentId?.trim().replace(/^<|>$/g, '') || undefined
  const base = { name, contentId, isInline: a.disposition === 'inline' || Boolean(a.related) }
  if (a.mimeType !== 'message/rfc822') return { ...base, contentType: a.mimeType, content }
  return {
    ...base,
    contentType: 'message/rfc822',
    content: Buffer.alloc(0),
    item: await attachedItem(content),
  }
}

/** A message/rfc822 part as the message of an item attachment. */
async function attachedItem(raw: Buffer): Promise<AttachedItem> {
  const m = await parseMime(raw)
  if (m.attachments?.length)
    throw new EwsError(
      'ErrorMimeContentConversionFailed',
      'mock-ews stores item attachments without attachments of their own; an attached message/rfc822 part has attachments.',
    )
  return {
    itemClass: 'IPM.Note',
    subject: m.subject ?? '',
    body: m.body ?? { type: 'Text', text: '' },
    importance: m.importance ?? 'Normal',
    categories: m.categories ?? [],
    from: m.from,
    toRecipients: m.toRecipients ?? [],
    ccRecipients: m.ccRecipients ?? [],
    bccRecipients: m.bccRecipients ?? [],
  }
}
