/** `ItemShape` (BaseShape, AdditionalProperties, BodyType) and what it selects (Microsoft Learn, "ItemShape"). */
import type { Element } from '../../soap/xml-tree.ts'
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
  'ReminderDueBy',
  'ReminderIsSet',
  'ReminderNextTime',
  'ReminderMinutesBeforeStart',
  'DisplayCc',
  'DisplayTo',
  'HasAttachments',
  'Culture',
  'LastModifiedTime',
  'IsAssociated',
  'ConversationId',
  'UniqueBody',
  'Flag',
  'PolicyTag',
  'ArchiveTag',
  'Preview',
  'TextBody',
  'InferenceClassification',
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
  'IsResponseRequested',
  'References',
  'ReplyTo',
  'ReceivedBy',
  'ReceivedRepresenting',
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
  /** How the MIME form was asked for: IncludeMimeContent true, or item:MimeContent named. */
  mimeContent?: 'IncludeMimeContent' | 'FieldURI'
  /** A contact's, list's or task's own elements: all of them (a shape other than IdOnly), or those named. */
  kindAll?: boolean
  kindNames?: ReadonlySet<string>
  /** The kinds' own elements the request's schema version lacks (shapeForVersion). */
  kindMissing?: ReadonlySet<string>
  /** The BaseShape, and the FieldURIs of other kinds' properties named (calendar:Start…): their writers decide. */
  base?: BaseShape
  kindFields?: ReadonlySet<string>
  /** The request's schema version (shapeForVersion sets it). */
  version?: ExchangeVersion
}

/** The kinds' own elements a schema version lacks. */
export function kindMissingFor(version: ExchangeVersion): ReadonlySet<string> {
  return missingIn(KIND_MISSING, KIND_SINCE, version)
}

/** A contact's elements the schema has only from a version on (exchangelib's supported_from agrees). */
const KIND_SINCE: Readonly<Record<string, ExchangeVersion>> = {
  ContactSource: 'Exchange2010',
  PhoneticFullName: 'Exchange2010_SP2',
  PhoneticFirstName: 'Exchange2010_SP2',
  PhoneticLastName: 'Exchange2010_SP2',
}

/** The own element a contacts:, distributionlist: or task: field URI names (an indexed one: its dictionary). */
export function kindElementOf(uri: string): string | undefined {
  const [prefix, name, part] = uri.split(':')
  if (prefix !== 'contacts' && prefix !== 'task' && prefix !== 'distributionlist') return undefined
  if (prefix === 'contacts' && name === 'EmailAddress') return 'EmailAddresses'
  if (prefix === 'contacts' && name === 'PhoneNumber') return 'PhoneNumbers'
  if (prefix === 'contacts' && name === 'PhysicalAddress' && part) return 'PhysicalAddresses'
  // distributionlist:Members:Member (one member by its Key) is not implemented: not a kind field.
  if (part) return undefined
  return name
}

/** The FieldURI of a property, e.g. `item:Subject`, `message:IsRead`. */
export function fieldUriOf(p: ItemProperty): string {
  return `${MESSAGE_PROPERTIES.has(p) ? 'message' : 'item'}:${p}`
}

