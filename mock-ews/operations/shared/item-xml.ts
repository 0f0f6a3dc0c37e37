/** Writes an item as `t:Message` with the properties a shape selects, in types.xsd order. */
import { captureFragment, writeFragment } from '../../soap/xml-writer.ts'
import type { XmlElement } from '../../soap/xml-writer.ts'
import type { Body, EmailAddress, Item } from '../../domain/items.ts'
import { NS } from '../../soap/namespaces.ts'
import { conversationId, conversationIndex, conversationTopic } from '../../domain/conversation.ts'
import { renderExtended } from './extended-xml.ts'
import { internetHeaders, preview } from './internet-headers.ts'
import { renderAttachments } from './attachment-xml.ts'
import { renderItemId } from './item-ids.ts'
import { DEFAULT_CULTURE, reminderNextTime, renderRetentionTag } from './item-extras-xml.ts'
import { fieldUriOf, ITEM_PROPERTIES } from './item-shape.ts'
import { renderContact } from './contact-xml.ts'
import { renderTask } from './task-xml.ts'
import { renderCalendar } from './calendar-render.ts'
import { renderMeetingMessage } from './meeting-render.ts'
import { calendarElement } from '../../domain/calendar.ts'
import { RenderedItems, renderedItems } from './rendered-items.ts'
import type { BodyTypeRequest, ItemProperty, ItemShape } from './item-shape.ts'

const DAY_MS = 86_400_000
const MAX_SIMPLE_MS = 253_402_300_800_000 // 10000-01-01: from there on toISOString writes ±YYYYYY

/**
 * xs:dateTime as Exchange writes it: UTC, whole seconds. Computed with integer arithmetic (days to
 * civil date, H. Hinnant's algorithm) rather than `toISOString`, which cost a tenth of a FindItem
 * page of 50 (four dates per item).
 */
export function ewsDate(d: Date): string {
  const ms = d.getTime()
  if (!(ms >= 0 && ms < MAX_SIMPLE_MS)) return `${d.toISOString().slice(0, 19)}Z`
  const days = Math.floor(ms / DAY_MS)
  const secs = Math.floor((ms - days * DAY_MS) / 1000)
  const z = days + 719_468
  const era = Math.floor(z / 146_097)
  const doe = z - era * 146_097
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  )
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100))
  const mp = Math.floor((5 * doy + 2) / 153)
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1
  const month = mp < 10 ? mp + 3 : mp - 9
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0)
  return `${year}-${two(month)}-${two(day)}T${two(Math.floor(secs / 3600))}:${two(Math.floor(secs / 60) % 60)}:${two(secs % 60)}Z`
}

function two(n: number): string {
  return n < 10 ? `0${n}` : String(n)
}

type Writer = (el: XmlElement, item: Item, shape: ItemShape) => void

