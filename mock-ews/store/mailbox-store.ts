/**
 * The mailbox store: every mailbox, folder (and later item) mock-ews holds, behind one interface.
 * Stores speak the domain model only (no XML), return snapshots, and throw nothing but EwsError.
 * The contract every implementation must meet is test/contract/mailbox-store.contract.ts.
 */
import type { ExtendedProperty } from '../domain/extended-properties.ts'
import type { Folder, FolderId, FolderKind } from '../domain/folders.ts'
import type { Item, ItemFields, ItemId } from '../domain/items.ts'
import type { DelegateSettings, FolderPermission } from '../domain/permissions.ts'
import type { Page, PageView } from '../domain/paging.ts'
import type { Restriction } from '../domain/restriction.ts'
import type { MailboxGeneration } from '../topology/profiles.ts'

export interface MailboxInfo {
  /** Primary SMTP address, lower-case. */
  readonly address: string
  readonly displayName: string
  readonly generation: MailboxGeneration
  /** Hex GUID embedded in every id of this mailbox. */
  readonly key: string
}

export interface NewMailbox {
  address: string
  displayName: string
  generation: MailboxGeneration
}

export interface NewFolder {
  displayName: string
  folderClass?: string | undefined
  kind: FolderKind
  extendedProperties?: readonly ExtendedProperty[] | undefined
  /** Its PermissionSet (CreateFolder); absent: the default one. */
  permissions?: readonly FolderPermission[] | undefined
}

export type FolderDeleteMode = 'HardDelete' | 'SoftDelete' | 'MoveToDeletedItems'

/** One change of the folder hierarchy, as SyncFolderHierarchy reports it. */
export type HierarchyChange =
  { type: 'Create' | 'Update'; folder: Folder } | { type: 'Delete'; folderId: string }

export interface HierarchyChanges {
  changes: HierarchyChange[]
  /** Sequence number to pass as `since` next time. */
  seq: number
}

export interface SortKey {
  /** A FieldURI of domain/item-fields.ts. */
  field: string
  descending: boolean
}

export interface ItemQuery {
  restriction?: Restriction | undefined
  /** Most significant first. Default: DateTimeReceived, newest first. */
  sort?: readonly SortKey[] | undefined
  view: PageView
  /** Charged for each item a scan reads (and each test of a restriction); throws (ErrorTimeoutExpired) once the request's search budget is spent. */
  budget?: { charge(units?: number): void } | undefined
}

/** What UpdateItem may change. */
export type ItemChange = Partial<
  Pick<
    ItemFields,
    | 'subject'
    | 'body'
    | 'importance'
    | 'categories'
    | 'isRead'
    | 'itemClass'
    | 'toRecipients'
    | 'ccRecipients'
    | 'bccRecipients'
    | 'from'
    | 'extendedProperties'
    /** The whole new list (CreateAttachment, DeleteAttachment); contents stay shared. */
    | 'attachments'
    /** A calendar item's fields, as a whole new record. */
    | 'calendar'
  >
>

export type ItemDeleteMode = FolderDeleteMode

/** One change of a folder's items, as SyncFolderItems reports it. */
export type ItemSyncChange =
  | { type: 'Create' | 'Update'; item: Item }
  | { type: 'Delete'; itemId: string }
  | { type: 'ReadFlagChange'; item: Item }

/**
 * Where a SyncFolderItems client is: every change up to `seq` is known to it, and so is each item
 * in `reported` as it was at the sequence number given (sent after a MaxChangesReturned cut).
 */
export interface SyncCursor {
  seq: number
  reported: Readonly<Record<string, number>>
}

export interface ItemSyncChanges {
  changes: ItemSyncChange[]
  /** Where to continue from next time. */
  cursor: SyncCursor
  /** False when `max` cut the changes short: ask again from `cursor`. */
  includesLast: boolean
}

