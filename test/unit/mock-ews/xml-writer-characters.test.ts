// The writer cannot emit a character XML forbids, whatever it is given: each becomes U+FFFD in
// text, attribute values and namespace declarations (docs/decisions/0019). libxml2 checks the
// output (one document: each call starts it), as it refuses such characters where xmldom does not.
import { DOMParser } from '@xmldom/xmldom'
import { expect } from 'chai'
import { writeDocument } from '../../../mock-ews/soap/xml-writer.ts'
import { notWellFormed } from '../../helpers/well-formed.ts'

const XMLNS = 'http://www.w3.org/2000/xmlns/'

/** Every UTF-16 code unit XML 1.0 forbids on its own: C0 controls but TAB/LF/CR, surrogates, U+FFFE, U+FFFF. */
const FORBIDDEN: string[] = []
for (let c = 0; c < 0x20; c++)
  if (c !== 0x9 && c !== 0xa && c !== 0xd) FORBIDDEN.push(String.fromCharCode(c))
for (let c = 0xd800; c <= 0xdfff; c++) FORBIDDEN.push(String.fromCharCode(c))
FORBIDDEN.push('\uFFFE', '\uFFFF')

/** Allowed characters at the edges of the ranges, and pairs that must stay pairs. */
const ALLOWED = '\t\n\r \u007F\uD7FF\uE000\uFFFD\u{10000}\u{1F600}\u{10FFFF}'

function written(value: string): string {
  return writeDocument((doc) =>
    doc
      .ele('urn:a', 'a:root')
      .att(XMLNS, 'xmlns:b', `urn:${value}`)
      .att('v', value)
      .ele('urn:a', 'a:text')
      .txt(value),
  )
}

function parsed(xml: string): { text: string; attribute: string; namespace: string } {
  const root = new DOMParser({ onError: () => undefined }).parseFromString(
    xml,
    'text/xml',
  ).documentElement!
  return {
    text: root.firstChild!.textContent ?? '',
    attribute: root.getAttribute('v') ?? '',
    namespace: root.getAttribute('xmlns:b') ?? '',
  }
}

describe('xml-writer and characters XML forbids', () => {
  it('writes each forbidden character as U+FFFD in text, attribute values and namespace declarations', () => {
    const replaced = written('x\uFFFDy')
    expect(parsed(replaced)).to.deep.equal({
      text: 'x\uFFFDy',
      attribute: 'x\uFFFDy',
      namespace: 'urn:x\uFFFDy',
    })
    for (const c of FORBIDDEN) {
      const name = `U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`
      expect(written(`x${c}y`), name).to.equal(replaced)
    }
    expect(FORBIDDEN).to.have.length(29 + 2048 + 2)
  })

  it('writes them all at once, next to allowed characters and surrogate pairs', async () => {
    const all = FORBIDDEN.join('x') // joined without a separator, U+DBFF U+DC00 would be a pair
    // Unpaired halves around a pair, and pairs written high-high-low and high-low-low.
    const value = `${ALLOWED}${all}\uD83D\uD83D\uDE00\uDE00${ALLOWED}\uDBFF`
    const xml = written(value)
    const expected = `${ALLOWED}${FORBIDDEN.map(() => '\uFFFD').join('x')}\uFFFD\u{1F600}\uFFFD${ALLOWED}\uFFFD`
    expect(parsed(xml)).to.deep.equal({
      text: expected,
      attribute: expected,
      namespace: `urn:${expected}`,
    })
    expect(await notWellFormed({ all: xml })).to.deep.equal({})
  })

  it('leaves text of allowed characters exactly as it was', () => {
    expect(parsed(written(ALLOWED)).text).to.equal(ALLOWED)
    expect(parsed(written(ALLOWED)).attribute).to.equal(ALLOWED)
  })
})
