/** `ItemShape` (BaseShape, AdditionalProperties, BodyType) and what it selects (Microsoft Learn, "ItemShape"). */
import type { Element } from '@xmldom/xmldom'
import { attr, child, childElements, requiredChild, schemaError, text } from '../../soap/dom.ts'
import { NS } from '../../soap/namespaces.ts'
import type { ExtendedFieldUri } from '../../domain/extended-properties.ts'
import { readExtendedFieldUri } from './extended-xml.ts'
import { BASE_SHAPES } from './folder-shape.ts'
import { EXCHANGE_VERSIONS } from '../../topology/profiles.ts'
import type { ExchangeVersion } from '../../topology/profiles.ts'
import type { BaseShape } from './folder-shape.ts'

/** Message properties mock-ews returns, by element name, in the order of types.xsd ItemType + MessageType. */
export const ITEM_PROPERTIES = [
  'ItemId',
  'ParentFolderId',
  'ItemClass',
  'Subject',
  'Sensitivity',
  'Body',
  'Attachments',
  'DateTimeReceived',
  'Size',
  'Categories',
  'Importance',
  'InReplyTo',
  'IsDraft',
  'IsFromMe',
  'InternetMessageHeaders',
  'DateTimeSent',
  'DateTimeCreated',
  'DisplayCc',
  'DisplayTo',
  'HasAttachments',
  'LastModifiedTime',
  'IsAssociated',
  'ConversationId',
  'UniqueBody',
  'Flag',
  'Preview',
  'TextBody',
  'Sender',
  'ToRecipients',
  'CcRecipients',
  'BccRecipients',
  'IsReadReceiptRequested',
  'IsDeliveryReceiptRequested',
  'ConversationIndex',
  'ConversationTopic',
  'From',
  'InternetMessageId',
  'IsRead',
  'References',
  'ReplyTo',
] as const
export type ItemProperty = (typeof ITEM_PROPERTIES)[number]

/** The MessageType properties (message:…): the list from Sender on; the ones before are ItemType's (item:…). */
const MESSAGE_PROPERTIES = new Set<string>(ITEM_PROPERTIES.slice(ITEM_PROPERTIES.indexOf('Sender')))

/** Properties returned only when named in AdditionalProperties (not with AllProperties). */
const NAMED_ONLY = new Set<ItemProperty>([
  'InternetMessageHeaders',
  'UniqueBody',
  'Preview',
  'TextBody',
])

const SHAPE_PROPERTIES: Record<BaseShape, readonly ItemProperty[]> = {
  IdOnly: ['ItemId'],
  Default: [
    'ItemId',
    'ParentFolderId',
    'ItemClass',
    'Subject',
    'DateTimeReceived',
    'Size',
    'Importance',
    'IsDraft',
    'DateTimeSent',
    'DateTimeCreated',
    'DisplayCc',
    'DisplayTo',
    'HasAttachments',
    'From',
    'IsRead',
  ],
  AllProperties: ITEM_PROPERTIES.filter((p) => !NAMED_ONLY.has(p)),
}

export type BodyTypeRequest = 'Best' | 'HTML' | 'Text'

export interface ItemShape {
  properties: ReadonlySet<ItemProperty>
  /** Properties named in AdditionalProperties (FindItem refuses item:Body there). */
  requested: ReadonlySet<ItemProperty>
  bodyType: BodyTypeRequest
  /** Extended properties named in AdditionalProperties: the only way to read them (not AllProperties). */
  extended?: readonly ExtendedFieldUri[]
}

/** The FieldURI of a property, e.g. `item:Subject`, `message:IsRead`. */
export function fieldUriOf(p: ItemProperty): string {
  return `${MESSAGE_PROPERTIES.has(p) ? 'message' : 'item'}:${p}`
}

/**
 * Reads `m:ItemShape`. FieldURIs mock-ews does not keep (calendar:, meeting:, item:MimeContent)
 * are ignored: clients ask for more than applies (exchangelib asks for 101).
 */
export function readItemShape(el: Element): ItemShape {
  const base = text(requiredChild(el, 't', 'BaseShape'))!.trim()
  if (!(BASE_SHAPES as readonly string[]).includes(base)) {
    throw schemaError(
      `The value '${base}' is invalid according to its datatype 'DefaultShapeNamesType'.`,
    )
  }
  const properties = new Set<ItemProperty>(SHAPE_PROPERTIES[base as BaseShape])
  const requested = new Set<ItemProperty>()
  const additional = child(el, 't', 'AdditionalProperties')
  for (const p of additional ? childElements(additional, NS.t, 'FieldURI') : []) {
    const uri = attr(p, 'FieldURI')
    if (uri === undefined) throw schemaError("The required attribute 'FieldURI' is missing.")
    const [prefix, name] = uri.split(':')
    const property = ITEM_PROPERTIES.find((q) => q === name)
    if (property && (prefix === 'item' || prefix === 'message') && fieldUriOf(property) === uri) {
      properties.add(property)
      requested.add(property)
    }
  }
  const extended = additional
    ? childElements(additional, NS.t, 'ExtendedFieldURI').map(readExtendedFieldUri)
    : []
  const bodyType = text(child(el, 't', 'BodyType'))?.trim() ?? 'Best'
  if (!['Best', 'HTML', 'Text'].includes(bodyType)) {
    throw schemaError(
      `The value '${bodyType}' is invalid according to its datatype 'BodyTypeResponseType'.`,
    )
  }
  return { properties, requested, bodyType: bodyType as BodyTypeRequest, extended }
}

/** Properties the schema has only from a version on: not written in answers to older requests. */
const SINCE: Partial<Record<ItemProperty, ExchangeVersion>> = {
  ConversationId: 'Exchange2010',
  UniqueBody: 'Exchange2010',
  Flag: 'Exchange2013',
  Preview: 'Exchange2013',
  TextBody: 'Exchange2013',
}

/** The shape without the properties the request's schema version does not have. */
export function shapeForVersion(shape: ItemShape, version: ExchangeVersion): ItemShape {
  const v = EXCHANGE_VERSIONS.indexOf(version)
  const missing = (p: ItemProperty): boolean => {
    const since = SINCE[p]
    return since !== undefined && v < EXCHANGE_VERSIONS.indexOf(since)
  }
  if (![...shape.properties].some(missing)) return shape
  const keep = (set: ReadonlySet<ItemProperty>) => new Set([...set].filter((p) => !missing(p)))
  return { ...shape, properties: keep(shape.properties), requested: keep(shape.requested) }
}

/** `<t:BaseShape>AllProperties</t:BaseShape>` as stored items are rendered by GetItem with it. */
export function allPropertiesShape(): ItemShape {
  return {
    properties: new Set(SHAPE_PROPERTIES.AllProperties),
    requested: new Set(),
    bodyType: 'Best',
  }
}
