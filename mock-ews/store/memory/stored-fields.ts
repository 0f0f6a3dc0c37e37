/**
 * How the memory store keeps an item's fields: times as epoch milliseconds rather than `Date`s (a
 * Date costs ~110 bytes of heap, a number 16) and every empty list as one shared frozen array.
 * Stored fields are never changed in place (a change stores new ones), so a copied item shares
 * them with its original. Items leave the store only as fresh `ItemFields` (`copyItemFields`).
 * Every string is stored as the store's own copy (`ownString`).
 */
import { ownString } from '../../support/strings.ts'
import { copyHeaderFields, copyKindFields } from '../../domain/items.ts'
import type { EmailAddress, ItemFields, ItemFieldsWithTimes } from '../../domain/items.ts'

export interface StoredFields extends Readonly<
  Omit<ItemFields, 'dateTimeSent' | 'dateTimeReceived'>
> {
  readonly dateTimeSent: number | undefined
  readonly dateTimeReceived: number
}

const NONE: readonly never[] = Object.freeze([])

/** From fields as a request gives them, or stored fields with a change applied. */
export function toStoredFields(f: ItemFieldsWithTimes): StoredFields {
  return {
    itemClass: ownString(f.itemClass),
    subject: ownString(f.subject),
    body: { type: f.body.type, text: ownString(f.body.text) },
    importance: f.importance,
    categories: f.categories.length ? f.categories.map(ownString) : NONE,
    isRead: f.isRead,
    isDraft: f.isDraft,
    from: f.from && ownAddress(f.from),
    toRecipients: storedAddresses(f.toRecipients),
    ccRecipients: storedAddresses(f.ccRecipients),
    bccRecipients: storedAddresses(f.bccRecipients),
    internetMessageId: ownString(f.internetMessageId),
    dateTimeSent: f.dateTimeSent === undefined ? undefined : Number(f.dateTimeSent),
    dateTimeReceived: Number(f.dateTimeReceived),
    ...(f.extendedProperties?.length ? { extendedProperties: f.extendedProperties } : {}),
    // Attachments are immutable: stored as given, their content Buffers shared, never copied.
    ...(f.attachments?.length ? { attachments: Object.freeze(f.attachments.slice()) } : {}),
    ...copyHeaderFields(f),
    ...copyKindFields(f),
    // Immutable, like attachments: stored as given.
    ...(f.calendar ? { calendar: f.calendar } : {}),
  }
}

function storedAddresses(list: readonly EmailAddress[]): readonly EmailAddress[] {
  return list.length ? list.map(ownAddress) : NONE
}

function ownAddress(a: EmailAddress): EmailAddress {
  return { name: ownString(a.name), address: ownString(a.address) }
}
