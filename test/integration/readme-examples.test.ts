// The test-author examples of README.md, run exactly as written: each ```ts block that starts
// with `// README example: <runner>` is written beside README.md and run by that runner in a
// child process. A README example that stops working fails here.
import { spawn } from 'node:child_process'
import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import { expect } from 'chai'

function example(runner: string): string {
  const readme = readFileSync('README.md', 'utf8')
  const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!)
  const found = blocks.filter((b) => b.startsWith(`// README example: ${runner}\n`))
  expect(found, `one README example for ${runner}`).to.have.length(1)
  return found[0]!
}

/** Runs `args` with node and answers its exit code and output. */
function node(args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    child.stdout.on('data', (d: Buffer) => (output += d.toString()))
    child.stderr.on('data', (d: Buffer) => (output += d.toString()))
    child.once('exit', (code) => resolve({ code, output }))
  })
}

describe('README test-author examples', function () {
  this.timeout(60_000)
  const files: string[] = []
  after(() => files.forEach((f) => rmSync(f, { force: true })))

  function writeExample(runner: string, name: string): string {
    // Beside README.md, so its `./mock-ews/index.ts` import resolves as it does for a reader.
    const file = `readme-example-${name}-${process.pid}.test.ts`
    files.push(file)
    writeFileSync(file, example(runner))
    return file
  }

  it('the mocha example passes as written', async () => {
    const file = writeExample('mocha', 'mocha')
    const { code, output } = await node([
      'node_modules/mocha/bin/mocha.js',
      '--no-config',
      '--node-option',
      'import=tsx',
      '--reporter',
      'dot',
      file,
    ])
    expect(code, output).to.equal(0)
    expect(output).to.match(/3 passing/)
  })

  it('the node:test example passes as written', async () => {
    const file = writeExample('node:test', 'node-test')
    const { code, output } = await node(['--import', 'tsx', '--test', file])
    expect(code, output).to.equal(0)
    expect(output).to.match(/# pass 2/)
  })
})
