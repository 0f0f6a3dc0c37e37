/**
 * Every change of a mailbox's items, whatever the storage: on each one, the folder's view, the
 * search views (store/rules/search-folders.ts), the log entries SyncFolderItems reads, the quota
 * and the events (`Created` + `NewMail`, `Moved` with the old ids, …) move together, so they cannot
 * disagree (docs/decisions/0023). The storage keeps the records and views and does what it is told.
 */
import { EwsError } from '../../domain/errors.ts'
import { itemSize } from '../../domain/items.ts'
import type { Item, ItemFields } from '../../domain/items.ts'
import type { Clock } from '../../support/clock.ts'
import type { ItemChange, StoreEvent } from '../mailbox-store.ts'
import { snapshotItem } from '../../domain/snapshot-source.ts'
import { searchFolderShows } from './search-folders.ts'
import type { MailboxStorage, StoredFolder, StoredItem, StoredView } from './storage.ts'

export interface ItemChangesDeps {
  clock: Clock
  emit: (event: StoreEvent) => void
}

export class ItemChanges {
  constructor(
    private readonly storage: MailboxStorage,
    private readonly deps: ItemChangesDeps,
  ) {}

  /** ErrorQuotaExceeded when `growth` more bytes would take the mailbox above its quota. */
  checkQuota(growth: number): void {
    const { totalSize, quota, info } = this.storage
    if (growth <= 0 || totalSize + growth <= quota) return
    throw new EwsError(
      'ErrorQuotaExceeded',
      `The mailbox ${info.address} would exceed its quota (ProhibitSendReceiveQuota ${quota} bytes; it holds ${totalSize}, the change adds ${growth}).`,
    )
  }

  /** `size`: itemSize(fields), when the caller has it already (a submission sums them first). */
  add(
    folder: StoredFolder,
    fields: ItemFields,
    event: 'Created' | 'NewMail',
    size = itemSize(fields),
  ): StoredItem {
    this.checkQuota(size)
    const rec = this.storage.insertItem(folder, fields, size)
    this.#enter(rec)
    this.#emit('Created', rec)
    if (event === 'NewMail') this.#emit('NewMail', rec)
    return rec
  }

  remove(rec: StoredItem): void {
    this.#erase(rec)
    this.#emit('Deleted', rec)
  }

  change(rec: StoredItem, change: ItemChange): void {
    const wasRead = rec.fields.isRead
    const readOnly = Object.keys(change).every((k) => k === 'isRead')
    const size = readOnly ? rec.size : itemSize({ ...rec.fields, ...change })
    this.checkQuota(size - rec.size)
    this.storage.changeItem(rec, change, readOnly, size)
    const seq = this.storage.nextItemSeq()
    this.storage.view(rec.folderId).changed(rec, wasRead, readOnly ? 'read' : 'update', seq)
    for (const [id, view] of this.#searchViews()) {
      const belongs = this.#belongsTo(rec, id)
      if (view.has(rec) && !belongs) view.remove(rec, seq, wasRead)
      else if (view.has(rec)) view.changed(rec, wasRead, readOnly ? 'read' : 'update', seq)
      else if (belongs) view.add(rec, seq)
    }
    this.#emit('Modified', rec)
  }

  /** Moves an item; like Exchange, the moved item gets a new id. */
  move(rec: StoredItem, to: StoredFolder): StoredItem {
    this.#erase(rec)
    const moved = this.storage.insertCopy(to, rec, true)
    this.#enter(moved)
    this.#emit('Moved', moved, rec)
    return moved
  }

  copy(rec: StoredItem, to: StoredFolder): StoredItem {
    this.checkQuota(rec.size)
    const copy = this.storage.insertCopy(to, rec, false)
    this.#enter(copy)
    this.#emit('Copied', copy, rec)
    return copy
  }

  /** After a folder moved or was deleted: items below it may enter or leave search views. */
  refreshSearchViews(): void {
    const seq = this.storage.nextItemSeq()
    const shows = (id: string) => (rec: StoredItem) => this.#belongsTo(rec, id)
    for (const [id, view] of this.#searchViews()) {
      for (const rec of [...view.all()]) if (!this.#belongsTo(rec, id)) view.remove(rec, seq)
      this.storage.fillSearchView(id, shows(id), seq)
    }
  }

  /** Drops the items of a deleted folder (its view goes with them). */
  dropFolder(folderId: string): void {
    this.storage.dropFolderItems(folderId, (rec) => this.#emit('Deleted', rec))
  }

  snapshot(rec: StoredItem): Item {
    const folder = this.storage.folder(rec.folderId)!
    return snapshotItem(rec.fields, {
      id: rec.id,
      changeKey: rec.changeKey,
      folderId: folder.id,
      folderChangeKey: folder.changeKey,
      mailbox: this.storage.info.address,
      created: rec.created,
      modified: rec.modified,
      size: rec.size,
    })
  }

  /** A new record joins its folder's view and the search views that show it. */
  #enter(rec: StoredItem): void {
    this.storage.view(rec.folderId).add(rec, rec.seq)
    const folder = this.storage.folder(rec.folderId)
    if (!folder) return
    for (const search of this.storage.searchFolders())
      if (this.#shows(search, rec, folder)) this.storage.view(search.id).add(rec, rec.seq)
  }

  #erase(rec: StoredItem): void {
    const seq = this.storage.nextItemSeq()
    this.storage.view(rec.folderId).remove(rec, seq)
    for (const [, view] of this.#searchViews()) view.remove(rec, seq)
    this.storage.eraseItem(rec)
  }

  *#searchViews(): Iterable<[string, StoredView]> {
    for (const folder of this.storage.searchFolders())
      yield [folder.id, this.storage.view(folder.id)]
  }

  /** Whether a search folder shows an item (the rule: searchFolderShows). */
  #belongsTo(rec: StoredItem, searchFolderId: string): boolean {
    const search = this.storage.folder(searchFolderId)
    const folder = this.storage.folder(rec.folderId)
    return !!search && !!folder && this.#shows(search, rec, folder)
  }

  #shows(search: StoredFolder, rec: StoredItem, folder: StoredFolder): boolean {
    const { searchItemClassPrefixes: prefixes } = search
    if (!prefixes) return false
    return searchFolderShows(prefixes, rec.fields, folder, this.storage.info.address, this.storage)
  }

  #emit(type: StoreEvent['type'], rec: StoredItem, old?: StoredItem): void {
    const folder = this.storage.folder(rec.folderId)
    const oldFolder = old && this.storage.folder(old.folderId)
    this.deps.emit({
      type,
      mailbox: this.storage.info.address,
      itemId: { id: rec.id, changeKey: rec.changeKey },
      parentFolderId: { id: rec.folderId, changeKey: folder?.changeKey ?? '' },
      ...(old && {
        oldItemId: { id: old.id, changeKey: old.changeKey },
        oldParentFolderId: { id: old.folderId, changeKey: oldFolder?.changeKey ?? '' },
      }),
      at: this.deps.clock.now(),
    })
  }
}
