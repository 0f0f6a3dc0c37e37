// `run --shard i/n` and `merge-reports` (docs/ci.md): a deterministic split of the files that adding
// files does not reshuffle, and shard reports merged back into one. In-process, like
// cli-in-process.test.ts: runCommand and mergeReportsCommand with stdout/stderr captured.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect } from 'chai'
import { mergeReportsCommand } from '../../bin/merge-reports.ts'
import { runCommand } from '../../bin/run.ts'
import { expandScenarioPaths } from '../../scenarios/runner/files.ts'
import { mergeReports, ReportError } from '../../scenarios/runner/merge-reports.ts'
import { inShard, parseShard, shardOf } from '../../scenarios/runner/shard.ts'

async function quietly(fn: () => Promise<void>): Promise<{ stderr: string; exitCode?: number }> {
  const { stdout, stderr } = process
  const writes = [stdout.write, stderr.write] as const
  const saved = process.exitCode
  let err = ''
  process.exitCode = undefined
  stdout.write = (() => true) as never
  stderr.write = ((chunk: string | Uint8Array) => ((err += String(chunk)), true)) as never
  try {
    await fn()
    return { stderr: err, exitCode: process.exitCode as number | undefined }
  } finally {
    ;[stdout.write, stderr.write] = writes
    process.exitCode = saved
  }
}

const CATALOGUE = expandScenarioPaths([])

describe('run --shard i/n', () => {
  it('parses i/n with 1 ≤ i ≤ n only', () => {
    expect(parseShard('2/4')).to.deep.equal({ index: 2, count: 4 })
    for (const bad of ['0/4', '5/4', '1/0', '1', 'a/b', '1/2/3', ' 1/2'])
      expect(parseShard(bad), bad).to.equal(undefined)
  })

  it('splits the files into n disjoint shards that together are all of them', () => {
    for (const count of [1, 2, 3, 7]) {
      const shards = Array.from({ length: count }, (_, i) =>
        inShard(CATALOGUE, { index: i + 1, count }),
      )
      expect(shards.flat().sort(), `n=${count}`).to.deep.equal([...CATALOGUE].sort())
    }
    // Not all in one: 45 files over 3 shards.
    const sizes = [1, 2, 3].map((index) => inShard(CATALOGUE, { index, count: 3 }).length)
    expect(Math.min(...sizes)).to.be.greaterThan(5)
  })

  it('keeps every file in its shard when files are added or removed (by path, not position)', () => {
    const before = CATALOGUE.map((f) => shardOf(f, 4))
    const added = [...CATALOGUE, 'scenarios/aaa-new.yaml', 'scenarios/mmm-new.yaml'].sort()
    const after = new Map(
      inShardAll(added, 4).flatMap((files, i) => files.map((f) => [f, i + 1] as const)),
    )
    expect(CATALOGUE.map((f) => after.get(f))).to.deep.equal(before)
    const removed = CATALOGUE.slice(1)
    const afterRemoval = new Map(
      inShardAll(removed, 4).flatMap((files, i) => files.map((f) => [f, i + 1] as const)),
    )
    expect(removed.map((f) => afterRemoval.get(f))).to.deep.equal(before.slice(1))
  })

  it('is the same from another checkout (the path relative to the working folder)', () => {
    const rel = 'scenarios/offline-im-waits-out-server-busy.yaml'
    expect(shardOf(join('/a/checkout', rel), 5, '/a/checkout')).to.equal(
      shardOf(join('/elsewhere/ci', rel), 5, '/elsewhere/ci'),
    )
  })
})

function inShardAll(files: string[], count: number): string[][] {
  return Array.from({ length: count }, (_, i) => inShard(files, { index: i + 1, count }))
}

describe('merge-reports', function () {
  this.timeout(60_000)
  let dir: string
  before(() => (dir = mkdtempSync(join(tmpdir(), 'ews-lab-shard-'))))
  after(() => rmSync(dir, { recursive: true, force: true }))

  const files = CATALOGUE.filter((f) => /drafts-bug|server-busy/.test(f))

  for (const reporter of ['json', 'junit'] as const) {
    it(`merges the ${reporter} reports of every shard into the report of the whole run`, async () => {
      const outs: string[] = []
      for (const index of [1, 2, 3]) {
        const out = join(dir, `shard-${index}.${reporter}`)
        outs.push(out)
        const run = await quietly(() =>
          runCommand(files, { reporter, out, shard: { index, count: 3 } }),
        )
        expect(run.exitCode, run.stderr).to.equal(0)
      }
      const merged = join(dir, `merged.${reporter}`)
      const r = await quietly(() => mergeReportsCommand(outs, { out: merged }))
      expect(r.exitCode, r.stderr).to.equal(0)
      expect(r.stderr).to.contain(`${files.length} passing, 0 failing`)
      const text = readFileSync(merged, 'utf8')
      if (reporter === 'json') {
        const report = JSON.parse(text) as { passed: number; results: { file: string }[] }
        expect(report.passed).to.equal(files.length)
        expect(report.results.map((x) => x.file).sort()).to.have.length(files.length)
      } else {
        expect(text).to.match(
          new RegExp(`^<testsuites [^>]*tests="${files.length}" failures="0"`, 'm'),
        )
        expect(text.match(/<testcase /g)).to.have.length(files.length)
        expect(text.match(/<testsuite /g)).to.have.length(3)
      }
    })
  }

  it('counts failures, exits 1 with them, and refuses mixed or foreign files (exit 2)', async () => {
    const failing = JSON.stringify({
      passed: 1,
      failed: 1,
      results: [
        { file: 'b.yaml', name: 'b', passed: false, durationMs: 1, stepsRun: 1 },
        { file: 'a.yaml', name: 'a', passed: true, durationMs: 1, stepsRun: 2 },
      ],
    })
    const merged = mergeReports([
      { file: 'x.json', text: failing },
      { file: 'y.json', text: '{"passed":0,"failed":0,"results":[]}' },
    ])
    expect(merged).to.include({ format: 'json', tests: 2, failed: 1 })
    expect((JSON.parse(merged.text) as { results: { file: string }[] }).results[0]!.file).to.equal(
      'a.yaml',
    )
    const junit =
      '<testsuites><testsuite tests="2" failures="1" errors="0" time="1.5"/></testsuites>'
    expect(
      mergeReports([
        { file: 'a.xml', text: junit },
        { file: 'b.xml', text: junit },
      ]),
    ).to.include({
      tests: 4,
      failed: 2,
    })
    expect(() =>
      mergeReports([
        { file: 'a.xml', text: junit },
        { file: 'x.json', text: failing },
      ]),
    ).to.throw(ReportError, /not all one format/)
    expect(() => mergeReports([{ file: 'n.txt', text: 'hello' }])).to.throw(ReportError, /n\.txt/)
    expect(() => mergeReports([{ file: 'h.xml', text: '<html/>' }])).to.throw(ReportError, /JUnit/)
    const failingFile = join(dir, 'failing.json')
    writeFileSync(failingFile, failing)
    const one = await quietly(() =>
      mergeReportsCommand([failingFile], { out: join(dir, 'm.json') }),
    )
    expect(one.exitCode).to.equal(1)
    expect(one.stderr).to.contain('1 passing, 1 failing')
    const r = await quietly(() => mergeReportsCommand([join(dir, 'missing.json')], {}))
    expect(r.exitCode).to.equal(2)
    expect(r.stderr).to.match(/^ews-lab: .*missing\.json: ENOENT/)
  })
})
