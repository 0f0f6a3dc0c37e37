/**
 * The rule "nothing accepted is dropped" as one table: every child element of types.xsd's
 * t:ItemType and t:MessageType, and what mock-ews does when a client writes it (CreateItem, an
 * item attachment, UpdateItem's SetItemField):
 * - stored: kept and read back (GetItem, FindItem, SyncFolderItems);
 * - read-only: Exchange computes it; writing it is ErrorInvalidPropertySet "Set action is invalid
 *   for property." (as Exchange answers);
 * - not-yet: Exchange stores it, mock-ews does not yet: refused with ErrorInvalidPropertySet naming
 *   the element, never accepted and lost. `accepts` is the value a new item already has (Exchange's
 *   default), which clients such as exchangelib send on every save; that value changes nothing and
 *   is accepted.
 * Implementing an element flips its entry to 'stored'. See docs/decisions/0037.
 */
import type { Element } from '../../soap/xml-tree.ts'
import { EwsError } from '../../domain/errors.ts'
import { childElements } from '../../soap/dom.ts'
import { NS } from '../../soap/namespaces.ts'
import { KIND_TABLES } from './kind-elements.ts'

export type ElementRule = 'stored' | 'read-only' | { notYet: true; accepts?: readonly string[] }

/** t:ItemType's elements (field URIs item:<name>). */
export const ITEM_ELEMENTS: Readonly<Record<string, ElementRule>> = {
  MimeContent: 'stored',
  ItemId: 'read-only',
  ParentFolderId: 'read-only',
  ItemClass: 'stored',
  Subject: 'stored',
  Sensitivity: 'stored',
  Body: 'stored',
  Attachments: 'stored',
  DateTimeReceived: 'read-only',
  Size: 'read-only',
  Categories: 'stored',
  Importance: 'stored',
  InReplyTo: 'stored',
  IsSubmitted: 'read-only',
  IsDraft: 'read-only',
  IsFromMe: 'read-only',
  IsResend: 'read-only',
  IsUnmodified: 'read-only',
  InternetMessageHeaders: 'read-only',
  DateTimeSent: 'read-only',
  DateTimeCreated: 'read-only',
  ResponseObjects: 'read-only',
  ReminderDueBy: 'stored',
  ReminderIsSet: 'stored',
  ReminderNextTime: 'read-only',
  ReminderMinutesBeforeStart: 'stored',
  DisplayCc: 'read-only',
  DisplayTo: 'read-only',
  DisplayBcc: 'read-only',
  HasAttachments: 'read-only',
  ExtendedProperty: 'stored',
  Culture: 'stored',
  EffectiveRights: 'read-only',
  LastModifiedName: 'read-only',
  LastModifiedTime: 'read-only',
  IsAssociated: 'read-only',
  WebClientReadFormQueryString: 'read-only',
  WebClientEditFormQueryString: 'read-only',
  ConversationId: 'read-only',
  UniqueBody: 'read-only',
  Flag: 'stored',
  StoreEntryId: 'read-only',
  InstanceKey: 'read-only',
  NormalizedBody: 'read-only',
  EntityExtractionResult: 'read-only',
  PolicyTag: 'stored',
  ArchiveTag: 'stored',
  RetentionDate: 'read-only',
  Preview: 'read-only',
  RightsManagementLicenseData: 'read-only',
  PredictedActionReasons: 'read-only',
  IsClutter: 'read-only',
  BlockStatus: 'read-only',
  HasBlockedImages: 'read-only',
  TextBody: 'read-only',
  IconIndex: 'read-only',
  SearchKey: 'read-only',
  SortKey: 'read-only',
  Hashtags: 'read-only',
  Mentions: 'read-only',
  MentionedMe: 'read-only',
  MentionsPreview: 'read-only',
  MentionsEx: 'read-only',
  AppliedHashtags: 'read-only',
  AppliedHashtagsPreview: 'read-only',
  Likes: 'read-only',
  LikesPreview: 'read-only',
  PendingSocialActivityTagIds: 'read-only',
  AtAllMention: 'read-only',
  CanDelete: 'read-only',
  InferenceClassification: 'stored',
}

