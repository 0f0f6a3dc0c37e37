/* global setInterval */
/**
 * The Faults tab (list, add from the form, remove), the Skype for Business tab (effective settings
 * per user) and the clock in the header (read, advance, freeze).
 */
import { api, enc, get } from './api.js'
import { $, fill, h, when } from './dom.js'

// --- faults -------------------------------------------------------------------------------------

export async function loadFaults() {
  const faults = await get('/faults')
  fill('fault-count', String(faults.length))
  fill(
    'faults',
    faults.length === 0
      ? h(
          'tr',
          {},
          h('td', { colspan: 5, class: 'muted' }, 'No faults: every request is answered normally.'),
        )
      : faults.map((f) =>
          h(
            'tr',
            { dataset: { id: f.id } },
            h('td', { class: 'mono' }, f.id),
            h('td', {}, f.description),
            h('td', { class: 'num' }, f.fired ?? 0),
            h('td', { class: 'num' }, f.remaining ?? '∞'),
            h(
              'td',
              {},
              h('button', { class: 'small', onclick: () => void removeFault(f.id) }, 'Remove'),
            ),
          ),
        ),
  )
}

async function removeFault(id) {
  await api('DELETE', `/faults/${enc(id)}`)
  await loadFaults()
}

export async function clearFaults() {
  await api('DELETE', '/faults')
  await loadFaults()
}

/** Shows only the inputs the chosen action and rule use. */
export function syncFaultForm() {
  const form = $('fault-form')
  const action = form.elements.action.value
  const rule = form.elements.when.value
  for (const label of form.querySelectorAll('[data-for]'))
    label.hidden = label.dataset.for !== action
  for (const label of form.querySelectorAll('[data-when]'))
    label.hidden = label.dataset.when !== rule
}

/** The fault definition the form describes (README "Faults"). */
function definition(form) {
  const v = (name) => form.elements[name].value.trim()
  const match = {}
  for (const key of ['operation', 'mailbox', 'folder', 'itemClass']) if (v(key)) match[key] = v(key)
  const type = v('action')
  const action = { type }
  if (type === 'ews-error') {
    action.code = v('code')
    if (v('level')) action.level = v('level')
    if (v('backOffMs')) action.backOffMs = Number(v('backOffMs'))
  }
  if (type === 'http-status') action.status = Number(v('status'))
  if (type === 'latency') action.ms = Number(v('ms'))
  const rule = v('when')
  const when =
    rule === 'times'
      ? { type: 'times', count: Number(v('count')) }
      : rule === 'probability'
        ? { type: 'probability', p: Number(v('p')) }
        : { type: 'always' }
  return { ...(Object.keys(match).length > 0 && { match }), action, when }
}

export async function addFault(event) {
  event.preventDefault()
  const form = event.target
  fill('fault-error')
  try {
    await api('POST', '/faults', definition(form))
    await loadFaults()
  } catch (e) {
    fill('fault-error', e.message)
  }
}

// --- Skype for Business -------------------------------------------------------------------------

const yesNo = (v) => (v === true ? 'yes' : v === false ? 'no' : 'not set')

export async function loadSkype(topology) {
  const sections = []
  for (const org of topology.organisations) {
    const rows = await Promise.all(
      org.users.map(async (u) => {
        const s = await get(`/skype/users/${enc(u.address)}`).catch((e) => ({ error: e.message }))
        if (s.error)
          return h(
            'tr',
            {},
            h('td', {}, u.address),
            h('td', { colspan: 5, class: 'muted' }, s.error),
          )
        const from = (identity) => (identity ? h('small', {}, ` (${identity})`) : null)
        return h(
          'tr',
          { dataset: { address: u.address } },
          h('td', {}, u.displayName || u.address, h('small', { class: 'block' }, u.address)),
          h('td', {}, s.server, s.online ? h('small', {}, ' online') : null),
          h(
            'td',
            { class: s.enableOfflineIm === false ? 'off' : '' },
            s.imConfigurationAvailable
              ? yesNo(s.enableOfflineIm)
              : 'no CsImConfiguration on this server',
            from(s.imConfigurationIdentity),
          ),
          h(
            'td',
            { class: s.enableIMAutoArchiving === false ? 'off' : '' },
            yesNo(s.enableIMAutoArchiving),
            from(s.clientPolicyIdentity),
          ),
          h('td', {}, u.site ? `Site:${u.site}` : '—'),
          h('td', {}, u.clientPolicy ?? '—'),
        )
      }),
    )
    sections.push(
      h(
        'section',
        { class: 'card' },
        h('h2', {}, org.domain, h('small', {}, org.skype?.server ?? '')),
        h(
          'table',
          { class: 'skype' },
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              h('th', {}, 'User'),
              h('th', {}, 'Server'),
              h('th', {}, 'EnableOfflineIm'),
              h('th', {}, 'EnableIMAutoArchiving'),
              h('th', {}, 'Site'),
              h('th', {}, 'Granted client policy'),
            ),
          ),
          h('tbody', {}, rows),
        ),
      ),
    )
  }
  fill(
    'skype',
    h(
      'p',
      { class: 'note' },
      "What each user's Skype for Business client is provisioned with (effective settings, with the identity each comes from).",
    ),
    sections,
  )
}

// --- the clock ----------------------------------------------------------------------------------

const clock = { now: undefined, frozen: true, readAt: 0 }

export async function loadClock() {
  try {
    showClock(await get('/clock'))
  } catch (e) {
    fill('clock-now', 'not available')
    fill('clock-state', e.message)
  }
}

/** A clock answer or a `clock` server event. */
export function showClock(c) {
  if (!c || !c.now) return
  clock.now = Date.parse(c.now)
  if (typeof c.frozen === 'boolean') clock.frozen = c.frozen
  // A server on the system clock (createEwsApp without a clock) cannot be moved from here.
  if (typeof c.controllable === 'boolean')
    for (const id of ['advance-amount', 'advance-unit', 'clock-advance', 'clock-freeze'])
      $(id).disabled = !c.controllable
  clock.readAt = Date.now()
  tick()
}

function tick() {
  if (clock.now === undefined) return
  const now = clock.frozen ? clock.now : clock.now + (Date.now() - clock.readAt)
  fill('clock-now', `${when(new Date(now).toISOString())} UTC`)
  fill('clock-state', clock.frozen ? 'frozen' : 'running')
  $('clock-state').className = `state ${clock.frozen ? 'frozen' : 'running'}`
  fill('clock-freeze', clock.frozen ? 'Unfreeze' : 'Freeze')
}
setInterval(tick, 1000)

export async function advanceClock() {
  const ms = Number($('advance-amount').value) * Number($('advance-unit').value)
  showClock(await api('POST', '/clock/advance', { ms }))
  await loadClock()
}

export async function toggleFreeze() {
  showClock(await api('POST', clock.frozen ? '/clock/unfreeze' : '/clock/freeze'))
  await loadClock()
}
