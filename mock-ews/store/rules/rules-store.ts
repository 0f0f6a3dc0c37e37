/**
 * The MailboxStore every storage gets: the rules (this folder) over a storage port (storage.ts).
 * It keeps nothing but its listeners and one MailboxRules per mailbox; the memory store is
 * RulesMailboxStore over MemoryStorage (store/memory/), and a second storage would implement only
 * the port (docs/decisions/0023).
 */
import type { ExtendedProperty } from '../../domain/extended-properties.ts'
import { EwsError } from '../../domain/errors.ts'
import type { Folder } from '../../domain/folders.ts'
import { itemSize } from '../../domain/items.ts'
import type { Item, ItemFields } from '../../domain/items.ts'
import type { Page } from '../../domain/paging.ts'
import type { DelegateSettings, FolderPermission } from '../../domain/permissions.ts'
import type { Clock } from '../../support/clock.ts'
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
import { delegatesAsFolderSay } from './delegate-rules.ts'
import { MailboxRules } from './mailbox-rules.ts'
import type { MailboxStorage, Storage } from './storage.ts'

export class RulesMailboxStore implements MailboxStore {
  readonly #listeners = new Set<(event: StoreEvent) => void>()
  readonly #byAddress = new Map<string, MailboxRules>()

  constructor(
    private storage: Storage,
    /** Time stamps of events. */
    private readonly clock: Clock,
  ) {
    for (const m of storage.mailboxes()) this.#adopt(m)
  }

  /**
   * Serves `storage` from now on instead (a snapshot restored): its mailboxes replace every
   * mailbox, search folder views are rebuilt, listeners stay. No event is emitted.
   */
  protected replaceStorage(storage: Storage): void {
    this.storage = storage
    this.#byAddress.clear()
    for (const m of storage.mailboxes()) this.#adopt(m).items.refreshSearchViews()
  }

  createMailbox(spec: NewMailbox): MailboxInfo {
    const address = spec.address.toLowerCase()
    if (this.#byAddress.has(address)) {
      throw new EwsError('ErrorInvalidRequest', `Mailbox ${address} already exists.`)
    }
    const mailbox = this.#adopt(this.storage.createMailbox({ ...spec, address }))
    mailbox.createWellKnownFolders()
    return mailbox.storage.info
  }

  getMailbox(address: string): MailboxInfo | undefined {
    return this.#byAddress.get(address.toLowerCase())?.storage.info
  }