/** t:MessageType's own elements (field URIs message:<name>). */
export const MESSAGE_ELEMENTS: Readonly<Record<string, ElementRule>> = {
  Sender: 'stored',
  ToRecipients: 'stored',
  CcRecipients: 'stored',
  BccRecipients: 'stored',
  IsReadReceiptRequested: 'stored',
  IsDeliveryReceiptRequested: 'stored',
  ConversationIndex: 'read-only',
  ConversationTopic: 'read-only',
  From: 'stored',
  InternetMessageId: 'stored',
  IsRead: 'stored',
  IsResponseRequested: 'stored',
  References: 'stored',
  ReplyTo: 'stored',
  ReceivedBy: 'read-only',
  ReceivedRepresenting: 'read-only',
  ApprovalRequestData: 'read-only',
  VotingInformation: 'read-only',
  ReminderMessageData: 'read-only',
  SenderSMTPAddress: 'read-only',
  MailboxGuids: 'read-only',
}

/** The elements mock-ews refuses although Exchange stores them, for the README and reports. */
export function notYetElements(
  own: Readonly<Record<string, ElementRule>> = MESSAGE_ELEMENTS,
): string[] {
  return Object.entries({ ...ITEM_ELEMENTS, ...own })
    .filter(([, rule]) => typeof rule === 'object')
    .map(([name]) => name)
}

/** The same for the contact, distribution-list and task elements, as `Kind.Element`. */
export function notYetKindElements(): string[] {
  return Object.entries(KIND_TABLES).flatMap(([kind, { table }]) =>
    Object.entries(table)
      .filter(([, rule]) => typeof rule === 'object')
      .map(([name]) => `${kind}.${name}`),
  )
}

/** Elements a smart response (t:ReplyToItem, t:ForwardItem…) adds to t:MessageType; its reader keeps them. */
export const RESPONSE_OBJECT_ELEMENTS: ReadonlySet<string> = new Set([
  'ReferenceItemId',
  'NewBodyContent',
])

/** A kind's own element table and its field-URI prefix (t:Message: MESSAGE_ELEMENTS, `message`). */
export interface KindElements {
  elements: Readonly<Record<string, ElementRule>>
  prefix: string
}
const MESSAGE_KIND: KindElements = { elements: MESSAGE_ELEMENTS, prefix: 'message' }

/**
 * Refuses the first element of a written item (`t:Message`, `t:Contact`, `t:DistributionList`,
 * `t:Task`, or the kind `own` names) that mock-ews would not keep; `handled` names elements of a
 * derived type that the caller reads itself (a smart response's ReferenceItemId).
 */
export function refuseUnstored(
  message: Element,
  handled: ReadonlySet<string> = new Set(),
  own?: KindElements,
): void {
  const kind = KIND_TABLES[message.localName ?? '']
  const elements = own?.elements ?? kind?.table ?? MESSAGE_KIND.elements
  const prefixOf = (name: string): string => own?.prefix ?? kind?.prefix(name) ?? 'message'
  for (const el of childElements(message, NS.t)) {
    const name = el.localName ?? ''
    if (handled.has(name)) continue
    const inItem = Object.hasOwn(ITEM_ELEMENTS, name)
    const rule = inItem ? ITEM_ELEMENTS[name] : elements[name]
    const uri = `${inItem ? 'item' : prefixOf(name)}:${name}`
    if (rule === 'stored') continue
    if (rule === 'read-only')
      throw new EwsError('ErrorInvalidPropertySet', `Set action is invalid for property. (${uri})`)
    if (rule?.accepts?.includes((el.textContent ?? '').trim())) continue
    throw new EwsError(
      'ErrorInvalidPropertySet',
      `mock-ews does not store ${name} yet (${uri}); it is refused rather than dropped.`,
    )
  }
}
