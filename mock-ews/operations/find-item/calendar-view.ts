/**
 * FindItem's CalendarView: the calendar items and occurrences of recurring masters that overlap
 * [StartDate, EndDate] (an item ending exactly at StartDate included, one starting at EndDate not),
 * by start; MaxEntriesReturned cuts the list (IncludesLastItemInRange false). A range over two
 * years is ErrorCalendarViewRangeTooBig, as Exchange answers.
 */
import type { Element } from '../../soap/xml-tree.ts'
import { EwsError } from '../../domain/errors.ts'
import type { Item } from '../../domain/items.ts'
import type { SearchBudget } from '../../domain/limits.ts'
import { occurrencesBetween } from '../../domain/occurrences.ts'
import type { Page } from '../../domain/paging.ts'
import { attr, intAttr, schemaError } from '../../soap/dom.ts'
import type { OperationContext } from '../operation.ts'
import { readTime, resolveTime } from '../shared/calendar-xml.ts'
import type { WrittenTime } from '../shared/calendar-xml.ts'

const TWO_YEARS = 731 * 86_400_000 // Exchange: "the maximum range of two years" (a leap year's worth)

export interface CalendarView {
  start: WrittenTime
  end: WrittenTime
  max: number | undefined
}

export function readCalendarView(el: Element): CalendarView {
  const time = (name: string): WrittenTime => {
    const v = attr(el, name)
    if (v === undefined) throw schemaError(`The required attribute '${name}' is missing.`)
    return readTime(name, v)
  }
  const max =
    attr(el, 'MaxEntriesReturned') === undefined ? undefined : intAttr(el, 'MaxEntriesReturned', 0)
  if (max !== undefined && max < 1)
    throw schemaError("The 'MaxEntriesReturned' attribute must be at least 1.")
  return { start: time('StartDate'), end: time('EndDate'), max }
}

/** The view's page of one calendar folder. */
export function calendarViewPage(
  view: CalendarView,
  folderId: string,
  ctx: OperationContext,
  budget: SearchBudget,
  cap: number,
): Page<Item> {
  const folder = ctx.store.getFolder(ctx.mailbox, folderId)
  if (folder.kind !== 'CalendarFolder')
    throw new EwsError(
      'ErrorCalendarFolderIsInvalidForCalendarView',
      'CalendarView can only be used on a calendar folder.',
    )
  const from = resolveTime(view.start, ctx.timeZone)
  const to = resolveTime(view.end, ctx.timeZone)
  if (to < from)
    throw new EwsError(
      'ErrorCalendarEndDateIsEarlierThanStartDate',
      'The EndDate of the CalendarView is earlier than its StartDate.',
    )
  if (to - from > TWO_YEARS)
    throw new EwsError(
      'ErrorCalendarViewRangeTooBig',
      'The specified view range exceeds the maximum range of two years.',
    )
  const stored = ctx.store.findItems(ctx.mailbox, folderId, { view: { kind: 'all' }, budget })
  const all: Item[] = []
  for (const item of stored.items) {
    const c = item.calendar
    if (!c) continue
    if (c.recurrence) all.push(...occurrencesBetween(item, from, to, () => budget.charge()))
    else if (c.start < to && c.end >= from) all.push(item)
  }
  all.sort((a, b) => a.calendar!.start - b.calendar!.start || a.calendar!.end - b.calendar!.end)
  const n = Math.min(view.max ?? all.length, cap)
  return {
    items: all.slice(0, n),
    total: all.length,
    includesLast: n >= all.length,
    nextOffset: n,
  }
}
