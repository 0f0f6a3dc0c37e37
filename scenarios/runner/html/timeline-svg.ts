/**
 * A scenario's timeline as one SVG: the time axis, the steps as numbered markers (a bar over the
 * virtual time a step took), one lane of folder counts per user, the EWS calls mock-ews answered
 * (green: every answer NoError; red: an error; orange edge: a fault shaped it), the trace events
 * written, and for a failure a red line at the failing step with what was expected and found.
 * Every mark has a <title> (the browser's tooltip) with its full text.
 */
import type { ScenarioResult } from '../model.ts'
import { SERIES, SERIES_NAMES } from '../timeline.ts'
import type { EwsCall, Timeline } from '../timeline.ts'
import { countLane, cutText, LEFT, RIGHT, stopXs, timeAxis } from './chart.ts'
import { clockTime, esc } from './page.ts'

const AXIS = 34
const STEPS_LANE = 34
const COUNT_LANE = 84
const GAP = 14
const CALL_ROW = 9
const MAX_CALL_ROWS = 8
const EVENTS_LANE = 26
const FAILURE_BOX = 58
const FAILURE_WIDTH = 500
const MAX_USERS = 8
/** Width of a character of a call's label (8 px type), to see whether it fits. */
const LABEL_CHAR = 4.8

export function timelineSvg(result: ScenarioResult, timeline: Timeline): string {
  const stops = timeline.stops
  const times = stops.map((s) => Date.parse(s.time))
  const { xs, breaks } = stopXs(times)
  const when = (i: number): string => clockTime(stops[i]!.time)
  const failure = result.failure
  const failedStep = failure ? timeline.steps.length - 1 : -1
  const failX = failure ? xs[failureStop(timeline)]! : 0
  const width = Math.max((xs.at(-1) ?? LEFT) + RIGHT + 30, failure ? failX + FAILURE_WIDTH : 0)

  const parts: string[] = []
  let y = AXIS + (failure ? FAILURE_BOX : 0)

  // Steps.
  const steps = timeline.steps.map((s, n) => {
    const x0 = xs[s.from]!
    const x1 = xs[s.to]!
    const kind = /^[\w-]+/.exec(s.source)?.[0] ?? 'step'
    const cls = `step ${kind === 'expect' ? 'expect' : ''}${n === failedStep ? ' failed' : ''}`
    const cy = y + 14
    // A bar over the virtual time the step took (an advance, an at).
    const took = stops[s.to]!.time !== stops[s.from]!.time
    const span = took ? `<line class="span" x1="${x0}" y1="${cy}" x2="${x1}" y2="${cy}"/>` : ''
    const title = `${n + 1}. ${s.source} (line ${s.at.line}) ${clockTime(stops[s.from]!.time)}–${clockTime(stops[s.to]!.time)}`
    return `<g class="${cls}" data-step="${n + 1}" data-stop="${s.to}">${span}<circle cx="${x1}" cy="${cy}" r="8"/><text x="${x1}" y="${cy + 3}">${n + 1}</text><title>${esc(title)}</title></g>`
  })
  parts.push(
    `<g class="lane steps"><text class="lane-label" x="8" y="${y + 18}">steps</text>${steps.join('')}</g>`,
  )
  y += STEPS_LANE + GAP

  // Counts, one lane per user of the topology (those with a client first), at most MAX_USERS.
  for (const u of timeline.users.slice(0, MAX_USERS)) {
    const counts = stops.map((s) => s.counts[u.address] ?? {})
    const series = SERIES.filter((k) => counts.some((c) => c[k] !== undefined)).map((k) => ({
      key: k,
      name: SERIES_NAMES[k],
      values: counts.map((c) => c[k]),
    }))
    parts.push(
      countLane({
        label: u.address,
        user: u.address,
        xs,
        top: y,
        height: COUNT_LANE,
        series,
        when,
      }),
    )
    y += COUNT_LANE + GAP
  }
  if (timeline.users.length > MAX_USERS) {
    parts.push(
      `<text class="note" x="8" y="${y}">${timeline.users.length - MAX_USERS} more user(s) not charted</text>`,
    )
    y += GAP
  }

  // EWS calls, stacked at the stop they ended before.
  const rows = Math.min(MAX_CALL_ROWS, Math.max(1, ...stops.map((s) => s.calls.length)))
  const calls = stops.flatMap((s, i) => {
    const shown = s.calls.slice(0, rows)
    // Room for the operation's name right of the mark, before the next stop with calls?
    const next = stops.findIndex((n, j) => j > i && n.calls.length > 0)
    const room = (next < 0 ? Infinity : xs[next]!) - xs[i]! - 10
    const marks = shown.map((c, k) => {
      const cy = y + 4 + k * CALL_ROW
      const result = callOk(c) ? 'ok' : 'error'
      const label =
        c.operation.length * LABEL_CHAR <= room
          ? `<text class="call-label ${result}" x="${xs[i]! + 7}" y="${cy + CALL_ROW - 2}">${esc(c.operation)}</text>`
          : ''
      return `<rect class="call ${result}${c.fault ? ' fault' : ''}" data-stop="${i}" data-operation="${esc(c.operation)}" x="${xs[i]! - 5}" y="${cy}" width="10" height="${CALL_ROW - 2}"><title>${esc(callText(c))}</title></rect>${label}`
    })
    if (s.calls.length > rows)
      marks.push(
        `<text x="${xs[i]! + 7}" y="${y + rows * CALL_ROW}">+${s.calls.length - rows}</text>`,
      )
    return marks
  })
  parts.push(
    `<g class="lane calls"><text class="lane-label" x="8" y="${y + 12}">EWS calls</text>${calls.join('')}</g>`,
  )
  y += rows * CALL_ROW + 6 + GAP

  // Trace events: how many were written before each stop, the events in the tooltip.
  const events = stops.flatMap((s, i) => {
    if (s.events.length === 0) return []
    const h = Math.min(EVENTS_LANE - 6, 3 + s.events.length)
    const list = s.events.map((e) => `${e.user} ${e.text}`)
    const title = list.length > 40 ? [...list.slice(0, 40), `… ${list.length - 40} more`] : list
    return [
      `<rect data-stop="${i}" data-count="${s.events.length}" x="${xs[i]! - 3}" y="${y + EVENTS_LANE - 4 - h}" width="6" height="${h}"><title>${esc(title.join('\n'))}</title></rect>`,
    ]
  })
  parts.push(
    `<g class="lane events"><text class="lane-label" x="8" y="${y + 14}">trace events</text>${events.join('')}</g>`,
  )
  y += EVENTS_LANE

  // The failure's line under the lanes, so the failing step's number stays readable over it.
  const mark = failure ? [failureMark(failure, timeline, xs, y)] : []
  const body = [timeAxis(times, xs, breaks, y), ...mark, ...parts]
  const label = `timeline of ${result.name}`
  return `<svg class="timeline" xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${esc(label)}" width="${width}" height="${y + 6}" viewBox="0 0 ${width} ${y + 6}">${body.join('')}</svg>`
}

