/**
 * The t:NotificationType content of one batch of a subscription's events: what GetEvents,
 * GetStreamingEvents and a push SendNotification carry (each in its own Notification element).
 */
import type { XmlElement } from '../../soap/xml-writer.ts'
import type { EventBatch } from '../../notifications/subscriptions.ts'
import { NS } from '../../soap/namespaces.ts'
import { ewsDate } from './item-xml.ts'

/** Writes `batch` into `n`, a Notification element just opened. */
export function renderNotification(n: XmlElement, batch: EventBatch): void {
  n.ele(NS.t, 't:SubscriptionId').txt(batch.subscriptionId)
  n.ele(NS.t, 't:PreviousWatermark').txt(batch.previousWatermark)
  n.ele(NS.t, 't:MoreEvents').txt(String(batch.moreEvents))
  if (batch.events.length === 0) {
    // "No new activity": a status event carrying the current watermark.
    n.ele(NS.t, 't:StatusEvent').ele(NS.t, 't:Watermark').txt(batch.watermark)
    return
  }
  for (const { type, watermark, event } of batch.events) {
    const e = n.ele(NS.t, `t:${type}`)
    e.ele(NS.t, 't:Watermark').txt(watermark)
    e.ele(NS.t, 't:TimeStamp').txt(ewsDate(event.at))
    // types.xsd BaseObjectChangedEventType / MovedCopiedEventType: FolderId or ItemId first.
    const [id, oldId, what] =
      'folderId' in event
        ? [event.folderId, event.oldFolderId, 'Folder']
        : [event.itemId, event.oldItemId, 'Item']
    e.ele(NS.t, `t:${what}Id`).att('Id', id.id).att('ChangeKey', id.changeKey)
    e.ele(NS.t, 't:ParentFolderId')
      .att('Id', event.parentFolderId.id)
      .att('ChangeKey', event.parentFolderId.changeKey)
    if (oldId && event.oldParentFolderId) {
      e.ele(NS.t, `t:Old${what}Id`).att('Id', oldId.id).att('ChangeKey', oldId.changeKey)
      e.ele(NS.t, 't:OldParentFolderId')
        .att('Id', event.oldParentFolderId.id)
        .att('ChangeKey', event.oldParentFolderId.changeKey)
    }
  }
}
