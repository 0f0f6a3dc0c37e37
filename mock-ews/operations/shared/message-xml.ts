/** Reads the properties a client writes into a `t:Message` (CreateItem, UpdateItem's SetItemField). */
import type { Element } from '../../soap/xml-tree.ts'
import { FLAG_STATUSES, SENSITIVITIES } from '../../domain/items.ts'
import type {
  BodyType,
  EmailAddress,
  Flag,
  FlagStatus,
  Importance,
  ItemFields,
  Sensitivity,
} from '../../domain/items.ts'
import { attr, child, childElements, enumAttr, schemaError, text } from '../../soap/dom.ts'
import { NS } from '../../soap/namespaces.ts'
import { applyExtended, readExtendedProperty } from './extended-xml.ts'
import { refuseUnstored } from './item-elements.ts'
import { EXTRA_WRITABLE, readExtras } from './item-extras-xml.ts'
import type { KindElements } from './item-elements.ts'

/** The writable properties, as UpdateItem names them by FieldURI. */
export const WRITABLE = {
  'item:ItemClass': 'itemClass',
  'item:Subject': 'subject',
  'item:Body': 'body',
  'item:Importance': 'importance',
  'item:Categories': 'categories',
  'message:IsRead': 'isRead',
  'message:ToRecipients': 'toRecipients',
  'message:CcRecipients': 'ccRecipients',
  'message:BccRecipients': 'bccRecipients',
  'message:From': 'from',
  'message:InternetMessageId': 'internetMessageId',
  'item:Sensitivity': 'sensitivity',
  'item:InReplyTo': 'inReplyTo',
  'message:References': 'references',
  'message:ReplyTo': 'replyTo',
  'message:IsReadReceiptRequested': 'isReadReceiptRequested',
  'message:IsDeliveryReceiptRequested': 'isDeliveryReceiptRequested',
  'item:Flag': 'flag',
  ...EXTRA_WRITABLE,
} as const satisfies Record<string, keyof ItemFields>
export type WritableField = (typeof WRITABLE)[keyof typeof WRITABLE]

const IMPORTANCE: readonly Importance[] = ['Low', 'Normal', 'High']

/** What a `t:Message` element writes. */
export type MessageValues = Partial<Pick<ItemFields, WritableField | 'extendedProperties'>>

/**
 * The properties present in a `t:Message` element; one mock-ews would not keep (read-only, not yet
 * stored) is refused, naming it (item-elements.ts).
 * Extended properties come last, so an aliased tag (PR_SUBJECT, ...) wins over its element.
 */
export function readMessage(
  el: Element,
  handled?: ReadonlySet<string>,
  own?: KindElements,
): MessageValues {
  refuseUnstored(el, handled, own)
  const out: MessageValues = {}
  const str = (name: string): string | undefined => text(child(el, 't', name))
  const itemClass = str('ItemClass')?.trim()
  if (itemClass) out.itemClass = itemClass
  const subject = str('Subject')
  if (subject !== undefined) out.subject = subject
  const sensitivity = str('Sensitivity')?.trim()
  if (sensitivity !== undefined) {
    if (!(SENSITIVITIES as readonly string[]).includes(sensitivity))
      throw invalid('Sensitivity', sensitivity)
    out.sensitivity = sensitivity as Sensitivity
  }
  const body = child(el, 't', 'Body')
  if (body) out.body = readBody(body)
  const importance = str('Importance')?.trim()
  if (importance !== undefined) {
    if (!(IMPORTANCE as readonly string[]).includes(importance))
      throw invalid('Importance', importance)
    out.importance = importance as Importance
  }
  const categories = child(el, 't', 'Categories')
  if (categories)
    out.categories = childElements(categories, NS.t, 'String').map((s) => s.textContent ?? '')
  const isRead = str('IsRead')
  if (isRead !== undefined) out.isRead = readBoolean('IsRead', isRead)
  for (const [name, key] of [
    ['IsReadReceiptRequested', 'isReadReceiptRequested'],
    ['IsDeliveryReceiptRequested', 'isDeliveryReceiptRequested'],
  ] as const) {
    const v = str(name)
    if (v !== undefined) out[key] = readBoolean(name, v)
  }
  for (const [name, key] of [
    ['InReplyTo', 'inReplyTo'],
    ['References', 'references'],
  ] as const) {
    const v = str(name)?.trim()
    if (v !== undefined) out[key] = v
  }
  for (const [name, key] of [
    ['ToRecipients', 'toRecipients'],
    ['CcRecipients', 'ccRecipients'],
    ['BccRecipients', 'bccRecipients'],
    ['ReplyTo', 'replyTo'],
  ] as const) {
    const list = child(el, 't', name)
    if (list) out[key] = childElements(list, NS.t, 'Mailbox').map(readMailbox)
  }
  const from = child(el, 't', 'From')
  const fromMailbox = from && child(from, 't', 'Mailbox')
  if (fromMailbox) out.from = readMailbox(fromMailbox)
  const messageId = str('InternetMessageId')?.trim()
  if (messageId) out.internetMessageId = messageId
  const flag = child(el, 't', 'Flag')
  if (flag) out.flag = readFlag(flag)
  Object.assign(out, readExtras(el, readBoolean, readMailbox))
  const extended = childElements(el, NS.t, 'ExtendedProperty').map(readExtendedProperty)
  if (extended.length) Object.assign(out, applyExtended(undefined, extended, true))
  return out
}

