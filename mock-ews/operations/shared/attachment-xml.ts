/**
 * Attachments in XML: reading `t:Attachments` of a message a client creates, writing an item's
 * `t:Attachments` collection (metadata only; GetAttachment writes the content).
 */
import type { Element } from '../../soap/xml-tree.ts'
import type { XmlElement } from '../../soap/xml-writer.ts'
import type { AttachedItem, FileAttachment } from '../../domain/attachments.ts'
import { attachmentSize } from '../../domain/attachments.ts'
import { EwsError } from '../../domain/errors.ts'
import { copyHeaderFields } from '../../domain/items.ts'
import type { Item } from '../../domain/items.ts'
import { child, childElements, schemaError, text } from '../../soap/dom.ts'
import { NS } from '../../soap/namespaces.ts'
import { readBoolean, readMessage } from './message-xml.ts'
import { ewsDate, renderItem } from './item-xml.ts'
import type { BodyTypeRequest, ItemProperty } from './item-shape.ts'

/** A file attachment as a request gives it: everything but its key and time, set on storing. */
export type NewAttachment = Omit<FileAttachment, 'key' | 'lastModifiedTime'>

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/

/** The attachments of a message's `t:Attachments`; undefined when it has none. */
export function readAttachments(message: Element): NewAttachment[] | undefined {
  const container = child(message, 't', 'Attachments')
  if (!container) return undefined
  return childElements(container, NS.t).map(readAttachment)
}

/**
 * Elements of t:AttachmentType / t:FileAttachmentType mock-ews does not keep: refused naming them
 * rather than accepted and lost (docs/decisions/0037). IsContactPhoto `false` is what reads back.
 * Size and LastModifiedTime are worked out by the server, whatever the client writes.
 */
const NOT_STORED = ['ContentLocation', 'AttachmentOriginalUrl', 'AttachLongPathName']

function refuseNotStored(el: Element): void {
  const name = text(child(el, 't', 'Name')) ?? ''
  const photo = text(child(el, 't', 'IsContactPhoto'))
  const given = NOT_STORED.filter((n) => child(el, 't', n))
  if (photo !== undefined && readBoolean('IsContactPhoto', photo)) given.push('IsContactPhoto')
  if (given.length)
    throw new EwsError(
      'ErrorInvalidPropertySet',
      `mock-ews does not store an attachment's ${given.join(', ')} yet (attachment '${name}'); it is refused rather than dropped.`,
    )
}

/** A `t:FileAttachment` or `t:ItemAttachment` holding a `t:Message`; others are refused. */
export function readAttachment(el: Element): NewAttachment {
  refuseNotStored(el)
  if (el.localName === 'FileAttachment') return readFileAttachment(el)
  if (el.localName === 'ItemAttachment') return readItemAttachment(el)
  throw new EwsError(
    'ErrorInvalidRequest',
    `mock-ews does not store a '${el.localName}'; it keeps t:FileAttachment and t:ItemAttachment.`,
  )
}

const ITEM_KINDS = ['Item', 'Message', 'CalendarItem', 'Contact', 'MeetingMessage', 'Task']

function readItemAttachment(el: Element): NewAttachment {
  const name = text(child(el, 't', 'Name')) ?? ''
  const attached = childElements(el, NS.t).find((c) => ITEM_KINDS.includes(c.localName ?? ''))
  if (attached?.localName !== 'Message') {
    throw new EwsError(
      'ErrorInvalidRequest',
      `mock-ews stores item attachments holding a t:Message only, not ${attached ? `'${attached.localName}'` : 'an empty one'} (attachment '${name}').`,
    )
  }
  if (child(attached, 't', 'MimeContent')) {
    throw new EwsError(
      'ErrorInvalidRequest',
      `mock-ews does not read MimeContent in an attached message; give its elements (attachment '${name}').`,
    )
  }
  if (child(attached, 't', 'Attachments')) {
    throw new EwsError(
      'ErrorInvalidRequest',
      `mock-ews does not store attachments of an attached message (attachment '${name}').`,
    )
  }
  const { extendedProperties, ...f } = readMessage(attached)
  if (extendedProperties?.length) {
    throw new EwsError(
      'ErrorInvalidPropertySet',
      `mock-ews does not store ExtendedProperty of an attached message yet (attachment '${name}'); it is refused rather than dropped.`,
    )
  }
  return {
    ...readAttachmentBase(el),
    contentType: 'message/rfc822',
    content: EMPTY,
    item: {
      itemClass: f.itemClass ?? 'IPM.Note',
      subject: f.subject ?? '',
      body: f.body ?? { type: 'Text', text: '' },
      importance: f.importance ?? 'Normal',
      categories: f.categories ?? [],
      from: f.from,
      toRecipients: f.toRecipients ?? [],
      ccRecipients: f.ccRecipients ?? [],
      bccRecipients: f.bccRecipients ?? [],
      ...copyHeaderFields(f),
      ...(f.isRead === undefined ? {} : { isRead: f.isRead }),
      ...(f.internetMessageId === undefined ? {} : { internetMessageId: f.internetMessageId }),
    },
  }
}