const WRITERS: Record<ItemProperty, Writer> = {
  ItemId: (el, item) => renderItemId(el, 'ItemId', item),
  ParentFolderId: (el, item) =>
    el
      .ele(NS.t, 't:ParentFolderId')
      .att('Id', item.parentFolderId.id)
      .att('ChangeKey', item.parentFolderId.changeKey),
  ItemClass: text('ItemClass', (i) => i.itemClass),
  Subject: text('Subject', (i) => i.subject),
  Sensitivity: text('Sensitivity', (i) => i.sensitivity ?? 'Normal'),
  Body: (el, item, shape) => {
    const body = convertBody(item.body, shape.bodyType)
    el.ele(NS.t, 't:Body').att('BodyType', body.type).txt(body.text)
  },
  Attachments: renderAttachments,
  DateTimeReceived: text('DateTimeReceived', (i) => ewsDate(i.dateTimeReceived)),
  Size: text('Size', (i) => String(i.size)),
  Categories: (el, item) => {
    if (item.categories.length === 0) return
    const c = el.ele(NS.t, 't:Categories')
    for (const name of item.categories) c.ele(NS.t, 't:String').txt(name)
  },
  Importance: text('Importance', (i) => i.importance),
  InReplyTo: text('InReplyTo', (i) => i.inReplyTo),
  IsDraft: text('IsDraft', (i) => String(i.isDraft)),
  IsFromMe: text('IsFromMe', (i) => String(i.from?.address.toLowerCase() === i.mailbox)),
  InternetMessageHeaders: (el, item) => {
    if (item.isDraft) return
    const headers = el.ele(NS.t, 't:InternetMessageHeaders')
    for (const [name, value] of internetHeaders(item))
      headers.ele(NS.t, 't:InternetMessageHeader').att('HeaderName', name).txt(value)
  },
  DateTimeSent: text('DateTimeSent', (i) => i.dateTimeSent && ewsDate(i.dateTimeSent)),
  DateTimeCreated: text('DateTimeCreated', (i) => ewsDate(i.dateTimeCreated)),
  ReminderDueBy: text('ReminderDueBy', (i) => i.reminderDueBy),
  ReminderIsSet: text('ReminderIsSet', (i) => String(i.reminderIsSet ?? false)),
  ReminderNextTime: text('ReminderNextTime', reminderNextTime),
  ReminderMinutesBeforeStart: text('ReminderMinutesBeforeStart', (i) =>
    String(i.reminderMinutesBeforeStart ?? 0),
  ),
  DisplayCc: text('DisplayCc', (i) => display(i.ccRecipients)),
  DisplayTo: text('DisplayTo', (i) => display(i.toRecipients)),
  HasAttachments: text('HasAttachments', (i) => String(Boolean(i.attachments?.length))),
  Culture: text('Culture', (i) => i.culture ?? DEFAULT_CULTURE),
  LastModifiedTime: text('LastModifiedTime', (i) => ewsDate(i.lastModifiedTime)),
  IsAssociated: text('IsAssociated', () => 'false'),
  ConversationId: (el, item) => el.ele(NS.t, 't:ConversationId').att('Id', conversationId(item)),
  UniqueBody: (el, item, shape) => {
    const body = convertBody(item.body, shape.bodyType)
    el.ele(NS.t, 't:UniqueBody').att('BodyType', body.type).txt(body.text)
  },
  Flag: (el, item) => {
    const flag = el.ele(NS.t, 't:Flag')
    const f = item.flag
    flag.ele(NS.t, 't:FlagStatus').txt(f?.status ?? 'NotFlagged')
    if (f?.startDate) flag.ele(NS.t, 't:StartDate').txt(f.startDate)
    if (f?.dueDate) flag.ele(NS.t, 't:DueDate').txt(f.dueDate)
    if (f?.completeDate) flag.ele(NS.t, 't:CompleteDate').txt(f.completeDate)
  },
  PolicyTag: (el, item) => renderRetentionTag(el, 'PolicyTag', item.policyTag),
  ArchiveTag: (el, item) => renderRetentionTag(el, 'ArchiveTag', item.archiveTag),
  Preview: text('Preview', (i) => preview(i.body)),
  TextBody: (el, item) =>
    el.ele(NS.t, 't:TextBody').att('BodyType', 'Text').txt(convertBody(item.body, 'Text').text),
  InferenceClassification: text('InferenceClassification', (i) => i.inferenceClassification),
  Sender: single('Sender', (i) => i.sender ?? i.from),
  ToRecipients: list('ToRecipients', (i) => i.toRecipients),
  CcRecipients: list('CcRecipients', (i) => i.ccRecipients),
  BccRecipients: list('BccRecipients', (i) => i.bccRecipients),
  IsReadReceiptRequested: text('IsReadReceiptRequested', (i) =>
    String(i.isReadReceiptRequested ?? false),
  ),
  IsDeliveryReceiptRequested: text('IsDeliveryReceiptRequested', (i) =>
    String(i.isDeliveryReceiptRequested ?? false),
  ),
  ConversationIndex: text('ConversationIndex', (i) => conversationIndex(i).toString('base64')),
  ConversationTopic: text('ConversationTopic', (i) => conversationTopic(i.subject)),
  From: single('From', (i) => i.from),
  InternetMessageId: text('InternetMessageId', (i) => i.internetMessageId),
  IsRead: text('IsRead', (i) => String(i.isRead)),
  IsResponseRequested: text('IsResponseRequested', (i) =>
    i.isResponseRequested === undefined ? undefined : String(i.isResponseRequested),
  ),
  References: text('References', (i) => i.references),
  ReplyTo: list('ReplyTo', (i) => i.replyTo ?? []),
  ReceivedBy: single('ReceivedBy', (i) => i.receivedBy),
  ReceivedRepresenting: single('ReceivedRepresenting', (i) => i.receivedRepresenting),
}

/** Message properties a contact, list or task does not have (t:MessageType's, and mail headers). */
const MESSAGE_ONLY = new Set<ItemProperty>([
  ...ITEM_PROPERTIES.slice(ITEM_PROPERTIES.indexOf('Sender')),
  'InternetMessageHeaders',
])

