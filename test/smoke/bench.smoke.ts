// The benchmark scripts (scripts/bench/) with very small parameters, all at once: each must finish
// and print its machine, its parameters and a well-formed RESULT line. No figure is checked.
// They run as `npm run bench:*` runs them: compiled once (`npm run build:bench`, tsconfig.bench.json,
// into .bench/) and run by plain node.
// Not part of `npm test` (it takes ~40 s and checks no behaviour): `npm run bench:smoke`, run by CI.
import { execFile } from 'node:child_process'
import { createRequire } from 'node:module'
import { expect } from 'chai'

interface Bench {
  script: string
  args: string[]
  node?: string[]
  /** Figures the RESULT line must name. */
  names: string[]
}

const BENCHES: Bench[] = [
  {
    script: 'throughput.ts',
    args: ['--seconds', '0.1', '--items', '100', '--warmup', '10'],
    names: ['FindItem_c10_rps', 'FindItem_c10_ratio', 'GetItem_c10_p99_ms', 'CreateItem_c1_rps'],
  },
  {
    script: 'scaling.ts',
    args: ['--largest', '5000', '--timed', '1', '--warmup', '0'],
    names: [
      'find_last5k_p50_ms',
      'ratio_find_last5k_over_first0.05k',
      'ratio_sync10_5k_over_0.05k',
    ],
  },
  {
    script: 'mail-flow.ts',
    args: ['--seconds', '0.1', '--messages', '100'],
    names: ['deliveries_per_s_c10', 'in_process_deliveries_per_s'],
  },
  {
    script: 'memory.ts',
    args: [
      ...['--items', '100', '--requests', '10', '--every', '10', '--settleMs', '0'],
      ...['--attachmentItems', '10', '--attachmentBytes', '1024', '--ewsAttachments', '10'],
    ],
    node: ['--expose-gc'],
    names: [
      'rss_after_items_mb',
      'attachment_external_growth_mb',
      'ews_attachment_growth_ratio',
      'heap_growth_mb',
      'rss_last_mb',
      'rss_settled_last_mb',
    ],
  },
]

function node(args: string[]): Promise<string> {
  return new Promise((resolve, reject) =>
    execFile(process.execPath, args, (err, stdout, stderr) =>
      err
        ? reject(new Error(`${args.join(' ')}: ${err.message}\n${stdout}${stderr}`))
        : resolve(stdout),
    ),
  )
}

const TSC = createRequire(import.meta.url).resolve('typescript/bin/tsc')

/** What `npm run build:bench` does. */
const build = (): Promise<string> => node([TSC, '-p', 'tsconfig.bench.json'])

function run(b: Bench): Promise<string> {
  const script = `.bench/scripts/bench/${b.script.replace(/\.ts$/, '.js')}`
  return node([...(b.node ?? []), script, ...b.args])
}

describe('benchmark scripts (smoke)', function () {
  this.timeout(120_000)
  const outputs = new Map<string, Promise<string>>()
  before(async () => {
    await build()
    for (const b of BENCHES) outputs.set(b.script, run(b))
  })

  for (const b of BENCHES) {
    it(`${b.script} prints its machine, parameters and a RESULT line`, async () => {
      const lines = (await outputs.get(b.script)!).trimEnd().split('\n')
      expect(lines[0]).to.match(/^machine: \d+ cores .*node v\d+/)
      expect(lines[1]).to.match(/^parameters: /)
      const last = lines[lines.length - 1]!
      expect(last).to.match(/^RESULT( [\w.]+=[\w.+-]+)+$/)
      const figures = new Map(
        last
          .slice('RESULT '.length)
          .split(' ')
          .map((f) => f.split('=') as [string, string]),
      )
      for (const name of b.names) {
        expect(figures.has(name), name).to.equal(true)
        expect(Number.isFinite(Number(figures.get(name))), name).to.equal(true)
      }
    })
  }
})
