/**
 * `t:ExtendedFieldURI` and `t:ExtendedProperty` (Microsoft Learn, "ExtendedProperty"). A few tags
 * are first-class fields under another name, as Exchange maps them: PR_MESSAGE_CLASS (0x001A) is
 * item:ItemClass, PR_SUBJECT (0x0037) item:Subject, PR_IMPORTANCE (0x0017) item:Importance
 * (0 Low, 1 Normal, 2 High). Writing either name changes the one field (docs/decisions/0034).
 * PR_MESSAGE_FLAGS (0x0E07) is read from IsRead, IsDraft and the attachments; writing it sets
 * IsRead (MSGFLAG_READ), and IsDraft (MSGFLAG_UNSENT) only on a new item, as MS-OXCMSG allows: how
 * clients create a message that looks received rather than a draft.
 */
import type { Element } from '../../soap/xml-tree.ts'
import type { XmlElement } from '../../soap/xml-writer.ts'
import { checkValue, extendedFieldUri, findProperty } from '../../domain/extended-properties.ts'
import type { ExtendedFieldUri, ExtendedProperty } from '../../domain/extended-properties.ts'
import { EwsError } from '../../domain/errors.ts'
import type { Importance, Item, ItemFields } from '../../domain/items.ts'
import { attr, child, childElements, schemaError } from '../../soap/dom.ts'
import { NS } from '../../soap/namespaces.ts'

/** `t:ExtendedFieldURI`. */
export function readExtendedFieldUri(el: Element): ExtendedFieldUri {
  return extendedFieldUri((name) => attr(el, name))
}

/** `t:ExtendedProperty`: the URI and its value(s), checked against PropertyType. */
export function readExtendedProperty(el: Element): ExtendedProperty {
  const uriEl = child(el, 't', 'ExtendedFieldURI')
  if (!uriEl)
    throw schemaError(
      "The element 'ExtendedProperty' is missing its required child element 'ExtendedFieldURI'.",
    )
  const uri = readExtendedFieldUri(uriEl)
  const single = child(el, 't', 'Value')
  const many = child(el, 't', 'Values')
  if ((single === undefined) === (many === undefined))
    throw schemaError("The element 'ExtendedProperty' needs one of 'Value' or 'Values'.")
  const isArray = uri.type.endsWith('Array')
  if (isArray !== (many !== undefined))
    throw new EwsError(
      'ErrorInvalidExtendedPropertyValue',
      `A property of type ${uri.type} takes ${isArray ? 'Values' : 'Value'}.`,
    )
  const raw = many ? childElements(many, NS.t, 'Value') : [single!]
  if (raw.length === 0)
    throw schemaError("The element 'Values' has incomplete content. Expected 'Value'.")
  return { uri, isArray, values: raw.map((v) => checkValue(uri.type, v.textContent ?? '')) }
}

const IMPORTANCE: readonly Importance[] = ['Low', 'Normal', 'High']

interface Alias {
  type: string
  /** The FieldURI restrictions and sorts read it as (none: not queryable by the tag). */
  fieldUri?: string
  read(item: ItemFields): string
  /** The fields the value sets; `isNew` when the item is being created (CreateItem). */
  write(value: string, isNew: boolean): Partial<ItemFields>
}

/** PR_MESSAGE_FLAGS bits (MS-OXCMSG 2.2.1.6). */
const MSGFLAG = { read: 0x1, unsent: 0x8, hasAttach: 0x10 } as const

const ALIASES: Readonly<Record<string, Alias>> = {
  'tag:26': {
    type: 'String',
    fieldUri: 'item:ItemClass',
    read: (i) => i.itemClass,
    write: (v) => ({ itemClass: v }),
  },
  'tag:55': {
    type: 'String',
    fieldUri: 'item:Subject',
    read: (i) => i.subject,
    write: (v) => ({ subject: v }),
  },
  'tag:23': {
    type: 'Integer',
    read: (i) => String(IMPORTANCE.indexOf(i.importance)),
    write: (v) => {
      const importance = IMPORTANCE[Number(v)]
      if (!importance)
        throw new EwsError(
          'ErrorInvalidExtendedPropertyValue',
          `PR_IMPORTANCE takes 0, 1 or 2, not '${v}'.`,
        )
      return { importance }
    },
  },
  'tag:3591': {
    type: 'Integer',
    read: (i) =>
      String(
        (i.isRead ? MSGFLAG.read : 0) |
          (i.isDraft ? MSGFLAG.unsent : 0) |
          (i.attachments?.length ? MSGFLAG.hasAttach : 0),
      ),
    write: (v, isNew) => ({
      isRead: (Number(v) & MSGFLAG.read) !== 0,
      ...(isNew ? { isDraft: (Number(v) & MSGFLAG.unsent) !== 0 } : {}),
    }),
  },
}

