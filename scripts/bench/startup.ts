/**
 * Start-up cost of the `ews-lab` command: `ews-lab --help` to exit, and `ews-lab serve --port 0`
 * to its `EWS:` line (with the RSS of the server process then), `--runs` times each, medians. Side
 * by side, interleaved: the built JavaScript (bin/ews-lab.js after `npm run build`) and the
 * TypeScript sources through tsx (`node --import tsx bin/cli.ts`, what bin/ews-lab.js did before).
 */
import { spawn, spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { log, machine, options, result } from './lib.ts'

const { runs } = options({ runs: 7 })
const ENTRIES = {
  built: [fileURLToPath(new URL('../../bin/ews-lab.js', import.meta.url))],
  tsx: ['--import', 'tsx', fileURLToPath(new URL('../../bin/cli.ts', import.meta.url))],
}
type Entry = keyof typeof ENTRIES

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

function help(entry: Entry): number {
  const t0 = performance.now()
  const r = spawnSync(process.execPath, [...ENTRIES[entry], '--help'], { encoding: 'utf8' })
  if (r.status !== 0) throw new Error(`--help exited ${r.status}: ${r.stderr}`)
  return performance.now() - t0
}

/** Milliseconds to the `EWS:` line and the server's RSS in MB at that moment (Linux /proc). */
function serve(entry: Entry): Promise<{ ms: number; rssMb: number }> {
  const t0 = performance.now()
  const child = spawn(process.execPath, [...ENTRIES[entry], 'serve', '--port', '0', '--quiet'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  return new Promise((resolve, reject) => {
    let out = ''
    child.on('error', reject)
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      if (!out.includes('EWS:')) return
      const ms = performance.now() - t0
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8')
      const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN)
      child.kill('SIGTERM')
      child.once('exit', () => resolve({ ms, rssMb: rssKb / 1024 }))
    })
  })
}

machine()
const figures: Record<string, number> = {}
const samples = {
  built: { help: [], serve: [], rss: [] },
  tsx: { help: [], serve: [], rss: [] },
} as Record<Entry, Record<'help' | 'serve' | 'rss', number[]>>
for (let i = 0; i < runs; i++) {
  for (const entry of ['built', 'tsx'] as const) {
    samples[entry].help.push(help(entry))
    const s = await serve(entry)
    samples[entry].serve.push(s.ms)
    samples[entry].rss.push(s.rssMb)
  }
}
for (const entry of ['built', 'tsx'] as const) {
  figures[`${entry}_help_ms`] = median(samples[entry].help)
  figures[`${entry}_serve_start_ms`] = median(samples[entry].serve)
  figures[`${entry}_serve_rss_mb`] = median(samples[entry].rss)
}
log(
  `entries: built = node bin/ews-lab.js (dist/), tsx = node --import tsx bin/cli.ts; ${runs} runs`,
)
result(figures)
