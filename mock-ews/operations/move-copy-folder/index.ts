// https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/movefolder-operation
// https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/copyfolder-operation
import type { Element } from '../../soap/xml-tree.ts'
import type { Folder } from '../../domain/folders.ts'
import { SearchBudget } from '../../domain/limits.ts'
import { requiredChild } from '../../soap/dom.ts'
import { attempt } from '../operation.ts'
import type { Operation, OperationContext, Outcome } from '../operation.ts'
import { readFolderRefs, readSingleFolderRef, resolveFolder } from '../shared/folder-ids.ts'
import type { FolderRef } from '../shared/folder-ids.ts'
import { renderFolderIdPayload } from '../shared/folder-xml.ts'

/** Work units of one item copied (as EmptyFolder's item moved or deleted; README "Limits"). */
const UNITS_PER_ITEM = 40

interface MoveCopyFolderRequest {
  to: FolderRef
  folders: FolderRef[]
}

/** MoveFolder and CopyFolder differ in the store call: a move keeps the folder's id, a copy makes new ones. */
function moveOrCopy(name: 'MoveFolder' | 'CopyFolder'): Operation<MoveCopyFolderRequest, Folder> {
  return {
    name,
    parse(el: Element): MoveCopyFolderRequest {
      return {
        to: readSingleFolderRef(requiredChild(el, 'm', 'ToFolderId')),
        folders: readFolderRefs(requiredChild(el, 'm', 'FolderIds')),
      }
    },
    count: (req) => req.folders.length,
    handle(req: MoveCopyFolderRequest, ctx: OperationContext): Outcome<Folder>[] {
      const to = attempt(() => resolveFolder(req.to, ctx))
      const budget = new SearchBudget(ctx.limits)
      return req.folders.map((ref) =>
        attempt(() => {
          const folder = resolveFolder(ref, ctx)
          if (!to.ok) throw to.error
          const id = folder.folderId.id
          const target = to.value.folderId.id
          if (name === 'MoveFolder') return ctx.store.moveFolder(ctx.mailbox, id, target)
          // A whole subtree is copied or nothing: its work is charged before anything changes.
          for (const f of [folder, ...ctx.store.findFolders(ctx.mailbox, id, true)])
            budget.charge(1 + UNITS_PER_ITEM * f.totalCount)
          return ctx.store.copyFolder(ctx.mailbox, id, target)
        }),
      )
    },
    renderPayload: renderFolderIdPayload,
    emptyPayload: 'Folders',
  }
}

export const moveFolder = moveOrCopy('MoveFolder')
export const copyFolder = moveOrCopy('CopyFolder')
