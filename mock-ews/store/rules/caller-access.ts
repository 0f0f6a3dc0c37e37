/**
 * The one place where a request reaches another mailbox (docs/decisions/0055). Operations speak
 * to the store as the caller (`mailbox` is always the caller's own address); ids carry their
 * mailbox (decision 0005), so a folder or item id of another mailbox, or a distinguished folder
 * of another mailbox (t:Mailbox), is checked here against the folder's PermissionSet and then
 * handed to the store as that mailbox's. Without the right, the answer is Exchange's refusal and
 * nothing is read or changed. The caller's own mailbox goes through untouched.
 */
import { EwsError } from '../../domain/errors.ts'
import type { EwsResponseCode } from '../../domain/errors.ts'
import type { ExtendedProperty } from '../../domain/extended-properties.ts'
import type { Folder } from '../../domain/folders.ts'
import { decodeId } from '../../domain/ids.ts'
import type { Item, ItemFields } from '../../domain/items.ts'
import type { Page } from '../../domain/paging.ts'
import { rightsOf } from '../../domain/permissions.ts'
import type { DelegateSettings, FolderPermission, FolderRights } from '../../domain/permissions.ts'
import type {
  FolderDeleteMode,
  HierarchyChanges,
  ItemChange,
  ItemDeleteMode,
  ItemQuery,
  ItemSyncChanges,
  MailboxInfo,
  MailboxStore,
  NewFolder,
  NewMailbox,
  StoreEvent,
  Submission,
  SyncCursor,
} from '../mailbox-store.ts'

/** A right a store call needs on a folder of another mailbox. */
type Need = (r: FolderRights) => boolean
const VISIBLE: Need = (r) => r.isFolderVisible
const READ: Need = (r) => r.readItems === 'FullDetails'
const CREATE: Need = (r) => r.canCreateItems
const SUBFOLDER: Need = (r) => r.canCreateSubFolders
/** Owned (an item the caller created) is not told apart: only All edits or deletes (decision 0055). */
const EDIT: Need = (r) => r.editItems === 'All'
const DELETE: Need = (r) => r.deleteItems === 'All'
const OWNER: Need = (r) => r.isFolderOwner

/** The store as `caller` sees it: her mailbox, and the others' folders as far as she is granted. */
export class CallerStore implements MailboxStore {
  #keys: Map<string, string> | undefined

  constructor(
    private readonly inner: MailboxStore,
    /** The caller's address, lower case. */
    private readonly caller: string,
    /**
     * Whether a mailbox is of the caller's organisation. Permissions name users of the folder's
     * organisation only, so another organisation's mailbox is always ErrorAccessDenied.
     */
    private readonly colleague: (address: string) => boolean,
  ) {}

  createMailbox(spec: NewMailbox): MailboxInfo {
    return this.inner.createMailbox(spec)
  }
  getMailbox(address: string): MailboxInfo | undefined {
    return this.inner.getMailbox(address)
  }
  listMailboxes(): MailboxInfo[] {
    return this.inner.listMailboxes()
  }

  getFolder(mailbox: string, folderId: string): Folder {
    return this.#asRead(this.inner.getFolder(this.#folder(mailbox, folderId, VISIBLE), folderId))
  }

  getDistinguishedFolder(mailbox: string, name: string): Folder {
    const folder = this.inner.getDistinguishedFolder(mailbox, name)
    if (folder.mailbox !== this.caller) this.#check(folder, VISIBLE)
    return this.#asRead(folder)
  }

  /**
   * What the availability service reads of a mailbox's Calendar (GetUserAvailability): its items,
   * whatever the folder's read right, with the caller's rights on it (absent: her own mailbox) —
   * free/busy is its own permission (ReadItems TimeOnly / TimeAndSubjectAndLocation), and the
   * availability operation decides from them what it shows (docs/decisions/0062).
   */
  freeBusyCalendar(mailbox: string, query: ItemQuery): { rights?: FolderRights; items: Item[] } {
    const folder = this.inner.getDistinguishedFolder(mailbox, 'calendar')
    const items = this.inner.findItems(mailbox, folder.folderId.id, query).items
    if (folder.mailbox === this.caller) return { items }
    return { rights: rightsOf(folder.permissions, this.caller), items }
  }

