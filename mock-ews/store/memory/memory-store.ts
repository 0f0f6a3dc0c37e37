/** In-memory MailboxStore: the default store, and the reference for the store contract. */
import { EwsError } from '../../domain/errors.ts'
import type { Folder } from '../../domain/folders.ts'
import { encodeChangeKey } from '../../domain/ids.ts'
import { itemSize } from '../../domain/items.ts'
import type { Item, ItemFields } from '../../domain/items.ts'
import type { Page } from '../../domain/paging.ts'
import { systemClock } from '../../support/clock.ts'
import type { Clock } from '../../support/clock.ts'
import { randomIds } from '../../support/ids.ts'
import type { IdGenerator } from '../../support/ids.ts'
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
import { MemoryMailbox } from './mailbox.ts'

export interface MemoryStoreOptions {
  ids?: IdGenerator
  /** Dates the store writes itself (creation, last modification, event time stamps). */
  clock?: Clock
}

export class MemoryMailboxStore implements MailboxStore {
  readonly #ids: IdGenerator
  readonly #clock: Clock
  readonly #listeners = new Set<(event: StoreEvent) => void>()
  readonly #byAddress = new Map<string, MemoryMailbox>()
  readonly #byKey = new Map<string, MemoryMailbox>()
  #changeNumber = 0

  constructor(options: MemoryStoreOptions = {}) {
    this.#ids = options.ids ?? randomIds
    this.#clock = options.clock ?? systemClock
  }

  createMailbox(spec: NewMailbox): MailboxInfo {
    const address = spec.address.toLowerCase()
    if (this.#byAddress.has(address)) {
      throw new EwsError('ErrorInvalidRequest', `Mailbox ${address} already exists.`)
    }
    const key = Buffer.from(this.#ids.bytes(16)).toString('hex')
    const info: MailboxInfo = Object.freeze({
      address,
      displayName: spec.displayName,
      generation: spec.generation,
      key,
    })
    const mailbox = new MemoryMailbox(info, {
      ids: this.#ids,
      clock: this.#clock,
      nextChangeKey: () => encodeChangeKey(++this.#changeNumber),
      emit: (event) => this.#emit(event),
      isKnownMailbox: (k) => this.#byKey.has(k),
    })
    this.#byAddress.set(address, mailbox)
    this.#byKey.set(key, mailbox)
    return info
  }

  getMailbox(address: string): MailboxInfo | undefined {
    return this.#byAddress.get(address.toLowerCase())?.info
  }

  listMailboxes(): MailboxInfo[] {
    return [...this.#byAddress.values()].map((m) => m.info)
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

  deleteFolder(mailbox: string, folderId: string, mode: FolderDeleteMode): void {
    this.#mailbox(mailbox).deleteFolder(folderId, mode)
  }

  hierarchySeq(mailbox: string): number {
    return this.#mailbox(mailbox).tree.seq
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
    return this.#mailbox(mailbox).items.seq
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
    const growth = new Map<MemoryMailbox, number>()
    if (removal && draft) growth.set(removal, -draft.size)
    const targets = submission.create.map((part) => {
      const mailbox = this.#mailbox(part.mailbox)
      growth.set(mailbox, (growth.get(mailbox) ?? 0) + itemSize(part.fields))
      return { mailbox, folder: mailbox.itemFolder(part.folderId), part }
    })
    for (const [mailbox, bytes] of growth) mailbox.items.checkQuota(bytes)
    if (removal && draft) removal.items.remove(draft)
    return targets.map(({ mailbox, folder, part }) =>
      mailbox.items.snapshot(
        mailbox.items.add(folder, part.fields, part.newMail ? 'NewMail' : 'Created'),
      ),
    )
  }

  mailboxSize(mailbox: string): number {
    return this.#mailbox(mailbox).items.totalSize
  }

  setQuota(mailbox: string, bytes: number): void {
    if (!(bytes >= 0)) throw new RangeError(`A quota is 0 or more bytes, not ${bytes}.`)
    this.#mailbox(mailbox).items.quota = bytes
  }

  onEvent(listener: (event: StoreEvent) => void): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  #emit(event: StoreEvent): void {
    for (const listener of this.#listeners) listener(event)
  }

  #mailbox(address: string): MemoryMailbox {
    const mbx = this.#byAddress.get(address.toLowerCase())
    if (!mbx) throw new EwsError('ErrorNonExistentMailbox')
    return mbx
  }
}
