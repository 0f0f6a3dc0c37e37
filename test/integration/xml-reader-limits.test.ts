// Bodies the XML reader cannot decode, elements with more attributes than the reader takes, and
// documents with more nodes than it takes:
// an Exchange error (ErrorSchemaValidation with its position), the process up, nothing stored
// changed (issue 13: "Internal error on 3 bytes", "1M attributes on one element ... accepted").
import { DOMParser } from '@xmldom/xmldom'
import { expect } from 'chai'
import type { EwsApp } from '../../mock-ews/index.ts'
import { DEFAULT_XML_LIMITS } from '../../mock-ews/soap/parse-xml.ts'
import { poxErrorCode, poxRequest, postPox } from '../helpers/autodiscover.ts'
import { call, distinguished, envelope, getFolderXml, post, testApp } from '../helpers/ews.ts'
import type { SoapAnswer } from '../helpers/ews.ts'
import { storeSnapshot } from '../helpers/hardening.ts'

const getInbox = getFolderXml(distinguished('inbox'))

function utf16(text: string, order: 'le' | 'be'): Buffer {
  const bytes = Buffer.from(text, 'utf16le')
  if (order === 'be') bytes.swap16()
  return Buffer.concat([Buffer.from(order === 'le' ? [0xff, 0xfe] : [0xfe, 0xff]), bytes])
}

/** GetFolder whose m:GetFolder element carries `count` more attributes. */
function withAttributes(count: number): string {
  const attributes = Array.from({ length: count }, (_, i) => ` a${i}="${i}"`).join('')
  return getInbox.replace('<m:GetFolder>', `<m:GetFolder${attributes}>`)
}

