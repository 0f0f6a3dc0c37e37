// https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/deleteitem-operation
import type { Element } from '@xmldom/xmldom'
import { enumAttr, requiredChild } from '../../soap/dom.ts'
import type { ItemDeleteMode } from '../../store/mailbox-store.ts'
import { attempt } from '../operation.ts'
import type { Operation, OperationContext, Outcome } from '../operation.ts'
import { readItemRefs } from '../shared/item-ids.ts'
import type { ItemRef } from '../shared/item-ids.ts'

const DELETE_TYPES: readonly ItemDeleteMode[] = ['HardDelete', 'SoftDelete', 'MoveToDeletedItems']

interface DeleteItemRequest {
  mode: ItemDeleteMode
  items: ItemRef[]
}

export const deleteItem: Operation<DeleteItemRequest, void> = {
  name: 'DeleteItem',
  parse(el: Element): DeleteItemRequest {
    return {
      mode: enumAttr(el, 'DeleteType', DELETE_TYPES),
      items: readItemRefs(requiredChild(el, 'm', 'ItemIds')),
    }
  },
  count: (req) => req.items.length,
  handle(req: DeleteItemRequest, ctx: OperationContext): Outcome<void>[] {
    return req.items.map((ref) =>
      attempt(() => ctx.store.deleteItem(ctx.mailbox, ref.id, req.mode)),
    )
  },
  renderPayload(): void {},
}
