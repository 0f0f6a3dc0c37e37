/**
 * EWS response codes used by mock-ews, and the one error type that carries them.
 * The names are verbatim from messages.xsd `ResponseCodeType`; the texts follow what Exchange says
 * (Microsoft Learn, "ResponseCode", and captured responses in reference/ews-protocol.md §1.6-§4).
 */

/** The ResponseCode values mock-ews can produce. Closed, so every code is one Exchange knows. */
export type EwsResponseCode =
  | 'NoError'
  | 'ErrorAccessDenied'
  | 'ErrorCannotUseItemIdForFolderId'
  | 'ErrorDeleteDistinguishedFolder'
  | 'ErrorFolderExists'
  | 'ErrorFolderNotFound'
  | 'ErrorImpersonateUserDenied'
  | 'ErrorInternalServerError'
  | 'ErrorInvalidFolderTypeForOperation'
  | 'ErrorInvalidIdEmpty'
  | 'ErrorInvalidIdMalformed'
  | 'ErrorInvalidIndexedPagingParameters'
  | 'ErrorInvalidOperation'
  | 'ErrorInvalidParentFolder'
  | 'ErrorInvalidPropertySet'
  | 'ErrorInvalidRequest'
  | 'ErrorInvalidServerVersion'
  | 'ErrorInvalidSyncStateData'
  | 'ErrorMoveDistinguishedFolder'
  | 'ErrorNonExistentMailbox'
  | 'ErrorSchemaValidation'
  | 'ErrorServerBusy'
  | 'ErrorUnsupportedQueryFilter'

const DEFAULT_TEXT: Partial<Record<EwsResponseCode, string>> = {
  ErrorAccessDenied: 'Access is denied. Check credentials and try again.',
  ErrorCannotUseItemIdForFolderId: 'Item Id cannot be used as a Folder Id.',
  ErrorDeleteDistinguishedFolder: 'Distinguished folders cannot be deleted.',
  ErrorFolderExists: 'A folder with the specified name already exists.',
  ErrorFolderNotFound: 'The specified folder could not be found in the store.',
  ErrorInternalServerError: 'An internal server error occurred. The operation failed.',
  ErrorInvalidIdEmpty: 'Id is empty.',
  ErrorInvalidIdMalformed: 'Id is malformed.',
  ErrorInvalidRequest: 'The request is invalid.',
  ErrorInvalidServerVersion: 'The specified server version is invalid.',
  ErrorInvalidSyncStateData: 'Synchronization state data is corrupt or otherwise invalid.',
  ErrorNonExistentMailbox: 'The SMTP address has no mailbox associated with it.',
  ErrorSchemaValidation: 'The request failed schema validation.',
  ErrorServerBusy: 'The server cannot service this request right now. Try again later.',
}

/** Extra detail carried in MessageXml (e.g. schema violation position, back-off hint). */
export interface EwsErrorDetail {
  lineNumber?: number
  linePosition?: number
  violation?: string
  /** `<t:Value Name="...">` entries, e.g. BackOffMilliseconds. */
  values?: Record<string, string>
}

/**
 * An EWS error. Thrown by the store and by request parsers; converted to XML in exactly one place
 * (a per-item ResponseMessage or, for request-level errors, a SOAP fault).
 */
export class EwsError extends Error {
  readonly code: EwsResponseCode
  readonly detail: EwsErrorDetail | undefined

  constructor(code: EwsResponseCode, messageText?: string, detail?: EwsErrorDetail) {
    super(messageText ?? DEFAULT_TEXT[code] ?? code)
    this.name = 'EwsError'
    this.code = code
    this.detail = detail
  }
}

export function isEwsError(e: unknown): e is EwsError {
  return e instanceof EwsError
}
