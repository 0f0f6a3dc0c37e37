/**
 * One mailbox's free/busy answer: its default Calendar's items and expanded occurrences that
 * overlap the window (free ones left out), the merged string, and the detail level the caller may
 * see (docs/decisions/0062, 0063).
 */
import { EwsError } from '../../domain/errors.ts'
import { isMeeting } from '../../domain/calendar.ts'
import type { FreeBusy } from '../../domain/calendar.ts'
import type { SearchBudget } from '../../domain/limits.ts'
import type { Item } from '../../domain/items.ts'
import { occurrencesBetween } from '../../domain/occurrences.ts'
import type { DirectoryUser } from '../../topology/directory.ts'
import type { OperationContext } from '../operation.ts'
import { legacyZoneOf, UTC_LEGACY } from '../../domain/legacy-time-zone.ts'
import type { LegacyTimeZone } from '../../domain/legacy-time-zone.ts'
import { ianaOf, zoneRule } from '../../domain/time-zones.ts'
import type { FreeBusyViewKind } from './request.ts'

export interface EventDetails {
  id?: string
  subject?: string
  location: string | undefined
  isMeeting: boolean
  isRecurring: boolean
  isException: boolean
  isReminderSet: boolean
  isPrivate: boolean
}

export interface CalendarEvent {
  start: number
  end: number
  busy: FreeBusy
  details?: EventDetails
}

export interface MailboxFreeBusy {
  /** The view answered: the one asked for, or its free/busy-only form where details are not shared. */
  view: FreeBusyViewKind
  merged?: string
  events?: CalendarEvent[]
  /** A user's working hours (a group has none). */
  workingHours?: WorkingHours
}

export interface WorkingHours {
  zone: LegacyTimeZone
  /** Space-separated day names (types.xsd DaysOfWeekType). */
  days: string
  startMinutes: number
  endMinutes: number
}

/** A user's working hours from the topology, else 08:00–17:00 Monday–Friday in UTC (decision 0062). */
export function workingHoursOf(user: DirectoryUser, year: number): WorkingHours {
  const spec = user.workingHours
  if (!spec)
    return {
      zone: UTC_LEGACY,
      days: 'Monday Tuesday Wednesday Thursday Friday',
      startMinutes: 8 * 60,
      endMinutes: 17 * 60,
    }
  return {
    zone: legacyZoneOf(zoneRule(ianaOf(spec.timeZone), year)),
    days: spec.days.join(' '),
    startMinutes: spec.start,
    endMinutes: spec.end,
  }
}

/** The window and options, resolved to instants. */
export interface Window {
  from: number
  to: number
  interval: number
  view: Exclude<FreeBusyViewKind, 'None'>
  /** The request's schema knows BusyType WorkingElsewhere (Exchange2013 on); before, it is Busy. */
  workingElsewhere: boolean
}

const MINUTE = 60_000
/** Merged digits (0 Free, 1 Tentative, 2 Busy, 3 OOF, 4 WorkingElsewhere), and which wins an interval. */
const DIGIT: Record<FreeBusy, number> = {
  Free: 0,
  Tentative: 1,
  Busy: 2,
  OOF: 3,
  WorkingElsewhere: 4,
  NoData: 0,
}
const RANK: readonly FreeBusy[] = ['Tentative', 'WorkingElsewhere', 'Busy', 'OOF']

/** What a MailboxData names: a user, or a distribution group expanded to its members. */
export type Target =
  { kind: 'user'; user: DirectoryUser } | { kind: 'group'; members: DirectoryUser[] }

/** The most members a group's free/busy is merged from (the availability service's bound). */
export const MAX_GROUP_MEMBERS = 100

/** The user or group a MailboxData names, or the error Exchange answers for that mailbox. */
export function resolveTarget(address: string, ctx: OperationContext): Target {
  const mine = ctx.user.organisation
  const reachable = (o: DirectoryUser['organisation']) =>
    o.domain === mine.domain || ctx.directory.federated(mine, o)
  const user = ctx.directory.user(address)
  if (user && reachable(user.organisation)) return { kind: 'user', user }
  const group = ctx.directory.group(address)
  // Outside the organisation and its federation Exchange has no one to ask: not found.
  if (!group || !reachable(group.organisation))
    throw new EwsError(
      'ErrorMailRecipientNotFound',
      `Unable to resolve e-mail address <>SMTP:${address} to an Active Directory object.`,
    )
  const members = ctx.directory.expandGroup(group).filter((m) => reachable(m.organisation))
  if (members.length > MAX_GROUP_MEMBERS)
    throw new EwsError(
      'ErrorFreeBusyDLLimitReached',
      `The distribution list ${address} has more than ${MAX_GROUP_MEMBERS} members; its free/busy cannot be merged.`,
    )
  return { kind: 'group', members }
}

/**
 * The free/busy in the window of what a MailboxData names. Only the mailbox's owner sees details:
 * others get the calendar's default permission (AvailabilityOnly), a federated organisation its
 * organisation relationship's level (AvailabilityOnly as well): times and busy types. A group
 * answers its members' merged free/busy only (MergedOnly, no working hours).
 */
