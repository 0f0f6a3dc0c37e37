/**
 * The operation elements the client sends, written as strings in schema order (messages.xsd,
 * types.xsd; reference/ews-protocol.md §2.1-2.4, 2.6, 2.9). Every value goes through escapeXml or
 * escapeAttr; prefixes `m:` and `t:` are declared by the envelope (soap.ts).
 */
import type {
  CreateItemRequest,
  DeleteMode,
  FieldURI,
  FindItemRequest,
  FolderRef,
  ItemRef,
  NewMessage,
  SendItemRequest,
} from './types.ts'
import { escapeAttr, escapeXml } from './xml.ts'

/** What GetItem and FindItem always ask for: enough to fill an EwsMessage. */
export const SUMMARY_FIELDS: readonly FieldURI[] = [
  'item:ItemClass',
  'item:Subject',
  'item:DateTimeReceived',
  'message:From',
  'message:InternetMessageId',
  'message:IsRead',
]

/** What GetFolder asks for. */
const FOLDER_FIELDS = ['folder:DisplayName', 'folder:TotalCount', 'folder:UnreadCount']

export function createItemXml(req: CreateItemRequest): string {
  return (
    `<m:CreateItem MessageDisposition="${escapeAttr(req.disposition)}">` +
    (req.savedFolder === undefined ? '' : savedItemFolderId(req.savedFolder)) +
    `<m:Items>${messageXml(req.message)}</m:Items>` +
    '</m:CreateItem>'
  )
}

function messageXml(m: NewMessage): string {
  const recipients = m.to
    .map((a) => `<t:Mailbox><t:EmailAddress>${escapeXml(a)}</t:EmailAddress></t:Mailbox>`)
    .join('')
  return (
    '<t:Message>' +
    `<t:ItemClass>${escapeXml(m.itemClass)}</t:ItemClass>` +
    `<t:Subject>${escapeXml(m.subject)}</t:Subject>` +
    `<t:Body BodyType="${escapeAttr(m.body.type)}">${escapeXml(m.body.text)}</t:Body>` +
    (recipients === '' ? '' : `<t:ToRecipients>${recipients}</t:ToRecipients>`) +
    (m.from === undefined ? '' : `<t:From>${mailboxXml(m.from)}</t:From>`) +
    (m.internetMessageId === undefined
      ? ''
      : `<t:InternetMessageId>${escapeXml(m.internetMessageId)}</t:InternetMessageId>`) +
    (m.isRead === undefined ? '' : `<t:IsRead>${m.isRead}</t:IsRead>`) +
    '</t:Message>'
  )
}

function mailboxXml(a: { name?: string; address: string }): string {
  const name = a.name === undefined ? '' : `<t:Name>${escapeXml(a.name)}</t:Name>`
  return `<t:Mailbox>${name}<t:EmailAddress>${escapeXml(a.address)}</t:EmailAddress></t:Mailbox>`
}

export function sendItemXml(req: SendItemRequest): string {
  return (
    `<m:SendItem SaveItemToFolder="${req.saveItemToFolder}">` +
    `<m:ItemIds>${itemIdXml({ id: req.itemId, changeKey: req.changeKey })}</m:ItemIds>` +
    (req.savedFolder === undefined ? '' : savedItemFolderId(req.savedFolder)) +
    '</m:SendItem>'
  )
}

export function getItemXml(ids: readonly ItemRef[], additional: readonly FieldURI[]): string {
  const fields = [...new Set([...SUMMARY_FIELDS, ...additional])]
  return (
    `<m:GetItem>${itemShape(fields)}` +
    `<m:ItemIds>${ids.map(itemIdXml).join('')}</m:ItemIds>` +
    '</m:GetItem>'
  )
}

