/** In-memory MailboxStore: the default store, and the reference for the store contract. */
import { EwsError } from '../domain/errors.ts'
import { canHoldChildren, wellKnownFoldersFor } from '../domain/folders.ts'
import type { Folder, FolderKind } from '../domain/folders.ts'
import { decodeId, encodeChangeKey, encodeId } from '../domain/ids.ts'
import type { IdGenerator } from '../support/ids.ts'
import { randomIds } from '../support/ids.ts'
import type {
  FolderDeleteMode,
  HierarchyChange,
  HierarchyChanges,
  MailboxInfo,
  MailboxStore,
  NewFolder,
  NewMailbox,
} from './mailbox-store.ts'

interface FolderRecord {
  id: string
  changeKey: string
  parent: FolderRecord | undefined
  children: FolderRecord[]
  kind: FolderKind
  displayName: string
  folderClass: string | undefined
  distinguishedId: string | undefined
  searchItemClassPrefixes: readonly string[] | undefined
  /** Created with the mailbox (distinguished or not): cannot be deleted. */
  wellKnown: boolean
  mailbox: string
  createdSeq: number
  changedSeq: number
}

interface Tombstone {
  id: string
  /** Ids of the folder's ancestors when it was deleted, to scope syncs rooted below root. */
  ancestors: string[]
  createdSeq: number
  seq: number
}

