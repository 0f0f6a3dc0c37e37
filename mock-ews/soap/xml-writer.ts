/**
 * The element-writing surface the renderers use, written straight to a string as they call it (no
 * tree). An element's start tag waits for its attributes until it gets content or ends; an element
 * ends when a later sibling or an ancestor's later content starts. So renderers write in document
 * order, attributes before content; anything else throws (docs/decisions/0014).
 *
 * Namespace declarations are written where an element or attribute first needs its prefix (or
 * where a renderer declares one explicitly with `att(XMLNS, 'xmlns:t', …)`), and are inherited by
 * descendants. Text escapes `&`, `<`, `>` and CR (a raw CR would be normalised away by any parser
 * on the way back); attribute values also escape quotes, LF and TAB. Nothing that looks like an
 * entity is passed through: stored `Fish &amp; Chips` comes back as it was stored. A character XML
 * forbids (U+0000–U+001F but TAB/LF/CR, an unpaired surrogate, U+FFFE, U+FFFF) is written as U+FFFD
 * in text and attribute values, so no answer can be ill-formed whatever was stored. Names are the
 * renderers' constants and are not checked.
 *
 * It replaced xmlbuilder2 (docs/decisions/0014), which built a full DOM per answer and cost most of
 * a FindItem page's time.
 */

import { ownString } from '../support/strings.ts'
import { XML_NS, XMLNS_NS } from './namespaces.ts'

export interface XmlElement {
  /** A child element in a namespace (`ele(NS.t, 't:Folder')`) or in none (`ele('faultcode')`). */
  ele(namespaceOrName: string, qualifiedName?: string): XmlElement
  /** An attribute; with a namespace first for prefixed ones (`att(XSI, 'xsi:type', 't:X')`). */
  att(nameOrNamespace: string, valueOrName: string, value?: string): XmlElement
  txt(text: string): XmlElement
}

