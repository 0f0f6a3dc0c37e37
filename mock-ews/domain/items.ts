/**
 * Items in EWS vocabulary. Every item mock-ews stores is a message (`t:Message`): mail, drafts,
 * non-delivery reports, and the Skype for Business offline-IM and conversation-history entries —
 * or a contact, private distribution list or task, told by its `contact` / `task` sub-record.
 */
import type { ExtendedProperty } from './extended-properties.ts'
import type { FolderId } from './folders.ts'
import { attachmentsSize } from './attachments.ts'
import type { FileAttachment } from './attachments.ts'
import type { ContactFields } from './contacts.ts'
import type { TaskFields } from './tasks.ts'
import { calendarSize, copyCalendar } from './calendar.ts'
import type { CalendarFields } from './calendar.ts'

export type BodyType = 'HTML' | 'Text'
export type Importance = 'Low' | 'Normal' | 'High'
export type Sensitivity = 'Normal' | 'Personal' | 'Private' | 'Confidential'
export type FlagStatus = 'NotFlagged' | 'Flagged' | 'Complete'
export const FLAG_STATUSES: readonly FlagStatus[] = ['NotFlagged', 'Flagged', 'Complete']
/** A follow-up flag (`t:Flag`); dates as xs:dateTime strings, UTC. Immutable. */
export interface Flag {
  readonly status: FlagStatus
  readonly startDate?: string
  readonly dueDate?: string
  readonly completeDate?: string
}
export const SENSITIVITIES: readonly Sensitivity[] = [
  'Normal',
  'Personal',
  'Private',
  'Confidential',
]

/** Opaque item id (base64) plus its current change key. */
export interface ItemId {
  id: string
  changeKey: string
}

export interface EmailAddress {
  name: string | undefined
  address: string
}

export interface Body {
  type: BodyType
  text: string
}

/** The fields a client sets (CreateItem) or the transport writes (delivery). */
export interface ItemFields {
  itemClass: string
  subject: string
  body: Body
  importance: Importance
  categories: readonly string[]
  isRead: boolean
  /** True until the message is sent (drafts), false for received and sent copies. */
  isDraft: boolean
  from: EmailAddress | undefined
  toRecipients: readonly EmailAddress[]
  ccRecipients: readonly EmailAddress[]
  bccRecipients: readonly EmailAddress[]
  internetMessageId: string
  dateTimeSent: Date | undefined
  dateTimeReceived: Date
  /** Extended (MAPI) properties set by ExtendedFieldURI; absent when none. Entries are immutable. */
  extendedProperties?: readonly ExtendedProperty[]
  /** File attachments (absent: none); shared, never copied, between copies of the item. */
  attachments?: readonly FileAttachment[]
  /** The message's header fields a client may set; absent: not set (Sensitivity reads Normal). */
  sensitivity?: Sensitivity
  inReplyTo?: string
  references?: string
  replyTo?: readonly EmailAddress[]
  isReadReceiptRequested?: boolean
  isDeliveryReceiptRequested?: boolean
  /** The follow-up flag; absent: NotFlagged. */
  flag?: Flag
  /** Reminder (absent: not set, 0 minutes, no due time); ReminderDueBy as xs:dateTime UTC. */
  reminderIsSet?: boolean
  reminderDueBy?: string
  reminderMinutesBeforeStart?: number
  /** The item's culture (RFC 1766); absent: the mailbox's, en-US. */
  culture?: string
  isResponseRequested?: boolean
  /** Who sent it (absent: as From); set by the transport on a sent message. */
  sender?: EmailAddress
  /** Set by delivery on a recipient's copy (read-only to clients). */
  receivedBy?: EmailAddress
  receivedRepresenting?: EmailAddress
  inferenceClassification?: InferenceClassification
  /** Retention and archive tags (docs/decisions/0041). */
  policyTag?: RetentionTag
  archiveTag?: RetentionTag
  /** A contact's or private distribution list's own data (t:Contact, t:DistributionList). */
  contact?: ContactFields
  /** A task's own data (t:Task). */
  task?: TaskFields
  /** Present on a calendar item (t:CalendarItem): its own fields (domain/calendar.ts). */
  calendar?: CalendarFields
}

export type InferenceClassification = 'Focused' | 'Other'
/** A retention policy tag (t:RetentionTagType): its GUID and whether it was set on the item itself. */
export interface RetentionTag {
  readonly id: string
  readonly isExplicit: boolean
}

