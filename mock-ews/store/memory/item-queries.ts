/** FindItem over one ItemView (SyncFolderItems' rule is store/rules/item-sync.ts). */
import { compareValues, fieldValue } from '../../domain/item-fields.ts'
import type { Item } from '../../domain/items.ts'
import { pageRange } from '../../domain/paging.ts'
import type { Page } from '../../domain/paging.ts'
import { matches } from '../../domain/restriction.ts'
import type { ItemQuery, SortKey } from '../mailbox-store.ts'
import type { ItemView, ItemRecord } from './item-view.ts'

const RECEIVED = 'item:DateTimeReceived'

/**
 * One page of a view. Without a restriction and in receive order (FindItem's default, newest
 * first) the page is cut straight from the ordered view: no scan. Otherwise every item is read.
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
  let items = view.all().map((r) => {
    budget?.charge()
    return { seq: r.seq, item: snapshot(r) }
  })
  if (restriction)
    items = items.filter((e) => {
      budget?.charge()
      return matches(e.item, restriction, budget)
    })
  items.sort((a, b) => compareBy(sort, a.item, b.item) || b.seq - a.seq)
  const { start, end, ...facts } = pageRange(items.length, query.view)
  return { ...facts, items: items.slice(start, end).map((e) => e.item) }
}

function compareBy(sort: readonly SortKey[], a: Item, b: Item): number {
  for (const key of sort) {
    const c = compareValues(fieldValue(a, key.field), fieldValue(b, key.field))
    if (c !== 0) return key.descending ? -c : c
  }
  return 0
}
