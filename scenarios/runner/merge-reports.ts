/**
 * `ews-lab merge-reports`: the reports of several `run --shard i/n` jobs as one report. All inputs
 * are one format, told by their content: JSON (`--reporter json`: the results in one list, sorted by
 * file, totals recounted) or JUnit XML (`--reporter junit`: every input's <testsuite> under one
 * <testsuites>, with tests, failures, errors and time summed). Only reports `ews-lab run` (or this
 * command) wrote are accepted, and a scenario in two inputs (overlapping shards) is refused: either
 * would make the merged report claim more than was run.
 */
import { DOMParser, XMLSerializer } from '@xmldom/xmldom'
import type { Element } from '@xmldom/xmldom'
import type { ScenarioResult } from './model.ts'
import { shown } from './reporters.ts'

export class ReportError extends Error {}

export interface MergedReport {
  format: 'json' | 'junit'
  text: string
  tests: number
  failed: number
}

export interface ReportInput {
  file: string
  text: string
}

export function mergeReports(inputs: readonly ReportInput[]): MergedReport {
  if (inputs.length === 0) throw new ReportError('no reports to merge')
  const twice = inputs.find((x, i) => inputs.findIndex((y) => y.file === x.file) !== i)
  if (twice) throw new ReportError(`${twice.file} is given twice`)
  const formats = new Set(inputs.map(formatOf))
  if (formats.size > 1) throw new ReportError('the reports are not all one format (JSON or JUnit)')
  return formats.has('json') ? mergeJson(inputs) : mergeJunit(inputs)
}

function formatOf({ file, text }: ReportInput): 'json' | 'junit' {
  const start = text.trimStart()
  if (start.startsWith('{')) return 'json'
  if (start.startsWith('<')) return 'junit'
  throw new ReportError(`${file}: neither a JSON nor a JUnit report`)
}

/** Where each scenario was first seen: a second report with it means the shards overlap. */
function noOverlap(): (scenario: string, file: string) => void {
  const seen = new Map<string, string>()
  return (scenario, file) => {
    const first = seen.get(scenario)
    if (first !== undefined)
      throw new ReportError(
        first === file
          ? `${shown(scenario)} is twice in ${file}`
          : `${shown(scenario)} is in both ${first} and ${file}: overlapping shards`,
      )
    seen.set(scenario, file)
  }
}

const SUITE = 'ews-lab scenarios'

function mergeJson(inputs: readonly ReportInput[]): MergedReport {
  const results: ScenarioResult[] = []
  const see = noOverlap()
  for (const { file, text } of inputs) {
    let report: unknown
    try {
      report = JSON.parse(text)
    } catch (e) {
      throw new ReportError(`${file}: ${(e as Error).message}`)
    }
    if (!isJsonReport(report))
      throw new ReportError(`${file}: not a report of \`ews-lab run --reporter json\``)
    for (const r of report.results) see(r.file, file)
    results.push(...report.results)
  }
  results.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))
  const failed = results.filter((r) => !r.passed).length
  const text = `${JSON.stringify({ passed: results.length - failed, failed, results }, null, 2)}\n`
  return { format: 'json', text, tests: results.length, failed }
}

/** `{ passed, failed, results }` as jsonReport writes it: those keys only, the counts true. */
function isJsonReport(
  r: unknown,
): r is { passed: number; failed: number; results: ScenarioResult[] } {
  if (typeof r !== 'object' || r === null || Array.isArray(r)) return false
  const o = r as Record<string, unknown>
  if (Object.keys(o).sort().join() !== 'failed,passed,results') return false
  const list = o.results
  if (!Array.isArray(list) || !list.every(isResult)) return false
  const failed = list.filter((x) => !x.passed).length
  return o.failed === failed && o.passed === list.length - failed
}

function isResult(r: unknown): r is ScenarioResult {
  const o = r as Partial<ScenarioResult> | null
  return (
    typeof o === 'object' &&
    o !== null &&
    typeof o.file === 'string' &&
    typeof o.name === 'string' &&
    typeof o.passed === 'boolean' &&
    typeof o.durationMs === 'number' &&
    typeof o.stepsRun === 'number'
  )
}

function mergeJunit(inputs: readonly ReportInput[]): MergedReport {
  const suites: Element[] = []
  const see = noOverlap()
  for (const { file, text } of inputs) {
    const doc = new DOMParser({
      onError: (level, message) => {
        if (level !== 'warning') throw new ReportError(`${file}: ${message}`)
      },
    }).parseFromString(text, 'text/xml')
    const root = doc.documentElement
    const mine = root ? ewsLabSuites(root) : undefined
    if (doc.doctype || !mine)
      throw new ReportError(
        `${file}: not a JUnit report of \`ews-lab run --reporter junit\` (<testsuites name="${SUITE}">)`,
      )
    for (const suite of mine) {
      for (const c of elements(suite, 'testcase')) see(c.getAttribute('classname')!, file)
      suites.push(suite)
    }
  }
  const sum = (name: string): number =>
    suites.reduce((n, s) => n + (Number(s.getAttribute(name)) || 0), 0)
  const tests = sum('tests')
  const failed = sum('failures') + sum('errors')
  const serializer = new XMLSerializer()
  const text =
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<testsuites name="${SUITE}" tests="${tests}" failures="${sum('failures')}" errors="${sum('errors')}" time="${sum('time').toFixed(3)}">\n` +
    suites.map((s) => `  ${serializer.serializeToString(s)}\n`).join('') +
    '</testsuites>\n'
  return { format: 'junit', text, tests, failed }
}

const elements = (parent: Element, tag: string): Element[] =>
  Array.from(parent.childNodes).filter((n): n is Element => (n as Element).tagName === tag)

/**
 * The suites of a report junitReport (or mergeJunit) wrote: <testsuites name="ews-lab scenarios">
 * holding only <testsuite name="ews-lab scenarios"> elements whose `tests` counts their <testcase>
 * elements, each with a classname (the scenario's file) and a name. Undefined for anything else.
 */
function ewsLabSuites(root: Element): Element[] | undefined {
  if (root.tagName !== 'testsuites' || root.getAttribute('name') !== SUITE) return undefined
  const children = Array.from(root.childNodes).filter((n) => n.nodeType === 1)
  const suites = elements(root, 'testsuite')
  if (suites.length === 0 || suites.length !== children.length) return undefined
  for (const s of suites) {
    const cases = elements(s, 'testcase')
    if (s.getAttribute('name') !== SUITE || Number(s.getAttribute('tests')) !== cases.length)
      return undefined
    if (!cases.every((c) => c.getAttribute('classname') && c.hasAttribute('name'))) return undefined
  }
  return suites
}
