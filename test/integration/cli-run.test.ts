// `ews-lab run` and `ews-lab repro` as a user runs them: child processes, exit codes, reports.
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DOMParser } from '@xmldom/xmldom'
import { expect } from 'chai'

const TOPOLOGY = `topology:
  organisations:
    - domain: contoso.com
      exchange: exchange-2016
      users:
        - { address: alice@contoso.com, password: P@ssw0rd, client: { build: 16.0.6965.2058 } }
        - { address: bob@contoso.com, password: P@ssw0rd }
`
const PASSING = `name: spooled then delivered
${TOPOLOGY}steps:
  - sign-in: alice@contoso.com
  - send: { from: alice@contoso.com, to: bob@contoso.com, text: Hello }
  - advance: 2m
  - expect:
      - mailbox: { user: bob@contoso.com, folder: inbox, count: 1, class: IPM.Note.Microsoft.Missed }
`
const FAILING = `name: expects too early
${TOPOLOGY}steps:
  - sign-in: alice@contoso.com
  - send: { from: alice@contoso.com, to: bob@contoso.com, text: Hello }
  - advance: 1m
  - expect:
      - mailbox: { user: bob@contoso.com, folder: inbox, count: 1 }
`
const BROKEN = `${TOPOLOGY}steps:\n  - jump: 1m\n`

type Run = Promise<{ code: number | null; stdout: string; stderr: string }>

function ewsLab(...args: string[]): Run {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bin/ews-lab.js', ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    child.once('exit', (code) => resolve({ code, stdout, stderr }))
  })
}

describe('ews-lab run and repro (CLI)', function () {
  this.timeout(30_000)
  let dir: string
  // Every command starts at once in `before` (the second core runs them while mocha waits); each
  // test awaits its own.
  const runs: Record<'passing' | 'failing' | 'junit' | 'bail' | 'none' | 'repro', Run> = {} as never
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'ews-lab-cli-run-'))
    writeFileSync(join(dir, 'a-passing.yaml'), PASSING)
    writeFileSync(join(dir, 'b-failing.yaml'), FAILING)
    writeFileSync(join(dir, 'c-broken.yaml'), BROKEN)
    runs.passing = ewsLab('run', join(dir, 'a-passing.yaml'))
    runs.failing = ewsLab('run', dir)
    runs.junit = ewsLab(
      'run',
      join(dir, '*.yaml'),
      '--grep',
      'delivered',
      '--reporter',
      'junit',
      '--out',
      join(dir, 'report.xml'),
    )
    runs.bail = ewsLab('run', dir, '--bail', '--concurrency', '1', '--reporter', 'json')
    runs.none = ewsLab('run', dir, '--grep', 'no such scenario')
    runs.repro = ewsLab('repro', 'drafts-bug', '--ticks', '3')
  })
  after(async () => {
    await Promise.all(Object.values(runs))
    rmSync(dir, { recursive: true, force: true })
  })

  it('exits 0 when every scenario passes, with a spec line each and a summary', async () => {
    const r = await runs.passing
    expect(r.code).to.equal(0)
    expect(r.stdout).to.match(/✔ spooled then delivered/)
    expect(r.stdout).to.match(/1 passing, 0 failing/)
  })

  it('exits 1 on a failure and says what was expected, what was found, and the trace', async () => {
    const r = await runs.failing
    expect(r.code).to.equal(1)
    expect(r.stdout).to.match(/✘ expects too early/)
    expect(r.stdout).to.match(/b-failing\.yaml:14:9/)
    expect(r.stdout).to.include("expected:    1 matching item(s) in bob@contoso.com's inbox")
    expect(r.stdout).to.include('found:       0 matching of 0')
    expect(r.stdout).to.match(/last trace events of bob@contoso.com/)
    // A file that does not load: its position on a line, then what is wrong (the path once).
    expect(r.stdout).to.match(/c-broken\.yaml:9:5\n {2}steps\[0\]\.jump: no key "jump"/)
    expect(r.stdout).to.match(/1 passing, 2 failing/)
  })

  it('writes JUnit XML with --reporter junit --out, and filters with --grep', async () => {
    const r = await runs.junit
    expect(r.code).to.equal(0)
    const doc = new DOMParser().parseFromString(
      readFileSync(join(dir, 'report.xml'), 'utf8'),
      'text/xml',
    )
    const cases = doc.getElementsByTagName('testcase')
    expect(cases.length).to.equal(1)
    expect(cases[0]!.getAttribute('name')).to.equal('spooled then delivered')
  })

  it('stops after the first failure with --bail and exits 2 when nothing matches', async () => {
    const bail = await runs.bail
    expect(bail.code).to.equal(1)
    const data = JSON.parse(bail.stdout) as { passed: number; failed: number }
    expect(data).to.include({ passed: 1, failed: 1 })
    const none = await runs.none
    expect(none.code).to.equal(2)
    expect(none.stderr).to.match(/no scenario files match/)
  })

  it('repro drafts-bug prints the timeline side by side and exits 0 when the bug and the fix hold', async () => {
    const r = await runs.repro
    expect(r.code).to.equal(0)
    expect(r.stdout).to.match(/bug: 16\.0\.6965\.2053 +\| fix: 16\.0\.6965\.2058/)
    expect(r.stdout).to.include(
      '+06:00 |     1      3     0  Create ok, Send ErrorMessageSubmissionBlocked |     0      0     1',
    )
    expect(r.stdout).to.match(/=> bug: 16\.0\.6965\.2053: OK: bug reproduced: 3 drafts/)
    expect(r.stdout).to.match(/server accepts SendItem: OK/)
  })
})
