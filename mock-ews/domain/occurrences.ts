/**
 * Occurrences of a recurring master, as items: each has its own id (the master's id, a marker and
 * its 1-based instance index, base64), its start and end (the master's time of day in its zone on
 * the occurrence's day), and an exception's changes over them. Never stored: made when read.
 */
import { EwsError } from './errors.ts'
import type { CalendarFields } from './calendar.ts'
import type { Item } from './items.ts'
import { occurrenceDays } from './recurrence.ts'
import type { Recurrence } from './recurrence.ts'
import { ianaOf, offsetAt, wallClockToUtc } from './time-zones.ts'

const DAY = 86_400_000
const MINUTE = 60_000
const MARKER = 0x4f // 'O'

/** What an occurrence item carries besides its calendar fields. */
export interface OccurrenceInfo {
  readonly masterId: string
  readonly index: number
  readonly originalStart: number
  readonly modified: boolean
}

export function encodeOccurrenceId(masterId: string, index: number): string {
  const master = Buffer.from(masterId, 'base64')
  const tail = Buffer.alloc(5)
  tail[0] = MARKER
  tail.writeUInt32BE(index, 1)
  return Buffer.concat([master, tail]).toString('base64')
}

/** The master id and index of an occurrence id, or undefined for any other id. */
export function decodeOccurrenceId(id: string): { masterId: string; index: number } | undefined {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(id) || id.length % 4 !== 0) return undefined
  const buf = Buffer.from(id, 'base64')
  if (buf.length !== 39 || buf[34] !== MARKER) return undefined
  return { masterId: buf.subarray(0, 34).toString('base64'), index: buf.readUInt32BE(35) }
}

interface Slot {
  index: number
  originalStart: number
}

/** The series' occurrence starts (original, UTC ms) up to `until` or the `maxIndex`-th. */
function slots(
  c: CalendarFields,
  r: Recurrence,
  until: number,
  maxIndex = Infinity,
  from = -Infinity,
): Slot[] {
  const zone = ianaOf(c.startTimeZone ?? 'UTC')
  const local = c.start + offsetAt(zone, c.start) * MINUTE
  const timeOfDay = ((local % DAY) + DAY) % DAY
  const untilDay = Math.floor(until / DAY) + 1
  // Zone arithmetic (Intl) only for the days near the window: the walk itself is plain arithmetic.
  const fromDay = Math.floor(from / DAY) - 2
  return occurrenceDays(r, untilDay, maxIndex)
    .filter(({ day }) => day >= fromDay)
    .map(({ index, day }) => ({
      index,
      originalStart: wallClockToUtc(zone, day * DAY + timeOfDay),
    }))
}

/** The first occurrence's start, the master's Start (undefined: the series has none). */
export function firstOccurrenceStart(c: CalendarFields, r: Recurrence): number | undefined {
  return slots(c, r, Infinity, 1)[0]?.originalStart
}

/** The occurrence item of a slot: the master's fields with its times and an exception's changes. */
function occurrence(master: Item, slot: Slot): Item {
  const c = master.calendar!
  const change = c.modifiedOccurrences?.find((m) => m.originalStart === slot.originalStart)
  const rest: { -readonly [K in keyof CalendarFields]?: CalendarFields[K] } = { ...c }
  delete rest.recurrence
  delete rest.deletedOccurrences
  delete rest.modifiedOccurrences
  const info: OccurrenceInfo = {
    masterId: master.itemId.id,
    index: slot.index,
    originalStart: slot.originalStart,
    modified: change !== undefined,
  }
  return {
    ...master,
    itemId: {
      id: encodeOccurrenceId(master.itemId.id, slot.index),
      changeKey: master.itemId.changeKey,
    },
    subject: change?.subject ?? master.subject,
    calendar: {
      ...(rest as CalendarFields),
      start: change?.start ?? slot.originalStart,
      end: change?.end ?? slot.originalStart + (c.end - c.start),
      ...(change?.location !== undefined ? { location: change.location } : {}),
      ...(change?.freeBusy ? { freeBusy: change.freeBusy } : {}),
      occurrence: info,
    },
  }
}

/** The occurrences of a master overlapping [from, to] (deleted ones left out), each charged to `charge`. */
export function occurrencesBetween(
  master: Item,
  from: number,
  to: number,
  charge: () => void,
): Item[] {
  const c = master.calendar!
  const out: Item[] = []
  const deleted = new Set(c.deletedOccurrences ?? [])
  for (const slot of slots(c, c.recurrence!, to + 2 * DAY, Infinity, from - (c.end - c.start))) {
    charge()
    if (deleted.has(slot.originalStart)) continue
    const item = occurrence(master, slot)
    const { start, end } = item.calendar!
    if (start < to && end >= from) out.push(item)
  }
  return out
}

/** The index-th occurrence of a master (OccurrenceItemId), with Exchange's errors. */
export function occurrenceAt(master: Item, index: number): Item {
  const c = master.calendar
  if (!c?.recurrence)
    throw new EwsError(
      'ErrorItemNotFound',
      'The RecurringMasterId does not name a recurring master.',
    )
  const day = index >= 1 ? occurrenceDays(c.recurrence, Infinity, index)[index - 1] : undefined
  const slot = day && slots(c, c.recurrence, Infinity, index, day.day * DAY).at(-1)
  if (index < 1 || !slot)
    throw new EwsError(
      'ErrorCalendarOccurrenceIndexIsOutOfRecurrenceRange',
      'The occurrence index is out of the recurrence range.',
    )
  if (c.deletedOccurrences?.includes(slot.originalStart))
    throw new EwsError(
      'ErrorCalendarOccurrenceIsDeletedFromRecurrence',
      'The occurrence was deleted from the recurrence.',
    )
  return occurrence(master, slot)
}

/** A master's first and (for a series with an end) last occurrence that is not deleted. */
export function firstAndLast(master: Item): { first?: Item; last?: Item } {
  const c = master.calendar!
  const r = c.recurrence!
  const deleted = new Set(c.deletedOccurrences ?? [])
  const kept = (list: Slot[]) => list.filter((s) => !deleted.has(s.originalStart))
  const first = kept(slots(c, r, Infinity, deleted.size + 1))[0]
  // The last ones only are turned into instants (a long series is cheap to walk, not to convert).
  const days = r.range.kind === 'NoEnd' ? [] : occurrenceDays(r, Infinity)
  const tail = days[Math.max(0, days.length - deleted.size - 1)]
  const all = tail ? kept(slots(c, r, Infinity, Infinity, (tail.day + 2) * DAY)) : []
  const last = all[all.length - 1]
  return {
    ...(first ? { first: occurrence(master, first) } : {}),
    ...(last ? { last: occurrence(master, last) } : {}),
  }
}

/** The instance index of the occurrence that originally started at `originalStart` (0: none). */
export function indexOf(master: Item, originalStart: number): number {
  const c = master.calendar!
  return (
    slots(c, c.recurrence!, originalStart, Infinity, originalStart - DAY).find(
      (s) => s.originalStart === originalStart,
    )?.index ?? 0
  )
}
