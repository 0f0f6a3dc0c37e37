/**
 * The folder rules of a mailbox, whatever the storage: whose id is refused how, which folders may
 * hold subfolders or items, name clashes, which folders cannot be deleted, and where a delete goes
 * (docs/decisions/0023). Each rule throws the EwsError Exchange answers with, or says what to do;
 * the storage does it.
 */
import { EwsError } from '../../domain/errors.ts'
import { canHoldChildren } from '../../domain/folders.ts'
import type { FolderKind } from '../../domain/folders.ts'
import { decodeId } from '../../domain/ids.ts'
import type { FolderDeleteMode } from '../mailbox-store.ts'
import type { Ancestry } from './search-folders.ts'

/** Which mailbox asks: its key (in every id it made) and whether another key is of this store. */
export interface IdOwner {
  readonly key: string
  isKnownMailbox(key: string): boolean
}

const WRONG_KIND = {
  folder: 'ErrorCannotUseItemIdForFolderId',
  item: 'ErrorCannotUseFolderIdForItemId',
} as const
const NOT_FOUND = { folder: 'ErrorFolderNotFound', item: 'ErrorItemNotFound' } as const

/**
 * The record an id names, found by `get`: ErrorInvalidIdMalformed (or …Empty) for what is no id,
 * ErrorCannotUse…Id for an id of the other kind, ErrorAccessDenied for an id of another mailbox of
 * this store, not-found for one of no mailbox here or of nothing (any more).
 */
export function ownRecord<R>(
  id: string,
  kind: 'folder' | 'item',
  owner: IdOwner,
  get: (id: string) => R | undefined,
): R {
  const decoded = decodeId(id)
  if (decoded.kind !== kind) throw new EwsError(WRONG_KIND[kind])
  if (decoded.mailboxKey !== owner.key)
    throw new EwsError(
      owner.isKnownMailbox(decoded.mailboxKey) ? 'ErrorAccessDenied' : NOT_FOUND[kind],
    )
  const rec = get(id)
  if (!rec) throw new EwsError(NOT_FOUND[kind])
  return rec
}

/** A folder that may get subfolders: not a search folder. */
export function checkHoldsFolders(parent: { readonly kind: FolderKind }): void {
  if (!canHoldChildren(parent.kind))
    throw new EwsError('ErrorInvalidParentFolder', 'The parent folder cannot contain folders.')
}

/** A folder items may be created in or moved to: not a search folder. */
export function checkHoldsItems(folder: {
  readonly searchItemClassPrefixes?: readonly string[] | undefined
}): void {
  if (folder.searchItemClassPrefixes) {
    throw new EwsError(
      'ErrorInvalidParentFolder',
      'Items cannot be created in or moved to a search folder.',
    )
  }
}

/** ErrorFolderExists when another of `siblings` has `name`, in any case. */
export function checkNameFree<F extends { readonly displayName: string }>(
  siblings: readonly F[],
  name: string,
  self: F | undefined,
): void {
  const lower = name.toLowerCase()
  if (siblings.some((c) => c !== self && c.displayName.toLowerCase() === lower)) {
    throw new EwsError('ErrorFolderExists')
  }
}

/** The root and the folders made with the mailbox cannot be deleted. */
export function checkDeletable(folder: { readonly wellKnown: boolean }, isRoot: boolean): void {
  if (folder.wellKnown || isRoot) throw new EwsError('ErrorDeleteDistinguishedFolder')
}

/**
 * A folder EmptyFolder may empty: not a search folder (ErrorCannotEmptyFolder; MAPI's EmptyFolder
 * answers a search folder with MAPI_E_NO_SUPPORT), and, when its subfolders go too, none of them
 * well-known (ErrorDeleteDistinguishedFolder, as DeleteFolder of that folder would be).
 */
export function checkEmptiable(
  folder: { readonly searchItemClassPrefixes?: readonly string[] | undefined },
  subfoldersToDelete: readonly { readonly wellKnown: boolean }[],
): void {
  if (folder.searchItemClassPrefixes)
    throw new EwsError('ErrorCannotEmptyFolder', 'A search folder cannot be emptied.')
  if (subfoldersToDelete.some((f) => f.wellKnown))
    throw new EwsError('ErrorDeleteDistinguishedFolder')
}

/**
 * Where MoveFolder or CopyFolder may put `rec`: not into itself or below it (ErrorMoveCopyFailed),
 * into a folder that holds folders, beside no folder of its name (ErrorFolderExists). A move of a
 * well-known folder is ErrorMoveDistinguishedFolder; a copy of one makes a plain folder, except of
 * a subtree with a search folder (ErrorMoveCopyFailed: a search folder's definition is not copied).
 */
export function checkMoveCopy<
  F extends {
    readonly kind: FolderKind
    readonly displayName: string
    readonly wellKnown: boolean
    readonly parent: F | undefined
    readonly children: readonly F[]
  },
>(rec: F, to: F, tree: Ancestry<F>, action: 'move' | 'copy', subtree: readonly F[]): void {
  if (action === 'move' && (rec.wellKnown || !rec.parent))
    throw new EwsError('ErrorMoveDistinguishedFolder')
  if (to === rec || tree.isWithin(to, rec)) {
    throw new EwsError(
      'ErrorMoveCopyFailed',
      'A folder cannot be moved or copied into itself or one of its subfolders.',
    )
  }
  checkHoldsFolders(to)
  if (action === 'copy' && subtree.some((f) => f.kind === 'SearchFolder')) {
    throw new EwsError('ErrorMoveCopyFailed', 'mock-ews does not copy search folders.')
  }
  if (action === 'copy') checkNameFree(to.children, rec.displayName, undefined)
  else if (rec.parent !== to) checkNameFree(to.children, rec.displayName, rec)
}

/**
 * Where a delete goes: Deleted Items (returned) for MoveToDeletedItems, unless `where` (the item's
 * folder, or the folder deleted) is Deleted Items or below it, or the mailbox has none; otherwise
 * (undefined) the delete is hard — SoftDelete too, as nothing keeps soft-deleted items.
 */
export function deleteTarget<F>(
  mode: FolderDeleteMode,
  where: F,
  tree: Ancestry<F>,
): F | undefined {
  const deletedItems = tree.distinguishedFolder('deleteditems')
  if (mode !== 'MoveToDeletedItems' || !deletedItems) return undefined
  if (where === deletedItems || tree.isWithin(where, deletedItems)) return undefined
  return deletedItems
}
