/**
 * `ews-lab run --reporter html`: one self-contained page with, per scenario, its timeline
 * (timeline-svg.ts), what failed and where, and the steps, EWS calls and trace events as tables.
 */
import type { ScenarioResult } from '../model.ts'
import { shown } from '../reporters.ts'
import { SERIES, SERIES_NAMES } from '../timeline.ts'
import type { Timeline } from '../timeline.ts'
import { clockTime, esc, page } from './page.ts'
import { callOk, callText, timelineSvg } from './timeline-svg.ts'

export function htmlReport(results: readonly ScenarioResult[], wallMs: number): string {
  const failed = results.filter((r) => !r.passed).length
  const toc = results
    .map(
      (r, i) =>
        `<li class="${r.passed ? 'passed' : 'failed'}"><a href="#scenario-${i + 1}">${r.passed ? '✔' : '✘'} ${esc(r.name)}</a></li>`,
    )
    .join('\n')
  const body = `<h1>ews-lab scenario report</h1>
<p class="summary">${results.length - failed} passing, ${failed} failing (${Math.round(wallMs)} ms). Times are virtual (UTC).</p>
${legend()}
<ol class="toc">
${toc}
</ol>
${results.map(section).join('\n')}`
  return page(`ews-lab: ${results.length - failed} passing, ${failed} failing`, body)
}

/** What the colours of the count lanes mean. */
export function legend(series: readonly string[] = SERIES): string {
  const names = SERIES_NAMES as Record<string, string>
  const keys = series.map((k) => `<span class="${k}">━ ${esc(names[k] ?? k)}</span>`).join('')
  return `<p class="legend">${keys}<span>EWS calls: green NoError, red an error, orange edge a fault applied</span></p>`
}

function section(r: ScenarioResult, i: number): string {
  const head = `<h2><span class="mark">${r.passed ? '✔' : '✘'}</span> ${esc(r.name)}</h2>
<p class="where">${esc(shown(r.file))} · ${Math.round(r.durationMs)} ms wall · ${r.stepsRun} step(s) run</p>`
  const t = r.timeline
  const parts = [head]
  if (t) parts.push(`<div class="chart">${timelineSvg(r, t)}</div>`)
  parts.push(failureDetail(r))
  if (t) parts.push(tables(t))
  return `<section class="scenario ${r.passed ? 'passed' : 'failed'}" id="scenario-${i + 1}" data-name="${esc(r.name)}">
${parts.join('\n')}
</section>`
}

function failureDetail(r: ScenarioResult): string {
  const f = r.failure
  if (!f) return ''
  const where = f.at.line > 0 ? `${shown(f.at.file)}:${f.at.line}:${f.at.column}` : shown(f.at.file)
  const when = r.timeline?.stops[r.timeline.steps.at(-1)?.to ?? -1]?.time
  const rows: [string, string][] = [['where', `${where}${when ? ` at ${clockTime(when)}` : ''}`]]
  if (f.expectation) {
    rows.push(['expectation', f.expectation.expectation.source])
    rows.push(['expected', f.expectation.expected])
    rows.push(['found', f.expectation.found])
  } else rows.push(['what', f.message])
  const dl = rows.map(([k, v]) => `<dt>${esc(k)}</dt><dd class="${k}">${esc(v)}</dd>`).join('')
  const traces = f.trace
    .map((t) => `<h3>${esc(t.user)}</h3><pre>${esc(t.events.join('\n') || '(none)')}</pre>`)
    .join('')
  const tails = traces
    ? `<details class="trace-tails"><summary>Last trace events of the users involved</summary>${traces}</details>`
    : ''
  return `<dl class="failure-detail">${dl}${tails}</dl>`
}

function tables(t: Timeline): string {
  const steps = t.steps
    .map(
      (s, n) =>
        `<tr><td>${n + 1}</td><td class="mono">${clockTime(t.stops[s.to]!.time)}</td><td class="mono">${esc(s.source)}</td><td>line ${s.at.line}</td></tr>`,
    )
    .join('')
  const calls = t.stops.flatMap((s) => s.calls)
  const callRows = calls
    .map(
      (c) =>
        `<tr class="${callOk(c) ? '' : 'bad-call'}"><td class="mono">${esc(callText(c))}</td></tr>`,
    )
    .join('')
  const events = t.stops.flatMap((s) => s.events)
  const eventRows = events
    .map((e) => `<tr><td>${esc(e.user)}</td><td class="mono">${esc(e.text)}</td></tr>`)
    .join('')
  const dropped = t.callsDropped
    ? `<p class="note">${t.callsDropped} earlier call(s) no longer in the journal.</p>`
    : ''
  const problems = t.problems.length
    ? `<p class="note">Not everything could be sampled: ${esc(t.problems.join('; '))}</p>`
    : ''
  return `<details class="steps"><summary>Steps (${t.steps.length})</summary><table>${steps}</table></details>
<details class="calls"><summary>EWS calls (${calls.length})</summary>${dropped}<table>${callRows}</table></details>
<details class="events"><summary>Trace events (${events.length})</summary><table>${eventRows}</table></details>${problems}`
}
