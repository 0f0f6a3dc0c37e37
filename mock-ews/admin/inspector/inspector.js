/* global document, setTimeout, clearTimeout */
/**
 * The web inspector's entry module (served at /__admin/ui): tabs, the header's controls, and the
 * server events that keep every view current without a reload. No framework and no build step;
 * nothing from the server is ever inserted as HTML (see dom.js).
 */
import { api, get, listen, setToken, whenUnauthorized } from './api.js'
import { $, fill, h } from './dom.js'
import { addRequest, clearJournal, clearJournalView, loadJournal, render } from './journal.js'
import { mailboxChanged, refreshItems, reloadMailboxes, showOrganisations } from './mailboxes.js'
import {
  addFault,
  advanceClock,
  clearFaults,
  loadClock,
  loadFaults,
  loadSkype,
  showClock,
  syncFaultForm,
  toggleFreeze,
} from './panels.js'

/** Shows what went wrong in the bar under the header (text only), or hides it. */
function report(error) {
  const bar = $('error')
  bar.hidden = !error
  fill(
    bar,
    error ? h('span', {}, error.message ?? String(error)) : null,
    error ? h('button', { class: 'small', onclick: () => report() }, 'Dismiss') : null,
  )
}
const guard =
  (fn) =>
  (...args) =>
    Promise.resolve()
      .then(() => fn(...args))
      .catch(report)

let topology = { organisations: [] }

async function loadAll() {
  topology = await get('/topology')
  fill(
    'addresses',
    topology.organisations.flatMap((o) => o.users.map((u) => h('option', { value: u.address }))),
  )
  showOrganisations(topology)
  await Promise.all([loadJournal(), loadFaults(), loadClock(), loadSkype(topology)])
  report()
}

function showTab(name) {
  for (const b of document.querySelectorAll('.tabs [role=tab]'))
    b.setAttribute('aria-selected', String(b.dataset.tab === name))
  for (const section of document.querySelectorAll('main > .tab'))
    section.hidden = section.id !== `tab-${name}`
  if (name === 'skype') void guard(loadSkype)(topology)
  if (name === 'faults') void guard(loadFaults)() // faults added from code or a test show too
}

function onEvent(name, data) {
  switch (name) {
    case 'request':
      addRequest(data)
      return
    case 'delivery':
    case 'ndr':
    case 'item':
      mailboxChanged(data?.mailbox)
      return
    case 'fault':
      void guard(loadFaults)()
      return
    case 'clock':
      showClock(data)
      return
    case 'reset':
      void guard(afterReset)()
  }
}

async function afterReset() {
  clearJournalView()
  await loadAll()
  reloadMailboxes()
}

let resetArmed
async function reset() {
  const button = $('reset')
  if (!resetArmed) {
    fill(button, 'Click again to reset')
    resetArmed = setTimeout(() => {
      resetArmed = undefined
      fill(button, 'Reset server')
    }, 4000)
    return
  }
  clearTimeout(resetArmed)
  resetArmed = undefined
  fill(button, 'Reset server')
  await api('POST', '/reset')
  await afterReset()
}

let wasLive = false
function setLive(state) {
  const live = $('live')
  live.className = `live ${state}`
  fill(live, state === 'live' ? 'live' : 'reconnecting…')
  // Catch up on what happened while the stream was down.
  if (state === 'live' && wasLive) void guard(loadAll)()
  if (state === 'live') wasLive = true
}

let asking = false
whenUnauthorized(() => {
  if (asking) return
  asking = true
  const dialog = $('token-dialog')
  if (!dialog.open) dialog.showModal()
})

$('token-form').addEventListener('submit', () => {
  setToken($('token-input').value)
  asking = false
  void guard(loadAll)()
})
for (const b of document.querySelectorAll('.tabs [role=tab]'))
  b.addEventListener('click', () => showTab(b.dataset.tab))
$('reset').addEventListener('click', guard(reset))
$('clock-advance').addEventListener('click', guard(advanceClock))
$('clock-freeze').addEventListener('click', guard(toggleFreeze))
$('journal-filter').addEventListener('input', render)
$('journal-clear').addEventListener('click', guard(clearJournal))
$('faults-clear').addEventListener('click', guard(clearFaults))
$('fault-form').addEventListener('submit', guard(addFault))
$('fault-form').addEventListener('change', syncFaultForm)
for (const id of ['filter-subject', 'filter-class'])
  $(id).addEventListener('input', guard(refreshItems))
syncFaultForm()

void guard(loadAll)()
void listen(onEvent, setLive)
