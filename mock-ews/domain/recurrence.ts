/**
 * Recurrence as EWS states it (t:RecurrenceType: a pattern and a range) and its expansion into
 * occurrence dates. Dates are civil day numbers (days since 1970-01-01); an occurrence's time of
 * day is the master's, in the master's time zone. A small expander rather than ical.js: the six
 * EWS patterns are a closed set, and times need the Windows zone mapping anyway (decision 0049).
 */
import { EwsError } from './errors.ts'

export const DAY_NAMES = [
  'Sunday',
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
] as const
/** Relative patterns also take Day, Weekday and WeekendDay. */
export type DaySpec = number | 'Day' | 'Weekday' | 'WeekendDay'

export type Pattern =
  | { kind: 'Daily'; interval: number }
  | { kind: 'Weekly'; interval: number; days: readonly number[]; firstDayOfWeek: number }
  | { kind: 'AbsoluteMonthly'; interval: number; dayOfMonth: number }
  | { kind: 'RelativeMonthly'; interval: number; day: DaySpec; index: number }
  | { kind: 'AbsoluteYearly'; month: number; dayOfMonth: number }
  | { kind: 'RelativeYearly'; month: number; day: DaySpec; index: number }

export type Range =
  | { kind: 'NoEnd'; startDate: number }
  | { kind: 'EndDate'; startDate: number; endDate: number }
  | { kind: 'Numbered'; startDate: number; count: number }

export interface Recurrence {
  readonly pattern: Pattern
  readonly range: Range
}

/** Outlook's limits: an interval and a count of at most 999. */
export const MAX_INTERVAL = 999
export const MAX_COUNT = 999
/** Periods (days, weeks, months, years) one expansion may walk before it is refused. */
const MAX_PERIODS = 20_000

export function invalidRecurrence(why: string): EwsError {
  return new EwsError('ErrorCalendarInvalidRecurrence', why)
}

export const dayNumber = (y: number, m: number, d: number): number =>
  Math.floor(Date.UTC(y, m - 1, d) / 86_400_000)
const civil = (day: number): Date => new Date(day * 86_400_000)
const weekday = (day: number): number => (((day + 4) % 7) + 7) % 7 // 1970-01-01 was a Thursday
const daysIn = (y: number, m: number): number => new Date(Date.UTC(y, m, 0)).getUTCDate()

function matches(spec: DaySpec, day: number): boolean {
  const w = weekday(day)
  if (spec === 'Day') return true
  if (spec === 'Weekday') return w >= 1 && w <= 5
  if (spec === 'WeekendDay') return w === 0 || w === 6
  return w === spec
}

/** The index-th (1–4, -1 last) day of a month matching spec. */
function nthInMonth(y: number, m: number, spec: DaySpec, index: number): number {
  const first = dayNumber(y, m, 1)
  const n = daysIn(y, m)
  const hits: number[] = []
  for (let d = 0; d < n; d++) if (matches(spec, first + d)) hits.push(first + d)
  return index < 0 ? hits[hits.length - 1]! : hits[Math.min(index, hits.length) - 1]!
}

/** The candidate days of period k (in order), before the range and start date are applied. */
function period(p: Pattern, start: number, k: number): number[] {
  const s = civil(start)
  const y0 = s.getUTCFullYear()
  const m0 = s.getUTCMonth() + 1
  switch (p.kind) {
    case 'Daily':
      return [start + k * p.interval]
    case 'Weekly': {
      const anchor = start - ((weekday(start) - p.firstDayOfWeek + 7) % 7) + k * 7 * p.interval
      return [...p.days].map((d) => anchor + ((d - p.firstDayOfWeek + 7) % 7)).sort((a, b) => a - b)
    }
    case 'AbsoluteMonthly':
    case 'RelativeMonthly': {
      const months = m0 - 1 + k * p.interval
      const y = y0 + Math.floor(months / 12)
      const m = (months % 12) + 1
      return [
        p.kind === 'AbsoluteMonthly'
          ? dayNumber(y, m, Math.min(p.dayOfMonth, daysIn(y, m)))
          : nthInMonth(y, m, p.day, p.index),
      ]
    }
    case 'AbsoluteYearly':
      return [dayNumber(y0 + k, p.month, Math.min(p.dayOfMonth, daysIn(y0 + k, p.month)))]
    case 'RelativeYearly':
      return [nthInMonth(y0 + k, p.month, p.day, p.index)]
  }
}

/** One occurrence: its 1-based index in the series and its day. */
export interface OccurrenceDay {
  index: number
  day: number
}

/**
 * The occurrence days of a recurrence up to `untilDay` (inclusive) or the `maxIndex`-th, in order. ErrorCalendarOutOfRange
 * when the walk would pass MAX_PERIODS (a series that far is not expanded).
 */
export function occurrenceDays(
  r: Recurrence,
  untilDay: number,
  maxIndex = Infinity,
): OccurrenceDay[] {
  const out: OccurrenceDay[] = []
  const { range } = r
  const last = range.kind === 'EndDate' ? Math.min(range.endDate, untilDay) : untilDay
  let index = 0
  for (let k = 0; ; k++) {
    if (k > MAX_PERIODS)
      throw new EwsError(
        'ErrorCalendarOutOfRange',
        'The recurrence is too long for mock-ews to expand over this range.',
      )
    const days = period(r.pattern, range.startDate, k)
    if (days[0]! > last) return out
    for (const day of days) {
      if (day < range.startDate) continue
      if (day > last) return out
      index++
      out.push({ index, day })
      if ((range.kind === 'Numbered' && index >= range.count) || index >= maxIndex) return out
    }
  }
}
