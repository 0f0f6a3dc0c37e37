/**
 * Reads the calendar properties a client writes into a `t:CalendarItem` (CreateItem, UpdateItem's
 * SetItemField), besides every item's (message-xml.ts). Times without an offset are wall-clock
 * times in the item's StartTimeZone, else the request's TimeZoneContext, else UTC (decision 0048).
 */
import type { Element } from '../../soap/xml-tree.ts'
import { EwsError } from '../../domain/errors.ts'
import { FREE_BUSY, RESPONSE_TYPES } from '../../domain/calendar.ts'
import type { Attendee, CalendarFields } from '../../domain/calendar.ts'
import { ianaOf, wallClockToUtc } from '../../domain/time-zones.ts'
import { child, childElements, schemaError, text } from '../../soap/dom.ts'
import { NS } from '../../soap/namespaces.ts'
import { CALENDAR_ELEMENTS } from './calendar-elements.ts'
import { readBoolean, readMailbox, readMessage } from './message-xml.ts'
import type { MessageValues } from './message-xml.ts'
import { readMeetingTimeZone, readTimeZoneId } from './time-zone-xml.ts'
import { readRecurrence } from './recurrence-xml.ts'

/** An xs:dateTime as written: its instant if it has an offset, else its wall-clock time (as UTC). */
export interface WrittenTime {
  ms: number
  local: boolean
}

/** What a `t:CalendarItem` writes of the calendar's own fields (times not yet resolved). */
export type CalendarValues = Partial<Omit<CalendarFields, 'start' | 'end'>> & {
  start?: WrittenTime
  end?: WrittenTime
}

export interface CalendarItemValues extends MessageValues {
  calendarValues: CalendarValues
}

/** The calendar properties UpdateItem sets by FieldURI (each to its CalendarFields key). */
export const CALENDAR_WRITABLE = {
  'calendar:UID': 'uid',
  'calendar:Start': 'start',
  'calendar:End': 'end',
  'calendar:IsAllDayEvent': 'isAllDayEvent',
  'calendar:LegacyFreeBusyStatus': 'freeBusy',
  'calendar:Location': 'location',
  'calendar:IsResponseRequested': 'isResponseRequested',
  'calendar:RequiredAttendees': 'requiredAttendees',
  'calendar:OptionalAttendees': 'optionalAttendees',
  'calendar:Resources': 'resources',
  'calendar:AllowNewTimeProposal': 'allowNewTimeProposal',
  'calendar:StartTimeZone': 'startTimeZone',
  'calendar:EndTimeZone': 'endTimeZone',
  'calendar:MeetingTimeZone': 'startTimeZone',
  'calendar:StartTimeZoneId': 'startTimeZone',
  'calendar:EndTimeZoneId': 'endTimeZone',
  'calendar:Recurrence': 'recurrence',
} as const satisfies Record<string, keyof CalendarValues>

/** Reads a `t:CalendarItem`: every item's properties, and the calendar's. */
export function readCalendarItem(el: Element): CalendarItemValues {
  const values = readMessage(el, undefined, { elements: CALENDAR_ELEMENTS, prefix: 'calendar' })
  const c: { -readonly [K in keyof CalendarValues]: CalendarValues[K] } = {}
  const str = (name: string): string | undefined => text(child(el, 't', name))
  const uid = str('UID')?.trim()
  if (uid !== undefined) c.uid = uid
  for (const name of ['Start', 'End'] as const) {
    const v = str(name)
    if (v !== undefined) c[name === 'Start' ? 'start' : 'end'] = readTime(name, v)
  }
  for (const [name, key] of [
    ['IsAllDayEvent', 'isAllDayEvent'],
    ['IsResponseRequested', 'isResponseRequested'],
    ['AllowNewTimeProposal', 'allowNewTimeProposal'],
  ] as const) {
    const v = str(name)
    if (v !== undefined) c[key] = readBoolean(name, v)
  }
  const freeBusy = str('LegacyFreeBusyStatus')?.trim()
  if (freeBusy !== undefined) c.freeBusy = oneOf('LegacyFreeBusyStatus', freeBusy, FREE_BUSY)
  const location = str('Location')
  if (location !== undefined) c.location = location
  for (const [name, key] of [
    ['RequiredAttendees', 'requiredAttendees'],
    ['OptionalAttendees', 'optionalAttendees'],
    ['Resources', 'resources'],
  ] as const) {
    const list = child(el, 't', name)
    if (list) c[key] = childElements(list, NS.t, 'Attendee').map(readAttendee)
  }
  const recurrence = child(el, 't', 'Recurrence')
  if (recurrence) c.recurrence = readRecurrence(recurrence)
  const meeting = child(el, 't', 'MeetingTimeZone')
  if (meeting) c.startTimeZone = c.endTimeZone = readMeetingTimeZone(meeting)
  for (const [name, key] of [
    ['StartTimeZone', 'startTimeZone'],
    ['EndTimeZone', 'endTimeZone'],
  ] as const) {
    const z = child(el, 't', name)
    if (z) c[key] = readTimeZoneId(z)
  }
  for (const [name, key] of [
    ['StartTimeZoneId', 'startTimeZone'],
    ['EndTimeZoneId', 'endTimeZone'],
  ] as const) {
    const id = str(name)?.trim()
    if (id !== undefined) {
      ianaOf(id)
      c[key] = id
    }
  }
  return { ...values, calendarValues: c }
}

function readAttendee(el: Element): Attendee {
  for (const part of childElements(el, NS.t)) {
    const name = part.localName ?? ''
    if (!['Mailbox', 'ResponseType', 'LastResponseTime'].includes(name))
      throw new EwsError(
        'ErrorInvalidPropertySet',
        `mock-ews does not store an attendee's ${name} yet; it is refused rather than dropped.`,
      )
  }
  const mailbox = child(el, 't', 'Mailbox')
  if (!mailbox) throw schemaError("An 'Attendee' needs a 't:Mailbox'.")
  const response = text(child(el, 't', 'ResponseType'))?.trim()
  const last = text(child(el, 't', 'LastResponseTime'))?.trim()
  return {
    mailbox: readMailbox(mailbox),
    ...(response ? { responseType: oneOf('ResponseType', response, RESPONSE_TYPES) } : {}),
    ...(last ? { lastResponseTime: utcText('LastResponseTime', last) } : {}),
  }
}

const DATE_TIME = /^(-?\d{4,})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/

/** An xs:dateTime: with an offset, its instant; without, its wall-clock time to be resolved. */
export function readTime(name: string, value: string): WrittenTime {
  const v = value.trim()
  const m = DATE_TIME.exec(v)
  const ms = m ? Date.parse(m[8] ? v : `${v}Z`) : NaN
  if (Number.isNaN(ms)) throw invalid(name, value)
  return { ms, local: !m![8] }
}

/** The instant of a written time, a wall-clock one read in `zone` (a Windows id; absent: UTC). */
export function resolveTime(t: WrittenTime, zone: string | undefined): number {
  return t.local && zone ? wallClockToUtc(ianaOf(zone), t.ms) : t.ms
}

function utcText(name: string, value: string): string {
  return `${new Date(readTime(name, value).ms).toISOString().slice(0, 19)}Z`
}

function oneOf<T extends string>(name: string, value: string, all: readonly T[]): T {
  if (!(all as readonly string[]).includes(value)) throw invalid(name, value)
  return value as T
}

function invalid(name: string, value: string): EwsError {
  return schemaError(
    `The '${name}' element is invalid - The value '${value}' is invalid according to its datatype.`,
  )
}
