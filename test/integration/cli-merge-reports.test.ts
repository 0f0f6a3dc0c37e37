// `merge-reports` (docs/ci.md): the reports of `run --shard` jobs merged back into one, and only
// those: another tool's report, or a scenario in two reports (overlapping shards), is refused.
// In-process: runCommand and mergeReportsCommand with stdout/stderr captured.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect } from 'chai'
import { mergeReportsCommand } from '../../bin/merge-reports.ts'
import { runCommand } from '../../bin/run.ts'
import { expandScenarioPaths } from '../../scenarios/runner/files.ts'
import { mergeReports, ReportError } from '../../scenarios/runner/merge-reports.ts'
import { quietly } from '../helpers/cli.ts'

const CATALOGUE = expandScenarioPaths([])

/** A JUnit report as `run --reporter junit` writes it: the first file passed, the others failed. */
function junitOf(...files: string[]): string {
  const cases = files.map((f, i) =>
    i === 0
      ? `<testcase classname="${f}" name="${f}" time="0.1"/>`
      : `<testcase classname="${f}" name="${f}" time="0.1"><failure message="m">m</failure></testcase>`,
  )
  const n = files.length
  const f = Math.max(n - 1, 0)
  return `<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="ews-lab scenarios" tests="${n}" failures="${f}" time="1">
  <testsuite name="ews-lab scenarios" tests="${n}" failures="${f}" errors="0" skipped="0" time="1">
    ${cases.join('\n    ')}
  </testsuite>
</testsuites>
`
}

function jsonOf(...files: string[]): string {
  const results = files.map((file) => ({
    file,
    name: file,
    passed: true,
    durationMs: 1,
    stepsRun: 1,
  }))
  return JSON.stringify({ passed: files.length, failed: 0, results })
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
    expect(
      mergeReports([
        { file: 'a.xml', text: junitOf('a.yaml', 'b.yaml') },
        { file: 'b.xml', text: junitOf('c.yaml', 'd.yaml') },
      ]),
    ).to.include({
      tests: 4,
      failed: 2,
    })
    const junit = junitOf('a.yaml', 'b.yaml')
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
  it('refuses a scenario that is in two reports (overlapping shards), naming it and both (exit 2)', async () => {
    for (const [a, b] of [
      [jsonOf('x.yaml', 'shared.yaml'), jsonOf('shared.yaml', 'y.yaml')],
      [junitOf('x.yaml', 'shared.yaml'), junitOf('y.yaml', 'shared.yaml')],
    ] as const)
      expect(() =>
        mergeReports([
          { file: 'shard-1.report', text: a },
          { file: 'shard-2.report', text: b },
        ]),
      ).to.throw(ReportError, /shared\.yaml is in both shard-1\.report and shard-2\.report/)
    const one = join(dir, 'one.json')
    const two = join(dir, 'two.json')
    writeFileSync(one, jsonOf('a.yaml', 'b.yaml'))
    writeFileSync(two, jsonOf('b.yaml'))
    const r = await quietly(() => mergeReportsCommand([one, two], { out: join(dir, 'o.json') }))
    expect(r.exitCode).to.equal(2)
    expect(r.stderr).to.contain(`ews-lab: b.yaml is in both ${one} and ${two}: overlapping shards`)
    // Absolute paths (the JSON report's) are shown relative to the working folder, like run does.
    const abs = join(process.cwd(), 'scenarios', 'x.yaml')
    expect(() =>
      mergeReports([
        { file: 'a.json', text: jsonOf(abs, abs) },
        { file: 'b.json', text: jsonOf() },
      ]),
    ).to.throw(ReportError, /^scenarios\/x\.yaml is twice in a\.json$/)
    const given = await quietly(() => mergeReportsCommand([one, one], {}))
    expect(given.exitCode).to.equal(2)
    expect(given.stderr).to.equal(`ews-lab: ${one} is given twice\n`)
  })

  it("accepts only reports ews-lab run wrote (exit 2 for another tool's JUnit or JSON)", async () => {
    const mocha =
      '<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="Mocha Tests" tests="1" failures="0">' +
      '<testsuite name="Root Suite" tests="1" failures="0"><testcase classname="x" name="y"/></testsuite>' +
      '</testsuites>'
    const bareSuite = '<testsuite name="ews-lab scenarios" tests="0" failures="0"/>'
    const jest = JSON.stringify({ numPassedTests: 1, success: true, testResults: [] })
    const lookalike = JSON.stringify({ results: [{ file: 'a.yaml', passed: true }] })
    const wrongCounts = JSON.stringify({ ...(JSON.parse(jsonOf('a.yaml')) as object), failed: 3 })
    for (const [name, text] of [
      ['mocha.xml', mocha],
      ['bare.xml', bareSuite],
      ['jest.json', jest],
      ['lookalike.json', lookalike],
      ['counts.json', wrongCounts],
    ] as const) {
      expect(() => mergeReports([{ file: name, text }]), name).to.throw(
        ReportError,
        new RegExp(`^${name.replace('.', '\\.')}: not a .*report of \`ews-lab run`),
      )
      const path = join(dir, name)
      writeFileSync(path, text)
      const r = await quietly(() => mergeReportsCommand([path], {}))
      expect(r.exitCode, name).to.equal(2)
      expect(r.stderr, name).to.contain(`${path}: not a`)
    }
    // What run writes, even an empty shard's report, and a merged report, are accepted.
    const empty = mergeReports([{ file: 'e.xml', text: junitOf() }])
    expect(empty).to.include({ tests: 0, failed: 0 })
    expect(mergeReports([{ file: 'm.xml', text: empty.text }])).to.include({ tests: 0 })
  })
})
