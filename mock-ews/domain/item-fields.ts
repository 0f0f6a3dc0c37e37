/**
 * Item properties by their EWS FieldURI (types.xsd UnindexedFieldURIType), as values that
 * restrictions compare and sort orders order. One table, so FindItem, SyncFolderItems and search
 * folders read a property the same way.
 */
import type { Item } from './items.ts'

export type FieldValue = string | number | boolean | Date | readonly string[] | undefined
export type FieldKind = 'string' | 'number' | 'boolean' | 'date' | 'strings'

interface FieldDef {
  kind: FieldKind
  get(item: Item): FieldValue
}

const addresses = (list: Item['toRecipients']): string[] => list.map((a) => a.address)
const display = (list: Item['toRecipients']): string =>
  list.map((a) => a.name ?? a.address).join('; ')

export const ITEM_FIELDS: Readonly<Record<string, FieldDef>> = {
  'item:Subject': { kind: 'string', get: (i) => i.subject },
  'item:ItemClass': { kind: 'string', get: (i) => i.itemClass },
  'item:Body': { kind: 'string', get: (i) => i.body.text },
  'item:Importance': { kind: 'string', get: (i) => i.importance },
  'item:Size': { kind: 'number', get: (i) => i.size },
  'item:Categories': { kind: 'strings', get: (i) => i.categories },
  'item:IsDraft': { kind: 'boolean', get: (i) => i.isDraft },
  'item:HasAttachments': { kind: 'boolean', get: (i) => Boolean(i.attachments?.length) },
  'item:DateTimeReceived': { kind: 'date', get: (i) => i.dateTimeReceived },
  'item:DateTimeSent': { kind: 'date', get: (i) => i.dateTimeSent },
  'item:DateTimeCreated': { kind: 'date', get: (i) => i.dateTimeCreated },
  'item:LastModifiedTime': { kind: 'date', get: (i) => i.lastModifiedTime },
  'item:DisplayTo': { kind: 'string', get: (i) => display(i.toRecipients) },
  'item:DisplayCc': { kind: 'string', get: (i) => display(i.ccRecipients) },
  'message:IsRead': { kind: 'boolean', get: (i) => i.isRead },
  'message:InternetMessageId': { kind: 'string', get: (i) => i.internetMessageId },
  'message:From': { kind: 'string', get: (i) => i.from?.address },
  'message:Sender': { kind: 'string', get: (i) => i.from?.address },
  'message:ToRecipients': { kind: 'strings', get: (i) => addresses(i.toRecipients) },
  'message:CcRecipients': { kind: 'strings', get: (i) => addresses(i.ccRecipients) },
  'message:BccRecipients': { kind: 'strings', get: (i) => addresses(i.bccRecipients) },
}

export function isKnownField(fieldURI: string): boolean {
  return Object.hasOwn(ITEM_FIELDS, fieldURI)
}

/** Value of a field; the caller has checked `isKnownField`. */
export function fieldValue(item: Item, fieldURI: string): FieldValue {
  return ITEM_FIELDS[fieldURI]!.get(item)
}

export function fieldKind(fieldURI: string): FieldKind {
  return ITEM_FIELDS[fieldURI]!.kind
}

/**
 * Orders two values of one field: dates and numbers numerically, booleans false < true, strings
 * case-insensitively (as Exchange sorts); an absent value sorts before any present one.
 */
// One collator for every comparison: `localeCompare` with options builds one per call (~100x slower).
const COLLATOR = new Intl.Collator('en', { sensitivity: 'accent' })

export function compareValues(a: FieldValue, b: FieldValue): number {
  if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? -1 : 1
  const x = a instanceof Date ? a.getTime() : Array.isArray(a) ? a.join(';') : a
  const y = b instanceof Date ? b.getTime() : Array.isArray(b) ? b.join(';') : b
  if (typeof x === 'string' && typeof y === 'string') {
    return COLLATOR.compare(x, y)
  }
  return x < y ? -1 : x > y ? 1 : 0
}
