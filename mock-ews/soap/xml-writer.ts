/**
 * The element-writing surface the renderers use, over xmlbuilder2. It exists for one reason:
 * xmlbuilder2 (4.x) leaves an `&` unescaped when it starts something that looks like an entity
 * (`&amp;`, `&nbsp;`, `&#65;`), so stored text such as `Fish &amp; Chips` would come back altered and
 * `&nbsp;` would make the answer ill-formed. Every text and attribute value is escaped for `&` (and
 * the whitespace a parser would normalise) here first; xmlbuilder2 then escapes `<`, `>` and quotes.
 */
import { create } from 'xmlbuilder2'
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js'

export interface XmlElement {
  /** A child element in a namespace (`ele(NS.t, 't:Folder')`) or in none (`ele('faultcode')`). */
  ele(namespaceOrName: string, qualifiedName?: string): XmlElement
  /** An attribute; with a namespace first for prefixed ones (`att(XSI, 'xsi:type', 't:X')`). */
  att(nameOrNamespace: string, valueOrName: string, value?: string): XmlElement
  txt(text: string): XmlElement
}

// Decimal character references, which xmlbuilder2 passes through: a raw CR in text (and CR, LF, TAB
// in attribute values) would be normalised away by every XML parser on the way back.
const escapeText = (s: string): string => s.replace(/&/g, '&amp;').replace(/\r/g, '&#13;')
const escapeAttribute = (s: string): string =>
  escapeText(s).replace(/\n/g, '&#10;').replace(/\t/g, '&#9;')

class Element implements XmlElement {
  constructor(private readonly node: XMLBuilder) {}

  ele(namespaceOrName: string, qualifiedName?: string): XmlElement {
    return new Element(
      qualifiedName === undefined
        ? this.node.ele(namespaceOrName)
        : this.node.ele(namespaceOrName, qualifiedName),
    )
  }

  att(nameOrNamespace: string, valueOrName: string, value?: string): XmlElement {
    if (value === undefined) this.node.att(nameOrNamespace, escapeAttribute(valueOrName))
    else this.node.att(nameOrNamespace, valueOrName, escapeAttribute(value))
    return this
  }

  txt(text: string): XmlElement {
    this.node.txt(escapeText(text))
    return this
  }
}

/** A document with the XML declaration; `fill` writes its root element; returns the serialised text. */
export function writeDocument(fill: (doc: XmlElement) => void): string {
  const doc = create({ version: '1.0', encoding: 'utf-8' })
  fill(new Element(doc))
  return doc.end({ prettyPrint: false })
}
