/**
 * Item properties by their EWS FieldURI (types.xsd UnindexedFieldURIType), as values that
 * restrictions compare and sort orders order. One table, so FindItem, SyncFolderItems and search
 * folders read a property the same way.
 */
import type { ExtendedFieldUri, MapiType } from './extended-properties.ts'
import type { Item } from './items.ts'
import { CONTACT_STORED } from './contacts.ts'
import type { KindValueType } from './contacts.ts'
import { TASK_STORED } from './tasks.ts'

export type FieldValue = string | number | boolean | Date | readonly string[] | undefined
export type FieldKind = 'string' | 'number' | 'boolean' | 'date' | 'strings'

interface FieldDef {
  kind: FieldKind
  get(item: Item): FieldValue
}

const addresses = (list: Item['toRecipients']): string[] => list.map((a) => a.address)
const date = (v: string | undefined): Date | undefined =>
  v === undefined ? undefined : new Date(v)
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
  'message:Sender': { kind: 'string', get: (i) => (i.sender ?? i.from)?.address },
  'message:ReceivedBy': { kind: 'string', get: (i) => i.receivedBy?.address },
  'message:ReceivedRepresenting': { kind: 'string', get: (i) => i.receivedRepresenting?.address },
  'message:IsResponseRequested': { kind: 'boolean', get: (i) => i.isResponseRequested },
  'item:ReminderIsSet': { kind: 'boolean', get: (i) => i.reminderIsSet ?? false },
  'item:ReminderDueBy': { kind: 'date', get: (i) => date(i.reminderDueBy) },
  'item:ReminderMinutesBeforeStart': {
    kind: 'number',
    get: (i) => i.reminderMinutesBeforeStart ?? 0,
  },
  'item:Culture': { kind: 'string', get: (i) => i.culture ?? 'en-US' },
  'item:InferenceClassification': { kind: 'string', get: (i) => i.inferenceClassification },
  'message:ToRecipients': { kind: 'strings', get: (i) => addresses(i.toRecipients) },
  'message:CcRecipients': { kind: 'strings', get: (i) => addresses(i.ccRecipients) },
  'message:BccRecipients': { kind: 'strings', get: (i) => addresses(i.bccRecipients) },
  ...kindFields('contacts', CONTACT_STORED, (i) => i.contact?.values),
  ...kindFields('task', TASK_STORED, (i) => i.task?.values),
  'task:IsComplete': {
    kind: 'boolean',
    get: (i) => (i.task ? i.task.values.Status === 'Completed' : undefined),
  },
  // Calendar items' own (absent on other items, as Exchange treats a property an item lacks).
  'calendar:Start': { kind: 'date', get: (i) => calendarDate(i.calendar?.start) },
  'calendar:End': { kind: 'date', get: (i) => calendarDate(i.calendar?.end) },
  'calendar:IsAllDayEvent': { kind: 'boolean', get: (i) => i.calendar?.isAllDayEvent },
  'calendar:Location': { kind: 'string', get: (i) => i.calendar?.location },
  'calendar:LegacyFreeBusyStatus': { kind: 'string', get: (i) => i.calendar?.freeBusy },
  'calendar:Organizer': {
    kind: 'string',
    get: (i) => i.calendar && (i.calendar.organizer?.address ?? i.mailbox),
  },
}

/** A kind's stored plain values as fields (`contacts:GivenName`, `task:DueDate`, …). */
function kindFields(
  prefix: string,
  table: readonly (readonly [string, KindValueType | 'dictionary'])[],
  values: (i: Item) => Readonly<Record<string, string | readonly string[]>> | undefined,
): Record<string, FieldDef> {
  const out: Record<string, FieldDef> = {}
  for (const [name, type] of table) {
    if (type === 'dictionary') continue
    const raw = (i: Item) => values(i)?.[name]
    const str = (i: Item) => raw(i) as string | undefined
    out[`${prefix}:${name}`] =
      type === 'date'
        ? { kind: 'date', get: (i) => dateOrUndefined(str(i)) }
        : type === 'int' || type === 'double'
          ? { kind: 'number', get: (i) => numberOrUndefined(str(i)) }
          : type === 'boolean'
            ? { kind: 'boolean', get: (i) => boolOrUndefined(str(i)) }
            : type === 'strings'
              ? { kind: 'strings', get: (i) => raw(i) as readonly string[] | undefined }
              : { kind: 'string', get: str }
  }
  return out
}

function calendarDate(ms: number | undefined): Date | undefined {
  return ms === undefined ? undefined : new Date(ms)
}

/**
 * An extended property as a field of this table: `ext:<PropertyType>:<key>` (an ExtendedFieldURI
 * is not a FieldURI string; this spelling cannot clash with one).
 */
export function extendedField(uri: ExtendedFieldUri): string {
  return `ext:${uri.type}:${uri.key}`
}

const NUMERIC = new Set([
  'Short',
  'Integer',
  'Long',
  'Double',
  'Float',
  'Currency',
  'ApplicationTime',
])

function extendedDef(fieldURI: string): FieldDef | undefined {
  if (!fieldURI.startsWith('ext:')) return undefined
  const at = fieldURI.indexOf(':', 4)
  const type = fieldURI.slice(4, at) as MapiType
  const key = fieldURI.slice(at + 1)
  const find = (i: Item) =>
    i.extendedProperties?.find((p) => p.uri.key === key && p.uri.type === type)?.values
  if (type.endsWith('Array')) return { kind: 'strings', get: find }
  const one = (i: Item): string | undefined => find(i)?.[0]
  if (NUMERIC.has(type)) return { kind: 'number', get: (i) => numberOrUndefined(one(i)) }
  if (type === 'Boolean') return { kind: 'boolean', get: (i) => boolOrUndefined(one(i)) }
  if (type === 'SystemTime') return { kind: 'date', get: (i) => dateOrUndefined(one(i)) }
  return { kind: 'string', get: one }
}

const numberOrUndefined = (v: string | undefined) => (v === undefined ? undefined : Number(v))
const boolOrUndefined = (v: string | undefined) => (v === undefined ? undefined : v === 'true')
const dateOrUndefined = (v: string | undefined) => (v === undefined ? undefined : new Date(v))

/** Extended fields' definitions, made once per field rather than per item read (bounded). */
const EXTENDED_DEFS = new Map<string, FieldDef | undefined>()

function defOf(fieldURI: string): FieldDef | undefined {
  if (Object.hasOwn(ITEM_FIELDS, fieldURI)) return ITEM_FIELDS[fieldURI]
  let def = EXTENDED_DEFS.get(fieldURI)
  if (def === undefined && !EXTENDED_DEFS.has(fieldURI)) {
    if (EXTENDED_DEFS.size >= 256) EXTENDED_DEFS.clear()
    EXTENDED_DEFS.set(fieldURI, (def = extendedDef(fieldURI)))
  }
  return def
}

export function isKnownField(fieldURI: string): boolean {
  return defOf(fieldURI) !== undefined
}

/** Value of a field; the caller has checked `isKnownField`. */
export function fieldValue(item: Item, fieldURI: string): FieldValue {
  return defOf(fieldURI)!.get(item)
}

export function fieldKind(fieldURI: string): FieldKind {
  return defOf(fieldURI)!.kind
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