/**
 * Reads `m:ItemShape`. FieldURIs mock-ews does not keep (meeting:) are ignored: clients ask for
 * more than applies (exchangelib asks for 101); calendar ones are kept in `kindFields` for their
 * writers, contact and task ones in `kindNames`. IncludeMimeContent or item:MimeContent ask for the
 * MIME form, built by the operation's `complete` step (mock-ews/mime/build.ts).
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
  const kindNames = new Set<string>()
  const kindFields = new Set<string>()
  const additional = child(el, 't', 'AdditionalProperties')
  const include = text(child(el, 't', 'IncludeMimeContent'))?.trim()
  let mimeContent: ItemShape['mimeContent'] =
    include === 'true' || include === '1' ? 'IncludeMimeContent' : undefined
  for (const p of additional ? childElements(additional, NS.t, 'IndexedFieldURI') : []) {
    const kind = kindElementOf(attr(p, 'FieldURI') ?? '')
    if (kind) kindNames.add(kind)
  }
  for (const p of additional ? childElements(additional, NS.t, 'FieldURI') : []) {
    const uri = attr(p, 'FieldURI')
    if (uri === undefined) throw schemaError("The required attribute 'FieldURI' is missing.")
    if (uri === 'item:MimeContent') mimeContent = 'FieldURI'
    const kind = kindElementOf(uri)
    if (kind) kindNames.add(kind)
    const [prefix, name] = uri.split(':')
    const property = ITEM_PROPERTIES.find((q) => q === name)
    if (property && (prefix === 'item' || prefix === 'message') && fieldUriOf(property) === uri) {
      properties.add(property)
      requested.add(property)
    } else if (prefix !== 'item' && prefix !== 'message') kindFields.add(uri)
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
  return {
    properties,
    requested,
    bodyType: bodyType as BodyTypeRequest,
    extended,
    ...(mimeContent && { mimeContent }),
    kindAll: base !== 'IdOnly',
    kindNames,
    base: base as BaseShape,
    kindFields,
  }
}

/** Properties the schema has only from a version on: not written in answers to older requests. */
const SINCE: Partial<Record<ItemProperty, ExchangeVersion>> = {
  ConversationId: 'Exchange2010',
  UniqueBody: 'Exchange2010',
  Flag: 'Exchange2013',
  Preview: 'Exchange2013',
  TextBody: 'Exchange2013',
  ReminderNextTime: 'Exchange2013',
  PolicyTag: 'Exchange2013',
  ArchiveTag: 'Exchange2013',
  InferenceClassification: 'Exchange2016',
}

/** The shape without the properties the request's schema version does not have. */
export function shapeForVersion(shape: ItemShape, version: ExchangeVersion): ItemShape {
  const gone = propertiesMissingIn(version)
  const kindMissing = kindMissingFor(version)
  const kinds = kindMissing.size ? { ...shape, kindMissing, version } : { ...shape, version }
  if (!gone.size || ![...shape.properties].some((p) => gone.has(p))) return kinds
  const keep = (set: ReadonlySet<ItemProperty>) => new Set([...set].filter((p) => !gone.has(p)))
  return { ...kinds, properties: keep(shape.properties), requested: keep(shape.requested) }
}

const MISSING_IN = new Map<ExchangeVersion, ReadonlySet<string>>()
const KIND_MISSING = new Map<ExchangeVersion, ReadonlySet<string>>()

/** The properties a schema version does not have (none for Exchange2016). */
function propertiesMissingIn(version: ExchangeVersion): ReadonlySet<ItemProperty> {
  return missingIn(MISSING_IN, SINCE, version) as ReadonlySet<ItemProperty>
}

/** The names of `since` a schema version does not have yet, worked out once a version. */
function missingIn(
  known: Map<ExchangeVersion, ReadonlySet<string>>,
  since: Readonly<Record<string, ExchangeVersion>>,
  version: ExchangeVersion,
): ReadonlySet<string> {
  let gone = known.get(version)
  if (!gone) {
    const v = EXCHANGE_VERSIONS.indexOf(version)
    gone = new Set(
      Object.entries(since)
        .filter(([, s]) => v < EXCHANGE_VERSIONS.indexOf(s))
        .map(([name]) => name),
    )
    // Only versions there are (the endpoint refuses others), so the maps stay this small.
    if (v >= 0) known.set(version, gone)
  }
  return gone
}

/** `<t:BaseShape>AllProperties</t:BaseShape>` as stored items are rendered by GetItem with it. */
export function allPropertiesShape(): ItemShape {
  return {
    properties: new Set(SHAPE_PROPERTIES.AllProperties),
    requested: new Set(),
    bodyType: 'Best',
  }
}
