/**
 * Benchmark (not a test): what the search work of a FindItem costs per item, store-level, over one
 * folder of `items` messages — a restriction (IsEqualTo and Contains IgnoreCase on Subject) and a
 * sort by Subject. Prints the best and median of `runs` milliseconds and the work units charged to
 * the search budget (docs/decisions/0020). Figures only, no thresholds.
 *
 *   npx tsx scripts/bench/search.ts [-- --items 10000 --runs 7]
 */
import { createEwsApp, FakeClock, seededIds } from '../../mock-ews/index.ts'
import type { ItemQuery } from '../../mock-ews/store/mailbox-store.ts'
import { fillDrafts, log, machine, options, USER } from './lib.ts'

const o = options({ items: 10_000, runs: 7 })

const ews = createEwsApp({ ids: seededIds(1), clock: new FakeClock('2016-06-10T09:00:00Z') })
const drafts = fillDrafts(ews.store, o.items)

const view = { kind: 'indexed', max: 50, offset: 0, basePoint: 'Beginning' } as const
const SUBJECT = 'item:Subject'
const queries: [string, Omit<ItemQuery, 'view'>][] = [
  [
    'IsEqualTo Subject (no match)',
    { restriction: { op: 'IsEqualTo', field: SUBJECT, operand: { constant: 'no such' } } },
  ],
  [
    'Contains IgnoreCase Subject "draft 99"',
    {
      restriction: {
        op: 'Contains',
        field: SUBJECT,
        value: 'draft 99',
        mode: 'Substring',
        ignoreCase: true,
      },
    },
  ],
  ['sort by Subject', { sort: [{ field: SUBJECT, descending: false }] }],
  [
    'Contains IgnoreCase Body, sorted by Subject',
    {
      restriction: {
        op: 'Contains',
        field: 'item:Body',
        value: 'draft 99',
        mode: 'Substring',
        ignoreCase: true,
      },
      sort: [{ field: SUBJECT, descending: false }],
    },
  ],
  [
    'Or of 254 IsEqualTo Subject',
    {
      restriction: {
        op: 'Or',
        children: Array.from({ length: 254 }, (_, i) => ({
          op: 'IsEqualTo' as const,
          field: SUBJECT,
          operand: { constant: `s${i}` },
        })),
      },
    },
  ],
]

machine()
log(`${o.items} items in alice's Drafts; store-level findItems, first page of 50`)
log('query | matched | work units | ms (best, median) | ns per unit (best)')
for (const [name, q] of queries) {
  const ms: number[] = []
  let units = 0
  let total = 0
  for (let run = 0; run < o.runs; run++) {
    units = 0
    const budget = { charge: (n = 1) => void (units += n) }
    const started = performance.now()
    total = ews.store.findItems(USER, drafts, { ...q, view, budget }).total
    ms.push(performance.now() - started)
  }
  ms.sort((a, b) => a - b)
  const best = ms[0]!
  log(
    `${name} | ${total} | ${units} | ${best.toFixed(1)}, ${ms[ms.length >> 1]!.toFixed(1)} | ${((best * 1e6) / units).toFixed(0)}`,
  )
}
