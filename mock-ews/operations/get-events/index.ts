// https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/getevents-operation
import type { Element } from '../../soap/xml-tree.ts'
import type { XmlElement } from '../../soap/xml-writer.ts'
import type { EventBatch } from '../../notifications/subscriptions.ts'
import { requiredChild, text } from '../../soap/dom.ts'
import { NS } from '../../soap/namespaces.ts'
import { attempt } from '../operation.ts'
import type { Operation, OperationContext, Outcome } from '../operation.ts'
import { renderNotification } from '../shared/notification-xml.ts'

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
    renderNotification(message.ele(NS.m, 'm:Notification'), batch)
  },
}
