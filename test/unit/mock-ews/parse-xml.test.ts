import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { expect } from 'chai'
import { EwsError } from '../../../mock-ews/domain/errors.ts'
import type { EwsResponseCode } from '../../../mock-ews/domain/errors.ts'
import { decodeBody, parseXml, DEFAULT_XML_LIMITS } from '../../../mock-ews/soap/parse-xml.ts'

const NS_SOAP = 'http://schemas.xmlsoap.org/soap/envelope/'
const NS_M = 'http://schemas.microsoft.com/exchange/services/2006/messages'
const NS_T = 'http://schemas.microsoft.com/exchange/services/2006/types'

const ENVELOPE =
  '<?xml version="1.0" encoding="utf-8"?>\n' +
  `<s:Envelope xmlns:s="${NS_SOAP}" xmlns:m="${NS_M}" xmlns:t="${NS_T}">\n` +
  '  <s:Header><t:RequestServerVersion Version="Exchange2013"/></s:Header>\n' +
  '  <s:Body>\n' +
  '    <m:GetFolder>\n' +
  '      <m:FolderShape><t:BaseShape>Default</t:BaseShape></m:FolderShape>\n' +
  '      <m:FolderIds><t:DistinguishedFolderId Id="inbox"/></m:FolderIds>\n' +
  '    </m:GetFolder>\n' +
  '  </s:Body>\n' +
  '</s:Envelope>\n'

function thrownBy(fn: () => unknown): EwsError {
  let thrown: unknown
  try {
    fn()
  } catch (e) {
    thrown = e
  }
  expect(thrown, 'expected an EwsError, but nothing was thrown').to.not.equal(undefined)
  expect(thrown).to.be.instanceOf(EwsError)
  return thrown as EwsError
}

function expectCode(fn: () => unknown, code: EwsResponseCode): EwsError {
  const err = thrownBy(fn)
  expect(err.code).to.equal(code)
  return err
}

/** A schema-validation error with a position; returns it for further checks. */
function expectSchemaError(fn: () => unknown): EwsError {
  const err = expectCode(fn, 'ErrorSchemaValidation')
  expect(err.detail?.lineNumber, 'detail.lineNumber').to.be.a('number').and.to.be.at.least(1)
  expect(err.detail?.linePosition, 'detail.linePosition').to.be.a('number').and.to.be.at.least(1)
  expect(err.message).to.include(
    `Line ${err.detail!.lineNumber}, position ${err.detail!.linePosition}.`,
  )
  expect(err.detail?.violation).to.be.a('string').and.not.equal('')
  return err
}

const nested = (depth: number): string => '<a>'.repeat(depth) + '</a>'.repeat(depth)

describe('decodeBody', () => {
  const text = '<a>Grüße ✓ 😀</a>'

  it('decodes UTF-8', () => {
    expect(decodeBody(Buffer.from(text, 'utf8'))).to.equal(text)
  })

  it('decodes UTF-8 with a BOM and drops the BOM', () => {
    expect(
      decodeBody(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')])),
    ).to.equal(text)
  })

  it('decodes UTF-16LE with a BOM', () => {
    expect(
      decodeBody(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])),
    ).to.equal(text)
  })

  it('decodes UTF-16BE with a BOM', () => {
    const le = Buffer.from(text, 'utf16le')
    const be = Buffer.from(le).swap16()
    expect(decodeBody(Buffer.concat([Buffer.from([0xfe, 0xff]), be]))).to.equal(text)
  })

  it('decodes an empty body to an empty string', () => {
    expect(decodeBody(Buffer.alloc(0))).to.equal('')
  })

  it('refuses invalid UTF-8 with ErrorSchemaValidation', () => {
    for (const bad of [
      [0x3c, 0x61, 0x3e, 0xc3, 0x28],
      [0xff, 0x3c],
      [0x3c, 0xed, 0xa0, 0x80, 0x3e],
    ]) {
      const err = expectCode(() => decodeBody(Buffer.from(bad)), 'ErrorSchemaValidation')
      expect(err.detail?.lineNumber).to.equal(1)
      expect(err.detail?.linePosition).to.equal(1)
    }
  })

  it('keeps nothing of one body for the next (one decoder serves every request)', () => {
    // A body ending inside a character, then a whole one: the next must not begin with its tail.
    expectCode(
      () => decodeBody(Buffer.from([0x3c, 0x61, 0x3e, 0xe2, 0x82])),
      'ErrorSchemaValidation',
    )
    expect(decodeBody(Buffer.from([0xac, 0x3c, 0x62, 0x2f, 0x3e]).subarray(1))).to.equal('<b/>')
    expect(decodeBody(Buffer.from('<c>€</c>', 'utf8'))).to.equal('<c>€</c>')
  })

  it('gives text that parseXml accepts, whatever the encoding', () => {
    for (const body of [
      Buffer.from(ENVELOPE, 'utf8'),
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(ENVELOPE, 'utf16le')]),
      Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(ENVELOPE, 'utf16le').swap16()]),
    ]) {
      expect(parseXml(decodeBody(body)).documentElement?.localName).to.equal('Envelope')
    }
  })
})

