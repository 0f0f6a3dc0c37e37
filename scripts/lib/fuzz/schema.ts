/** The EWS namespaces and the response codes of the schema the answers are checked against. */
import { fileURLToPath } from 'node:url'
import { loadSchemaFolder } from '../ews-schema.ts'

export const NS = {
  s: 'http://schemas.xmlsoap.org/soap/envelope/',
  s12: 'http://www.w3.org/2003/05/soap-envelope',
  m: 'http://schemas.microsoft.com/exchange/services/2006/messages',
  t: 'http://schemas.microsoft.com/exchange/services/2006/types',
  e: 'http://schemas.microsoft.com/exchange/services/2006/errors',
  xsi: 'http://www.w3.org/2001/XMLSchema-instance',
}

/** The EWS schema folder next to this repository (../shared/ews-schema). */
export const DEFAULT_SCHEMA_DIR = fileURLToPath(
  new URL('../../../../shared/ews-schema', import.meta.url),
)

/** The values of messages.xsd ResponseCodeType, read from the schema (nothing hard-coded). */
export function responseCodesOf(schemaDir = DEFAULT_SCHEMA_DIR): ReadonlySet<string> {
  return loadSchemaFolder(schemaDir).responseCodes
}
