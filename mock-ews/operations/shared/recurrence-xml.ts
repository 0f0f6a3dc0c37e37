/** `t:Recurrence` (RecurrenceType: one pattern, one range) read from requests and written back. */
import type { Element } from '../../soap/xml-tree.ts'
import type { XmlElement } from '../../soap/xml-writer.ts'
import {
  DAY_NAMES,
  dayNumber,
  invalidRecurrence,
  MAX_COUNT,
  MAX_INTERVAL,
} from '../../domain/recurrence.ts'
import type { DaySpec, Pattern, Range, Recurrence } from '../../domain/recurrence.ts'
import { child, childElements, schemaError, text } from '../../soap/dom.ts'
import { NS } from '../../soap/namespaces.ts'

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
]
const INDEXES = ['First', 'Second', 'Third', 'Fourth', 'Last']
const PATTERNS = [
  'DailyRecurrence',
  'WeeklyRecurrence',
  'AbsoluteMonthlyRecurrence',
  'RelativeMonthlyRecurrence',
  'AbsoluteYearlyRecurrence',
  'RelativeYearlyRecurrence',
]
const RANGES = ['NoEndRecurrence', 'EndDateRecurrence', 'NumberedRecurrence']

export function readRecurrence(el: Element): Recurrence {
  const parts = childElements(el, NS.t)
  const p = parts.find((e) => PATTERNS.includes(e.localName ?? ''))
  const r = parts.find((e) => RANGES.includes(e.localName ?? ''))
  const other = parts.find((e) => e !== p && e !== r)
  if (other)
    throw invalidRecurrence(
      `mock-ews does not take ${other.localName} in a calendar item's Recurrence (only the six calendar patterns and three ranges).`,
    )
  if (!p || !r) throw schemaError("The element 'Recurrence' needs a pattern and a range.")
  return { pattern: readPattern(p), range: readRange(r) }
}

function str(el: Element, name: string): string {
  const v = text(child(el, 't', name))?.trim()
  if (v === undefined) throw schemaError(`The element '${el.localName}' needs a 't:${name}'.`)
  return v
}

function int(el: Element, name: string, min: number, max: number): number {
  const v = str(el, name)
  const n = /^\d+$/.test(v) ? Number(v) : NaN
  if (!(n >= min && n <= max))
    throw invalidRecurrence(`${el.localName}'s ${name} must be from ${min} to ${max}, not '${v}'.`)
  return n
}

function oneOf(el: Element, name: string, all: readonly string[]): number {
  const v = str(el, name)
  const i = all.indexOf(v)
  if (i < 0)
    throw schemaError(`The value '${v}' of '${name}' is invalid according to its datatype.`)
  return i
}

function daySpec(el: Element): DaySpec {
  const v = str(el, 'DaysOfWeek')
  if (v === 'Day' || v === 'Weekday' || v === 'WeekendDay') return v
  return oneOf(el, 'DaysOfWeek', DAY_NAMES)
}

function readPattern(el: Element): Pattern {
  const interval = (): number => int(el, 'Interval', 1, MAX_INTERVAL)
  const index = (): number => {
    const i = oneOf(el, 'DayOfWeekIndex', INDEXES)
    return i === 4 ? -1 : i + 1
  }
  switch (el.localName) {
    case 'DailyRecurrence':
      return { kind: 'Daily', interval: interval() }
    case 'WeeklyRecurrence': {
      const names = str(el, 'DaysOfWeek').split(/\s+/).filter(Boolean)
      const days = names.map((n) => (DAY_NAMES as readonly string[]).indexOf(n))
      if (days.length === 0 || days.some((d) => d < 0))
        throw invalidRecurrence(
          `WeeklyRecurrence's DaysOfWeek must name days of the week, not '${names.join(' ')}'.`,
        )
      const first = child(el, 't', 'FirstDayOfWeek')
      return {
        kind: 'Weekly',
        interval: interval(),
        days: [...new Set(days)],
        firstDayOfWeek: first ? oneOf(el, 'FirstDayOfWeek', DAY_NAMES) : 0,
      }
    }
    case 'AbsoluteMonthlyRecurrence':
      return {
        kind: 'AbsoluteMonthly',
        interval: interval(),
        dayOfMonth: int(el, 'DayOfMonth', 1, 31),
      }
    case 'RelativeMonthlyRecurrence':
      return { kind: 'RelativeMonthly', interval: interval(), day: daySpec(el), index: index() }
    case 'AbsoluteYearlyRecurrence':
      return {
        kind: 'AbsoluteYearly',
        dayOfMonth: int(el, 'DayOfMonth', 1, 31),
        month: oneOf(el, 'Month', MONTHS) + 1,
      }
    default:
      return {
        kind: 'RelativeYearly',
        day: daySpec(el),
        index: index(),
        month: oneOf(el, 'Month', MONTHS) + 1,
      }
  }
}

