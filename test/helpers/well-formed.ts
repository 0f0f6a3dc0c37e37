/**
 * A strict well-formedness check with libxml2 (libxml2-wasm, no schema): unlike xmldom it refuses
 * characters XML forbids, raw or as references ("PCDATA invalid Char value 27").
 */
/** libxml2's complaints about each document that is not well-formed XML, by name; {} when all are. */
export async function notWellFormed(
  documents: Readonly<Record<string, string>>,
): Promise<Record<string, string[]>> {
  const { XmlDocument, XmlParseError } = await import('libxml2-wasm') // ~150 MB under tsx: only here
  const problems: Record<string, string[]> = {}
  for (const [name, xml] of Object.entries(documents)) {
    try {
      XmlDocument.fromString(xml, { url: `${name}.xml` }).dispose()
    } catch (e) {
      if (!(e instanceof XmlParseError)) throw e
      // A namespace name that is not a URI ("urn:x\uFFFD") breaks only the Namespaces spec's advice;
      // libxml2 reports it and goes on parsing, so the other complaints are all there.
      const real = e.details
        .map((d) => d.message.trim())
        .filter((m) => !/is not a valid URI/.test(m))
      if (real.length > 0) problems[name] = real
    }
  }
  return problems
}
