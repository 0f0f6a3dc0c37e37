/**
 * Reading the payloads of successful response messages into the client's types: items
 * (`m:Items`, `t:Items`), a FindItem page (`m:RootFolder`) and folders (`m:Folders`). Each reader
 * returns the value or a sentence saying what is missing; the caller turns that into `malformed`.
 */
import type { BodyType, EwsMessage, FindItemPage, FolderInfo, ItemId } from './types.ts'
import { child, childText } from './xml.ts'
import type { XmlNode } from './xml.ts'

export type Read<T> = T | { problem: string }

export function isProblem<T>(r: Read<T>): r is { problem: string } {
  return typeof r === 'object' && r !== null && 'problem' in r
}

/** The `t:ItemId` of the first item under `m:Items`, or undefined when Items is empty (a sent message). */
export function readCreatedItemId(message: XmlNode): Read<ItemId | undefined> {
  const item = child(message, 'Items')?.children[0]
  return item ? readItemId(item) : undefined
}

export function readItemId(item: XmlNode): Read<ItemId> {
  const el = child(item, 'ItemId')
  const id = el?.attrs.Id
  const changeKey = el?.attrs.ChangeKey
  if (!id || changeKey === undefined)
    return { problem: `${item.name} without ItemId Id and ChangeKey` }
  return { id, changeKey }
}

/** The one item under a GetItem message's `m:Items`. */
export function readGetItemPayload(message: XmlNode): Read<EwsMessage> {
  const item = child(message, 'Items')?.children[0]
  return item ? readMessage(item) : { problem: 'a successful GetItem message without an item' }
}

/** An item element (`t:Message`, or another item type) with the properties the client asked for. */
export function readMessage(item: XmlNode): Read<EwsMessage> {
  const itemId = readItemId(item)
  if (isProblem(itemId)) return itemId
  const itemClass = childText(item, 'ItemClass')
  if (!itemClass) return { problem: `${item.name} ${itemId.id} without ItemClass` }
  const isRead = readBoolean(childText(item, 'IsRead'))
  if (isRead === undefined) return { problem: `${item.name} ${itemId.id} without a boolean IsRead` }
  // Exchange may leave out an empty Subject.
  const out: EwsMessage = { itemId, itemClass, subject: child(item, 'Subject')?.text ?? '', isRead }
  const body = child(item, 'Body')
  if (body) {
    const type = body.attrs.BodyType
    if (type !== 'HTML' && type !== 'Text') return { problem: `Body with BodyType "${type}"` }
    out.body = { type: type as BodyType, text: body.text }
  }
  const from = child(child(item, 'From'), 'Mailbox')
  const address = childText(from, 'EmailAddress')
  if (address) {
    const name = childText(from, 'Name')
    out.from = name ? { name, address } : { address }
  }
  const received = childText(item, 'DateTimeReceived')
  if (received !== undefined) {
    if (Number.isNaN(Date.parse(received))) return { problem: `DateTimeReceived "${received}"` }
    out.dateTimeReceived = received
  }
  const messageId = childText(item, 'InternetMessageId')
  if (messageId) out.internetMessageId = messageId
  return out
}

/** `m:RootFolder` of a FindItem message: its paging attributes and items. */
export function readFindItemPayload(message: XmlNode): Read<FindItemPage> {
  const root = child(message, 'RootFolder')
  if (!root) return { problem: 'a successful FindItem message without RootFolder' }
  const total = readCount(root.attrs.TotalItemsInView)
  const includesLast = readBoolean(root.attrs.IncludesLastItemInRange)
  if (total === undefined || includesLast === undefined) {
    return { problem: 'RootFolder without TotalItemsInView and IncludesLastItemInRange' }
  }
  const items: EwsMessage[] = []
  for (const node of child(root, 'Items')?.children ?? []) {
    const item = readMessage(node)
    if (isProblem(item)) return item
    items.push(item)
  }
  return { items, total, includesLast }
}

/** The folder under `m:Folders` (`t:Folder`, `t:SearchFolder`, …). */
export function readFolderPayload(message: XmlNode): Read<FolderInfo> {
  const folder = child(message, 'Folders')?.children[0]
  if (!folder) return { problem: 'a successful GetFolder message without a folder' }
  return readFolder(folder)
}

/** The id of the folder under a CreateFolder message's `m:Folders`. */
export function readCreatedFolderId(message: XmlNode): Read<{ id: string; changeKey: string }> {
  const el = child(child(message, 'Folders')?.children[0], 'FolderId')
  const id = el?.attrs.Id
  const changeKey = el?.attrs.ChangeKey
  if (!id || changeKey === undefined) return { problem: 'CreateFolder answered without a FolderId' }
  return { id, changeKey }
}

/** The folders of a FindFolder message's `m:RootFolder`. */
export function readFindFolderPayload(message: XmlNode): Read<FolderInfo[]> {
  const root = child(message, 'RootFolder')
  if (!root) return { problem: 'a successful FindFolder message without RootFolder' }
  const folders: FolderInfo[] = []
  for (const node of child(root, 'Folders')?.children ?? []) {
    const folder = readFolder(node)
    if (isProblem(folder)) return folder
    folders.push(folder)
  }
  return folders
}

function readFolder(folder: XmlNode): Read<FolderInfo> {
  const el = child(folder, 'FolderId')
  const id = el?.attrs.Id
  const changeKey = el?.attrs.ChangeKey
  const displayName = childText(folder, 'DisplayName')
  const totalCount = readCount(childText(folder, 'TotalCount'))
  if (!id || changeKey === undefined || displayName === undefined || totalCount === undefined) {
    return { problem: `${folder.name} without FolderId, DisplayName and TotalCount` }
  }
  // Calendar and contacts folders have no UnreadCount in the schema: nothing unread.
  const unread = childText(folder, 'UnreadCount')
  const unreadCount = unread === undefined ? 0 : readCount(unread)
  if (unreadCount === undefined) return { problem: `UnreadCount "${unread}"` }
  return { id, changeKey, displayName, totalCount, unreadCount }
}

/** xs:boolean: true, false, 1, 0. */
function readBoolean(s: string | undefined): boolean | undefined {
  const v = s?.trim()
  return v === 'true' || v === '1' ? true : v === 'false' || v === '0' ? false : undefined
}

function readCount(s: string | undefined): number | undefined {
  return s !== undefined && /^\s*\d+\s*$/.test(s) ? Number(s) : undefined
}