describe('parseXml', () => {
  it('parses a SOAP envelope, namespace-aware', () => {
    const doc = parseXml(ENVELOPE)
    expect(doc.documentElement?.localName).to.equal('Envelope')
    expect(doc.documentElement?.namespaceURI).to.equal(NS_SOAP)
    const ids = doc.getElementsByTagNameNS(NS_T, 'DistinguishedFolderId')
    expect(ids.length).to.equal(1)
    expect(ids.item(0)?.getAttribute('Id')).to.equal('inbox')
    expect(doc.getElementsByTagNameNS(NS_M, 'GetFolder').length).to.equal(1)
  })

  it('refuses an empty or blank body with ErrorInvalidRequest', () => {
    expectCode(() => parseXml(''), 'ErrorInvalidRequest')
    expectCode(() => parseXml('  \r\n\t '), 'ErrorInvalidRequest')
  })

  describe('DTDs', () => {
    let dir: string
    let secretFile: string
    const secret = `TOP-SECRET-${process.pid}-7f3a9c`
    before(() => {
      dir = mkdtempSync(join(tmpdir(), 'parse-xml-'))
      secretFile = join(dir, 'secret.txt')
      writeFileSync(secretFile, secret)
    })
    after(() => {
      rmSync(dir, { recursive: true, force: true })
    })

    it('refuses a DOCTYPE without an internal subset', () => {
      const err = expectSchemaError(() => parseXml('<?xml version="1.0"?>\n<!DOCTYPE a>\n<a/>'))
      expect(err.detail?.lineNumber).to.equal(2)
      expect(err.detail?.linePosition).to.equal(1)
    })

    it('refuses the "billion laughs" entity expansion', () => {
      const lol =
        '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n' +
        Array.from(
          { length: 9 },
          (_, i) => ` <!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">\n`,
        ).join('') +
        ']>\n<lolz>&lol9;</lolz>'
      const err = expectSchemaError(() => parseXml(lol))
      expect(err.detail?.lineNumber).to.equal(2)
      expect(err.message).to.not.include('lollol')
    })

    it('refuses an external SYSTEM entity and never shows the file it names', () => {
      const url = pathToFileURL(secretFile).href
      const docs = [
        `<?xml version="1.0"?>\n<!DOCTYPE a [\n  <!ENTITY xxe SYSTEM "${url}">\n]>\n<a>&xxe;</a>`,
        `<!DOCTYPE a [<!ENTITY xxe SYSTEM "${secretFile}">]><a>&xxe;</a>`,
        `<!DOCTYPE a SYSTEM "${url}"><a/>`,
        `<!DOCTYPE a [<!ENTITY % p SYSTEM "${url}"> %p;]><a/>`,
      ]
      for (const xml of docs) {
        const err = expectSchemaError(() => parseXml(xml))
        expect(err.message).to.not.include(secret)
        expect(JSON.stringify(err.detail)).to.not.include(secret)
        expect(String(err.stack)).to.not.include(secret)
      }
    })

    it('refuses a DOCTYPE in any case and after comments or processing instructions', () => {
      for (const xml of [
        '<!doctype a><a/>',
        '<!--c--><!DOCTYPE a><a/>',
        '<?pi x?>\n<!DOCTYPE a><a/>',
        '<a><!ENTITY x "y"></a>',
      ]) {
        expectSchemaError(() => parseXml(xml))
      }
    })
  })

  describe('malformed XML', () => {
    it('reports the line and position of a tag mismatch', () => {
      const err = expectSchemaError(() => parseXml('<a>\n  <b></c>\n</a>'))
      expect(err.detail?.lineNumber).to.equal(2)
      expect(err.detail?.linePosition).to.be.within(3, 9)
    })

    it('reports an unclosed element', () => {
      expectSchemaError(() => parseXml('<a>\n<b/>'))
    })

    it('reports an undefined entity', () => {
      expectSchemaError(() => parseXml('<a>&nosuch;</a>'))
    })

    it("reports an unescaped '<' in an attribute value", () => {
      expectSchemaError(() => parseXml('<a x="<"/>'))
    })
  })

  describe('invalid characters', () => {
    it('refuses a control character with its line and position', () => {
      const err = expectSchemaError(() => parseXml('<a>\n  <b>x\u0001</b>\n</a>'))
      expect(err.detail?.lineNumber).to.equal(2)
      expect(err.detail?.linePosition).to.equal(7)
      expect(err.message).to.include('U+0001, hexadecimal value 0x01,')
    })

    it('refuses a control character in an attribute value', () => {
      expectSchemaError(() => parseXml('<a x="\u0001"/>'))
    })

    it('refuses NUL, U+FFFE and a lone surrogate', () => {
      for (const c of ['\u0000', '\uFFFE', '\uD800'])
        expectSchemaError(() => parseXml(`<a>${c}</a>`))
    })

    it('accepts tab, line feed, carriage return and characters outside the BMP', () => {
      expect(parseXml('<a>\t\r\n😀</a>').documentElement?.textContent).to.equal('\t\n😀')
    })
  })

  describe('nesting depth', () => {
    it(`accepts ${DEFAULT_XML_LIMITS.maxDepth} levels by default and refuses one more`, () => {
      const max = DEFAULT_XML_LIMITS.maxDepth
      expect(parseXml(nested(max)).documentElement?.localName).to.equal('a')
      const err = expectSchemaError(() => parseXml(nested(max + 1)))
      expect(err.detail?.lineNumber).to.equal(1)
      expect(err.detail?.linePosition).to.equal(max * 3 + 1)
    })

    it('applies the limit it is given', () => {
      expect(parseXml(nested(3), { maxDepth: 3 }).documentElement?.localName).to.equal('a')
      expectSchemaError(() => parseXml(nested(4), { maxDepth: 3 }))
    })

    it('refuses a 100,000-deep document', () => {
      expectSchemaError(() => parseXml('<a>'.repeat(100_000)))
      expectSchemaError(() => parseXml(nested(100_000)))
    })

    it('does not count siblings or self-closing elements as nesting', () => {
      const siblings = '<r>' + '<a/><b></b><c x="1" />'.repeat(300) + '</r>'
      expect(parseXml(siblings, { maxDepth: 2 }).documentElement?.childNodes.length).to.equal(900)
    })

    it("is not confused by '>' or '/>' inside attribute values", () => {
      const deep = '<a x="/>"><b y=\'>\'><c z="a/>b"><d/></c></b></a>'
      expect(parseXml(deep, { maxDepth: 3 }).documentElement?.localName).to.equal('a')
      expectSchemaError(() => parseXml(deep.replace('<d/>', '<d></d>'), { maxDepth: 3 }))
    })

    it("is not confused by '<' inside CDATA sections or comments", () => {
      const xml = '<a><![CDATA[<b><c><d><e>]]><!-- <b><c><d><e> --><?pi <b><c><d>?></a>'
      const doc = parseXml(xml, { maxDepth: 1 })
      expect(doc.documentElement?.textContent).to.equal('<b><c><d><e>')
    })

    it('still counts elements that follow CDATA sections and comments', () => {
      expectSchemaError(() =>
        parseXml('<a><![CDATA[x]]><!-- y --><?pi z?><b></b></a>', { maxDepth: 1 }),
      )
    })
  })
})
