// The prescan's character-reference check and its per-document node budget (docs/decisions/0019).
import { expect } from 'chai'
import { EwsError } from '../../../mock-ews/domain/errors.ts'
import { parseXml } from '../../../mock-ews/soap/parse-xml.ts'

function refusal(xml: string, limits?: Parameters<typeof parseXml>[1]): EwsError {
  try {
    parseXml(xml, limits)
  } catch (e) {
    expect(e).to.be.instanceOf(EwsError)
    expect((e as EwsError).code).to.equal('ErrorSchemaValidation')
    return e as EwsError
  }
  throw new Error(`accepted: ${xml.slice(0, 80)}`)
}

describe('parseXml: character references', () => {
  it('refuses a forbidden reference at its first digit, on its line', () => {
    const err = refusal('<a>\n  <b c="ok">x&#x1b;</b>\n</a>')
    expect(err.detail?.lineNumber).to.equal(2)
    expect(err.detail?.linePosition).to.equal(17)
    expect(err.detail?.violation).to.equal(
      'Character U+001B, hexadecimal value 0x1B, is an invalid character. Line 2, position 17.',
    )
    expect(refusal('<a b="&#0;"/>').detail?.linePosition).to.equal(9)
  })

  it('refuses a reference past U+10FFFF, however many digits it has', () => {
    for (const r of ['&#x110000;', '&#1114112;', `&#x${'F'.repeat(1000)};`])
      expect(refusal(`<a>${r}</a>`).detail?.violation).to.match(
        /^Invalid value of a character entity reference\. /,
      )
  })

  it('accepts references to every kind of allowed character, leading zeros included', () => {
    const doc = parseXml(
      '<a b="&#9;&#x20;">&#10;&#13;&#x0041;&#xD7FF;&#xE000;&#xFFFD;&#x10000;&#x10FFFF;&#1114111;</a>',
    )
    expect(doc.documentElement!.textContent).to.equal(
      '\n\rA\uD7FF\uE000\uFFFD\u{10000}\u{10FFFF}\u{10FFFF}',
    )
    expect(doc.documentElement!.getAttribute('b')).to.equal('\t ')
  })

  it('leaves what only looks like a reference in comments, CDATA sections and PIs', () => {
    const doc = parseXml('<a><!-- &#0; --><![CDATA[&#x1B;]]><?pi &#xFFFF;?><b/></a><!-- &# -->')
    expect(doc.documentElement!.textContent).to.equal('&#x1B;')
    // …but checks the text and tags around them.
    refusal('<a><!-- &#0; -->&#1;</a>')
    refusal('<a><![CDATA[&#x1B;]]><b c="&#2;"/></a>')
  })

  it('checks text after the root element and in an unterminated tag', () => {
    refusal('<a/>&#0;')
    refusal('<a b="&#0;')
  })

  it('refuses a malformed reference, which xmldom would keep as text, where it goes wrong', () => {
    for (const [r, kind, position] of [
      ['&#;', 'decimal', 6],
      ['&#', 'decimal', 6],
      ['&# 1;', 'decimal', 6],
      ['&#-1;', 'decimal', 6],
      ['&#12a;', 'decimal', 8],
      ['&#X1B;', 'decimal', 6],
      ['&#x;', 'hexadecimal', 7],
      ['&#x1B', 'hexadecimal', 9],
    ] as const) {
      for (const xml of [`<a>${r}</a>`, `<a b="${r}"/>`]) {
        const err = refusal(xml)
        expect(err.detail?.violation, xml).to.match(
          new RegExp(`^Invalid syntax for a ${kind} numeric entity reference\\. `),
        )
        if (xml.startsWith('<a>')) expect(err.detail?.linePosition, xml).to.equal(position)
      }
    }
  })
})

describe('parseXml: nodes per document', () => {
  it('accepts the budget and refuses one node more, at the element that passes it', () => {
    const limits = { maxDepth: 10, maxNodes: 6 }
    expect(
      parseXml('<a b="1"><c d="2" e="3"/><f/></a>', limits).documentElement!.localName,
    ).to.equal('a')
    // a(1+1) c(1+2) and the line break (text) make 6; f is the 7th
    const err = refusal('<a b="1"><c d="2" e="3"/>\n<f g="4"/></a>', limits)
    expect(err.detail?.violation).to.equal(
      'The document has more than 6 nodes (elements, attributes, text, comments). Line 2, position 1.',
    )
  })
})
