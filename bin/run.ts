/** `ews-lab run`: runs scenario files and reports. */
import { existsSync, writeFileSync } from 'node:fs'
import { expandScenarioFiles } from '../scenarios/runner/files.ts'
import { loadScenarioFile } from '../scenarios/runner/load.ts'
import { htmlReport } from '../scenarios/runner/html/report.ts'
import type { ScenarioResult } from '../scenarios/runner/model.ts'
import { jsonReport, junitReport, specLine, specSummary } from '../scenarios/runner/reporters.ts'
import type { ReporterName } from '../scenarios/runner/reporters.ts'
import { runFiles } from '../scenarios/runner/run.ts'
import { inShard } from '../scenarios/runner/shard.ts'
import type { Shard } from '../scenarios/runner/shard.ts'

export interface RunCommandOptions {
  reporter: ReporterName
  out?: string
  grep?: string
  bail?: boolean
  concurrency?: number
  shard?: Shard
}

export async function runCommand(paths: string[], options: RunCommandOptions): Promise<void> {
  // A path (not a glob) that names nothing is a mistake in the command, not a failing scenario.
  const missing = paths.filter((p) => !/[*?]/.test(p) && !existsSync(p))
  if (missing.length > 0) {
    process.stderr.write(`ews-lab: no such file or folder: ${missing.join(', ')}\n`)
    process.exitCode = 2
    return
  }
  let found = expandScenarioFiles(paths)
  if (options.grep !== undefined) {
    const re = new RegExp(options.grep)
    found = found.filter(({ file }) => re.test(file) || re.test(nameOf(file)))
  }
  if (found.length === 0) {
    process.stderr.write(
      `ews-lab: no scenario files match ${paths.join(' ') || 'the catalogue'}${options.grep ? ` and --grep ${options.grep}` : ''}\n`,
    )
    process.exitCode = 2
    return
  }
  // After the checks above: a shard with no files is an empty run, not a mistake (CI matrices).
  const files = options.shard ? inShard(found, options.shard) : found.map((f) => f.file)
  if (options.shard && files.length === 0)
    process.stderr.write(
      `ews-lab: no scenarios in shard ${options.shard.index}/${options.shard.count} (0 of ${found.length} scenario files)\n`,
    )
  const started = performance.now()
  // Progress goes to stdout for spec, to stderr when stdout carries a machine-readable report.
  const progress = options.reporter === 'spec' || options.out ? process.stdout : process.stderr
  // Lines for a person fit the terminal (100 columns when it is not one); reports keep full text.
  const width = progress.columns || 100
  const results = await runFiles(files, {
    ...(options.bail ? { bail: true } : {}),
    ...(options.concurrency ? { concurrency: options.concurrency } : {}),
    // Only the HTML report draws timelines: the others do not pay for recording them.
    ...(options.reporter === 'html' ? { timeline: true } : {}),
    onResult: (r) => progress.write(`${specLine(r, width)}\n`),
  })
  const wall = performance.now() - started
  if (options.out) {
    writeFileSync(options.out, render(options.reporter, results, wall))
    // The summary (with the failures) still goes to stdout, whatever the reporter.
    process.stdout.write(specSummary(results, wall, process.stdout.columns || 100))
  } else if (options.reporter === 'spec') {
    process.stdout.write(specSummary(results, wall, width))
  } else {
    process.stdout.write(render(options.reporter, results, wall))
  }
  process.exitCode = results.every((r) => r.passed) ? 0 : 1
}

function render(reporter: ReporterName, results: ScenarioResult[], wall: number): string {
  switch (reporter) {
    case 'spec':
      return specSummary(results, wall)
    case 'junit':
      return junitReport(results, wall)
    case 'json':
      return jsonReport(results)
    case 'html':
      return htmlReport(results, wall)
  }
}

/** The scenario's name, for --grep (the file name when it does not load). */
function nameOf(file: string): string {
  try {
    return loadScenarioFile(file).name
  } catch {
    return file
  }
}
