/**
 * The memory storage: mailboxes, their folder trees (folder-tree.ts), item records by id and one
 * ItemView per folder and search folder (item-view.ts), sequence numbers, running sizes, ids and
 * change keys. It implements the storage port (store/rules/storage.ts) and decides nothing EWS
 * says: the rules over it are RulesMailboxStore (docs/decisions/0023).
 */
import type { ExtendedProperty } from '../../domain/extended-properties.ts'
import { encodeChangeKey, idEncoder } from '../../domain/ids.ts'
import type { ItemFieldsWithTimes } from '../../domain/items.ts'
import type { DelegateSettings, FolderPermission } from '../../domain/permissions.ts'
import type { Clock } from '../../support/clock.ts'
import type { IdGenerator } from '../../support/ids.ts'
import { ownString } from '../../support/strings.ts'
import type { ItemChange, MailboxInfo, NewFolder, NewMailbox } from '../mailbox-store.ts'
import type { Location } from '../rules/hierarchy-sync.ts'
import type { MailboxStorage, Storage, WellKnownMarks } from '../rules/storage.ts'
import { FolderTree } from './folder-tree.ts'
import type { FolderRecord } from './folder-tree.ts'
import { ItemView } from './item-view.ts'
import type { ItemRecord } from './item-view.ts'
import { toStoredFields } from './stored-fields.ts'

export interface MemoryStorageOptions {
  ids: IdGenerator
  /** Creation and modification times of items. */
  clock: Clock
}

export class MemoryStorage implements Storage {
  readonly #byKey = new Map<string, MemoryMailboxStorage>()
  #changeNumber = 0

  /** `changeNumber`: the last change number handed out (a restored storage continues after it). */
  constructor(
    private readonly options: MemoryStorageOptions,
    changeNumber = 0,
  ) {
    this.#changeNumber = changeNumber
  }

  get changeNumber(): number {
    return this.#changeNumber
  }

  createMailbox(spec: NewMailbox): MemoryMailboxStorage {
    const key = Buffer.from(this.options.ids.bytes(16)).toString('hex')
    const info: MailboxInfo = Object.freeze({
      address: spec.address,
      displayName: spec.displayName,
      generation: spec.generation,
      key,
    })
    const nextChangeKey = (): string => encodeChangeKey(++this.#changeNumber)
    const mailbox = new MemoryMailboxStorage(info, { ...this.options, nextChangeKey })
    this.#byKey.set(key, mailbox)
    return mailbox
  }

  mailboxes(): Iterable<MemoryMailboxStorage> {
    return this.#byKey.values()
  }

  isMailboxKey(key: string): boolean {
    return this.#byKey.has(key)
  }
}

export class MemoryMailboxStorage implements MailboxStorage {
  readonly #tree: FolderTree
  readonly #records = new Map<string, ItemRecord>()
  readonly #views = new Map<string, ItemView>()
  readonly #itemId: (objectBytes: Uint8Array) => string
  /** The search folders, while no folder has been added or removed since they were listed. */
  #searchFolders: readonly FolderRecord[] | undefined
  itemSeq = 0
  /** Sum of the sizes of the records: kept as items come, go and change, never re-summed. */
  totalSize = 0
  quota = Number.POSITIVE_INFINITY
  delegates: DelegateSettings = {
    delegates: [],
    deliverMeetingRequests: 'DelegatesAndSendInformationToMe',
  }

  constructor(
    readonly info: MailboxInfo,
    private readonly deps: MemoryStorageOptions & { nextChangeKey: () => string },
  ) {
    this.#tree = new FolderTree(info.key, deps.ids, deps.nextChangeKey)
    this.#itemId = idEncoder('item', info.key)
  }

  folder(id: string): FolderRecord | undefined {
    return this.#tree.folders.get(id)
  }

  distinguishedFolder(name: string): FolderRecord | undefined {
    return this.#tree.distinguished.get(name)
  }

  isWithin(folder: FolderRecord, ancestor: FolderRecord): boolean {
    return this.#tree.isWithin(folder, ancestor)
  }

  searchFolders(): Iterable<FolderRecord> {
    // Asked on every item added, changed or removed; folders come and go rarely (addFolder and
    // removeFolder forget the list).
    return (this.#searchFolders ??= [...this.#tree.folders.values()].filter(
      (folder) => folder.searchItemClassPrefixes,
    ))
  }

