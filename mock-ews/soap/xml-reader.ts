/**
 * A single-pass, non-recursive reader of namespace-well-formed XML 1.0 into the tree of
 * xml-tree.ts (docs/decisions/0065). It refuses every document that is not well-formed — tags that
 * do not match, duplicate attributes (also by namespace and local name), undeclared prefixes,
 * misuse of `xml`/`xmlns`, entity references other than the five predefined ones, `<` in attribute
 * values, `]]>` in text, `--` in comments, bad names, content outside the root, a misplaced XML
 * declaration — with the index where the problem is. It does no DTD at all (`<!DOCTYPE` is an
 * error). What parse-xml.ts's prescan checks first (characters, character reference values,
 * depth, attribute and node counts) it relies on but still never decodes a bad reference.
 * Line ends are normalised (CRLF and CR to LF) and attribute values as XML says (white space to
 * spaces) by xml-lexical.ts, which reads names, references and values; time and memory are
 * linear in the length of the text.
 */
import { XML_NS, XMLNS_NS } from './namespaces.ts'
import { Document, Element, Text } from './xml-tree.ts'
import type { Attr, Node } from './xml-tree.ts'
import {
  attributeValue,
  describe,
  fail,
  isSpace,
  nameEnd,
  qnameColon,
  referenceEnd,
  skipSpace,
  text,
} from './xml-lexical.ts'

export { XmlSyntaxError } from './xml-lexical.ts'

function append(parent: Element, node: Node): void {
  node.parentNode = parent
  if (parent.lastChild) parent.lastChild.nextSibling = node
  else parent.firstChild = node
  parent.lastChild = node
}

function appendText(parent: Element, data: string): void {
  const last = parent.lastChild
  if (last?.nodeType === 3) last.data += data
  else append(parent, new Text(data))
}

/** Reads a whole document; throws XmlSyntaxError at the first thing that is not well-formed XML. */
export function readXml(xml: string): Document {
  const n = xml.length
  const prefixes: string[] = ['xml', '']
  const uris: string[] = [XML_NS, '']
  const lookup = (prefix: string): string | undefined => {
    for (let k = prefixes.length - 1; k >= 0; k--) if (prefixes[k] === prefix) return uris[k]
    return undefined
  }
  const open: Element[] = []
  const marks: number[] = []
  let parent: Element | undefined
  let root: Element | undefined
  let i = xml.charCodeAt(0) === 0xfeff ? 1 : 0
  if (/^<\?xml[\t\n\r ?]/.test(xml.slice(i, i + 6))) i = declaration(xml, i)
  while (i < n) {
    const lt = xml.indexOf('<', i)
    const to = lt === -1 ? n : lt
    if (to > i) {
      if (parent) appendText(parent, text(xml, i, to))
      else {
        const k = skipSpace(xml, i)
        if (k < to) fail('Data at the root level is invalid.', k)
      }
    }
    if (lt === -1) break
    const c = xml.charCodeAt(lt + 1)
    if (c === 0x2f /* / */) {
      const end = nameEnd(xml, lt + 2)
      const name = xml.slice(lt + 2, end)
      if (!parent) fail(`Unexpected end tag '${name}'.`, lt + 2)
      if (name !== parent.tagName)
        fail(`The '${parent.tagName}' start tag does not match the end tag of '${name}'.`, lt + 2)
      i = skipSpace(xml, end)
      if (xml.charCodeAt(i) !== 0x3e) fail(`${describe(xml, i)} is unexpected in an end tag.`, i)
      parent.end = ++i
      open.pop()
      prefixes.length = uris.length = marks.pop()!
      parent = open[open.length - 1]
    } else if (c === 0x3f /* ? */) i = instruction(xml, lt)
    else if (c === 0x21 /* ! */) {
      if (xml.startsWith('<!--', lt)) {
        const dashes = xml.indexOf('--', lt + 4)
        if (dashes === -1) fail('An XML comment is not closed.', lt)
        if (xml.charCodeAt(dashes + 2) !== 0x3e)
          fail("An XML comment cannot contain '--', and '-' cannot be its last character.", dashes)
        i = dashes + 3
      } else if (xml.startsWith('<![CDATA[', lt)) {
        if (!parent) fail('Data at the root level is invalid.', lt)
        const close = xml.indexOf(']]>', lt + 9)
        if (close === -1) fail('A CDATA section is not closed.', lt)
        appendText(parent, xml.slice(lt + 9, close).replace(/\r\n?/g, '\n'))
        i = close + 3
      } else fail('DTD is prohibited in this XML document.', lt)
    } else {
      if (root && !parent) fail('There are multiple root elements.', lt)
      const nameTo = nameEnd(xml, lt + 1)
      const tagName = xml.slice(lt + 1, nameTo)
      const names: string[] = []
      const values: string[] = []
      const at: number[] = []
      let j = nameTo
      let empty = false
      for (;;) {
        const space = j
        j = skipSpace(xml, j)
        const d = xml.charCodeAt(j)
        if (d === 0x3e) {
          j++
          break
        }
        if (d === 0x2f && xml.charCodeAt(j + 1) === 0x3e) {
          empty = true
          j += 2
          break
        }
        if (j === space || j >= n)
          fail(`${describe(xml, j)} is unexpected in the start tag of '${tagName}'.`, j)
        const attrTo = nameEnd(xml, j)
        at.push(j)
        names.push(xml.slice(j, attrTo))
        j = skipSpace(xml, attrTo)
        if (xml.charCodeAt(j) !== 0x3d)
          fail(`${describe(xml, j)} is unexpected: '=' was expected after an attribute name.`, j)
        values.push(attributeValue(xml, skipSpace(xml, j + 1)))
        j = referenceEnd
      }
      const mark = prefixes.length
      for (let k = 0; k < names.length; k++) {
        const name = names[k]!
        if (name !== 'xmlns' && !name.startsWith('xmlns:')) continue
        const prefix = name.length === 5 ? '' : name.slice(6)
        qnameColon(name, at[k]!)
        declare(prefix, values[k]!, at[k]!)
        prefixes.push(prefix)
        uris.push(values[k]!)
      }
      const colon = qnameColon(tagName, lt + 1)
      const prefix = colon === -1 ? null : tagName.slice(0, colon)
      const ns = lookup(prefix ?? '')
      if (ns === undefined) fail(`'${prefix}' is an undeclared prefix.`, lt + 1)
      const attributes: Attr[] = []
      for (let k = 0; k < names.length; k++) {
        const name = names[k]!
        const ac = qnameColon(name, at[k]!)
        const ap = ac === -1 ? null : name.slice(0, ac)
        const localName = ac === -1 ? name : name.slice(ac + 1)
        const xmlns = ap === 'xmlns' || name === 'xmlns'
        const ans = xmlns ? XMLNS_NS : ap === null ? null : lookup(ap)
        if (ans === undefined) fail(`'${ap}' is an undeclared prefix.`, at[k]!)
        for (const a of attributes)
          if (
            a.name === name ||
            (ap !== null && a.localName === localName && a.namespaceURI === ans)
          )
            fail(`'${name}' is a duplicate attribute name.`, at[k]!)
        attributes.push({ name, localName, prefix: ap, namespaceURI: ans, value: values[k]! })
      }
      const el = new Element(
        tagName,
        colon === -1 ? tagName : tagName.slice(colon + 1),
        prefix,
        ns || null,
        attributes,
        lt,
      )
      if (parent) append(parent, el)
      else {
        root = el
        el.parentNode = null
      }
      if (empty) {
        el.end = j
        prefixes.length = uris.length = mark
      } else {
        open.push(el)
        marks.push(mark)
        parent = el
      }
      i = j
    }
  }
  if (parent)
    fail(
      `Unexpected end of file. These elements are not closed: ${open.map((e) => e.tagName).join(', ')}.`,
      n,
    )
  if (!root) fail('Root element is missing.', n)
  const doc = new Document(root, xml)
  root.parentNode = doc
  return doc
}

