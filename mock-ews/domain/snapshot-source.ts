/**
 * A snapshot of a stored item: a fresh deep copy of its fields (as `copyItemFields` makes them) and
 * what the store adds (ids, parent folder, mailbox, times, size), so no caller can change stored
 * data through it. It remembers what it was copied from: the record's stored fields, which a
 * storage replaces on every change and never changes in place (store/rules/storage.ts). That is
 * kept in a private field, so a spread or `Object.assign` copy of the item (one that may differ)
 * does not carry it. The rendered-item cache keys on it (docs/decisions/0066).
 *
 * The constructor writes every property itself (`copyItemFieldsInto`, then the store's additions,
 * so `Object.keys` of a snapshot is what it was): one object of few shapes,
 * instead of a copy of the fields assigned onto another object (the store copied every item of a
 * FindItem page twice; `snapshot` and its copies were ~20% of a FindItem page, docs/benchmarks.md).
 */
import type { FolderId } from './folders.ts'
import { copyItemFieldsInto } from './items.ts'
import type { Item, ItemFieldsWithTimes, ItemId } from './items.ts'

/** What the store adds to an item's fields (a record's id, folder, mailbox, times and size). */
export interface SnapshotFacts {
  readonly id: string
  readonly changeKey: string
  readonly folderId: string
  readonly folderChangeKey: string
  readonly mailbox: string
  /** Epoch milliseconds. */
  readonly created: number
  readonly modified: number
  readonly size: number
}

class Snapshot {
  readonly #source: object

  constructor(f: ItemFieldsWithTimes, facts: SnapshotFacts) {
    this.#source = f
    copyItemFieldsInto(this, f)
    const t = this as unknown as Record<string, unknown>
    t.itemId = { id: facts.id, changeKey: facts.changeKey } satisfies ItemId
    t.parentFolderId = { id: facts.folderId, changeKey: facts.folderChangeKey } satisfies FolderId
    t.mailbox = facts.mailbox
    t.dateTimeCreated = new Date(facts.created)
    t.lastModifiedTime = new Date(facts.modified)
    t.size = facts.size
  }

  static sourceOf(item: object): object | undefined {
    return #source in item ? (item as Snapshot).#source : undefined
  }
}

/** A snapshot of stored fields with the store's facts, marked with the fields it was copied from. */
export function snapshotItem(fields: ItemFieldsWithTimes, facts: SnapshotFacts): Item {
  return new Snapshot(fields, facts) as unknown as Item
}

export function snapshotSource(item: object): object | undefined {
  return Snapshot.sourceOf(item)
}
