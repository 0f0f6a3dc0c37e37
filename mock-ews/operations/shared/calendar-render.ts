/** Writes a calendar item's own properties (t:CalendarItemType, after ItemType's) that a shape selects. */
import type { XmlElement } from '../../soap/xml-writer.ts'
import { duration, isMeeting } from '../../domain/calendar.ts'
import type { Attendee, CalendarFields } from '../../domain/calendar.ts'
import type { EmailAddress, Item } from '../../domain/items.ts'
import { EXCHANGE_VERSIONS } from '../../topology/profiles.ts'
import type { ExchangeVersion } from '../../topology/profiles.ts'
import { NS } from '../../soap/namespaces.ts'
import type { ItemShape } from './item-shape.ts'
import { renderMeetingTimeZone, renderTimeZoneDefinition } from './time-zone-xml.ts'
import { renderRecurrence } from './recurrence-xml.ts'
import { encodeOccurrenceId, firstAndLast, indexOf } from '../../domain/occurrences.ts'

type Writer = (
  el: XmlElement,
  c: CalendarFields,
  item: Item,
  version: ExchangeVersion,
  named: boolean,
) => void

const iso = (ms: number): string => `${new Date(ms).toISOString().slice(0, 19)}Z`
const year = (c: CalendarFields): number => new Date(c.start).getUTCFullYear()
const since = (v: ExchangeVersion, from: ExchangeVersion): boolean =>
  EXCHANGE_VERSIONS.indexOf(v) >= EXCHANGE_VERSIONS.indexOf(from)

/** The organizer: the stored one (an invitation's), else the mailbox owner. */
function organizer(c: CalendarFields, item: Item): EmailAddress {
  return c.organizer ?? { name: undefined, address: item.mailbox }
}

/** t:CalendarItemType's properties mock-ews writes, in types.xsd order. */
const WRITERS: [string, Writer][] = [
  ['UID', (el, c) => el.ele(NS.t, 't:UID').txt(c.uid)],
  [
    'RecurrenceId',
    (el, c) => c.occurrence && el.ele(NS.t, 't:RecurrenceId').txt(iso(c.occurrence.originalStart)),
  ],
  ['Start', (el, c) => el.ele(NS.t, 't:Start').txt(iso(c.start))],
  ['End', (el, c) => el.ele(NS.t, 't:End').txt(iso(c.end))],
  [
    'OriginalStart',
    (el, c) => c.occurrence && el.ele(NS.t, 't:OriginalStart').txt(iso(c.occurrence.originalStart)),
  ],
  ['IsAllDayEvent', (el, c) => el.ele(NS.t, 't:IsAllDayEvent').txt(String(c.isAllDayEvent))],
  ['LegacyFreeBusyStatus', (el, c) => el.ele(NS.t, 't:LegacyFreeBusyStatus').txt(c.freeBusy)],
  ['Location', (el, c) => c.location !== undefined && el.ele(NS.t, 't:Location').txt(c.location)],
  ['IsMeeting', (el, c) => el.ele(NS.t, 't:IsMeeting').txt(String(isMeeting(c)))],
  ['IsCancelled', (el, c) => el.ele(NS.t, 't:IsCancelled').txt(String(Boolean(c.cancelled)))],
  // Exchange: true for occurrences and exceptions, false for a master (its CalendarItemType says it).
  ['IsRecurring', (el, c) => el.ele(NS.t, 't:IsRecurring').txt(String(Boolean(c.occurrence)))],
  [
    'MeetingRequestWasSent',
    (el, c) => el.ele(NS.t, 't:MeetingRequestWasSent').txt(String(Boolean(c.requestSent))),
  ],
  [
    'IsResponseRequested',
    (el, c) => el.ele(NS.t, 't:IsResponseRequested').txt(String(c.isResponseRequested ?? true)),
  ],
  ['CalendarItemType', (el, c) => el.ele(NS.t, 't:CalendarItemType').txt(calendarItemType(c))],
  [
    'MyResponseType',
    (el, c, item) =>
      el
        .ele(NS.t, 't:MyResponseType')
        .txt(
          c.myResponseType ??
            (organizer(c, item).address.toLowerCase() === item.mailbox ? 'Organizer' : 'Unknown'),
        ),
  ],
  [
    'Organizer',
    (el, c, item) =>
      mailbox(el.ele(NS.t, 't:Organizer').ele(NS.t, 't:Mailbox'), organizer(c, item)),
  ],
  ['RequiredAttendees', (el, c) => attendees(el, 'RequiredAttendees', c.requiredAttendees)],
  ['OptionalAttendees', (el, c) => attendees(el, 'OptionalAttendees', c.optionalAttendees)],
  ['Resources', (el, c) => attendees(el, 'Resources', c.resources)],
  ['Duration', (el, c) => el.ele(NS.t, 't:Duration').txt(duration(c))],
  ['AppointmentSequenceNumber', (el) => el.ele(NS.t, 't:AppointmentSequenceNumber').txt('0')],
  // AppointmentState: 0 an appointment, 1 a meeting (asfMeeting), as MAPI's PidLidAppointmentStateFlags.
  ['AppointmentState', (el, c) => el.ele(NS.t, 't:AppointmentState').txt(isMeeting(c) ? '1' : '0')],
  ['Recurrence', (el, c) => c.recurrence && renderRecurrence(el, c.recurrence)],
  [
    'FirstOccurrence',
    (el, c, item) =>
      c.recurrence && occurrenceInfo(el, 'FirstOccurrence', firstAndLast(item).first),
  ],
  [
    'LastOccurrence',
    (el, c, item) => c.recurrence && occurrenceInfo(el, 'LastOccurrence', firstAndLast(item).last),
  ],
  [
    'ModifiedOccurrences',
    (el, c, item) => {
      if (!c.modifiedOccurrences?.length) return
      const list = el.ele(NS.t, 't:ModifiedOccurrences')
      for (const m of c.modifiedOccurrences) {
        const o = list.ele(NS.t, 't:Occurrence')
        o.ele(NS.t, 't:ItemId')
          .att('Id', encodeOccurrenceId(item.itemId.id, indexOf(item, m.originalStart)))
          .att('ChangeKey', item.itemId.changeKey)
        o.ele(NS.t, 't:Start').txt(iso(m.start))
        o.ele(NS.t, 't:End').txt(iso(m.end))
        o.ele(NS.t, 't:OriginalStart').txt(iso(m.originalStart))
      }
    },
  ],
  [
    'DeletedOccurrences',
    (el, c) => {
      if (!c.deletedOccurrences?.length) return
      const list = el.ele(NS.t, 't:DeletedOccurrences')
      for (const d of c.deletedOccurrences)
        list.ele(NS.t, 't:DeletedOccurrence').ele(NS.t, 't:Start').txt(iso(d))
    },
  ],
  [
    'MeetingTimeZone',
    (el, c, _item, v, named) =>
      (named || !since(v, 'Exchange2010')) &&
      renderMeetingTimeZone(el, c.startTimeZone ?? 'UTC', year(c)),
  ],
  [
    'StartTimeZone',
    (el, c, _item, v) =>
      since(v, 'Exchange2010') &&
      renderTimeZoneDefinition(el, 'StartTimeZone', c.startTimeZone ?? 'UTC', year(c)),
  ],
  [
    'EndTimeZone',
    (el, c, _item, v) =>
      since(v, 'Exchange2010') &&
      renderTimeZoneDefinition(
        el,
        'EndTimeZone',
        c.endTimeZone ?? c.startTimeZone ?? 'UTC',
        year(c),
      ),
  ],
  [
    'AllowNewTimeProposal',
    (el, c) => el.ele(NS.t, 't:AllowNewTimeProposal').txt(String(c.allowNewTimeProposal ?? true)),
  ],
  [
    'StartTimeZoneId',
    (el, c, _item, v) =>
      since(v, 'Exchange2013') && el.ele(NS.t, 't:StartTimeZoneId').txt(c.startTimeZone ?? 'UTC'),
  ],
  [
    'EndTimeZoneId',
    (el, c, _item, v) =>
      since(v, 'Exchange2013') &&
      el.ele(NS.t, 't:EndTimeZoneId').txt(c.endTimeZone ?? c.startTimeZone ?? 'UTC'),
  ],
]

