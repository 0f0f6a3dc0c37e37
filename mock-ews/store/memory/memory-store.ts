/** In-memory MailboxStore: the default store, and the reference for the store contract. */
import { EwsError } from '../../domain/errors.ts'
import { canHoldChildren, wellKnownFoldersFor } from '../../domain/folders.ts'
import type { Folder } from '../../domain/folders.ts'
import { decodeId, encodeChangeKey } from '../../domain/ids.ts'
import { randomIds } from '../../support/ids.ts'
import type { IdGenerator } from '../../support/ids.ts'
import type {
  FolderDeleteMode,
  HierarchyChanges,
  MailboxInfo,
  MailboxStore,
  NewFolder,
  NewMailbox,
} from '../mailbox-store.ts'
import { FolderTree } from './folder-tree.ts'
import type { FolderRecord } from './folder-tree.ts'

interface MailboxRecord {
  info: MailboxInfo
  tree: FolderTree
}

export interface MemoryStoreOptions {
  ids?: IdGenerator
}

export class MemoryMailboxStore implements MailboxStore {
  readonly #ids: IdGenerator
  readonly #byAddress = new Map<string, MailboxRecord>()
  readonly #byKey = new Map<string, MailboxRecord>()
  #changeNumber = 0

  constructor(options: MemoryStoreOptions = {}) {
    this.#ids = options.ids ?? randomIds
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
    const tree = new FolderTree(key, this.#ids, () => encodeChangeKey(++this.#changeNumber))
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
    const mbx = { info, tree }
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
      mbx.tree.remove(rec)
    }
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

function snapshot(mbx: MailboxRecord, rec: FolderRecord): Folder {
  return {
    folderId: { id: rec.id, changeKey: rec.changeKey },
    parentFolderId: rec.parent ? { id: rec.parent.id, changeKey: rec.parent.changeKey } : undefined,
    kind: rec.kind,
    displayName: rec.displayName,
    folderClass: rec.folderClass,
    distinguishedId: rec.distinguishedId,
    // Folders hold no items until the item operations exist (issue 3).
    totalCount: 0,
    unreadCount: 0,
    childFolderCount: rec.children.length,
    mailbox: mbx.info.address,
    searchItemClassPrefixes: rec.searchItemClassPrefixes
      ? [...rec.searchItemClassPrefixes]
      : undefined,
  }
}
