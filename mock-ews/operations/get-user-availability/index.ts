// https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/getuseravailability-operation
import type { Element } from '../../soap/xml-tree.ts'
import { EwsError } from '../../domain/errors.ts'
import { SearchBudget } from '../../domain/limits.ts'
import { legacyOffsetAt, wallToUtc } from '../../domain/legacy-time-zone.ts'
import type { OffsetAt } from '../../domain/legacy-time-zone.ts'
import { ianaOf, offsetAt } from '../../domain/time-zones.ts'
import { EXCHANGE_VERSIONS } from '../../topology/profiles.ts'
import type { XmlElement } from '../../soap/xml-writer.ts'
import { attempt } from '../operation.ts'
import type { Operation, OperationContext, Outcome } from '../operation.ts'
import type { WrittenTime } from '../shared/calendar-xml.ts'
import { resolveTarget, targetFreeBusy } from './free-busy.ts'
import type { MailboxFreeBusy, Window } from './free-busy.ts'
import { readAvailabilityRequest } from './request.ts'
import type { AvailabilityRequest, FreeBusyOptions } from './request.ts'
import { renderAvailability } from './render.ts'

/** The availability service's bound on TimeWindow (Exchange's MaximumQueryIntervalDays default). */
export const MAX_WINDOW_DAYS = 42
const DAY = 86_400_000

export interface AvailabilityAnswer {
  /** One per MailboxData, in order (absent without FreeBusyViewOptions). */
  mailboxes?: Outcome<MailboxFreeBusy>[]
  /** The zone the answer's times are written in. */
  offsetAt: OffsetAt
  suggestions: boolean
}

/**
 * Free/busy of mailboxes of the caller's organisation and of federated ones, from their calendars
 * on the virtual clock; its own answer shape (FreeBusyResponseArray, SuggestionsResponse).
 */
export const getUserAvailability: Operation<AvailabilityRequest, AvailabilityAnswer> = {
  name: 'GetUserAvailabilityRequest',
  responseName: 'GetUserAvailability',
  parse: (el: Element): AvailabilityRequest => readAvailabilityRequest(el),
  handle(req: AvailabilityRequest, ctx: OperationContext): Outcome<AvailabilityAnswer>[] {
    // The request's t:TimeZone, else its TimeZoneContext header, else UTC.
    const zone = req.zone
    const iana = ctx.timeZone === undefined ? undefined : ianaOf(ctx.timeZone)
    const offset: OffsetAt = zone
      ? (ms) => legacyOffsetAt(zone, ms)
      : iana
        ? (ms) => offsetAt(iana, ms)
        : () => 0
    const answer: AvailabilityAnswer = { offsetAt: offset, suggestions: req.suggestions }
    if (req.freeBusy) {
      const w = window(req.freeBusy, offset, {
        workingElsewhere:
          EXCHANGE_VERSIONS.indexOf(ctx.requestServerVersion) >=
          EXCHANGE_VERSIONS.indexOf('Exchange2013'),
      })
      const budget = new SearchBudget(ctx.limits)
      answer.mailboxes = req.mailboxes.map((m) =>
        attempt(() => targetFreeBusy(resolveTarget(m.address, ctx), w, ctx, budget)),
      )
    }
    return [{ ok: true, value: answer }]
  },
  renderPayload(): void {},
  renderResponse(response: XmlElement, outcomes: readonly Outcome<AvailabilityAnswer>[]): void {
    const outcome = outcomes[0]!
    if (outcome.ok) renderAvailability(response, outcome.value)
  },
}

/** The window in instants, with Exchange's request-level errors (SOAP faults). */
function window(
  o: FreeBusyOptions,
  offset: OffsetAt,
  version: Pick<Window, 'workingElsewhere'>,
): Window {
  const instant = (t: WrittenTime): number => (t.local ? wallToUtc(offset, t.ms) : t.ms)
  const from = instant(o.start)
  const to = instant(o.end)
  if (to <= from)
    throw new EwsError(
      'ErrorInvalidTimeInterval',
      'The time duration specified for FreeBusyViewOptions.TimeWindow is invalid.',
    )
  const days = Math.ceil((to - from) / DAY)
  if (days > MAX_WINDOW_DAYS)
    throw new EwsError(
      'ErrorTimeIntervalTooBig',
      `The requested time duration specified for FreeBusyViewOptions.TimeWindow is too long. The allowed limit = ${MAX_WINDOW_DAYS} days; the actual limit = ${days} days.`,
    )
  if (o.interval < 5 || o.interval > 1440 || o.interval * 60_000 > to - from)
    throw new EwsError(
      'ErrorInvalidMergedFreeBusyInterval',
      'The specified merged free/busy interval is not valid. Specify an interval that is less than the free/busy time window and between 5 and 1440 minutes.',
    )
  return { from, to, interval: o.interval, view: o.view, ...version }
}