export function targetFreeBusy(
  target: Target,
  w: Window,
  ctx: OperationContext,
  budget: SearchBudget,
): MailboxFreeBusy {
  if (target.kind === 'group') {
    const events = target.members.flatMap((m) => {
      const { items, access } = calendar(m, ctx, budget)
      return access === 'none' ? [] : calendarEvents(items, w, budget, 'time')
    })
    return { view: 'MergedOnly', merged: merge(events, w) }
  }
  const { items, access } = calendar(target.user, ctx, budget)
  if (access === 'none')
    throw new EwsError(
      'ErrorNoFreeBusyAccess',
      `The caller has no free/busy access to the calendar of ${target.user.address}.`,
    )
  const view = access === 'time' ? freeBusyOnly(w.view) : w.view
  const events = calendarEvents(items, w, budget, access)
  return {
    view,
    ...(view.endsWith('Merged') || view === 'MergedOnly' ? { merged: merge(events, w) } : {}),
    ...(view === 'MergedOnly' ? {} : { events }),
    workingHours: workingHoursOf(target.user, new Date(w.from).getUTCFullYear()),
  }
}

/**
 * What the caller may see of a calendar: the owner everything; a colleague what the Calendar's
 * permissions give her (Default: FreeBusyTimeOnly; Reviewer and up: full details;
 * FreeBusyTimeAndSubjectAndLocation: subject and location); a user of a federated organisation
 * times only (the organisation relationship's AvailabilityOnly).
 */
type Access = 'full' | 'limited' | 'time' | 'none'

function calendar(user: DirectoryUser, ctx: OperationContext, budget: SearchBudget) {
  const { rights, items } = ctx.freeBusyCalendar(user.address, { view: { kind: 'all' }, budget })
  const federated = user.organisation.domain !== ctx.user.organisation.domain
  const read = rights?.readItems
  const access: Access = !rights
    ? 'full'
    : read === 'None'
      ? 'none'
      : federated || read === 'TimeOnly'
        ? 'time'
        : read === 'TimeAndSubjectAndLocation'
          ? 'limited'
          : 'full'
  return { items, access: rights && access === 'full' ? ('shared' as const) : access }
}

function freeBusyOnly(view: Window['view']): Window['view'] {
  if (view === 'Detailed') return 'FreeBusy'
  if (view === 'DetailedMerged') return 'FreeBusyMerged'
  return view
}

function calendarEvents(
  stored: readonly Item[],
  w: Window,
  budget: SearchBudget,
  access: Exclude<Access, 'none'> | 'shared',
): CalendarEvent[] {
  const items: Item[] = []
  for (const item of stored) {
    const c = item.calendar
    if (!c) continue
    if (c.recurrence) items.push(...occurrencesBetween(item, w.from, w.to, () => budget.charge()))
    else items.push(item)
  }
  const events: CalendarEvent[] = []
  for (const item of items) {
    const c = item.calendar!
    // An appointment partly inside the window is answered whole; free time is not busy time.
    if (c.start >= w.to || c.end <= w.from || c.freeBusy === 'Free' || c.cancelled) continue
    events.push({
      start: c.start,
      end: c.end,
      busy: c.freeBusy === 'WorkingElsewhere' && !w.workingElsewhere ? 'Busy' : c.freeBusy,
      ...(access === 'time' ? {} : { details: details(item, access) }),
    })
  }
  return events.sort((a, b) => a.start - b.start || a.end - b.end)
}

/**
 * An event's details: all of them for the owner; for others the ID only with full read access, and
 * nothing of a private item but its flags (Exchange shows others a private appointment's time only).
 */
function details(item: Item, access: 'full' | 'limited' | 'shared'): EventDetails {
  const c = item.calendar!
  const isPrivate = item.sensitivity === 'Private'
  const hidden = isPrivate && access !== 'full'
  return {
    ...(access === 'limited' || hidden ? {} : { id: item.itemId.id }),
    ...(hidden ? {} : { subject: item.subject }),
    location: hidden ? undefined : c.location,
    isMeeting: isMeeting(c),
    isRecurring: c.occurrence !== undefined,
    isException: c.occurrence?.modified === true,
    isReminderSet: item.reminderIsSet === true,
    isPrivate,
  }
}

/**
 * One digit per interval from the window's start: the strongest status of the events overlapping
 * it. Counted per status on a difference array, so the work is events + intervals, not their product.
 */
function merge(events: readonly CalendarEvent[], w: Window): string {
  const step = w.interval * MINUTE
  const n = Math.ceil((w.to - w.from) / step)
  const counts = RANK.map(() => new Int32Array(n + 1))
  for (const e of events) {
    const rank = RANK.indexOf(e.busy)
    if (rank < 0) continue
    const first = Math.max(0, Math.floor((e.start - w.from) / step))
    const last = Math.min(n, Math.ceil((e.end - w.from) / step))
    if (first >= last) continue
    counts[rank]![first]! += 1
    counts[rank]![last]! -= 1
  }
  const running = RANK.map(() => 0)
  const out = Buffer.alloc(n, '0')
  for (let i = 0; i < n; i++) {
    let digit = 0
    for (let r = 0; r < RANK.length; r++) {
      running[r]! += counts[r]![i]!
      if (running[r]! > 0) digit = DIGIT[RANK[r]!]
    }
    if (digit) out[i] = 0x30 + digit
  }
  return out.toString('latin1')
}
