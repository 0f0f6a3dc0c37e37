/**
 * FindItem's `m:QueryString`: the Advanced Query Syntax (AQS) clients send, translated into the
 * restriction tree of restriction.ts so that it is answered by the same evaluator, budget and
 * limits as `m:Restriction` (docs/decisions/0035-query-string.md).
 *
 *   query   := or
 *   or      := and ("OR" and)*
 *   and     := unary ("AND"? unary)*          terms side by side are joined with AND
 *   unary   := "NOT" unary | "(" or ")" | term
 *   term    := word | "phrase" | prop:value
 *
 * Words match case-insensitively at the start of a word of the field (prefix per word: "lunch"
 * matches "Lunch?" and "luncheon", not "brunch"); a quoted phrase matches anywhere in the field.
 * Nothing is a syntax error: what cannot be read as AQS is searched for as free text.
 */
import { EwsError } from './errors.ts'
import type { RequestLimits } from './limits.ts'
import type { Comparison, Restriction } from './restriction.ts'

type Token = { kind: '(' } | { kind: ')' } | { kind: 'word'; text: string; quoted: boolean }

/** What a property restriction searches, by AQS property name (lower case). */
const TEXT_PROPERTIES: Record<string, string[]> = {
  subject: ['item:Subject'],
  body: ['item:Body'],
  content: ['item:Body'],
  from: ['message:From', 'message:Sender'],
  to: ['message:ToRecipients', 'item:DisplayTo'],
  cc: ['message:CcRecipients', 'item:DisplayCc'],
  bcc: ['message:BccRecipients'],
  participants: [
    'message:From',
    'message:ToRecipients',
    'message:CcRecipients',
    'item:DisplayTo',
    'item:DisplayCc',
  ],
  category: ['item:Categories'],
}
const FREE_TEXT = ['item:Subject', 'item:Body', ...TEXT_PROPERTIES.participants!]
const BOOLEAN_PROPERTIES: Record<string, string> = {
  hasattachment: 'item:HasAttachments',
  hasattachments: 'item:HasAttachments',
  isread: 'message:IsRead',
}
const DATE_PROPERTIES: Record<string, string> = {
  received: 'item:DateTimeReceived',
  sent: 'item:DateTimeSent',
}
const IMPORTANCE: Record<string, string> = { low: 'Low', normal: 'Normal', high: 'High' }
const DAY = 86_400_000

/**
 * The restriction `query` stands for, undefined for an empty query (every item). `now` (the
 * virtual clock) dates today, yesterday and the like, in UTC. A query longer than the constant
 * limit or nested deeper than the node limit is refused with ErrorRestrictionTooLong, as a
 * restriction of that size is; the translated tree is checked by checkRestrictionSize.
 */
