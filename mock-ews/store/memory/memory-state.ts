/**
 * The whole content of a memory store as plain data (snapshots, reset, `serve --state`), and a new
 * memory storage built from it with every id, change key and time as it was (docs/decisions/0042).
 * What is not kept: the change logs behind SyncFolderItems / SyncFolderHierarchy states and the
 * sequence numbers (a restored store starts them afresh, as a mailbox restored from backup does).
 */
import type { ExtendedProperty } from '../../domain/extended-properties.ts'
import type { FolderKind } from '../../domain/folders.ts'
import { itemSize } from '../../domain/items.ts'
import type { ItemFields } from '../../domain/items.ts'
import type { Clock } from '../../support/clock.ts'
import type { IdGenerator } from '../../support/ids.ts'
import type { MailboxGeneration } from '../../topology/profiles.ts'
import type { FolderRecord } from './folder-tree.ts'
import type { DelegateSettings, FolderPermission } from '../../domain/permissions.ts'
import { MemoryStorage } from './memory-storage.ts'
import type { MemoryMailboxStorage } from './memory-storage.ts'
import type { StoredFields } from './stored-fields.ts'

export interface FolderState {
  id: string
  changeKey: string
  /** Undefined for the root. */
  parentId: string | undefined
  kind: FolderKind
  displayName: string
  folderClass: string | undefined
  /** Created with the mailbox. */
  wellKnown: boolean
  distinguishedId: string | undefined
  searchItemClassPrefixes: readonly string[] | undefined
  extendedProperties: readonly ExtendedProperty[] | undefined
  /** The folder's PermissionSet when it was set (absent: the default one). */
  permissions?: readonly FolderPermission[] | undefined
}

export interface ItemState {
  id: string
  changeKey: string
  folderId: string
  /** Epoch milliseconds. */
  created: number
  modified: number
  fields: ItemFields
}

export interface MailboxState {
  address: string
  displayName: string
  generation: MailboxGeneration
  key: string
  /** Parents before children. */
  folders: FolderState[]
  /** Oldest first in each folder. */
  items: ItemState[]
  /** The mailbox's delegates (AddDelegate); absent: none. */
  delegates?: DelegateSettings | undefined
}

export interface StoreState {
  mailboxes: MailboxState[]
  /** The highest change number handed out (new change keys continue after it). */
  changeNumber: number
}

/** Everything a storage holds. Fields are shared, not copied: stored fields are never changed in place. */
export function exportStorage(storage: MemoryStorage): StoreState {
  const mailboxes = [...storage.mailboxes()].map(exportMailbox)
  return { mailboxes, changeNumber: storage.changeNumber }
}

function exportMailbox(m: MemoryMailboxStorage): MailboxState {
  const folders: FolderState[] = []
  const items: ItemState[] = []
  const walk = (f: FolderRecord): void => {
    folders.push({
      id: f.id,
      changeKey: f.changeKey,
      parentId: f.parent?.id,
      kind: f.kind,
      displayName: f.displayName,
      folderClass: f.folderClass,
      wellKnown: f.wellKnown,
      distinguishedId: f.distinguishedId,
      searchItemClassPrefixes: f.searchItemClassPrefixes,
      extendedProperties: f.extendedProperties,
      ...(f.permissions && { permissions: f.permissions }),
    })
    // A search folder's view holds the items of other folders: they are rebuilt, not kept.
    if (!f.searchItemClassPrefixes) {
      for (const rec of m.view(f.id).all()) {
        items.push({
          id: rec.id,
          changeKey: rec.changeKey,
          folderId: rec.folderId,
          created: rec.created,
          modified: rec.modified,
          fields: itemFieldsOf(rec.fields),
        })
      }
    }
    f.children.forEach(walk)
  }
  const root = m.distinguishedFolder('root')
  if (root) walk(root)
  const { address, displayName, generation, key } = m.info
  return { address, displayName, generation, key, folders, items, delegates: m.delegates }
}

function itemFieldsOf(f: StoredFields): ItemFields {
  return {
    ...f,
    dateTimeSent: f.dateTimeSent === undefined ? undefined : new Date(f.dateTimeSent),
    dateTimeReceived: new Date(f.dateTimeReceived),
  }
}

/** The object bytes of an id (the 16 after version, kind and mailbox GUID). */
function objectBytes(id: string): Uint8Array {
  return Buffer.from(id, 'base64').subarray(18, 34)
}

/**
 * A new memory storage holding `state`. Ids come back as they were: the storage takes its id bytes
 * from the state while building, then from `ids`. Throws (a plain Error) on a state that does not
 * hold together (a folder whose parent is missing, an item of no folder).
 */
export function importStorage(state: StoreState, ids: IdGenerator, clock: Clock): MemoryStorage {
  const queue: Uint8Array[] = []
  const scripted: IdGenerator = { bytes: (n) => queue.shift() ?? ids.bytes(n) }
  const storage = new MemoryStorage({ ids: scripted, clock }, state.changeNumber)
  for (const m of state.mailboxes) {
    queue.push(Buffer.from(m.key, 'hex'))
    const mailbox = storage.createMailbox(m)
    if (mailbox.info.key !== m.key) throw new Error(`mailbox ${m.address}: key is not a GUID`)
    for (const f of m.folders) {
      const parent = f.parentId === undefined ? undefined : mailbox.folder(f.parentId)
      if (f.parentId !== undefined && !parent)
        throw new Error(`mailbox ${m.address}: folder ${f.id} comes before its parent`)
      queue.push(objectBytes(f.id))
      const spec = {
        displayName: f.displayName,
        folderClass: f.folderClass,
        kind: f.kind,
        extendedProperties: f.extendedProperties,
        ...(f.permissions && { permissions: f.permissions }),
      }
      const marks = f.wellKnown
        ? { distinguishedId: f.distinguishedId, searchItemClassPrefixes: f.searchItemClassPrefixes }
        : undefined
      const rec = mailbox.addFolder(parent, spec, marks)
      if (rec.id !== f.id)
        throw new Error(`mailbox ${m.address}: folder id ${f.id} is not one of its ids`)
      rec.changeKey = f.changeKey
    }
    if (m.delegates) mailbox.delegates = m.delegates
    for (const i of m.items) {
      const folder = mailbox.folder(i.folderId)
      if (!folder) throw new Error(`mailbox ${m.address}: item ${i.id} is in no folder`)
      queue.push(objectBytes(i.id))
      const rec = mailbox.insertItem(folder, i.fields, itemSize(i.fields))
      if (rec.id !== i.id)
        throw new Error(`mailbox ${m.address}: item id ${i.id} is not one of its ids`)
      rec.changeKey = i.changeKey
      rec.created = i.created
      rec.modified = i.modified
      mailbox.view(folder.id).add(rec, mailbox.itemSeq)
    }
  }
  return storage
}
