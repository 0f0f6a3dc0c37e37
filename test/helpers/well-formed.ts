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
    normalization: 'c14n',
  })
  const problems: Record<string, string[]> = {}
  for (const e of result.errors) {
    const name = e.loc?.fileName?.replace(/\.xml$/, '')
    if (name !== undefined) (problems[name] ??= []).push(e.message)
  }
  return problems
}
