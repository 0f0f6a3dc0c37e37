/** The one namespace map of mock-ews (reference/ews-protocol.md §1.1). Prefixes are ours; parsing never relies on them. */
import xpath from 'xpath'

export const NS = {
  soap: 'http://schemas.xmlsoap.org/soap/envelope/',
  m: 'http://schemas.microsoft.com/exchange/services/2006/messages',
  t: 'http://schemas.microsoft.com/exchange/services/2006/types',
  e: 'http://schemas.microsoft.com/exchange/services/2006/errors',
} as const

/** Namespace-aware XPath selector over request documents, e.g. `select('//t:FolderId', doc)`. */
export const select = xpath.useNamespaces({ s: NS.soap, m: NS.m, t: NS.t, e: NS.e })