/** Mail handed over by the transport: every part lands, or none does. */
export interface Submission {
  /** A draft leaving the sender's mailbox (SendItem); must still exist. */
  remove?: { mailbox: string; itemId: string } | undefined
  create: { mailbox: string; folderId: string; fields: ItemFields; newMail: boolean }[]
}

/** What happened to an item or a folder, for pull subscriptions (GetEvents). */
export type StoreEvent = ItemEvent | FolderEvent

interface BaseEvent {
  type: 'NewMail' | 'Created' | 'Modified' | 'Deleted' | 'Moved' | 'Copied'
  mailbox: string
  parentFolderId: FolderId
  /** Moved and Copied: the parent the item or folder came from. */
  oldParentFolderId?: FolderId
  at: Date
}

export interface ItemEvent extends BaseEvent {
  itemId: ItemId
  /** Moved and Copied: the item's id before. */
  oldItemId?: ItemId
}

/** A folder created, renamed (Modified), moved, copied or deleted (types.xsd BaseObjectChangedEventType). */
export interface FolderEvent extends BaseEvent {
  type: 'Created' | 'Modified' | 'Deleted' | 'Moved' | 'Copied'
  folderId: FolderId
  /** Moved and Copied: the folder's id before (a moved folder keeps its id). */
  oldFolderId?: FolderId
}

export interface MailboxStore {
  /** Creates a mailbox with every well-known folder of its generation. */
  createMailbox(spec: NewMailbox): MailboxInfo
  getMailbox(address: string): MailboxInfo | undefined
  listMailboxes(): MailboxInfo[]

  /** Folder by id. ErrorInvalidIdMalformed, ErrorFolderNotFound, or ErrorAccessDenied (another mailbox's id). */
  getFolder(mailbox: string, folderId: string): Folder
  /** Folder by distinguished name. ErrorFolderNotFound when this mailbox has no such folder. */
  getDistinguishedFolder(mailbox: string, name: string): Folder
  /** Children (shallow) or all descendants in depth-first order (deep) of a folder. */
  findFolders(mailbox: string, parentId: string, deep: boolean): Folder[]

  /** ErrorFolderExists for a sibling of the same name; ErrorInvalidParentFolder under a search folder. */
  createFolder(mailbox: string, parentId: string, spec: NewFolder): Folder
  /** Renames a folder. ErrorFolderExists for a sibling of the same name. */
  renameFolder(mailbox: string, folderId: string, displayName: string): Folder
  /** Replaces a folder's extended properties (a Modified event, a new change key). */
  setFolderExtendedProperties(
    mailbox: string,
    folderId: string,
    properties: readonly ExtendedProperty[],
  ): Folder
  /** Replaces a folder's PermissionSet (undefined: the default one); a Modified event, a new change key. */
  setFolderPermissions(
    mailbox: string,
    folderId: string,
    permissions: readonly FolderPermission[] | undefined,
  ): Folder
  /** The mailbox's delegates and where its meeting requests go. */
  getDelegates(mailbox: string): DelegateSettings
  /**
   * Replaces the mailbox's delegates, and gives each the permissions its DelegatePermissions name
   * on the Calendar, Tasks, Inbox, Contacts, Notes and Journal folders (a delegate gone, or a
   * level None, loses its entry there), as Exchange's AddDelegate / UpdateDelegate / RemoveDelegate do.
   */
  setDelegates(mailbox: string, settings: DelegateSettings): void
  /** ErrorDeleteDistinguishedFolder for well-known folders. */
  deleteFolder(mailbox: string, folderId: string, mode: FolderDeleteMode): void
  /**
   * Moves a folder with its subtree; its id stays. ErrorMoveDistinguishedFolder for a well-known
   * folder; ErrorMoveCopyFailed into itself or below it; ErrorInvalidParentFolder into a search
   * folder; ErrorFolderExists beside a folder of its name.
   */
  moveFolder(mailbox: string, folderId: string, toFolderId: string): Folder
  /**
   * Copies a folder, its subfolders and their items (new ids) into another; returns the copy.
   * Refused as moveFolder (a well-known folder may be copied: the copy is a plain folder), and
   * ErrorMoveCopyFailed for a subtree with a search folder, ErrorQuotaExceeded past the quota.
   * Checked before anything changes.
   */
  copyFolder(mailbox: string, folderId: string, toFolderId: string): Folder
  /**
   * Removes a folder's items (and, with `deleteSubFolders`, its subfolders with theirs) as `mode`
   * says: MoveToDeletedItems moves them to Deleted Items, unless the folder is Deleted Items or
   * below it (then hard). ErrorCannotEmptyFolder for a search folder; ErrorDeleteDistinguishedFolder
   * when a well-known folder is among the subfolders to delete. Checked before anything changes.
   */
  emptyFolder(
    mailbox: string,
    folderId: string,
    mode: FolderDeleteMode,
    deleteSubFolders: boolean,
  ): void