/** `t:Flag`: FlagStatus (required) and its xs:dateTime dates, kept as UTC. */
function readFlag(el: Element): Flag {
  const status = text(child(el, 't', 'FlagStatus'))?.trim()
  if (status === undefined)
    throw schemaError("The element 'Flag' has incomplete content: 'FlagStatus' is missing.")
  if (!(FLAG_STATUSES as readonly string[]).includes(status)) throw invalid('FlagStatus', status)
  const flag: { -readonly [K in keyof Flag]: Flag[K] } = { status: status as FlagStatus }
  for (const [name, key] of [
    ['StartDate', 'startDate'],
    ['DueDate', 'dueDate'],
    ['CompleteDate', 'completeDate'],
  ] as const) {
    const v = text(child(el, 't', name))?.trim()
    if (v === undefined) continue
    const ms = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/.test(v) ? Date.parse(v) : NaN
    if (Number.isNaN(ms)) throw invalid(name, v)
    flag[key] = `${new Date(ms).toISOString().slice(0, 19)}Z`
  }
  return flag
}

export function readBody(el: Element): { type: BodyType; text: string } {
  const type = attr(el, 'BodyType') ?? ''
  if (type !== 'HTML' && type !== 'Text') throw invalid('BodyType', type)
  return { type, text: el.textContent ?? '' }
}

export function readBoolean(name: string, value: string): boolean {
  const v = value.trim()
  if (v === 'true' || v === '1') return true
  if (v === 'false' || v === '0') return false
  throw invalid(name, value)
}

/** A `t:Mailbox` (EmailAddressType); an address is required to send to it. */
export function readMailbox(el: Element): EmailAddress {
  const address = text(child(el, 't', 'EmailAddress'))?.trim()
  if (!address) throw schemaError("A recipient 't:Mailbox' needs a 't:EmailAddress'.")
  return { name: text(child(el, 't', 'Name'))?.trim() || undefined, address }
}

function invalid(name: string, value: string): Error {
  return schemaError(
    `The '${name}' element is invalid - The value '${value}' is invalid according to its datatype.`,
  )
}

export const DISPOSITIONS = ['SaveOnly', 'SendOnly', 'SendAndSaveCopy'] as const
export type Disposition = (typeof DISPOSITIONS)[number]

/** `MessageDisposition` of CreateItem/UpdateItem; absent is undefined (required for messages). */
export function readDisposition(el: Element): Disposition | undefined {
  return attr(el, 'MessageDisposition') === undefined
    ? undefined
    : enumAttr(el, 'MessageDisposition', DISPOSITIONS)
}
