/**
 * The port between the rules and a storage (docs/decisions/0023): what RulesMailboxStore reads and
 * asks of the place mailboxes are kept. Storage keeps records, the ordered view and change log of
 * each folder and search folder, folder location histories, sequence numbers and running sizes,
 * and allocates ids, change keys and times; it decides nothing EWS says. It exposes ordered views
 * and logs, never "all items" (one exception, `fillSearchView`). Memory: store/memory/memory-storage.ts.
 */
import type { ExtendedProperty } from '../../domain/extended-properties.ts'
import type { FolderKind } from '../../domain/folders.ts'
import type { DelegateSettings, FolderPermission } from '../../domain/permissions.ts'
import type { ItemFieldsWithTimes } from '../../domain/items.ts'
import type { ItemChange, MailboxInfo, NewFolder, NewMailbox } from '../mailbox-store.ts'
import type { Location } from './hierarchy-sync.ts'
import type { OrderedView } from './item-query.ts'
import type { ChangeLog, LogOp } from './item-sync.ts'
import type { Ancestry } from './search-folders.ts'

export interface StoredFolder {
  readonly id: string
  readonly changeKey: string
  readonly parent: StoredFolder | undefined
  readonly children: readonly StoredFolder[]
  readonly kind: FolderKind
  readonly displayName: string
  readonly folderClass: string | undefined
  readonly distinguishedId: string | undefined
  readonly searchItemClassPrefixes: readonly string[] | undefined
  readonly extendedProperties?: readonly ExtendedProperty[] | undefined
  /** Its PermissionSet; absent: the default one (domain/permissions.ts defaultPermissions). */
  readonly permissions?: readonly FolderPermission[] | undefined
  /** Created with the mailbox (distinguished or not). */
  readonly wellKnown: boolean
  /** The hierarchy sequence number of its last change. */
  readonly changedSeq: number
  readonly history: readonly Location[]
}

export interface StoredItem {
  readonly id: string
  readonly changeKey: string
  readonly folderId: string
  /** Replaced on every change, never changed in place: rendered answers are cached by it (0066). */
  readonly fields: ItemFieldsWithTimes
  /** itemSize(fields), as the rules gave it. */
  readonly size: number
  /** Epoch milliseconds. */
  readonly created: number
  readonly modified: number
  /** Arrival order in the mailbox (its item sequence number when stored). */
  readonly seq: number
}

/** The members of a folder or search folder in receive order, their unread count and change log. */
export interface StoredView extends OrderedView<StoredItem>, ChangeLog<StoredItem> {
  readonly unread: number
  add(rec: StoredItem, seq: number): void
  /** `wasRead`: the read flag the view counted (default: the current one). */
  remove(rec: StoredItem, seq: number, wasRead?: boolean): void
  /** Logs a change of a member; `wasRead` is its read flag before. */
  changed(
    rec: StoredItem,
    wasRead: boolean,
    op: Extract<LogOp, 'update' | 'read'>,
    seq: number,
  ): void
}

/** What a folder created with the mailbox carries besides a NewFolder. */
export interface WellKnownMarks {
  distinguishedId: string | undefined
  searchItemClassPrefixes?: readonly string[] | undefined
}

/** One mailbox's storage. Records passed in are always ones this storage gave out. */
export interface MailboxStorage extends Ancestry<StoredFolder> {
  readonly info: MailboxInfo

  folder(id: string): StoredFolder | undefined
  searchFolders(): Iterable<StoredFolder>
  readonly hierarchySeq: number
  /** The history of every folder there is or was: deleted ones first, then the others as created. */
  histories(): Iterable<readonly [id: string, history: readonly Location[]]>
  /** A new folder (a new hierarchy sequence number); `wellKnown` for those made with the mailbox. */
  addFolder(
    parent: StoredFolder | undefined,
    spec: NewFolder,
    wellKnown?: WellKnownMarks,
  ): StoredFolder
  /** A new change key and hierarchy sequence number. */
  touchFolder(rec: StoredFolder): void
  renameFolder(rec: StoredFolder, displayName: string): void
  /** Replaces the folder's extended properties; the folder changes. */
  setFolderExtendedProperties(rec: StoredFolder, properties: readonly ExtendedProperty[]): void
  /** Replaces the folder's permissions (undefined: back to the default); the folder changes. */
  setFolderPermissions(
    rec: StoredFolder,
    permissions: readonly FolderPermission[] | undefined,
  ): void
  /** Moves the folder and its subtree; it and both parents change. */
  moveFolder(rec: StoredFolder, to: StoredFolder): void
  /** Removes the folder and its subtree (their histories stay); the parent changes. */
  removeFolder(rec: StoredFolder): void

  item(id: string): StoredItem | undefined
  /** The view of a folder or search folder (empty until something is added). */
  view(folderId: string): StoredView
  readonly itemSeq: number
  nextItemSeq(): number
  /** A new record (new id, change key, times, item sequence number); in no view yet. */
  insertItem(folder: StoredFolder, fields: ItemFieldsWithTimes, size: number): StoredItem
  /** A new record with the fields of `of` (shared, not copied); its creation time too if `keepCreated`. */
  insertCopy(folder: StoredFolder, of: StoredItem, keepCreated: boolean): StoredItem
  /** Applies a change (only the read flag when `readOnly`): new fields, size, change key, modified. */
  changeItem(rec: StoredItem, change: ItemChange, readOnly: boolean, size: number): void
  /** Forgets a record (the rules have taken it out of its views). */
  eraseItem(rec: StoredItem): void
  /** Forgets the records of a removed folder and its view, calling `each` after each. */
  dropFolderItems(folderId: string, each: (rec: StoredItem) => void): void
  /** Adds at `seq` to a search folder's view every item it lacks that `shows` accepts (memory: a scan). */
  fillSearchView(searchFolderId: string, shows: (rec: StoredItem) => boolean, seq: number): void
  /** Sum of the records' sizes. */
  readonly totalSize: number
  /** ProhibitSendReceiveQuota in bytes. */
  quota: number
  /** Its delegates (GetDelegate / AddDelegate …), replaced whole. */
  delegates: DelegateSettings
}

/** Where the mailboxes are kept. */
export interface Storage {
  /** A new, empty mailbox (its key allocated here); the address is lower case and free. */
  createMailbox(spec: NewMailbox): MailboxStorage
  mailboxes(): Iterable<MailboxStorage>
  isMailboxKey(key: string): boolean
}
