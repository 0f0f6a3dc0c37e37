// `ews-lab serve --state FILE` as a user runs it: seed, save, restart, and the items are there with
// the same ids, the clock where it was; a damaged file is a clear error and no server starts.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect } from 'chai'
import { ewsLab, waitForLine } from '../helpers/cli.ts'
import type { Run } from '../helpers/cli.ts'

const INBOX = '/mailboxes/alice@contoso.com/folders/inbox/items'

describe('ews-lab serve --state FILE', function () {
  this.timeout(30_000)
  let dir: string
  let run: Run | undefined
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ews-lab-state-'))
  })
  afterEach(() => {
    if (run && run.child.exitCode === null) run.child.kill('SIGKILL')
    run = undefined
    rmSync(dir, { recursive: true, force: true })
  })

  async function serve(file: string): Promise<string> {
    run = ewsLab('serve', '--port', '0', '--quiet', '--state', file)
    const [, url] = await waitForLine(run, /^Admin: (http:\/\/127\.0\.0\.1:\d+)\/__admin\/$/m)
    return `${url!}/__admin`
  }
  async function stop(): Promise<void> {
    run!.child.kill('SIGTERM')
    expect(await run!.exit).to.equal(0)
  }
  const json = async (res: Response): Promise<Record<string, unknown>> =>
    (await res.json()) as Record<string, unknown>

  it('a seeded server survives a restart: items (same ids), clock; saved on shutdown and on request', async () => {
    const file = join(dir, 'state.json')
    let admin = await serve(file)
    const seeded = await fetch(`${admin}${INBOX}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([
        { subject: 'kept', attachments: [{ name: 'a.bin', content: 'AAEC' }] },
        { subject: 'also kept', receivedAt: '2016-01-01T00:00:00Z' },
      ]),
    })
    expect(seeded.status).to.equal(201)
    const { ids } = (await json(seeded)) as { ids: string[] }
    await fetch(`${admin}/clock/freeze`, { method: 'POST' })
    await fetch(`${admin}/clock`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ now: '2030-01-01T00:00:00Z' }),
    })
    const saved = await fetch(`${admin}/state/save`, { method: 'POST' })
    expect([saved.status, await json(saved)]).to.deep.equal([200, { file }])
    expect(JSON.parse(readFileSync(file, 'utf8'))).to.include({
      format: 'mock-ews-state',
      version: 1,
    })
    await fetch(`${admin}${INBOX}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ subject: 'written at shutdown' }),
    })
    await stop()
    expect(readdirNames(dir)).to.deep.equal(['state.json'])

    admin = await serve(file)
    const items = (await json(await fetch(`${admin}${INBOX}`))) as {
      items: { id: string; subject: string }[]
    }
    expect(items.items.map((i) => i.subject)).to.deep.equal([
      'written at shutdown',
      'kept',
      'also kept',
    ])
    expect(items.items.slice(1).map((i) => i.id)).to.deep.equal(ids)
    const item = await json(
      await fetch(`${admin}/mailboxes/alice@contoso.com/items/${encodeURIComponent(ids[0]!)}`),
    )
    expect(item.attachments).to.deep.include({
      id: '1',
      name: 'a.bin',
      contentType: 'application/octet-stream',
      size: 3,
      isInline: false,
      kind: 'file',
    })
    expect(await json(await fetch(`${admin}/clock`))).to.include({
      now: '2030-01-01T00:00:00.000Z',
      frozen: true,
    })
    await stop()
  })

  it('a damaged state file is a clear error at start, and no server listens', async () => {
    const file = join(dir, 'state.json')
    for (const [content, message] of [
      ['{"format":"mock-ews-state","version":1,"sta', /not valid JSON/],
      ['{"format":"mock-ews-state","version":9,"state":{}}', /version 9/],
      ['{"hello":1}', /not a mock-ews state file/],
      [
        '{"format":"mock-ews-state","version":1,"state":{"store":{"mailboxes":[{"address":"alice@contoso.com","key":"00","folders":[{"id":"x","parentId":"y"}],"items":[]}],"changeNumber":0},"skype":[],"directory":{"quirks":{},"exchange":{}},"clock":{"now":"2016-01-01T00:00:00Z"}}}',
        /does not hold together/,
      ],
    ] as const) {
      writeFileSync(file, content)
      run = ewsLab('serve', '--port', '0', '--quiet', '--state', file)
      expect(await run.exit, content).to.equal(2)
      expect(run.stderr).to.match(/invalid state file: .*state\.json/)
      expect(run.stderr).to.match(message)
      expect(run.stdout).to.not.match(/EWS:/)
    }
    expect(readFileSync(file, 'utf8')).to.contain('"folders"')
  })

  it('no state file yet: starts empty and creates it at shutdown', async () => {
    const file = join(dir, 'new.json')
    await serve(file)
    expect(existsSync(file)).to.equal(false)
    await stop()
    expect(JSON.parse(readFileSync(file, 'utf8'))).to.include({ version: 1 })
  })
})

function readdirNames(dir: string): string[] {
  return readdirSync(dir).sort()
}
