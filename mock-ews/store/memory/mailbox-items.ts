/**
 * The items of one mailbox in memory: records by id, one ItemView per folder, and the views of its
 * search folders (kept up to date as items come, go and change class). Every mutation goes through
 * here, so views, unread counts, sync logs and events cannot disagree.
 */
import { EwsError } from '../../domain/errors.ts'
import { encodeId } from '../../domain/ids.ts'
import { copyItemFields, itemSize } from '../../domain/items.ts'
import type { Item, ItemFields } from '../../domain/items.ts'
import type { Clock } from '../../support/clock.ts'
import type { IdGenerator } from '../../support/ids.ts'
import type { ItemChange, StoreEvent } from '../mailbox-store.ts'
import { searchFolderShows } from '../rules/search-folders.ts'
import type { FolderRecord, FolderTree } from './folder-tree.ts'
import { ItemView } from './item-view.ts'
import type { ItemRecord } from './item-view.ts'
import { toStoredFields } from './stored-fields.ts'
import type { StoredFields } from './stored-fields.ts'

export interface ItemsDeps {
  mailbox: string
  mailboxKey: string
  tree: FolderTree
  ids: IdGenerator
  clock: Clock
  nextChangeKey: () => string
  emit: (event: StoreEvent) => void
}

export class MailboxItems {
  readonly records = new Map<string, ItemRecord>()
  readonly #views = new Map<string, ItemView>()
  seq = 0
  /** Sum of the sizes of the records: kept as items come, go and change, never re-summed. */
  totalSize = 0
  /** ProhibitSendReceiveQuota: no write may take totalSize above it. */
  quota = Number.POSITIVE_INFINITY

  constructor(private readonly deps: ItemsDeps) {}

  /** The view of a folder (created on first use). */
  view(folderId: string): ItemView {
    let v = this.#views.get(folderId)
    if (!v) {
      v = new ItemView()
      this.#views.set(folderId, v)
    }
    return v
  }

  /** ErrorQuotaExceeded when `growth` more bytes would take the mailbox above its quota. */
  checkQuota(growth: number): void {
    if (growth <= 0 || this.totalSize + growth <= this.quota) return
    throw new EwsError(
      'ErrorQuotaExceeded',
      `The mailbox ${this.deps.mailbox} would exceed its quota (ProhibitSendReceiveQuota ${this.quota} bytes; it holds ${this.totalSize}, the change adds ${growth}).`,
    )
  }

  add(folder: FolderRecord, fields: ItemFields, event: 'Created' | 'NewMail'): ItemRecord {
    const stored = toStoredFields(fields)
    const size = itemSize(stored)
    this.checkQuota(size)
    const rec = this.#insert(folder, stored, size)
    this.#emit('Created', rec)
    if (event === 'NewMail') this.#emit('NewMail', rec)
    return rec
  }

  remove(rec: ItemRecord): void {
    this.#erase(rec)
    this.#emit('Deleted', rec)
  }

  change(rec: ItemRecord, change: ItemChange): void {
    const wasRead = rec.fields.isRead
    const readOnly = Object.keys(change).every((k) => k === 'isRead')
    // A read flag alone (MarkAllItemsAsRead, say) keeps the stored strings; anything else is stored afresh.
    const fields = readOnly
      ? { ...rec.fields, isRead: change.isRead ?? rec.fields.isRead }
      : toStoredFields({ ...rec.fields, ...change })
    const size = readOnly ? rec.size : itemSize(fields)
    this.checkQuota(size - rec.size)
    rec.fields = fields
    this.totalSize += size - rec.size
    rec.size = size
    rec.changeKey = this.deps.nextChangeKey()
    rec.modified = this.deps.clock.now().getTime()
    const seq = ++this.seq
    this.view(rec.folderId).changed(rec, wasRead, readOnly ? 'read' : 'update', seq)
    for (const [id, view] of this.#searchViews()) {
      const belongs = this.#belongsTo(rec, id)
      if (view.has(rec) && !belongs) view.remove(rec, seq, wasRead)
      else if (view.has(rec)) view.changed(rec, wasRead, readOnly ? 'read' : 'update', seq)
      else if (belongs) view.add(rec, seq)
    }
    this.#emit('Modified', rec)
  }

