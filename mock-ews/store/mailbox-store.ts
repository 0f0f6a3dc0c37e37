/**
 * The mailbox store: every mailbox, folder (and later item) mock-ews holds, behind one interface.
 * Stores speak the domain model only (no XML), return snapshots, and throw nothing but EwsError.
 * The contract every implementation must meet is test/contract/mailbox-store.contract.ts.
 */
import type { Folder, FolderKind } from '../domain/folders.ts'
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
  /** ErrorDeleteDistinguishedFolder for well-known folders. */
  deleteFolder(mailbox: string, folderId: string, mode: FolderDeleteMode): void

  /** Current hierarchy sequence number of a mailbox (grows with every folder change). */
  hierarchySeq(mailbox: string): number
  /**
   * Changes below `rootId` since `since` (undefined: everything, as creates).
   * Folders created and deleted within the window are not reported.
   */
  hierarchyChanges(mailbox: string, rootId: string, since: number | undefined): HierarchyChanges
}
