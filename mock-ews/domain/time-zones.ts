/**
 * Time zones as EWS names them (Windows ids, e.g. "W. Europe Standard Time"), computed with Node's
 * Intl from the IANA zone CLDR maps each id to (windows-zones.ts). What a zone does in a year (its
 * standard and daylight offsets and the rule of each change) is derived by probing Intl; see
 * docs/decisions/0048.
 */
import { EwsError } from './errors.ts'
import { WINDOWS_ZONES } from './windows-zones.ts'

export const UTC_ZONE = 'UTC'
const MINUTE = 60_000
const WEEK = 7 * 86_400_000

/** Every Windows id mock-ews knows, sorted as GetServerTimeZones lists them. */
export function windowsZoneIds(): string[] {
  return Object.keys(WINDOWS_ZONES).sort()
}

export function isWindowsZone(id: string): boolean {
  return Object.hasOwn(WINDOWS_ZONES, id)
}

/** The IANA zone of a Windows id; ErrorTimeZone for one mock-ews does not know. */
export function ianaOf(windowsId: string): string {
  if (!isWindowsZone(windowsId))
    throw new EwsError('ErrorTimeZone', `The time zone '${windowsId}' is not a valid time zone id.`)
  return WINDOWS_ZONES[windowsId]!
}

const FORMATS = new Map<string, Intl.DateTimeFormat>()

/** The zone's offset from UTC at an instant, in minutes (east positive). */
export function offsetAt(iana: string, ms: number): number {
  let f = FORMATS.get(iana)
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: iana,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    })
    FORMATS.set(iana, f)
  }
  const p: Record<string, number> = {}
  for (const part of f.formatToParts(ms)) if (part.type !== 'literal') p[part.type] = +part.value
  const local = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!)
  return Math.round((local - (ms - (ms % MINUTE))) / MINUTE)
}

/** The instant a wall-clock time (given as if it were UTC) has in a zone. */
export function wallClockToUtc(iana: string, wall: number): number {
  let guess = wall - offsetAt(iana, wall) * MINUTE
  guess = wall - offsetAt(iana, guess) * MINUTE
  return guess
}

/** One change between standard and daylight time, as a Windows rule states it. */
export interface ZoneTransition {
  to: 'Standard' | 'Daylight'
  /** Local time of day of the change (in the offset before it), in minutes. */
  timeOfDay: number
  month: number
  /** 0 = Sunday. */
  dayOfWeek: number
  /** 1–4, or -1 for the last such weekday of the month. */
  occurrence: number
}

/** A zone's rule in one year: standard offset (minutes), and daylight offset and changes if any. */
export interface ZoneRule {
  standard: number
  daylight?: { offset: number; transitions: ZoneTransition[] }
}

const RULES = new Map<string, ZoneRule>()

/** The zone's rule in a year, found by probing each day's offset (cached per zone and year). */
export function zoneRule(iana: string, year: number): ZoneRule {
  const key = `${iana}/${year}`
  const cached = RULES.get(key)
  if (cached) return cached
  const start = Date.UTC(year, 0, 1)
  const changes: { at: number; before: number; after: number }[] = []
  let prev = offsetAt(iana, start)
  const end = Date.UTC(year + 1, 0, 1)
  // Weekly probes: no zone changes its offset twice within a week.
  for (let t = start + WEEK; t < end + WEEK; t += WEEK) {
    const now = offsetAt(iana, Math.min(t, end))
    if (now !== prev) {
      let lo = t - WEEK
      let hi = Math.min(t, end)
      while (hi - lo > MINUTE) {
        const mid = lo + Math.floor((hi - lo) / 2 / MINUTE) * MINUTE
        if (offsetAt(iana, mid) === prev) lo = mid
        else hi = mid
      }
      changes.push({ at: hi, before: prev, after: now })
      prev = now
    }
  }
  const offsets = [offsetAt(iana, start), ...changes.map((c) => c.after)]
  const standard = Math.min(...offsets)
  const rule: ZoneRule =
    changes.length === 2 && Math.max(...offsets) !== standard
      ? {
          standard,
          daylight: {
            offset: Math.max(...offsets),
            transitions: changes.map((c) => transition(c, standard)),
          },
        }
      : { standard: offsetAt(iana, Date.UTC(year, 6, 1)) }
  RULES.set(key, rule)
  return rule
}

function transition(c: { at: number; before: number; after: number }, standard: number) {
  const local = new Date(c.at + c.before * MINUTE)
  const date = local.getUTCDate()
  const daysInMonth = new Date(
    Date.UTC(local.getUTCFullYear(), local.getUTCMonth() + 1, 0),
  ).getUTCDate()
  return {
    to: c.after === standard ? 'Standard' : 'Daylight',
    timeOfDay: Math.round(
      (c.at + c.before * MINUTE - Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), date)) /
        MINUTE,
    ),
    month: local.getUTCMonth() + 1,
    dayOfWeek: local.getUTCDay(),
    occurrence: date + 7 > daysInMonth ? -1 : Math.ceil(date / 7),
  } satisfies ZoneTransition
}

/** Exchange's display name form: "(UTC+01:00) <id>" (the standard offset). */
export function zoneDisplayName(windowsId: string, year: number): string {
  const m = zoneRule(ianaOf(windowsId), year).standard
  if (windowsId === 'UTC') return '(UTC) Coordinated Universal Time'
  const sign = m < 0 ? '-' : '+'
  const a = Math.abs(m)
  const hh = String(Math.floor(a / 60)).padStart(2, '0')
  return `(UTC${sign}${hh}:${String(a % 60).padStart(2, '0')}) ${windowsId}`
}

/** xs:duration of minutes as Exchange writes a bias: "-PT60M", "PT0M", "PT2H". */
export function durationMinutes(m: number): string {
  return `${m < 0 ? '-' : ''}PT${Math.abs(m)}M`
}
