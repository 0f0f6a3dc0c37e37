/**
 * Calendar items (t:CalendarItem): the fields an appointment or meeting has beyond every item's.
 * An item whose `calendar` sub-record is present is a calendar item (docs/decisions/0048).
 */
import type { EmailAddress } from './items.ts'
import type { Recurrence } from './recurrence.ts'
import type { OccurrenceInfo } from './occurrences.ts'

export type FreeBusy = 'Free' | 'Tentative' | 'Busy' | 'OOF' | 'WorkingElsewhere' | 'NoData'
export const FREE_BUSY: readonly FreeBusy[] = [
  'Free',
  'Tentative',
  'Busy',
  'OOF',
  'WorkingElsewhere',
  'NoData',
]
export type ResponseType =
  'Unknown' | 'Organizer' | 'Tentative' | 'Accept' | 'Decline' | 'NoResponseReceived'
export const RESPONSE_TYPES: readonly ResponseType[] = [
  'Unknown',
  'Organizer',
  'Tentative',
  'Accept',
  'Decline',
  'NoResponseReceived',
]

export interface Attendee {
  readonly mailbox: EmailAddress
  readonly responseType?: ResponseType
  /** xs:dateTime, UTC. */
  readonly lastResponseTime?: string
}

/** A calendar item's own fields. Immutable: a change stores a new record. */
export interface CalendarFields {
  /** Epoch milliseconds, UTC. */
  readonly start: number
  readonly end: number
  readonly isAllDayEvent: boolean
  readonly freeBusy: FreeBusy
  readonly location?: string
  /** iCalendar UID, shared by a meeting's copies. */
  readonly uid: string
  readonly organizer?: EmailAddress
  readonly requiredAttendees: readonly Attendee[]
  readonly optionalAttendees: readonly Attendee[]
  readonly resources: readonly Attendee[]
  readonly isResponseRequested?: boolean
  readonly allowNewTimeProposal?: boolean
  /** Windows time zone ids (GetServerTimeZones); absent: the item was created without one (UTC). */
  readonly startTimeZone?: string
  readonly endTimeZone?: string
  /** A recurring master's pattern and range (start/end are then the first occurrence's). */
  readonly recurrence?: Recurrence
  /** Occurrences deleted from the series, by original start (epoch ms). */
  readonly deletedOccurrences?: readonly number[]
  /** Occurrences changed on their own (exceptions), by original start. */
  readonly modifiedOccurrences?: readonly ModifiedOccurrence[]
  /** An attendee's own answer (their calendar item), or a meeting message's ResponseType. */
  readonly myResponseType?: ResponseType
  /** The organizer sent the invitations (MeetingRequestWasSent). */
  readonly requestSent?: boolean
  /** The organizer cancelled the meeting (an attendee's copy; IsCancelled). */
  readonly cancelled?: boolean
  /** Only on an occurrence made when read (occurrences.ts), never stored. */
  readonly occurrence?: OccurrenceInfo
}

/** What an exception changes of its occurrence. */
export interface ModifiedOccurrence {
  readonly originalStart: number
  readonly start: number
  readonly end: number
  readonly subject?: string
  readonly location?: string
  readonly freeBusy?: FreeBusy
}

export const ITEM_CLASS_APPOINTMENT = 'IPM.Appointment'

/** Meeting messages: a calendar sub-record on an item of one of these classes. */
export const MEETING_CLASS = {
  request: 'IPM.Schedule.Meeting.Request',
  accept: 'IPM.Schedule.Meeting.Resp.Pos',
  tentative: 'IPM.Schedule.Meeting.Resp.Tent',
  decline: 'IPM.Schedule.Meeting.Resp.Neg',
  cancellation: 'IPM.Schedule.Meeting.Canceled',
} as const

/** The element a calendar-carrying item is written as, from its class. */
export function calendarElement(
  itemClass: string,
): 'CalendarItem' | 'MeetingRequest' | 'MeetingResponse' | 'MeetingCancellation' {
  const c = itemClass.toLowerCase()
  if (c.startsWith('ipm.schedule.meeting.request')) return 'MeetingRequest'
  if (c.startsWith('ipm.schedule.meeting.resp')) return 'MeetingResponse'
  if (c.startsWith('ipm.schedule.meeting.canceled')) return 'MeetingCancellation'
  return 'CalendarItem'
}

/** Whether a meeting: it has attendees (Exchange's IsMeeting). */
export function isMeeting(c: CalendarFields): boolean {
  return c.requiredAttendees.length + c.optionalAttendees.length + c.resources.length > 0
}

/** A copy sharing nothing mutable (the record and its lists are immutable, so shallow is enough). */
export function copyCalendar(c: CalendarFields): CalendarFields {
  return { ...c }
}

/** Bytes a calendar item's own fields add to its size. */
export function calendarSize(c: CalendarFields | undefined): number {
  if (!c) return 0
  const people = [...c.requiredAttendees, ...c.optionalAttendees, ...c.resources]
  return (
    64 +
    Buffer.byteLength(c.location ?? '') +
    people.reduce((n, a) => n + a.mailbox.address.length + (a.mailbox.name?.length ?? 0), 0)
  )
}

/** ISO 8601 duration of an item, as Exchange writes calendar:Duration ("PT1H30M", "P1D"). */
export function duration(c: CalendarFields): string {
  let s = Math.max(0, Math.round((c.end - c.start) / 1000))
  const d = Math.floor(s / 86_400)
  s -= d * 86_400
  const h = Math.floor(s / 3600)
  const m = Math.floor((s % 3600) / 60)
  const sec = s % 60
  const time = `${h ? `${h}H` : ''}${m ? `${m}M` : ''}${sec ? `${sec}S` : ''}`
  return `P${d ? `${d}D` : ''}${time ? `T${time}` : d ? '' : 'T0S'}`
}
