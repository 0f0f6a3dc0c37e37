/** Reads and writes the plain values of the item kinds' own elements (contact-xml, task-xml). */
import type { Element } from '../../soap/xml-tree.ts'
import type { KindValueType } from '../../domain/contacts.ts'
import type { XmlElement } from '../../soap/xml-writer.ts'
import { child, childElements, schemaError } from '../../soap/dom.ts'
import { NS } from '../../soap/namespaces.ts'
import { readBoolean } from './message-xml.ts'

export type KindValues = Record<string, string | readonly string[]>

/** The values of `table` present in `el`, each checked against its type (a bad one names it). */
export function readKindValues(
  el: Element,
  table: readonly (readonly [string, KindValueType | 'dictionary' | 'members'])[],
): KindValues {
  const out: KindValues = {}
  for (const [name, type] of table) {
    const e = child(el, 't', name)
    if (e && Array.isArray(type)) out[name] = readEnum(name, e.textContent ?? '', type)
    else if (e && type === 'strings')
      out[name] = childElements(e, NS.t, 'String').map((s) => s.textContent ?? '')
    else if (e && typeof type === 'string' && isScalar(type))
      out[name] = readScalar(name, e.textContent ?? '', type)
  }
  return out
}

function isScalar(t: string): t is 'string' | 'date' | 'int' | 'double' | 'boolean' {
  return ['string', 'date', 'int', 'double', 'boolean'].includes(t)
}

function readEnum(name: string, raw: string, values: readonly string[]): string {
  const v = raw.trim()
  if (!values.includes(v)) throw invalidValue(name, raw)
  return v
}

function readScalar(name: string, raw: string, type: string): string {
  const v = raw.trim()
  switch (type) {
    case 'date':
      return readDateTime(name, v)
    case 'int':
      if (!/^[+-]?\d{1,10}$/.test(v) || Math.abs(Number(v)) > 2_147_483_647)
        throw invalidValue(name, raw)
      return String(Number(v))
    case 'double':
      if (!/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(v)) throw invalidValue(name, raw)
      return String(Number(v))
    case 'boolean':
      return String(readBoolean(name, v))
    default:
      return raw
  }
}

/** xs:dateTime kept as UTC, whole seconds (as Exchange answers it). */
export function readDateTime(name: string, v: string): string {
  const ms = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/.test(v) ? Date.parse(v) : NaN
  if (Number.isNaN(ms)) throw invalidValue(name, v)
  return `${new Date(ms).toISOString().slice(0, 19)}Z`
}

export function invalidValue(name: string, value: string): Error {
  return schemaError(
    `The '${name}' element is invalid - The value '${value}' is invalid according to its datatype.`,
  )
}

/** Writes one stored value as its element (a list as t:String entries). */
export function writeKindValue(
  el: XmlElement,
  name: string,
  value: string | readonly string[] | undefined,
): void {
  if (value === undefined) return
  if (typeof value === 'string') {
    el.ele(NS.t, `t:${name}`).txt(value)
    return
  }
  const list = el.ele(NS.t, `t:${name}`)
  for (const s of value) list.ele(NS.t, 't:String').txt(s)
}
