// https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/getevents-operation
import type { Element } from '@xmldom/xmldom'
import type { XmlElement } from '../../soap/xml-writer.ts'
import type { EventBatch } from '../../notifications/subscriptions.ts'
import { requiredChild, text } from '../../soap/dom.ts'
import { NS } from '../../soap/namespaces.ts'
import { attempt } from '../operation.ts'
import type { Operation, OperationContext, Outcome } from '../operation.ts'
import { ewsDate } from '../shared/item-xml.ts'

interface GetEventsRequest {
  subscriptionId: string
  watermark: string
}

export const getEvents: Operation<GetEventsRequest, EventBatch> = {
  name: 'GetEvents',
  parse(el: Element): GetEventsRequest {
    return {
      subscriptionId: text(requiredChild(el, 'm', 'SubscriptionId'))!.trim(),
      watermark: text(requiredChild(el, 'm', 'Watermark'))!.trim(),
    }
  },
  handle(req: GetEventsRequest, ctx: OperationContext): Outcome<EventBatch>[] {
    return [
      attempt(() => ctx.subscriptions.getEvents(ctx.mailbox, req.subscriptionId, req.watermark)),
    ]
  },
  renderPayload(message: XmlElement, batch: EventBatch): void {
    const n = message.ele(NS.m, 'm:Notification')
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
  },
}