export function findItemXml(req: FindItemRequest): string {
  const restriction = req.restriction
    ? '<m:Restriction><t:IsEqualTo>' +
      `<t:FieldURI FieldURI="${escapeAttr(req.restriction.field)}"/>` +
      `<t:FieldURIOrConstant><t:Constant Value="${escapeAttr(req.restriction.equals)}"/></t:FieldURIOrConstant>` +
      '</t:IsEqualTo></m:Restriction>'
    : ''
  return (
    '<m:FindItem Traversal="Shallow">' +
    itemShape(SUMMARY_FIELDS) +
    `<m:IndexedPageItemView MaxEntriesReturned="${req.max}" Offset="${req.offset}" BasePoint="Beginning"/>` +
    restriction +
    `<m:ParentFolderIds>${folderIdXml(req.folder)}</m:ParentFolderIds>` +
    '</m:FindItem>'
  )
}

export function deleteItemXml(ids: readonly ItemRef[], mode: DeleteMode): string {
  return (
    `<m:DeleteItem DeleteType="${escapeAttr(mode)}">` +
    `<m:ItemIds>${ids.map(itemIdXml).join('')}</m:ItemIds>` +
    '</m:DeleteItem>'
  )
}

export function getFolderXml(folders: readonly FolderRef[]): string {
  return (
    '<m:GetFolder><m:FolderShape><t:BaseShape>IdOnly</t:BaseShape>' +
    `<t:AdditionalProperties>${FOLDER_FIELDS.map(fieldUri).join('')}</t:AdditionalProperties>` +
    '</m:FolderShape>' +
    `<m:FolderIds>${folders.map(folderIdXml).join('')}</m:FolderIds>` +
    '</m:GetFolder>'
  )
}

/** FindFolder, one level under `parent`, with the same properties as GetFolder. */
export function findFolderXml(parent: FolderRef): string {
  return (
    '<m:FindFolder Traversal="Shallow"><m:FolderShape><t:BaseShape>IdOnly</t:BaseShape>' +
    `<t:AdditionalProperties>${FOLDER_FIELDS.map(fieldUri).join('')}</t:AdditionalProperties>` +
    '</m:FolderShape>' +
    `<m:ParentFolderIds>${folderIdXml(parent)}</m:ParentFolderIds>` +
    '</m:FindFolder>'
  )
}

/** CreateFolder of one folder (FolderClass before DisplayName, types.xsd BaseFolderType). */
export function createFolderXml(
  parent: FolderRef,
  folder: { displayName: string; folderClass: string },
): string {
  return (
    `<m:CreateFolder><m:ParentFolderId>${folderIdXml(parent)}</m:ParentFolderId>` +
    '<m:Folders><t:Folder>' +
    `<t:FolderClass>${escapeXml(folder.folderClass)}</t:FolderClass>` +
    `<t:DisplayName>${escapeXml(folder.displayName)}</t:DisplayName>` +
    '</t:Folder></m:Folders></m:CreateFolder>'
  )
}

function itemShape(fields: readonly string[]): string {
  return (
    '<m:ItemShape><t:BaseShape>IdOnly</t:BaseShape>' +
    `<t:AdditionalProperties>${fields.map(fieldUri).join('')}</t:AdditionalProperties>` +
    '</m:ItemShape>'
  )
}

function fieldUri(uri: string): string {
  return `<t:FieldURI FieldURI="${escapeAttr(uri)}"/>`
}

function itemIdXml(ref: ItemRef): string {
  const changeKey = ref.changeKey === undefined ? '' : ` ChangeKey="${escapeAttr(ref.changeKey)}"`
  return `<t:ItemId Id="${escapeAttr(ref.id)}"${changeKey}/>`
}

function folderIdXml(ref: FolderRef): string {
  if (typeof ref === 'string') return `<t:DistinguishedFolderId Id="${escapeAttr(ref)}"/>`
  const changeKey = ref.changeKey === undefined ? '' : ` ChangeKey="${escapeAttr(ref.changeKey)}"`
  return `<t:FolderId Id="${escapeAttr(ref.id)}"${changeKey}/>`
}

function savedItemFolderId(folder: FolderRef): string {
  return `<m:SavedItemFolderId>${folderIdXml(folder)}</m:SavedItemFolderId>`
}
