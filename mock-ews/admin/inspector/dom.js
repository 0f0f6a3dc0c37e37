/* global document, DOMParser */
/**
 * Building the page without markup: every string from the server (and so from a message) becomes
 * a text node, never HTML. `h` sets no URL or event attribute from data; handlers are functions.
 */

/**
 * An element: `h('td', { class: 'num', onclick: fn, title: s }, 'text', child, …)`. Children are
 * nodes or strings (text nodes); null, undefined and false are skipped.
 */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag)
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue
    if (key.startsWith('on')) el.addEventListener(key.slice(2), value)
    else if (key === 'class') el.className = value
    else if (key === 'dataset') Object.assign(el.dataset, value)
    else el.setAttribute(key, value === true ? '' : String(value))
  }
  append(el, children)
  return el
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue
    el.append(typeof child === 'string' || typeof child === 'number' ? String(child) : child)
  }
}

/** Replaces the children of the element with id `id`. */
export function fill(id, ...children) {
  const el = typeof id === 'string' ? document.getElementById(id) : id
  el.replaceChildren()
  append(el, children)
  return el
}

export const $ = (id) => document.getElementById(id)

/** `2016-06-10T09:00:00.000Z` → `2016-06-10 09:00:00` (UTC, as the journal speaks). */
export function when(iso) {
  if (!iso) return ''
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return String(iso)
  return d
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, '')
}

/** A mailbox as `Name <address>`, or the address alone. */
export function person(p) {
  if (!p) return ''
  return p.name && p.name !== p.address ? `${p.name} <${p.address}>` : (p.address ?? '')
}

export function bytes(n) {
  if (typeof n !== 'number') return ''
  return n < 1024
    ? `${n} B`
    : n < 1048576
      ? `${(n / 1024).toFixed(1)} KB`
      : `${(n / 1048576).toFixed(1)} MB`
}

/**
 * XML indented for reading: parsed (no script runs in an XML document) and written back with one
 * element per line. Text that does not parse (a body cut at the journal's bound) is shown as is.
 */
export function prettyXml(text) {
  if (typeof text !== 'string' || text === '') return ''
  const doc = new DOMParser().parseFromString(text, 'application/xml')
  if (doc.getElementsByTagName('parsererror').length > 0) return text
  const out = []
  const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
  const attr = (s) => esc(s).replace(/"/g, '&quot;')
  const walk = (node, depth) => {
    const pad = '  '.repeat(depth)
    const attrs = [...node.attributes].map((a) => ` ${a.name}="${attr(a.value)}"`).join('')
    const kids = [...node.childNodes].filter(
      (c) => c.nodeType === 1 || ((c.nodeType === 3 || c.nodeType === 4) && c.data.trim() !== ''),
    )
    if (kids.length === 0) return out.push(`${pad}<${node.nodeName}${attrs}/>`)
    if (kids.every((c) => c.nodeType !== 1))
      return out.push(`${pad}<${node.nodeName}${attrs}>${esc(node.textContent)}</${node.nodeName}>`)
    out.push(`${pad}<${node.nodeName}${attrs}>`)
    for (const c of kids) {
      if (c.nodeType === 1) walk(c, depth + 1)
      else out.push(`${pad}  ${esc(c.data.trim())}`)
    }
    out.push(`${pad}</${node.nodeName}>`)
  }
  walk(doc.documentElement, 0)
  return out.join('\n')
}