/** Namespaces in XML 1.0's constraints on a declaration of `prefix` ('' for the default). */
function declare(prefix: string, uri: string, at: number): void {
  if (prefix === 'xmlns') fail("The prefix 'xmlns' is reserved for use by XML.", at)
  if ((prefix === 'xml') !== (uri === XML_NS))
    fail(
      `The prefix 'xml' is bound to the namespace name '${XML_NS}' and no other prefix may be.`,
      at,
    )
  if (uri === XMLNS_NS) fail(`The namespace name '${XMLNS_NS}' may not be declared.`, at)
  if (prefix !== '' && uri === '') fail('Cannot use a prefix with an empty namespace.', at)
}

/** A processing instruction at `lt`; returns the index after it. Its content is ignored. */
function instruction(xml: string, lt: number): number {
  const end = nameEnd(xml, lt + 2)
  const target = xml.slice(lt + 2, end)
  if (target.toLowerCase() === 'xml')
    fail('Unexpected XML declaration. It must be the first thing in the document.', lt)
  if (target.includes(':')) fail(`A processing instruction's name may not contain ':'.`, lt + 2)
  const close = xml.indexOf('?>', end)
  if (close === -1) fail('A processing instruction is not closed.', lt)
  if (close !== end && !isSpace(xml.charCodeAt(end)))
    fail(`${describe(xml, end)} is unexpected after a processing instruction's name.`, end)
  return close + 2
}

const DECLARATION =
  /<\?xml[\t\n\r ]+version[\t\n\r ]*=[\t\n\r ]*(?:"1\.[0-9]+"|'1\.[0-9]+')(?:[\t\n\r ]+encoding[\t\n\r ]*=[\t\n\r ]*(?:"[A-Za-z][\w.-]*"|'[A-Za-z][\w.-]*'))?(?:[\t\n\r ]+standalone[\t\n\r ]*=[\t\n\r ]*(?:"(?:yes|no)"|'(?:yes|no)'))?[\t\n\r ]*\?>/y

/** The XML declaration at `i`; returns the index after it. */
function declaration(xml: string, i: number): number {
  DECLARATION.lastIndex = i
  if (!DECLARATION.test(xml)) fail('The XML declaration is not well-formed.', i)
  return DECLARATION.lastIndex
}
