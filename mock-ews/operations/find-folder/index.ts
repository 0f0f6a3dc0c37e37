// https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/findfolder-operation
import type { Element } from '../../soap/xml-tree.ts'
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
import { checkRestrictionSize, matchesRecord } from '../../domain/restriction.ts'
import type { Restriction } from '../../domain/restriction.ts'
import { FOLDER_ACCESS, isFolderField } from '../../domain/folder-fields.ts'
import { readRestriction } from '../shared/restriction-xml.ts'
import type { QueryFields } from '../shared/restriction-xml.ts'
import type { Page, PageView } from '../shared/paging.ts'

const TRAVERSALS = ['Shallow', 'Deep', 'SoftDeleted'] as const

const FOLDER_QUERY: QueryFields = {
  isKnown: isFolderField,
  hint: 'it can on folder:DisplayName, folder:FolderClass, folder:TotalCount, folder:ChildFolderCount and folder:UnreadCount',
}

interface FindFolderRequest {
  traversal: (typeof TRAVERSALS)[number]
  shape: FolderShape
  view: PageView
  restriction: Restriction | undefined
  /** A restriction mock-ews cannot evaluate: the error of every response message. */
  refused: EwsError | undefined
  parents: FolderRef[]
}

export const findFolder: Operation<FindFolderRequest, Page<Folder>> = {
  name: 'FindFolder',
  parse(el: Element): FindFolderRequest {
    let restriction: Restriction | undefined
    let refused: EwsError | undefined
    try {
      const r = child(el, 'm', 'Restriction')
      restriction = r && readRestriction(r, FOLDER_QUERY)
    } catch (e) {
      if (!(e instanceof EwsError) || e.code === 'ErrorSchemaValidation') throw e
      refused = e
    }
    return {
      traversal: enumAttr(el, 'Traversal', TRAVERSALS),
      shape: readFolderShapeIn(el),
      view: readPageView(
        child(el, 'm', 'IndexedPageFolderView') ?? child(el, 'm', 'FractionalPageFolderView'),
      ),
      restriction,
      refused,
      parents: readFolderRefs(requiredChild(el, 'm', 'ParentFolderIds')),
    }
  },
  count: (req) => req.parents.length,
  handle(req: FindFolderRequest, ctx: OperationContext): Outcome<Page<Folder>>[] {
    const budget = new SearchBudget(ctx.limits)
    const walked = new Map<string, Folder[]>() // a folder named again is not walked again
    let remaining = ctx.limits.findCountLimit
    const refused = req.refused ?? tooLong(req.restriction, ctx)
    return req.parents.map((ref) =>
      attempt(() => {
        const parent = resolveFolder(ref, ctx)
        if (req.traversal === 'SoftDeleted') {
          throw new EwsError(
            'ErrorInvalidOperation',
            'mock-ews keeps no soft-deleted folders to traverse.',
          )
        }
        if (refused) throw refused
        const id = parent.folderId.id
        let all = walked.get(id)
        if (!all) {
          budget.charge()
          all = ctx.store.findFolders(ctx.mailbox, id, req.traversal === 'Deep')
          for (let i = 0; i < all.length; i++) budget.charge()
          const r = req.restriction
          if (r) all = all.filter((f) => matchesRecord(f, r, FOLDER_ACCESS, budget))
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

/** ErrorRestrictionTooLong for a restriction over the limits, for every response message. */
function tooLong(r: Restriction | undefined, ctx: OperationContext): EwsError | undefined {
  try {
    if (r) checkRestrictionSize(r, ctx.limits)
    return undefined
  } catch (e) {
    if (e instanceof EwsError) return e
    throw e
  }
}