export function parseQueryString(
  query: string,
  now: Date,
  limits: Pick<RequestLimits, 'maxRestrictionNodes' | 'maxConstantLength'>,
): Restriction | undefined {
  if (query.length > limits.maxConstantLength) {
    throw new EwsError(
      'ErrorRestrictionTooLong',
      `The query string is ${query.length} characters long; at most ${limits.maxConstantLength} are allowed.`,
    )
  }
  const tokens = tokenize(query)
  let at = 0
  let depth = 0
  // Nesting (parentheses, NOT) is bounded before it is followed: no deep recursion.
  const deeper = (): void => {
    if (++depth > limits.maxRestrictionNodes) {
      throw new EwsError(
        'ErrorRestrictionTooLong',
        `The query string nests more than ${limits.maxRestrictionNodes} expressions.`,
      )
    }
  }
  const peekWord = (w: string): boolean => {
    const t = tokens[at]
    return t?.kind === 'word' && !t.quoted && t.text === w && at + 1 < tokens.length
  }
  // `scope`: the property of an enclosing `prop:( ... )`, applied to the terms that name none.
  const or = (scope?: string): Restriction | undefined => {
    const parts = [and(scope)]
    while (peekWord('OR')) {
      at++
      parts.push(and(scope))
    }
    return join('Or', parts)
  }
  const and = (scope?: string): Restriction | undefined => {
    const parts = [unary(scope)]
    for (;;) {
      const t = tokens[at]
      if (!t || t.kind === ')' || peekWord('OR')) break
      if (peekWord('AND')) at++
      parts.push(unary(scope))
    }
    return join('And', parts)
  }
  const unary = (scope?: string): Restriction | undefined => {
    const t = tokens[at++]
    if (!t) return undefined
    if (t.kind === ')') return undefined // an unmatched ")" is ignored
    if (t.kind === '(') {
      deeper()
      const inner = or(scope)
      if (tokens[at]?.kind === ')') at++ // a missing ")" is closed at the end
      depth--
      return inner
    }
    if (!t.quoted && t.text === 'NOT' && at < tokens.length) {
      deeper()
      const operand = unary(scope)
      depth--
      return operand && { op: 'Not', child: operand }
    }
    const grouped = /^([a-z]+):$/i.exec(t.text)
    if (!t.quoted && grouped && tokens[at]?.kind === '(') return unary(grouped[1]!.toLowerCase())
    return term(t.text, t.quoted, now, scope)
  }
  const parts: (Restriction | undefined)[] = []
  while (at < tokens.length) parts.push(or())
  return join('And', parts)
}

function join(op: 'And' | 'Or', parts: (Restriction | undefined)[]): Restriction | undefined {
  const present = parts.filter((p): p is Restriction => p !== undefined)
  if (present.length <= 1) return present[0]
  return { op, children: present }
}

/** Words, quoted phrases and parentheses; `prop:"a phrase"` is one word. */
function tokenize(query: string): Token[] {
  const tokens: Token[] = []
  const re = /\s*(?:([()])|"([^"]*)"?|((?:[^\s()"]+:)?"[^"]*"?|[^\s()"]+))/gy
  for (let m = re.exec(query); m && m[0] !== ''; m = re.exec(query)) {
    if (m[1]) tokens.push({ kind: m[1] === '(' ? '(' : ')' })
    else if (m[2] !== undefined) tokens.push({ kind: 'word', text: m[2], quoted: true })
    else tokens.push({ kind: 'word', text: m[3]!, quoted: false })
  }
  return tokens
}

/** One term: a property restriction when it reads as one, free text otherwise. */
function term(
  text: string,
  quoted: boolean,
  now: Date,
  scope: string | undefined,
): Restriction | undefined {
  const colon = quoted ? -1 : text.indexOf(':')
  if (colon > 0) {
    const name = text.slice(0, colon).toLowerCase()
    const raw = text.slice(colon + 1)
    const isPhrase = raw.startsWith('"')
    const value = isPhrase ? raw.replace(/^"|"$/g, '') : raw
    const r = property(name, value, isPhrase, now)
    if (r) return r
  }
  return (scope && property(scope, text, quoted, now)) || textMatch(FREE_TEXT, text, quoted)
}

function property(
  name: string,
  value: string,
  isPhrase: boolean,
  now: Date,
): Restriction | undefined {
  if (value === '') return undefined
  const fields = TEXT_PROPERTIES[name]
  if (fields) return textMatch(fields, value, isPhrase)
  const flag = BOOLEAN_PROPERTIES[name]
  if (flag && /^(true|false)$/i.test(value)) return equal(flag, value.toLowerCase())
  if (name === 'importance' && IMPORTANCE[value.toLowerCase()])
    return equal('item:Importance', IMPORTANCE[value.toLowerCase()]!)
  const date = DATE_PROPERTIES[name]
  if (date) return dateRestriction(date, value, now)
  if (name === 'size') return sizeRestriction(value)
  return undefined
}

function textMatch(fields: string[], value: string, phrase: boolean): Restriction | undefined {
  const needle = value.trim()
  if (needle === '') return undefined
  const mode = phrase || /\s/.test(needle) ? 'Substring' : 'PrefixOnWords'
  return join(
    'Or',
    fields.map((field) => ({ op: 'Contains', field, value: needle, mode, ignoreCase: true })),
  )
}

