/**
 * The client's tree builder for answers XMLValidator has already found well-formed (xml.ts): one
 * pass over the text, building the same tree as fast-xml-parser's ordered output turned into
 * XmlNodes (prefixes stripped, `xmlns` declarations dropped, entities decoded per text run, CDATA
 * kept as is, comments and processing instructions skipped). fast-xml-parser built it at ~40 µs
 * for a CreateItem answer, about a tenth of the client's share of a request (docs/benchmarks.md,
 * "Issue 18, third round"). It checks nothing the validator checked; on anything it does not
 * handle the same way for certain (a DOCTYPE, a name with two prefixes, two attributes with one
 * local name, a processing instruction with a quote in it) it returns undefined and xml.ts builds the tree with fast-xml-parser as before.
 */
import type { XmlNode } from './xml.ts'

interface Open {
  name: string
  attrs: Record<string, string>
  children: XmlNode[]
  text: string
}

const ATTRIBUTE = /([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g
const NAME_END = /[\s/>]/g

/** The elements at the top of `source` (well-formed by XMLValidator), or undefined (see above). */
export function readTree(source: string, decode: (s: string) => string): XmlNode[] | undefined {
  const top: XmlNode[] = []
  const stack: Open[] = []
  let i = 0
  const n = source.length
  while (i < n) {
    const lt = source.indexOf('<', i)
    const end = lt < 0 ? n : lt
    if (end > i && stack.length > 0) stack[stack.length - 1]!.text += decode(source.slice(i, end))
    if (lt < 0) break
    const next = source.charCodeAt(lt + 1)
    if (next === 0x21 /* ! */) {
      if (source.startsWith('<!--', lt)) {
        const close = source.indexOf('-->', lt + 4)
        if (close < 0) return undefined
        i = close + 3
      } else if (source.startsWith('<![CDATA[', lt)) {
        const close = source.indexOf(']]>', lt + 9)
        if (close < 0) return undefined
        if (stack.length > 0) stack[stack.length - 1]!.text += source.slice(lt + 9, close)
        i = close + 3
      } else return undefined // a DOCTYPE or anything else: fast-xml-parser's way
    } else if (next === 0x3f /* ? */) {
      const close = source.indexOf('?>', lt + 2)
      if (close < 0) return undefined
      // fast-xml-parser ends it at the first `?>` outside quotes (and throws if there is none).
      if (endOfTag(source, lt + 2, '?>') !== close + 1) return undefined
      i = close + 2
    } else if (next === 0x2f /* / */) {
      const close = source.indexOf('>', lt + 2)
      const open = stack.pop()
      if (close < 0 || !open) return undefined
      const node: XmlNode = open
      if (stack.length > 0) stack[stack.length - 1]!.children.push(node)
      else top.push(node)
      i = close + 1
    } else {
      NAME_END.lastIndex = lt + 1
      const nameEnd = NAME_END.exec(source)
      if (!nameEnd) return undefined
      const name = localName(source.slice(lt + 1, nameEnd.index))
      if (name === undefined) return undefined
      const tagEnd = endOfTag(source, nameEnd.index)
      if (tagEnd < 0) return undefined
      const selfClosing = source.charCodeAt(tagEnd - 1) === 0x2f
      const attrs = readAttributes(
        source.slice(nameEnd.index, selfClosing ? tagEnd - 1 : tagEnd),
        decode,
      )
      if (!attrs) return undefined
      const open: Open = { name, attrs, children: [], text: '' }
      if (selfClosing) {
        if (stack.length > 0) stack[stack.length - 1]!.children.push(open)
        else top.push(open)
      } else stack.push(open)
      i = tagEnd + 1
    }
  }
  return stack.length === 0 ? top : undefined
}

/** The `>` ending a start tag (or `?>`), quotes respected: an attribute value may hold `>`. */
function endOfTag(source: string, from: number, end: '>' | '?>' = '>'): number {
  let quote = 0
  for (let i = from; i < source.length; i++) {
    const c = source.charCodeAt(i)
    if (quote !== 0) {
      if (c === quote) quote = 0
    } else if (c === 0x22 || c === 0x27) quote = c
    else if (c === 0x3e && (end === '>' || source.charCodeAt(i - 1) === 0x3f)) return i
  }
  return -1
}

/** `t:ItemId` → `ItemId`; undefined for an empty part, two prefixes, `xmlns:` or `__proto__`. */
function localName(qualified: string): string | undefined {
  const colon = qualified.indexOf(':')
  if (colon < 0) return qualified === '__proto__' || qualified === '' ? undefined : qualified
  const local = qualified.slice(colon + 1)
  const unsure =
    colon === 0 ||
    local === '' ||
    local.includes(':') ||
    local === '__proto__' ||
    qualified.startsWith('xmlns:')
  return unsure ? undefined : local
}

/** Attributes by local name, `xmlns` and `xmlns:*` left out; undefined when unsure (see above). */
function readAttributes(
  text: string,
  decode: (s: string) => string,
): Record<string, string> | undefined {
  const attrs: Record<string, string> = {}
  if (text.trim() === '') return attrs
  ATTRIBUTE.lastIndex = 0
  for (let m = ATTRIBUTE.exec(text); m; m = ATTRIBUTE.exec(text)) {
    const qualified = m[1]!
    if (qualified === 'xmlns' || qualified.startsWith('xmlns:')) continue
    const name = localName(qualified)
    if (name === undefined || Object.hasOwn(attrs, name)) return undefined
    attrs[name] = decode(m[2] ?? m[3]!)
  }
  return attrs
}
