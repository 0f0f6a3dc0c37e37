import { expect } from 'chai'
import { captureFragment, writeDocument, writeFragment } from '../../../mock-ews/soap/xml-writer.ts'
import type { Fragment } from '../../../mock-ews/soap/xml-writer.ts'

const S = 'http://schemas.xmlsoap.org/soap/envelope/'
const T = 'http://schemas.microsoft.com/exchange/services/2006/types'
const XMLNS = 'http://www.w3.org/2000/xmlns/'
const XSI = 'http://www.w3.org/2001/XMLSchema-instance'
const DECL = '<?xml version="1.0" encoding="utf-8"?>'

describe('xml-writer', () => {
  it('declares a prefix where it is first needed and lets descendants inherit it', () => {
    const xml = writeDocument((doc) => {
      const body = doc.ele(S, 's:Envelope').ele(S, 's:Body')
      const a = body.ele(T, 't:A')
      a.ele(T, 't:B').txt('1')
      body.ele(T, 't:C')
    })
    expect(xml).to.equal(
      `${DECL}<s:Envelope xmlns:s="${S}"><s:Body><t:A xmlns:t="${T}"><t:B>1</t:B></t:A><t:C xmlns:t="${T}"/></s:Body></s:Envelope>`,
    )
  })

  it('honours an explicit declaration, writes namespaced attributes with theirs, and undeclares the default for an unqualified child', () => {
    const xml = writeDocument((doc) => {
      const root = doc.ele(S, 's:Envelope').att(XMLNS, 'xmlns:t', T)
      root.ele(T, 't:X').att(XSI, 'xsi:nil', 'true')
      const pox = root.ele('urn:pox', 'Response')
      pox.ele('Plain').txt('p')
    })
    expect(xml).to.equal(
      `${DECL}<s:Envelope xmlns:t="${T}" xmlns:s="${S}"><t:X xmlns:xsi="${XSI}" xsi:nil="true"/>` +
        `<Response xmlns="urn:pox"><Plain xmlns="">p</Plain></Response></s:Envelope>`,
    )
  })

  it('escapes text and attribute values, passing nothing through that looks like an entity', () => {
    const xml = writeDocument((doc) =>
      doc.ele('r').att('a', 'x"\n\t<&').txt('Fish &amp; Chips <b>\r\n'),
    )
    expect(xml).to.equal(
      `${DECL}<r a="x&quot;&#10;&#9;&lt;&amp;">Fish &amp;amp; Chips &lt;b&gt;&#13;\n</r>`,
    )
  })

  it('writes in document order: an element ends once a later sibling starts', () => {
    const xml = writeDocument((doc) => {
      const root = doc.ele('r')
      const first = root.ele('a')
      first.ele('x')
      root.ele('b').txt('2')
      expect(() => first.ele('y')).to.throw(/<a> is already finished/)
      expect(() => first.txt('late')).to.throw(/<a> is already finished/)
    })
    expect(xml).to.equal(`${DECL}<r><a><x/></a><b>2</b></r>`)
  })

  it('refuses an attribute after content, a second root, and a document without one', () => {
    writeDocument((doc) => {
      const root = doc.ele('r')
      root.txt('t')
      expect(() => root.att('a', '1')).to.throw(/attribute on <r> after its content/)
      expect(() => doc.ele('again')).to.throw(/one root element/)
      expect(() => doc.att('a', '1')).to.throw(/no attributes/)
    })
    expect(() => writeDocument(() => {})).to.throw(/no root element/)
  })

  it('captures what is written under an element and writes it again only where the scope is the same', () => {
    let fragment: Fragment | undefined
    const first = writeDocument((doc) => {
      const root = doc.ele(S, 's:Envelope').att(XMLNS, 'xmlns:t', T)
      root.ele(T, 't:Before')
      fragment = captureFragment(root, (el) => {
        el.ele(T, 't:A').att(XSI, 'xsi:nil', 'true')
        el.ele(T, 't:B').ele(T, 't:C').txt('<&>')
      })
      root.ele(T, 't:After')
    })
    const inner = `<t:A xmlns:xsi="${XSI}" xsi:nil="true"/><t:B><t:C>&lt;&amp;&gt;</t:C></t:B>`
    expect(fragment?.text).to.equal(inner)
    expect(first).to.equal(
      `${DECL}<s:Envelope xmlns:t="${T}" xmlns:s="${S}"><t:Before/>${inner}<t:After/></s:Envelope>`,
    )
    const again = writeDocument((doc) => {
      const root = doc.ele(S, 's:Envelope').att(XMLNS, 'xmlns:t', T)
      root.ele(T, 't:Open').ele(T, 't:Child')
      expect(writeFragment(root, fragment!)).to.equal(true)
      root.ele(T, 't:After')
    })
    expect(again).to.equal(
      `${DECL}<s:Envelope xmlns:t="${T}" xmlns:s="${S}"><t:Open><t:Child/></t:Open>${inner}<t:After/></s:Envelope>`,
    )
    // Without t declared above it, the text would not be well-formed there: refused (the element's
    // start tag is written, as for any content).
    const other = writeDocument((doc) => {
      const root = doc.ele(S, 's:Envelope')
      expect(writeFragment(root, fragment!)).to.equal(false)
    })
    expect(other).to.equal(`${DECL}<s:Envelope xmlns:s="${S}"></s:Envelope>`)
  })
})
