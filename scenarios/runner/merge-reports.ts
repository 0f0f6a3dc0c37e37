/**
 * `ews-lab merge-reports`: the reports of several `run --shard i/n` jobs as one report. All inputs
 * are one format, told by their content: JSON (`--reporter json`: the results in one list, sorted by
 * file, totals recounted) or JUnit XML (`--reporter junit`: every input's <testsuite> under one
 * <testsuites>, with tests, failures, errors and time summed).
 */
import { DOMParser, XMLSerializer } from '@xmldom/xmldom'
import type { Element } from '@xmldom/xmldom'
import type { ScenarioResult } from './model.ts'

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

function mergeJson(inputs: readonly ReportInput[]): MergedReport {
  const results: ScenarioResult[] = []
  for (const { file, text } of inputs) {
    let report: unknown
    try {
      report = JSON.parse(text)
    } catch (e) {
      throw new ReportError(`${file}: ${(e as Error).message}`)
    }
    const list = (report as { results?: unknown }).results
    if (!Array.isArray(list) || !list.every(isResult))
      throw new ReportError(`${file}: not a report of \`ews-lab run --reporter json\``)
    results.push(...list)
  }
  results.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))
  const failed = results.filter((r) => !r.passed).length
  const text = `${JSON.stringify({ passed: results.length - failed, failed, results }, null, 2)}\n`
  return { format: 'json', text, tests: results.length, failed }
}

function isResult(r: unknown): r is ScenarioResult {
  const o = r as Partial<ScenarioResult> | null
  return (
    typeof o === 'object' &&
    o !== null &&
    typeof o.file === 'string' &&
    typeof o.passed === 'boolean'
  )
}

function mergeJunit(inputs: readonly ReportInput[]): MergedReport {
  const suites: Element[] = []
  for (const { file, text } of inputs) {
    const doc = new DOMParser({
      onError: (level, message) => {
        if (level !== 'warning') throw new ReportError(`${file}: ${message}`)
      },
    }).parseFromString(text, 'text/xml')
    const root = doc.documentElement
    if (doc.doctype || !root || !['testsuites', 'testsuite'].includes(root.tagName))
      throw new ReportError(`${file}: not a JUnit report (<testsuites> or <testsuite>)`)
    if (root.tagName === 'testsuite') suites.push(root)
    else
      for (const child of Array.from(root.childNodes))
        if ((child as Element).tagName === 'testsuite') suites.push(child as Element)
  }
  const sum = (name: string): number =>
    suites.reduce((n, s) => n + (Number(s.getAttribute(name)) || 0), 0)
  const tests = sum('tests')
  const failed = sum('failures') + sum('errors')
  const serializer = new XMLSerializer()
  const text =
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<testsuites name="ews-lab scenarios" tests="${tests}" failures="${sum('failures')}" errors="${sum('errors')}" time="${sum('time').toFixed(3)}">\n` +
    suites.map((s) => `  ${serializer.serializeToString(s)}\n`).join('') +
    '</testsuites>\n'
  return { format: 'junit', text, tests, failed }
}
