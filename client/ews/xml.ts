/**
 * The client's own XML: reading answers into a small tree of local names (prefixes stripped,
 * attributes kept) — fast-xml-parser's validator first, then xml-reader.ts's one pass, or
 * fast-xml-parser's parser where that declines (decision 0068) — and escaping text for the
 * requests it writes as strings.
 * Deliberately shares nothing with mock-ews (which has its own reader and writer), so that a bug
 * in one codec is caught by the other. Entities are decoded here, never expanded from a DTD.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { readTree } from './xml-reader.ts'

/** An element: its local name, attributes by local name, child elements, and its own text. */
export interface XmlNode {
  name: string
  attrs: Readonly<Record<string, string>>
  children: readonly XmlNode[]
  /** The concatenated text (and CDATA) directly inside the element, entities decoded. */
  text: string
}

const parser = new XMLParser({
  preserveOrder: true,
  removeNSPrefix: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  // Entities are decoded below, in one pass, so that `&amp;#10;` stays the text `&#10;`.
  processEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  cdataPropName: '#cdata',
})

/** fast-xml-parser's ordered output: `{ [name]: children, ':@'?: attrs }` or `{ '#text': value }`. */
type Ordered = Record<string, unknown>

/** Parses a document and returns its root element, or a reason why it is not well-formed XML. */
export function parseXml(text: string): { root: XmlNode } | { error: string } {
  // XML 1.0 §2.11: line ends are normalised before parsing (an encoded &#xD; survives).
  const source = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n')
  if (source.trim() === '') return { error: 'the answer is empty' }
  const valid = XMLValidator.validate(source)
  if (valid !== true) {
    return { error: `not well-formed XML (line ${valid.err.line}): ${valid.err.msg}` }
  }
  let top: XmlNode[] | undefined = readTree(source, decodeEntities)
  if (!top) {
    // fast-xml-parser's parser throws on some documents its validator passes (a processing
    // instruction with mixed quotes): an answer the client cannot read, never an exception.
    try {
      top = parseTree(source)
    } catch (e) {
      return { error: `not well-formed XML: ${(e as Error).message}` }
    }
  }
  const [root, ...others] = top
  if (!root || others.length > 0) return { error: 'expected exactly one root element' }
  return { root }
}

/** The tree as fast-xml-parser builds it (xml-reader.ts builds the same, faster, when it can). */
export function parseTree(source: string): XmlNode[] {
  return (parser.parse(source) as Ordered[]).map(toNode).filter((n) => n !== undefined)
}

function toNode(entry: Ordered): XmlNode | undefined {
  const name = Object.keys(entry).find((k) => k !== ':@' && !k.startsWith('#'))
  if (name === undefined) return undefined
  const attrs: Record<string, string> = {}
  for (const [k, v] of Object.entries((entry[':@'] ?? {}) as Record<string, unknown>)) {
    if (k !== 'xmlns') attrs[k] = decodeEntities(String(v))
  }
  const children: XmlNode[] = []
  let text = ''
  for (const child of entry[name] as Ordered[]) {
    if ('#text' in child) text += decodeEntities(String(child['#text']))
    else if ('#cdata' in child) {
      for (const part of child['#cdata'] as Ordered[]) text += String(part['#text'] ?? '')
    } else {
      const node = toNode(child)
      if (node) children.push(node)
    }
  }
  return { name, attrs, children, text }
}

const NAMED: Readonly<Record<string, string>> = {
  lt: '<',
  gt: '>',
  amp: '&',
  quot: '"',
  apos: "'",
}

/** Decodes the five predefined entities and character references; leaves anything else as it is. */
export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (whole, ref: string) => {
    if (ref.startsWith('#')) {
      const code = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10)
      return code <= 0x10ffff ? String.fromCodePoint(code) : whole
    }
    return NAMED[ref] ?? whole
  })
}

/** Characters XML 1.0 cannot carry at all, even escaped (§2.2); they are dropped from requests. */
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g

/** Escapes text for element content (a CR is encoded so that it survives line-end normalisation). */
export function escapeXml(s: string): string {
  return s
    .replace(NOT_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r/g, '&#xD;')
}

/** Escapes text for a double-quoted attribute value (tabs and line ends survive normalisation). */
export function escapeAttr(s: string): string {
  return escapeXml(s).replace(/"/g, '&quot;').replace(/\n/g, '&#xA;').replace(/\t/g, '&#x9;')
}

/** The first child element with this local name. */
export function child(node: XmlNode | undefined, name: string): XmlNode | undefined {
  return node?.children.find((c) => c.name === name)
}

/** Every child element with this local name. */
export function children(node: XmlNode | undefined, name: string): XmlNode[] {
  return node ? node.children.filter((c) => c.name === name) : []
}

/** Follows a path of local names, first match at each step. */
export function path(node: XmlNode | undefined, ...names: string[]): XmlNode | undefined {
  let at = node
  for (const name of names) at = child(at, name)
  return at
}

/** The text of the first child with this name, trimmed; undefined when there is no such child. */
export function childText(node: XmlNode | undefined, name: string): string | undefined {
  return child(node, name)?.text.trim()
}
