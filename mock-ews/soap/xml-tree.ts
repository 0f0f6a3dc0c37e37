/**
 * The tree mock-ews reads requests into (built by xml-reader.ts): elements, attributes and text,
 * namespace-resolved, with the small part of the DOM the operations use (`localName`,
 * `namespaceURI`, `firstChild`/`nextSibling`/`nodeType`, `textContent`, `getAttribute`,
 * `getElementsByTagNameNS`…), so code written against xmldom reads it unchanged. Comments and
 * processing instructions are not kept; CDATA sections and references are text like any other,
 * and adjacent text is one node. Each element remembers where it stands in the request text, so
 * strict mode validates exactly the bytes the client sent (`standaloneXml`).
 */

import { XMLNS_NS } from './namespaces.ts'

/** One attribute, namespace declarations included (in `XMLNS_NS`, as the DOM has them). */
export interface Attr {
  readonly name: string
  readonly localName: string
  readonly prefix: string | null
  readonly namespaceURI: string | null
  readonly value: string
}

/** A list of nodes; `item(i)` as on a DOM NodeList. */
export class NodeList<T> extends Array<T> {
  item(i: number): T | null {
    return this[i] ?? null
  }
}

export type Node = Element | Text

export class Text {
  readonly nodeType = 3
  parentNode: Element | null = null
  nextSibling: Node | null = null
  readonly firstChild = null
  constructor(public data: string) {}
  get textContent(): string {
    return this.data
  }
}

export class Element {
  readonly nodeType = 1
  parentNode: Element | Document | null = null
  firstChild: Node | null = null
  lastChild: Node | null = null
  nextSibling: Node | null = null
  constructor(
    /** The qualified name, as written (`t:ItemId`). */
    readonly tagName: string,
    readonly localName: string,
    readonly prefix: string | null,
    readonly namespaceURI: string | null,
    readonly attributes: readonly Attr[],
    /** Where its start tag begins in the document text. */
    readonly start: number,
  ) {}

  /** Where it ends in the document text (just past `>` of its end tag or empty-element tag). */
  end = -1

  get nodeName(): string {
    return this.tagName
  }

  get childNodes(): NodeList<Node> {
    const out = new NodeList<Node>()
    for (let n = this.firstChild; n; n = n.nextSibling) out.push(n)
    return out
  }

  /** All the text inside it, in document order (as DOM textContent). */
  get textContent(): string {
    const first = this.firstChild
    if (!first) return ''
    if (first.nodeType === 3 && !first.nextSibling) return first.data
    let out = ''
    for (let n: Node | null = first; n && n !== this; n = following(n, this))
      if (n.nodeType === 3) out += n.data
    return out
  }

  getAttribute(name: string): string | null {
    for (const a of this.attributes) if (a.name === name) return a.value
    return null
  }

  hasAttribute(name: string): boolean {
    return this.getAttribute(name) !== null
  }

  getAttributeNS(ns: string | null, localName: string): string | null {
    for (const a of this.attributes)
      if (a.localName === localName && a.namespaceURI === (ns || null)) return a.value
    return null
  }

  /** Descendant elements in document order; `'*'` matches any namespace or local name. */
  getElementsByTagNameNS(ns: string | null, localName: string): NodeList<Element> {
    return descendants(this, ns, localName)
  }
}

export class Document {
  readonly nodeType = 9
  readonly parentNode = null
  constructor(
    readonly documentElement: Element,
    /** The text the tree was read from. */
    readonly text: string,
  ) {}
  get firstChild(): Element {
    return this.documentElement
  }
  getElementsByTagNameNS(ns: string | null, localName: string): NodeList<Element> {
    const out = new NodeList<Element>()
    const root = this.documentElement
    if (matches(root, ns, localName)) out.push(root)
    out.push(...descendants(root, ns, localName))
    return out
  }
}

/** The next node after `n` in document order within `root`, or null. */
function following(n: Node, root: Element): Node | null {
  if (n.firstChild) return n.firstChild
  for (let at: Node | null = n; at && at !== root; at = at.parentNode as Element | null)
    if (at.nextSibling) return at.nextSibling
  return null
}

function matches(e: Element, ns: string | null, localName: string): boolean {
  return (
    (localName === '*' || e.localName === localName) &&
    (ns === '*' || e.namespaceURI === (ns || null))
  )
}

function descendants(root: Element, ns: string | null, localName: string): NodeList<Element> {
  const out = new NodeList<Element>()
  for (let n = root.firstChild; n; n = following(n, root))
    if (n.nodeType === 1 && matches(n, ns, localName)) out.push(n)
  return out
}

/**
 * The element as a document of its own: its text exactly as the request had it, with every
 * namespace declaration in scope that it does not make itself added to its start tag (for
 * prefixes in its names and in QName values).
 */
export function standaloneXml(el: Element): string {
  let doc: Element | Document | null = el
  while (doc && doc.nodeType === 1) doc = doc.parentNode
  if (!doc) throw new Error('standaloneXml: the element is not in a document')
  const declared = new Set(el.attributes.map((a) => a.name))
  let added = ''
  for (let p = el.parentNode; p && p.nodeType === 1; p = p.parentNode)
    for (const a of p.attributes)
      if (a.namespaceURI === XMLNS_NS && !declared.has(a.name)) {
        declared.add(a.name)
        added += ` ${a.name}="${a.value.replace(/[&<"\t\n\r]/g, (c) => `&#${c.charCodeAt(0)};`)}"`
      }
  const after = el.start + 1 + el.tagName.length
  return `<${el.tagName}${added}${doc.text.slice(after, el.end)}`
}
