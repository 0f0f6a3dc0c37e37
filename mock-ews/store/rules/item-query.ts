/**
 * FindItem's rule, whatever the storage: one page of a view (a folder or a search folder) under a
 * restriction and a sort (default: DateTimeReceived, newest first). Without a restriction and in
 * receive order the page is cut straight from the storage's ordered view (a port call): no scan,
 * so a page at the end of a 100k-item folder costs what the first page costs. Otherwise every
 * member of the view is read in place (only the fields a restriction or sort names), each read
 * charged to the request's budget (docs/decisions/0020, 0023).
 */
import { compareValues, fieldValue } from '../../domain/item-fields.ts'
import type { Item } from '../../domain/items.ts'
import { pageRange } from '../../domain/paging.ts'
import type { Page } from '../../domain/paging.ts'
import { matches } from '../../domain/restriction.ts'
import type { ItemQuery, SortKey } from '../mailbox-store.ts'

/** What the rule reads of a view: its members in receive order (DateTimeReceived, then arrival). */
export interface OrderedView<R> {
  readonly size: number
  /** Members in ascending order, positions [start, end). */
  slice(start: number, end: number): R[]
  /** Members newest first, positions [start, end) counted from the newest. */
  sliceNewestFirst(start: number, end: number): R[]
  /** Every member, in ascending order: for a restriction or another sort, which read them all. */
  all(): readonly R[]
}

const RECEIVED = 'item:DateTimeReceived'

/** One page of a view; `R.seq` is the arrival order, which breaks ties (newest first). */
export function queryItems<R extends { readonly seq: number }>(
  view: OrderedView<R>,
  query: ItemQuery,
  snapshot: (r: R) => Item,
  /** What a restriction or sort reads of a member: by default its snapshot. */
  read: (r: R) => Item = snapshot,
): Page<Item> {
  const sort = query.sort?.length ? query.sort : [{ field: RECEIVED, descending: true }]
  if (!query.restriction && sort.length === 1 && sort[0]!.field === RECEIVED) {
    const { start, end, ...facts } = pageRange(view.size, query.view)
    const recs = sort[0]!.descending ? view.sliceNewestFirst(start, end) : view.slice(start, end)
    return { ...facts, items: recs.map(snapshot) }
  }
  const restriction = query.restriction
  const budget = query.budget
  // Read in place (`read`, RecordItem for the rules' store), not copied: only the page's items are
  // snapshots. Each item read is charged; matches() charges each test it makes.
  let items = view.all().map((r) => {
    budget?.charge()
    return { rec: r, item: read(r) }
  })
  if (restriction) items = items.filter((e) => matches(e.item, restriction, budget))
  items.sort((a, b) => compareBy(sort, a.item, b.item) || b.rec.seq - a.rec.seq)
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
