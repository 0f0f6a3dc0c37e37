/**
 * Restrictions (FindItem's `m:Restriction`, search folder definitions) as data, and their
 * evaluation against an item (Microsoft Learn, "Restriction"; types.xsd SearchExpressionType).
 */
import { compareValues, fieldKind, fieldValue } from './item-fields.ts'
import type { FieldKind, FieldValue } from './item-fields.ts'
import type { Item } from './items.ts'
import { EwsError } from './errors.ts'
import type { RequestLimits } from './limits.ts'

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

/**
 * Whether `item` satisfies `r`. `budget` is charged for each test evaluated: one unit, and one more
 * for each 1,024 characters of the item's value it reads (a body can be megabytes).
 */
export function matches(item: Item, r: Restriction, budget?: SearchCharge): boolean {
  return matchesRecord(item, r, ITEM_ACCESS, budget)
}

/** How a restriction reads the fields of one kind of record (items, folders). */
export interface FieldAccess<T> {
  value(record: T, field: string): FieldValue
  kind(field: string): FieldKind
}

const ITEM_ACCESS: FieldAccess<Item> = { value: fieldValue, kind: fieldKind }

/** Whether `record` satisfies `r`, its fields read through `fields`; charged as `matches`. */
export function matchesRecord<T>(
  record: T,
  r: Restriction,
  fields: FieldAccess<T>,
  budget?: SearchCharge,
): boolean {
  // The lower case of what this evaluation read last lives as long as the evaluation: an Or of
  // Contains on one body lowers it once, and nothing is kept once the item is tested.
  return test({ record, fields, budget, low: { of: '', is: '' } }, r)
}

/** One evaluation: the record tested, how its fields are read, its charge and lowered value. */
interface Evaluation<T> {
  record: T
  fields: FieldAccess<T>
  budget: SearchCharge | undefined
  low: Lowered
}

/** The lower case of the last value lowered (`of`), within one evaluation. */
interface Lowered {
  of: string
  is: string
}

function test<T>(e: Evaluation<T>, r: Restriction): boolean {
  switch (r.op) {
    case 'And':
      return r.children.every((c) => test(e, c))
    case 'Or':
      return r.children.some((c) => test(e, c))
    case 'Not':
      return !test(e, r.child)
    case 'Exists': {
      e.budget?.charge(1)
      const v = e.fields.value(e.record, r.field)
      return v !== undefined && !(Array.isArray(v) && v.length === 0)
    }
    case 'Contains': {
      const v = e.fields.value(e.record, r.field)
      e.budget?.charge(workOf(v))
      return contains(v, r, e.low)
    }
    default:
      return compare(e, r)
  }
}

/** What a search is charged with: units of work (domain/limits.ts SearchBudget). */
export interface SearchCharge {
  charge(units: number): void
}

/** Units of work of reading a value: one, and one per 1,024 characters. */
function workOf(v: FieldValue): number {
  if (typeof v === 'string') return 1 + (v.length >>> 10)
  if (Array.isArray(v)) return v.reduce((n: number, s: string) => n + (s.length >>> 10), 1)
  return 1
}

function compare<T>(
  e: Evaluation<T>,
  r: { op: Comparison; field: string; operand: Operand },
): boolean {
  const left = e.fields.value(e.record, r.field)
  e.budget?.charge(workOf(left))
  const right =
    'field' in r.operand
      ? e.fields.value(e.record, r.operand.field)
      : constantOf(r, r.operand, e.fields.kind(r.field))
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

/**
 * What a restriction node compares with, worked out once per node (not once per item): the
 * constant as the field's type, the needle of a Contains in the case it is compared in.
 */
const prepared = new WeakMap<object, { value: FieldValue }>()

function constantOf(r: object, operand: { constant: string }, kind: FieldKind): FieldValue {
  let p = prepared.get(r)
  if (!p) prepared.set(r, (p = { value: coerce(operand.constant, kind) }))
  return p.value
}

function needleOf(r: { value: string; ignoreCase: boolean }): string {
  let p = prepared.get(r)
  if (!p) prepared.set(r, (p = { value: r.ignoreCase ? r.value.toLowerCase() : r.value }))
  return p.value as string
}

function lowerCase(s: string, low: Lowered): string {
  if (s !== low.of) Object.assign(low, { of: s, is: s.toLowerCase() })
  return low.is
}

/** A constant as the field's type; undefined when it cannot be one (never matches). */
function coerce(constant: string, kind: FieldKind): FieldValue {
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
  low: Lowered,
): boolean {
  if (value === undefined) return false
  const values = Array.isArray(value)
    ? value
    : [String(value instanceof Date ? value.toISOString() : value)]
  const needle = needleOf(r)
  return values.some((v: string) => {
    const hay = r.ignoreCase ? lowerCase(v, low) : v
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

/**
 * Refuses a restriction with more search expressions than Exchange evaluates (255), or a constant
 * longer than the limit: ErrorRestrictionTooLong.
 */
export function checkRestrictionSize(
  r: Restriction,
  limits: Pick<RequestLimits, 'maxRestrictionNodes' | 'maxConstantLength'>,
): void {
  const pending = [r]
  let nodes = 0
  for (let next = pending.pop(); next; next = pending.pop()) {
    if (++nodes > limits.maxRestrictionNodes) {
      throw new EwsError(
        'ErrorRestrictionTooLong',
        `The restriction has more than ${limits.maxRestrictionNodes} search expressions.`,
      )
    }
    const constant =
      next.op === 'Contains'
        ? next.value
        : 'operand' in next && 'constant' in next.operand
          ? next.operand.constant
          : ''
    if (constant.length > limits.maxConstantLength) {
      throw new EwsError(
        'ErrorRestrictionTooLong',
        `A constant of the restriction is ${constant.length} characters long; at most ${limits.maxConstantLength} are allowed.`,
      )
    }
    if (next.op === 'And' || next.op === 'Or') pending.push(...next.children)
    else if (next.op === 'Not') pending.push(next.child)
  }
}
