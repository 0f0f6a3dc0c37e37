/**
 * One mailbox under the rules, whatever the storage: its folder and item operations, each checked
 * by the folder rules (folder-rules.ts) and carried out through the storage port (storage.ts);
 * item changes go through ItemChanges (docs/decisions/0023).
 */
import type { ExtendedProperty } from '../../domain/extended-properties.ts'
import { EwsError } from '../../domain/errors.ts'
import { wellKnownFoldersFor } from '../../domain/folders.ts'
import type { Folder } from '../../domain/folders.ts'
import type { Item, ItemFields } from '../../domain/items.ts'
import type { Page } from '../../domain/paging.ts'
import { DELEGATE_FOLDERS } from '../../domain/permissions.ts'
import type { DelegateSettings, FolderPermission } from '../../domain/permissions.ts'
import type { Clock } from '../../support/clock.ts'
import type {
  FolderDeleteMode,
  HierarchyChanges,
  ItemChange,
  ItemDeleteMode,
  ItemQuery,
  ItemSyncChanges,
  NewFolder,
  StoreEvent,
  SyncCursor,
} from '../mailbox-store.ts'
import {
  checkDeletable,
  checkEmptiable,
  checkHoldsFolders,
  checkHoldsItems,
  checkMoveCopy,
  checkNameFree,
  deleteTarget,
  ownRecord,
} from './folder-rules.ts'
import type { IdOwner } from './folder-rules.ts'
import { delegatePermissions, permissionsOf } from './delegate-rules.ts'
import { folderEvent } from './folder-events.ts'
import { changesSince } from './hierarchy-sync.ts'
import { ItemChanges } from './item-changes.ts'
import { queryItems } from './item-query.ts'
import { RecordItem } from './record-item.ts'
import { syncChanges } from './item-sync.ts'
import type { MailboxStorage, StoredFolder, StoredItem } from './storage.ts'

export interface MailboxRulesDeps {
  clock: Clock
  emit: (event: StoreEvent) => void
  /** Whether a mailbox GUID is one of this store's (an id from another mailbox is then ErrorAccessDenied). */
  isKnownMailbox: (key: string) => boolean
}

export class MailboxRules {
  readonly items: ItemChanges
  readonly #owner: IdOwner
  readonly #deps: MailboxRulesDeps

  constructor(
    readonly storage: MailboxStorage,
    deps: MailboxRulesDeps,
  ) {
    this.#owner = { key: storage.info.key, isKnownMailbox: deps.isKnownMailbox }
    this.#deps = deps
    this.items = new ItemChanges(storage, deps)
  }

  /** Creates the folders a new mailbox of its generation has. */
  createWellKnownFolders(): void {
    for (const w of wellKnownFoldersFor(this.storage.info.generation)) {
      const parent = w.parent === undefined ? undefined : this.storage.distinguishedFolder(w.parent)
      const spec = { displayName: w.displayName, folderClass: w.folderClass, kind: w.kind }
      this.storage.addFolder(parent, spec, w)
    }
  }

  getFolder(folderId: string): Folder {
    return this.snapshot(this.folder(folderId))
  }

  getDistinguishedFolder(name: string): Folder {
    const rec = this.storage.distinguishedFolder(name)
    if (!rec) throw new EwsError('ErrorFolderNotFound')
    return this.snapshot(rec)
  }

  findFolders(parentId: string, deep: boolean): Folder[] {
    const out: Folder[] = []
    const walk = (rec: StoredFolder): void => {
      for (const child of rec.children) {
        out.push(this.snapshot(child))
        if (deep) walk(child)
      }
    }
    walk(this.folder(parentId))
    return out
  }

  createFolder(parentId: string, spec: NewFolder): Folder {
    const parent = this.folder(parentId)
    checkHoldsFolders(parent)
    checkNameFree(parent.children, spec.displayName, undefined)
    const rec = this.storage.addFolder(parent, spec)
    this.storage.touchFolder(parent)
    this.#folderEvent('Created', rec, rec.parent)
    return this.snapshot(rec)
  }

  renameFolder(folderId: string, displayName: string): Folder {
    const rec = this.folder(folderId)
    if (rec.parent) checkNameFree(rec.parent.children, displayName, rec)
    this.storage.renameFolder(rec, displayName)
    this.#folderEvent('Modified', rec, rec.parent)
    return this.snapshot(rec)
  }

  setFolderExtendedProperties(folderId: string, properties: readonly ExtendedProperty[]): Folder {
    const rec = this.folder(folderId)
    this.storage.setFolderExtendedProperties(rec, properties)
    this.#folderEvent('Modified', rec, rec.parent)
    return this.snapshot(rec)
  }

