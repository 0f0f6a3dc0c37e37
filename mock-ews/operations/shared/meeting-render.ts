/**
 * Writes a meeting message's own properties (t:MeetingMessageType, then MeetingRequest's,
 * MeetingResponse's or MeetingCancellation's calendar part), after MessageType's.
 */
import type { XmlElement } from '../../soap/xml-writer.ts'
import type { Item } from '../../domain/items.ts'
import { NS } from '../../soap/namespaces.ts'
import { renderCalendar } from './calendar-render.ts'
import { ewsDate } from './item-xml.ts'
import type { ItemShape } from './item-shape.ts'

/** The calendar properties each meeting message type has (types.xsd), in CalendarItemType's order. */
const REQUEST = new Set([
  'Start',
  'End',
  'OriginalStart',
  'IsAllDayEvent',
  'LegacyFreeBusyStatus',
  'Location',
  'IsMeeting',
  'IsCancelled',
  'IsRecurring',
  'MeetingRequestWasSent',
  'CalendarItemType',
  'MyResponseType',
  'Organizer',
  'RequiredAttendees',
  'OptionalAttendees',
  'Resources',
  'Duration',
  'AppointmentSequenceNumber',
  'AppointmentState',
  'Recurrence',
  'FirstOccurrence',
  'LastOccurrence',
  'ModifiedOccurrences',
  'DeletedOccurrences',
  'MeetingTimeZone',
  'StartTimeZone',
  'EndTimeZone',
  'AllowNewTimeProposal',
  'StartTimeZoneId',
  'EndTimeZoneId',
])
const RESPONSE = new Set(['Start', 'End', 'Location', 'Recurrence', 'CalendarItemType'])

export function renderMeetingMessage(
  el: XmlElement,
  item: Item,
  shape: ItemShape,
  kind: string,
): void {
  const c = item.calendar!
  const named = (uri: string): boolean => shape.kindFields?.has(uri) ?? false
  const all = shape.base === 'AllProperties'
  const put = (uri: string, value: string): void => {
    if (all || named(uri)) el.ele(NS.t, `t:${uri.split(':')[1]}`).txt(value)
  }
  put('meeting:IsDelegated', 'false')
  put('meeting:IsOutOfDate', 'false')
  put('meeting:HasBeenProcessed', 'true')
  put('meeting:ResponseType', c.myResponseType ?? 'NoResponseReceived')
  put('calendar:UID', c.uid)
  if (item.dateTimeSent) put('calendar:DateTimeStamp', ewsDate(item.dateTimeSent))
  if (kind === 'MeetingRequest') {
    put('meetingRequest:MeetingRequestType', 'NewMeetingRequest')
    put('meetingRequest:IntendedFreeBusyStatus', c.freeBusy)
  }
  renderCalendar(el, item, shape, kind === 'MeetingRequest' ? REQUEST : RESPONSE)
}
