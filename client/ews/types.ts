/**
 * The EWS vocabulary of the client: folder and item references, the requests it makes and the
 * values it reads back, and the `EwsTransport` port the offline-IM engine talks to (STYLE.md 11).
 * Names follow EWS (Microsoft Learn) so that a reference page can be grepped into the code.
 */
import type { EwsResult } from './result.ts'

/** The distinguished folders every mailbox of the model has (DESIGN.md "Folders"). */
export const DISTINGUISHED_FOLDERS = [
  'root',
  'msgfolderroot',
  'inbox',
  'drafts',
  'sentitems',
  'deleteditems',
  'outbox',
  'junkemail',
  'searchfolders',
  'conversationhistory',
] as const
export type DistinguishedFolderName = (typeof DISTINGUISHED_FOLDERS)[number]

/** A folder: by distinguished name, or by id. */
export type FolderRef = DistinguishedFolderName | { id: string; changeKey?: string }

/** An item id with its change key, as Exchange returns it. */
export interface ItemId {
  id: string
  changeKey: string
}

/** An item named in a request; the change key is optional where EWS allows it. */
export interface ItemRef {
  id: string
  changeKey?: string
}

/** The properties (types.xsd UnindexedFieldURIType) this client reads or filters on. */
export const FIELD_URIS = [
  'item:ItemClass',
  'item:Subject',
  'item:Body',
  'item:DateTimeReceived',
  'item:IsDraft',
  'message:IsRead',
  'message:From',
  'message:InternetMessageId',
] as const
export type FieldURI = (typeof FIELD_URIS)[number]

export type BodyType = 'HTML' | 'Text'
export type MessageDisposition = 'SaveOnly' | 'SendOnly' | 'SendAndSaveCopy'
export type DeleteMode = 'HardDelete' | 'SoftDelete' | 'MoveToDeletedItems'

export interface NewMessage {
  itemClass: string
  subject: string
  body: { type: BodyType; text: string }
  /** SMTP addresses. */
  to: string[]
  /** Set only on an item the client files itself (a missed message it writes for its user). */
  from?: { name?: string; address: string }
  internetMessageId?: string
  isRead?: boolean
}

export interface CreateItemRequest {
  disposition: MessageDisposition
  /** SavedItemFolderId: where SaveOnly saves and SendAndSaveCopy files the copy (server default when absent). */
  savedFolder?: FolderRef
  message: NewMessage
}

export interface SendItemRequest {
  itemId: string
  changeKey: string
  saveItemToFolder: boolean
  savedFolder?: FolderRef
}

export interface FindItemRequest {
  folder: FolderRef
  /** MaxEntriesReturned (at least 1). */
  max: number
  offset: number
  /** An IsEqualTo restriction on one property. */
  restriction?: { field: FieldURI; equals: string }
}

/** A message as GetItem and FindItem return it. */
export interface EwsMessage {
  itemId: ItemId
  itemClass: string
  subject: string
  /** Present when asked for (GetItem with `item:Body`); FindItem never returns it. */
  body?: { type: BodyType; text: string }
  isRead: boolean
  from?: { name?: string; address: string }
  /** xs:dateTime as Exchange wrote it, e.g. `2016-06-10T09:00:00Z`. */
  dateTimeReceived?: string
  internetMessageId?: string
}

export interface FindItemPage {
  items: EwsMessage[]
  /** TotalItemsInView: every match, not only this page. */
  total: number
  /** IncludesLastItemInRange: this page holds the last match. */
  includesLast: boolean
}

export interface FolderInfo {
  id: string
  changeKey: string
  displayName: string
  totalCount: number
  unreadCount: number
}

/**
 * The port through which the engine uses EWS. Batch calls return one result per entry, in request
 * order, inside a successful value; a failure of the whole call is the outer result.
 */
export interface EwsTransport {
  createItem(request: CreateItemRequest): Promise<EwsResult<{ itemId?: ItemId }>>
  sendItem(request: SendItemRequest): Promise<EwsResult<void>>
  getItem(
    ids: readonly ItemRef[],
    options?: { additional?: readonly FieldURI[] },
  ): Promise<EwsResult<{ messages: EwsResult<EwsMessage>[] }>>
  findItem(request: FindItemRequest): Promise<EwsResult<FindItemPage>>
  deleteItem(
    ids: readonly ItemRef[],
    mode: DeleteMode,
  ): Promise<EwsResult<{ results: EwsResult<void>[] }>>
  getFolder(folders: readonly FolderRef[]): Promise<EwsResult<{ folders: EwsResult<FolderInfo>[] }>>
  findFolder(parent: FolderRef): Promise<EwsResult<{ folders: FolderInfo[] }>>
  /** CreateFolder of one folder under `parent`; the new folder's id. */
  createFolder(
    parent: FolderRef,
    folder: { displayName: string; folderClass: string },
  ): Promise<EwsResult<{ id: string; changeKey: string }>>
}