  setFolderPermissions(
    folderId: string,
    permissions: readonly FolderPermission[] | undefined,
  ): Folder {
    const rec = this.folder(folderId)
    this.storage.setFolderPermissions(rec, permissions)
    this.#folderEvent('Modified', rec, rec.parent)
    return this.snapshot(rec)
  }

  /** New delegates, and each one's level on the delegate folders (delegate-rules.ts). */
  setDelegates(settings: DelegateSettings): void {
    const before = this.storage.delegates.delegates
    for (const name of DELEGATE_FOLDERS) {
      const rec = this.storage.distinguishedFolder(name)
      const perms = rec && delegatePermissions(rec, name, before, settings.delegates)
      if (rec && perms) {
        this.storage.setFolderPermissions(rec, perms)
        this.#folderEvent('Modified', rec, rec.parent)
      }
    }
    this.storage.delegates = settings
  }

  deleteFolder(folderId: string, mode: FolderDeleteMode): void {
    const rec = this.folder(folderId)
    checkDeletable(rec, !rec.parent)
    this.#discardFolder(rec, deleteTarget(mode, rec, this.storage))
    this.items.refreshSearchViews()
  }

  emptyFolder(folderId: string, mode: FolderDeleteMode, deleteSubFolders: boolean): void {
    const rec = this.folder(folderId)
    const subfolders = deleteSubFolders ? [...rec.children] : []
    checkEmptiable(rec, deleteSubFolders ? descendants(rec) : [])
    const deletedItems = deleteTarget(mode, rec, this.storage)
    for (const item of [...this.storage.view(rec.id).all()]) {
      if (deletedItems) this.items.move(item, deletedItems)
      else this.items.remove(item)
    }
    for (const child of subfolders) this.#discardFolder(child, deletedItems)
    if (subfolders.length > 0) this.items.refreshSearchViews()
  }

  /** Moves a folder and its subtree (ids kept, as Exchange keeps a folder's id) under `toFolderId`. */
  moveFolder(folderId: string, toFolderId: string): Folder {
    const rec = this.folder(folderId)
    const to = this.folder(toFolderId)
    checkMoveCopy(rec, to, this.storage, 'move', [])
    const from = rec.parent
    if (from !== to) {
      this.storage.moveFolder(rec, to)
      this.#folderEvent('Moved', rec, rec.parent, { folder: rec, parent: from })
      this.items.refreshSearchViews()
    }
    return this.snapshot(rec)
  }

  /** Copies a folder, its subfolders and their items (all new ids) under `toFolderId`. */
  copyFolder(folderId: string, toFolderId: string): Folder {
    const rec = this.folder(folderId)
    const to = this.folder(toFolderId)
    const subtree = [rec, ...descendants(rec)]
    checkMoveCopy(rec, to, this.storage, 'copy', subtree)
    let bytes = 0
    for (const f of subtree) for (const item of this.storage.view(f.id).all()) bytes += item.size
    this.items.checkQuota(bytes)
    const copy = (from: StoredFolder, parent: StoredFolder): StoredFolder => {
      const { displayName, folderClass, kind, extendedProperties } = from
      const made = this.storage.addFolder(parent, {
        displayName,
        folderClass,
        kind,
        extendedProperties,
      })
      this.#folderEvent('Copied', made, parent, { folder: from, parent: from.parent })
      for (const item of [...this.storage.view(from.id).all()]) this.items.copy(item, made)
      for (const child of [...from.children]) copy(child, made)
      return made
    }
    const made = copy(rec, to)
    this.storage.touchFolder(to)
    return this.snapshot(made)
  }

