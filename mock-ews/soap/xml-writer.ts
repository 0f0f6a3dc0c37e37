/**
 * The element-writing surface the renderers use, over xmlbuilder2. It exists for one reason:
 * xmlbuilder2 (4.x) leaves an `&` unescaped when it starts something that looks like an entity
 * (`&amp;`, `&nbsp;`, `&#65;`), so stored text such as `Fish &amp; Chips` would come back altered and
 * `&nbsp;` would make the answer ill-formed. Every text and attribute value is escaped for `&`
 * here first; xmlbuilder2 then escapes `<`, `>` and quotes as usual.
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

const escapeAmpersands = (s: string): string => s.replace(/&/g, '&amp;')

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
    if (value === undefined) this.node.att(nameOrNamespace, escapeAmpersands(valueOrName))
    else this.node.att(nameOrNamespace, valueOrName, escapeAmpersands(value))
    return this
  }

  txt(text: string): XmlElement {
    this.node.txt(escapeAmpersands(text))
    return this
  }
}

/** A document with the XML declaration; `fill` writes its root element; returns the serialised text. */
export function writeDocument(fill: (doc: XmlElement) => void): string {
  const doc = create({ version: '1.0', encoding: 'utf-8' })
  fill(new Element(doc))
  return doc.end({ prettyPrint: false })
}