  get hierarchySeq(): number {
    return this.#tree.seq
  }

  histories(): Iterable<readonly [string, readonly Location[]]> {
    return this.#tree.histories()
  }

  addFolder(
    parent: FolderRecord | undefined,
    spec: NewFolder,
    marks?: WellKnownMarks,
  ): FolderRecord {
    const rec = this.#tree.add(parent, spec)
    this.#searchFolders = undefined
    if (marks) {
      rec.distinguishedId = marks.distinguishedId
      rec.wellKnown = true
      rec.searchItemClassPrefixes = marks.searchItemClassPrefixes
      if (marks.distinguishedId) this.#tree.distinguished.set(marks.distinguishedId, rec)
    }
    return rec
  }

  touchFolder(rec: FolderRecord): void {
    this.#tree.touch(rec)
  }

  renameFolder(rec: FolderRecord, displayName: string): void {
    rec.displayName = ownString(displayName)
    this.#tree.touch(rec)
  }

  setFolderExtendedProperties(rec: FolderRecord, properties: readonly ExtendedProperty[]): void {
    rec.extendedProperties = properties.length ? properties.slice() : undefined
    this.#tree.touch(rec)
  }

  setFolderPermissions(
    rec: FolderRecord,
    permissions: readonly FolderPermission[] | undefined,
  ): void {
    rec.permissions = permissions?.slice()
    this.#tree.touch(rec)
  }

  moveFolder(rec: FolderRecord, to: FolderRecord): void {
    this.#tree.move(rec, to)
  }

  removeFolder(rec: FolderRecord): void {
    this.#tree.remove(rec)
    this.#searchFolders = undefined
  }

  item(id: string): ItemRecord | undefined {
    return this.#records.get(id)
  }

  view(folderId: string): ItemView {
    let v = this.#views.get(folderId)
    if (!v) {
      v = new ItemView()
      this.#views.set(folderId, v)
    }
    return v
  }

  nextItemSeq(): number {
    return ++this.itemSeq
  }

  insertItem(folder: FolderRecord, fields: ItemFieldsWithTimes, size: number): ItemRecord {
    return this.#insert(folder, toStoredFields(fields), size)
  }

  insertCopy(folder: FolderRecord, of: ItemRecord, keepCreated: boolean): ItemRecord {
    const rec = this.#insert(folder, of.fields, of.size)
    if (keepCreated) rec.created = of.created
    return rec
  }

  changeItem(rec: ItemRecord, change: ItemChange, readOnly: boolean, size: number): void {
    // A read flag alone (MarkAllItemsAsRead, say) keeps the stored strings; anything else is stored afresh.
    rec.fields = readOnly
      ? { ...rec.fields, isRead: change.isRead ?? rec.fields.isRead }
      : toStoredFields({ ...rec.fields, ...change })
    this.totalSize += size - rec.size
    rec.size = size
    rec.changeKey = this.deps.nextChangeKey()
    rec.modified = this.deps.clock.now().getTime()
  }

  eraseItem(rec: ItemRecord): void {
    this.#records.delete(rec.id)
    this.totalSize -= rec.size
  }

  dropFolderItems(folderId: string, each: (rec: ItemRecord) => void): void {
    const view = this.#views.get(folderId)
    if (!view) return
    for (const rec of [...view.all()]) {
      this.#records.delete(rec.id)
      this.totalSize -= rec.size
      each(rec)
    }
    this.#views.delete(folderId)
  }

  fillSearchView(searchFolderId: string, shows: (rec: ItemRecord) => boolean, seq: number): void {
    const view = this.view(searchFolderId)
    for (const rec of this.#records.values()) if (!view.has(rec) && shows(rec)) view.add(rec, seq)
  }

  #insert(folder: FolderRecord, fields: ItemRecord['fields'], size: number): ItemRecord {
    const now = this.deps.clock.now().getTime()
    const rec: ItemRecord = {
      id: this.#itemId(this.deps.ids.bytes(16)),
      changeKey: this.deps.nextChangeKey(),
      folderId: folder.id,
      fields,
      size,
      created: now,
      modified: now,
      seq: ++this.itemSeq,
    }
    this.#records.set(rec.id, rec)
    this.totalSize += rec.size
    return rec
  }
}
