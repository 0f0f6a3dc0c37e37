// https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/getstreamingevents-operation
// GetStreamingEvents is not in the dispatcher's registry: its answer is one long chunked HTTP
// response of whole envelopes (stream.ts), which ews-endpoint.ts hands it to.
import type { Element } from '../../soap/xml-tree.ts'
import type { EwsError } from '../../domain/errors.ts'
import type { EventBatch } from '../../notifications/subscriptions.ts'
import { childElements, requiredChild, schemaError, text } from '../../soap/dom.ts'
import { buildStreamingFrame } from '../../soap/envelope.ts'
import { NS } from '../../soap/namespaces.ts'
import type { ServerVersionInfo } from '../../topology/profiles.ts'
import { renderNotification } from '../shared/notification-xml.ts'
import { renderError } from '../shared/response-messages.ts'

export interface GetStreamingEventsRequest {
  subscriptionIds: string[]
  /** Minutes the answer stays open (1–30). */
  connectionTimeout: number
}

export function parseGetStreamingEvents(el: Element): GetStreamingEventsRequest {
  const subscriptionIds = childElements(
    requiredChild(el, 'm', 'SubscriptionIds'),
    NS.t,
    'SubscriptionId',
  ).map((e) => (e.textContent ?? '').trim())
  if (subscriptionIds.length === 0) throw schemaError("'SubscriptionIds' needs a SubscriptionId.")
  const timeout = Number(text(requiredChild(el, 'm', 'ConnectionTimeout'))?.trim())
  if (!Number.isInteger(timeout) || timeout < 1 || timeout > 30)
    throw schemaError("'ConnectionTimeout' must be 1 to 30 minutes.")
  return { subscriptionIds, connectionTimeout: timeout }
}

/** A frame with these notifications (none: a heartbeat) and the connection's status. */
export function eventsFrame(
  versionInfo: ServerVersionInfo,
  batches: readonly EventBatch[],
  status: 'OK' | 'Closed',
): string {
  return buildStreamingFrame(versionInfo, (response) => {
    const message = response
      .ele(NS.m, 'm:ResponseMessages')
      .ele(NS.m, 'm:GetStreamingEventsResponseMessage')
      .att('ResponseClass', 'Success')
    message.ele(NS.m, 'm:ResponseCode').txt('NoError')
    if (batches.length > 0) {
      const notifications = message.ele(NS.m, 'm:Notifications')
      for (const batch of batches)
        renderNotification(notifications.ele(NS.t, 't:Notification'), batch)
    }
    message.ele(NS.m, 'm:ConnectionStatus').txt(status)
  })
}

/** The one frame of a refused connection: the error, the subscriptions it is about, Closed. */
export function errorFrame(
  versionInfo: ServerVersionInfo,
  error: EwsError,
  subscriptionIds: readonly string[],
): string {
  return buildStreamingFrame(versionInfo, (response) => {
    const message = response
      .ele(NS.m, 'm:ResponseMessages')
      .ele(NS.m, 'm:GetStreamingEventsResponseMessage')
    renderError(message, error)
    if (subscriptionIds.length > 0) {
      const ids = message.ele(NS.m, 'm:ErrorSubscriptionIds')
      for (const id of subscriptionIds) ids.ele(NS.t, 't:SubscriptionId').txt(id)
    }
    message.ele(NS.m, 'm:ConnectionStatus').txt('Closed')
  })
}
