/**
 * Reports of a scenario run: `spec` (a line per scenario as it ends, details of each failure, a
 * summary), `junit` (JUnit XML for CI servers) and `json` (the results as data); `html` (a page of
 * timelines) is in html/report.ts.
 */
import { relative } from 'node:path'
import type { ScenarioResult } from './model.ts'

export const REPORTERS = ['spec', 'junit', 'json', 'html'] as const
export type ReporterName = (typeof REPORTERS)[number]

export const shown = (file: string): string => relative(process.cwd(), file) || file
const where = (r: ScenarioResult): string => shown(r.file)
/** A file that did not load has no name of its own: the runner names it by its path. */
const loaded = (r: ScenarioResult): boolean => r.name !== r.file
const nameOf = (r: ScenarioResult): string => (loaded(r) ? r.name : where(r))

/**
 * One line for a scenario that just ended (the progress of a spec run), cut to `width` characters
 * (a terminal's width; the full name is in the failure details, JUnit and JSON).
 */
export function specLine(r: ScenarioResult, width = Infinity): string {
  const line = loaded(r)
    ? `${r.passed ? '✔' : '✘'} ${r.name} (${where(r)}, ${Math.round(r.durationMs)} ms)`
    : `✘ ${where(r)} (does not load)`
  return cut(line, width)
}

/** What went wrong, with where and the trace tail: the text of a failure. */
export function failureText(r: ScenarioResult): string {
  const f = r.failure
  if (!f) return ''
  // A position is known from line 1 on (line 0: a file that failed before any line was read).
  const lines = [
    f.at.line > 0 ? `${shown(f.at.file)}:${f.at.line}:${f.at.column}` : shown(f.at.file),
  ]
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

/** The failures in full and the counts; lines longer than `width` are wrapped, not cut. */
export function specSummary(
  results: readonly ScenarioResult[],
  wallMs: number,
  width = Infinity,
): string {
  const failed = results.filter((r) => !r.passed)
  const parts = failed.map((r, i) => wrap(`\n${i + 1}) ${nameOf(r)}\n${failureText(r)}`, width))
  return `${parts.length ? `${parts.join('\n')}\n` : ''}\n${results.length - failed.length} passing, ${failed.length} failing (${Math.round(wallMs)} ms)\n`
}

/** `line` cut to `width` characters (code points), ending in … when cut. */
function cut(line: string, width: number): string {
  const chars = [...line]
  return chars.length <= width ? line : `${chars.slice(0, Math.max(1, width - 1)).join('')}…`
}

/**
 * Each line of `text` broken into pieces of at most `width` characters (at a space when there is
 * one in the second half of the piece), continued indented.
 */
function wrap(text: string, width: number): string {
  if (!Number.isFinite(width)) return text
  return text
    .split('\n')
    .flatMap((line) => {
      const indent = `${/^ */.exec(line)![0]}    `.slice(0, Math.max(0, width - 20))
      const out: string[] = []
      let rest = [...line]
      let room = width
      while (rest.length > room) {
        const space = rest.lastIndexOf(' ', room)
        const at = space > room / 2 ? space : room
        out.push((out.length ? indent : '') + rest.slice(0, at).join(''))
        rest = rest.slice(space > room / 2 ? at + 1 : at)
        room = width - indent.length
      }
      out.push((out.length ? indent : '') + rest.join(''))
      return out
    })
    .join('\n')
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
