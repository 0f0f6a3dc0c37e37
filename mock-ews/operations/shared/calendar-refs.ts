/**
 * Items named by id where an id may be an occurrence's (made when read from its master) or a
 * RecurringMasterItemId: GetItem, UpdateItem and DeleteItem go through here.
 */
import { EwsError } from '../../domain/errors.ts'
import type { Item } from '../../domain/items.ts'
import type { CalendarFields, ModifiedOccurrence } from '../../domain/calendar.ts'
import type { ItemChange } from '../../store/mailbox-store.ts'
import { decodeOccurrenceId, occurrenceAt } from '../../domain/occurrences.ts'
import type { OperationContext } from '../operation.ts'
import type { ItemRef } from './item-ids.ts'

/** The item a reference names: a stored item, an occurrence, or an occurrence's master. */
export function getItemOrOccurrence(ctx: OperationContext, ref: ItemRef): Item {
  const occ = decodeOccurrenceId(ref.id)
  if (!occ) {
    const item = ctx.store.getItem(ctx.mailbox, ref.id)
    if (ref.master)
      throw new EwsError(
        'ErrorItemNotFound',
        'The OccurrenceId of a RecurringMasterItemId must name an occurrence.',
      )
    return item
  }
  const master = ctx.store.getItem(ctx.mailbox, occ.masterId)
  return ref.master && master.calendar?.recurrence ? master : occurrenceAt(master, occ.index)
}

/** DeleteItem of an occurrence: the master records it as deleted (its exception, if any, goes). */
export function deleteOccurrence(ctx: OperationContext, occurrence: Item): void {
  const info = occurrence.calendar!.occurrence!
  const master = ctx.store.getItem(ctx.mailbox, info.masterId)
  const c = master.calendar!
  ctx.store.updateItem(ctx.mailbox, master.itemId.id, {
    calendar: {
      ...c,
      deletedOccurrences: [...(c.deletedOccurrences ?? []), info.originalStart],
      modifiedOccurrences: (c.modifiedOccurrences ?? []).filter(
        (m) => m.originalStart !== info.originalStart,
      ),
    },
  })
}

/**
 * UpdateItem of an occurrence: its new subject, times, location and free/busy become an exception
 * on the master. Any other change is refused (not yet kept per occurrence), never dropped.
 */
export function updateOccurrence(
  ctx: OperationContext,
  occurrence: Item,
  change: ItemChange,
): Item {
  const info = occurrence.calendar!.occurrence!
  const other = Object.keys(change).find((k) => k !== 'subject' && k !== 'calendar')
  const after = change.calendar ?? occurrence.calendar!
  const before = occurrence.calendar!
  const changedCalendar = (Object.keys(after) as (keyof CalendarFields)[]).find(
    (k) => after[k] !== before[k] && !['start', 'end', 'location', 'freeBusy'].includes(k),
  )
  if (other || changedCalendar)
    throw new EwsError(
      'ErrorInvalidPropertySet',
      `mock-ews does not keep ${other ?? changedCalendar} for a single occurrence yet; it is refused rather than dropped.`,
    )
  const master = ctx.store.getItem(ctx.mailbox, info.masterId)
  const c = master.calendar!
  const exception: ModifiedOccurrence = {
    originalStart: info.originalStart,
    start: after.start,
    end: after.end,
    ...((change.subject ?? occurrence.subject) !== master.subject
      ? { subject: change.subject ?? occurrence.subject }
      : {}),
    ...(after.location !== c.location && after.location !== undefined
      ? { location: after.location }
      : {}),
    ...(after.freeBusy !== c.freeBusy ? { freeBusy: after.freeBusy } : {}),
  }
  const updated = ctx.store.updateItem(ctx.mailbox, master.itemId.id, {
    calendar: {
      ...c,
      modifiedOccurrences: [
        ...(c.modifiedOccurrences ?? []).filter((m) => m.originalStart !== info.originalStart),
        exception,
      ],
    },
  })
  return occurrenceAt(updated, info.index)
}
