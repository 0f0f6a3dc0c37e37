/**
 * How the memory store keeps an item's fields: times as epoch milliseconds rather than `Date`s (a
 * Date costs ~110 bytes of heap, a number 16) and every empty list as one shared frozen array.
 * Stored fields are never changed in place (a change stores new ones), so a copied item shares
 * them with its original. Items leave the store only as fresh copies (`snapshotItem`, snapshot-source.ts).
 * Every string is stored as the store's own copy (`ownCompactString`). From and the To, Cc and Bcc
 * lists are frozen and shared between the items that have equal ones (`shared`; not long lists):
 * a mailbox's items come from and go to the same few people.
 */
import { ownCompactString } from '../../support/strings.ts'
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
  // The fixed fields in one literal (V8 then sizes the object to them); the optional ones after.
  const out: { -readonly [K in keyof StoredFields]: StoredFields[K] } = {
    itemClass: ownCompactString(f.itemClass),
    subject: ownCompactString(f.subject),
    body: { type: f.body.type, text: ownCompactString(f.body.text) },
    importance: f.importance,
    categories: f.categories.length ? f.categories.map(ownCompactString) : NONE,
    isRead: f.isRead,
    isDraft: f.isDraft,
    from: f.from && storedAddress(f.from),
    toRecipients: storedAddresses(f.toRecipients),
    ccRecipients: storedAddresses(f.ccRecipients),
    bccRecipients: storedAddresses(f.bccRecipients),
    internetMessageId: ownCompactString(f.internetMessageId),
    dateTimeSent: f.dateTimeSent === undefined ? undefined : Number(f.dateTimeSent),
    dateTimeReceived: Number(f.dateTimeReceived),
  }
  if (f.extendedProperties?.length) out.extendedProperties = owned(f.extendedProperties)
  // Attachments are immutable: stored once, their content Buffers shared, never copied.
  if (f.attachments?.length) out.attachments = Object.freeze(owned(f.attachments))
  ownInto(out, copyHeaderFields(f))
  ownInto(out, copyKindFields(f))
  // Immutable, like attachments.
  if (f.calendar) out.calendar = owned(f.calendar)
  return out
}

/** Plain objects and arrays `owned` made (or kept): stored, so never to be copied again. */
const OWNED = new WeakSet<object>()

/**
 * `v` with every string in it the store's own copy (`ownCompactString`): plain objects and arrays are
 * copied, anything else (a Buffer, a Date, a number) is kept as it is. An attachment's name or
 * content type cut from the request would keep the whole request alive, base64 text and all.
 */
function owned<T>(v: T): T {
  if (typeof v === 'string') return ownCompactString(v) as T
  if (typeof v !== 'object' || v === null || OWNED.has(v)) return v
  let out: object
  if (Array.isArray(v)) {
    const list: unknown[] = new Array<unknown>(v.length)
    for (let i = 0; i < v.length; i++) list[i] = owned(v[i] as unknown)
    out = list
  } else {
    const proto = Object.getPrototypeOf(v) as unknown
    if (proto !== Object.prototype && proto !== null) return v
    // Plain loops: Object.entries/fromEntries made two arrays per key (~18% of a delivery).
    const copy: Record<string, unknown> = {}
    for (const key of Object.keys(v)) copy[key] = owned((v as Record<string, unknown>)[key])
    out = copy
  }
  OWNED.add(out)
  return out as T
}

/** Sets each property of `fresh` (an object just made, not stored) onto `out`, owned. */
function ownInto(out: object, fresh: object): void {
  const o = out as Record<string, unknown>
  for (const key in fresh) o[key] = owned((fresh as Record<string, unknown>)[key])
}

/**
 * Equal addresses and recipient lists as one frozen object each. The table is dropped whole when
 * it reaches `SHARED_MAX` entries, so distinct addresses without end cannot grow it: what is
 * stored stays valid (frozen, never changed), only later items get new shared objects.
 */
const SHARED_MAX = 10_000
const shared = new Map<string, EmailAddress | readonly EmailAddress[]>()

/** A longer key (a list of many recipients, a huge name) is not kept: the table would hold it. */
const SHARED_KEY_MAX = 2048

function share<T extends EmailAddress | readonly EmailAddress[]>(key: string, make: () => T): T {
  if (key.length > SHARED_KEY_MAX) return Object.freeze(make()) as T
  const found = shared.get(key)
  if (found) return found as T
  if (shared.size >= SHARED_MAX) shared.clear()
  const made = Object.freeze(make()) as T
  // The key is made of the request's strings: kept, it too must be the store's own copy.
  shared.set(ownCompactString(key), made)
  return made
}

/** A key no two different addresses share (the name may be absent, or contain anything). */
const keyOf = (a: EmailAddress): string =>
  a.name === undefined ? `-${a.address}` : `+${a.name.length}:${a.name}${a.address}`

function storedAddress(a: EmailAddress): EmailAddress {
  return share(`a${keyOf(a)}`, () => ({
    name: ownCompactString(a.name),
    address: ownCompactString(a.address),
  }))
}

function storedAddresses(list: readonly EmailAddress[]): readonly EmailAddress[] {
  if (!list.length) return NONE
  // Each key's length first, so that the keys of a list cannot run into each other.
  let key = ''
  for (const a of list) {
    const one = keyOf(a)
    key += `${one.length}:${one}`
  }
  return share(`l${key}`, () => list.map(storedAddress))
}