/** The element an item is written as: from which kind's sub-record it has (docs/decisions/0048). */
export function itemElementName(
  item: Pick<Item, 'calendar' | 'contact' | 'task' | 'itemClass'>,
): string {
  if (item.calendar) return calendarElement(item.itemClass)
  return item.contact?.kind ?? (item.task ? 'Task' : 'Message')
}

/**
 * Writes the item with the selected properties: `<t:Message>`, or its kind (`<t:CalendarItem>`, a
 * meeting message, `<t:Contact>`, `<t:DistributionList>`, `<t:Task>`: its ItemType properties, then
 * its own). `mime`, the item's MIME form when the shape asked for it (built before rendering), comes
 * first, as in types.xsd ItemType.
 */
export function renderItem(parent: XmlElement, item: Item, shape: ItemShape, mime?: Buffer): void {
  const kind = itemElementName(item)
  // A message written before, unchanged, in the same shape: its bytes again (rendered-items.ts).
  if (kind !== 'Message' || mime || !RenderedItems.cacheable(item))
    return writeItem(parent, item, shape, kind, mime)
  const cached = renderedItems.get(item, shape)
  if (cached && writeFragment(parent, cached)) return
  const fragment = captureFragment(parent, (p) => writeItem(p, item, shape, kind))
  if (fragment) renderedItems.put(item, shape, fragment)
}

function writeItem(
  parent: XmlElement,
  item: Item,
  shape: ItemShape,
  kind: string,
  mime?: Buffer,
): void {
  const el = parent.ele(NS.t, `t:${kind}`)
  if (mime) el.ele(NS.t, 't:MimeContent').att('CharacterSet', 'UTF-8').txt(mime.toString('base64'))
  const contactOrTask = Boolean(item.contact || item.task)
  for (const name of ITEM_PROPERTIES) {
    if (contactOrTask && MESSAGE_ONLY.has(name)) continue
    if (kind === 'CalendarItem' && fieldUriOf(name).startsWith('message:')) continue
    if (shape.properties.has(name)) WRITERS[name](el, item, shape)
    // types.xsd ItemType: ExtendedProperty* comes right after HasAttachments.
    if (name === 'HasAttachments' && shape.extended?.length)
      renderExtended(el, item, shape.extended)
  }
  const selected = (name: string) =>
    Boolean(shape.kindAll || shape.kindNames?.has(name)) && !shape.kindMissing?.has(name)
  if (item.contact) renderContact(el, item.contact, selected)
  else if (item.task) renderTask(el, item.task, selected)
  else if (kind === 'CalendarItem') renderCalendar(el, item, shape)
  else if (kind !== 'Message') renderMeetingMessage(el, item, shape, kind)
}

function text(name: string, f: (item: Item) => string | undefined): Writer {
  const qname = `t:${name}`
  return (el, item) => {
    const v = f(item)
    if (v !== undefined) el.ele(NS.t, qname).txt(v)
  }
}

function single(name: string, f: (item: Item) => EmailAddress | undefined): Writer {
  const qname = `t:${name}`
  return (el, item) => {
    const a = f(item)
    if (a) mailbox(el.ele(NS.t, qname), a)
  }
}

function list(name: string, f: (item: Item) => readonly EmailAddress[]): Writer {
  const qname = `t:${name}`
  return (el, item) => {
    const all = f(item)
    if (all.length === 0) return
    const container = el.ele(NS.t, qname)
    for (const a of all) mailbox(container, a)
  }
}

function mailbox(parent: XmlElement, a: EmailAddress): void {
  const m = parent.ele(NS.t, 't:Mailbox')
  if (a.name !== undefined) m.ele(NS.t, 't:Name').txt(a.name)
  m.ele(NS.t, 't:EmailAddress').txt(a.address)
  m.ele(NS.t, 't:RoutingType').txt('SMTP')
}

function display(list: readonly EmailAddress[]): string {
  return list.map((a) => a.name ?? a.address).join('; ')
}

/** The body in the type the client asked for (Best: as stored). */
export function convertBody(body: Body, want: BodyTypeRequest): Body {
  if (want === 'Best' || want === body.type) return body
  if (want === 'Text') {
    const text = body.text
      .replace(/<(br|\/p|\/div)\s*\/?>/gi, '\n')
      .replace(/<[^>]*>/g, '')
      .replace(/&nbsp;/g, ' ')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&')
    return { type: 'Text', text: text.trim() }
  }
  const html = body.text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r?\n/g, '<br>')
  return { type: 'HTML', text: `<html><body>${html}</body></html>` }
}
