/**
 * A strict well-formedness check with libxml2 (xmllint-wasm, no schema): unlike xmldom it refuses
 * characters XML forbids, raw or as references ("PCDATA invalid Char value 27"). One call per batch:
 * each call starts the WebAssembly module (~0.5 s).
 */
import { validateXML } from 'xmllint-wasm'

/** libxml2's complaints about each document that is not well-formed XML, by name; {} when all are. */
export async function notWellFormed(
  documents: Readonly<Record<string, string>>,
): Promise<Record<string, string[]>> {
  const names = Object.keys(documents)
  const result = await validateXML({
    xml: names.map((name) => ({ fileName: `${name}.xml`, contents: documents[name]! })),
    normalization: 'format',
  })
  const problems: Record<string, string[]> = {}
  for (const e of result.errors) {
    const name = e.loc?.fileName?.replace(/\.xml$/, '')
    // A namespace name that is not a URI ("urn:x\uFFFD") is only a warning of the Namespaces spec.
    if (name === undefined || !(name in documents) || /is not a valid URI/.test(e.message)) continue
    ;(problems[name] ??= []).push(e.message)
  }
  return problems
}
