/* global setTimeout, URLSearchParams */
/**
 * The Mailboxes tab: organisations and users, each mailbox's folder tree with counts, the items of
 * a folder and one item (headers, body, XML). Live: server events name the mailbox that changed.
 */
import { enc, get } from './api.js'
import { $, bytes, fill, h, when } from './dom.js'
import { clearItem, showItem, shownItemId } from './item.js'

const state = {
  open: new Set(), // addresses whose folder tree is shown
  folders: new Map(), // address → folders as last read
  expanded: new Map(), // address → ids of folders shown open
  selected: undefined, // { address, folder (a distinguished name, which outlives a reset, or an id), name }
}

export function showOrganisations(topology) {
  fill(
    'orgs',
    topology.organisations.map((org) =>
      h(
        'section',
        { class: 'org' },
        h('h3', {}, org.domain, h('small', {}, org.exchange?.title ?? org.exchange?.profile ?? '')),
        org.users.map((u) =>
          h(
            'div',
            { class: 'user', dataset: { address: u.address } },
            h(
              'button',
              { class: 'user-name', onclick: () => toggleMailbox(u.address) },
              u.displayName || u.address,
              h('small', {}, u.address),
            ),
            h('div', { class: 'folders', id: `folders-${u.address}` }),
          ),
        ),
      ),
    ),
  )
  for (const address of state.open) void refreshFolders(address)
}

function toggleMailbox(address) {
  if (state.open.has(address)) {
    state.open.delete(address)
    fill(`folders-${address}`)
  } else {
    state.open.add(address)
    void refreshFolders(address)
  }
}

async function refreshFolders(address) {
  const folders = await get(`/mailboxes/${enc(address)}/folders`)
  state.folders.set(address, folders)
  if (!state.open.has(address)) return
  const ids = new Set(folders.map((f) => f.id))
  const children = new Map()
  for (const f of folders) {
    const parent = f.parentId && ids.has(f.parentId) ? f.parentId : null
    if (!children.has(parent)) children.set(parent, [])
    children.get(parent).push(f)
  }
  if (!state.expanded.has(address)) {
    // Open the roots and the top of the information store; the rest on demand.
    const open = new Set()
    for (const root of children.get(null) ?? []) {
      open.add(root.id)
      for (const c of children.get(root.id) ?? [])
        if (c.distinguishedId === 'msgfolderroot') open.add(c.id)
    }
    state.expanded.set(address, open)
  }
  const open = state.expanded.get(address)
  const node = (f) => {
    const kids = children.get(f.id) ?? []
    const selected =
      state.selected?.address === address && state.selected.folder === (f.distinguishedId ?? f.id)
    const label = h(
      'button',
      {
        class: `folder${selected ? ' selected' : ''}${f.unreadCount > 0 ? ' unread' : ''}`,
        dataset: { folder: f.distinguishedId ?? f.id },
        onclick: (e) => {
          e.preventDefault()
          selectFolder(address, f)
        },
      },
      h('span', { class: 'folder-name' }, f.displayName || f.distinguishedId || '(no name)'),
      h(
        'span',
        { class: 'count', title: `${f.totalCount} items, ${f.unreadCount} unread` },
        count(f),
      ),
    )
    if (kids.length === 0) return h('li', {}, label)
    const details = h(
      'details',
      { open: open.has(f.id) },
      h('summary', {}, label),
      h('ul', {}, kids.map(node)),
    )
    details.addEventListener('toggle', () => (details.open ? open.add(f.id) : open.delete(f.id)))
    return h('li', {}, details)
  }
  fill(`folders-${address}`, h('ul', { class: 'tree-root' }, (children.get(null) ?? []).map(node)))
}

const count = (f) =>
  f.unreadCount > 0 ? `${f.totalCount} · ${f.unreadCount} new` : String(f.totalCount ?? 0)

function selectFolder(address, folder) {
  state.selected = {
    address,
    folder: folder.distinguishedId ?? folder.id,
    name: folder.displayName || folder.distinguishedId,
  }
  void refreshFolders(address)
  void refreshItems()
}

export async function refreshItems() {
  const sel = state.selected
  if (!sel) return
  const query = new URLSearchParams({ offset: '0', limit: '100' })
  const subject = $('filter-subject').value.trim()
  const itemClass = $('filter-class').value.trim()
  if (subject) query.set('subject', subject)
  if (itemClass) query.set('class', itemClass)
  const page = await get(
    `/mailboxes/${enc(sel.address)}/folders/${enc(sel.folder)}/items?${query}`,
  ).catch((e) => {
    if (e.status !== 404) throw e
    state.selected = undefined // the folder is gone (deleted, or a reset)
    fill('list-title', 'Pick a folder')
    fill('items')
    return undefined
  })
  if (!page) return
  fill('list-title', sel.name, h('small', {}, sel.address))
  fill(
    'items',
    page.items.length === 0
      ? h('tr', {}, h('td', { colspan: 5, class: 'muted' }, 'This folder is empty.'))
      : page.items.map((item) =>
          h(
            'tr',
            {
              class: `${item.isRead ? '' : 'unread'}${shownItemId() === item.id ? ' selected' : ''}`,
              dataset: { id: item.id },
              tabindex: 0,
              onclick: () => void showItem(sel.address, item.id),
              onkeydown: (e) => e.key === 'Enter' && void showItem(sel.address, item.id),
            },
            h('td', { class: 'date' }, when(item.dateTimeReceived)),
            h(
              'td',
              { class: 'from', title: item.from?.address ?? '' },
              item.from?.name || item.from?.address || '',
            ),
            h(
              'td',
              { class: 'subject' },
              item.subject || '(no subject)',
              item.hasAttachments
                ? h('span', { class: 'clip', title: 'attachments' }, ' 📎')
                : null,
            ),
            h('td', { class: 'class', title: item.itemClass }, item.itemClass),
            h('td', { class: 'num' }, bytes(item.size)),
          ),
        ),
  )
  fill(
    'items-more',
    page.total > page.items.length
      ? `Showing the newest ${page.items.length} of ${page.total}.`
      : '',
  )
}

const pending = new Map()
/** A change in `address`'s mailbox (a server event): its tree, and the list if it is shown. */
export function mailboxChanged(address) {
  if (!address || pending.has(address)) return
  pending.set(
    address,
    setTimeout(() => {
      pending.delete(address)
      if (state.open.has(address)) void refreshFolders(address).catch(() => {})
      if (state.selected?.address === address) void refreshItems().catch(() => {})
    }, 100),
  )
}

/** After a reset: the trees again, the list again, the item view emptied. */
export function reloadMailboxes() {
  clearItem()
  state.expanded.clear() // folder ids may be new
  for (const address of state.open) void refreshFolders(address).catch(() => {})
  void refreshItems().catch(() => {})
}