function equal(field: string, constant: string): Restriction {
  return { op: 'IsEqualTo', field, operand: { constant } }
}

function compare(op: Comparison, field: string, at: Date): Restriction {
  return { op, field, operand: { constant: at.toISOString() } }
}

/** `size:` in bytes: `n`, `>n`, `>=n`, `<n`, `<=n` or a range `a..b` (both included). */
function sizeRestriction(value: string): Restriction | undefined {
  const size = (n: string, op: Comparison): Restriction | undefined =>
    /^\d+$/.test(n) ? { op, field: 'item:Size', operand: { constant: n } } : undefined
  const cmp = /^(>=|<=|>|<|=)?(\d+)$/.exec(value)
  if (cmp) return size(cmp[2]!, SIZE_OPS[cmp[1] ?? '=']!)
  const [from, to, ...rest] = value.split('..')
  const low = size(from ?? '', 'IsGreaterThanOrEqualTo')
  const high = size(to ?? '', 'IsLessThanOrEqualTo')
  return low && high && rest.length === 0 ? { op: 'And', children: [low, high] } : undefined
}

const SIZE_OPS: Record<string, Comparison> = {
  '=': 'IsEqualTo',
  '>': 'IsGreaterThan',
  '>=': 'IsGreaterThanOrEqualTo',
  '<': 'IsLessThan',
  '<=': 'IsLessThanOrEqualTo',
}

/**
 * `received:` and `sent:` values: a day or a relative period (its whole span), `>`, `>=`, `<`,
 * `<=` a day, or a range `a..b` (both days included). A value that is not a date: undefined.
 */
function dateRestriction(field: string, value: string, now: Date): Restriction | undefined {
  const cmp = /^(>=|<=|>|<)(.*)$/.exec(value)
  if (cmp) {
    const span = period(cmp[2]!, now)
    if (!span) return undefined
    switch (cmp[1]) {
      case '>':
        return compare('IsGreaterThanOrEqualTo', field, span[1])
      case '>=':
        return compare('IsGreaterThanOrEqualTo', field, span[0])
      case '<':
        return compare('IsLessThan', field, span[0])
      default:
        return compare('IsLessThan', field, span[1])
    }
  }
  const range = value.split('..')
  const from = period(range[0]!, now)
  const to = range.length === 2 ? period(range[1]!, now) : range.length === 1 ? from : undefined
  if (!from || !to) return undefined
  return {
    op: 'And',
    children: [
      compare('IsGreaterThanOrEqualTo', field, from[0]),
      compare('IsLessThan', field, to[1]),
    ],
  }
}

/** The span [start, end) a date value names, in UTC: a day (ISO or M/D/YYYY) or a period. */
function period(value: string, now: Date): [Date, Date] | undefined {
  const v = value.toLowerCase()
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate())
  const days = (start: number, n: number): [Date, Date] => [
    new Date(start),
    new Date(start + n * DAY),
  ]
  const weekStart = today - now.getUTCDay() * DAY // weeks start on Sunday
  const monthStart = (delta: number): number =>
    Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + delta, 1)
  switch (v) {
    case 'today':
      return days(today, 1)
    case 'yesterday':
      return days(today - DAY, 1)
    case 'this week':
      return days(weekStart, 7)
    case 'last week':
      return days(weekStart - 7 * DAY, 7)
    case 'this month':
      return [new Date(monthStart(0)), new Date(monthStart(1))]
    case 'last month':
      return [new Date(monthStart(-1)), new Date(monthStart(0))]
  }
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(v)
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(v)
  const [y, m, d] = iso ? [iso[1], iso[2], iso[3]] : us ? [us[3], us[1], us[2]] : []
  if (!y) return undefined
  const start = Date.UTC(Number(y), Number(m) - 1, Number(d))
  const check = new Date(start)
  if (check.getUTCMonth() !== Number(m) - 1 || check.getUTCDate() !== Number(d)) return undefined
  return days(start, 1)
}
