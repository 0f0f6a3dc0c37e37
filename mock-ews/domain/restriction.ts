/**
 * Restrictions (FindItem's `m:Restriction`, search folder definitions) as data, and their
 * evaluation against an item (Microsoft Learn, "Restriction"; types.xsd SearchExpressionType).
 */
import { compareValues, fieldKind, fieldValue } from './item-fields.ts'
import type { FieldValue } from './item-fields.ts'
import type { Item } from './items.ts'

export type Comparison =
  | 'IsEqualTo'
  | 'IsNotEqualTo'
  | 'IsGreaterThan'
  | 'IsGreaterThanOrEqualTo'
  | 'IsLessThan'
  | 'IsLessThanOrEqualTo'

export type ContainmentMode =
  'FullString' | 'Prefixed' | 'Substring' | 'PrefixOnWords' | 'ExactPhrase'

/** Either a constant (as written in the request) or another field of the same item. */
export type Operand = { constant: string } | { field: string }

export type Restriction =
  | { op: 'And' | 'Or'; children: Restriction[] }
  | { op: 'Not'; child: Restriction }
  | { op: 'Exists'; field: string }
  | { op: Comparison; field: string; operand: Operand }
  | { op: 'Contains'; field: string; value: string; mode: ContainmentMode; ignoreCase: boolean }

export function matches(item: Item, r: Restriction): boolean {
  switch (r.op) {
    case 'And':
      return r.children.every((c) => matches(item, c))
    case 'Or':
      return r.children.some((c) => matches(item, c))
    case 'Not':
      return !matches(item, r.child)
    case 'Exists': {
      const v = fieldValue(item, r.field)
      return v !== undefined && !(Array.isArray(v) && v.length === 0)
    }
    case 'Contains':
      return contains(fieldValue(item, r.field), r)
    default:
      return compare(item, r)
  }
}

function compare(item: Item, r: { op: Comparison; field: string; operand: Operand }): boolean {
  const left = fieldValue(item, r.field)
  const right =
    'field' in r.operand
      ? fieldValue(item, r.operand.field)
      : coerce(r.operand.constant, fieldKind(r.field))
  // A comparison with a missing value is false, except "is not equal to".
  if (left === undefined || right === undefined) return r.op === 'IsNotEqualTo' && left !== right
  const values = Array.isArray(left) ? left : [left]
  const test = (v: FieldValue): boolean => {
    const c = compareValues(v, right)
    switch (r.op) {
      case 'IsEqualTo':
        return c === 0
      case 'IsNotEqualTo':
        return c !== 0
      case 'IsGreaterThan':
        return c > 0
      case 'IsGreaterThanOrEqualTo':
        return c >= 0
      case 'IsLessThan':
        return c < 0
      case 'IsLessThanOrEqualTo':
        return c <= 0
    }
  }
  return r.op === 'IsNotEqualTo' ? values.every(test) : values.some(test)
}

/** A constant as the field's type; undefined when it cannot be one (never matches). */
function coerce(constant: string, kind: ReturnType<typeof fieldKind>): FieldValue {
  switch (kind) {
    case 'date': {
      const ms = Date.parse(constant)
      return Number.isNaN(ms) ? undefined : new Date(ms)
    }
    case 'number': {
      const n = Number(constant)
      return constant.trim() === '' || Number.isNaN(n) ? undefined : n
    }
    case 'boolean':
      return /^(true|1)$/i.test(constant) ? true : /^(false|0)$/i.test(constant) ? false : undefined
    default:
      return constant
  }
}

function contains(
  value: FieldValue,
  r: { value: string; mode: ContainmentMode; ignoreCase: boolean },
): boolean {
  if (value === undefined) return false
  const values = Array.isArray(value)
    ? value
    : [String(value instanceof Date ? value.toISOString() : value)]
  const norm = (s: string): string => (r.ignoreCase ? s.toLowerCase() : s)
  const needle = norm(r.value)
  return values.some((v) => {
    const hay = norm(v)
    switch (r.mode) {
      case 'FullString':
        return hay === needle
      case 'Prefixed':
        return hay.startsWith(needle)
      case 'PrefixOnWords':
        return hay.split(/\s+/).some((w) => w.startsWith(needle))
      default:
        return hay.includes(needle)
    }
  })
}
