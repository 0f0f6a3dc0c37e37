/**
 * The client's EWS transport: its own SOAP and POX Autodiscover code over HTTP, written
 * independently of mock-ews (DESIGN.md "The three parts", STYLE.md 11).
 * @example
 * import { EwsClient, candidateAutodiscoverUrls, discoverEwsUrl } from './client/ews/index.ts'
 * const credentials = { kind: 'basic', user: 'alice@contoso.com', password: 'P@ssw0rd' } as const
 * const found = await discoverEwsUrl('alice@contoso.com', {
 *   urls: candidateAutodiscoverUrls('contoso.com', { base: 'http://127.0.0.1:8080' }),
 *   credentials,
 * })
 * if (found.ok) {
 *   const ews = new EwsClient({ ewsUrl: found.value.ewsUrl, credentials })
 *   const page = await ews.findItem({ folder: 'inbox', max: 50, offset: 0 })
 * }
 */
export { EwsClient } from './ews-client.ts'
export type { EwsClientOptions } from './ews-client.ts'
export { candidateAutodiscoverUrls, discoverEwsUrl } from './autodiscover.ts'
export type { DiscoverOptions, Discovery } from './autodiscover.ts'
export type { Credentials, Fetch } from './http.ts'
export { nodeFetch } from './node-fetch.ts'
export {
  DEFAULT_REQUEST_SERVER_VERSION,
  hasConversationHistoryFolder,
  requestServerVersionFor,
} from './server-version.ts'
export { describeFailure, isUncertain } from './result.ts'
export type { EwsFailure, EwsResult } from './result.ts'
export { DISTINGUISHED_FOLDERS, FIELD_URIS } from './types.ts'
export type {
  BodyType,
  CreateItemRequest,
  DeleteMode,
  DistinguishedFolderName,
  EwsMessage,
  EwsTransport,
  FieldURI,
  FindItemPage,
  FindItemRequest,
  FolderInfo,
  FolderRef,
  ItemId,
  ItemRef,
  MessageDisposition,
  NewMessage,
  SendItemRequest,
} from './types.ts'
