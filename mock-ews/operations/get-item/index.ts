// https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/getitem-operation-email-message
import type { Element } from '@xmldom/xmldom'
import type { XmlElement } from '../../soap/xml-writer.ts'
import type { Item } from '../../domain/items.ts'
import { requiredChild } from '../../soap/dom.ts'
import { NS } from '../../soap/namespaces.ts'
import { attempt } from '../operation.ts'
import type { Operation, OperationContext, Outcome } from '../operation.ts'
import { readItemRefs } from '../shared/item-ids.ts'
import type { ItemRef } from '../shared/item-ids.ts'
import { readItemShape, shapeForVersion } from '../shared/item-shape.ts'
import type { ItemShape } from '../shared/item-shape.ts'
import { renderItem } from '../shared/item-xml.ts'
import { getItemOrOccurrence } from '../shared/calendar-refs.ts'

interface GetItemRequest {
  shape: ItemShape
  items: ItemRef[]
}

export const getItem: Operation<GetItemRequest, Item> = {
  name: 'GetItem',
  parse(el: Element): GetItemRequest {
    return {
      shape: readItemShape(requiredChild(el, 'm', 'ItemShape')),
      items: readItemRefs(requiredChild(el, 'm', 'ItemIds')),
    }
  },
  count: (req) => req.items.length,
  handle(req: GetItemRequest, ctx: OperationContext): Outcome<Item>[] {
    req.shape = shapeForVersion(req.shape, ctx.requestServerVersion)
    return req.items.map((ref) => attempt(() => getItemOrOccurrence(ctx, ref)))
  },
  renderPayload(message: XmlElement, item: Item, req: GetItemRequest): void {
    renderItem(message.ele(NS.m, 'm:Items'), item, req.shape)
  },
  emptyPayload: 'Items',
}
