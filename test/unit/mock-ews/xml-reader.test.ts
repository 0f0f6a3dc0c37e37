// mock-ews's request reader (soap/xml-reader.ts, docs/decisions/0065): every kind of document that
// is not namespace-well-formed XML 1.0 is refused with ErrorSchemaValidation at a line and
// position, and what it accepts reads as the DOM would (references, line ends, attribute values).
import { expect } from 'chai'
import { EwsError } from '../../../mock-ews/domain/errors.ts'
import { parseXml } from '../../../mock-ews/soap/parse-xml.ts'
import { standaloneXml } from '../../../mock-ews/soap/xml-tree.ts'
import type { Element } from '../../../mock-ews/soap/xml-tree.ts'
import { REFUSED } from '../../helpers/xml-cases.ts'

function refusal(xml: string): EwsError {
  try {
    parseXml(xml)
  } catch (e) {
    expect(e, xml).to.be.instanceOf(EwsError)
    const err = e as EwsError
    expect(err.code, xml).to.equal('ErrorSchemaValidation')
    expect(err.detail?.lineNumber, xml).to.be.a('number').and.at.least(1)
    expect(err.detail?.linePosition, xml).to.be.a('number').and.at.least(1)
    return err
  }
  throw new Error(`accepted: ${JSON.stringify(xml)}`)
}

describe('xml reader: what is not namespace-well-formed XML is refused', () => {
  for (const [what, xml, where] of REFUSED)
    it(`refuses ${what}`, () => {
      const err = refusal(xml)
      if (where)
        expect(`${err.detail?.lineNumber}:${err.detail?.linePosition}`, xml).to.equal(where)
    })
})

describe('xml reader: the tree of what it accepts', () => {
  const T = 'urn:t'
  const root = (xml: string): Element => parseXml(xml).documentElement

  it('resolves prefixes and default namespaces, and undeclares the default with xmlns=""', () => {
    const a = root(`<a xmlns="urn:d" xmlns:t="${T}"><t:b x="1" t:y="2"/><c xmlns=""/></a>`)
    expect([a.namespaceURI, a.prefix, a.localName]).to.deep.equal(['urn:d', null, 'a'])
    const [b, c] = a.childNodes as Element[]
    expect([b!.namespaceURI, b!.prefix, b!.localName, b!.tagName]).to.deep.equal([
      T,
      't',
      'b',
      't:b',
    ])
    expect(b!.getAttribute('x')).to.equal('1')
    expect(b!.getAttributeNS(T, 'y')).to.equal('2')
    expect(b!.attributes.map((x) => x.namespaceURI)).to.deep.equal([null, T])
    expect(c!.namespaceURI).to.equal(null)
    expect(root('<xml:a/>').namespaceURI).to.equal('http://www.w3.org/XML/1998/namespace')
  })

  it('decodes the five entities and character references, and normalises line ends', () => {
    const a = root('<a>&lt;&gt;&amp;&apos;&quot;&#65;&#x1F600;\r\nx\ry&#13;</a>')
    expect(a.textContent).to.equal('<>&\'"A😀\nx\ny\r')
  })

  it('normalises attribute values: white space to spaces, references kept as written', () => {
    expect(root('<a x=" 1\t2\n3\r\n4\r5 &#9;&#10;&#13;&amp;"/>').getAttribute('x')).to.equal(
      ' 1 2 3 4 5 \t\n\r&',
    )
    expect(root(`<a x='"' y="'" z=">"/>`).attributes.map((x) => x.value)).to.deep.equal([
      '"',
      "'",
      '>',
    ])
  })

  it('reads CDATA sections as text, and ignores comments and processing instructions', () => {
    const a = root('<a>x<![CDATA[<b>&amp;]]>\r\n<!-- c --><?pi d?>y<![CDATA[]]></a>')
    expect(a.textContent).to.equal('x<b>&amp;\ny')
    expect(a.childNodes).to.have.length(1)
  })

  it('takes a declaration, a BOM, comments, PIs and white space around the root', () => {
    const xml =
      '\uFEFF<?xml version="1.0" encoding="utf-8" standalone="yes"?>\n<!--c-->\n<?pi?>\n<a/>\n<!--d-->\n'
    expect(root(xml).localName).to.equal('a')
    expect(root("<?xml version='1.1'?><a/>").localName).to.equal('a')
    expect(root('<a >x</a >').textContent).to.equal('x')
  })

  it('takes names with non-ASCII letters and characters outside the BMP', () => {
    expect(root('<élan·x 𐀀="1"/>').getAttribute('𐀀')).to.equal('1')
  })

  it('answers getElementsByTagNameNS in document order, with wildcards', () => {
    const doc = parseXml(`<t:a xmlns:t="${T}"><t:b n="1"><t:b n="2"/></t:b><c/><t:b n="3"/></t:a>`)
    const bs = doc.getElementsByTagNameNS(T, 'b')
    expect(bs.map((b) => b.getAttribute('n'))).to.deep.equal(['1', '2', '3'])
    expect(bs.item(0)).to.equal(bs[0])
    expect(doc.getElementsByTagNameNS('*', '*')).to.have.length(5)
    expect(doc.documentElement.getElementsByTagNameNS(null, 'c')).to.have.length(1)
  })

  it('gives an element as its own document: its text as sent, with the declarations in scope', () => {
    const doc = parseXml(
      `<s:E xmlns:s="urn:s" xmlns:t="${T}" xmlns:m="urn:m"><s:B><m:Op xmlns:m="urn:m2" a="&amp;">` +
        '\n<t:x>&lt;<![CDATA[y]]></t:x></m:Op></s:B></s:E>',
    )
    const op = doc.getElementsByTagNameNS('urn:m2', 'Op')[0]!
    expect(standaloneXml(op)).to.equal(
      `<m:Op xmlns:s="urn:s" xmlns:t="${T}" xmlns:m="urn:m2" a="&amp;">\n<t:x>&lt;<![CDATA[y]]></t:x></m:Op>`,
    )
  })

  it('reads a 10 MB comment, a 10 MB text of references and a 1 MB text without recursion', () => {
    const wrap = (inner: string): string => `<a>${inner}</a>`
    expect(root(wrap(`<!--${'x'.repeat(10_000_000)}-->y`)).textContent).to.equal('y')
    expect(root(wrap('&amp;'.repeat(2_000_000))).textContent).to.equal('&'.repeat(2_000_000))
    expect(root(wrap('QUJD'.repeat(262_144))).textContent).to.have.length(1_048_576)
  })
})
