// The hierarchy sync rule (mock-ews/store/rules/hierarchy-sync.ts) on hand-made folders and
// histories, with no store behind them: what a storage must keep (location histories) is enough.
// Through the memory store it is covered by the store contract (test/contract/).
import { expect } from 'chai'
import { changesSince } from '../../../mock-ews/store/rules/hierarchy-sync.ts'
import type { LocatedFolder, Location } from '../../../mock-ews/store/rules/hierarchy-sync.ts'

interface F extends LocatedFolder<F> {
  children: F[]
}

const folder = (id: string, changedSeq: number, history: Location[], children: F[] = []): F => ({
  id,
  changedSeq,
  history,
  children,
})

const summary = (changes: ReturnType<typeof changesSince<F>>): string[] =>
  changes.map((c) => `${c.type} ${c.type === 'Delete' ? c.id : c.folder.id}`)

describe('hierarchy sync rule', () => {
  // root (seq 1) ⊃ a (2) ⊃ b (3); c created at 4 under root, renamed at 6; d moved from a to
  // outside at 5; h moved from a to c at 5; e created at 7 and deleted at 8; g deleted at 9.
  const b = folder('b', 3, [{ seq: 3, ancestors: ['a', 'root'] }])
  const a = folder('a', 2, [{ seq: 2, ancestors: ['root'] }], [b])
  const h = folder('h', 5, [
    { seq: 2, ancestors: ['a', 'root'] },
    { seq: 5, ancestors: ['c', 'root'] },
  ])
  const c = folder('c', 6, [{ seq: 4, ancestors: ['root'] }], [h])
  const root = folder('root', 1, [{ seq: 1, ancestors: [] }], [a, c])
  const d = folder('d', 5, [
    { seq: 2, ancestors: ['a', 'root'] },
    { seq: 5, ancestors: ['elsewhere'] },
  ])
  const histories: (readonly [string, readonly Location[]])[] = [
    [
      'e',
      [
        { seq: 7, ancestors: ['root'] },
        { seq: 8, ancestors: null },
      ],
    ],
    [
      'g',
      [
        { seq: 2, ancestors: ['root'] },
        { seq: 9, ancestors: null },
      ],
    ],
    ...[root, a, b, c, d, h].map((f) => [f.id, f.history] as const),
  ]

  it('reports everything below the root as Create, depth-first, when there is no since', () => {
    expect(summary(changesSince(root, undefined, histories))).to.deep.equal([
      'Create a',
      'Create b',
      'Create c',
      'Create h',
    ])
  })

  it('tells a folder created or moved in, changed in place, deleted or moved out', () => {
    expect(summary(changesSince(root, 3, histories))).to.deep.equal([
      'Create c',
      'Update h',
      'Delete g',
      'Delete d',
    ])
    expect(summary(changesSince(root, 5, histories))).to.deep.equal(['Update c', 'Delete g'])
  })

  it('leaves out a folder created and deleted within the window, and anything before it', () => {
    expect(summary(changesSince(root, 6, histories))).to.deep.equal(['Delete g'])
    expect(summary(changesSince(root, 9, histories))).to.deep.equal([])
  })

  it('scopes to any folder: below a, b was created, d and h moved out', () => {
    expect(summary(changesSince(a, 2, histories))).to.deep.equal([
      'Create b',
      'Delete d',
      'Delete h',
    ])
  })
})
