// https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/moveitem-operation
// https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/copyitem-operation
import type { Element } from '../../soap/xml-tree.ts'
import type { XmlElement } from '../../soap/xml-writer.ts'
import type { Item } from '../../domain/items.ts'
import { EwsError } from '../../domain/errors.ts'
import { decodeOccurrenceId } from '../../domain/occurrences.ts'
import { child, requiredChild, text } from '../../soap/dom.ts'
import { NS } from '../../soap/namespaces.ts'
import { attempt } from '../operation.ts'
import type { Operation, OperationContext, Outcome } from '../operation.ts'
import { readSingleFolderRef, resolveFolder } from '../shared/folder-ids.ts'
import type { FolderRef } from '../shared/folder-ids.ts'
import { readItemRefs, renderItemId } from '../shared/item-ids.ts'
import { itemElementName } from '../shared/item-xml.ts'
import type { ItemRef } from '../shared/item-ids.ts'
import { readBoolean } from '../shared/message-xml.ts'

interface MoveCopyRequest {
  to: FolderRef
  items: ItemRef[]
  returnNewItemIds: boolean
}

/** MoveItem and CopyItem differ only in the store call: a move gives the item a new id, a copy adds one. */
function moveOrCopy(name: 'MoveItem' | 'CopyItem'): Operation<MoveCopyRequest, Item> {
  return {
    name,
    parse(el: Element): MoveCopyRequest {
      const ret = text(child(el, 'm', 'ReturnNewItemIds'))
      return {
        to: readSingleFolderRef(requiredChild(el, 'm', 'ToFolderId')),
        items: readItemRefs(requiredChild(el, 'm', 'ItemIds')),
        returnNewItemIds: ret === undefined ? true : readBoolean('ReturnNewItemIds', ret),
      }
    },
    count: (req) => req.items.length,
    handle(req: MoveCopyRequest, ctx: OperationContext): Outcome<Item>[] {
      const to = attempt(() => resolveFolder(req.to, ctx))
      return req.items.map((ref) =>
        attempt(() => {
          if (!to.ok) throw to.error
          if (decodeOccurrenceId(ref.id))
            throw new EwsError(
              'ErrorCalendarCannotMoveOrCopyOccurrence',
              'An occurrence of a recurring item cannot be moved or copied.',
            )
          return name === 'MoveItem'
            ? ctx.store.moveItem(ctx.mailbox, ref.id, to.value.folderId.id)
            : ctx.store.copyItem(ctx.mailbox, ref.id, to.value.folderId.id)
        }),
      )
    },
    renderPayload(message: XmlElement, item: Item, req: MoveCopyRequest): void {
      const items = message.ele(NS.m, 'm:Items')
      if (req.returnNewItemIds)
        renderItemId(items.ele(NS.t, `t:${itemElementName(item)}`), 'ItemId', item)
    },
    emptyPayload: 'Items',
  }
}

export const moveItem = moveOrCopy('MoveItem')
export const copyItem = moveOrCopy('CopyItem')
