/** `ews-lab merge-reports`: one report from the reports of several `run --shard` jobs. */
import { readFileSync, writeFileSync } from 'node:fs'
import { mergeReports, ReportError } from '../scenarios/runner/merge-reports.ts'
import type { ReportInput } from '../scenarios/runner/merge-reports.ts'

export async function mergeReportsCommand(
  files: string[],
  options: { out?: string },
): Promise<void> {
  const refuse = (message: string): void => {
    process.stderr.write(`ews-lab: ${message}\n`)
    process.exitCode = 2
  }
  const inputs: ReportInput[] = []
  for (const file of files) {
    try {
      inputs.push({ file, text: readFileSync(file, 'utf8') })
    } catch (e) {
      return refuse(`${file}: ${(e as Error).message}`)
    }
  }
  let merged
  try {
    merged = mergeReports(inputs)
  } catch (e) {
    if (e instanceof ReportError) return refuse(e.message)
    throw e
  }
  if (options.out) writeFileSync(options.out, merged.text)
  else process.stdout.write(merged.text)
  process.stderr.write(
    `merged ${files.length} ${merged.format === 'json' ? 'JSON' : 'JUnit'} reports: ${merged.tests - merged.failed} passing, ${merged.failed} failing\n`,
  )
  process.exitCode = merged.failed === 0 ? 0 : 1
}
