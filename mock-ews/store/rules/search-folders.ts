/**
 * Which items a search folder shows, whatever the storage: an item whose class matches one of the
 * folder's prefixes, in the message folders (below msgfolderroot) but not in Deleted Items or below
 * it (Outlook-style search folders leave those out; docs/decisions/0007), and not from the mailbox's
 * owner (the sender's own saved copy of an offline IM is not something they missed; decision 0027).
 * Storage keeps the views and asks this rule when an item comes, goes or changes, and after a folder
 * moved or was deleted.
 */
import { classMatchesPrefix } from '../../domain/items.ts'
import type { EmailAddress } from '../../domain/items.ts'

/** What the rules read of a mailbox's folder tree; `F` is the storage's folder (compared by ===). */
export interface Ancestry<F> {
  /** The folder with this DistinguishedFolderId ('msgfolderroot', 'deleteditems', …), if any. */
  distinguishedFolder(name: string): F | undefined
  /** Whether `folder` is below `ancestor` (a folder is not within itself). */
  isWithin(folder: F, ancestor: F): boolean
}

/** What the rule reads of an item. */
export interface SearchedItem {
  readonly itemClass: string
  readonly from?: EmailAddress | undefined
}

/**
 * Whether a search folder with these item class prefixes shows `item`, which is in `folder` of the
 * mailbox whose owner's address (lower case) is `owner`.
 */
export function searchFolderShows<F>(
  prefixes: readonly string[],
  item: SearchedItem,
  folder: F,
  owner: string,
  tree: Ancestry<F>,
): boolean {
  const top = tree.distinguishedFolder('msgfolderroot')
  const deleted = tree.distinguishedFolder('deleteditems')
  if (!top) return false
  if (!prefixes.some((p) => classMatchesPrefix(item.itemClass, p))) return false
  if (item.from?.address.toLowerCase() === owner) return false
  if (!tree.isWithin(folder, top)) return false
  return !deleted || (folder !== deleted && !tree.isWithin(folder, deleted))
}