/** An xs:date ("2016-07-01", with or without a zone suffix) as a day number. */
function date(el: Element, name: string): number {
  const v = str(el, name)
  const m = /^(\d{4})-(\d{2})-(\d{2})(Z|[+-]\d{2}:\d{2})?$/.exec(v)
  if (!m)
    throw schemaError(
      `The value '${v}' of '${name}' is invalid according to its datatype 'xs:date'.`,
    )
  return dayNumber(+m[1]!, +m[2]!, +m[3]!)
}

function readRange(el: Element): Range {
  const startDate = date(el, 'StartDate')
  if (el.localName === 'NoEndRecurrence') return { kind: 'NoEnd', startDate }
  if (el.localName === 'EndDateRecurrence') {
    const endDate = date(el, 'EndDate')
    if (endDate < startDate)
      throw invalidRecurrence('The EndDate of the recurrence is before its StartDate.')
    return { kind: 'EndDate', startDate, endDate }
  }
  return { kind: 'Numbered', startDate, count: int(el, 'NumberOfOccurrences', 1, MAX_COUNT) }
}

const isoDay = (day: number): string => new Date(day * 86_400_000).toISOString().slice(0, 10)
const dayName = (d: DaySpec): string => (typeof d === 'number' ? DAY_NAMES[d]! : d)
const indexName = (i: number): string => (i < 0 ? 'Last' : INDEXES[i - 1]!)

export function renderRecurrence(parent: XmlElement, r: Recurrence): void {
  const el = parent.ele(NS.t, 't:Recurrence')
  const p = r.pattern
  const pat = el.ele(NS.t, `t:${p.kind}Recurrence`)
  const put = (name: string, v: string | number): void => {
    pat.ele(NS.t, `t:${name}`).txt(String(v))
  }
  switch (p.kind) {
    case 'Daily':
      put('Interval', p.interval)
      break
    case 'Weekly':
      put('Interval', p.interval)
      put('DaysOfWeek', p.days.map((d) => DAY_NAMES[d]).join(' '))
      put('FirstDayOfWeek', DAY_NAMES[p.firstDayOfWeek]!)
      break
    case 'AbsoluteMonthly':
      put('Interval', p.interval)
      put('DayOfMonth', p.dayOfMonth)
      break
    case 'RelativeMonthly':
      put('Interval', p.interval)
      put('DaysOfWeek', dayName(p.day))
      put('DayOfWeekIndex', indexName(p.index))
      break
    case 'AbsoluteYearly':
      put('DayOfMonth', p.dayOfMonth)
      put('Month', MONTHS[p.month - 1]!)
      break
    case 'RelativeYearly':
      put('DaysOfWeek', dayName(p.day))
      put('DayOfWeekIndex', indexName(p.index))
      put('Month', MONTHS[p.month - 1]!)
      break
  }
  const range = r.range
  const rel = el.ele(NS.t, `t:${range.kind}Recurrence`)
  rel.ele(NS.t, 't:StartDate').txt(`${isoDay(range.startDate)}Z`)
  if (range.kind === 'EndDate') rel.ele(NS.t, 't:EndDate').txt(`${isoDay(range.endDate)}Z`)
  if (range.kind === 'Numbered') rel.ele(NS.t, 't:NumberOfOccurrences').txt(String(range.count))
}
