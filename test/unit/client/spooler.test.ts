// The History Spooler's files: round trip, order, unreadable files kept; atomic writes (a crash in
// the middle leaves the old entry), on disk too.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect } from 'chai'
import { HistorySpooler, MemoryFileSystem, nodeFileSystem } from '../../../client/engine/index.ts'
import type { SpoolEntry } from '../../../client/engine/index.ts'

const entry = (id: string, sentAt: string): SpoolEntry => ({
  id,
  from: 'alice@contoso.com',
  to: 'bob@contoso.com',
  text: 'Hi',
  sentAt,
  internetMessageId: `<${id}@contoso.com>`,
  dueAt: sentAt,
  attempts: 0,
  drafts: [],
})

describe('History Spooler', () => {
  it('writes entries as files and reads them back, oldest first', async () => {
    const fs = new MemoryFileSystem()
    const spooler = new HistorySpooler('/s', fs)
    await spooler.write(entry('b', '2016-06-10T09:00:00Z'))
    await spooler.write(entry('a', '2016-06-10T09:05:00Z'))
    await spooler.write(entry('c', '2016-06-10T09:00:00Z'))
    const read = await spooler.readAll()
    expect(read.map((r) => ('entry' in r ? r.entry.id : r.file))).to.deep.equal(['b', 'c', 'a'])
    await spooler.remove('b')
    expect(await fs.list('/s')).to.deep.equal(['a.json', 'c.json'])
  })

  it('reports files that are not entries, and leaves them alone', async () => {
    const fs = new MemoryFileSystem()
    await fs.write('/s/x.json', '{oops')
    await fs.write('/s/y.json', '{"id":"y"}')
    await fs.write('/s/z.json', JSON.stringify(entry('other', '2016-06-10T09:00:00Z')))
    await fs.write('/s/readme.txt', 'not a spool file')
    const read = await new HistorySpooler('/s', fs).readAll()
    const problems = read.map((r) => ('problem' in r ? r.problem : 'entry'))
    expect(problems).to.have.length(3)
    expect(problems[0]).to.match(/^not JSON: /)
    expect(problems.slice(1)).to.deep.equal([
      'not a History Spooler entry',
      'the entry\'s id "other" is not its file name',
    ])
    expect(await fs.list('/s')).to.have.length(4)
  })

  describe('a crash while an entry is rewritten leaves the old entry, readable', () => {
    for (const on of ['write', 'rename'] as const) {
      it(`a crash in the ${on}`, async () => {
        const fs = new MemoryFileSystem()
        const spooler = new HistorySpooler('/s', fs)
        const e = entry('m-1', '2016-06-10T09:00:00Z')
        await spooler.write(e)
        const crash = new Error(`killed in the ${on}`)
        fs.crashNext(on, crash)
        let thrown: unknown
        await spooler.write({ ...e, attempts: 3, drafts: ['draft-1'] }).catch((x) => (thrown = x))
        expect(thrown).to.equal(crash)

        const after = await new HistorySpooler('/s', fs).readAll()
        expect(after).to.deep.equal([{ entry: e }])
        expect(await fs.list('/s')).to.include('m-1.json')
      })
    }
  })

  it('on disk: a write replaces the whole file and leaves no temporary file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ews-lab-spool-'))
    try {
      const spooler = new HistorySpooler(join(dir, 'History Spooler'), nodeFileSystem)
      const e = entry('m-1', '2016-06-10T09:00:00Z')
      await spooler.write(e)
      await spooler.write({ ...e, attempts: 3 })
      expect(readdirSync(join(dir, 'History Spooler'))).to.deep.equal(['m-1.json'])
      const [read] = await spooler.readAll()
      expect(read && 'entry' in read && read.entry.attempts).to.equal(3)
      expect(await nodeFileSystem.read(join(dir, 'nothing.json'))).to.equal(undefined)
      await nodeFileSystem.remove(join(dir, 'nothing.json'))
      expect(await nodeFileSystem.list(join(dir, 'no such folder'))).to.deep.equal([])
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
