// https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/deletefolder-operation
import type { Element } from '../../soap/xml-tree.ts'
import { enumAttr, requiredChild } from '../../soap/dom.ts'
import type { FolderDeleteMode } from '../../store/mailbox-store.ts'
import { attempt } from '../operation.ts'
import type { Operation, OperationContext, Outcome } from '../operation.ts'
import { readFolderRefs, resolveFolder } from '../shared/folder-ids.ts'
import type { FolderRef } from '../shared/folder-ids.ts'

const DELETE_TYPES: readonly FolderDeleteMode[] = ['HardDelete', 'SoftDelete', 'MoveToDeletedItems']

interface DeleteFolderRequest {
  mode: FolderDeleteMode
  folders: FolderRef[]
}

export const deleteFolder: Operation<DeleteFolderRequest, void> = {
  name: 'DeleteFolder',
  parse(el: Element): DeleteFolderRequest {
    return {
      mode: enumAttr(el, 'DeleteType', DELETE_TYPES),
      folders: readFolderRefs(requiredChild(el, 'm', 'FolderIds')),
    }
  },
  count: (req) => req.folders.length,
  handle(req: DeleteFolderRequest, ctx: OperationContext): Outcome<void>[] {
    return req.folders.map((ref) =>
      attempt(() =>
        ctx.store.deleteFolder(ctx.mailbox, resolveFolder(ref, ctx).folderId.id, req.mode),
      ),
    )
  },
  renderPayload(): void {},
}
