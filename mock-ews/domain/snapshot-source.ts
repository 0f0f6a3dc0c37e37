/**
 * What a snapshot of a stored item was copied from: the record's stored fields, which a storage
 * replaces on every change and never changes in place (store/rules/storage.ts). Kept as a
 * non-enumerable property, so a spread or `Object.assign` copy of the item (one that may differ)
 * does not carry it. The rendered-item cache keys on it (docs/decisions/0066).
 */
const SOURCE = Symbol('snapshot source')

export function markSnapshot<T extends object>(item: T, source: object): T {
  Object.defineProperty(item, SOURCE, { value: source })
  return item
}

export function snapshotSource(item: object): object | undefined {
  return (item as { [SOURCE]?: object })[SOURCE]
}
