/**
 * EWS response codes used by mock-ews, and the one error type that carries them.
 * The names are verbatim from messages.xsd `ResponseCodeType`; the texts follow what Exchange says
 * (Microsoft Learn, "ResponseCode", and captured responses in reference/ews-protocol.md §1.6-§4).
 */

/** The ResponseCode values mock-ews can produce. Closed, so every code is one Exchange knows. */
export type EwsResponseCode =
  | 'NoError'
  | 'ErrorAccessDenied'
  | 'ErrorCannotEmptyFolder'
  | 'ErrorCannotUseFolderIdForItemId'
  | 'ErrorCannotUseItemIdForFolderId'
  | 'ErrorChangeKeyRequiredForWriteOperations'
  | 'ErrorCreateItemAccessDenied'
  | 'ErrorCreateSubfolderAccessDenied'
  | 'ErrorDelegateAlreadyExists'
  | 'ErrorDelegateCannotAddOwner'
  | 'ErrorDelegateNoUser'
  | 'ErrorDuplicateUserIdsSpecified'
  | 'ErrorInvalidDelegatePermission'
  | 'ErrorInvalidPermissionSettings'
  | 'ErrorInvalidUserInfo'
  | 'ErrorInvalidUserSid'
  | 'ErrorNotDelegate'
  | 'ErrorCannotSetCalendarPermissionOnNonCalendarFolder'
  | 'ErrorCannotSetPermissionUnknownEntries'
  | 'ErrorCannotSetNonCalendarPermissionOnCalendarFolder'
  | 'ErrorDeleteDistinguishedFolder'
  | 'ErrorExceededConnectionCount'
  | 'ErrorExceededSubscriptionCount'
  | 'ErrorExpiredSubscription'
  | 'ErrorFolderExists'
  | 'ErrorFolderNotFound'
  | 'ErrorImpersonateUserDenied'
  | 'ErrorInvalidExchangeImpersonationHeaderData'
  | 'ErrorIncorrectUpdatePropertyCount'
  | 'ErrorInternalServerError'
  | 'ErrorAttachmentSizeLimitExceeded'
  | 'ErrorInvalidAttachmentId'
  | 'ErrorInvalidChangeKey'
  | 'ErrorInvalidExtendedProperty'
  | 'ErrorInvalidExtendedPropertyValue'
  | 'ErrorInvalidFolderTypeForOperation'
  | 'ErrorInvalidIdEmpty'
  | 'ErrorInvalidIdMalformed'
  | 'ErrorInvalidIndexedPagingParameters'
  | 'ErrorInvalidItemForOperationExpandDL'
  | 'ErrorInvalidItemForOperationSendItem'
  | 'ErrorInvalidOperation'
  | 'ErrorInvalidParentFolder'
  | 'ErrorInvalidPropertyAppend'
  | 'ErrorInvalidPropertyDelete'
  | 'ErrorInvalidPercentCompleteValue'
  | 'ErrorInvalidPropertyRequest'
  | 'ErrorInvalidPropertySet'
  | 'ErrorInvalidPropertyUpdateSentMessage'
  | 'ErrorInvalidRecipients'
  | 'ErrorInvalidRequest'
  | 'ErrorInvalidScheduledOofDuration'
  | 'ErrorInvalidUserOofSettings'
  | 'ErrorInvalidRestriction'
  | 'ErrorInvalidSendItemSaveSettings'
  | 'ErrorInvalidServerVersion'
  | 'ErrorInboxRulesValidationError'
  | 'ErrorInvalidPullSubscriptionId'
  | 'ErrorInvalidPushSubscriptionUrl'
  | 'ErrorInvalidSubscription'
  | 'ErrorInvalidSubscriptionRequest'
  | 'ErrorInvalidSyncStateData'
  | 'ErrorInvalidValueForProperty'
  | 'ErrorInvalidWatermark'
  | 'ErrorIrresolvableConflict'
  | 'ErrorItemNotFound'
  | 'ErrorMailboxStoreUnavailable'
  | 'ErrorMessageDispositionRequired'
  | 'ErrorMissingInformationReferenceItemId'
  | 'ErrorMessageSizeExceeded'
  | 'ErrorMessageSubmissionBlocked'
  | 'ErrorMimeContentConversionFailed'
  | 'ErrorMimeContentInvalid'
  | 'ErrorMimeContentInvalidBase64String'
  | 'ErrorMoveCopyFailed'
  | 'ErrorMoveDistinguishedFolder'
  | 'ErrorNameResolutionMultipleResults'
  | 'ErrorNameResolutionNoResults'
  | 'ErrorNonExistentMailbox'
  | 'ErrorQuotaExceeded'
  | 'ErrorRestrictionTooLong'
  | 'ErrorSchemaValidation'
  | 'ErrorSendAsDenied'
  | 'ErrorServerBusy'
  | 'ErrorStaleObject'
  | 'ErrorSubscriptionAccessDenied'
  | 'ErrorSubscriptionDelegateAccessNotSupported'
  | 'ErrorSubscriptionNotFound'
  | 'ErrorTimeoutExpired'
  | 'ErrorUnsupportedPathForQuery'
  | 'ErrorUnsupportedQueryFilter'
  // Calendar (issue 17)
  | 'ErrorCalendarCannotMoveOrCopyOccurrence'
  | 'ErrorCalendarDurationIsTooLong'
  | 'ErrorCalendarEndDateIsEarlierThanStartDate'
  | 'ErrorCalendarFolderIsInvalidForCalendarView'
  | 'ErrorCalendarInvalidRecurrence'
  | 'ErrorCalendarIsOrganizerForAccept'
  | 'ErrorCalendarIsOrganizerForDecline'
  | 'ErrorCalendarIsOrganizerForTentative'
  | 'ErrorCalendarIsNotOrganizer'
  | 'ErrorCalendarOccurrenceIndexIsOutOfRecurrenceRange'
  | 'ErrorCalendarOccurrenceIsDeletedFromRecurrence'
  | 'ErrorCalendarOutOfRange'
  | 'ErrorCalendarViewRangeTooBig'
  | 'ErrorRecurrenceHasNoOccurrence'
  | 'ErrorCannotCreateCalendarItemInNonCalendarFolder'
  | 'ErrorSendMeetingCancellationsRequired'
  | 'ErrorSendMeetingInvitationsOrCancellationsRequired'
  | 'ErrorSendMeetingInvitationsRequired'
  | 'ErrorTimeZone'
  // Availability (issue 17)
  | 'ErrorFreeBusyDLLimitReached'
  | 'ErrorInvalidFreeBusyViewType'
  | 'ErrorInvalidMergedFreeBusyInterval'
  | 'ErrorInvalidTimeInterval'
  | 'ErrorMailboxDataArrayTooBig'
  | 'ErrorMailRecipientNotFound'
  | 'ErrorMeetingSuggestionGenerationFailed'
  | 'ErrorNoFreeBusyAccess'
  | 'ErrorTimeIntervalTooBig'