const EMPTY = Buffer.alloc(0)

/** Name, ContentId and IsInline, which every kind of attachment has. */
function readAttachmentBase(el: Element): Pick<NewAttachment, 'name' | 'contentId' | 'isInline'> {
  const str = (name: string): string | undefined => text(child(el, 't', name))
  const inline = str('IsInline')
  return {
    name: str('Name') ?? '',
    contentId: str('ContentId')?.trim() || undefined,
    isInline: inline === undefined ? false : readBoolean('IsInline', inline),
  }
}

export function readFileAttachment(el: Element): NewAttachment {
  const str = (name: string): string | undefined => text(child(el, 't', name))
  const name = str('Name') ?? ''
  // Decoded once; every later copy of the item shares this Buffer.
  const encoded = (str('Content') ?? '').replace(/\s+/g, '')
  if (encoded.length % 4 !== 0 || !BASE64.test(encoded)) {
    throw schemaError(
      `The 'Content' element of attachment '${name}' is invalid - it is not valid base64Binary.`,
    )
  }
  return {
    ...readAttachmentBase(el),
    contentType: str('ContentType')?.trim() || 'application/octet-stream',
    content: Buffer.from(encoded, 'base64'),
  }
}

/** Stores new attachments: numbered after `after`, stamped with `now` (epoch ms). */
export function numberAttachments(
  list: readonly NewAttachment[],
  now: number,
  after = 0,
): FileAttachment[] {
  return list.map((a, i) => ({ ...a, key: after + i + 1, lastModifiedTime: now }))
}

const ID_VERSION = 0x01

/** An AttachmentId: the root item's id bytes and the attachment's key (opaque base64, as Exchange's). */
export function encodeAttachmentId(itemId: string, key: number): string {
  const root = Buffer.from(itemId, 'base64')
  const buf = Buffer.alloc(root.length + 5)
  buf[0] = ID_VERSION
  root.copy(buf, 1)
  buf.writeUInt32BE(key, root.length + 1)
  return buf.toString('base64')
}

/** The root item id and key of an AttachmentId; ErrorInvalidIdMalformed when it is not one of ours. */
export function decodeAttachmentId(id: string): { itemId: string; key: number } {
  if (id.trim() === '') throw new EwsError('ErrorInvalidIdEmpty')
  if (id.length % 4 !== 0 || !BASE64.test(id)) throw new EwsError('ErrorInvalidIdMalformed')
  const buf = Buffer.from(id, 'base64')
  if (buf.length < 6 || buf[0] !== ID_VERSION) throw new EwsError('ErrorInvalidIdMalformed')
  return {
    itemId: buf.subarray(1, buf.length - 4).toString('base64'),
    key: buf.readUInt32BE(buf.length - 4),
  }
}

