/**
 * A search must not keep what it read alive once it is over. A Contains with IgnoreCase lowers the
 * value it reads (a body can be 10 MB); the lowered copy serves the other tests of the same
 * restriction on the same item and must go with the search. Measured in a child process with
 * `--expose-gc`: the heap after a search over a 10 MB body, the item then deleted, against the heap
 * before. Kept alive, the body and its lower case (~20 MB) stay. A leak check, not a memory target.
 */
import { execFile } from 'node:child_process'
import { expect } from 'chai'

const CHILD = `
import { createEwsApp, FakeClock, seededIds } from './mock-ews/index.ts'
const ews = createEwsApp({ ids: seededIds(1), clock: new FakeClock('2016-06-10T09:00:00Z') })
const ALICE = 'alice@contoso.com'
const drafts = ews.store.getDistinguishedFolder(ALICE, 'drafts').folderId.id
const contains = (value) => ({ op: 'Contains', field: 'item:Body', value, mode: 'Substring', ignoreCase: true })
const search = () => ews.store.findItems(ALICE, drafts, {
  restriction: { op: 'Or', children: [contains('needle'), contains('other')] },
  view: { kind: 'all' },
})
const stored = (text) => ews.store.createItem(ALICE, drafts, {
  itemClass: 'IPM.Note', subject: 'big', body: { type: 'Text', text },
  toRecipients: [], ccRecipients: [], bccRecipients: [], categories: [], isRead: false,
  importance: 'Normal', isDraft: true, from: undefined, internetMessageId: '<big@contoso.com>',
  dateTimeSent: undefined, dateTimeReceived: new Date('2016-06-10T09:00:00Z'),
})
// Warm-up: code compiled and loaded on the first search is not counted.
const warm = stored('A small BODY with a NEEDLE')
if (search().items.length !== 1) throw new Error('warm-up search found nothing')
ews.store.deleteItem(ALICE, warm.itemId.id, 'HardDelete')
globalThis.gc(); globalThis.gc()
const before = process.memoryUsage().heapUsed
const big = stored('X'.repeat(10 * 2 ** 20) + ' NEEDLE').itemId.id
if (search().items.length !== 1) throw new Error('the search found nothing')
ews.store.deleteItem(ALICE, big, 'HardDelete')
globalThis.gc(); globalThis.gc()
console.log(JSON.stringify({ grown: process.memoryUsage().heapUsed - before }))
process.exit(0)
`

describe('restriction evaluation: what a search reads', function () {
  this.timeout(60_000)

  it('keeps no lower-cased body alive once the search is over', async () => {
    const out = await new Promise<string>((resolve, reject) =>
      execFile(
        process.execPath,
        ['--expose-gc', '--import', 'tsx', '--input-type=module', '-e', CHILD],
        { maxBuffer: 1 << 20 },
        (err, stdout, stderr) =>
          err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(stdout),
      ),
    )
    const { grown } = JSON.parse(out.trim().split('\n').at(-1)!) as { grown: number }
    // The body and its lower case kept alive would be ~20 MB.
    expect(grown / 2 ** 20, `heap growth ${grown} bytes`).to.be.below(5)
  })
})
