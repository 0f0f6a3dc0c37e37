/**
 * The element-writing surface the renderers use: a light tree of elements, serialised to a string
 * in one pass. Namespace declarations are written where an element or attribute first needs its
 * prefix (or where a renderer declares one explicitly with `att(XMLNS, 'xmlns:t', …)`), and are
 * inherited by descendants. Text escapes `&`, `<`, `>` and CR (a raw CR would be normalised away by
 * any parser on the way back); attribute values also escape quotes, LF and TAB. Nothing that looks
 * like an entity is passed through: stored `Fish &amp; Chips` comes back as it was stored.
 *
 * It replaced xmlbuilder2 (docs/decisions/0014), which built a full DOM per answer and cost most of
 * a FindItem page's time.
 */

export interface XmlElement {
  /** A child element in a namespace (`ele(NS.t, 't:Folder')`) or in none (`ele('faultcode')`). */
  ele(namespaceOrName: string, qualifiedName?: string): XmlElement
  /** An attribute; with a namespace first for prefixed ones (`att(XSI, 'xsi:type', 't:X')`). */
  att(nameOrNamespace: string, valueOrName: string, value?: string): XmlElement
  txt(text: string): XmlElement
}

const XMLNS_NS = 'http://www.w3.org/2000/xmlns/'
const XML_NS = 'http://www.w3.org/XML/1998/namespace'

const TEXT = /[&<>\r]/
const ATTRIBUTE = /[&<>"\r\n\t]/
const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  '\r': '&#13;',
  '\n': '&#10;',
  '\t': '&#9;',
}
const TEXT_ALL = new RegExp(TEXT.source, 'g')
const ATTRIBUTE_ALL = new RegExp(ATTRIBUTE.source, 'g')
function escapeText(s: string): string {
  return TEXT.test(s) ? s.replace(TEXT_ALL, replaceEntity) : s
}
function escapeAttribute(s: string): string {
  return ATTRIBUTE.test(s) ? s.replace(ATTRIBUTE_ALL, replaceEntity) : s
}

interface Attribute {
  name: string
  namespace: string | undefined
  value: string
}

class Element implements XmlElement {
  readonly attributes: Attribute[] = []
  readonly children: (Element | string)[] = []

  constructor(
    readonly name: string,
    readonly namespace: string | undefined,
  ) {}

  ele(namespaceOrName: string, qualifiedName?: string): XmlElement {
    const child =
      qualifiedName === undefined
        ? new Element(namespaceOrName, undefined)
        : new Element(qualifiedName, namespaceOrName)
    this.children.push(child)
    return child
  }

  att(nameOrNamespace: string, valueOrName: string, value?: string): XmlElement {
    this.attributes.push(
      value === undefined
        ? { name: nameOrNamespace, namespace: undefined, value: valueOrName }
        : { name: valueOrName, namespace: nameOrNamespace, value },
    )
    return this
  }

  txt(text: string): XmlElement {
    this.children.push(text)
    return this
  }
}

function prefixOf(qname: string): string {
  const colon = qname.indexOf(':')
  return colon < 0 ? '' : qname.slice(0, colon)
}

function replaceEntity(c: string): string {
  return ENTITIES[c]!
}

/**
 * The declarations one element adds to the scope it inherits. (Plain functions and a small class
 * rather than closures: this runs for every element of every answer.)
 */
class Declarations {
  own: Map<string, string> | undefined = undefined
  text = ''

  constructor(readonly scope: ReadonlyMap<string, string>) {}

  bound(prefix: string): string | undefined {
    return this.own?.get(prefix) ?? this.scope.get(prefix)
  }

  need(prefix: string, namespace: string): void {
    if (this.bound(prefix) === namespace) return
    this.own ??= new Map()
    this.own.set(prefix, namespace)
    this.text += prefix
      ? ` xmlns:${prefix}="${escapeAttribute(namespace)}"`
      : ` xmlns="${escapeAttribute(namespace)}"`
  }

  /** The scope of the element's children. */
  inner(): ReadonlyMap<string, string> {
    if (!this.own) return this.scope
    const merged = new Map(this.scope)
    for (const [p, n] of this.own) merged.set(p, n)
    return merged
  }
}

/** Appends `el` to `out`; `scope` maps each prefix in scope ('' for the default) to its namespace. */
function serialise(el: Element, scope: ReadonlyMap<string, string>, out: string[]): void {
  const prefix = prefixOf(el.name)
  let declarations = ''
  let inner = scope
  if (!inScope(el, prefix, scope)) {
    const d = new Declarations(scope)
    for (const a of el.attributes) {
      if (a.namespace === XMLNS_NS) d.need(a.name === 'xmlns' ? '' : a.name.slice(6), a.value)
    }
    if (el.namespace !== undefined) d.need(prefix, el.namespace)
    else if (prefix === '' && (d.bound('') ?? '') !== '') d.need('', '')
    for (const a of el.attributes) {
      if (a.namespace !== undefined && a.namespace !== XMLNS_NS && a.namespace !== XML_NS)
        d.need(prefixOf(a.name), a.namespace)
    }
    declarations = d.text
    inner = d.inner()
  }
  let attributes = ''
  for (const a of el.attributes) {
    if (a.namespace !== XMLNS_NS) attributes += ` ${a.name}="${escapeAttribute(a.value)}"`
  }
  if (el.children.length === 0) {
    out.push(`<${el.name}${declarations}${attributes}/>`)
    return
  }
  out.push(`<${el.name}${declarations}${attributes}>`)
  for (const c of el.children) {
    if (typeof c === 'string') out.push(escapeText(c))
    else serialise(c, inner, out)
  }
  out.push(`</${el.name}>`)
}

/** Whether the scope already declares all an element needs (most elements: no Declarations then). */
function inScope(el: Element, prefix: string, scope: ReadonlyMap<string, string>): boolean {
  for (const a of el.attributes) if (a.namespace !== undefined) return false
  return el.namespace !== undefined
    ? scope.get(prefix) === el.namespace
    : prefix !== '' || (scope.get('') ?? '') === ''
}

class DocumentNode implements XmlElement {
  root: Element | undefined

  ele(namespaceOrName: string, qualifiedName?: string): XmlElement {
    if (this.root) throw new Error('a document has one root element')
    this.root =
      qualifiedName === undefined
        ? new Element(namespaceOrName, undefined)
        : new Element(qualifiedName, namespaceOrName)
    return this.root
  }

  att(): XmlElement {
    throw new Error('a document has no attributes')
  }

  txt(): XmlElement {
    throw new Error('text belongs in the root element')
  }
}

/** A document with the XML declaration; `fill` writes its root element; returns the serialised text. */
export function writeDocument(fill: (doc: XmlElement) => void): string {
  const doc = new DocumentNode()
  fill(doc)
  if (!doc.root) throw new Error('writeDocument: no root element')
  const out = ['<?xml version="1.0" encoding="utf-8"?>']
  serialise(doc.root, new Map([['xml', XML_NS]]), out)
  return out.join('')
}
