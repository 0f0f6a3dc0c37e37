/**
 * Validation against the official EWS schema folder (messages.xsd, types.xsd, xml.xsd) with libxml2
 * compiled to WebAssembly (libxml2-wasm). Used by strict mode (requests) and by the conformance check
 * (answers). The schema is compiled once (~0.8 s) and shared by every holder of the same folder
 * contents; a document then validates in about a millisecond (docs/decisions/0060). libxml2-wasm is
 * imported only when a schema is compiled: under tsx, loading it costs ~150 MB of RSS.
 */
import { createHash } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { standaloneXml } from './xml-tree.ts'
import type { Element } from './xml-tree.ts'
import type * as Libxml2Module from 'libxml2-wasm'
import type { XmlDocument, XsdValidator } from 'libxml2-wasm'

type Libxml2 = typeof Libxml2Module
let libxml2: Promise<Libxml2> | undefined

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

/** messages.xsd compiled, for one holder. */
export interface CompiledSchema {
  /**
   * Every problem of one document against messages.xsd ([] when it is valid). Waits for the
   * compilation the first time; after that the work is synchronous, about a millisecond.
   */
  validate(xml: string, name?: string): Promise<SchemaProblem[]>
  /** Gives this holder's share back; the last holder's release frees the WebAssembly objects. */
  release(): void
}

interface Compiled {
  lib: Libxml2
  xsd: XmlDocument
  validator: XsdValidator
}

interface Shared {
  compiled: Promise<Compiled>
  holders: number
}

/** Compiled schemas by a hash of the folder's three files: one compilation per process and folder. */
const shares = new Map<string, Shared>()

/**
 * messages.xsd compiled once per process for these contents: the compilation starts now, in the
 * background (it holds the event loop ~0.8 s once, soon after), and the first `validate` waits for
 * it. Release it when done.
 */
export function compileSchema(folder: SchemaFolder): CompiledSchema {
  const key = createHash('sha256')
    .update(folder.messages)
    .update('\0')
    .update(folder.types)
    .update('\0')
    .update(folder.xml)
    .digest('hex')
  let entry = shares.get(key)
  if (!entry) {
    const compiled = (libxml2 ??= import('libxml2-wasm')).then((lib) => compile(lib, folder))
    compiled.catch(() => undefined) // reported by each validate; never an unhandled rejection
    entry = { compiled, holders: 0 }
    shares.set(key, entry)
  }
  const shared = entry
  shared.holders++
  let released = false
  return {
    validate: async (xml, name = 'document.xml') => {
      if (released) throw new Error('this compiled EWS schema was released')
      return validateOne(await shared.compiled, xml, name)
    },
    release: () => {
      if (released) return
      released = true
      if (--shared.holders > 0) return
      shares.delete(key)
      void shared.compiled.then(
        (c) => {
          c.validator.dispose()
          c.xsd.dispose()
        },
        () => undefined,
      )
    },
  }
}

function compile(lib: Libxml2, folder: SchemaFolder): Compiled {
  const { XmlBufferInputProvider, XmlDocument, XsdValidator } = lib
  // types.xsd and xml.xsd are read from memory under a URL scheme of our own, only while compiling:
  // the providers are removed before any document is parsed, so nothing a document names is loaded.
  const base = 'ews-schema:/'
  const encode = (text: string): Uint8Array => new TextEncoder().encode(text)
  lib.xmlRegisterInputProvider(
    new XmlBufferInputProvider({
      [`${base}types.xsd`]: encode(folder.types),
      [`${base}xml.xsd`]: encode(folder.xml),
    }),
  )
  let xsd: XmlDocument | undefined
  try {
    xsd = XmlDocument.fromString(folder.messages, { url: `${base}messages.xsd` })
    // The schema keeps pointers into the document it was parsed from: both live as long.
    return { lib, xsd, validator: XsdValidator.fromDoc(xsd) }
  } catch (e) {
    xsd?.dispose()
    throw new Error(
      `${join(folder.dir, 'messages.xsd')}: the schema does not compile: ${text(lib, e)}`,
    )
  } finally {
    lib.xmlCleanupInputProvider()
  }
}

function validateOne(c: Compiled, xml: string, name: string): SchemaProblem[] {
  const { ParseOption, XmlDocument, XmlLibError } = c.lib
  let doc: XmlDocument | undefined
  try {
    doc = XmlDocument.fromString(xml, { url: name, option: ParseOption.XML_PARSE_NONET })
    c.validator.validate(doc)
    return []
  } catch (e) {
    if (!(e instanceof XmlLibError)) throw e
    const details = e.details.length > 0 ? e.details : [{ message: e.message, line: undefined }]
    return details.map((d) => ({ document: name, message: d.message.trim(), line: d.line }))
  } finally {
    doc?.dispose()
  }
}

function text(lib: Libxml2, e: unknown): string {
  return e instanceof lib.XmlLibError
    ? e.details.map((d) => d.message.trim()).join('; ') || e.message
    : (e as Error).message
}

/** An element as its own document, carrying every namespace declaration in scope (for QName values). */
export function standalone(el: Element): string {
  return standaloneXml(el)
}
