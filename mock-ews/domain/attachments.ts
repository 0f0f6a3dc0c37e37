/**
 * Attachments of an item: a file (`t:FileAttachment`) or a message (`t:ItemAttachment`). An
 * attachment is immutable once stored: a file's content is decoded from base64 once into one
 * Buffer, and every copy of the item (a copied or moved item, each recipient's copy of sent mail,
 * the sent copy) shares that Buffer rather than duplicating it.
 */
import type { ItemFields } from './items.ts'
import { itemSize } from './items.ts'
import type { HEADER_FIELDS } from './items.ts'

/** The message of an item attachment: the fields a client writes. */
export type AttachedItem = Readonly<
  Pick<
    ItemFields,
    | 'itemClass'
    | 'subject'
    | 'body'
    | 'importance'
    | 'categories'
    | 'from'
    | 'toRecipients'
    | 'ccRecipients'
    | 'bccRecipients'
  > &
    Partial<Pick<ItemFields, (typeof HEADER_FIELDS)[number] | 'isRead' | 'internetMessageId'>>
>

/** A file attachment, or, when `item` is set, an item attachment (its `content` is then empty). */
export interface FileAttachment {
  /** Number of the attachment within its item (part of its AttachmentId); never reused. */
  readonly key: number
  readonly name: string
  readonly contentType: string
  readonly contentId: string | undefined
  readonly isInline: boolean
  /** Epoch milliseconds. */
  readonly lastModifiedTime: number
  readonly content: Buffer
  readonly item?: AttachedItem
}

import { EwsError } from './errors.ts'

/**
 * ErrorAttachmentSizeLimitExceeded for an attachment larger than the largest message its owner may
 * send (MaxSendSize): such an item could never be sent, so it is refused when it is stored
 * (docs/decisions/0033).
 */
export function checkAttachmentSize(
  a: Pick<FileAttachment, 'name' | 'content' | 'item'>,
  maxSendSize: number,
): void {
  const size = attachmentSize(a)
  if (size > maxSendSize) {
    throw new EwsError(
      'ErrorAttachmentSizeLimitExceeded',
      `The attachment '${a.name}' is ${size} bytes, larger than the largest message the mailbox may send (MaxSendSize ${maxSendSize} bytes).`,
    )
  }
}

/** Bytes an attachment adds to its item's size (content and name, as Exchange counts roughly). */
export function attachmentSize(a: Pick<FileAttachment, 'name' | 'content' | 'item'>): number {
  return a.content.length + Buffer.byteLength(a.name) + (a.item ? itemSize(a.item) : 0)
}

/** The size of all of an item's attachments. */
export function attachmentsSize(list: readonly FileAttachment[] | undefined): number {
  let n = 0
  for (const a of list ?? []) n += attachmentSize(a)
  return n
}