interface MailboxRecord {
  info: MailboxInfo
  folders: Map<string, FolderRecord>
  distinguished: Map<string, FolderRecord>
  tombstones: Tombstone[]
  seq: number
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
    if (this.#byAddress.has(address))
      throw new EwsError('ErrorInvalidRequest', `Mailbox ${address} already exists.`)
    const key = Buffer.from(this.#ids.bytes(16)).toString('hex')
    const info: MailboxInfo = Object.freeze({
      address,
      displayName: spec.displayName,
      generation: spec.generation,
      key,
    })
    const mbx: MailboxRecord = {
      info,
      folders: new Map(),
      distinguished: new Map(),
      tombstones: [],
      seq: 0,
    }
    for (const w of wellKnownFoldersFor(spec.generation)) {
      const parent = w.parent === undefined ? undefined : mbx.distinguished.get(w.parent)
      const rec = this.#addFolder(mbx, parent, {
        displayName: w.displayName,
        folderClass: w.folderClass,
        kind: w.kind,
      })
      rec.distinguishedId = w.distinguishedId
      rec.wellKnown = true
      rec.searchItemClassPrefixes = w.searchItemClassPrefixes
      if (w.distinguishedId) mbx.distinguished.set(w.distinguishedId, rec)
    }
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
    return this.#snapshot(this.#folder(this.#mailbox(mailbox), folderId))
  }

  getDistinguishedFolder(mailbox: string, name: string): Folder {
    const rec = this.#mailbox(mailbox).distinguished.get(name)
    if (!rec) throw new EwsError('ErrorFolderNotFound')
    return this.#snapshot(rec)
  }

  findFolders(mailbox: string, parentId: string, deep: boolean): Folder[] {
    const parent = this.#folder(this.#mailbox(mailbox), parentId)
    const out: Folder[] = []
    const walk = (rec: FolderRecord): void => {
      for (const child of rec.children) {
        out.push(this.#snapshot(child))
        if (deep) walk(child)
      }
    }
    walk(parent)
    return out
  }

  createFolder(mailbox: string, parentId: string, spec: NewFolder): Folder {
    const mbx = this.#mailbox(mailbox)
    const parent = this.#folder(mbx, parentId)
    if (!canHoldChildren(parent.kind))
      throw new EwsError('ErrorInvalidParentFolder', 'The parent folder cannot contain folders.')
    this.#checkNameFree(parent, spec.displayName, undefined)
    const rec = this.#addFolder(mbx, parent, spec)
    this.#touch(mbx, parent)
    return this.#snapshot(rec)
  }

  renameFolder(mailbox: string, folderId: string, displayName: string): Folder {
    const mbx = this.#mailbox(mailbox)
    const rec = this.#folder(mbx, folderId)
    if (rec.parent) this.#checkNameFree(rec.parent, displayName, rec)
    rec.displayName = displayName
    this.#touch(mbx, rec)
    return this.#snapshot(rec)
  }

  deleteFolder(mailbox: string, folderId: string, mode: FolderDeleteMode): void {
    const mbx = this.#mailbox(mailbox)
    const rec = this.#folder(mbx, folderId)
    if (rec.wellKnown || !rec.parent) throw new EwsError('ErrorDeleteDistinguishedFolder')
    const deletedItems = mbx.distinguished.get('deleteditems')
    if (mode === 'MoveToDeletedItems' && deletedItems && !this.#isWithin(rec, deletedItems)) {
      this.#detach(rec)
      rec.parent = deletedItems
      deletedItems.children.push(rec)
      this.#touch(mbx, rec)
      this.#touch(mbx, deletedItems)
      return
    }
    const parent = rec.parent
    this.#detach(rec)
    this.#bury(mbx, rec)
    this.#touch(mbx, parent)
  }

  hierarchySeq(mailbox: string): number {
    return this.#mailbox(mailbox).seq
  }

  hierarchyChanges(mailbox: string, rootId: string, since: number | undefined): HierarchyChanges {
    const mbx = this.#mailbox(mailbox)
    const root = this.#folder(mbx, rootId)
    const from = since ?? -1
    const changes: HierarchyChange[] = []
    const walk = (rec: FolderRecord): void => {
      for (const child of rec.children) {
        if (child.changedSeq > from) {
          changes.push({
            type: child.createdSeq > from ? 'Create' : 'Update',
            folder: this.#snapshot(child),
          })
        }
        walk(child)
      }
    }
    walk(root)
    for (const t of mbx.tombstones) {
      if (t.seq > from && t.createdSeq <= from && t.ancestors.includes(root.id)) {
        changes.push({ type: 'Delete', folderId: t.id })
      }
    }
    return { changes, seq: mbx.seq }
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
    const rec = mbx.folders.get(folderId)
    if (!rec) throw new EwsError('ErrorFolderNotFound')
    return rec
  }

  #addFolder(mbx: MailboxRecord, parent: FolderRecord | undefined, spec: NewFolder): FolderRecord {
    const seq = ++mbx.seq
    const rec: FolderRecord = {
      id: encodeId('folder', mbx.info.key, this.#ids.bytes(16)),
      changeKey: encodeChangeKey(++this.#changeNumber),
      parent,
      children: [],
      kind: spec.kind,
      displayName: spec.displayName,
      folderClass: spec.folderClass,
      distinguishedId: undefined,
      searchItemClassPrefixes: undefined,
      wellKnown: false,
      mailbox: mbx.info.address,
      createdSeq: seq,
      changedSeq: seq,
    }
    mbx.folders.set(rec.id, rec)
    parent?.children.push(rec)
    return rec
  }

  /** Records a change of `rec` (new change key, new hierarchy sequence number). */
  #touch(mbx: MailboxRecord, rec: FolderRecord): void {
    rec.changeKey = encodeChangeKey(++this.#changeNumber)
    rec.changedSeq = ++mbx.seq
  }

  #checkNameFree(parent: FolderRecord, name: string, self: FolderRecord | undefined): void {
    const lower = name.toLowerCase()
    if (parent.children.some((c) => c !== self && c.displayName.toLowerCase() === lower)) {
      throw new EwsError('ErrorFolderExists')
    }
  }

  #isWithin(rec: FolderRecord, ancestor: FolderRecord): boolean {
    for (let p = rec.parent; p; p = p.parent) if (p === ancestor) return true
    return false
  }

  #detach(rec: FolderRecord): void {
    if (rec.parent) rec.parent.children = rec.parent.children.filter((c) => c !== rec)
  }

  /** Removes a folder and its subtree, leaving tombstones for sync. */
  #bury(mbx: MailboxRecord, rec: FolderRecord): void {
    const ancestors: string[] = []
    for (let p = rec.parent; p; p = p.parent) ancestors.push(p.id)
    const visit = (r: FolderRecord, above: string[]): void => {
      mbx.folders.delete(r.id)
      mbx.tombstones.push({
        id: r.id,
        ancestors: above,
        createdSeq: r.createdSeq,
        seq: mbx.seq + 1,
      })
      for (const c of r.children) visit(c, [r.id, ...above])
    }
    visit(rec, ancestors)
    mbx.seq++
  }

  #snapshot(rec: FolderRecord): Folder {
    return {
      folderId: { id: rec.id, changeKey: rec.changeKey },
      parentFolderId: rec.parent
        ? { id: rec.parent.id, changeKey: rec.parent.changeKey }
        : undefined,
      kind: rec.kind,
      displayName: rec.displayName,
      folderClass: rec.folderClass,
      distinguishedId: rec.distinguishedId,
      // Folders hold no items until the item operations exist (issue 3).
      totalCount: 0,
      unreadCount: 0,
      childFolderCount: rec.children.length,
      mailbox: rec.mailbox,
      searchItemClassPrefixes: rec.searchItemClassPrefixes,
    }
  }
}
