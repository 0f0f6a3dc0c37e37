/** One mailbox of the memory store: its folder tree and its items; the folder rules are store/rules/folder-rules.ts. */
import { EwsError } from '../../domain/errors.ts'
import { wellKnownFoldersFor } from '../../domain/folders.ts'
import type { Folder } from '../../domain/folders.ts'
import type { Item, ItemFields } from '../../domain/items.ts'
import type { Page } from '../../domain/paging.ts'
import type { Clock } from '../../support/clock.ts'
import type { IdGenerator } from '../../support/ids.ts'
import type {
  FolderDeleteMode,
  HierarchyChanges,
  ItemChange,
  ItemDeleteMode,
  ItemQuery,
  ItemSyncChanges,
  MailboxInfo,
  NewFolder,
  StoreEvent,
  SyncCursor,
} from '../mailbox-store.ts'
import { FolderTree } from './folder-tree.ts'
import type { FolderRecord } from './folder-tree.ts'
import {
  checkDeletable,
  checkHoldsFolders,
  checkHoldsItems,
  checkNameFree,
  deleteTarget,
  ownRecord,
} from '../rules/folder-rules.ts'
import type { IdOwner } from '../rules/folder-rules.ts'
import { queryItems } from '../rules/item-query.ts'
import { syncChanges } from '../rules/item-sync.ts'
import type { ItemRecord } from './item-view.ts'
import { MailboxItems } from './mailbox-items.ts'
import { ownString } from '../../support/strings.ts'

export interface MailboxDeps {
  ids: IdGenerator
  clock: Clock
  nextChangeKey: () => string
  emit: (event: StoreEvent) => void
  /** Whether a mailbox GUID is one of this store's (an id from another mailbox is then ErrorAccessDenied). */
  isKnownMailbox: (key: string) => boolean
}

export class MemoryMailbox {
  readonly tree: FolderTree
  readonly items: MailboxItems
  readonly #owner: IdOwner

  constructor(
    readonly info: MailboxInfo,
    private readonly deps: MailboxDeps,
  ) {
    this.tree = new FolderTree(info.key, deps.ids, deps.nextChangeKey)
    this.#owner = { key: info.key, isKnownMailbox: deps.isKnownMailbox }
    for (const w of wellKnownFoldersFor(info.generation)) {
      const parent = w.parent === undefined ? undefined : this.tree.distinguished.get(w.parent)
      const rec = this.tree.add(parent, {
        displayName: w.displayName,
        folderClass: w.folderClass,
        kind: w.kind,
      })
      rec.distinguishedId = w.distinguishedId
      rec.wellKnown = true
      rec.searchItemClassPrefixes = w.searchItemClassPrefixes
      if (w.distinguishedId) this.tree.distinguished.set(w.distinguishedId, rec)
    }
    this.items = new MailboxItems({
      ...deps,
      mailbox: info.address,
      mailboxKey: info.key,
      tree: this.tree,
    })
  }

  getFolder(folderId: string): Folder {
    return this.snapshot(this.folder(folderId))
  }

  getDistinguishedFolder(name: string): Folder {
    const rec = this.tree.distinguished.get(name)
    if (!rec) throw new EwsError('ErrorFolderNotFound')
    return this.snapshot(rec)
  }

  findFolders(parentId: string, deep: boolean): Folder[] {
    const out: Folder[] = []
    const walk = (rec: FolderRecord): void => {
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
    const rec = this.tree.add(parent, spec)
    this.tree.touch(parent)
    return this.snapshot(rec)
  }

  renameFolder(folderId: string, displayName: string): Folder {
    const rec = this.folder(folderId)
    if (rec.parent) checkNameFree(rec.parent.children, displayName, rec)
    rec.displayName = ownString(displayName)
    this.tree.touch(rec)
    return this.snapshot(rec)
  }

  deleteFolder(folderId: string, mode: FolderDeleteMode): void {
    const rec = this.folder(folderId)
    checkDeletable(rec, !rec.parent)
    const deletedItems = deleteTarget(mode, rec, this.tree)
    if (deletedItems) {
      this.tree.move(rec, deletedItems)
    } else {
      const subtree = [rec, ...descendants(rec)]
      this.tree.remove(rec)
      for (const f of subtree) this.items.dropFolder(f.id)
    }
    this.items.refreshSearchViews()
  }

  hierarchyChanges(rootId: string, since: number | undefined): HierarchyChanges {
    const changes = this.tree
      .changesSince(this.folder(rootId), since)
      .map((c) =>
        c.type === 'Delete'
          ? { type: c.type, folderId: c.id }
          : { type: c.type, folder: this.snapshot(c.folder) },
      )
    return { changes, seq: this.tree.seq }
  }

  createItem(folderId: string, fields: ItemFields): Item {
    return this.items.snapshot(this.items.add(this.itemFolder(folderId), fields, 'Created'))
  }

  getItem(itemId: string): Item {
    return this.items.snapshot(this.item(itemId))
  }

  findItems(folderId: string, query: ItemQuery): Page<Item> {
    return queryItems(this.items.view(this.folder(folderId).id), query, (r) =>
      this.items.snapshot(r),
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
    const deletedItems = deleteTarget(mode, this.tree.folders.get(rec.folderId)!, this.tree)
    if (deletedItems) this.items.move(rec, deletedItems)
    else this.items.remove(rec)
  }

  markAllItemsAsRead(folderId: string, isRead: boolean): void {
    for (const rec of [...this.items.view(this.folder(folderId).id).all()]) {
      if (rec.fields.isRead !== isRead) this.items.change(rec, { isRead })
    }
  }

  itemChanges(folderId: string, since: SyncCursor | undefined, max: number): ItemSyncChanges {
    const view = this.items.view(this.folder(folderId).id)
    const lookup = (id: string): ItemRecord | undefined => this.items.records.get(id)
    return syncChanges(view, since, max, this.items.seq, lookup, (r) => this.items.snapshot(r))
  }

  /** A folder of this mailbox by id: ErrorInvalidIdMalformed, ErrorFolderNotFound, ErrorAccessDenied. */
  folder(folderId: string): FolderRecord {
    return ownRecord(folderId, 'folder', this.#owner, (id) => this.tree.folders.get(id))
  }

  /** A folder that can hold items: not a search folder. */
  itemFolder(folderId: string): FolderRecord {
    const folder = this.folder(folderId)
    checkHoldsItems(folder)
    return folder
  }

  item(itemId: string): ItemRecord {
    return ownRecord(itemId, 'item', this.#owner, (id) => this.items.records.get(id))
  }

  snapshot(rec: FolderRecord): Folder {
    const view = this.items.view(rec.id)
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
      mailbox: this.info.address,
      searchItemClassPrefixes: rec.searchItemClassPrefixes
        ? [...rec.searchItemClassPrefixes]
        : undefined,
    }
  }
}

function descendants(rec: FolderRecord): FolderRecord[] {
  return rec.children.flatMap((c) => [c, ...descendants(c)])
}
