/**
 * The Requests tab: the journal, newest first, live. A row expands to the request and the answer
 * as they went over the wire, indented (the journal bounds them and marks a cut).
 */
import { api, get } from './api.js'
import { $, fill, h, prettyXml, when } from './dom.js'

const SHOWN = 300
let entries = [] // newest first
const expanded = new Map() // seq → entry with bodies, once read

export async function loadJournal() {
  const page = await get(`/requests?limit=${SHOWN}`)
  entries = page.entries.slice().reverse()
  render()
}

/** A `request` server event: the entry (without bodies) on top. */
export function addRequest(entry) {
  if (!entry || typeof entry.seq !== 'number' || entries.some((e) => e.seq === entry.seq)) return
  entries.unshift(entry)
  entries.length = Math.min(entries.length, SHOWN)
  render()
}

export function clearJournalView() {
  entries = []
  expanded.clear()
  render()
}

const matches = (e, filter) =>
  !filter || `${e.operation} ${e.user ?? ''}`.toLowerCase().includes(filter.toLowerCase())

export function render() {
  fill('request-count', String(entries.length))
  const filter = $('journal-filter').value.trim()
  const rows = []
  for (const e of entries) {
    if (!matches(e, filter)) continue
    const failed = e.status >= 400 || (e.responseCodes ?? []).some((c) => c !== 'NoError')
    rows.push(
      h(
        'tr',
        {
          class: `entry${failed ? ' failed' : ''}${expanded.has(e.seq) ? ' open' : ''}`,
          dataset: { seq: e.seq },
          tabindex: 0,
          'aria-expanded': String(expanded.has(e.seq)),
          onclick: () => void toggle(e.seq),
          onkeydown: (ev) => ev.key === 'Enter' && void toggle(e.seq),
        },
        h('td', { class: 'num' }, e.seq),
        h('td', { class: 'date' }, when(e.at)),
        h('td', {}, e.user ?? ''),
        h('td', { class: 'op' }, e.operation),
        h('td', { class: 'num' }, e.status),
        h('td', { class: 'codes' }, (e.responseCodes ?? []).join(', ')),
        h('td', { class: 'fault' }, e.fault ?? ''),
        h('td', { class: 'num' }, typeof e.durationMs === 'number' ? e.durationMs.toFixed(1) : ''),
      ),
    )
    if (expanded.has(e.seq)) rows.push(detail(expanded.get(e.seq)))
  }
  if (rows.length === 0)
    rows.push(h('tr', {}, h('td', { colspan: 8, class: 'muted' }, 'No requests yet.')))
  fill('journal', rows)
}

function detail(full) {
  const body = (title, text) =>
    h(
      'div',
      { class: 'exchange' },
      h('h4', {}, title),
      text === undefined
        ? h('p', { class: 'muted' }, 'Not kept by the journal.')
        : h('pre', { class: 'xml' }, prettyXml(text)),
    )
  return h(
    'tr',
    { class: 'detail' },
    h(
      'td',
      { colspan: 8 },
      full === null
        ? h('p', { class: 'muted' }, 'Reading…')
        : h(
            'div',
            { class: 'pair' },
            body('Request', full.requestBody),
            body('Answer', full.responseBody),
          ),
    ),
  )
}

async function toggle(seq) {
  if (expanded.has(seq)) {
    expanded.delete(seq)
    return render()
  }
  const known = entries.find((e) => e.seq === seq)
  if (known && (known.requestBody !== undefined || known.responseBody !== undefined)) {
    expanded.set(seq, known)
    return render()
  }
  expanded.set(seq, null)
  render()
  const found = (await get('/requests')).entries.find((e) => e.seq === seq)
  if (!expanded.has(seq)) return
  expanded.set(seq, found ?? { seq })
  render()
}

export async function clearJournal() {
  await api('DELETE', '/requests')
  clearJournalView()
}