describe('XML reader limits', () => {
  let ews: EwsApp
  let before: string
  beforeEach(() => {
    ews = testApp()
    before = storeSnapshot(ews)
  })
  afterEach(async () => {
    expect((await call(ews.app, getInbox)).codes()).to.deep.equal(['NoError'])
    expect(storeSnapshot(ews)).to.equal(before)
  })

  function expectSchemaFault(res: SoapAnswer, violation: string): void {
    expect(res.status, res.text).to.equal(500)
    expect(res.faultCode()).to.equal('ErrorSchemaValidation')
    expect(res.value('//t:MessageXml/t:LineNumber')).to.equal('1')
    expect(res.value('//t:MessageXml/t:Violation')).to.contain(violation)
  }

  describe('bodies that cannot be decoded', () => {
    it('answers the 3 bytes FE FF 00 (odd-length UTF-16BE) as undecodable, not an internal error', async () => {
      expectSchemaFault(await post(ews.app, Buffer.from([0xfe, 0xff, 0x00])), 'not valid UTF-16')
    })

    it('refuses an odd-length UTF-16 body in either byte order instead of dropping its last byte', async () => {
      expect((await post(ews.app, utf16(envelope(getInbox), 'le'))).codes()).to.deep.equal([
        'NoError',
      ])
      expect((await post(ews.app, utf16(envelope(getInbox), 'be'))).codes()).to.deep.equal([
        'NoError',
      ])
      for (const order of ['le', 'be'] as const) {
        const odd = Buffer.concat([utf16(envelope(getInbox), order), Buffer.from([0x20])])
        expectSchemaFault(await post(ews.app, odd), 'not valid UTF-16')
      }
      expectSchemaFault(await post(ews.app, Buffer.from([0xff, 0xfe, 0x3c])), 'not valid UTF-16')
    })

    it('refuses an unpaired surrogate in UTF-16 as an invalid character', async () => {
      const text = envelope(getInbox).replace('inbox', 'inbox\uD800')
      expectSchemaFault(await post(ews.app, utf16(text, 'le')), 'Character U+D800')
    })

    it('answers Autodiscover POX an undecodable body with Error 600', async () => {
      const res = await postPox(
        ews.app,
        Buffer.from([0xfe, 0xff, 0x00]) as unknown as string, // supertest sends a Buffer as bytes
      )
      expect(res.status).to.equal(200)
      expect(poxErrorCode(res)).to.equal('600')
      expect(poxErrorCode(await postPox(ews.app, poxRequest('alice@contoso.com')))).to.equal('')
    })
  })

  describe('attributes per element', () => {
    const max = DEFAULT_XML_LIMITS.maxAttributes

    it(`accepts ${max} attributes on one element and refuses one more`, async () => {
      expect((await call(ews.app, withAttributes(max))).codes()).to.deep.equal(['NoError'])
      expectSchemaFault(
        await call(ews.app, withAttributes(max + 1)),
        `The element 'm:GetFolder' has more than ${max} attributes.`,
      )
    })

    it('refuses 100,000 attributes on one element, at the element', async () => {
      const res = await call(ews.app, withAttributes(100_000))
      expectSchemaFault(res, 'more than 256 attributes')
      const text = envelope(getInbox)
      expect(res.value('//t:MessageXml/t:LinePosition')).to.equal(
        String(text.indexOf('<m:GetFolder') + 1),
      )
    })

    it('counts namespace declarations as attributes, and no = inside a quoted value', async () => {
      const declarations = Array.from({ length: max + 1 }, (_, i) => ` xmlns:p${i}="urn:${i}"`)
      expectSchemaFault(
        await call(
          ews.app,
          getInbox.replace('<m:GetFolder>', `<m:GetFolder${declarations.join('')}>`),
        ),
        'attributes',
      )
      const equals = getInbox.replace('<m:GetFolder>', `<m:GetFolder a="${'='.repeat(1000)}">`)
      expect((await call(ews.app, equals)).codes()).to.deep.equal(['NoError'])
    })

    it(`refuses a million attributes spread over elements of ${max} (more than ${DEFAULT_XML_LIMITS.maxNodes} nodes)`, async () => {
      const attributes = Array.from({ length: max }, (_, i) => ` a${i}="1"`).join('')
      const spread = `<t:X${attributes}/>`.repeat(4000)
      const res = await call(ews.app, getInbox.replace('<m:GetFolder>', `<m:GetFolder>${spread}`))
      expectSchemaFault(res, `more than ${DEFAULT_XML_LIMITS.maxNodes} nodes`)
    })
  })

  describe('nodes per document', () => {
    const max = DEFAULT_XML_LIMITS.maxNodes

    /** GetFolder padded with comments and the white space between them to exactly `total` DOM nodes. */
    function withNodes(total: number): string {
      const base = domNodes(envelope(getInbox))
      const pairs = Math.floor((total - base) / 2)
      const padding = '<!--c--> '.repeat(pairs) + ((total - base) % 2 ? '<!--c-->' : '')
      const text = getInbox.replace('<m:GetFolder>', `<m:GetFolder>${padding}`)
      expect(domNodes(envelope(text))).to.equal(total)
      return text
    }

    it(`accepts ${max} nodes (elements, attributes, text, comments) and refuses one more`, async () => {
      expect((await call(ews.app, withNodes(max))).codes()).to.deep.equal(['NoError'])
      expectSchemaFault(await call(ews.app, withNodes(max + 1)), `more than ${max} nodes`)
    })

    it('counts a text run and a CDATA section as nodes like an element', async () => {
      const fill = (unit: string, n: number): string =>
        getInbox.replace('<m:GetFolder>', `<m:GetFolder>${unit.repeat(n)}`)
      const base = domNodes(envelope(getInbox))
      for (const unit of ['<!--c--> ', '<![CDATA[x]]> ']) {
        const n = Math.ceil((max - base) / 2) + 1
        expect(domNodes(envelope(fill(unit, n)))).to.be.above(max)
        expectSchemaFault(await call(ews.app, fill(unit, n)), `more than ${max} nodes`)
      }
    })
  })
})

/** Nodes of a document as xmldom builds it: elements, attributes, text, comments, CDATA, PIs. */
function domNodes(xml: string): number {
  const walk = (node: Node): number => {
    let n = 1 + ((node as Element).attributes?.length ?? 0)
    for (let c = node.firstChild; c; c = c.nextSibling) n += walk(c)
    return n
  }
  const doc = new DOMParser().parseFromString(xml, 'text/xml') as unknown as Document
  return walk(doc.documentElement)
}
