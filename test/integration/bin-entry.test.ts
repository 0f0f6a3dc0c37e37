// bin/ews-lab.js chooses what to run (docs/decisions/0057): the build in dist/ when it is at least as
// new as every source, the TypeScript sources through tsx when a source is newer (a checkout after
// an edit), the build alone where there are no sources (an installed package). Checked on a copy of
// the entry in a temp folder whose "CLI" only says which one ran.
import { execFile } from 'node:child_process'
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { expect } from 'chai'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))

function entry(dir: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) =>
    execFile(process.execPath, [join(dir, 'bin', 'ews-lab.js')], (err, stdout, stderr) =>
      resolve({ code: err ? Number(err.code) : 0, stdout, stderr }),
    ),
  )
}

describe('bin/ews-lab.js: the build, or the sources when the build is stale', function () {
  this.timeout(30_000)
  let dir: string
  const at = (file: string, seconds: number): void => utimesSync(join(dir, file), seconds, seconds)

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ews-lab-entry-'))
    for (const d of ['bin', 'dist/bin', 'mock-ews', 'client', 'scenarios'])
      mkdirSync(join(dir, d), { recursive: true })
    for (const f of ['ews-lab.js', 'build-fresh.js'])
      copyFileSync(join(ROOT, 'bin', f), join(dir, 'bin', f))
    symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'))
    writeFileSync(join(dir, 'package.json'), '{"type":"module"}')
    writeFileSync(join(dir, 'bin', 'cli.ts'), "const from: string = 'sources'\nconsole.log(from)\n")
    writeFileSync(join(dir, 'mock-ews', 'app.ts'), 'export {}\n')
    writeFileSync(join(dir, 'dist', 'bin', 'cli.js'), "console.log('build')\n")
    for (const f of ['bin/ews-lab.js', 'bin/build-fresh.js', 'bin/cli.ts', 'mock-ews/app.ts'])
      at(f, 1_000_000)
    at('dist/bin/cli.js', 2_000_000)
  })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  it('runs the build when no source is newer than it', async () => {
    expect((await entry(dir)).stdout).to.equal('build\n')
  })

  it('runs the sources through tsx when one of them is newer than the build', async () => {
    at('mock-ews/app.ts', 3_000_000)
    expect((await entry(dir)).stdout).to.equal('sources\n')
  })

  it('runs the sources when there is no build, and the build alone where there are no sources', async () => {
    rmSync(join(dir, 'dist'), { recursive: true })
    expect((await entry(dir)).stdout).to.equal('sources\n')
    rmSync(join(dir, 'bin', 'cli.ts'))
    const none = await entry(dir)
    expect(none.code).to.equal(1)
    expect(none.stderr).to.match(/dist\/bin\/cli\.js is missing: this package was not built/)
    mkdirSync(join(dir, 'dist', 'bin'), { recursive: true })
    writeFileSync(join(dir, 'dist', 'bin', 'cli.js'), "console.log('build')\n")
    at('dist/bin/cli.js', 1)
    at('mock-ews/app.ts', 3_000_000)
    expect((await entry(dir)).stdout, 'no sources: nothing to compare').to.equal('build\n')
  })
})
