// The item sync rule (mock-ews/store/rules/item-sync.ts) on a hand-made change log, with no store
// behind it: what a storage must keep (a log per view and its members) is enough.
// Through the memory store it is covered by the store contract (test/contract/).
import { expect } from 'chai'
import type { Item } from '../../../mock-ews/domain/items.ts'
import type { ItemSyncChanges } from '../../../mock-ews/store/mailbox-store.ts'
import { syncChanges } from '../../../mock-ews/store/rules/item-sync.ts'
import type { ChangeLog, LogEntry, LogOp } from '../../../mock-ews/store/rules/item-sync.ts'

interface Rec {
  id: string
}

/** A view: its log (entries as `seq:item:op`) and the ids of its members now. */
function view(log: string[], members: string[]): ChangeLog<Rec> & { recs: Map<string, Rec> } {
  const entries: LogEntry[] = log.map((s) => {
    const [seq, itemId, op] = s.split(':')
    return { seq: Number(seq), itemId: itemId!, op: op as LogOp }
  })
  const inView = new Set(members)
  const recs = new Map([...new Set(entries.map((e) => e.itemId))].map((id) => [id, { id }]))
  return {
    recs,
    logSince: (since) => entries.filter((e) => e.seq > since),
    has: (rec) => inView.has(rec.id),
  }
}

const snapshot = (r: Rec): Item => ({ itemId: { id: r.id, changeKey: 'ck' } }) as Item

function sync(
  v: ReturnType<typeof view>,
  since: Parameters<typeof syncChanges>[1],
  max = 100,
  currentSeq = 20,
): ItemSyncChanges {
  return syncChanges(v, since, max, currentSeq, (id) => v.recs.get(id), snapshot)
}

const summary = (r: ItemSyncChanges): string[] =>
  r.changes.map((c) => `${c.type} ${c.type === 'Delete' ? c.itemId : c.item.itemId.id}`)

describe('item sync rule', () => {
  // a, b, c, d arrive (1–4); b is read (5); c changes (6) and is read (7); d leaves (8);
  // e arrives and leaves (9, 10); f arrives (11); a is read (12) and changes (13).
  const log = [
    '1:a:add',
    '2:b:add',
    '3:c:add',
    '4:d:add',
    '5:b:read',
    '6:c:update',
    '7:c:read',
    '8:d:remove',
    '9:e:add',
    '10:e:remove',
    '11:f:add',
    '12:a:read',
    '13:a:update',
  ]
  const v = view(log, ['a', 'b', 'c', 'f'])

  it('reports every item now in the view as Create when there is no cursor, once each', () => {
    const r = sync(v, undefined)
    expect(summary(r)).to.deep.equal(['Create a', 'Create b', 'Create c', 'Create f'])
    expect(r.includesLast).to.equal(true)
    expect(r.cursor).to.deep.equal({ seq: 20, reported: {} })
  })

  it('tells Update, ReadFlagChange and Delete, and leaves out an item that came and went', () => {
    expect(summary(sync(v, { seq: 4, reported: {} }))).to.deep.equal([
      'ReadFlagChange b',
      'Update c',
      'Delete d',
      'Create f',
      'Update a',
    ])
    expect(summary(sync(v, { seq: 11, reported: {} }))).to.deep.equal(['Update a'])
    expect(summary(sync(v, { seq: 13, reported: {} }))).to.deep.equal([])
  })

  it('a read flag alone is a ReadFlagChange, and only then', () => {
    const r = view(
      ['1:x:add', '2:x:read', '3:x:read', '4:y:add', '5:y:read', '6:y:update'],
      ['x', 'y'],
    )
    expect(summary(sync(r, { seq: 1, reported: {} }))).to.deep.equal([
      'ReadFlagChange x',
      'Create y',
    ])
    expect(summary(sync(r, { seq: 4, reported: {} }))).to.deep.equal(['Update y'])
  })

  it('an item that left and came back is an Update; one that is not in the view is not a Create', () => {
    const r = view(['1:x:add', '2:x:remove', '3:x:add', '4:y:add'], ['x'])
    expect(summary(sync(r, { seq: 1, reported: {} }))).to.deep.equal(['Update x'])
    expect(summary(sync(r, undefined))).to.deep.equal(['Create x'])
  })

  it('cuts at max items, before the first entry of the next item, and remembers what it sent', () => {
    const r = sync(v, { seq: 4, reported: {} }, 2)
    expect(summary(r)).to.deep.equal(['ReadFlagChange b', 'Update c'])
    expect(r.includesLast).to.equal(false)
    expect(r.cursor).to.deep.equal({ seq: 7, reported: { b: 20, c: 20 } })
  })

  it('an item the client has as of a sequence number skips its entries up to it, that one too', () => {
    // c was sent as of 6 (its change): only its read flag at 7 is news.
    expect(summary(sync(v, { seq: 4, reported: { c: 6, b: 4 } }))).to.deep.equal([
      'ReadFlagChange b',
      'ReadFlagChange c',
      'Delete d',
      'Create f',
      'Update a',
    ])
  })

  it('going on from a cut skips what the client has and keeps what is still to skip', () => {
    // b and c were sent as of 20; a as of 20 too (after its last entry).
    const since = { seq: 4, reported: { b: 20, c: 20, a: 20, z: 3 } }
    const r = sync(v, since, 1)
    expect(summary(r)).to.deep.equal(['Delete d'])
    expect(r.cursor).to.deep.equal({ seq: 8, reported: { b: 20, c: 20, a: 20, d: 20 } })
    // e came and went: it takes the one place of the next answer and reports nothing.
    const rest = sync(v, r.cursor, 1)
    expect(summary(rest)).to.deep.equal([])
    expect(rest.cursor).to.deep.equal({ seq: 10, reported: { b: 20, c: 20, a: 20, d: 20, e: 20 } })
    const more = sync(v, rest.cursor, 1)
    expect(summary(more)).to.deep.equal(['Create f'])
    expect(more.includesLast).to.equal(true)
    expect(more.cursor).to.deep.equal({ seq: 20, reported: {} })
  })
})
