/**
 * SetItemField `item:MimeContent` on a draft (UpdateItem): the MIME replaces the draft's content —
 * its fields, its InternetHeaders properties and its attachments — as Exchange does (exchangelib
 * sends it on every save of a fetched draft, before the other fields, which then apply on top).
 * The MIME is parsed in the operation's prepare step (docs/decisions/0038).
 */
import type { Element } from '../../soap/xml-tree.ts'
import type { FileAttachment } from '../../domain/attachments.ts'
import { EwsError } from '../../domain/errors.ts'
import { DISTINGUISHED_SETS } from '../../domain/extended-properties.ts'
import type { Item } from '../../domain/items.ts'
import { decodeMimeContent, parseMime } from '../../mime/parse.ts'
import type { ParsedMime } from '../../mime/parse.ts'
import { child, text } from '../../soap/dom.ts'
import type { ItemChange } from '../../store/mailbox-store.ts'
import { numberAttachments } from '../shared/attachment-xml.ts'

export const MIME_FIELD = 'item:MimeContent'

/** The base64 text of the change's `t:MimeContent`, if it has one. */
export function readMimeUpdate(message: Element | undefined): string | undefined {
  const el = message && child(message, 't', 'MimeContent')
  return el ? (text(el) ?? '') : undefined
}

/** The parsed MIME, or why it cannot be read (that item's answer). */
export async function parseMimeUpdate(base64: string): Promise<ParsedMime | EwsError> {
  try {
    return await parseMime(decodeMimeContent(base64))
  } catch (e) {
    if (e instanceof EwsError) return e
    throw e
  }
}

const INTERNET_HEADERS = `${DISTINGUISHED_SETS.InternetHeaders}:name:`

/** The change a MIME makes to `item`: everything the MIME stands for is replaced. */
export function mimeChange(mime: ParsedMime, item: Item, now: number): ItemChange {
  if (!item.isDraft)
    throw new EwsError(
      'ErrorInvalidPropertyUpdateSentMessage',
      'The MIME content of a sent or received message cannot change.',
    )
  const kept = (item.extendedProperties ?? []).filter(
    (p) => !p.uri.key.startsWith(INTERNET_HEADERS),
  )
  const extended = [...kept, ...(mime.extendedProperties ?? [])]
  const after = Math.max(0, ...(item.attachments ?? []).map((a: FileAttachment) => a.key))
  const change: Record<string, unknown> = {
    subject: mime.subject ?? '',
    body: mime.body ?? { type: 'Text', text: '' },
    importance: mime.importance ?? 'Normal',
    categories: mime.categories ?? [],
    toRecipients: mime.toRecipients ?? [],
    ccRecipients: mime.ccRecipients ?? [],
    bccRecipients: mime.bccRecipients ?? [],
    sensitivity: mime.sensitivity,
    inReplyTo: mime.inReplyTo,
    references: mime.references,
    replyTo: mime.replyTo,
    isReadReceiptRequested: mime.isReadReceiptRequested,
    isDeliveryReceiptRequested: mime.isDeliveryReceiptRequested,
    extendedProperties: extended.length ? extended : undefined,
    attachments: mime.attachments?.length
      ? numberAttachments(mime.attachments, now, after)
      : undefined,
  }
  if (mime.from) change.from = mime.from
  return change as ItemChange
}
