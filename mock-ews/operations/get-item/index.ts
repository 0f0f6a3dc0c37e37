// https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/getitem-operation-email-message
import type { Element } from '../../soap/xml-tree.ts'
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
import { buildMime } from '../../mime/build.ts'
import { buildVCard } from '../../mime/vcard.ts'
import { getItemOrOccurrence } from '../shared/calendar-refs.ts'

interface GetItemRequest {
  shape: ItemShape
  items: ItemRef[]
}

/** An item, and its MIME form when the shape asks for it. */
interface Shaped {
  item: Item
  mime?: Buffer
}

export const getItem: Operation<GetItemRequest, Shaped> = {
  name: 'GetItem',
  parse(el: Element): GetItemRequest {
    return {
      shape: readItemShape(requiredChild(el, 'm', 'ItemShape')),
      items: readItemRefs(requiredChild(el, 'm', 'ItemIds')),
    }
  },
  count: (req) => req.items.length,
  handle(req: GetItemRequest, ctx: OperationContext): Outcome<Shaped>[] {
    req.shape = shapeForVersion(req.shape, ctx.requestServerVersion)
    return req.items.map((ref) => attempt(() => ({ item: getItemOrOccurrence(ctx, ref) })))
  },
  // The MIME form is built from the snapshot handle read (docs/decisions/0038).
  async complete(value: Shaped, req: GetItemRequest): Promise<Shaped> {
    if (!req.shape.mimeContent) return value
    // A contact's MIME is its vCard, as Exchange gives it; a list or a task is written as a message.
    if (value.item.contact?.kind === 'Contact') return { ...value, mime: buildVCard(value.item) }
    return { ...value, mime: await buildMime(value.item) }
  },
  renderPayload(message: XmlElement, { item, mime }: Shaped, req: GetItemRequest): void {
    renderItem(message.ele(NS.m, 'm:Items'), item, req.shape, mime)
  },
  emptyPayload: 'Items',
}