  /** A folder and its subtree go to `deletedItems`, or (undefined) away with their items. */
  #discardFolder(rec: StoredFolder, deletedItems: StoredFolder | undefined): void {
    const from = rec.parent
    if (deletedItems) {
      this.storage.moveFolder(rec, deletedItems)
      this.#folderEvent('Moved', rec, rec.parent, { folder: rec, parent: from })
    } else {
      const subtree = [rec, ...descendants(rec)]
      const gone = { id: rec.id, changeKey: rec.changeKey }
      this.storage.removeFolder(rec)
      for (const f of subtree) this.items.dropFolder(f.id)
      this.#folderEvent('Deleted', gone, from)
    }
  }

  /** A folder event for subscriptions (folder-events.ts). */
  #folderEvent(
    type: 'Created' | 'Modified' | 'Moved' | 'Copied' | 'Deleted',
    rec: { readonly id: string; readonly changeKey: string },
    parent: StoredFolder | undefined,
    old?: { folder: StoredFolder; parent: StoredFolder | undefined },
  ): void {
    const { address } = this.storage.info
    this.#deps.emit(folderEvent(type, address, this.#deps.clock.now(), rec, parent, old))
  }

  hierarchyChanges(rootId: string, since: number | undefined): HierarchyChanges {
    const changes = changesSince(this.folder(rootId), since, this.storage.histories()).map((c) =>
      c.type === 'Delete'
        ? { type: c.type, folderId: c.id }
        : { type: c.type, folder: this.snapshot(c.folder) },
    )
    return { changes, seq: this.storage.hierarchySeq }
  }

  createItem(folderId: string, fields: ItemFields): Item {
    return this.items.snapshot(this.items.add(this.itemFolder(folderId), fields, 'Created'))
  }

  getItem(itemId: string): Item {
    return this.items.snapshot(this.item(itemId))
  }

  findItems(folderId: string, query: ItemQuery): Page<Item> {
    const snapshot = (r: StoredItem): Item => this.items.snapshot(r)
    return queryItems(
      this.storage.view(this.folder(folderId).id),
      query,
      snapshot,
      (r) => new RecordItem(r, snapshot),
    )
  }

  updateItem(itemId: string, change: ItemChange): Item {
    const rec = this.item(itemId)
    this.items.change(rec, change)
    return this.items.snapshot(rec)
  }

  moveItem(itemId: string, toFolderId: string): Item {
    return this.items.snapshot(this.items.move(this.item(itemId), this.itemFolder(toFolderId)))
  }

  copyItem(itemId: string, toFolderId: string): Item {
    return this.items.snapshot(this.items.copy(this.item(itemId), this.itemFolder(toFolderId)))
  }

  deleteItem(itemId: string, mode: ItemDeleteMode): void {
    const rec = this.item(itemId)
    const deletedItems = deleteTarget(mode, this.storage.folder(rec.folderId)!, this.storage)
    if (deletedItems) this.items.move(rec, deletedItems)
    else this.items.remove(rec)
  }

  markAllItemsAsRead(folderId: string, isRead: boolean): void {
    for (const rec of [...this.storage.view(this.folder(folderId).id).all()]) {
      if (rec.fields.isRead !== isRead) this.items.change(rec, { isRead })
    }
  }

  itemChanges(folderId: string, since: SyncCursor | undefined, max: number): ItemSyncChanges {
    const view = this.storage.view(this.folder(folderId).id)
    const lookup = (id: string): StoredItem | undefined => this.storage.item(id)
    const snapshot = (r: StoredItem): Item => this.items.snapshot(r)
    return syncChanges(view, since, max, this.storage.itemSeq, lookup, snapshot)
  }

  /** A folder of this mailbox by id: ErrorInvalidIdMalformed, ErrorFolderNotFound, ErrorAccessDenied. */
  folder(folderId: string): StoredFolder {
    return ownRecord(folderId, 'folder', this.#owner, (id) => this.storage.folder(id))
  }

  /** A folder that can hold items: not a search folder. */
  itemFolder(folderId: string): StoredFolder {
    const folder = this.folder(folderId)
    checkHoldsItems(folder)
    return folder
  }

  item(itemId: string): StoredItem {
    return ownRecord(itemId, 'item', this.#owner, (id) => this.storage.item(id))
  }

  snapshot(rec: StoredFolder): Folder {
    const view = this.storage.view(rec.id)
    return {
      folderId: { id: rec.id, changeKey: rec.changeKey },
      parentFolderId: rec.parent
        ? { id: rec.parent.id, changeKey: rec.parent.changeKey }
        : undefined,
      kind: rec.kind,
      displayName: rec.displayName,
      folderClass: rec.folderClass,
      distinguishedId: rec.distinguishedId,
      totalCount: view.size,
      unreadCount: view.unread,
      childFolderCount: rec.children.length,
      mailbox: this.storage.info.address,
      searchItemClassPrefixes: rec.searchItemClassPrefixes
        ? [...rec.searchItemClassPrefixes]
        : undefined,
      ...(rec.extendedProperties ? { extendedProperties: rec.extendedProperties.slice() } : {}),
      permissions: permissionsOf(rec).slice(),
    }
  }
}

function descendants(rec: StoredFolder): StoredFolder[] {
  return rec.children.flatMap((c) => [c, ...descendants(c)])
}
