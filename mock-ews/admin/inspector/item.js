/* global document */
/**
 * One item: subject and addresses, then its body, internet headers and XML (as GetItem
 * AllProperties writes it). Mail is hostile (docs/decisions/0047): every field is text, and an HTML
 * body goes only into a frame sandboxed without scripts.
 */
import { enc, get } from './api.js'
import { bytes, fill, h, person, when } from './dom.js'

/** The item shown: { address, id, tab }, or undefined. */
let current

export const shownItemId = () => current?.id

/** Empties the item view (after a reset). */
export function clearItem() {
  current = undefined
  fill('item', h('p', { class: 'muted' }, 'Pick an item to see its headers, body and XML.'))
}

export async function showItem(address, id, tab = current?.tab ?? 'body') {
  current = { address, id, tab }
  for (const row of document.querySelectorAll('#items tr'))
    row.classList.toggle('selected', row.dataset.id === id)
  const item = await get(`/mailboxes/${enc(address)}/items/${enc(id)}`)
  const people = (list) => (list ?? []).map(person).join(', ')
  const field = (name, value) => (value ? [h('dt', {}, name), h('dd', {}, value)] : [])
  const views = {
    body: () => bodyView(item.body),
    headers: () =>
      (item.headers ?? []).length === 0
        ? h('p', { class: 'muted' }, 'No internet headers.')
        : h(
            'table',
            { class: 'headers' },
            item.headers.map((x) => h('tr', {}, h('th', {}, x.name), h('td', {}, x.value))),
          ),
    xml: () => h('pre', { class: 'xml' }, item.xml ?? ''),
  }
  const pane = h('div', { class: 'item-view', id: 'item-view' })
  const select = (name) => {
    current.tab = name
    for (const b of tabs.children) b.setAttribute('aria-selected', String(b.dataset.view === name))
    fill(pane, views[name]())
  }
  const tabs = h(
    'div',
    { class: 'subtabs', role: 'tablist' },
    Object.keys(views).map((name) =>
      h(
        'button',
        { role: 'tab', dataset: { view: name }, onclick: () => select(name) },
        { body: 'Body', headers: 'Headers', xml: 'XML' }[name],
      ),
    ),
  )
  fill(
    'item',
    h('h2', { class: 'item-subject' }, item.subject || '(no subject)'),
    h(
      'dl',
      { class: 'meta' },
      field('From', person(item.from)),
      field('To', people(item.to)),
      field('Cc', people(item.cc)),
      field('Bcc', people(item.bcc)),
      field('Received', when(item.dateTimeReceived)),
      field('Class', item.itemClass),
      field('Size', bytes(item.size)),
    ),
    (item.attachments ?? []).length > 0
      ? h(
          'ul',
          { class: 'attachments' },
          item.attachments.map((a) =>
            h(
              'li',
              {},
              `📎 ${a.name} (${a.contentType}, ${bytes(a.size)})${a.isInline ? ' inline' : ''}`,
            ),
          ),
        )
      : null,
    tabs,
    pane,
  )
  select(tab)
}

/**
 * A message body. HTML goes into a frame that is sandboxed (no scripts, an opaque origin: it can
 * reach neither this page nor the API) and loads nothing from the network (its own policy on top
 * of the page's, which it inherits). Text is text.
 */
function bodyView(body) {
  if (!body || !body.text) return h('p', { class: 'muted' }, 'No body.')
  if (String(body.type).toLowerCase() !== 'html') return h('pre', { class: 'body-text' }, body.text)
  const frame = h('iframe', {
    class: 'body-html',
    sandbox: '',
    referrerpolicy: 'no-referrer',
    title: 'Message body (HTML, sandboxed: no script runs)',
  })
  frame.srcdoc =
    '<!doctype html><meta charset="utf-8">' +
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">` +
    body.text
  return h(
    'div',
    {},
    h(
      'p',
      { class: 'note' },
      'HTML body, shown in a sandbox: scripts and remote content are blocked.',
    ),
    frame,
  )
}
