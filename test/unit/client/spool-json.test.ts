// The text of a History Spooler file (client/engine/spool-json.ts): always byte for byte
// JSON.stringify(entry, null, 2) and a line end, however the list of drafts changed since the last
// write: the drafts kept from earlier writes must never be served once the list is no longer what
// they were made from.
import { expect } from 'chai'
import { SpoolJson } from '../../../client/engine/spool-json.ts'
import type { SpoolEntry } from '../../../client/engine/index.ts'

const entry = (drafts: string[] = []): SpoolEntry => ({
  id: 'alice-1-1',
  from: 'alice@contoso.com',
  to: 'bob@contoso.com',
  text: 'Are you free at 10?',
  sentAt: '2016-06-10T09:00:00.000Z',
  internetMessageId: '<alice-1-1@contoso.com>',
  dueAt: '2016-06-10T09:02:00.000Z',
  attempts: 0,
  drafts,
  session: '2016-06-10T09:00:00.000Z',
})

const plain = (e: unknown): string => `${JSON.stringify(e, null, 2)}\n`

describe('History Spooler file text', () => {
  it('is JSON.stringify with two spaces while the drafts grow one by one', () => {
    const json = new SpoolJson()
    const e = entry()
    expect(json.text(e)).to.equal(plain(e))
    const ids = ['AAMk+a/b==', 'quote " and \\ backslash', 'é ü \u2028 \n tab\t', 'x'.repeat(200)]
    for (const id of ids) {
      e.attempts += 1
      e.drafts.push(id)
      e.dueAt = `2016-06-10T09:0${e.attempts}:00.000Z`
      expect(json.text(e)).to.equal(plain(e))
      expect(json.text(e)).to.equal(plain(e)) // written twice with nothing changed
    }
    expect(JSON.parse(json.text(e))).to.deep.equal(e)
  })

  it('is not served from what was kept once a draft was replaced, removed or the list swapped', () => {
    const json = new SpoolJson()
    const e = entry(['d1', 'd2', 'd3'])
    json.text(e)
    e.drafts[1] = 'other' // same length, one id changed in place
    expect(json.text(e)).to.equal(plain(e))
    e.drafts.pop()
    expect(json.text(e)).to.equal(plain(e))
    e.drafts = ['n1', 'n2', 'n3', 'n4']
    expect(json.text(e)).to.equal(plain(e))
    e.drafts = []
    expect(json.text(e)).to.equal(plain(e))
    e.drafts = ['n1']
    expect(json.text(e)).to.equal(plain(e))
  })

  it('keeps entries apart by id, and serves a new entry under a forgotten id right', () => {
    const json = new SpoolJson()
    const a = entry(['a1', 'a2'])
    const b = { ...entry(['b1']), id: 'alice-1-2' }
    expect(json.text(a)).to.equal(plain(a))
    expect(json.text(b)).to.equal(plain(b))
    a.drafts.push('a3')
    expect(json.text(a)).to.equal(plain(a))
    json.forget(a.id)
    const again = entry(['z1', 'z2', 'z3', 'z4']) // a new entry under the same id
    expect(json.text(again)).to.equal(plain(again))
  })

  it('is exact whatever the other fields hold and wherever the drafts key sits', () => {
    const json = new SpoolJson()
    const tricky = {
      ...entry(['d1']),
      text: 'line\n  "drafts": [] and "drafts": [],\n',
      inFlight: { since: '2016-06-10T09:02:00.000Z', path: 'two-step' as const },
      lines: [
        { text: 'first', sentAt: '2016-06-10T09:00:00.000Z' },
        { text: '"drafts": []', sentAt: '2016-06-10T09:01:00.000Z' },
      ],
    }
    expect(json.text(tricky)).to.equal(plain(tricky))
    tricky.drafts.push('d2')
    expect(json.text(tricky)).to.equal(plain(tricky))
    // Read back from a file, the keys come in the file's order: drafts last here.
    const { drafts, ...rest } = tricky
    const last = { ...rest, drafts: [...drafts, 'd3'] } as SpoolEntry
    expect(json.text(last)).to.equal(plain(last))
    // A file may hold drafts that are not strings (readAll only checks it is a list).
    const odd = { ...entry(), drafts: ['d1', { id: 'x' }, null] } as unknown as SpoolEntry
    expect(json.text(odd)).to.equal(plain(odd))
  })
})
