/**
 * Reading `m:GetUserAvailabilityRequest` (messages.xsd GetUserAvailabilityRequestType): the
 * optional `t:TimeZone`, `m:MailboxDataArray`, `t:FreeBusyViewOptions`, `t:SuggestionsViewOptions`.
 * Bounds that need no clock or zone are checked here (docs/decisions/0063).
 */
import type { Element } from '../../soap/xml-tree.ts'
import { EwsError } from '../../domain/errors.ts'
import type { LegacyTimeZone, LegacyTransition } from '../../domain/legacy-time-zone.ts'
import { child, childElements, requiredChild, schemaError, text } from '../../soap/dom.ts'
import { NS } from '../../soap/namespaces.ts'
import { readTime } from '../shared/calendar-xml.ts'
import type { WrittenTime } from '../shared/calendar-xml.ts'

export const VIEWS = [
  'None',
  'MergedOnly',
  'FreeBusy',
  'FreeBusyMerged',
  'Detailed',
  'DetailedMerged',
] as const
export type FreeBusyViewKind = (typeof VIEWS)[number]

const ATTENDEE_TYPES = ['Organizer', 'Required', 'Optional', 'Room', 'Resource'] as const
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday']

/** Exchange's bound on MailboxDataArray (the availability service's MaximumQueryIntervalDays twin). */
export const MAX_MAILBOXES = 100

export interface MailboxQuery {
  address: string
  /** Only shape meeting suggestions (not built): read, checked, not otherwise used. */
  attendeeType: (typeof ATTENDEE_TYPES)[number]
  excludeConflicts: boolean
}

export interface FreeBusyOptions {
  start: WrittenTime
  end: WrittenTime
  /** MergedFreeBusyIntervalInMinutes (default 30). */
  interval: number
  view: Exclude<FreeBusyViewKind, 'None'>
}

export interface AvailabilityRequest {
  zone: LegacyTimeZone | undefined
  mailboxes: MailboxQuery[]
  freeBusy: FreeBusyOptions | undefined
  /** SuggestionsViewOptions was given: answered with an error (suggestions are not built). */
  suggestions: boolean
}

export function readAvailabilityRequest(el: Element): AvailabilityRequest {
  const zone = child(el, 't', 'TimeZone')
  const array = requiredChild(el, 'm', 'MailboxDataArray')
  const mailboxes = childElements(array, NS.t, 'MailboxData').map(readMailboxData)
  if (mailboxes.length > MAX_MAILBOXES)
    throw new EwsError(
      'ErrorMailboxDataArrayTooBig',
      `The number of mailboxes in MailboxDataArray is too big. The allowed limit = ${MAX_MAILBOXES}; the actual number = ${mailboxes.length}.`,
    )
  const options = child(el, 't', 'FreeBusyViewOptions')
  const suggestions = child(el, 't', 'SuggestionsViewOptions') !== undefined
  if (!options && !suggestions)
    throw new EwsError(
      'ErrorInvalidRequest',
      'Either FreeBusyViewOptions or SuggestionsViewOptions must be specified.',
    )
  return {
    zone: zone && readLegacyZone(zone),
    mailboxes,
    freeBusy: options && readFreeBusyOptions(options),
    suggestions,
  }
}

function readMailboxData(el: Element): MailboxQuery {
  const address = text(requiredChild(requiredChild(el, 't', 'Email'), 't', 'Address'))?.trim()
  if (!address) throw schemaError("The element 'Address' must not be empty.")
  const attendeeType = oneOf('AttendeeType', req(el, 'AttendeeType'), ATTENDEE_TYPES)
  const exclude = text(child(el, 't', 'ExcludeConflicts'))?.trim()
  return { address, attendeeType, excludeConflicts: exclude === 'true' || exclude === '1' }
}

function readFreeBusyOptions(el: Element): FreeBusyOptions {
  const window = requiredChild(el, 't', 'TimeWindow')
  const interval = text(child(el, 't', 'MergedFreeBusyIntervalInMinutes'))?.trim()
  const view = text(child(el, 't', 'RequestedView'))?.trim() ?? 'Detailed'
  const kind = oneOf('RequestedView', view, VIEWS)
  if (kind === 'None')
    throw new EwsError(
      'ErrorInvalidFreeBusyViewType',
      'The free/busy view type None is not valid in a request.',
    )
  return {
    start: readTime('StartTime', req(window, 'StartTime')),
    end: readTime('EndTime', req(window, 'EndTime')),
    interval: interval === undefined ? 30 : int('MergedFreeBusyIntervalInMinutes', interval),
    view: kind,
  }
}

function readLegacyZone(el: Element): LegacyTimeZone {
  return {
    bias: int('Bias', req(el, 'Bias')),
    standard: readTransition(requiredChild(el, 't', 'StandardTime')),
    daylight: readTransition(requiredChild(el, 't', 'DaylightTime')),
  }
}

function readTransition(el: Element): LegacyTransition {
  const time = req(el, 'Time')
  if (!/^\d{1,2}:\d{2}(:\d{2})?$/.test(time)) throw invalid('Time', time)
  const year = text(child(el, 't', 'Year'))?.trim()
  const month = int('Month', req(el, 'Month'))
  const dayOrder = int('DayOrder', req(el, 'DayOrder'))
  if (month < 0 || month > 12) throw invalid('Month', String(month))
  return {
    bias: int('Bias', req(el, 'Bias')),
    time,
    dayOrder,
    month,
    dayOfWeek: oneOf('DayOfWeek', req(el, 'DayOfWeek'), WEEKDAYS),
    ...(year ? { year } : {}),
  }
}

function req(el: Element, name: string): string {
  return (text(requiredChild(el, 't', name)) ?? '').trim()
}

function int(name: string, value: string): number {
  if (!/^[+-]?\d{1,9}$/.test(value)) throw invalid(name, value)
  return Number(value)
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
