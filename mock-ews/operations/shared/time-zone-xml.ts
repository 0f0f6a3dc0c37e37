/**
 * Time zones in XML: t:TimeZoneDefinition (Exchange 2010 on: StartTimeZone, EndTimeZone,
 * TimeZoneContext, GetServerTimeZones) and t:MeetingTimeZone (Exchange 2007), written from a
 * Windows id and the zone's rule in a year (domain/time-zones.ts). Requests name a zone by its Id
 * (2010 on) or TimeZoneName (2007); a definition's own periods are not read: the id says them.
 */
import type { Element } from '../../soap/xml-tree.ts'
import type { XmlElement } from '../../soap/xml-writer.ts'
import { EwsError } from '../../domain/errors.ts'
import {
  durationMinutes,
  ianaOf,
  isWindowsZone,
  zoneDisplayName,
  zoneRule,
} from '../../domain/time-zones.ts'
import type { ZoneTransition } from '../../domain/time-zones.ts'
import { attr, child, text } from '../../soap/dom.ts'
import { NS } from '../../soap/namespaces.ts'

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday']
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
const INDEX = ['First', 'Second', 'Third', 'Fourth']

/** The Windows id of a t:TimeZoneDefinitionType element (StartTimeZone, TimeZoneContext's). */
export function readTimeZoneId(el: Element): string {
  const id = attr(el, 'Id')?.trim()
  if (!id)
    throw new EwsError(
      'ErrorTimeZone',
      `${el.localName} needs the Id of a time zone (GetServerTimeZones lists them).`,
    )
  ianaOf(id)
  return id
}

/**
 * The Windows id of an Exchange 2007 t:MeetingTimeZone: its TimeZoneName, or UTC for a zone with
 * no name, no daylight time and a zero BaseOffset. Any other unnamed zone is refused, naming it.
 */
export function readMeetingTimeZone(el: Element): string {
  const name = attr(el, 'TimeZoneName')?.trim()
  if (name && isWindowsZone(name)) return name
  const base = text(child(el, 't', 'BaseOffset'))?.trim()
  if (!name && !child(el, 't', 'Standard') && (!base || /^-?PT0+[HMS]?$/.test(base))) return 'UTC'
  throw new EwsError(
    'ErrorTimeZone',
    `mock-ews takes a MeetingTimeZone by its TimeZoneName (a Windows time zone id), not '${name ?? base ?? ''}'.`,
  )
}

const periodId = (id: string, year: number, kind: string): string =>
  `trule:Microsoft/Registry/${id}/${year}-${kind}`

/** `<t:{element} Id Name>` with its periods, transition group and transitions when `full`. */
export function renderTimeZoneDefinition(
  parent: XmlElement,
  element: string,
  id: string,
  year: number,
  full = true,
): void {
  const el = parent.ele(NS.t, `t:${element}`).att('Id', id).att('Name', zoneDisplayName(id, year))
  if (!full) return
  const rule = zoneRule(ianaOf(id), year)
  const periods = el.ele(NS.t, 't:Periods')
  const period = (kind: 'Standard' | 'Daylight', offset: number): void => {
    periods
      .ele(NS.t, 't:Period')
      .att('Bias', durationMinutes(-offset))
      .att('Name', kind)
      .att('Id', periodId(id, year, kind))
  }
  period('Standard', rule.standard)
  if (rule.daylight) period('Daylight', rule.daylight.offset)
  const group = el.ele(NS.t, 't:TransitionsGroups').ele(NS.t, 't:TransitionsGroup').att('Id', '0')
  if (!rule.daylight) {
    const t = group.ele(NS.t, 't:Transition')
    t.ele(NS.t, 't:To')
      .att('Kind', 'Period')
      .txt(periodId(id, year, 'Standard'))
  }
  for (const tr of rule.daylight?.transitions ?? []) {
    const t = group.ele(NS.t, 't:RecurringDayTransition')
    t.ele(NS.t, 't:To')
      .att('Kind', 'Period')
      .txt(periodId(id, year, tr.to))
    t.ele(NS.t, 't:TimeOffset').txt(durationMinutes(tr.timeOfDay))
    t.ele(NS.t, 't:Month').txt(String(tr.month))
    t.ele(NS.t, 't:DayOfWeek').txt(DAYS[tr.dayOfWeek]!)
    t.ele(NS.t, 't:Occurrence').txt(String(tr.occurrence))
  }
  el.ele(NS.t, 't:Transitions')
    .ele(NS.t, 't:Transition')
    .ele(NS.t, 't:To')
    .att('Kind', 'Group')
    .txt('0')
}

/** Exchange 2007's `<t:MeetingTimeZone TimeZoneName>` with BaseOffset and its Standard/Daylight changes. */
export function renderMeetingTimeZone(parent: XmlElement, id: string, year: number): void {
  const rule = zoneRule(ianaOf(id), year)
  const el = parent.ele(NS.t, 't:MeetingTimeZone').att('TimeZoneName', id)
  el.ele(NS.t, 't:BaseOffset').txt(durationMinutes(-rule.standard))
  if (!rule.daylight) return
  const change = (tr: ZoneTransition | undefined, offset: number, kind: string): void => {
    if (!tr) return
    const c = el.ele(NS.t, `t:${kind}`)
    c.ele(NS.t, 't:Offset').txt(durationMinutes(offset))
    const r = c.ele(NS.t, 't:RelativeYearlyRecurrence')
    r.ele(NS.t, 't:DaysOfWeek').txt(DAYS[tr.dayOfWeek]!)
    r.ele(NS.t, 't:DayOfWeekIndex').txt(tr.occurrence < 0 ? 'Last' : INDEX[tr.occurrence - 1]!)
    r.ele(NS.t, 't:Month').txt(MONTHS[tr.month - 1]!)
    const h = Math.floor(tr.timeOfDay / 60)
    c.ele(NS.t, 't:Time').txt(
      `${String(h).padStart(2, '0')}:${String(tr.timeOfDay % 60).padStart(2, '0')}:00`,
    )
  }
  const find = (to: string) => rule.daylight!.transitions.find((t) => t.to === to)
  change(find('Standard'), 0, 'Standard')
  change(find('Daylight'), rule.standard - rule.daylight.offset, 'Daylight')
}
