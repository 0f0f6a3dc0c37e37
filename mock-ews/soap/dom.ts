/** Small namespace-aware DOM readers used by the envelope parser and the operations' request parsers. */
import type { Element } from './xml-tree.ts'
import { EwsError } from '../domain/errors.ts'
import { NS } from './namespaces.ts'

const ELEMENT_NODE = 1

/** Child elements of `el`, optionally only those with this namespace and local name. */
export function childElements(el: Element, ns?: string, localName?: string): Element[] {
  const out: Element[] = []
  for (let n = el.firstChild; n; n = n.nextSibling) {
    if (n.nodeType !== ELEMENT_NODE) continue
    const e = n as Element
    if (ns !== undefined && e.namespaceURI !== ns) continue
    if (localName !== undefined && e.localName !== localName) continue
    out.push(e)
  }
  return out
}

/** First child element in the types (`t`) or messages (`m`) namespace with this local name. */
export function child(el: Element, ns: keyof typeof NS, localName: string): Element | undefined {
  return childElements(el, NS[ns], localName)[0]
}

/** Like `child`, but a missing element is a schema-validation error, as Exchange reports it. */
export function requiredChild(el: Element, ns: keyof typeof NS, localName: string): Element {
  const found = child(el, ns, localName)
  if (!found)
    throw schemaError(
      `The element '${el.localName}' is missing its required child element '${localName}'.`,
    )
  return found
}

/** Text content of an element, or undefined when the element is absent. */
export function text(el: Element | undefined): string | undefined {
  return el ? (el.textContent ?? '') : undefined
}

/** Attribute value, or undefined when absent. */
export function attr(el: Element, name: string): string | undefined {
  return el.hasAttribute(name) ? (el.getAttribute(name) ?? '') : undefined
}

/** Reads an attribute that must be one of `allowed`; absent gives `fallback` (or an error when none). */
export function enumAttr<T extends string>(
  el: Element,
  name: string,
  allowed: readonly T[],
  fallback?: T,
): T {
  const v = attr(el, name)
  if (v === undefined) {
    if (fallback !== undefined) return fallback
    throw schemaError(`The required attribute '${name}' of '${el.localName}' is missing.`)
  }
  if (!(allowed as readonly string[]).includes(v)) {
    throw schemaError(
      `The '${name}' attribute is invalid - The value '${v}' is invalid according to its datatype.`,
    )
  }
  return v as T
}

/** Reads a non-negative integer attribute (xs:int ≥ 0). */
export function intAttr(el: Element, name: string, fallback: number): number {
  const v = attr(el, name)
  if (v === undefined) return fallback
  if (!/^\s*\d{1,10}\s*$/.test(v) || Number(v) > 2147483647) {
    throw schemaError(
      `The '${name}' attribute is invalid - The value '${v}' is invalid according to its datatype 'Int'.`,
    )
  }
  return Number(v)
}

export function schemaError(violation: string): EwsError {
  return new EwsError(
    'ErrorSchemaValidation',
    `The request failed schema validation: ${violation}`,
    { violation },
  )
}
