/**
 * The pieces of the report's SVG charts, shared by the scenario timelines and the repro: a time
 * axis over stops (moments something was sampled) and a lane of per-folder counts drawn as step
 * lines. Markup only from numbers and `esc`-aped text.
 */
import { esc } from './page.ts'

/** Left margin for lane labels, and the right margin. */
export const LEFT = 200
export const RIGHT = 40

/** Width of the stretch between two stops at the same instant. */
const SAME_TIME = 26

/**
 * The x of each stop. A stretch of virtual time is drawn wider the longer it is, on a log scale
 * and capped, so a day-long jump does not squash the minutes around it (decision 0044); equal
 * stretches (the spooler's 2-minute ticks) stay equal. Stretches longer than an hour get a label.
 */
export function stopXs(
  times: readonly number[],
  left = LEFT,
): {
  xs: number[]
  breaks: { x: number; text: string }[]
} {
  const xs: number[] = []
  const breaks: { x: number; text: string }[] = []
  let x = left + 20
  times.forEach((t, i) => {
    if (i > 0) {
      const seconds = (t - times[i - 1]!) / 1000
      const width = seconds <= 0 ? SAME_TIME : Math.min(180, 36 + 14 * Math.log2(1 + seconds / 60))
      if (seconds > 3600) breaks.push({ x: x + width / 2, text: `≈ ${duration(seconds)}` })
      x += width
    }
    xs.push(Math.round(x * 10) / 10)
  })
  return { xs, breaks }
}

function duration(seconds: number): string {
  if (seconds >= 86_400) return `${Math.round(seconds / 86_400)} d`
  return `${Math.round(seconds / 3600)} h`
}

/**
 * Time labels at the top: one per distinct instant, none overlapping; the date too where the day
 * changes, unless `label` names each stop otherwise (the repro's `+02:00`).
 */
export function timeAxis(
  times: readonly number[],
  xs: readonly number[],
  breaks: { x: number; text: string }[],
  height: number,
  label?: (i: number) => string,
): string {
  const out: string[] = []
  let lastX = -Infinity
  let lastDay = ''
  times.forEach((t, i) => {
    if (i > 0 && t === times[i - 1]) return
    const iso = new Date(t).toISOString()
    const x = xs[i]!
    out.push(`<line class="grid" x1="${x}" y1="30" x2="${x}" y2="${height}"/>`)
    if (x - lastX < 44) return
    lastX = x
    const day = iso.slice(0, 10)
    if (!label && day !== lastDay)
      out.push(`<text x="${x}" y="11" text-anchor="middle">${day}</text>`)
    lastDay = day
    const text = label
      ? label(i)
      : iso.slice(17, 19) === '00'
        ? iso.slice(11, 16)
        : iso.slice(11, 19)
    out.push(
      `<text class="time" data-time="${iso}" x="${x}" y="25" text-anchor="middle">${esc(text)}</text>`,
    )
  })
  for (const b of breaks)
    out.push(`<text class="break" x="${b.x}" y="25" text-anchor="middle">${esc(b.text)}</text>`)
  return `<g class="axis">${out.join('')}</g>`
}

export interface CountSeries {
  /** A CSS class (spooler, drafts, inbox, conversationhistory) and the data-series value. */
  key: string
  name: string
  /** The count at each stop; undefined where there is none (no such folder yet). */
  values: readonly (number | undefined)[]
}

/**
 * One lane of counts between `top` and `top + height`: a label, a y scale from 0 to the largest
 * count, each series a step line (the count holds until the next stop) with a point at each stop.
 * Series with equal values are dodged a pixel apart so none hides another.
 */
export function countLane(opts: {
  label: string
  user?: string
  xs: readonly number[]
  top: number
  height: number
  series: readonly CountSeries[]
  /** Shown with each point: when it was (the stop's time label). */
  when: (i: number) => string
  /** The top of the y scale (charts compared side by side share one); else the largest count. */
  max?: number
  /** Where the plot begins (the lane label is left of it). */
  left?: number
}): string {
  const { xs, top, height } = opts
  const left = opts.left ?? LEFT
  const values = opts.series.flatMap((s) => s.values.filter((v) => v !== undefined))
  const max = opts.max ?? Math.max(1, ...values)
  const y = (v: number, k: number): number =>
    Math.round((top + height - (v / max) * (height - 8) - k * 2) * 10) / 10
  const right = (xs.at(-1) ?? left) + 10
  const out = [
    `<text class="lane-label" x="8" y="${top + 12}">${esc(cutText(opts.label, 30))}<title>${esc(opts.label)}</title></text>`,
    `<text x="${left - 6}" y="${top + 10}" text-anchor="end">${max}</text>`,
    `<text x="${left - 6}" y="${top + height}" text-anchor="end">0</text>`,
    `<line class="grid" x1="${left}" y1="${top + height}" x2="${right}" y2="${top + height}"/>`,
  ]
  opts.series.forEach((s, k) => {
    const points: string[] = []
    const dots: string[] = []
    let prev: number | undefined
    s.values.forEach((v, i) => {
      if (v === undefined) {
        prev = undefined
        return
      }
      if (prev !== undefined && prev !== v) points.push(`${xs[i]},${y(prev, k)}`)
      points.push(`${xs[i]},${y(v, k)}`)
      prev = v
      dots.push(
        `<circle class="point ${s.key}" data-series="${s.key}" data-stop="${i}" data-value="${v}" cx="${xs[i]}" cy="${y(v, k)}" r="2.5"><title>${esc(`${opts.when(i)} ${s.name}: ${v}`)}</title></circle>`,
      )
    })
    if (points.length === 0) return
    const values = s.values.map((v) => (v === undefined ? '' : String(v))).join(',')
    out.push(
      `<polyline class="series ${s.key}" data-series="${s.key}" data-values="${values}" points="${points.join(' ')}"/>`,
      ...dots,
    )
  })
  const user = opts.user === undefined ? '' : ` data-user="${esc(opts.user)}"`
  return `<g class="lane counts"${user}>${out.join('')}</g>`
}

/** At most `n` characters, ending in … when cut. */
export function cutText(text: string, n: number): string {
  const chars = [...text]
  return chars.length <= n ? text : `${chars.slice(0, n - 1).join('')}…`
}
