/**
 * `ews-lab repro drafts-bug --html FILE`: the variants side by side as charts on one y scale —
 * alice's History Spooler, alice's Drafts and bob's Inbox after each 2-minute tick, and what EWS
 * answered in that tick — so Drafts climbing on the bug build and flat on the fix is seen at once.
 */
import type { Row, VariantRun } from '../repro.ts'
import { countLane, RIGHT, stopXs, timeAxis } from './chart.ts'
import { esc, page } from './page.ts'

const TICK_MS = 2 * 60_000
const AXIS = 34
const LANE = 120
const CALL_ROW = 9
/** The plot's left edge: the lanes' labels are short here. */
const PLOT_LEFT = 90

export function reproHtml(runs: readonly VariantRun[], holds: boolean, intro: string[]): string {
  const max = Math.max(
    1,
    ...runs.flatMap((r) => r.rows.flatMap((w) => [w.spooled, w.drafts, w.inbox])),
  )
  const cards = runs.map((run) => card(run, max)).join('\n')
  const halves = runs.length > 2 ? ', nor with either half of it removed' : ''
  const verdict = holds
    ? `The bug reproduces with the bug build and not with the fix${halves}.`
    : 'The repro did NOT hold: see UNEXPECTED below.'
  const body = `<h1>ews-lab repro drafts-bug</h1>
${intro.map((l) => `<p class="summary">${esc(l)}</p>`).join('\n')}
<p class="legend"><span class="spooler">━ alice's History Spooler</span><span class="drafts">━ alice's Drafts</span><span class="inbox">━ bob's Inbox</span><span>EWS answers: green NoError, red an error</span></p>
<p class="verdict ${holds ? 'ok' : 'bad'}">${esc(verdict)}</p>
<div class="variants">
${cards}
</div>`
  return page('ews-lab repro drafts-bug', body)
}

function card(run: VariantRun, max: number): string {
  const rows = run.rows
  const times = rows.map((_, i) => i * TICK_MS)
  const { xs, breaks } = stopXs(times, PLOT_LEFT)
  const series = [
    { key: 'spooler', name: "alice's History Spooler", values: rows.map((r) => r.spooled) },
    { key: 'drafts', name: "alice's Drafts", values: rows.map((r) => r.drafts) },
    { key: 'inbox', name: "bob's Inbox", values: rows.map((r) => r.inbox) },
  ]
  const when = (i: number): string => rows[i]!.time
  const answers = rows.map((r) => answersOf(r))
  const callRows = Math.max(1, ...answers.map((a) => a.length))
  const callsTop = AXIS + LANE + 14
  const height = callsTop + callRows * CALL_ROW + 8
  const axis = timeAxis(times, xs, breaks, height, when)
  const calls = answers.flatMap((list, i) =>
    list.map(
      (a, k) =>
        `<rect class="call ${a.ok ? 'ok' : 'error'}" data-stop="${i}" data-operation="${esc(a.operation)}" x="${xs[i]! - 5}" y="${callsTop + k * CALL_ROW}" width="10" height="${CALL_ROW - 2}"><title>${esc(`${rows[i]!.time} ${a.operation} ${a.code}`)}</title></rect><text class="call-label ${a.ok ? 'ok' : 'error'}" x="${xs[i]! + 7}" y="${callsTop + (k + 1) * CALL_ROW - 2}">${esc(a.operation)}</text>`,
    ),
  )
  const width = (xs.at(-1) ?? PLOT_LEFT) + RIGHT + 30 // room for the last tick's call names
  const svg = `<svg class="repro-chart" xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${esc(run.variant.title)}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${axis}${countLane({ label: 'count', xs, left: PLOT_LEFT, top: AXIS, height: LANE, series, when, max })}<g class="lane calls"><text class="lane-label" x="8" y="${callsTop + 8}">EWS</text>${calls.join('')}</g></svg>`
  const table = rows
    .map(
      (r) =>
        `<tr><td class="mono">${esc(r.time)}</td><td>${r.spooled}</td><td>${r.drafts}</td><td>${r.inbox}</td><td class="mono">${esc(r.ews)}</td></tr>`,
    )
    .join('')
  return `<section class="variant" data-variant="${esc(run.variant.key)}">
<h2>${esc(run.variant.title)}</h2>
<p class="verdict ${run.holds ? 'ok' : 'bad'}">${run.holds ? 'OK' : 'UNEXPECTED'}: ${esc(run.verdict)}</p>
<div class="chart">${svg}</div>
<details><summary>Rows</summary><table><tr><th>time</th><th>spool</th><th>drafts</th><th>inbox</th><th>EWS</th></tr>${table}</table></details>
</section>`
}

/** `CreateItem NoError, SendItem ErrorMessageSubmissionBlocked` → one entry per answer. */
function answersOf(r: Row): { operation: string; code: string; ok: boolean }[] {
  return r.ews
    .split(', ')
    .map((a) => /^(\w+) (\S+)$/.exec(a))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ operation: m[1]!, code: m[2]!, ok: m[2] === 'NoError' }))
}
