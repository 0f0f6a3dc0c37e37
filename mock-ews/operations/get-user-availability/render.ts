/**
 * Writes `m:GetUserAvailabilityResponse`'s content (messages.xsd GetUserAvailabilityResponseType):
 * one `m:FreeBusyResponse` per mailbox, in order, each with its own `m:ResponseMessage` and
 * `m:FreeBusyView` (types.xsd FreeBusyView); then `m:SuggestionsResponse` when suggestions were asked.
 */
import { EwsError } from '../../domain/errors.ts'
import { localText } from '../../domain/legacy-time-zone.ts'
import type { LegacyTimeZone, LegacyTransition } from '../../domain/legacy-time-zone.ts'
import { NS } from '../../soap/namespaces.ts'
import type { XmlElement } from '../../soap/xml-writer.ts'
import { renderError } from '../shared/response-messages.ts'
import type { CalendarEvent, MailboxFreeBusy } from './free-busy.ts'
import type { AvailabilityAnswer } from './index.ts'

export function renderAvailability(response: XmlElement, answer: AvailabilityAnswer): void {
  if (answer.mailboxes) {
    const array = response.ele(NS.m, 'm:FreeBusyResponseArray')
    for (const outcome of answer.mailboxes) {
      const el = array.ele(NS.m, 'm:FreeBusyResponse')
      // The writer streams: each element is finished before its next sibling starts.
      const message = el.ele(NS.m, 'm:ResponseMessage')
      if (!outcome.ok) {
        renderError(message, outcome.error)
        el.ele(NS.m, 'm:FreeBusyView').ele(NS.t, 't:FreeBusyViewType').txt('None')
        continue
      }
      message.att('ResponseClass', 'Success')
      message.ele(NS.m, 'm:ResponseCode').txt('NoError')
      renderView(el.ele(NS.m, 'm:FreeBusyView'), outcome.value, answer)
    }
  }
  if (answer.suggestions) {
    // Meeting suggestions are not built: that part is answered with an error, never left out.
    renderError(
      response.ele(NS.m, 'm:SuggestionsResponse').ele(NS.m, 'm:ResponseMessage'),
      new EwsError(
        'ErrorMeetingSuggestionGenerationFailed',
        'mock-ews does not generate meeting suggestions yet (SuggestionsViewOptions).',
      ),
    )
  }
}

function renderView(view: XmlElement, fb: MailboxFreeBusy, answer: AvailabilityAnswer): void {
  view.ele(NS.t, 't:FreeBusyViewType').txt(fb.view)
  if (fb.merged !== undefined) view.ele(NS.t, 't:MergedFreeBusy').txt(fb.merged)
  if (fb.events) {
    const array = view.ele(NS.t, 't:CalendarEventArray')
    for (const e of fb.events) renderEvent(array.ele(NS.t, 't:CalendarEvent'), e, answer)
  }
  const wh = fb.workingHours
  if (!wh) return
  const hours = view.ele(NS.t, 't:WorkingHours')
  renderZone(hours.ele(NS.t, 't:TimeZone'), wh.zone)
  const period = hours.ele(NS.t, 't:WorkingPeriodArray').ele(NS.t, 't:WorkingPeriod')
  period.ele(NS.t, 't:DayOfWeek').txt(wh.days)
  period.ele(NS.t, 't:StartTimeInMinutes').txt(String(wh.startMinutes))
  period.ele(NS.t, 't:EndTimeInMinutes').txt(String(wh.endMinutes))
}

/** Times in the request's zone, without an offset, as Exchange writes them. */
function renderEvent(el: XmlElement, e: CalendarEvent, answer: AvailabilityAnswer): void {
  el.ele(NS.t, 't:StartTime').txt(localText(answer.offsetAt, e.start))
  el.ele(NS.t, 't:EndTime').txt(localText(answer.offsetAt, e.end))
  el.ele(NS.t, 't:BusyType').txt(e.busy)
  const d = e.details
  if (!d) return
  const details = el.ele(NS.t, 't:CalendarEventDetails')
  if (d.id !== undefined) details.ele(NS.t, 't:ID').txt(d.id)
  if (d.subject !== undefined) details.ele(NS.t, 't:Subject').txt(d.subject)
  if (d.location !== undefined) details.ele(NS.t, 't:Location').txt(d.location)
  details.ele(NS.t, 't:IsMeeting').txt(String(d.isMeeting))
  details.ele(NS.t, 't:IsRecurring').txt(String(d.isRecurring))
  details.ele(NS.t, 't:IsException').txt(String(d.isException))
  details.ele(NS.t, 't:IsReminderSet').txt(String(d.isReminderSet))
  details.ele(NS.t, 't:IsPrivate').txt(String(d.isPrivate))
}

function renderZone(el: XmlElement, z: LegacyTimeZone): void {
  el.ele(NS.t, 't:Bias').txt(String(z.bias))
  renderTransition(el.ele(NS.t, 't:StandardTime'), z.standard)
  renderTransition(el.ele(NS.t, 't:DaylightTime'), z.daylight)
}

function renderTransition(el: XmlElement, t: LegacyTransition): void {
  el.ele(NS.t, 't:Bias').txt(String(t.bias))
  el.ele(NS.t, 't:Time').txt(t.time)
  el.ele(NS.t, 't:DayOrder').txt(String(t.dayOrder))
  el.ele(NS.t, 't:Month').txt(String(t.month))
  el.ele(NS.t, 't:DayOfWeek').txt(t.dayOfWeek)
  if (t.year !== undefined) el.ele(NS.t, 't:Year').txt(t.year)
}
