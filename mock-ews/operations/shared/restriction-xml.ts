/** Reads `m:Restriction` and `m:SortOrder` (types.xsd SearchExpressionType, FieldOrderType) into domain terms. */
import type { Element } from '../../soap/xml-tree.ts'
import { EwsError } from '../../domain/errors.ts'
import { extendedField, isKnownField } from '../../domain/item-fields.ts'
import type { ExtendedFieldUri } from '../../domain/extended-properties.ts'
import { aliasedFieldUri, readExtendedFieldUri } from './extended-xml.ts'
import type { Comparison, ContainmentMode, Operand, Restriction } from '../../domain/restriction.ts'
import { attr, child, childElements, enumAttr, schemaError } from '../../soap/dom.ts'
import { NS } from '../../soap/namespaces.ts'
import type { SortKey } from '../../store/mailbox-store.ts'

const COMPARISONS: readonly Comparison[] = [
  'IsEqualTo',
  'IsNotEqualTo',
  'IsGreaterThan',
  'IsGreaterThanOrEqualTo',
  'IsLessThan',
  'IsLessThanOrEqualTo',
]
const MODES: readonly ContainmentMode[] = [
  'FullString',
  'Prefixed',
  'Substring',
  'PrefixOnWords',
  'ExactPhrase',
]
const COMPARISON_FLAVOURS = [
  'Exact',
  'IgnoreCase',
  'IgnoreNonSpacingCharacters',
  'Loose',
  'IgnoreCaseAndNonSpacingCharacters',
  'LooseAndIgnoreCase',
  'LooseAndIgnoreNonSpace',
  'LooseAndIgnoreCaseAndIgnoreNonSpace',
] as const

/** Which FieldURIs a restriction may name, and how a refusal says what can be. */
export interface QueryFields {
  isKnown(fieldURI: string): boolean
  hint: string
}

const ITEM_QUERY: QueryFields = {
  isKnown: isKnownField,
  hint: 'it can on item: and message: fields such as item:Subject',
}

/** Reads the one search expression inside `m:Restriction` (item fields unless told otherwise). */
export function readRestriction(el: Element, fields: QueryFields = ITEM_QUERY): Restriction {
  const expressions = childElements(el, NS.t)
  if (expressions.length !== 1)
    throw schemaError("'Restriction' takes exactly one search expression.")
  return readExpression(expressions[0]!, fields)
}

function readExpression(el: Element, fields: QueryFields): Restriction {
  const name = el.localName ?? ''
  if (name === 'And' || name === 'Or') {
    const children = childElements(el, NS.t).map((c) => readExpression(c, fields))
    if (children.length === 0) throw schemaError(`'${name}' needs at least one search expression.`)
    return { op: name, children }
  }
  if (name === 'Not') {
    const [only, ...rest] = childElements(el, NS.t)
    if (!only || rest.length > 0) throw schemaError("'Not' takes exactly one search expression.")
    return { op: 'Not', child: readExpression(only, fields) }
  }
  if (name === 'Exists') return { op: 'Exists', field: readPath(el, fields) }
  if ((COMPARISONS as readonly string[]).includes(name)) {
    const operand = child(el, 't', 'FieldURIOrConstant')
    if (!operand) throw schemaError(`'${name}' needs a 'FieldURIOrConstant'.`)
    return {
      op: name as Comparison,
      field: readPath(el, fields),
      operand: readOperand(operand, fields),
    }
  }
  if (name === 'Contains') {
    const constant = child(el, 't', 'Constant')
    const value = constant && attr(constant, 'Value')
    if (value === undefined) throw schemaError("'Contains' needs a 't:Constant' with a Value.")
    const flavour = enumAttr(el, 'ContainmentComparison', COMPARISON_FLAVOURS, 'Exact')
    return {
      op: 'Contains',
      field: readPath(el, fields),
      value,
      mode: enumAttr(el, 'ContainmentMode', MODES, 'Substring'),
      ignoreCase: /IgnoreCase|Loose/.test(flavour),
    }
  }
  if (name === 'Excludes') {
    throw new EwsError(
      'ErrorUnsupportedPathForQuery',
      "mock-ews does not evaluate 'Excludes' (bitmask) restrictions.",
    )
  }
  throw schemaError(`The element '${name}' is not a search expression.`)
}

function readOperand(el: Element, fields: QueryFields): Operand {
  const constant = child(el, 't', 'Constant')
  if (constant) {
    const value = attr(constant, 'Value')
    if (value === undefined) throw schemaError("'Constant' needs a Value.")
    return { constant: value }
  }
  return { field: readPath(el, fields) }
}

/** The property path of an expression: a `t:FieldURI` mock-ews can read. */
function readPath(el: Element, fields: QueryFields = ITEM_QUERY): string {
  const path = childElements(el, NS.t).find(
    (c) => /FieldURI$/.test(c.localName ?? '') && c.localName !== 'FieldURIOrConstant',
  )
  if (!path) throw schemaError(`'${el.localName}' needs a property path.`)
  const uri =
    path.localName === 'FieldURI'
      ? (attr(path, 'FieldURI') ?? '')
      : path.localName === 'ExtendedFieldURI'
        ? extendedPath(readExtendedFieldUri(path))
        : ''
  if (!fields.isKnown(uri)) {
    throw new EwsError(
      'ErrorUnsupportedPathForQuery',
      `mock-ews cannot query on ${uri || path.localName}; ${fields.hint}.`,
    )
  }
  return uri
}

/** An ExtendedFieldURI as a queryable field: an aliased tag is its first-class field. */
function extendedPath(uri: ExtendedFieldUri): string {
  const alias = aliasedFieldUri(uri)
  if (alias === null)
    throw new EwsError(
      'ErrorUnsupportedPathForQuery',
      `mock-ews cannot query on the aliased tag ${uri.key}; name its field instead.`,
    )
  return alias ?? extendedField(uri)
}

/** Reads `m:SortOrder`: FieldOrder elements, most significant first. */
export function readSortOrder(el: Element): SortKey[] {
  return childElements(el, NS.t, 'FieldOrder').map((order) => ({
    field: readPath(order),
    descending: enumAttr(order, 'Order', ['Ascending', 'Descending']) === 'Descending',
  }))
}