/** The item kinds' sub-records (immutable: copies share them). */
export function copyKindFields(
  f: Pick<ItemFields, 'contact' | 'task'>,
): Pick<ItemFields, 'contact' | 'task'> {
  return { ...(f.contact ? { contact: f.contact } : {}), ...(f.task ? { task: f.task } : {}) }
}

/** The optional header fields above, copied (absent and undefined ones left out). */
export function copyHeaderFields(
  f: Pick<ItemFields, (typeof HEADER_FIELDS)[number]>,
): Partial<Pick<ItemFields, (typeof HEADER_FIELDS)[number]>> {
  const out = {}
  copyHeaderFieldsInto(out, f)
  return out
}

type HeaderFields = { -readonly [K in (typeof HEADER_FIELDS)[number]]?: ItemFields[K] }

/**
 * Copies the header fields that are set onto `out`, in HEADER_FIELDS' order: an address list
 * copied, an address, flag or tag copied one level down, the others (strings, numbers, booleans)
 * as they are. Written out field by field rather than as a loop over HEADER_FIELDS (the keyed
 * reads and writes of the loop were ~40% of a store snapshot; test/unit/mock-ews/snapshot-item
 * checks every field of HEADER_FIELDS is copied).
 */
export function copyHeaderFieldsInto(
  out: object,
  f: Pick<ItemFields, (typeof HEADER_FIELDS)[number]>,
): void {
  const o = out as HeaderFields
  if (f.sensitivity !== undefined) o.sensitivity = f.sensitivity
  if (f.inReplyTo !== undefined) o.inReplyTo = f.inReplyTo
  if (f.references !== undefined) o.references = f.references
  if (f.replyTo !== undefined) o.replyTo = copyAddresses(f.replyTo)
  if (f.isReadReceiptRequested !== undefined) o.isReadReceiptRequested = f.isReadReceiptRequested
  if (f.isDeliveryReceiptRequested !== undefined)
    o.isDeliveryReceiptRequested = f.isDeliveryReceiptRequested
  if (f.flag !== undefined) o.flag = { ...f.flag }
  if (f.reminderIsSet !== undefined) o.reminderIsSet = f.reminderIsSet
  if (f.reminderDueBy !== undefined) o.reminderDueBy = f.reminderDueBy
  if (f.reminderMinutesBeforeStart !== undefined)
    o.reminderMinutesBeforeStart = f.reminderMinutesBeforeStart
  if (f.culture !== undefined) o.culture = f.culture
  if (f.isResponseRequested !== undefined) o.isResponseRequested = f.isResponseRequested
  if (f.sender !== undefined) o.sender = { ...f.sender }
  if (f.receivedBy !== undefined) o.receivedBy = { ...f.receivedBy }
  if (f.receivedRepresenting !== undefined) o.receivedRepresenting = { ...f.receivedRepresenting }
  if (f.inferenceClassification !== undefined) o.inferenceClassification = f.inferenceClassification
  if (f.policyTag !== undefined) o.policyTag = { ...f.policyTag }
  if (f.archiveTag !== undefined) o.archiveTag = { ...f.archiveTag }
}

export const HEADER_FIELDS = [
  'sensitivity',
  'inReplyTo',
  'references',
  'replyTo',
  'isReadReceiptRequested',
  'isDeliveryReceiptRequested',
  'flag',
  'reminderIsSet',
  'reminderDueBy',
  'reminderMinutesBeforeStart',
  'culture',
  'isResponseRequested',
  'sender',
  'receivedBy',
  'receivedRepresenting',
  'inferenceClassification',
  'policyTag',
  'archiveTag',
] as const satisfies readonly (keyof ItemFields)[]

/** An item as the store returns it: a snapshot, never the store's own object. */
export interface Item extends Readonly<ItemFields> {
  readonly itemId: ItemId
  readonly parentFolderId: FolderId
  /** Owner of the mailbox the item is in. */
  readonly mailbox: string
  readonly dateTimeCreated: Date
  readonly lastModifiedTime: Date
  readonly size: number
}

/**
 * Skype for Business item classes (DESIGN.md, "Item classes"). Microsoft's offline-IM page writes
 * `IM.Note.MissedConversation`; that is a typo of the page: the product writes the two classes below.
 */