  /** Moves an item; like Exchange, the moved item gets a new id. */
  move(rec: ItemRecord, to: FolderRecord): ItemRecord {
    this.#erase(rec)
    const moved = this.#insert(to, rec.fields, rec.size)
    moved.created = rec.created
    this.#emit('Moved', moved, rec)
    return moved
  }

  copy(rec: ItemRecord, to: FolderRecord): ItemRecord {
    this.checkQuota(rec.size)
    const copy = this.#insert(to, rec.fields, rec.size)
    this.#emit('Copied', copy, rec)
    return copy
  }

  /** After a folder moved or was deleted: items below it may enter or leave search views. */
  refreshSearchViews(): void {
    const seq = ++this.seq
    for (const [id, view] of this.#searchViews()) {
      for (const rec of [...view.all()]) if (!this.#belongsTo(rec, id)) view.remove(rec, seq)
      for (const rec of this.records.values())
        if (!view.has(rec) && this.#belongsTo(rec, id)) view.add(rec, seq)
    }
  }

  /** Drops the items of deleted folders (their views go with them). */
  dropFolder(folderId: string): void {
    const view = this.#views.get(folderId)
    if (!view) return
    for (const rec of [...view.all()]) {
      this.records.delete(rec.id)
      this.totalSize -= rec.size
      this.#emit('Deleted', rec)
    }
    this.#views.delete(folderId)
  }

  snapshot(rec: ItemRecord): Item {
    const folder = this.deps.tree.folders.get(rec.folderId)!
    return Object.assign(copyItemFields(rec.fields), {
      itemId: { id: rec.id, changeKey: rec.changeKey },
      parentFolderId: { id: folder.id, changeKey: folder.changeKey },
      mailbox: this.deps.mailbox,
      dateTimeCreated: new Date(rec.created),
      lastModifiedTime: new Date(rec.modified),
      size: rec.size,
    })
  }

  #insert(folder: FolderRecord, fields: StoredFields, size: number): ItemRecord {
    const now = this.deps.clock.now().getTime()
    const rec: ItemRecord = {
      id: encodeId('item', this.deps.mailboxKey, this.deps.ids.bytes(16)),
      changeKey: this.deps.nextChangeKey(),
      folderId: folder.id,
      fields,
      size,
      created: now,
      modified: now,
      seq: ++this.seq,
    }
    this.records.set(rec.id, rec)
    this.totalSize += rec.size
    this.view(folder.id).add(rec, this.seq)
    for (const [id, view] of this.#searchViews())
      if (this.#belongsTo(rec, id)) view.add(rec, this.seq)
    return rec
  }

  #erase(rec: ItemRecord): void {
    const seq = ++this.seq
    this.view(rec.folderId).remove(rec, seq)
    for (const [, view] of this.#searchViews()) view.remove(rec, seq)
    this.records.delete(rec.id)
    this.totalSize -= rec.size
  }

  *#searchViews(): Iterable<[string, ItemView]> {
    for (const folder of this.deps.tree.folders.values()) {
      if (folder.searchItemClassPrefixes) yield [folder.id, this.view(folder.id)]
    }
  }

  /** Whether a search folder shows an item (the rule: store/rules/search-folders.ts). */
  #belongsTo(rec: ItemRecord, searchFolderId: string): boolean {
    const { tree } = this.deps
    const search = tree.folders.get(searchFolderId)
    const folder = tree.folders.get(rec.folderId)
    if (!search?.searchItemClassPrefixes || !folder) return false
    return searchFolderShows(
      search.searchItemClassPrefixes,
      rec.fields,
      folder,
      this.deps.mailbox,
      tree,
    )
  }

  #emit(type: StoreEvent['type'], rec: ItemRecord, old?: ItemRecord): void {
    const folder = this.deps.tree.folders.get(rec.folderId)
    const oldFolder = old && this.deps.tree.folders.get(old.folderId)
    this.deps.emit({
      type,
      mailbox: this.deps.mailbox,
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
