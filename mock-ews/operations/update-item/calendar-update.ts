/**
 * UpdateItem's calendar side: the change one calendar:<name> description makes, and the
 * SendMeetingInvitationsOrCancellations rule (required for calendar items; an organizer's change to
 * a meeting goes to its attendees unless SendToNone).
 */
import type { Element } from '../../soap/xml-tree.ts'
import { EwsError } from '../../domain/errors.ts'
import { isMeeting } from '../../domain/calendar.ts'
import type { CalendarFields } from '../../domain/calendar.ts'
import type { Item } from '../../domain/items.ts'
import { attr, enumAttr } from '../../soap/dom.ts'
import type { ItemChange } from '../../store/mailbox-store.ts'
import type { OperationContext } from '../operation.ts'
import { changedCalendar } from '../shared/calendar-item.ts'
import { checkInvitable } from '../shared/meetings.ts'
import { CALENDAR_WRITABLE } from '../shared/calendar-xml.ts'
import type { CalendarValues } from '../shared/calendar-xml.ts'

const MODES = [
  'SendToNone',
  'SendOnlyToAll',
  'SendOnlyToChanged',
  'SendToAllAndSaveCopy',
  'SendToChangedAndSaveCopy',
] as const
export type UpdateInvitationsMode = (typeof MODES)[number]

export function readUpdateInvitations(el: Element): UpdateInvitationsMode | undefined {
  return attr(el, 'SendMeetingInvitationsOrCancellations') === undefined
    ? undefined
    : enumAttr(el, 'SendMeetingInvitationsOrCancellations', MODES)
}

type Verb = 'SetItemField' | 'AppendToItemField' | 'DeleteItemField'

/** The change of one calendar:<name> update description, given the item as earlier ones left it. */
export function applyCalendarUpdate(
  verb: Verb,
  field: string,
  values: CalendarValues | undefined,
  item: Item,
  ctx: OperationContext,
): ItemChange {
  const key = (CALENDAR_WRITABLE as Record<string, keyof CalendarValues | undefined>)[field]
  const current = item.calendar
  if (!key || !current)
    throw new EwsError(
      'ErrorInvalidPropertySet',
      `mock-ews cannot ${verb.replace('ItemField', '').toLowerCase()} ${field} with UpdateItem${current ? '' : ' of an item that is not a calendar item'}.`,
    )
  const lists = ['requiredAttendees', 'optionalAttendees', 'resources'] as const
  const isList = (lists as readonly string[]).includes(key)
  if (verb === 'DeleteItemField') {
    const cleared: Partial<Record<keyof CalendarFields, unknown>> = {
      location: undefined,
      startTimeZone: undefined,
      endTimeZone: undefined,
      requiredAttendees: [],
      optionalAttendees: [],
      resources: [],
      recurrence: undefined,
      deletedOccurrences: undefined,
      modifiedOccurrences: undefined,
    }
    if (!(key in cleared))
      throw new EwsError('ErrorInvalidPropertyDelete', `${field} cannot be deleted.`)
    const calendar = { ...current, [key]: cleared[key] } as CalendarFields
    if (key === 'recurrence')
      Object.assign(calendar, { deletedOccurrences: undefined, modifiedOccurrences: undefined })
    if (field === 'calendar:MeetingTimeZone')
      delete (calendar as { endTimeZone?: string }).endTimeZone
    return { calendar }
  }
  const value = values?.[key]
  if (value === undefined)
    throw new EwsError(
      'ErrorIncorrectUpdatePropertyCount',
      `The change for ${field} must carry exactly that property.`,
    )
  if (verb === 'AppendToItemField') {
    if (!isList) throw new EwsError('ErrorInvalidPropertyAppend', `${field} cannot be appended to.`)
    const k = key as (typeof lists)[number]
    return {
      calendar: { ...current, [k]: [...current[k], ...(value as CalendarFields[typeof k])] },
    }
  }
  const change: CalendarValues =
    field === 'calendar:MeetingTimeZone'
      ? { startTimeZone: value as string, endTimeZone: value as string }
      : { [key]: value }
  return { calendar: changedCalendar(current, change, ctx) }
}

/**
 * SendMeetingInvitationsOrCancellations: required for a calendar item. Whether the organizer's
 * change goes to the attendees as an updated request (checked before anything is stored).
 */
export function checkUpdateInvitations(
  mode: UpdateInvitationsMode | undefined,
  before: CalendarFields,
  after: CalendarFields,
  ctx: OperationContext,
): boolean {
  if (!mode)
    throw new EwsError(
      'ErrorSendMeetingInvitationsOrCancellationsRequired',
      'SendMeetingInvitationsOrCancellations is required for calendar items.',
    )
  const mine = (after.organizer?.address.toLowerCase() ?? ctx.mailbox) === ctx.mailbox
  // A meeting before or after the change (attendees all removed: they get cancellations).
  const send = (isMeeting(before) || isMeeting(after)) && mode !== 'SendToNone' && mine
  if (send && after.occurrence) throw notForOccurrences(mode)
  if (send) {
    checkInvitable(before, ctx)
    checkInvitable(after, ctx)
  }
  return send
}

/** A change to one occurrence of a meeting is not sent to its attendees yet: refused, not kept unsent. */
export function notForOccurrences(mode: string): EwsError {
  return new EwsError(
    'ErrorInvalidRequest',
    `mock-ews does not send meeting messages about a single occurrence yet: use SendToNone (${mode} is refused rather than not sent).`,
  )
}
