// https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/markallitemsasread-operation
import type { Element } from '../../soap/xml-tree.ts'
import { SearchBudget } from '../../domain/limits.ts'
import { requiredChild, text } from '../../soap/dom.ts'
import { attempt } from '../operation.ts'
import type { Operation, OperationContext, Outcome } from '../operation.ts'
import { readFolderRefs, resolveFolder } from '../shared/folder-ids.ts'
import type { FolderRef } from '../shared/folder-ids.ts'
import { readBoolean } from '../shared/message-xml.ts'

interface MarkAllItemsAsReadRequest {
  readFlag: boolean
  folders: FolderRef[]
}

export const markAllItemsAsRead: Operation<MarkAllItemsAsReadRequest, void> = {
  name: 'MarkAllItemsAsRead',
  parse(el: Element): MarkAllItemsAsReadRequest {
    readBoolean('SuppressReadReceipts', text(requiredChild(el, 'm', 'SuppressReadReceipts'))!)
    return {
      readFlag: readBoolean('ReadFlag', text(requiredChild(el, 'm', 'ReadFlag'))!),
      folders: readFolderRefs(requiredChild(el, 'm', 'FolderIds')),
    }
  },
  count: (req) => req.folders.length,
  handle(req: MarkAllItemsAsReadRequest, ctx: OperationContext): Outcome<void>[] {
    const marked = new Set<string>() // marking a folder again changes nothing: it is not read again
    const budget = new SearchBudget(ctx.limits)
    return req.folders.map((ref) =>
      attempt(() => {
        const folder = resolveFolder(ref, ctx)
        const id = folder.folderId.id
        if (marked.has(id)) return
        // A unit for the folder and one per item it holds, charged before any is marked: a folder
        // past the budget is left as it was (ErrorTimeoutExpired), and so is every later one.
        budget.charge(1 + folder.totalCount)
        marked.add(id)
        ctx.store.markAllItemsAsRead(ctx.mailbox, id, req.readFlag)
      }),
    )
  },
  renderPayload(): void {},
}