  listMailboxes(): MailboxInfo[] {
    return [...this.#byAddress.values()].map((m) => m.storage.info)
  }

  getFolder(mailbox: string, folderId: string): Folder {
    return this.#mailbox(mailbox).getFolder(folderId)
  }

  getDistinguishedFolder(mailbox: string, name: string): Folder {
    return this.#mailbox(mailbox).getDistinguishedFolder(name)
  }

  findFolders(mailbox: string, parentId: string, deep: boolean): Folder[] {
    return this.#mailbox(mailbox).findFolders(parentId, deep)
  }

  createFolder(mailbox: string, parentId: string, spec: NewFolder): Folder {
    return this.#mailbox(mailbox).createFolder(parentId, spec)
  }

  renameFolder(mailbox: string, folderId: string, displayName: string): Folder {
    return this.#mailbox(mailbox).renameFolder(folderId, displayName)
  }

  setFolderExtendedProperties(
    mailbox: string,
    folderId: string,
    properties: readonly ExtendedProperty[],
  ): Folder {
    return this.#mailbox(mailbox).setFolderExtendedProperties(folderId, properties)
  }

  setFolderPermissions(
    mailbox: string,
    folderId: string,
    permissions: readonly FolderPermission[] | undefined,
  ): Folder {
    return this.#mailbox(mailbox).setFolderPermissions(folderId, permissions)
  }

  getDelegates(mailbox: string): DelegateSettings {
    const rules = this.#mailbox(mailbox)
    const { delegates, deliverMeetingRequests } = rules.storage.delegates
    return {
      delegates: delegatesAsFolderSay(delegates, (name) => rules.storage.distinguishedFolder(name)),
      deliverMeetingRequests,
    }
  }

  setDelegates(mailbox: string, settings: DelegateSettings): void {
    this.#mailbox(mailbox).setDelegates(settings)
  }

  deleteFolder(mailbox: string, folderId: string, mode: FolderDeleteMode): void {
    this.#mailbox(mailbox).deleteFolder(folderId, mode)
  }

  moveFolder(mailbox: string, folderId: string, toFolderId: string): Folder {
    return this.#mailbox(mailbox).moveFolder(folderId, toFolderId)
  }

  copyFolder(mailbox: string, folderId: string, toFolderId: string): Folder {
    return this.#mailbox(mailbox).copyFolder(folderId, toFolderId)
  }

  emptyFolder(
    mailbox: string,
    folderId: string,
    mode: FolderDeleteMode,
    deleteSubFolders: boolean,
  ): void {
    this.#mailbox(mailbox).emptyFolder(folderId, mode, deleteSubFolders)
  }

  hierarchySeq(mailbox: string): number {
    return this.#mailbox(mailbox).storage.hierarchySeq
  }

  hierarchyChanges(mailbox: string, rootId: string, since: number | undefined): HierarchyChanges {
    return this.#mailbox(mailbox).hierarchyChanges(rootId, since)
  }

  createItem(mailbox: string, folderId: string, fields: ItemFields): Item {
    return this.#mailbox(mailbox).createItem(folderId, fields)
  }

  getItem(mailbox: string, itemId: string): Item {
    return this.#mailbox(mailbox).getItem(itemId)
  }

  findItems(mailbox: string, folderId: string, query: ItemQuery): Page<Item> {
    return this.#mailbox(mailbox).findItems(folderId, query)
  }

  updateItem(mailbox: string, itemId: string, change: ItemChange): Item {
    return this.#mailbox(mailbox).updateItem(itemId, change)
  }

  moveItem(mailbox: string, itemId: string, toFolderId: string): Item {
    return this.#mailbox(mailbox).moveItem(itemId, toFolderId)
  }

  copyItem(mailbox: string, itemId: string, toFolderId: string): Item {
    return this.#mailbox(mailbox).copyItem(itemId, toFolderId)
  }

  deleteItem(mailbox: string, itemId: string, mode: ItemDeleteMode): void {
    this.#mailbox(mailbox).deleteItem(itemId, mode)
  }

  markAllItemsAsRead(mailbox: string, folderId: string, isRead: boolean): void {
    this.#mailbox(mailbox).markAllItemsAsRead(folderId, isRead)
  }

  itemSeq(mailbox: string): number {
    return this.#mailbox(mailbox).storage.itemSeq
  }

  itemChanges(
    mailbox: string,
    folderId: string,
    since: SyncCursor | undefined,
    max: number,
  ): ItemSyncChanges {
    return this.#mailbox(mailbox).itemChanges(folderId, since, max)
  }

  submit(submission: Submission): Item[] {
    // Validate every part first: a submission lands whole or not at all.
    const removal = submission.remove && this.#mailbox(submission.remove.mailbox)
    const draft = removal && removal.item(submission.remove!.itemId)
    const growth = new Map<MailboxRules, number>()
    if (removal && draft) growth.set(removal, -draft.size)
    const targets = submission.create.map((part) => {
      const mailbox = this.#mailbox(part.mailbox)
      const size = itemSize(part.fields)
      growth.set(mailbox, (growth.get(mailbox) ?? 0) + size)
      return { mailbox, folder: mailbox.itemFolder(part.folderId), part, size }
    })
    for (const [mailbox, bytes] of growth) mailbox.items.checkQuota(bytes)
    if (removal && draft) removal.items.remove(draft)
    return targets.map(({ mailbox, folder, part, size }) =>
      mailbox.items.snapshot(
        mailbox.items.add(folder, part.fields, part.newMail ? 'NewMail' : 'Created', size),
      ),
    )
  }

  mailboxSize(mailbox: string): number {
    return this.#mailbox(mailbox).storage.totalSize
  }

  setQuota(mailbox: string, bytes: number): void {
    if (!(bytes >= 0)) throw new RangeError(`A quota is 0 or more bytes, not ${bytes}.`)
    this.#mailbox(mailbox).storage.quota = bytes
  }

  onEvent(listener: (event: StoreEvent) => void): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  #adopt(storage: MailboxStorage): MailboxRules {
    const mailbox = new MailboxRules(storage, {
      clock: this.clock,
      emit: (event) => this.#emit(event),
      isKnownMailbox: (k) => this.storage.isMailboxKey(k),
    })
    this.#byAddress.set(storage.info.address, mailbox)
    return mailbox
  }

  #emit(event: StoreEvent): void {
    for (const listener of this.#listeners) listener(event)
  }

  #mailbox(address: string): MailboxRules {
    const mbx = this.#byAddress.get(address.toLowerCase())
    if (!mbx) throw new EwsError('ErrorNonExistentMailbox')
    return mbx
  }
}
