// The CLI's checks and messages called in-process (no child process): option parsing, serve's
// refusals and listen errors, and `run`'s exit codes and output. cli.test.ts and cli-run.test.ts
// spawn the real command for what only a process shows (exit codes, signals).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect } from 'chai'
import { CommanderError } from 'commander'
import { createProgram } from '../../bin/program.ts'
import { runCommand } from '../../bin/run.ts'
import { listenErrorText, serveCommand, serveRefusal } from '../../bin/serve.ts'
import { createEwsApp, startEwsServer } from '../../mock-ews/index.ts'
import { checkAdminToken } from '../../mock-ews/admin/admin-guard.ts'

/** Runs `fn` with process.stdout/stderr writes and process.exitCode captured (and restored). */
async function captured(
  fn: () => Promise<void>,
): Promise<{ stdout: string; stderr: string; exitCode: number | undefined }> {
  const out = { stdout: '', stderr: '' }
  const { stdout, stderr } = process
  const writes = [stdout.write, stderr.write] as const
  const saved = process.exitCode
  process.exitCode = undefined
  stdout.write = ((chunk: string | Uint8Array) => ((out.stdout += String(chunk)), true)) as never
  stderr.write = ((chunk: string | Uint8Array) => ((out.stderr += String(chunk)), true)) as never
  try {
    await fn()
    return { ...out, exitCode: process.exitCode as number | undefined }
  } finally {
    ;[stdout.write, stderr.write] = writes
    process.exitCode = saved
  }
}

/** Parses `args`; the CommanderError thrown (with what commander wrote), or undefined. */
async function parse(
  ...args: string[]
): Promise<{ error?: CommanderError; out: string; err: string }> {
  const seen = { out: '', err: '' }
  const program = createProgram({
    writeOut: (s) => (seen.out += s),
    writeErr: (s) => (seen.err += s),
  })
  // Parsing only: no subcommand may run.
  for (const c of program.commands) c.action(() => undefined)
  try {
    await program.parseAsync(['node', 'ews-lab', ...args])
    return seen
  } catch (e) {
    if (e instanceof CommanderError) return { ...seen, error: e }
    throw e
  }
}

describe('ews-lab options (in-process)', () => {
  it('--version prints the version of package.json', async () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }
    const { error, out } = await parse('--version')
    expect(error?.exitCode).to.equal(0)
    expect(out).to.equal(`${pkg.version}\n`)
  })

  for (const seed of ['abc', '-1', '1.5', '', '1e3', '4294967296']) {
    it(`refuses --fault-seed ${JSON.stringify(seed)} with one line`, async () => {
      const { error, err } = await parse('serve', `--fault-seed=${seed}`)
      expect(error?.code).to.equal('commander.invalidArgument')
      expect(err.trim().split('\n')).to.have.length(1)
    })
  }

  it('takes --fault-seed 0 and 42', async () => {
    for (const seed of ['0', '42'])
      expect((await parse('serve', '--fault-seed', seed)).error).to.equal(undefined)
  })

  for (const token of ['', ' ']) {
    it(`refuses --admin-token ${JSON.stringify(token)} (an unset variable must not open the API)`, async () => {
      const { error, err } = await parse('serve', '--admin-token', token)
      expect(error?.code).to.equal('commander.invalidArgument')
      // The admin guard's own check and words, not a copy of them.
      expect(() => checkAdminToken(token)).to.throw()
      try {
        checkAdminToken(token)
      } catch (e) {
        expect(err).to.contain((e as Error).message)
      }
    })
  }
})

