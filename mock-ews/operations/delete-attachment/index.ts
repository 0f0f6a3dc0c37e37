// https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/deleteattachment-operation
import type { Element } from '../../soap/xml-tree.ts'
import type { XmlElement } from '../../soap/xml-writer.ts'
import type { Item } from '../../domain/items.ts'
import { requiredChild } from '../../soap/dom.ts'
import { NS } from '../../soap/namespaces.ts'
import { attempt } from '../operation.ts'
import type { Operation, OperationContext, Outcome } from '../operation.ts'
import { findAttachment, readAttachmentIds } from '../get-attachment/index.ts'

interface DeleteAttachmentRequest {
  ids: string[]
}

export const deleteAttachment: Operation<DeleteAttachmentRequest, Item> = {
  name: 'DeleteAttachment',
  parse(el: Element): DeleteAttachmentRequest {
    return { ids: readAttachmentIds(requiredChild(el, 'm', 'AttachmentIds')) }
  },
  count: (req) => req.ids.length,
  handle(req: DeleteAttachmentRequest, ctx: OperationContext): Outcome<Item>[] {
    return req.ids.map((id) =>
      attempt(() => {
        const { item, attachment } = findAttachment(ctx, id)
        const rest = item.attachments!.filter((a) => a !== attachment)
        return ctx.store.updateItem(ctx.mailbox, item.itemId.id, { attachments: rest })
      }),
    )
  },
  renderPayload(message: XmlElement, item: Item): void {
    // The root item's new change key, as Exchange answers (messages.xsd RootItemIdType).
    message
      .ele(NS.m, 'm:RootItemId')
      .att('RootItemId', item.itemId.id)
      .att('RootItemChangeKey', item.itemId.changeKey)
  },
}
