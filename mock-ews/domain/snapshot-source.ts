/**
 * What a snapshot of a stored item was copied from: the record's stored fields, which a storage
 * replaces on every change and never changes in place (store/rules/storage.ts). Kept in a private
 * field of the snapshot object, so a spread or `Object.assign` copy of the item (one that may
 * differ) does not carry it. The rendered-item cache keys on it (docs/decisions/0066). (A private
 * field costs nothing per snapshot; `Object.defineProperty` of a hidden property cost ~3% of a
 * FindItem page.)
 */
class Snapshot {
  readonly #source: object

  constructor(source: object) {
    this.#source = source
  }

  static sourceOf(item: object): object | undefined {
    return #source in item ? (item as Snapshot).#source : undefined
  }
}

/** A snapshot object marked with its source: the store assigns the item's properties onto it. */
export function snapshotOf(source: object): object {
  return new Snapshot(source)
}

export function snapshotSource(item: object): object | undefined {
  return Snapshot.sourceOf(item)
}