// What XML forbids anywhere (C0 controls but TAB, LF, CR; U+FFFE, U+FFFF; surrogates that are not
// half of a pair) is written as U+FFFD: no reference may stand for it either (docs/decisions/0019).
// Surrogates are matched one code unit at a time (the `u` flag would cost the writer ~8%), so
// `replaceEntity` keeps the halves of a pair.
// eslint-disable-next-line no-control-regex
const TEXT = /[&<>\r\x00-\x08\x0B\x0C\x0E-\x1F\uD800-\uDFFF\uFFFE\uFFFF]/
// eslint-disable-next-line no-control-regex
const ATTRIBUTE = /[&<>"\r\n\t\x00-\x08\x0B\x0C\x0E-\x1F\uD800-\uDFFF\uFFFE\uFFFF]/
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

function prefixOf(qname: string): string {
  const colon = qname.indexOf(':')
  return colon < 0 ? '' : qname.slice(0, colon)
}

function replaceEntity(c: string, at: number, s: string): string {
  const entity = ENTITIES[c]
  if (entity !== undefined) return entity
  // Half of a surrogate pair (a character outside the BMP) is fine; anything else is forbidden.
  const code = c.charCodeAt(0)
  if (isHigh(code) && isLow(s.charCodeAt(at + 1))) return c
  if (isLow(code) && isHigh(s.charCodeAt(at - 1))) return c
  return '\uFFFD'
}

function isHigh(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff
}

function isLow(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff
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

/** Whether the scope already declares all an element needs (most elements: no Declarations then). */
function inScope(
  attributes: readonly Attribute[],
  namespace: string | undefined,
  prefix: string,
  scope: ReadonlyMap<string, string>,
): boolean {
  for (const a of attributes) if (a.namespace !== undefined) return false
  return namespace !== undefined
    ? scope.get(prefix) === namespace
    : prefix !== '' || (scope.get('') ?? '') === ''
}

/**
 * One element of a document being written. Its start tag waits (for attributes) until it gets
 * content or is closed; it is closed when a sibling or an ancestor's later content starts.
 */
class StreamElement implements XmlElement {
  attributes: Attribute[] | undefined = undefined
  /** The scope its children inherit, once its start tag is written. */
  inner: ReadonlyMap<string, string> | undefined = undefined
  /** Position in the writer's stack of open elements, -1 once closed. */
  depth: number

  constructor(
    readonly writer: StreamWriter,
    readonly name: string,
    readonly namespace: string | undefined,
    depth: number,
  ) {
    this.depth = depth
  }

  ele(namespaceOrName: string, qualifiedName?: string): XmlElement {
    this.writer.open(this)
    return this.writer.push(
      qualifiedName === undefined ? namespaceOrName : qualifiedName,
      qualifiedName === undefined ? undefined : namespaceOrName,
    )
  }

  att(nameOrNamespace: string, valueOrName: string, value?: string): XmlElement {
    if (this.inner !== undefined || this.depth < 0)
      throw new Error(`xml-writer: attribute on <${this.name}> after its content or end`)
    ;(this.attributes ??= []).push(
      value === undefined
        ? { name: nameOrNamespace, namespace: undefined, value: valueOrName }
        : { name: valueOrName, namespace: nameOrNamespace, value },
    )
    return this
  }

  txt(text: string): XmlElement {
    this.writer.open(this)
    this.writer.out += escapeText(text)
    return this
  }
}

class StreamWriter {
  out = '<?xml version="1.0" encoding="utf-8"?>'
  readonly stack: StreamElement[] = []

  push(name: string, namespace: string | undefined): StreamElement {
    const el = new StreamElement(this, name, namespace, this.stack.length)
    this.stack.push(el)
    return el
  }

  /** Makes `el` the innermost open element with its start tag written: content follows. */
  open(el: StreamElement): void {
    if (el.depth < 0 || this.stack[el.depth] !== el)
      throw new Error(`xml-writer: <${el.name}> is already finished`)
    while (this.stack.length > el.depth + 1) this.close()
    if (el.inner === undefined) this.startTag(el, false)
  }

  /** Ends the innermost open element. */
  close(): void {
    const el = this.stack.pop()!
    if (el.inner === undefined) this.startTag(el, true)
    else this.out += `</${el.name}>`
    el.depth = -1
  }

  startTag(el: StreamElement, empty: boolean): void {
    const parent = el.depth > 0 ? this.stack[el.depth - 1]!.inner! : DOCUMENT_SCOPE
    const prefix = prefixOf(el.name)
    const attributes = el.attributes ?? NO_ATTRIBUTES
    let declarations = ''
    let inner = parent
    if (!inScope(attributes, el.namespace, prefix, parent)) {
      const d = new Declarations(parent)
      for (const a of attributes) {
        if (a.namespace === XMLNS_NS) d.need(a.name === 'xmlns' ? '' : a.name.slice(6), a.value)
      }
      if (el.namespace !== undefined) d.need(prefix, el.namespace)
      else if (prefix === '' && (d.bound('') ?? '') !== '') d.need('', '')
      for (const a of attributes) {
        if (a.namespace !== undefined && a.namespace !== XMLNS_NS && a.namespace !== XML_NS)
          d.need(prefixOf(a.name), a.namespace)
      }
      declarations = d.text
      inner = d.inner()
    }
    let text = `<${el.name}${declarations}`
    for (const a of attributes) {
      if (a.namespace !== XMLNS_NS) text += ` ${a.name}="${escapeAttribute(a.value)}"`
    }
    this.out += empty ? `${text}/>` : `${text}>`
    el.inner = inner
  }
}

const DOCUMENT_SCOPE: ReadonlyMap<string, string> = new Map([['xml', XML_NS]])
const NO_ATTRIBUTES: readonly Attribute[] = []

class StreamDocument implements XmlElement {
  readonly writer = new StreamWriter()
  rooted = false

  ele(namespaceOrName: string, qualifiedName?: string): XmlElement {
    if (this.rooted) throw new Error('a document has one root element')
    this.rooted = true
    return this.writer.push(
      qualifiedName === undefined ? namespaceOrName : qualifiedName,
      qualifiedName === undefined ? undefined : namespaceOrName,
    )
  }

  att(): XmlElement {
    throw new Error('a document has no attributes')
  }

  txt(): XmlElement {
    throw new Error('text belongs in the root element')
  }
}

/**
 * Text written as the children of one element, with the namespace scope it was written in: it is
 * valid, byte for byte, under any element whose children have the same scope (writeFragment).
 */
export interface Fragment {
  readonly text: string
  readonly scope: ReadonlyMap<string, string>
}

/**
 * Runs `fill(parent)` and returns what it wrote under `parent` (its children, all ended) as a
 * fragment; undefined when `parent` is not an element of a document being written.
 */
export function captureFragment(
  parent: XmlElement,
  fill: (parent: XmlElement) => void,
): Fragment | undefined {
  if (!(parent instanceof StreamElement)) {
    fill(parent)
    return undefined
  }
  const writer = parent.writer
  writer.open(parent)
  const before = writer.out
  writer.out = ''
  try {
    fill(parent)
    while (writer.stack.length > parent.depth + 1) writer.close()
    // A flat copy: the pieces of the rope are let go.
    return { text: ownString(writer.out), scope: parent.inner! }
  } finally {
    writer.out = before + writer.out
  }
}

/**
 * Writes a captured fragment as children of `parent`, after what it has; false (only `parent`'s
 * start tag written) when its children would not have the scope the fragment was written in.
 */
export function writeFragment(parent: XmlElement, fragment: Fragment): boolean {
  if (!(parent instanceof StreamElement)) return false
  const writer = parent.writer
  writer.open(parent)
  if (!sameScope(parent.inner!, fragment.scope)) return false
  writer.out += fragment.text
  return true
}

function sameScope(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): boolean {
  if (a === b) return true
  if (a.size !== b.size) return false
  for (const [prefix, namespace] of a) if (b.get(prefix) !== namespace) return false
  return true
}

/** A document with the XML declaration; `fill` writes its root element; returns the text. */
export function writeDocument(fill: (doc: XmlElement) => void): string {
  const doc = new StreamDocument()
  fill(doc)
  if (!doc.rooted) throw new Error('writeDocument: no root element')
  while (doc.writer.stack.length) doc.writer.close()
  return doc.writer.out
}
