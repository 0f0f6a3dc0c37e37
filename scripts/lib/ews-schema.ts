/**
 * Checks SOAP answers against the official EWS schema (messages.xsd, which imports types.xsd):
 * the first child of soap:Body is validated as its own document, as is t:ServerVersionInfo from the
 * header. A SOAP fault is not in those files; its shape is checked here and its ResponseCode must be
 * a value of messages.xsd's ResponseCodeType. Uses libxml2 compiled to WebAssembly (libxml2-wasm),
 * the schema compiled once per run.
 */
import { createHash } from 'node:crypto'
import { DOMParser, XMLSerializer } from '@xmldom/xmldom'
import type { Element } from '@xmldom/xmldom'
import { compileSchema, readSchemaFolder } from '../../mock-ews/soap/schema-validation.ts'
import type { SchemaFolder } from '../../mock-ews/soap/schema-validation.ts'

const SOAP = 'http://schemas.xmlsoap.org/soap/envelope/'
const ERRORS = 'http://schemas.microsoft.com/exchange/services/2006/errors'

export interface ConformanceFailure {
  name: string
  problems: string[]
}

export interface ConformanceReport {
  responses: number
  /** Distinct documents validated against the schema (bodies and headers, duplicates once). */
  documents: number
  faults: number
  failures: ConformanceFailure[]
}

export interface SchemaFiles extends SchemaFolder {
  responseCodes: ReadonlySet<string>
}

/** Reads the schema folder (messages.xsd, types.xsd, xml.xsd); a clear error if it is not one. */
export function loadSchemaFolder(dir: string): SchemaFiles {
  const folder = readSchemaFolder(dir)
  const block =
    /<xs:simpleType name="ResponseCodeType">([\s\S]*?)<\/xs:simpleType>/.exec(
      folder.messages,
    )?.[1] ?? ''
  const responseCodes = new Set(
    [...block.matchAll(/<xs:enumeration value="([^"]+)"/g)].map((m) => m[1]!),
  )
  if (responseCodes.size === 0)
    throw new Error(`${dir}/messages.xsd has no ResponseCodeType enumeration`)
  return { ...folder, responseCodes }
}

/** Validates SOAP answers (name → XML text). */
export async function checkResponses(
  schema: SchemaFiles,
  responses: ReadonlyArray<{ name: string; xml: string }>,
): Promise<ConformanceReport> {
  const failures = new Map<string, string[]>()
  const fail = (name: string, problem: string): void => {
    failures.set(name, [...(failures.get(name) ?? []), problem])
  }
  // Distinct documents to validate, each remembered with the first answer it came from.
  const documents = new Map<string, { file: string; xml: string; from: string[] }>()
  let faults = 0
  for (const { name, xml } of responses) {
    const parts = splitEnvelope(name, xml, fail)
    if (!parts) continue
    if (parts.fault) {
      faults++
      checkFault(name, parts.fault, schema, fail)
    }
    for (const doc of parts.documents) {
      const hash = createHash('sha256').update(doc).digest('hex').slice(0, 16)
      const entry = documents.get(hash) ?? { file: `doc-${hash}.xml`, xml: doc, from: [] }
      entry.from.push(name)
      documents.set(hash, entry)
    }
  }
  const compiled = compileSchema(schema)
  try {
    for (const doc of documents.values()) {
      for (const p of await compiled.validate(doc.xml, doc.file)) {
        const message = p.message.length > 400 ? `${p.message.slice(0, 400)}…` : p.message
        for (const from of doc.from) fail(from, message)
      }
    }
  } finally {
    compiled.release()
  }
  return {
    responses: responses.length,
    documents: documents.size,
    faults,
    failures: [...failures].map(([name, problems]) => ({ name, problems })),
  }
}

interface EnvelopeParts {
  documents: string[]
  fault: Element | undefined
}

function splitEnvelope(
  name: string,
  xml: string,
  fail: (n: string, p: string) => void,
): EnvelopeParts | undefined {
  if (!xml.startsWith('<?xml')) fail(name, 'the answer does not begin with an XML declaration')
  let env: Element | null
  try {
    env = new DOMParser({
      onError: (level, msg) => {
        if (level !== 'warning') throw new Error(msg)
      },
    }).parseFromString(xml, 'text/xml').documentElement
  } catch (e) {
    fail(name, `not well-formed XML: ${(e as Error).message}`)
    return undefined
  }
  if (!env || env.localName !== 'Envelope' || env.namespaceURI !== SOAP) {
    fail(name, 'the root element is not a SOAP 1.1 Envelope')
    return undefined
  }
  const header = elements(env).find((e) => e.localName === 'Header')
  const body = elements(env).find((e) => e.localName === 'Body')
  const first = body && elements(body)[0]
  if (!first) {
    fail(name, 'soap:Body has no child element')
    return undefined
  }
  const documents: string[] = []
  const fault = first.localName === 'Fault' && first.namespaceURI === SOAP ? first : undefined
  if (!fault) {
    documents.push(standalone(first))
    if (!header) fail(name, 'a success answer has no soap:Header')
  }
  for (const h of header ? elements(header) : []) documents.push(standalone(h))
  return { documents, fault }
}

function checkFault(
  name: string,
  fault: Element,
  schema: SchemaFiles,
  fail: (n: string, p: string) => void,
): void {
  const children = elements(fault)
  const byName = (local: string): Element | undefined =>
    children.find((c) => c.localName === local && !c.namespaceURI)
  const faultcode = byName('faultcode')?.textContent ?? ''
  if (!byName('faultcode') || !byName('faultstring') || !byName('detail')) {
    fail(name, 'a fault needs unqualified faultcode, faultstring and detail')
    return
  }
  const code =
    elements(byName('detail')!).find(
      (c) => c.localName === 'ResponseCode' && c.namespaceURI === ERRORS,
    )?.textContent ?? ''
  if (!schema.responseCodes.has(code))
    fail(name, `fault ResponseCode '${code}' is not a ResponseCodeType value`)
  if (faultcode.split(':')[1] !== code)
    fail(name, `faultcode '${faultcode}' does not name ResponseCode '${code}'`)
}

function elements(el: Element): Element[] {
  const out: Element[] = []
  for (let n = el.firstChild; n; n = n.nextSibling) if (n.nodeType === 1) out.push(n as Element)
  return out
}

const XMLNS = 'http://www.w3.org/2000/xmlns/'

/**
 * Serialises an element of an answer as its own document, carrying every namespace declaration in
 * scope (for QName values). Answers are read with xmldom here, not with mock-ews's own reader, so
 * the check does not share the code it checks.
 */
function standalone(el: Element): string {
  const copy = el.cloneNode(true) as Element
  for (
    let p = el.parentNode as Element | null;
    p && p.nodeType === 1;
    p = p.parentNode as Element | null
  ) {
    for (let i = 0; i < p.attributes.length; i++) {
      const a = p.attributes.item(i)!
      if (a.name.startsWith('xmlns') && !copy.hasAttribute(a.name))
        copy.setAttributeNS(XMLNS, a.name, a.value)
    }
  }
  return new XMLSerializer().serializeToString(copy)
}