  findFolders(mailbox: string, parentId: string, deep: boolean): Folder[] {
    const owner = this.#folder(mailbox, parentId, VISIBLE)
    const found = this.inner.findFolders(owner, parentId, deep)
    if (owner === this.caller) return found
    return found.filter((f) => this.#may(f, VISIBLE)).map((f) => this.#asRead(f))
  }

  createFolder(mailbox: string, parentId: string, spec: NewFolder): Folder {
    const owner = this.#folder(mailbox, parentId, SUBFOLDER, 'ErrorCreateSubfolderAccessDenied')
    return this.inner.createFolder(owner, parentId, spec)
  }

  renameFolder(mailbox: string, folderId: string, displayName: string): Folder {
    return this.inner.renameFolder(this.#folder(mailbox, folderId, OWNER), folderId, displayName)
  }

  setFolderExtendedProperties(
    mailbox: string,
    folderId: string,
    properties: readonly ExtendedProperty[],
  ): Folder {
    const owner = this.#folder(mailbox, folderId, OWNER)
    return this.inner.setFolderExtendedProperties(owner, folderId, properties)
  }

  setFolderPermissions(
    mailbox: string,
    folderId: string,
    permissions: readonly FolderPermission[] | undefined,
  ): Folder {
    const owner = this.#folder(mailbox, folderId, OWNER)
    return this.inner.setFolderPermissions(owner, folderId, permissions)
  }

  getDelegates(mailbox: string): DelegateSettings {
    return this.inner.getDelegates(this.#own(mailbox))
  }

  setDelegates(mailbox: string, settings: DelegateSettings): void {
    this.inner.setDelegates(this.#own(mailbox), settings)
  }

  deleteFolder(mailbox: string, folderId: string, mode: FolderDeleteMode): void {
    this.inner.deleteFolder(this.#folder(mailbox, folderId, OWNER), folderId, mode)
  }

  moveFolder(mailbox: string, folderId: string, toFolderId: string): Folder {
    const owner = this.#sameMailbox(
      this.#folder(mailbox, folderId, OWNER),
      this.#folder(mailbox, toFolderId, SUBFOLDER, 'ErrorCreateSubfolderAccessDenied'),
    )
    return this.inner.moveFolder(owner, folderId, toFolderId)
  }

  copyFolder(mailbox: string, folderId: string, toFolderId: string): Folder {
    const owner = this.#sameMailbox(
      this.#folder(mailbox, folderId, READ),
      this.#folder(mailbox, toFolderId, SUBFOLDER, 'ErrorCreateSubfolderAccessDenied'),
    )
    return this.inner.copyFolder(owner, folderId, toFolderId)
  }

  emptyFolder(
    mailbox: string,
    folderId: string,
    mode: FolderDeleteMode,
    deleteSubFolders: boolean,
  ): void {
    const owner = this.#folder(mailbox, folderId, deleteSubFolders ? OWNER : DELETE)
    this.inner.emptyFolder(owner, folderId, mode, deleteSubFolders)
  }

  hierarchySeq(mailbox: string): number {
    return this.inner.hierarchySeq(mailbox)
  }

  hierarchyChanges(mailbox: string, rootId: string, since: number | undefined): HierarchyChanges {
    return this.inner.hierarchyChanges(this.#folder(mailbox, rootId, OWNER), rootId, since)
  }

  createItem(mailbox: string, folderId: string, fields: ItemFields): Item {
    const owner = this.#folder(mailbox, folderId, CREATE, 'ErrorCreateItemAccessDenied')
    return this.inner.createItem(owner, folderId, fields)
  }

  getItem(mailbox: string, itemId: string): Item {
    return this.inner.getItem(this.#item(mailbox, itemId, READ), itemId)
  }

  findItems(mailbox: string, folderId: string, query: ItemQuery): Page<Item> {
    return this.inner.findItems(this.#folder(mailbox, folderId, READ), folderId, query)
  }

  updateItem(mailbox: string, itemId: string, change: ItemChange): Item {
    return this.inner.updateItem(this.#item(mailbox, itemId, EDIT), itemId, change)
  }

  moveItem(mailbox: string, itemId: string, toFolderId: string): Item {
    const owner = this.#sameMailbox(
      this.#item(mailbox, itemId, DELETE),
      this.#folder(mailbox, toFolderId, CREATE, 'ErrorCreateItemAccessDenied'),
    )
    return this.inner.moveItem(owner, itemId, toFolderId)
  }

  copyItem(mailbox: string, itemId: string, toFolderId: string): Item {
    const owner = this.#sameMailbox(
      this.#item(mailbox, itemId, READ),
      this.#folder(mailbox, toFolderId, CREATE, 'ErrorCreateItemAccessDenied'),
    )
    return this.inner.copyItem(owner, itemId, toFolderId)
  }

  deleteItem(mailbox: string, itemId: string, mode: ItemDeleteMode): void {
    this.inner.deleteItem(this.#item(mailbox, itemId, DELETE), itemId, mode)
  }

  markAllItemsAsRead(mailbox: string, folderId: string, isRead: boolean): void {
    this.inner.markAllItemsAsRead(this.#folder(mailbox, folderId, EDIT), folderId, isRead)
  }

  itemSeq(mailbox: string): number {
    return this.inner.itemSeq(mailbox)
  }

  itemChanges(
    mailbox: string,
    folderId: string,
    since: SyncCursor | undefined,
    max: number,
  ): ItemSyncChanges {
    return this.inner.itemChanges(this.#folder(mailbox, folderId, READ), folderId, since, max)
  }

  submit(submission: Submission): Item[] {
    return this.inner.submit(submission)
  }
  mailboxSize(mailbox: string): number {
    return this.inner.mailboxSize(mailbox)
  }
  setQuota(mailbox: string, bytes: number): void {
    this.inner.setQuota(mailbox, bytes)
  }
  onEvent(listener: (event: StoreEvent) => void): () => void {
    return this.inner.onEvent(listener)
  }

  /** The mailbox a folder id is in, once the caller is found to have `need` on it. */
  #folder(
    mailbox: string,
    folderId: string,
    need: Need,
    denied: EwsResponseCode = 'ErrorAccessDenied',
  ): string {
    const owner = this.#ownerOf(mailbox, folderId, 'folder')
    if (owner !== this.caller) this.#check(this.inner.getFolder(owner, folderId), need, denied)
    return owner
  }

  /** The mailbox an item id is in, once the caller has `need` on the item's folder. */
  #item(mailbox: string, itemId: string, need: Need): string {
    const owner = this.#ownerOf(mailbox, itemId, 'item')
    if (owner !== this.caller) {
      const folderOf = (): Folder =>
        this.inner.getFolder(owner, this.inner.getItem(owner, itemId).parentFolderId.id)
      this.#check(folderOf(), need)
    }
    return owner
  }

  /** The mailbox whose key the id carries; `mailbox` when none of ours (the store then refuses it). */
  #ownerOf(mailbox: string, id: string, kind: 'folder' | 'item'): string {
    let key: string
    try {
      const decoded = decodeId(id)
      if (decoded.kind !== kind) return mailbox
      key = decoded.mailboxKey
    } catch {
      return mailbox
    }
    // The common case, her own mailbox, without listing the others.
    if (this.inner.getMailbox(this.caller)?.key === key) return this.caller
    this.#keys ??= new Map(this.inner.listMailboxes().map((m) => [m.key, m.address]))
    return this.#keys.get(key) ?? mailbox
  }

  #own(mailbox: string): string {
    if (mailbox.toLowerCase() !== this.caller)
      throw new EwsError('ErrorAccessDenied', 'Only the mailbox owner manages its delegates.')
    return mailbox
  }

  /** Moves and copies stay within one mailbox (mock-ews does not carry items across mailboxes). */
  #sameMailbox(from: string, to: string): string {
    if (from !== to)
      throw new EwsError(
        'ErrorMoveCopyFailed',
        'mock-ews does not move or copy between mailboxes; create the item in the other mailbox instead.',
      )
    return from
  }

  /** Another mailbox's folder carries the caller's rights on it (GetFolder's EffectiveRights). */
  #asRead(folder: Folder): Folder {
    if (folder.mailbox === this.caller) return folder
    return { ...folder, readerRights: rightsOf(folder.permissions, this.caller) }
  }

  #may(folder: Folder, need: Need): boolean {
    return this.colleague(folder.mailbox) && need(rightsOf(folder.permissions, this.caller))
  }

  #check(folder: Folder, need: Need, denied: EwsResponseCode = 'ErrorAccessDenied'): void {
    if (!this.#may(folder, need)) throw new EwsError(denied, deniedText(denied, folder))
  }
}

function deniedText(code: EwsResponseCode, folder: Folder): string | undefined {
  if (code === 'ErrorCreateItemAccessDenied')
    return `You do not have permission to create items in the folder '${folder.displayName}' of ${folder.mailbox}.`
  if (code === 'ErrorCreateSubfolderAccessDenied')
    return `You do not have permission to create subfolders in the folder '${folder.displayName}' of ${folder.mailbox}.`
  return undefined
}
