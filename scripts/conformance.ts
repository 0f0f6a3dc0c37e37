/**
 * Schema conformance check: every SOAP answer the test suite produces must validate against the
 * official EWS schema (see scripts/lib/ews-schema.ts for what is checked).
 *
 *   npm run conformance -- <schema-dir> [--corpus DIR]
 *
 * With --corpus, checks the answers captured there by a test run made with EWS_CAPTURE_DIR=DIR.
 * Without it, runs the test suite itself with capture on, then checks what it captured.
 * Prints how many answers were checked and how many failed; exits 1 if any failed or none were found.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { checkResponses, loadSchemaFolder } from './lib/ews-schema.ts'

const args = process.argv.slice(2)
const corpusAt = args.indexOf('--corpus')
const corpusArg = corpusAt >= 0 ? args[corpusAt + 1] : undefined
const positional = args.filter(
  (a, i) => !a.startsWith('--') && (corpusAt < 0 || i !== corpusAt + 1),
)
const schemaDir = positional[0]
if (!schemaDir || positional.length > 1 || (corpusAt >= 0 && !corpusArg)) {
  process.stderr.write('usage: conformance <schema-dir> [--corpus DIR]\n')
  process.exit(2)
}

const schema = loadSchemaFolder(schemaDir)
let corpus = corpusArg
let cleanup = false
if (!corpus) {
  corpus = mkdtempSync(join(tmpdir(), 'ews-conformance-'))
  cleanup = true
  process.stdout.write(`conformance: running the test suite to capture answers in ${corpus}\n`)
  const run = spawnSync('npx', ['mocha', '--reporter', 'dot', 'test/**/*.test.ts'], {
    stdio: 'inherit',
    // The tests that need the schema (test/helpers/needs.ts) use the one checked against here.
    env: { ...process.env, EWS_CAPTURE_DIR: corpus, EWS_SCHEMA_DIR: resolve(schemaDir) },
  })
  if (run.status !== 0) {
    process.stderr.write(
      'conformance: the test suite failed; its answers are checked all the same\n',
    )
    process.exitCode = 1
  }
}

const files = readdirSync(corpus)
  .filter((f) => f.endsWith('.xml'))
  .sort()
const report = await checkResponses(
  schema,
  files.map((name) => ({ name, xml: readFileSync(join(corpus, name), 'utf8') })),
)
if (cleanup) rmSync(corpus, { recursive: true, force: true })

for (const failure of report.failures) {
  process.stdout.write(
    `FAIL ${failure.name}\n${failure.problems.map((p) => `  - ${p}`).join('\n')}\n`,
  )
}
process.stdout.write(
  `conformance: ${report.responses} responses checked (${report.documents} distinct documents validated against ${schemaDir}/messages.xsd, ${report.faults} faults), ${report.failures.length} failed\n`,
)
if (report.responses === 0) {
  process.stdout.write('conformance: no responses were captured; nothing was checked\n')
  process.exitCode = 1
}
if (report.failures.length > 0) process.exitCode = 1
