/**
 * The availability service's own time zone (types.xsd SerializableTimeZone, the `t:TimeZone` of
 * GetUserAvailabilityRequest and of WorkingHours): a standard bias and one yearly rule each way,
 * as Windows' TIME_ZONE_INFORMATION states it. Bias is minutes *west* (UTC = local + bias).
 */
import type { ZoneRule, ZoneTransition } from './time-zones.ts'

export interface LegacyTransition {
  /** Added to the zone's bias while this period runs (daylight: usually -60). */
  readonly bias: number
  /** Local time of the change, `hh:mm:ss`. */
  readonly time: string
  /** 1–4: the nth DayOfWeek of the month; 5: the last. With `year`: the day of the month. */
  readonly dayOrder: number
  /** 1–12; 0: no transitions (the zone keeps its standard bias all year). */
  readonly month: number
  readonly dayOfWeek: string
  /** An absolute rule: only that year. */
  readonly year?: string
}

export interface LegacyTimeZone {
  readonly bias: number
  readonly standard: LegacyTransition
  readonly daylight: LegacyTransition
}

/** Offset from UTC (minutes east) at an instant, or of a wall-clock time read as UTC. */
export type OffsetAt = (ms: number) => number

const MINUTE = 60_000
const DAY = 86_400_000
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday']

const NO_CHANGE: LegacyTransition = {
  bias: 0,
  time: '00:00:00',
  dayOrder: 0,
  month: 0,
  dayOfWeek: 'Sunday',
}

/** UTC all year (bias 0, no transitions): mock-ews' mailboxes' zone (docs/decisions/0062). */
export const UTC_LEGACY: LegacyTimeZone = { bias: 0, standard: NO_CHANGE, daylight: NO_CHANGE }

/** The zone's offset (minutes east of UTC) at an instant. */
export function legacyOffsetAt(zone: LegacyTimeZone, ms: number): number {
  const standard = -(zone.bias + zone.standard.bias)
  const daylight = -(zone.bias + zone.daylight.bias)
  if (zone.standard.month === 0 || zone.daylight.month === 0) return standard
  const year = new Date(ms + standard * MINUTE).getUTCFullYear()
  // Each change happens at its local time, read in the period it ends.
  const toDaylight = changeAt(zone.daylight, year)
  const toStandard = changeAt(zone.standard, year)
  if (toDaylight === undefined || toStandard === undefined) return standard
  const start = toDaylight - standard * MINUTE
  const end = toStandard - daylight * MINUTE
  const inDaylight = start < end ? ms >= start && ms < end : ms >= start || ms < end
  return inDaylight ? daylight : standard
}

/** The wall-clock instant (as if UTC) of a transition in a year; undefined for another year's rule. */
function changeAt(t: LegacyTransition, year: number): number | undefined {
  const [h = 0, m = 0, s = 0] = t.time.split(':').map(Number)
  const time = ((h * 60 + m) * 60 + s) * 1000
  if (t.year !== undefined && t.year !== '') {
    if (Number(t.year) !== year) return undefined
    return Date.UTC(year, t.month - 1, t.dayOrder) + time
  }
  const weekday = Math.max(0, WEEKDAYS.indexOf(t.dayOfWeek))
  const first = Date.UTC(year, t.month - 1, 1)
  const firstMatch = first + ((weekday - new Date(first).getUTCDay() + 7) % 7) * DAY
  let day = firstMatch + (Math.min(Math.max(t.dayOrder, 1), 5) - 1) * 7 * DAY
  // The fifth (last) one may fall in the next month: step back a week.
  while (new Date(day).getUTCMonth() !== t.month - 1) day -= 7 * DAY
  return day + time
}

/** The instant of a wall-clock time (given as if UTC) in a zone known by its offsets. */
export function wallToUtc(offsetAt: OffsetAt, wall: number): number {
  let guess = wall - offsetAt(wall) * MINUTE
  guess = wall - offsetAt(guess) * MINUTE
  return guess
}

/** An instant as the zone's wall clock, `yyyy-mm-ddThh:mm:ss` without an offset (as Exchange writes it). */
export function localText(offsetAt: OffsetAt, ms: number): string {
  return new Date(ms + offsetAt(ms) * MINUTE).toISOString().slice(0, 19)
}

/** A Windows zone's rule in a year (time-zones.ts zoneRule) as a SerializableTimeZone. */
export function legacyZoneOf(rule: ZoneRule): LegacyTimeZone {
  const bias = -rule.standard
  const d = rule.daylight
  const toStandard = d?.transitions.find((t) => t.to === 'Standard')
  const toDaylight = d?.transitions.find((t) => t.to === 'Daylight')
  if (!d || !toStandard || !toDaylight) return { ...UTC_LEGACY, bias }
  return {
    bias,
    standard: legacyTransition(toStandard, 0),
    daylight: legacyTransition(toDaylight, -(d.offset - rule.standard)),
  }
}

function legacyTransition(t: ZoneTransition, bias: number): LegacyTransition {
  const hh = String(Math.floor(t.timeOfDay / 60)).padStart(2, '0')
  const mm = String(t.timeOfDay % 60).padStart(2, '0')
  return {
    bias,
    time: `${hh}:${mm}:00`,
    dayOrder: t.occurrence === -1 ? 5 : t.occurrence,
    month: t.month,
    dayOfWeek: WEEKDAYS[t.dayOfWeek]!,
  }
}