/** One `t:FileAttachment`: its metadata, and its content when `withContent`. */
export function renderAttachment(
  parent: XmlElement,
  item: Item,
  a: FileAttachment,
  withContent: boolean,
  bodyType: BodyTypeRequest = 'Best',
  mime?: Buffer,
): void {
  const el = parent.ele(NS.t, a.item ? 't:ItemAttachment' : 't:FileAttachment')
  el.ele(NS.t, 't:AttachmentId')
    .att('Id', encodeAttachmentId(item.itemId.id, a.key))
    .att('RootItemId', item.itemId.id)
    .att('RootItemChangeKey', item.itemId.changeKey)
  el.ele(NS.t, 't:Name').txt(a.name)
  if (!a.item) el.ele(NS.t, 't:ContentType').txt(a.contentType)
  if (a.contentId !== undefined) el.ele(NS.t, 't:ContentId').txt(a.contentId)
  el.ele(NS.t, 't:Size').txt(String(attachmentSize(a)))
  el.ele(NS.t, 't:LastModifiedTime').txt(ewsDate(new Date(a.lastModifiedTime)))
  el.ele(NS.t, 't:IsInline').txt(String(a.isInline))
  if (a.item) {
    if (withContent) renderAttachedItem(el, a.item, bodyType, mime)
    return
  }
  el.ele(NS.t, 't:IsContactPhoto').txt('false')
  if (withContent) el.ele(NS.t, 't:Content').txt(a.content.toString('base64'))
}

/**
 * The ids of an item's attachments, as CreateItem answers a message created with them (clients
 * such as ews-javascript-api mark their attachments saved from these; without them they would
 * create each one again with CreateAttachment).
 */
export function renderAttachmentIds(parent: XmlElement, item: Item): void {
  if (!item.attachments?.length) return
  const container = parent.ele(NS.t, 't:Attachments')
  for (const a of item.attachments) {
    container
      .ele(NS.t, a.item ? 't:ItemAttachment' : 't:FileAttachment')
      .ele(NS.t, 't:AttachmentId')
      .att('Id', encodeAttachmentId(item.itemId.id, a.key))
      .att('RootItemId', item.itemId.id)
      .att('RootItemChangeKey', item.itemId.changeKey)
  }
}

const ATTACHED_ITEM_PROPERTIES: ReadonlySet<ItemProperty> = new Set<ItemProperty>([
  'ItemClass',
  'Subject',
  'Body',
  'Categories',
  'Importance',
  'ToRecipients',
  'CcRecipients',
  'BccRecipients',
  'From',
])

/** Properties an attached message has when it was given the field (its element, its key). */
const OPTIONAL_ATTACHED: readonly [ItemProperty, keyof AttachedItem][] = [
  ['Sensitivity', 'sensitivity'],
  ['InReplyTo', 'inReplyTo'],
  ['ReminderDueBy', 'reminderDueBy'],
  ['ReminderIsSet', 'reminderIsSet'],
  ['ReminderMinutesBeforeStart', 'reminderMinutesBeforeStart'],
  ['Culture', 'culture'],
  ['Flag', 'flag'],
  ['PolicyTag', 'policyTag'],
  ['ArchiveTag', 'archiveTag'],
  ['InferenceClassification', 'inferenceClassification'],
  ['Sender', 'sender'],
  ['IsReadReceiptRequested', 'isReadReceiptRequested'],
  ['IsDeliveryReceiptRequested', 'isDeliveryReceiptRequested'],
  ['InternetMessageId', 'internetMessageId'],
  ['IsRead', 'isRead'],
  ['IsResponseRequested', 'isResponseRequested'],
  ['References', 'references'],
  ['ReplyTo', 'replyTo'],
]

/** The `t:Message` of an item attachment: the fields it was given (it has no id of its own). */
function renderAttachedItem(
  parent: XmlElement,
  fields: AttachedItem,
  bodyType: BodyTypeRequest,
  mime: Buffer | undefined,
): void {
  const properties = new Set(ATTACHED_ITEM_PROPERTIES)
  // The optional fields the attached message was given, and only those (no defaults invented).
  for (const [property, key] of OPTIONAL_ATTACHED)
    if (fields[key] !== undefined) properties.add(property)
  const shape = {
    properties,
    requested: new Set<ItemProperty>(),
    bodyType,
  }
  renderItem(parent, fields as unknown as Item, shape, mime)
}

/** An item's `t:Attachments` (nothing when it has none). */
export function renderAttachments(parent: XmlElement, item: Item): void {
  if (!item.attachments?.length) return
  const container = parent.ele(NS.t, 't:Attachments')
  for (const a of item.attachments) renderAttachment(container, item, a, false)
}
