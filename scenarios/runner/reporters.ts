/**
 * Reports of a scenario run: `spec` (a line per scenario as it ends, details of each failure, a
 * summary), `junit` (JUnit XML for CI servers) and `json` (the results as data).
 */
import { relative } from 'node:path'
import type { ScenarioResult } from './model.ts'

export const REPORTERS = ['spec', 'junit', 'json'] as const
export type ReporterName = (typeof REPORTERS)[number]

const where = (r: ScenarioResult): string => relative(process.cwd(), r.file) || r.file

/** One line for a scenario that just ended (the progress of a spec run). */
export function specLine(r: ScenarioResult): string {
  return `${r.passed ? '✔' : '✘'} ${r.name} (${where(r)}, ${Math.round(r.durationMs)} ms)`
}

/** What went wrong, with where and the trace tail: the text of a failure. */
export function failureText(r: ScenarioResult): string {
  const f = r.failure
  if (!f) return ''
  const lines = [`${relative(process.cwd(), f.at.file) || f.at.file}:${f.at.line}:${f.at.column}`]
  if (f.expectation) {
    lines.push(`  expectation: ${f.expectation.expectation.source}`)
    lines.push(`  expected:    ${f.expectation.expected}`)
    lines.push(`  found:       ${f.expectation.found}`)
  } else {
    lines.push(`  ${f.message}`)
  }
  for (const t of f.trace) {
    lines.push(`  last trace events of ${t.user}:`)
    lines.push(...(t.events.length ? t.events.map((e) => `    ${e}`) : ['    (none)']))
  }
  return lines.join('\n')
}

export function specSummary(results: readonly ScenarioResult[], wallMs: number): string {
  const failed = results.filter((r) => !r.passed)
  const parts = failed.map((r, i) => `\n${i + 1}) ${r.name}\n${failureText(r)}`)
  return `${parts.length ? `${parts.join('\n')}\n` : ''}\n${results.length - failed.length} passing, ${failed.length} failing (${Math.round(wallMs)} ms)\n`
}

export function jsonReport(results: readonly ScenarioResult[]): string {
  const failed = results.filter((r) => !r.passed).length
  return `${JSON.stringify({ passed: results.length - failed, failed, results }, null, 2)}\n`
}

export function junitReport(results: readonly ScenarioResult[], wallMs: number): string {
  const failed = results.filter((r) => !r.passed).length
  const seconds = (ms: number): string => (ms / 1000).toFixed(3)
  const cases = results.map((r) => {
    const open = `    <testcase classname="${xml(where(r))}" name="${xml(r.name)}" time="${seconds(r.durationMs)}"`
    if (r.passed) return `${open}/>`
    const message = r.failure?.message ?? 'failed'
    return `${open}>\n      <failure message="${xml(message)}">${xml(failureText(r))}</failure>\n    </testcase>`
  })
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<testsuites name="ews-lab scenarios" tests="${results.length}" failures="${failed}" time="${seconds(wallMs)}">\n` +
    `  <testsuite name="ews-lab scenarios" tests="${results.length}" failures="${failed}" errors="0" skipped="0" time="${seconds(wallMs)}">\n` +
    cases.join('\n') +
    (cases.length ? '\n' : '') +
    '  </testsuite>\n</testsuites>\n'
  )
}

/** Text safe in XML 1.0 content and attribute values: escaped, with disallowed characters dropped. */
function xml(s: string): string {
  return s
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
}