  /** Current hierarchy sequence number of a mailbox (grows with every folder change). */
  hierarchySeq(mailbox: string): number
  /**
   * Changes below `rootId` since `since` (undefined: everything, as creates).
   * Folders created and deleted within the window are not reported.
   */
  hierarchyChanges(mailbox: string, rootId: string, since: number | undefined): HierarchyChanges

  /** ErrorInvalidParentFolder for a search folder; ErrorQuotaExceeded (see setQuota). */
  createItem(mailbox: string, folderId: string, fields: ItemFields): Item
  /** ErrorInvalidIdMalformed, ErrorItemNotFound, ErrorAccessDenied, ErrorCannotUseFolderIdForItemId. */
  getItem(mailbox: string, itemId: string): Item
  /** One page of a folder's items; a search folder answers with the items its definition matches. */
  findItems(mailbox: string, folderId: string, query: ItemQuery): Page<Item>
  updateItem(mailbox: string, itemId: string, change: ItemChange): Item
  /** The moved item has a new id. ErrorInvalidParentFolder for a search folder target. */
  moveItem(mailbox: string, itemId: string, toFolderId: string): Item
  copyItem(mailbox: string, itemId: string, toFolderId: string): Item
  deleteItem(mailbox: string, itemId: string, mode: ItemDeleteMode): void
  /** Sets the read flag of every item of a folder. */
  markAllItemsAsRead(mailbox: string, folderId: string, isRead: boolean): void
  /** Current item sequence number of a mailbox (grows with every item change). */
  itemSeq(mailbox: string): number
  /** Changes of a folder's items since `since` (undefined: every item, as creates), at most `max` items. */
  itemChanges(
    mailbox: string,
    folderId: string,
    since: SyncCursor | undefined,
    max: number,
  ): ItemSyncChanges
  /**
   * Applies a submission atomically: validates every part, then applies all of them.
   * ErrorQuotaExceeded when it would take a mailbox above its quota.
   */
  submit(submission: Submission): Item[]

  /**
   * The mailbox's size as Exchange counts it: the sum of its items' sizes (`Item.size`), kept as
   * a running total. Moves leave it unchanged; creates, copies and deliveries add the item's
   * size; updates add the difference; deletes (hard or soft) subtract it.
   */
  mailboxSize(mailbox: string): number
  /**
   * Sets the mailbox's hard quota in bytes (ProhibitSendReceiveQuota; Infinity: none, the
   * default). A create, copy, update or submission that would take the mailbox above it throws
   * ErrorQuotaExceeded and changes nothing; an update that does not grow the item is always taken.
   * A negative or NaN quota is a programming error (RangeError), not an EWS one.
   */
  setQuota(mailbox: string, bytes: number): void
  /** Calls `listener` after every item change; returns a function that stops it. */
  onEvent(listener: (event: StoreEvent) => void): () => void
}
