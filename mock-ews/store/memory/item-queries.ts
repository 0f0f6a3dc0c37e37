/** FindItem and SyncFolderItems over one ItemView. */
import { compareValues, fieldValue } from '../../domain/item-fields.ts'
import type { Item } from '../../domain/items.ts'
import { pageRange } from '../../domain/paging.ts'
import type { Page } from '../../domain/paging.ts'
import { matches } from '../../domain/restriction.ts'
import type {
  ItemQuery,
  ItemSyncChange,
  ItemSyncChanges,
  SortKey,
  SyncCursor,
} from '../mailbox-store.ts'
import type { ItemView, ItemRecord, LogOp } from './item-view.ts'
import { RecordItem } from './record-item.ts'

const RECEIVED = 'item:DateTimeReceived'

/**
 * One page of a view. Without a restriction and in receive order (FindItem's default, newest
 * first) the page is cut straight from the ordered view: no scan. Otherwise every item is read,
 * in place: only the fields the restriction and the sort order name.
 */
export function queryItems(
  view: ItemView,
  query: ItemQuery,
  snapshot: (r: ItemRecord) => Item,
): Page<Item> {
  const sort = query.sort?.length ? query.sort : [{ field: RECEIVED, descending: true }]
  if (!query.restriction && sort.length === 1 && sort[0]!.field === RECEIVED) {
    const { start, end, ...facts } = pageRange(view.size, query.view)
    const recs = sort[0]!.descending ? view.sliceNewestFirst(start, end) : view.slice(start, end)
    return { ...facts, items: recs.map(snapshot) }
  }
  const restriction = query.restriction
  const budget = query.budget
  // Read in place (RecordItem), not copied: only the page's items are snapshots.
  let items = view.all().map((r) => {
    budget?.charge()
    return new RecordItem(r, snapshot)
  })
  if (restriction) items = items.filter((item) => matches(item, restriction, budget))
  items.sort((a, b) => compareBy(sort, a, b) || b.rec.seq - a.rec.seq)
  const { start, end, ...facts } = pageRange(items.length, query.view)
  return { ...facts, items: items.slice(start, end).map((e) => snapshot(e.rec)) }
}

function compareBy(sort: readonly SortKey[], a: Item, b: Item): number {
  for (const key of sort) {
    const c = compareValues(fieldValue(a, key.field), fieldValue(b, key.field))
    if (c !== 0) return key.descending ? -c : c
  }
  return 0
}

/**
 * Changes of a view since a cursor, read from its log, at most `max` items. Each item is reported
 * once, by comparing whether it was in the view before the window with whether it is now. When
 * `max` cuts the window short, the items already reported (as they are now) are remembered in the
 * cursor, so their later log entries do not report them again.
 */
export function syncChanges(
  view: ItemView,
  since: SyncCursor | undefined,
  max: number,
  currentSeq: number,
  lookup: (id: string) => ItemRecord | undefined,
  snapshot: (r: ItemRecord) => Item,
): ItemSyncChanges {
  const known = since?.reported ?? {}
  const seen = new Map<string, { first: LogOp; readOnly: boolean }>()
  let cut = currentSeq
  for (const e of view.logSince(since?.seq ?? -1)) {
    if ((known[e.itemId] ?? -1) >= e.seq) continue
    const entry = seen.get(e.itemId)
    if (!entry && seen.size === max) {
      cut = e.seq - 1
      break
    }
    if (entry) entry.readOnly &&= e.op === 'read'
    else seen.set(e.itemId, { first: e.op, readOnly: e.op === 'read' })
  }
  const changes: ItemSyncChange[] = []
  for (const [itemId, { first, readOnly }] of seen) {
    const found = lookup(itemId)
    const rec = found && view.has(found) ? found : undefined
    const existedBefore = first !== 'add'
    if (!existedBefore && rec) changes.push({ type: 'Create', item: snapshot(rec) })
    else if (existedBefore && !rec) changes.push({ type: 'Delete', itemId })
    else if (rec)
      changes.push({ type: readOnly ? 'ReadFlagChange' : 'Update', item: snapshot(rec) })
  }
  const includesLast = cut === currentSeq
  const reported: Record<string, number> = {}
  if (!includesLast) {
    // Still to skip: entries after the cut of items the client already has as of a later point.
    for (const [id, until] of Object.entries(known)) if (until > cut) reported[id] = until
    for (const id of seen.keys()) reported[id] = currentSeq
  }
  return { changes, cursor: { seq: cut, reported }, includesLast }
}