describe('ews-lab serve refusals (in-process)', () => {
  it('refuses a host other than loopback without an admin token', () => {
    for (const host of ['0.0.0.0', '::', '192.168.1.5', 'myhost.example'])
      expect(serveRefusal({ host }), host).to.match(/admin API .* without a token/)
    for (const host of ['127.0.0.1', 'localhost', '::1', '127.0.0.2'])
      expect(serveRefusal({ host }), host).to.equal(undefined)
    expect(serveRefusal({ host: '0.0.0.0', adminToken: 's3cret' })).to.equal(undefined)
    expect(serveRefusal({ host: '127.0.0.1', adminToken: '' })).to.match(/empty/)
  })

  it('serve --host 0.0.0.0 without a token: one line, exit 2, nothing started', async () => {
    const run = await captured(() => serveCommand({ port: 0, host: '0.0.0.0' }))
    expect(run.exitCode).to.equal(2)
    expect(run.stderr.trim().split('\n')).to.have.length(1)
    expect(run.stderr).to.match(/^ews-lab: --host 0\.0\.0\.0 would open the admin API/)
    expect(run.stdout).to.equal('')
  })

  it('says in one line that a port is in use, or that a host does not resolve', async () => {
    const { app } = createEwsApp()
    const taken = await startEwsServer(app, { port: 0 })
    try {
      const err = await startEwsServer(app, { port: taken.port }).then(
        () => undefined,
        (e: unknown) => e,
      )
      expect(listenErrorText(err, '127.0.0.1', taken.port)).to.equal(
        `cannot listen on 127.0.0.1:${taken.port}: the port is in use (--port 0 picks a free one)`,
      )
    } finally {
      await taken.close()
    }
    const unresolvable = { code: 'ENOTFOUND', message: 'getaddrinfo ENOTFOUND nosuch.invalid' }
    expect(listenErrorText(unresolvable, 'nosuch.invalid', 8080)).to.equal(
      'cannot listen on nosuch.invalid:8080: the host "nosuch.invalid" does not resolve',
    )
  })
})

describe('ews-lab run (in-process)', () => {
  let dir: string
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'ews-lab-run-'))
    writeFileSync(join(dir, 'broken.yaml'), 'name: broken\nsteps: [1\n')
    writeFileSync(join(dir, 'no-topology.yaml'), 'name: no topology\nsteps: []\n')
  })
  after(() => rmSync(dir, { recursive: true, force: true }))

  it('a path that does not exist: exit 2 and a message, no scenario reported', async () => {
    const missing = join(dir, 'nope.yaml')
    const run = await captured(() => runCommand([missing], { reporter: 'spec' }))
    expect(run.exitCode).to.equal(2)
    expect(run.stderr).to.equal(`ews-lab: no such file or folder: ${missing}\n`)
    expect(run.stdout).to.equal('')
  })

  it('a file that does not load: its position once, the path not twice, no bogus 1:1', async () => {
    const file = join(dir, 'broken.yaml')
    const run = await captured(() => runCommand([file], { reporter: 'spec' }))
    expect(run.exitCode).to.equal(1)
    expect(run.stdout).to.match(/^✘ \S*broken\.yaml \(does not load\)$/m)
    expect(run.stdout).to.match(/^\S*broken\.yaml:3:1$/m)
    expect(run.stdout).to.not.match(/:1:1/)
    expect(run.stdout.match(/broken\.yaml/g)).to.have.length(3) // progress, heading, position
    expect(run.stdout).to.match(/\(top level\): valid YAML/)
  })

  const inFile = {
    spec: /0 passing, 1 failing/,
    json: /"failed": 1/,
    junit: /failures="1"/,
    html: /<title>ews-lab: 0 passing, 1 failing<\/title>/,
  }
  for (const reporter of ['spec', 'json', 'junit', 'html'] as const) {
    it(`--reporter ${reporter} --out FILE: the report in the file, the summary on stdout`, async () => {
      const out = join(dir, `report-${reporter}`)
      const run = await captured(() =>
        runCommand([join(dir, 'no-topology.yaml')], { reporter, out }),
      )
      expect(run.exitCode).to.equal(1)
      expect(run.stdout).to.match(/0 passing, 1 failing \(\d+ ms\)\n$/)
      expect(readFileSync(out, 'utf8')).to.match(inFile[reporter])
    })
  }

  it('--reporter html without --out: the page on stdout, the progress on stderr', async () => {
    const run = await captured(() =>
      runCommand([join(dir, 'no-topology.yaml')], { reporter: 'html' }),
    )
    expect(run.exitCode).to.equal(1)
    expect(run.stdout).to.match(/^<!DOCTYPE html>\n[\s\S]*<\/html>\n$/)
    expect(run.stderr).to.match(/^✘ \S*no-topology\.yaml/)
  })
})
