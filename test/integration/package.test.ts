// The package as a user gets it: `npm pack` (which builds dist/), the tarball installed into an
// empty project in a temp folder, and from there the `ews-lab` bin, a scenario file of the user's,
// and `import … from 'ews-lab'` type-checked and run (docs/decisions/0058). No registry: the
// project's lockfile is this checkout's, so `npm ci --offline` takes every dependency from the npm
// cache that installing this checkout filled.
import { execFile, spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import type { ChildProcess } from 'node:child_process'
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { expect } from 'chai'
import { buildIsFresh } from '../../bin/build-fresh.js'
import { answer, distinguished, envelope, getFolderXml } from '../helpers/ews.ts'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const PKG = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }
const BASIC = `Basic ${Buffer.from('bob@contoso.com:P@ssw0rd').toString('base64')}`

interface Done {
  code: number
  stdout: string
  stderr: string
}

function exec(cmd: string, args: string[], cwd: string): Promise<Done> {
  return new Promise((resolve) => {
    execFile(cmd, args, { cwd, maxBuffer: 64 << 20 }, (err, stdout, stderr) =>
      resolve({ code: err ? Number(err.code ?? 1) : 0, stdout, stderr }),
    )
  })
}

async function ok(cmd: string, args: string[], cwd: string): Promise<string> {
  const r = await exec(cmd, args, cwd)
  if (r.code !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.code}:\n${r.stderr}`)
  return r.stdout
}

type LockEntry = Record<string, unknown> & { version?: string; name?: string; dev?: boolean }

/**
 * A lockfile for a project that depends on the tarball only: this checkout's runtime entries, each
 * with its registry URL (npm leaves some out, and then asks the registry where the tarball is).
 */
function projectLock(tarball: string): object {
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, LockEntry>
  }
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as LockEntry
  const packages: Record<string, LockEntry> = {
    '': { name: 'consumer', dependencies: { 'ews-lab': `file:${tarball}` } },
    'node_modules/ews-lab': {
      version: PKG.version,
      resolved: `file:${tarball}`,
      integrity: `sha512-${createHashOf(tarball)}`,
      dependencies: pkg.dependencies,
      bin: pkg.bin,
    },
  }
  for (const [path, entry] of Object.entries(lock.packages)) {
    if (!path || entry.dev) continue
    const name = entry.name ?? path.slice(path.lastIndexOf('node_modules/') + 13)
    packages[path] = {
      resolved: `https://registry.npmjs.org/${name}/-/${name.split('/').pop()}-${entry.version}.tgz`,
      ...entry,
    }
  }
  return { name: 'consumer', lockfileVersion: 3, requires: true, packages }
}

function createHashOf(file: string): string {
  return createHash('sha512').update(readFileSync(file)).digest('base64')
}

/** Resolves with the first stdout match of `pattern`, or rejects when the process exits first. */
function line(child: ChildProcess, pattern: RegExp): Promise<RegExpExecArray> {
  let out = ''
  let err = ''
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()))
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString()
      const m = pattern.exec(out)
      if (m) resolve(m)
    })
    child.once('exit', (code) => reject(new Error(`exited ${code} before ${pattern}: ${err}`)))
  })
}

const CONSUMER = `import { createEwsApp, startEwsServer, FakeClock, seededIds } from 'ews-lab'
import type { RunningServer } from 'ews-lab'

const { app } = createEwsApp({ clock: new FakeClock('2016-06-10T09:00:00Z'), ids: seededIds(1) })
const server: RunningServer = await startEwsServer(app, { port: 0 })
const res = await fetch(server.ewsUrl, {
  method: 'POST',
  headers: { authorization: process.argv[2]!, 'content-type': 'text/xml' },
  body: process.argv[3],
})
console.log(JSON.stringify({ url: server.ewsUrl, status: res.status, body: await res.text() }))
await server.close()
`