/** The red line at the failing step's end and a box with what was expected and found. */
function failureMark(
  failure: NonNullable<ScenarioResult['failure']>,
  timeline: Timeline,
  xs: readonly number[],
  bottom: number,
): string {
  const stop = failureStop(timeline)
  const x = xs[stop]!
  const e = failure.expectation
  const lines = e
    ? [`✘ ${e.expectation.source}`, `expected: ${e.expected}`, `found: ${e.found}`]
    : pieces(`✘ ${failure.message}`.replace(/\s+/g, ' '), 80, 3)
  const boxX = x - 10
  const text = lines
    .map(
      (l, k) =>
        `<text class="${['what', 'expected', 'found'][k] ?? 'what'}" x="${boxX + 6}" y="${AXIS + 14 + k * 14}">${esc(cutText(l.replace(/\s+/g, ' ').trim(), 80))}</text>`,
    )
    .join('')
  return `<g class="failure" data-stop="${stop}" data-time="${timeline.stops[stop]!.time}"><line x1="${x}" y1="${AXIS}" x2="${x}" y2="${bottom}"/><rect x="${boxX}" y="${AXIS + 1}" width="${FAILURE_WIDTH - 10}" height="${FAILURE_BOX - 10}" rx="4"/>${text}<title>${esc(lines.join('\n'))}</title></g>`
}

/** `text` in pieces of `width` characters, at most `n` (the last cut by cutText). */
function pieces(text: string, width: number, n: number): string[] {
  const chars = [...text]
  const out: string[] = []
  for (let i = 0; i < chars.length && out.length < n; i += width)
    out.push(chars.slice(i, out.length === n - 1 ? undefined : i + width).join(''))
  return out
}

/** The stop where the failing step (the last one run) ended. */
const failureStop = (timeline: Timeline): number =>
  timeline.steps.at(-1)?.to ?? timeline.stops.length - 1

export const callOk = (c: EwsCall): boolean =>
  c.status === 200 && c.responseCodes.every((r) => r === 'NoError')

export function callText(c: EwsCall): string {
  const answer = c.responseCodes.length ? c.responseCodes.join(', ') : `HTTP ${c.status}`
  return `${clockTime(c.time)} ${c.user} ${c.operation} → ${answer}${c.fault ? ` (fault: ${c.fault})` : ''}`
}