export const ITEM_CLASS = {
  note: 'IPM.Note',
  /** An offline (missed) IM, delivered to the recipient's Inbox. */
  missed: 'IPM.Note.Microsoft.Missed',
  /** A conversation-history entry, filed in Conversation History. */
  conversation: 'IPM.Note.Microsoft.Conversation',
  /** A non-delivery report. */
  ndr: 'REPORT.IPM.Note.NDR',
} as const

/** Whether a class is one of Skype for Business's (stripped at an organisation boundary). */
export function isSkypeForBusinessClass(itemClass: string): boolean {
  const c = itemClass.toLowerCase()
  return [ITEM_CLASS.missed, ITEM_CLASS.conversation].some((p) => {
    const prefix = p.toLowerCase()
    return c === prefix || c.startsWith(`${prefix}.`)
  })
}

/** Whether an item class falls under a prefix the way search folders match it (case-insensitive). */
export function classMatchesPrefix(itemClass: string, prefix: string): boolean {
  return itemClass.toLowerCase().startsWith(prefix.toLowerCase())
}

/**
 * Approximate size in bytes, as Exchange reports `item:Size` (headers, body and extended
 * properties: a Binary property counts toward quotas like any other).
 */
export function itemSize(
  fields: Pick<
    ItemFields,
    | 'subject'
    | 'body'
    | 'toRecipients'
    | 'ccRecipients'
    | 'bccRecipients'
    | 'extendedProperties'
    | 'attachments'
    | 'contact'
    | 'task'
    | 'calendar'
  >,
): number {
  const addresses = [...fields.toRecipients, ...fields.ccRecipients, ...fields.bccRecipients]
  let extended = 0
  for (const p of fields.extendedProperties ?? [])
    for (const v of p.values) extended += 16 + Buffer.byteLength(v)
  return (
    512 +
    Buffer.byteLength(fields.subject) +
    Buffer.byteLength(fields.body.text) +
    addresses.reduce((n, a) => n + a.address.length + (a.name?.length ?? 0), 0) +
    extended +
    attachmentsSize(fields.attachments) +
    // A contact's or task's own data, as written (bounded by the request size).
    (fields.contact || fields.task ? JSON.stringify(fields.contact ?? fields.task).length : 0) +
    calendarSize(fields.calendar)
  )
}

/** Item fields with times as Dates or as epoch milliseconds (how the memory store keeps them). */
export type ItemFieldsWithTimes = Readonly<
  Omit<ItemFields, 'categories' | 'dateTimeSent' | 'dateTimeReceived'>
> & {
  readonly categories: readonly string[]
  readonly dateTimeSent: Date | number | undefined
  readonly dateTimeReceived: Date | number
}

/** A deep copy of exactly the item fields (nothing else an Item carries), sharing no arrays or dates. */
export function copyItemFields(f: ItemFieldsWithTimes): ItemFields {
  const out = {}
  copyItemFieldsInto(out, f)
  return out as ItemFields
}

/**
 * Writes copyItemFields' copy onto `out`, property by property in one order (store snapshots build
 * themselves with it: one object of few shapes, snapshot-source.ts). Attachments and the kinds'
 * sub-records are immutable: shared, with their content.
 */
export function copyItemFieldsInto(out: object, f: ItemFieldsWithTimes): void {
  const t = out as Record<string, unknown>
  t.itemClass = f.itemClass
  t.subject = f.subject
  t.body = { type: f.body.type, text: f.body.text }
  t.importance = f.importance
  t.categories = f.categories.slice()
  t.isRead = f.isRead
  t.isDraft = f.isDraft
  t.from = f.from && { name: f.from.name, address: f.from.address }
  t.toRecipients = copyAddresses(f.toRecipients)
  t.ccRecipients = copyAddresses(f.ccRecipients)
  t.bccRecipients = copyAddresses(f.bccRecipients)
  t.internetMessageId = f.internetMessageId
  t.dateTimeSent = f.dateTimeSent === undefined ? undefined : new Date(f.dateTimeSent)
  t.dateTimeReceived = new Date(f.dateTimeReceived)
  if (f.extendedProperties?.length) t.extendedProperties = f.extendedProperties.slice()
  if (f.attachments?.length) t.attachments = f.attachments
  copyHeaderFieldsInto(out, f)
  if (f.contact) t.contact = f.contact
  if (f.task) t.task = f.task
  if (f.calendar) t.calendar = copyCalendar(f.calendar)
}

function copyAddresses(list: readonly EmailAddress[]): EmailAddress[] {
  const out: EmailAddress[] = []
  for (const a of list) out.push({ name: a.name, address: a.address })
  return out
}
