// https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/unsubscribe-operation
import type { Element } from '../../soap/xml-tree.ts'
import { requiredChild, text } from '../../soap/dom.ts'
import { attempt } from '../operation.ts'
import type { Operation, OperationContext, Outcome } from '../operation.ts'

export const unsubscribe: Operation<string, void> = {
  name: 'Unsubscribe',
  parse(el: Element): string {
    return text(requiredChild(el, 'm', 'SubscriptionId'))!.trim()
  },
  handle(subscriptionId: string, ctx: OperationContext): Outcome<void>[] {
    return [attempt(() => ctx.subscriptions.unsubscribe(ctx.mailbox, subscriptionId))]
  },
  renderPayload(): void {},
}
