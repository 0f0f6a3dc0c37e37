/**
 * How the memory store keeps an item's fields: times as epoch milliseconds rather than `Date`s (a
 * Date costs ~110 bytes of heap, a number 16) and every empty list as one shared frozen array.
 * Stored fields are never changed in place (a change stores new ones), so a copied item shares
 * them with its original. Items leave the store only as fresh `ItemFields` (`toItemFields`).
 */
import { copyAddresses, copyItemFields } from '../../domain/items.ts'
import type { EmailAddress, ItemFields } from '../../domain/items.ts'

export interface StoredFields extends Readonly<
  Omit<ItemFields, 'dateTimeSent' | 'dateTimeReceived'>
> {
  readonly dateTimeSent: number | undefined
  readonly dateTimeReceived: number
}

const NONE: readonly never[] = Object.freeze([])

export function toStoredFields(f: ItemFields): StoredFields {
  return {
    itemClass: f.itemClass,
    subject: f.subject,
    body: { type: f.body.type, text: f.body.text },
    importance: f.importance,
    categories: f.categories.length ? f.categories.slice() : NONE,
    isRead: f.isRead,
    isDraft: f.isDraft,
    from: f.from && { name: f.from.name, address: f.from.address },
    toRecipients: storedAddresses(f.toRecipients),
    ccRecipients: storedAddresses(f.ccRecipients),
    bccRecipients: storedAddresses(f.bccRecipients),
    internetMessageId: f.internetMessageId,
    dateTimeSent: f.dateTimeSent?.getTime(),
    dateTimeReceived: f.dateTimeReceived.getTime(),
  }
}

/** A deep copy as ItemFields, sharing nothing with the stored fields. */
export function toItemFields(s: StoredFields): ItemFields {
  return copyItemFields(s)
}

function storedAddresses(list: readonly EmailAddress[]): readonly EmailAddress[] {
  return list.length ? copyAddresses(list) : NONE
}
