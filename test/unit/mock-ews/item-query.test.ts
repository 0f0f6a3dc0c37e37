// The FindItem rule (mock-ews/store/rules/item-query.ts) on a hand-made ordered view, with no
// store behind it. Through the memory store it is covered by the store contract (test/contract/).
import { expect } from 'chai'
import type { Item } from '../../../mock-ews/domain/items.ts'
import type { PageView } from '../../../mock-ews/domain/paging.ts'
import type { ItemQuery } from '../../../mock-ews/store/mailbox-store.ts'
import { queryItems } from '../../../mock-ews/store/rules/item-query.ts'
import type { OrderedView } from '../../../mock-ews/store/rules/item-query.ts'
import { itemFields } from '../../helpers/items.ts'

interface Rec {
  seq: number
  item: Item
}

const rec = (seq: number, subject: string, minute: number): Rec => ({
  seq,
  item: {
    ...itemFields({ subject, dateTimeReceived: new Date(Date.UTC(2016, 5, 10, 9, minute)) }),
    itemId: { id: `r${seq}`, changeKey: 'ck' },
  } as Item,
})

// Arrival order r1..r4; receive order (time, then arrival): r2, r1, r3, r4 (r1 and r3 tie on time).
const r1 = rec(1, 'b', 1)
const r2 = rec(2, 'a', 0)
const r3 = rec(3, 'C', 1)
const r4 = rec(4, 'a', 2)
const ascending = [r2, r1, r3, r4]

/** The view, counting how often the rule read all of it. */
function view(): OrderedView<Rec> & { fullReads: number } {
  const v = {
    fullReads: 0,
    size: ascending.length,
    slice: (s: number, e: number) => ascending.slice(s, e),
    sliceNewestFirst: (s: number, e: number) =>
      ascending.slice(ascending.length - e, ascending.length - s).reverse(),
    all: () => {
      v.fullReads++
      return ascending
    },
  }
  return v
}

const ALL: PageView = { kind: 'all' }
const page = (offset: number, max: number): PageView => ({
  kind: 'indexed',
  max,
  offset,
  basePoint: 'Beginning',
})
const ids = (items: readonly Item[]): string[] => items.map((i) => i.itemId.id)
const run = (v: OrderedView<Rec>, query: ItemQuery) => queryItems(v, query, (r) => r.item)

describe('item query rule', () => {
  it('pages newest first by default, cut from the ordered view without reading all of it', () => {
    const v = view()
    const p = run(v, { view: page(1, 2) })
    expect(ids(p.items)).to.deep.equal(['r3', 'r1'])
    expect(p).to.include({ total: 4, includesLast: false, nextOffset: 3 })
    expect(ids(run(v, { view: ALL }).items)).to.deep.equal(['r4', 'r3', 'r1', 'r2'])
    expect(v.fullReads).to.equal(0)
  })

  it('pages oldest first from the ordered view when asked to sort by receive time ascending', () => {
    const v = view()
    const sort = [{ field: 'item:DateTimeReceived', descending: false }]
    expect(ids(run(v, { view: ALL, sort }).items)).to.deep.equal(['r2', 'r1', 'r3', 'r4'])
    expect(ids(run(v, { view: page(3, 5), sort }).items)).to.deep.equal(['r4'])
    expect(v.fullReads).to.equal(0)
  })

  it('sorts by other fields (strings in any case), ties newest arrival first', () => {
    const v = view()
    const bySubject = [{ field: 'item:Subject', descending: false }]
    expect(ids(run(v, { view: ALL, sort: bySubject }).items)).to.deep.equal([
      'r4',
      'r2',
      'r1',
      'r3',
    ])
    const both = [
      { field: 'item:Subject', descending: true },
      { field: 'item:DateTimeReceived', descending: false },
    ]
    expect(ids(run(v, { view: page(2, 2), sort: both }).items)).to.deep.equal(['r2', 'r4'])
    expect(v.fullReads).to.equal(2)
  })

  it('an empty sort is the default; receive time with a second key is a sort, not the fast path', () => {
    const v = view()
    expect(ids(run(v, { view: ALL, sort: [] }).items)).to.deep.equal(['r4', 'r3', 'r1', 'r2'])
    expect(v.fullReads).to.equal(0)
    const sort = [
      { field: 'item:DateTimeReceived', descending: true },
      { field: 'item:Subject', descending: false },
    ]
    expect(ids(run(v, { view: ALL, sort }).items)).to.deep.equal(['r4', 'r1', 'r3', 'r2'])
  })

  it('keeps what the restriction matches, in the order asked, and pages the matches', () => {
    const v = view()
    const restriction = {
      op: 'IsEqualTo' as const,
      field: 'item:Subject',
      operand: { constant: 'a' },
    }
    const p = run(v, { view: page(0, 1), restriction })
    expect(ids(p.items)).to.deep.equal(['r4'])
    expect(p).to.include({ total: 2, includesLast: false })
    expect(ids(run(v, { view: ALL, restriction }).items)).to.deep.equal(['r4', 'r2'])
  })

  it('charges the budget once per member read and once per restriction test, not on the fast path', () => {
    let charges = 0
    const budget = { charge: () => void charges++ }
    run(view(), { view: ALL, budget })
    expect(charges).to.equal(0)
    run(view(), { view: ALL, budget, sort: [{ field: 'item:Subject', descending: false }] })
    expect(charges).to.equal(4)
    charges = 0
    const restriction = { op: 'Exists' as const, field: 'item:Subject' }
    run(view(), { view: ALL, budget, restriction })
    expect(charges).to.equal(8)
  })
})
