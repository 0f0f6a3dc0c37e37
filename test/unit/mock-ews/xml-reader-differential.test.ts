// mock-ews's request reader against two other XML parsers (docs/decisions/0065), on a seeded corpus
// of broken documents made by mutating real requests: (1) it accepts exactly what libxml2 accepts
// (namespace-well-formed XML 1.0), and (2) for what it accepts it gives the same tree as xmldom,
// which mock-ews read requests with before: names, namespaces, attributes and text.
import { DOMParser } from '@xmldom/xmldom'
import { expect } from 'chai'
import type * as Libxml2Module from 'libxml2-wasm'
import { parseXml } from '../../../mock-ews/soap/parse-xml.ts'
import type { Element as TreeElement, Node as TreeNode } from '../../../mock-ews/soap/xml-tree.ts'
import { corpus } from '../../../scripts/lib/fuzz/corpus.ts'
import { Rng } from '../../../scripts/lib/fuzz/rng.ts'
import { REFUSED } from '../../helpers/xml-cases.ts'

type Libxml2 = typeof Libxml2Module

/** Whether libxml2 reads it as well-formed, namespace-aware XML (no DTD loading, no network). */
function libxml2Accepts(lib: Libxml2, xml: string): { ok: boolean; message: string } {
  try {
    lib.XmlDocument.fromString(xml, { option: lib.ParseOption.XML_PARSE_NONET }).dispose()
    return { ok: true, message: '' }
  } catch (e) {
    const details = (e as { details?: { message: string }[] }).details ?? []
    return { ok: false, message: details.map((d) => d.message.trim()).join('; ') }
  }
}

function oursAccepts(xml: string): boolean {
  try {
    parseXml(xml)
    return true
  } catch {
    return false
  }
}

/**
 * Where libxml2 and the reader are not meant to agree: a DTD (libxml2 reads it, mock-ews refuses
 * every DTD, docs/decisions/0003), an encoding declaration libxml2 cannot apply to a string it
 * is given already decoded (mock-ews decodes the body before reading it), and a namespace name
 * that is not a valid URI (libxml2's own check: no constraint of XML or Namespaces in XML, and
 * .NET's reader, Exchange's, does not make it either).
 */
function outOfScope(xml: string, libxml2Message: string): boolean {
  return (
    /<!DOCTYPE/.test(xml) ||
    /encoding/i.test(libxml2Message) ||
    /is not a valid URI/.test(libxml2Message)
  )
}

/** Elements, attributes and text as one string: xmldom's DOM and the reader's tree alike. */
interface AnyNode {
  nodeType: number
  localName?: string | null
  namespaceURI?: string | null
  prefix?: string | null
  data?: string
  firstChild: AnyNode | null
  nextSibling: AnyNode | null
  attributes?: ArrayLike<{ name: string; namespaceURI: string | null; value: string }>
}

function shape(el: AnyNode): string {
  const attrs = Array.from(
    el.attributes ?? [],
    (a) => `${a.name}{${a.namespaceURI}}=${JSON.stringify(a.value)}`,
  )
  let out = `<{${el.namespaceURI}}${el.prefix}:${el.localName} ${attrs.join(' ')}>`
  let text = ''
  for (let n = el.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === 3 || n.nodeType === 4) text += n.data
    else if (n.nodeType === 1) {
      if (text) out += JSON.stringify(text)
      text = ''
      out += shape(n)
    }
  }
  return out + (text ? JSON.stringify(text) : '') + '</>'
}

function xmldomShape(xml: string): string {
  const doc = new DOMParser({ onError: () => undefined }).parseFromString(xml, 'text/xml')
  return shape(doc.documentElement as unknown as AnyNode)
}

function ourShape(xml: string): string {
  return shape(parseXml(xml).documentElement as TreeElement as unknown as AnyNode & TreeNode)
}

const TOKENS = [
  '<',
  '>',
  '/',
  '&',
  ';',
  '"',
  "'",
  '=',
  '!',
  '?',
  '-',
  '--',
  ':',
  ' ',
  '\r\n',
  '\r',
  '\t',
  ']]>',
  ']]',
  '<![CDATA[',
  '<!--',
  '-->',
  '<?',
  '?>',
  '&amp;',
  '&lt;',
  '&quot;',
  '&foo;',
  '&#65;',
  '&#x41;',
  '&#x;',
  '&#X41;',
  '&#0;',
  '1',
  '.',
  'é',
  '·',
  '𐀀',
  'xmlns',
  ' a="1"',
  " b='2'",
  ' xmlns="urn:x"',
  ' xmlns:p="urn:p"',
  ' xmlns:p=""',
  ' xmlns=""',
  ' xml:lang="en"',
  ' p:x="1"',
  ' xmlns:xml="urn:x"',
  ' xmlns:xmlns="urn:x"',
  '<p:e/>',
  '<e>',
  '</e>',
  '<e/>',
  '<?pi x?>',
  '<?xml version="1.0"?>',
  '<?xml-stylesheet href="x"?>',
  '<!-- c -->',
  '<!-- a -- b -->',
  '<!-- d --->',
  '<![CDATA[<&>]]>',
]

/**
 * Where to mutate: anywhere, or where a mutation most often leaves a document well-formed — just
 * inside an element's content (after a `>`) or at the end of a start tag (before `>` or `/>`).
 */
