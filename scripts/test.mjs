// `npm test`: the type-check and mocha side by side (the test workers wait on child processes and
// leave a core idle part of the time), tsc's output printed after mocha's. Fails when either fails;
// mocha's exit code wins when both do. Run by npm, so node_modules/.bin is on PATH.
import { spawn } from 'node:child_process'

const run = (cmd, args, stdio) =>
  new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio })
    let out = ''
    child.stdout?.on('data', (d) => (out += d))
    child.stderr?.on('data', (d) => (out += d))
    child.on('error', (e) => resolve({ code: 127, out: `${cmd}: ${e.message}\n` }))
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), out }))
  })

const typecheck = run('tsc', ['--noEmit'], ['ignore', 'pipe', 'pipe'])
const mocha = await run('mocha', ['--parallel', '--jobs', '2', 'test/**/*.test.ts'], 'inherit')
const tsc = await typecheck
process.stdout.write(tsc.out)
if (tsc.code !== 0) process.stderr.write('npm test: the type-check (tsc --noEmit) failed\n')
process.exitCode = mocha.code !== 0 ? mocha.code : tsc.code
