// `run --shard i/n` (docs/ci.md): a deterministic split of the files that adding files does not
// reshuffle and the working folder does not change. In-process, like cli-in-process.test.ts:
// runCommand with stdout/stderr captured. merge-reports: cli-merge-reports.test.ts.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, dirname, join, relative } from 'node:path'
import { expect } from 'chai'
import { mergeReportsCommand } from '../../bin/merge-reports.ts'
import { runCommand } from '../../bin/run.ts'
import type { RunCommandOptions } from '../../bin/run.ts'
import { CATALOGUE_DIR, expandScenarioFiles } from '../../scenarios/runner/files.ts'
import type { ScenarioFile } from '../../scenarios/runner/files.ts'
import { inShard, parseShard, shardOf } from '../../scenarios/runner/shard.ts'
import { quietly } from '../helpers/cli.ts'

const CATALOGUE_FILES = expandScenarioFiles([])
const CATALOGUE = CATALOGUE_FILES.map((f) => f.file)
const keyed = (files: readonly string[]): ScenarioFile[] =>
  files.map((file) => ({ file, key: basename(file) }))

describe('run --shard i/n', () => {
  it('parses i/n with 1 ≤ i ≤ n only', () => {
    expect(parseShard('2/4')).to.deep.equal({ index: 2, count: 4 })
    for (const bad of ['0/4', '5/4', '1/0', '1', 'a/b', '1/2/3', ' 1/2'])
      expect(parseShard(bad), bad).to.equal(undefined)
  })

  it('splits the files into n disjoint shards that together are all of them', () => {
    for (const count of [1, 2, 3, 7]) {
      const shards = Array.from({ length: count }, (_, i) =>
        inShard(CATALOGUE_FILES, { index: i + 1, count }),
      )
      expect(shards.flat().sort(), `n=${count}`).to.deep.equal([...CATALOGUE].sort())
    }
    // Not all in one: 45 files over 3 shards.
    const sizes = [1, 2, 3].map((index) => inShard(CATALOGUE_FILES, { index, count: 3 }).length)
    expect(Math.min(...sizes)).to.be.greaterThan(5)
  })

  it('keeps every file in its shard when files are added or removed (by path, not position)', () => {
    const before = CATALOGUE_FILES.map((f) => shardOf(f.key, 4))
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

  it('keys a file by its path below the folder or glob given, not the working folder', () => {
    const names = CATALOGUE.map((f) => basename(f))
    const keys = (patterns: string[], cwd: string): string[] =>
      expandScenarioFiles(patterns, cwd).map((f) => f.key)
    expect(keys([], '/')).to.deep.equal(names)
    expect(keys([], CATALOGUE_DIR)).to.deep.equal(names)
    expect(keys([basename(CATALOGUE_DIR)], dirname(CATALOGUE_DIR))).to.deep.equal(names)
    expect(keys([relative(tmpdir(), CATALOGUE_DIR)], tmpdir())).to.deep.equal(names)
    expect(keys([join(CATALOGUE_DIR, '*.yaml')], '/')).to.deep.equal(names)
    expect(keys([CATALOGUE[0]!], '/')).to.deep.equal([names[0]])
    const parent = dirname(CATALOGUE_DIR)
    expect(keys([join(parent, '**', 'offline-im-*.yaml')], '/')).to.include(
      `${basename(CATALOGUE_DIR)}/offline-im-waits-out-server-busy.yaml`,
    )
  })

  it('runs the same files of a shard from any working folder', async function () {
    this.timeout(60_000)
    const shardFiles = async (cwd: string): Promise<string[]> => {
      const out = join(tmpdir(), `ews-lab-shard-cwd-${process.pid}.json`)
      const before = process.cwd()
      process.chdir(cwd)
      try {
        const options = {
          reporter: 'json',
          out,
          grep: 'drafts|busy',
          shard: { index: 1, count: 2 },
        }
        const r = await quietly(() => runCommand([], options as RunCommandOptions))
        expect(r.exitCode, r.stderr).to.equal(0)
        const report = JSON.parse(readFileSync(out, 'utf8')) as { results: { file: string }[] }
        return report.results.map((x) => x.file).sort()
      } finally {
        process.chdir(before)
        rmSync(out, { force: true })
      }
    }
    const fromCheckout = await shardFiles(dirname(CATALOGUE_DIR))
    expect(fromCheckout.length).to.be.greaterThan(0)
    expect(await shardFiles(tmpdir())).to.deep.equal(fromCheckout)
  })

  it('says so when a shard is empty, and still writes its (empty) report for merge-reports', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ews-lab-empty-shard-'))
    try {
      const file = CATALOGUE.find((f) => /server-busy/.test(f))!
      const empty = shardOf(basename(file), 2) === 1 ? 2 : 1
      for (const reporter of ['json', 'junit'] as const) {
        const out = join(dir, `shard-${empty}.${reporter}`)
        const shard = { index: empty, count: 2 }
        const r = await quietly(() => runCommand([file], { reporter, out, shard }))
        expect(r.exitCode, r.stderr).to.equal(0)
        expect(r.stderr).to.contain(`no scenarios in shard ${empty}/2 (0 of 1 scenario files)`)
        const merged = await quietly(() => mergeReportsCommand([out], {}))
        expect(merged.exitCode, merged.stderr).to.equal(0)
        expect(merged.stderr).to.contain('0 passing, 0 failing')
      }
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

function inShardAll(files: string[], count: number): string[][] {
  return Array.from({ length: count }, (_, i) => inShard(keyed(files), { index: i + 1, count }))
}
