/**
 * Validation against the official EWS schema folder (messages.xsd, types.xsd, xml.xsd) with libxml2
 * compiled to WebAssembly (xmllint-wasm). Used by strict mode (requests) and by the conformance check
 * (answers). xmllint-wasm compiles the schema on every call (~0.4 s), so callers batch documents.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { XMLSerializer } from '@xmldom/xmldom'
import type { Element } from '@xmldom/xmldom'
import { validateXML } from 'xmllint-wasm'

const XMLNS = 'http://www.w3.org/2000/xmlns/'

export interface SchemaFolder {
  dir: string
  messages: string
  types: string
  xml: string
}

/** Reads the schema folder; a clear error if it is not one. */
export function readSchemaFolder(dir: string): SchemaFolder {
  const read = (name: string): string => {
    const file = join(dir, name)
    if (!existsSync(file))
      throw new Error(`${file} not found: pass the EWS schema folder (e.g. ../shared/ews-schema)`)
    return readFileSync(file, 'utf8')
  }
  return { dir, messages: read('messages.xsd'), types: read('types.xsd'), xml: read('xml.xsd') }
}

export interface SchemaProblem {
  /** Name given to the document that has the problem. */
  document: string
  message: string
  line: number | undefined
}

/** Validates documents (name → XML) against messages.xsd; returns every problem found. */
export async function validateDocuments(
  schema: SchemaFolder,
  documents: ReadonlyArray<{ name: string; xml: string }>,
): Promise<SchemaProblem[]> {
  if (documents.length === 0) return []
  const result = await validateXML({
    xml: documents.map((d) => ({ fileName: d.name, contents: d.xml })),
    schema: { fileName: 'messages.xsd', contents: schema.messages },
    preload: [
      { fileName: 'types.xsd', contents: schema.types },
      { fileName: 'xml.xsd', contents: schema.xml },
    ],
    maxMemoryPages: 16384,
  })
  return result.errors.map((e) => ({
    document:
      documents.find((d) => d.name === e.loc?.fileName || e.rawMessage.includes(d.name))?.name ??
      '(unknown document)',
    message: e.message,
    line: e.loc?.lineNumber,
  }))
}

/** Serialises an element as its own document, carrying every namespace declaration in scope (for QName values). */
export function standalone(el: Element): string {
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
