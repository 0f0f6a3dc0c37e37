// https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/createattachment-operation
import type { Element } from '../../soap/xml-tree.ts'
import type { XmlElement } from '../../soap/xml-writer.ts'
import { checkAttachmentSize } from '../../domain/attachments.ts'
import type { FileAttachment } from '../../domain/attachments.ts'
import { EwsError } from '../../domain/errors.ts'
import type { Item } from '../../domain/items.ts'
import { attr, childElements, requiredChild, schemaError } from '../../soap/dom.ts'
import { NS } from '../../soap/namespaces.ts'
import { attempt } from '../operation.ts'
import type { Operation, OperationContext, Outcome } from '../operation.ts'
import { encodeAttachmentId, numberAttachments, readAttachment } from '../shared/attachment-xml.ts'
import type { NewAttachment } from '../shared/attachment-xml.ts'
import type { ItemRef } from '../shared/item-ids.ts'

interface CreateAttachmentRequest {
  parent: ItemRef
  /** One entry per attachment element: the attachment, or why it cannot be created. */
  attachments: (NewAttachment | EwsError)[]
}

interface Created {
  item: Item
  key: number
  isItem: boolean
}

export const createAttachment: Operation<CreateAttachmentRequest, Created> = {
  name: 'CreateAttachment',
  parse(el: Element): CreateAttachmentRequest {
    const attachments = childElements(requiredChild(el, 'm', 'Attachments'), NS.t).map((a) => {
      try {
        return readAttachment(a)
      } catch (e) {
        if (e instanceof EwsError && e.code !== 'ErrorSchemaValidation') return e
        throw e
      }
    })
    if (attachments.length === 0)
      throw schemaError("The element 'Attachments' has incomplete content.")
    const parent = requiredChild(el, 'm', 'ParentItemId')
    const id = attr(parent, 'Id')
    if (id === undefined)
      throw schemaError("The required attribute 'Id' of 'ParentItemId' is missing.")
    return { parent: { id, changeKey: attr(parent, 'ChangeKey') }, attachments }
  },
  count: (req) => req.attachments.length,
  handle(req: CreateAttachmentRequest, ctx: OperationContext): Outcome<Created>[] {
    return req.attachments.map((parsed) =>
      attempt(() => {
        if (parsed instanceof EwsError) throw parsed
        checkAttachmentSize(parsed, ctx.user.limits.maxSendSize)
        const item = ctx.store.getItem(ctx.mailbox, req.parent.id)
        const existing = item.attachments ?? []
        const [added] = numberAttachments([parsed], ctx.clock.now().getTime(), lastKey(existing))
        const updated = ctx.store.updateItem(ctx.mailbox, item.itemId.id, {
          attachments: [...existing, added!],
        })
        return { item: updated, key: added!.key, isItem: Boolean(added!.item) }
      }),
    )
  },
  renderPayload(message: XmlElement, created: Created): void {
    message
      .ele(NS.m, 'm:Attachments')
      .ele(NS.t, created.isItem ? 't:ItemAttachment' : 't:FileAttachment')
      .ele(NS.t, 't:AttachmentId')
      .att('Id', encodeAttachmentId(created.item.itemId.id, created.key))
      .att('RootItemId', created.item.itemId.id)
      .att('RootItemChangeKey', created.item.itemId.changeKey)
  },
  emptyPayload: 'Attachments',
}

function lastKey(list: readonly FileAttachment[]): number {
  let n = 0
  for (const a of list) n = Math.max(n, a.key)
  return n
}
