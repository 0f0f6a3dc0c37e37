/** In-memory MailboxStore: the default store, and the reference for the store contract. */
import { EwsError } from '../../domain/errors.ts'
import { canHoldChildren, wellKnownFoldersFor } from '../../domain/folders.ts'
import type { Folder } from '../../domain/folders.ts'
import { decodeId, encodeChangeKey } from '../../domain/ids.ts'
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
} from '../mailbox-store.ts'
import { FolderTree } from './folder-tree.ts'
import type { FolderRecord } from './folder-tree.ts'
import { queryItems, syncChanges } from './item-queries.ts'
import type { ItemRecord } from './item-view.ts'
import { MailboxItems } from './mailbox-items.ts'

interface MailboxRecord {
  info: MailboxInfo
  tree: FolderTree
  items: MailboxItems
}

export interface MemoryStoreOptions {
  ids?: IdGenerator
  /** Dates the store writes itself (creation, last modification, event time stamps). */
  clock?: Clock
}

export class MemoryMailboxStore implements MailboxStore {
  readonly #ids: IdGenerator
  readonly #clock: Clock
  readonly #listeners = new Set<(event: StoreEvent) => void>()
  readonly #byAddress = new Map<string, MailboxRecord>()
  readonly #byKey = new Map<string, MailboxRecord>()
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
    const nextChangeKey = (): string => encodeChangeKey(++this.#changeNumber)
    const tree = new FolderTree(key, this.#ids, nextChangeKey)
    for (const w of wellKnownFoldersFor(spec.generation)) {
      const parent = w.parent === undefined ? undefined : tree.distinguished.get(w.parent)
      const rec = tree.add(parent, {
        displayName: w.displayName,
        folderClass: w.folderClass,
        kind: w.kind,
      })
      rec.distinguishedId = w.distinguishedId
      rec.wellKnown = true
      rec.searchItemClassPrefixes = w.searchItemClassPrefixes
      if (w.distinguishedId) tree.distinguished.set(w.distinguishedId, rec)
    }
    const items = new MailboxItems({
      mailbox: address,
      mailboxKey: key,
      tree,
      ids: this.#ids,
      clock: this.#clock,
      nextChangeKey,
      emit: (event) => this.#emit(event),
    })
    const mbx = { info, tree, items }
    this.#byAddress.set(address, mbx)
    this.#byKey.set(key, mbx)
    return info
  }

  getMailbox(address: string): MailboxInfo | undefined {
    return this.#byAddress.get(address.toLowerCase())?.info
  }

  listMailboxes(): MailboxInfo[] {
    return [...this.#byAddress.values()].map((m) => m.info)
  }

  getFolder(mailbox: string, folderId: string): Folder {
    const mbx = this.#mailbox(mailbox)
    return snapshot(mbx, this.#folder(mbx, folderId))
  }

  getDistinguishedFolder(mailbox: string, name: string): Folder {
    const mbx = this.#mailbox(mailbox)
    const rec = mbx.tree.distinguished.get(name)
    if (!rec) throw new EwsError('ErrorFolderNotFound')
    return snapshot(mbx, rec)
  }

  findFolders(mailbox: string, parentId: string, deep: boolean): Folder[] {
    const mbx = this.#mailbox(mailbox)
    const out: Folder[] = []
    const walk = (rec: FolderRecord): void => {
      for (const child of rec.children) {
        out.push(snapshot(mbx, child))
        if (deep) walk(child)
      }
    }
    walk(this.#folder(mbx, parentId))
    return out
  }

  createFolder(mailbox: string, parentId: string, spec: NewFolder): Folder {
    const mbx = this.#mailbox(mailbox)
    const parent = this.#folder(mbx, parentId)
    if (!canHoldChildren(parent.kind)) {
      throw new EwsError('ErrorInvalidParentFolder', 'The parent folder cannot contain folders.')
    }
    checkNameFree(parent, spec.displayName, undefined)
    const rec = mbx.tree.add(parent, spec)
    mbx.tree.touch(parent)
    return snapshot(mbx, rec)
  }

  renameFolder(mailbox: string, folderId: string, displayName: string): Folder {
    const mbx = this.#mailbox(mailbox)
    const rec = this.#folder(mbx, folderId)
    if (rec.parent) checkNameFree(rec.parent, displayName, rec)
    rec.displayName = displayName
    mbx.tree.touch(rec)
    return snapshot(mbx, rec)
  }

  deleteFolder(mailbox: string, folderId: string, mode: FolderDeleteMode): void {
    const mbx = this.#mailbox(mailbox)
    const rec = this.#folder(mbx, folderId)
    if (rec.wellKnown || !rec.parent) throw new EwsError('ErrorDeleteDistinguishedFolder')
    const deletedItems = mbx.tree.distinguished.get('deleteditems')
    if (mode === 'MoveToDeletedItems' && deletedItems && !mbx.tree.isWithin(rec, deletedItems)) {
      mbx.tree.move(rec, deletedItems)
    } else {
      const subtree = [rec, ...descendants(rec)]
      mbx.tree.remove(rec)
      for (const f of subtree) mbx.items.dropFolder(f.id)
    }
    mbx.items.refreshSearchViews()
  }

  hierarchySeq(mailbox: string): number {
    return this.#mailbox(mailbox).tree.seq
  }

  hierarchyChanges(mailbox: string, rootId: string, since: number | undefined): HierarchyChanges {
    const mbx = this.#mailbox(mailbox)
    const changes = mbx.tree
      .changesSince(this.#folder(mbx, rootId), since)
      .map((c) =>
        c.type === 'Delete'
          ? { type: c.type, folderId: c.id }
          : { type: c.type, folder: snapshot(mbx, c.folder) },
      )
    return { changes, seq: mbx.tree.seq }
  }

  createItem(mailbox: string, folderId: string, fields: ItemFields): Item {
    const mbx = this.#mailbox(mailbox)
    const folder = this.#itemFolder(mbx, folderId)
    return mbx.items.snapshot(mbx.items.add(folder, fields, 'Created'))
  }

  getItem(mailbox: string, itemId: string): Item {
    const mbx = this.#mailbox(mailbox)
    return mbx.items.snapshot(this.#item(mbx, itemId))
  }

  findItems(mailbox: string, folderId: string, query: ItemQuery): Page<Item> {
    const mbx = this.#mailbox(mailbox)
    const folder = this.#folder(mbx, folderId)
    return queryItems(mbx.items.view(folder.id), query, (r) => mbx.items.snapshot(r))
  }

  updateItem(mailbox: string, itemId: string, change: ItemChange): Item {
    const mbx = this.#mailbox(mailbox)
    const rec = this.#item(mbx, itemId)
    mbx.items.change(rec, change)
    return mbx.items.snapshot(rec)
  }

  moveItem(mailbox: string, itemId: string, toFolderId: string): Item {
    const mbx = this.#mailbox(mailbox)
    const rec = this.#item(mbx, itemId)
    return mbx.items.snapshot(mbx.items.move(rec, this.#itemFolder(mbx, toFolderId)))
  }

  copyItem(mailbox: string, itemId: string, toFolderId: string): Item {
    const mbx = this.#mailbox(mailbox)
    const rec = this.#item(mbx, itemId)
    return mbx.items.snapshot(mbx.items.copy(rec, this.#itemFolder(mbx, toFolderId)))
  }

  deleteItem(mailbox: string, itemId: string, mode: ItemDeleteMode): void {
    const mbx = this.#mailbox(mailbox)
    const rec = this.#item(mbx, itemId)
    const deletedItems = mbx.tree.distinguished.get('deleteditems')
    const folder = mbx.tree.folders.get(rec.folderId)!
    const inDeleted =
      deletedItems && (folder === deletedItems || mbx.tree.isWithin(folder, deletedItems))
    if (mode === 'MoveToDeletedItems' && deletedItems && !inDeleted)
      mbx.items.move(rec, deletedItems)
    else mbx.items.remove(rec)
  }

  markAllItemsAsRead(mailbox: string, folderId: string, isRead: boolean): void {
    const mbx = this.#mailbox(mailbox)
    const folder = this.#folder(mbx, folderId)
    for (const rec of [...mbx.items.view(folder.id).all()]) {
      if (rec.fields.isRead !== isRead) mbx.items.change(rec, { isRead })
    }
  }

  itemSeq(mailbox: string): number {
    return this.#mailbox(mailbox).items.seq
  }

  itemChanges(
    mailbox: string,
    folderId: string,
    since: number | undefined,
    max: number,
  ): ItemSyncChanges {
    const mbx = this.#mailbox(mailbox)
    const folder = this.#folder(mbx, folderId)
    const { items } = mbx
    return syncChanges(
      items.view(folder.id),
      since,
      max,
      items.seq,
      (id) => items.records.get(id),
      (r) => items.snapshot(r),
    )
  }

  submit(submission: Submission): Item[] {
    // Validate every part first: a submission lands whole or not at all.
    const removal = submission.remove && {
      mbx: this.#mailbox(submission.remove.mailbox),
      rec: this.#item(this.#mailbox(submission.remove.mailbox), submission.remove.itemId),
    }
    const targets = submission.create.map((c) => {
      const mbx = this.#mailbox(c.mailbox)
      return { mbx, folder: this.#itemFolder(mbx, c.folderId), part: c }
    })
    if (removal) removal.mbx.items.remove(removal.rec)
    return targets.map(({ mbx, folder, part }) =>
      mbx.items.snapshot(mbx.items.add(folder, part.fields, part.newMail ? 'NewMail' : 'Created')),
    )
  }

  onEvent(listener: (event: StoreEvent) => void): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  #emit(event: StoreEvent): void {
    for (const listener of this.#listeners) listener(event)
  }

  #item(mbx: MailboxRecord, itemId: string): ItemRecord {
    const decoded = decodeId(itemId)
    if (decoded.kind !== 'item') throw new EwsError('ErrorCannotUseFolderIdForItemId')
    if (decoded.mailboxKey !== mbx.info.key) {
      throw this.#byKey.has(decoded.mailboxKey)
        ? new EwsError('ErrorAccessDenied')
        : new EwsError('ErrorItemNotFound')
    }
    const rec = mbx.items.records.get(itemId)
    if (!rec) throw new EwsError('ErrorItemNotFound')
    return rec
  }

  /** A folder that can hold items: not a search folder. */
  #itemFolder(mbx: MailboxRecord, folderId: string): FolderRecord {
    const folder = this.#folder(mbx, folderId)
    if (folder.searchItemClassPrefixes) {
      throw new EwsError(
        'ErrorInvalidParentFolder',
        'Items cannot be created in or moved to a search folder.',
      )
    }
    return folder
  }

  #mailbox(address: string): MailboxRecord {
    const mbx = this.#byAddress.get(address.toLowerCase())
    if (!mbx) throw new EwsError('ErrorNonExistentMailbox')
    return mbx
  }

  #folder(mbx: MailboxRecord, folderId: string): FolderRecord {
    const decoded = decodeId(folderId)
    if (decoded.kind !== 'folder') throw new EwsError('ErrorCannotUseItemIdForFolderId')
    if (decoded.mailboxKey !== mbx.info.key) {
      throw this.#byKey.has(decoded.mailboxKey)
        ? new EwsError('ErrorAccessDenied')
        : new EwsError('ErrorFolderNotFound')
    }
    const rec = mbx.tree.folders.get(folderId)
    if (!rec) throw new EwsError('ErrorFolderNotFound')
    return rec
  }
}

function checkNameFree(parent: FolderRecord, name: string, self: FolderRecord | undefined): void {
  const lower = name.toLowerCase()
  if (parent.children.some((c) => c !== self && c.displayName.toLowerCase() === lower)) {
    throw new EwsError('ErrorFolderExists')
  }
}

function descendants(rec: FolderRecord): FolderRecord[] {
  return rec.children.flatMap((c) => [c, ...descendants(c)])
}

function snapshot(mbx: MailboxRecord, rec: FolderRecord): Folder {
  const view = mbx.items.view(rec.id)
  return {
    folderId: { id: rec.id, changeKey: rec.changeKey },
    parentFolderId: rec.parent ? { id: rec.parent.id, changeKey: rec.parent.changeKey } : undefined,
    kind: rec.kind,
    displayName: rec.displayName,
    folderClass: rec.folderClass,
    distinguishedId: rec.distinguishedId,
    totalCount: view.size,
    unreadCount: view.unread,
    childFolderCount: rec.children.length,
    mailbox: mbx.info.address,
    searchItemClassPrefixes: rec.searchItemClassPrefixes
      ? [...rec.searchItemClassPrefixes]
      : undefined,
  }
}
