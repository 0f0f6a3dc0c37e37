/**
 * A calendar item's fields from what a client wrote (CreateItem) or changed (UpdateItem): times
 * resolved in their zone, the defaults Exchange applies, and its checks on Start and End.
 */
import { EwsError } from '../../domain/errors.ts'
import { ITEM_CLASS_APPOINTMENT } from '../../domain/calendar.ts'
import type { CalendarFields } from '../../domain/calendar.ts'
import type { OperationContext } from '../operation.ts'
import { resolveTime } from './calendar-xml.ts'
import { firstOccurrenceStart } from '../../domain/occurrences.ts'
import type { CalendarValues } from './calendar-xml.ts'

const HALF_HOUR = 1_800_000
/** Exchange refuses an item longer than five years (ErrorCalendarDurationIsTooLong). */
const MAX_DURATION = 5 * 366 * 86_400_000

export { ITEM_CLASS_APPOINTMENT }

/** A new item's calendar fields: Start defaults to the next half hour, End to Start + 30 min. */
export function newCalendarFields(v: CalendarValues, ctx: OperationContext): CalendarFields {
  const zone = v.startTimeZone ?? ctx.timeZone
  const now = ctx.clock.now().getTime()
  let start = v.start && resolveTime(v.start, zone)
  let end = v.end && resolveTime(v.end, v.endTimeZone ?? zone)
  if (start === undefined) start = end !== undefined ? end - HALF_HOUR : nextHalfHour(now)
  if (end === undefined) end = start + HALF_HOUR
  const { uid, requiredAttendees, optionalAttendees, resources, ...rest } = v
  delete rest.start
  delete rest.end
  const fields: CalendarFields = {
    isAllDayEvent: false,
    freeBusy: 'Busy',
    ...rest,
    start,
    end,
    uid: uid || newUid(ctx),
    requiredAttendees: requiredAttendees ?? [],
    optionalAttendees: optionalAttendees ?? [],
    resources: resources ?? [],
    ...((v.startTimeZone ?? ctx.timeZone)
      ? { startTimeZone: v.startTimeZone ?? ctx.timeZone }
      : {}),
  }
  return checkTimes(fields)
}

/** The item's calendar fields with a change's values over them; checked once all are made (`checkTimes`). */
export function changedCalendar(
  current: CalendarFields,
  v: CalendarValues,
  ctx: OperationContext,
): CalendarFields {
  const zone = v.startTimeZone ?? current.startTimeZone ?? ctx.timeZone
  const { start, end, ...rest } = v
  const fields: { -readonly [K in keyof CalendarFields]: CalendarFields[K] } = {
    ...current,
    ...rest,
    ...(start ? { start: resolveTime(start, zone) } : {}),
    ...(end ? { end: resolveTime(end, v.endTimeZone ?? current.endTimeZone ?? zone) } : {}),
  }
  // A new pattern or new times make a new series: its exceptions no longer apply.
  if (fields.recurrence && (v.recurrence || start || end)) {
    delete fields.deletedOccurrences
    delete fields.modifiedOccurrences
  }
  return fields
}

/** Exchange's checks of Start and End; a recurring master starts at its first occurrence. */
export function checkTimes(c: CalendarFields): CalendarFields {
  if (c.end < c.start)
    throw new EwsError(
      'ErrorCalendarEndDateIsEarlierThanStartDate',
      'The End of a calendar item is earlier than its Start.',
    )
  if (c.end - c.start > MAX_DURATION)
    throw new EwsError(
      'ErrorCalendarDurationIsTooLong',
      'A calendar item lasts five years at most.',
    )
  if (!c.recurrence) return c
  const first = firstOccurrenceStart(c, c.recurrence)
  if (first === undefined)
    throw new EwsError('ErrorRecurrenceHasNoOccurrence', 'The recurrence has no occurrence.')
  return { ...c, start: first, end: first + (c.end - c.start) }
}

function nextHalfHour(ms: number): number {
  return Math.ceil(ms / HALF_HOUR) * HALF_HOUR
}

/** A UID as Exchange makes them: the Outlook global object id prefix and 16 fresh bytes, in hex. */
function newUid(ctx: OperationContext): string {
  const id = ctx.transport.newMessageId('uid').slice(1, 33).toUpperCase()
  return `040000008200E00074C5B7101A82E00800000000${'0'.repeat(32)}10000000${id}`
}