const DEFAULT_TEXT: Partial<Record<EwsResponseCode, string>> = {
  ErrorInvalidAttachmentId: 'The attachment id is invalid.',
  ErrorAttachmentSizeLimitExceeded: 'The attachment is too large.',
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
  ErrorItemNotFound: 'The specified object was not found in the store.',
  ErrorCannotUseFolderIdForItemId: 'Folder Id cannot be used as an Item Id.',
  ErrorIrresolvableConflict:
    'The send or update operation could not be performed because the change key passed in the request does not match the current change key for the item.',
  ErrorStaleObject:
    'The change key passed in the request does not match the current change key for the item.',
  ErrorChangeKeyRequiredForWriteOperations: 'A change key is required for this write operation.',
  ErrorInvalidChangeKey: 'The change key is invalid.',
  ErrorInvalidRecipients: 'At least one recipient is not valid.',
  ErrorMailboxStoreUnavailable: 'The mailbox database is temporarily unavailable.',
  ErrorSubscriptionNotFound: 'The specified subscription was not found.',
  ErrorExpiredSubscription: 'The subscription has expired.',
  ErrorInvalidWatermark: 'The watermark used for creating this subscription was not recognized.',
  ErrorSubscriptionAccessDenied: 'The subscription can only be used by its creator.',
  ErrorInvalidPullSubscriptionId: 'Subscription ID is not a valid pull subscription ID.',
  ErrorInvalidSubscription: 'The subscription is not valid for this operation.',
  ErrorInvalidPushSubscriptionUrl: 'The push subscription URL is invalid.',
  ErrorMoveCopyFailed: 'An error occurred during the move or copy operation.',
  ErrorNameResolutionMultipleResults: 'Multiple results were found.',
  ErrorNameResolutionNoResults: 'No results were found.',
  ErrorInvalidItemForOperationExpandDL: 'Only a distribution list item can be expanded.',
  ErrorDelegateAlreadyExists: 'The delegate already exists.',
  ErrorDelegateCannotAddOwner: 'The owner of the mailbox cannot be added as a delegate.',
  ErrorDelegateNoUser: 'The delegate user is not valid.',
  ErrorNotDelegate: 'The user is not a delegate of this mailbox.',
  ErrorDuplicateUserIdsSpecified: 'There are duplicate user IDs in the permission set.',
  ErrorInvalidUserInfo: 'The user information is not valid.',
  ErrorInvalidPermissionSettings: 'The permission settings are not valid.',
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
