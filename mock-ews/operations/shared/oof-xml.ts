/**
 * The out-of-office operations' own XML (messages.xsd: one m:ResponseMessage, not
 * m:ResponseMessages; t:Mailbox of type t:EmailAddress with t:Address; t:UserOofSettings).
 */
import type { Element } from '../../soap/xml-tree.ts'
import { EwsError } from '../../domain/errors.ts'
import type { XmlElement } from '../../soap/xml-writer.ts'
import { child, childElements, requiredChild, schemaError, text } from '../../soap/dom.ts'
import { NS } from '../../soap/namespaces.ts'
import type { ExternalAudience, OofSettings, OofState } from '../../transport/auto-replies.ts'
import type { Outcome, OperationContext } from '../operation.ts'
import { renderError } from './response-messages.ts'
import { ewsDate } from './item-xml.ts'
import { readDateTime } from './kind-values.ts'

/** The mailbox a request names: only the caller's own (another's is ErrorAccessDenied). */
export function readOofMailbox(el: Element): string {
  const mailbox = requiredChild(el, 't', 'Mailbox')
  const address = text(child(mailbox, 't', 'Address'))?.trim()
  if (!address) throw schemaError("The element 'Mailbox' needs a 't:Address'.")
  return address.toLowerCase()
}

export function checkOwnMailbox(address: string, ctx: OperationContext): void {
  if (address !== ctx.mailbox)
    throw new EwsError('ErrorAccessDenied', `Access is denied to the OOF settings of ${address}.`)
}

const STATES: readonly OofState[] = ['Disabled', 'Enabled', 'Scheduled']
const AUDIENCES: readonly ExternalAudience[] = ['None', 'Known', 'All']
/** Elements Exchange 2016 added for calendar handling while away: not kept by mock-ews. */
const NOT_KEPT = [
  'DeclineMeetingReply',
  'DeclineEventsForScheduledOOF',
  'DeclineAllEventsForScheduledOOF',
  'CreateOOFEvent',
  'OOFEventSubject',
  'AutoDeclineFutureRequestsWhenOOF',
  'OOFEventID',
  'EventsToDeleteIDs',
]

/** `t:UserOofSettings`; what mock-ews would not keep is refused naming it, never ignored. */
export function readUserOofSettings(el: Element): OofSettings | EwsError {
  const state = text(requiredChild(el, 't', 'OofState'))?.trim() as OofState
  if (!STATES.includes(state)) throw schemaError(`The value '${state}' is not a valid OofState.`)
  const audience = text(requiredChild(el, 't', 'ExternalAudience'))?.trim() as ExternalAudience
  if (!AUDIENCES.includes(audience))
    throw schemaError(`The value '${audience}' is not a valid ExternalAudience.`)
  for (const e of childElements(el, NS.t)) {
    const name = e.localName ?? ''
    const value = (e.textContent ?? '').trim()
    if (NOT_KEPT.includes(name) && !(value === 'false' || value === '0'))
      return new EwsError(
        'ErrorInvalidUserOofSettings',
        `mock-ews does not keep ${name} of the OOF settings yet; it is refused rather than dropped.`,
      )
  }
  const settings: OofSettings = {
    state,
    externalAudience: audience,
    internalReply: text(child(child(el, 't', 'InternalReply') ?? el, 't', 'Message')) ?? '',
    externalReply: text(child(child(el, 't', 'ExternalReply') ?? el, 't', 'Message')) ?? '',
  }
  const duration = child(el, 't', 'Duration')
  if (duration) {
    const at = (name: string) =>
      Date.parse(readDateTime(name, text(requiredChild(duration, 't', name))?.trim() ?? ''))
    settings.duration = { start: at('StartTime'), end: at('EndTime') }
    if (settings.duration.end <= settings.duration.start)
      return new EwsError(
        'ErrorInvalidScheduledOofDuration',
        'The EndTime of the OOF duration must be after its StartTime.',
      )
  } else if (state === 'Scheduled')
    return new EwsError(
      'ErrorInvalidScheduledOofDuration',
      'Scheduled OOF settings need a Duration (StartTime and EndTime).',
    )
  return settings
}

/** `m:ResponseMessage`: NoError, or the error. */
export function renderOofResponseMessage(response: XmlElement, outcome: Outcome<unknown>): void {
  const message = response.ele(NS.m, 'm:ResponseMessage')
  if (outcome.ok) {
    message.att('ResponseClass', 'Success')
    message.ele(NS.m, 'm:ResponseCode').txt('NoError')
  } else renderError(message, outcome.error)
}

const DAY_MS = 86_400_000

/** `t:OofSettings` as Exchange answers it: a Duration always (a window from `now` when none was set). */
export function renderOofSettings(response: XmlElement, s: OofSettings, now: Date): void {
  const el = response.ele(NS.t, 't:OofSettings')
  el.ele(NS.t, 't:OofState').txt(s.state)
  el.ele(NS.t, 't:ExternalAudience').txt(s.externalAudience)
  const hour = Math.floor(now.getTime() / 3_600_000) * 3_600_000
  const d = s.duration ?? { start: hour, end: hour + DAY_MS }
  const duration = el.ele(NS.t, 't:Duration')
  duration.ele(NS.t, 't:StartTime').txt(ewsDate(new Date(d.start)))
  duration.ele(NS.t, 't:EndTime').txt(ewsDate(new Date(d.end)))
  el.ele(NS.t, 't:InternalReply').ele(NS.t, 't:Message').txt(s.internalReply)
  el.ele(NS.t, 't:ExternalReply').ele(NS.t, 't:Message').txt(s.externalReply)
}
