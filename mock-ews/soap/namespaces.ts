/** The one namespace map of mock-ews (reference/ews-protocol.md §1.1). Prefixes are ours; parsing never relies on them. */

export const NS = {
  soap: 'http://schemas.xmlsoap.org/soap/envelope/',
  m: 'http://schemas.microsoft.com/exchange/services/2006/messages',
  t: 'http://schemas.microsoft.com/exchange/services/2006/types',
  e: 'http://schemas.microsoft.com/exchange/services/2006/errors',
} as const

/** The namespaces XML itself reserves: `xml:` attributes, and namespace declarations (as the DOM puts them). */
export const XML_NS = 'http://www.w3.org/XML/1998/namespace'
export const XMLNS_NS = 'http://www.w3.org/2000/xmlns/'
