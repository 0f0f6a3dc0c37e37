/** A light XML tree of a request: parsed, walked and serialised cheaply for mutation. */
/** An element of a request being mutated; text children are kept unescaped. */
export interface XNode {
  name: string
  attrs: [string, string][]
  children: (XNode | string)[]
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" }
const unescape = (s: string): string =>
  s.replace(/&(lt|gt|amp|quot|apos);/g, (_, e: string) => ENTITIES[e]!)

/**
 * Parses the corpus's own, well-formed XML (an optional declaration, elements, attributes in
 * quotes, text with the five predefined entities): a tree cheap to mutate and serialise, unlike a
 * DOM with live node lists (ten thousand insertions into one of those take minutes).
 */
export function parseTree(xml: string): { decl: string; root: XNode } {
  const decl = /^<\?xml[^>]*\?>\n?/.exec(xml)?.[0] ?? ''
  const stack: XNode[] = [{ name: '#document', attrs: [], children: [] }]
  const token = /<(\/?)([\w:.-]+)((?:\s+[\w:.-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|([^<]+)/g
  for (const m of xml.slice(decl.length).matchAll(token)) {
    const top = stack[stack.length - 1]!
    if (m[5] !== undefined) {
      top.children.push(unescape(m[5]))
    } else if (m[1]) {
      stack.pop()
    } else {
      const attrs = [...m[3]!.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)].map(
        (a): [string, string] => [a[1]!, unescape(a[2] ?? a[3] ?? '')],
      )
      const node: XNode = { name: m[2]!, attrs, children: [] }
      top.children.push(node)
      if (!m[4]) stack.push(node)
    }
  }
  const root = stack[0]!.children.find((c): c is XNode => typeof c !== 'string')
  if (!root) throw new Error(`not XML: ${xml.slice(0, 80)}`)
  return { decl, root }
}

const escapeText = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
const escapeAttr = (s: string): string => escapeText(s).replace(/"/g, '&quot;')

export function serialize(node: XNode, out: string[] = []): string[] {
  out.push(`<${node.name}`)
  for (const [k, v] of node.attrs) out.push(` ${k}="${escapeAttr(v)}"`)
  if (node.children.length === 0) {
    out.push('/>')
    return out
  }
  out.push('>')
  for (const c of node.children) {
    if (typeof c === 'string') out.push(escapeText(c))
    else serialize(c, out)
  }
  out.push(`</${node.name}>`)
  return out
}

interface Located {
  node: XNode
  parent: XNode | undefined
  depth: number
}

export function elementsOf(root: XNode): Located[] {
  const out: Located[] = []
  const walk = (node: XNode, parent: XNode | undefined, depth: number): void => {
    out.push({ node, parent, depth })
    for (const c of node.children) if (typeof c !== 'string') walk(c, node, depth + 1)
  }
  walk(root, undefined, 1)
  return out
}

export const localName = (name: string): string => name.slice(name.indexOf(':') + 1)
export const prefixOf = (name: string): string => (name.includes(':') ? name.split(':')[0]! : '')
export const childElements = (node: XNode): XNode[] =>
  node.children.filter((c): c is XNode => typeof c !== 'string')
export const isLeaf = (node: XNode): boolean => childElements(node).length === 0
export const clone = (node: XNode): XNode => ({
  name: node.name,
  attrs: node.attrs.map(([k, v]): [string, string] => [k, v]),
  children: node.children.map((c) => (typeof c === 'string' ? c : clone(c))),
})