/** The FieldURI an aliased tag is (null: aliased but not queryable), undefined when not aliased. */
export function aliasedFieldUri(uri: ExtendedFieldUri): string | null | undefined {
  const alias = aliasOf(uri)
  return alias && (alias.fieldUri ?? null)
}

function aliasOf(uri: ExtendedFieldUri): Alias | undefined {
  const a = ALIASES[uri.key]
  return a && a.type === uri.type ? a : undefined
}

/**
 * The fields a set of extended properties writes: aliases onto their first-class field, the rest
 * onto `extendedProperties` (replacing a property of the same key).
 */
export function applyExtended(
  current: readonly ExtendedProperty[] | undefined,
  props: readonly ExtendedProperty[],
  isNew = false,
): Partial<ItemFields> {
  const out: Partial<ItemFields> = {}
  let list = current?.slice() ?? []
  let touched = false
  for (const p of props) {
    const alias = aliasOf(p.uri)
    if (alias) Object.assign(out, alias.write(p.values[0]!, isNew))
    else {
      list = list.filter((q) => q.uri.key !== p.uri.key)
      list.push(p)
      touched = true
    }
  }
  if (touched) out.extendedProperties = list
  return out
}

/** The fields deleting a property leaves, or undefined when it cannot be deleted (an alias). */
export function removeExtended(
  item: Pick<ItemFields, 'extendedProperties'>,
  uri: ExtendedFieldUri,
): Partial<ItemFields> | undefined {
  if (aliasOf(uri)) return undefined
  return {
    extendedProperties: (item.extendedProperties ?? []).filter((p) => p.uri.key !== uri.key),
  }
}

/** The value(s) of a property on an item (aliases read from their field), if it has it. */
export function extendedValue(
  item: ItemFields,
  uri: ExtendedFieldUri,
): ExtendedProperty | undefined {
  const alias = aliasOf(uri)
  if (alias) return { uri, isArray: false, values: [alias.read(item)] }
  const found = findProperty(item.extendedProperties, uri)
  return found && { uri, isArray: found.isArray, values: found.values }
}

/** Writes the asked-for properties the item has, each with the URI as the client wrote it. */
export function renderExtended(
  el: XmlElement,
  item: Item,
  asked: readonly ExtendedFieldUri[],
): void {
  renderProperties(el, asked, (uri) => extendedValue(item, uri))
}

/** Writes the asked-for properties of a list (a folder's: no aliases). */
export function renderExtendedOf(
  el: XmlElement,
  list: readonly ExtendedProperty[] | undefined,
  asked: readonly ExtendedFieldUri[],
): void {
  renderProperties(el, asked, (uri) => {
    const found = findProperty(list, uri)
    return found && { uri, isArray: found.isArray, values: found.values }
  })
}

function renderProperties(
  el: XmlElement,
  asked: readonly ExtendedFieldUri[],
  valueOf: (uri: ExtendedFieldUri) => ExtendedProperty | undefined,
): void {
  for (const uri of asked) {
    const p = valueOf(uri)
    if (!p) continue
    const e = el.ele(NS.t, 't:ExtendedProperty')
    const u = e.ele(NS.t, 't:ExtendedFieldURI')
    for (const [name, value] of uri.attributes) u.att(name, value)
    if (p.isArray) {
      const vs = e.ele(NS.t, 't:Values')
      for (const v of p.values) vs.ele(NS.t, 't:Value').txt(v)
    } else e.ele(NS.t, 't:Value').txt(p.values[0]!)
  }
}
