// https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/findfolder-operation
import type { Element } from '@xmldom/xmldom'
import type { XmlElement } from '../../soap/xml-writer.ts'
import { EwsError } from '../../domain/errors.ts'
import type { Folder } from '../../domain/folders.ts'
import { child, enumAttr, requiredChild } from '../../soap/dom.ts'
import { attempt } from '../operation.ts'
import type { Operation, OperationContext, Outcome } from '../operation.ts'
import { readFolderRefs, resolveFolder } from '../shared/folder-ids.ts'
import type { FolderRef } from '../shared/folder-ids.ts'
import { readFolderShapeIn } from '../shared/folder-shape.ts'
import type { FolderShape } from '../shared/folder-shape.ts'
import { renderFolder } from '../shared/folder-xml.ts'
import { SearchBudget } from '../../domain/limits.ts'
import { capView } from '../../domain/paging.ts'
import { paginate, readPageView, renderRootFolder } from '../shared/paging.ts'
import type { Page, PageView } from '../shared/paging.ts'

const TRAVERSALS = ['Shallow', 'Deep', 'SoftDeleted'] as const

interface FindFolderRequest {
  traversal: (typeof TRAVERSALS)[number]
  shape: FolderShape
  view: PageView
  hasRestriction: boolean
  parents: FolderRef[]
}

export const findFolder: Operation<FindFolderRequest, Page<Folder>> = {
  name: 'FindFolder',
  parse(el: Element): FindFolderRequest {
    return {
      traversal: enumAttr(el, 'Traversal', TRAVERSALS),
      shape: readFolderShapeIn(el),
      view: readPageView(
        child(el, 'm', 'IndexedPageFolderView') ?? child(el, 'm', 'FractionalPageFolderView'),
      ),
      hasRestriction: child(el, 'm', 'Restriction') !== undefined,
      parents: readFolderRefs(requiredChild(el, 'm', 'ParentFolderIds')),
    }
  },
  count: (req) => req.parents.length,
  handle(req: FindFolderRequest, ctx: OperationContext): Outcome<Page<Folder>>[] {
    const budget = new SearchBudget(ctx.limits)
    const walked = new Map<string, Folder[]>() // a folder named again is not walked again
    let remaining = ctx.limits.findCountLimit
    return req.parents.map((ref) =>
      attempt(() => {
        const parent = resolveFolder(ref, ctx)
        if (req.traversal === 'SoftDeleted') {
          throw new EwsError(
            'ErrorInvalidOperation',
            'mock-ews keeps no soft-deleted folders to traverse.',
          )
        }
        if (req.hasRestriction) {
          throw new EwsError(
            'ErrorUnsupportedQueryFilter',
            'mock-ews does not evaluate a Restriction on FindFolder.',
          )
        }
        const id = parent.folderId.id
        let all = walked.get(id)
        if (!all) {
          budget.charge()
          all = ctx.store.findFolders(ctx.mailbox, id, req.traversal === 'Deep')
          for (let i = 0; i < all.length; i++) budget.charge()
          walked.set(id, all)
        }
        const page = paginate(all, capView(req.view, remaining))
        remaining -= page.items.length
        return page
      }),
    )
  },
  renderPayload(message: XmlElement, page: Page<Folder>, req: FindFolderRequest): void {
    renderRootFolder(message, page, 'Folders', (folders, folder) =>
      renderFolder(folders, folder, req.shape),
    )
  },
}