function position(rng: Rng, s: string): number {
  const mode = rng.int(3)
  const gt = s.indexOf('>', rng.int(s.length))
  if (mode === 2 || gt === -1) return rng.int(s.length + 1)
  if (mode === 0) return gt + 1
  return s[gt - 1] === '/' ? gt - 1 : gt
}

/** One to three seeded mutations of `xml`: insertions, deletions, replacements, copies. */
function mutate(rng: Rng, xml: string): string {
  let s = xml
  for (let m = 1 + rng.int(3); m > 0; m--) {
    const at = position(rng, s)
    switch (rng.int(5)) {
      case 0:
      case 1:
        s = s.slice(0, at) + rng.pick(TOKENS) + s.slice(at)
        break
      case 2:
        s = s.slice(0, at) + s.slice(at + 1 + rng.int(3))
        break
      case 3:
        s = s.slice(0, at) + rng.pick(TOKENS) + s.slice(at + 1)
        break
      default: {
        const from = rng.int(s.length)
        s = s.slice(0, at) + s.slice(from, from + 1 + rng.int(30)) + s.slice(at)
      }
    }
  }
  return s
}

const ids = {
  user: 'alice@contoso.com',
  inboxItems: ['AAMkAD1=', 'AAMkAD2='],
  drafts: [{ id: 'AAMkAD3=', changeKey: 'CQAAAA==' }],
  folderId: 'AQMkAD4=',
  subscriptionId: 'sub-1',
  watermark: 'AQAAAA==',
  syncState: 'H4sIAAAA',
}

/** Real requests (the fuzzer's corpus) and a few documents using every construct the reader reads. */
function seeds(): string[] {
  return [
    ...corpus(ids, new Rng(1)).map((e) => e.body),
    '<?xml version="1.0" encoding="utf-8"?>\r\n<!-- c --><?pi x?>\r\n<s:E xmlns:s="urn:s" xmlns="urn:d">' +
      '<s:H xml:lang="en" a="x&amp;y&#10;z"><![CDATA[<x>]]>t&lt;u\r\nv</s:H><b xmlns=""/></s:E>\n',
    "<a xmlns:p='urn:p' p:x='1' y=\"'\">\t<p:b>&quot;&apos;&#x1F600;</p:b><c/></a>",
  ]
}

describe('xml reader: differential checks against libxml2 and xmldom', function () {
  this.timeout(120_000)
  let lib: Libxml2
  before(async () => {
    lib = await import('libxml2-wasm') // ~150 MB under tsx: only here
  })

  it('every document of the refused list is also refused by libxml2', () => {
    for (const [what, xml] of REFUSED)
      if (!outOfScope(xml, '')) expect(libxml2Accepts(lib, xml).ok, what).to.equal(false)
  })

  it('accepts exactly what libxml2 accepts, over 4,000 seeded mutations of real requests', () => {
    const rng = new Rng(65)
    const all = seeds()
    const disagreements: string[] = []
    let accepted = 0
    let refused = 0
    for (let k = 0; k < 4000; k++) {
      const xml = mutate(rng, rng.pick(all))
      const theirs = libxml2Accepts(lib, xml)
      if (!theirs.ok && outOfScope(xml, theirs.message)) continue
      const ours = oursAccepts(xml)
      if (ours) accepted++
      else refused++
      if (ours !== theirs.ok)
        disagreements.push(
          `${ours ? 'accepted' : 'refused'} (libxml2: ${theirs.message || 'accepted'}): ${JSON.stringify(xml)}`,
        )
    }
    expect(disagreements.slice(0, 12), `${disagreements.length} disagreements`).to.deep.equal([])
    // The corpus must exercise both answers.
    expect(accepted, 'accepted').to.be.above(300)
    expect(refused, 'refused').to.be.above(1000)
  })

  it('decodes text and attribute values of over 64 K characters (another path) as xmldom does', () => {
    const unit = 'a\r\nb\rc\td &amp;&lt;&gt;&quot;&apos;&#65;&#x1F600;&#13;&#9;&#10; 😀é '
    const big = unit.repeat(5000)
    for (const xml of [
      `<a x="${big}" y='${big}'>${big}<b>${big}</b>${big}</a>`,
      `<a>${'&amp;'.repeat(200_000)}</a>`,
    ]) {
      expect(oursAccepts(xml)).to.equal(true)
      expect(ourShape(xml) === xmldomShape(xml), xml.slice(0, 80)).to.equal(true)
    }
    for (const bad of [`<a x="${big}<"/>`, `<a x="${big}&nbsp;"/>`, `<a>${big}&nbsp;</a>`])
      expect(oursAccepts(bad)).to.equal(false)
  })

  it('gives the same tree as xmldom for every accepted document, mutated or as sent', () => {
    const rng = new Rng(18)
    const all = seeds()
    const docs = [...all, ...Array.from({ length: 4000 }, () => mutate(rng, rng.pick(all)))]
    const differences: string[] = []
    for (const xml of docs) {
      if (!oursAccepts(xml)) continue
      const ours = ourShape(xml)
      const theirs = xmldomShape(xml)
      if (ours !== theirs)
        differences.push(`${JSON.stringify(xml)}\n  ours:   ${ours}\n  xmldom: ${theirs}`)
    }
    expect(differences.slice(0, 3), `${differences.length} differences`).to.deep.equal([])
  })
})