function calendarItemType(c: CalendarFields): string {
  if (c.recurrence) return 'RecurringMaster'
  if (c.occurrence) return c.occurrence.modified ? 'Exception' : 'Occurrence'
  return 'Single'
}

function occurrenceInfo(el: XmlElement, name: string, o: Item | undefined): void {
  if (!o) return
  const info = el.ele(NS.t, `t:${name}`)
  info.ele(NS.t, 't:ItemId').att('Id', o.itemId.id).att('ChangeKey', o.itemId.changeKey)
  info.ele(NS.t, 't:Start').txt(iso(o.calendar!.start))
  info.ele(NS.t, 't:End').txt(iso(o.calendar!.end))
  info.ele(NS.t, 't:OriginalStart').txt(iso(o.calendar!.occurrence!.originalStart))
}

/** What the Default shape shows of a calendar item (besides ItemType's defaults). */
const DEFAULT = new Set([
  'Start',
  'End',
  'LegacyFreeBusyStatus',
  'Location',
  'CalendarItemType',
  'Organizer',
])
/** Returned only when named (not with AllProperties). */
const NAMED_ONLY = new Set(['StartTimeZoneId', 'EndTimeZoneId'])

/** Writes the calendar properties the shape selects (of `only`, for a meeting message's type). */
export function renderCalendar(
  el: XmlElement,
  item: Item,
  shape: ItemShape,
  only?: ReadonlySet<string>,
): void {
  const c = item.calendar!
  const version = shape.version ?? 'Exchange2013'
  for (const [name, write] of WRITERS) {
    if (only && !only.has(name)) continue
    const named = shape.kindFields?.has(`calendar:${name}`) ?? false
    const wanted =
      named ||
      (shape.base === 'AllProperties' && !NAMED_ONLY.has(name)) ||
      (shape.base === 'Default' && DEFAULT.has(name))
    if (wanted) write(el, c, item, version, named)
  }
}

function attendees(el: XmlElement, name: string, list: readonly Attendee[]): void {
  if (list.length === 0) return
  const container = el.ele(NS.t, `t:${name}`)
  for (const a of list) {
    const at = container.ele(NS.t, 't:Attendee')
    mailbox(at.ele(NS.t, 't:Mailbox'), a.mailbox)
    if (a.responseType) at.ele(NS.t, 't:ResponseType').txt(a.responseType)
    if (a.lastResponseTime) at.ele(NS.t, 't:LastResponseTime').txt(a.lastResponseTime)
  }
}

function mailbox(m: XmlElement, a: EmailAddress): void {
  if (a.name !== undefined) m.ele(NS.t, 't:Name').txt(a.name)
  m.ele(NS.t, 't:EmailAddress').txt(a.address)
  m.ele(NS.t, 't:RoutingType').txt('SMTP')
}
