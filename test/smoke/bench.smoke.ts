// The benchmark scripts (scripts/bench/) with very small parameters, all at once: each must finish
// and print its machine, its parameters and a well-formed RESULT line. No figure is checked.
// Not part of `npm test` (it takes ~20 s and checks no behaviour): `npm run bench:smoke`, run by CI.
import { execFile } from 'node:child_process'
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
      ...['--attachmentItems', '10', '--attachmentBytes', '1024'],
    ],
    node: ['--expose-gc'],
    names: [
      'rss_after_items_mb',
      'attachment_external_growth_mb',
      'heap_growth_mb',
      'rss_last_mb',
      'rss_settled_last_mb',
    ],
  },
]

function run(b: Bench): Promise<string> {
  const args = [...(b.node ?? []), '--import', 'tsx', `scripts/bench/${b.script}`, ...b.args]
  return new Promise((resolve, reject) =>
    execFile(process.execPath, args, (err, stdout, stderr) =>
      err ? reject(new Error(`${b.script}: ${err.message}\n${stderr}`)) : resolve(stdout),
    ),
  )
}

describe('benchmark scripts (smoke)', function () {
  this.timeout(60_000)
  const outputs = new Map<string, Promise<string>>()
  before(() => {
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
