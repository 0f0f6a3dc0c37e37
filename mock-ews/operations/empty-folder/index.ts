// https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/emptyfolder-operation
import type { Element } from '../../soap/xml-tree.ts'
import { SearchBudget } from '../../domain/limits.ts'
import { enumAttr, requiredChild } from '../../soap/dom.ts'
import type { FolderDeleteMode } from '../../store/mailbox-store.ts'
import { attempt } from '../operation.ts'
import type { Operation, OperationContext, Outcome } from '../operation.ts'
import { readFolderRefs, resolveFolder } from '../shared/folder-ids.ts'
import type { FolderRef } from '../shared/folder-ids.ts'

/**
 * Units of the request's work budget one item moved or deleted costs: ~20 µs of store work each
 * (measured), against a search unit's ~0.5 µs, so the default budget empties at most 2,500 items
 * in one request (README "Limits").
 */
const UNITS_PER_ITEM = 40

const DELETE_TYPES: readonly FolderDeleteMode[] = ['HardDelete', 'SoftDelete', 'MoveToDeletedItems']

interface EmptyFolderRequest {
  mode: FolderDeleteMode
  deleteSubFolders: boolean
  folders: FolderRef[]
}

export const emptyFolder: Operation<EmptyFolderRequest, void> = {
  name: 'EmptyFolder',
  parse(el: Element): EmptyFolderRequest {
    const sub = enumAttr(el, 'DeleteSubFolders', ['true', 'false', '1', '0'])
    return {
      mode: enumAttr(el, 'DeleteType', DELETE_TYPES),
      deleteSubFolders: sub === 'true' || sub === '1',
      folders: readFolderRefs(requiredChild(el, 'm', 'FolderIds')),
    }
  },
  count: (req) => req.folders.length,
  handle(req: EmptyFolderRequest, ctx: OperationContext): Outcome<void>[] {
    const budget = new SearchBudget(ctx.limits)
    return req.folders.map((ref) =>
      attempt(() => {
        const folder = resolveFolder(ref, ctx)
        const id = folder.folderId.id
        // Charged before anything changes: a unit per folder, UNITS_PER_ITEM per item moved or
        // deleted. Past the budget the folder is left as it was (ErrorTimeoutExpired).
        budget.charge(1 + UNITS_PER_ITEM * folder.totalCount)
        if (req.deleteSubFolders) {
          for (const sub of ctx.store.findFolders(ctx.mailbox, id, true))
            budget.charge(1 + UNITS_PER_ITEM * sub.totalCount)
        }
        ctx.store.emptyFolder(ctx.mailbox, id, req.mode, req.deleteSubFolders)
      }),
    )
  },
  renderPayload(): void {},
}