describe('the npm package, installed from its tarball into an empty project', function () {
  this.timeout(60_000)
  let dir: string
  let project: string
  const started: ChildProcess[] = []

  before(async function () {
    this.timeout(300_000)
    dir = mkdtempSync(join(tmpdir(), 'ews-lab-package-'))
    project = join(dir, 'project')
    mkdirSync(project)
    // `npm pack` builds dist/ first (prepare); a build newer than every source is packed as it is.
    const pack = ['pack', '--json', '--pack-destination', dir]
    if (buildIsFresh()) pack.push('--ignore-scripts')
    const packed = JSON.parse(await ok('npm', pack, ROOT)) as { filename: string }[]
    const tarball = join(dir, packed[0]!.filename)
    writeFileSync(
      join(project, 'package.json'),
      JSON.stringify({
        name: 'consumer',
        private: true,
        type: 'module',
        dependencies: { 'ews-lab': `file:${tarball}` },
      }),
    )
    writeFileSync(join(project, 'package-lock.json'), JSON.stringify(projectLock(tarball)))
    await ok('npm', ['ci', '--offline', '--no-audit', '--no-fund'], project)
  })

  after(() => {
    for (const child of started) {
      if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, 'SIGKILL')
    }
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  it('carries the built code and no TypeScript source or compiler', async () => {
    const installed = join(project, 'node_modules', 'ews-lab')
    const files = (await ok('find', ['.', '-type', 'f'], installed)).split('\n')
    expect(files).to.include('./dist/mock-ews/index.js').and.include('./dist/mock-ews/index.d.ts')
    expect(files.filter((f) => /\.ts$/.test(f) && !f.endsWith('.d.ts'))).to.deep.equal([])
    expect(files).to.include('./scenarios/scenario.schema.json')
    const modules = await ok('ls', [join(project, 'node_modules')], project)
    expect(modules.split('\n')).to.not.include.members(['tsx', 'typescript', 'esbuild'])
  })

  it('npx ews-lab serve --port 0 answers EWS', async () => {
    const child = spawn('npx', ['--no', 'ews-lab', 'serve', '--port', '0', '--quiet'], {
      cwd: project,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    started.push(child)
    const [, url] = await line(child, /^EWS: (http:\/\/127\.0\.0\.1:\d+\/EWS\/Exchange\.asmx)$/m)
    const res = await fetch(url!, {
      method: 'POST',
      headers: { authorization: BASIC },
      body: envelope(getFolderXml(distinguished('inbox'))),
    })
    expect(answer(res.status, {}, await res.text()).codes()).to.deep.equal(['NoError'])
    // The inspector's plain files ship with the package and are served from it.
    const base = url!.replace(/\/EWS\/Exchange\.asmx$/, '/__admin/ui')
    for (const path of ['', '/inspector.js', '/inspector.css']) {
      const page = await fetch(`${base}${path}`)
      expect(page.status, path).to.equal(200)
    }
    const exited = new Promise((done) => child.once('exit', done))
    process.kill(-child.pid!, 'SIGTERM')
    await exited
  })

  it('npx ews-lab run <a scenario file of the project> passes, and --version is the package’s', async () => {
    copyFileSync(
      join(ROOT, 'scenarios', 'same-org-offline-im-delivered-after-two-minutes.yaml'),
      join(project, 'mine.yaml'),
    )
    const run = await exec('npx', ['--no', 'ews-lab', 'run', 'mine.yaml'], project)
    expect(run.stdout, run.stderr).to.contain('1 passing, 0 failing')
    expect(run.code).to.equal(0)
    expect((await ok('npx', ['--no', '--', 'ews-lab', '--version'], project)).trim()).to.equal(
      PKG.version,
    )
  })

  it("import { … } from 'ews-lab' type-checks (strict) and starts a server", async () => {
    writeFileSync(join(project, 'consumer.ts'), CONSUMER)
    writeFileSync(
      join(project, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          module: 'nodenext',
          target: 'es2022',
          strict: true,
          skipLibCheck: true,
          types: ['node'],
          typeRoots: [join(ROOT, 'node_modules', '@types')],
          outDir: 'out',
        },
        files: ['consumer.ts'],
      }),
    )
    await ok(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', '.'], project)
    const out = JSON.parse(
      await ok(
        process.execPath,
        ['out/consumer.js', BASIC, envelope(getFolderXml(distinguished('inbox')))],
        project,
      ),
    ) as { url: string; status: number; body: string }
    expect(out.url).to.match(/^http:\/\/127\.0\.0\.1:\d+\//)
    expect(answer(out.status, {}, out.body).codes()).to.deep.equal(['NoError'])
  })
})
