/**
 * Test helpers for items: request builders for the item operations (written by hand, independent
 * of the server's XML code, in types.xsd element order), readers of their answers, and ItemFields
 * for store-level tests. Folder helpers live in ./ews.ts.
 */
import xpath from 'xpath'
import type { EwsApp } from '../../mock-ews/index.ts'
import { call, distinguished, findFolderXml, getFolderXml, NS } from './ews.ts'
import type { SoapAnswer } from './ews.ts'
import { createItemXml, itemId, messageXml, xmlText } from '../../mock-ews/testing/item-builders.ts'
import type { MessageSpec } from '../../mock-ews/testing/item-builders.ts'

// The item builders moved to mock-ews (exported to test authors); the tests import them from here.
export {
  CLASS,
  createItemXml,
  itemFields,
  itemId,
  messageXml,
  sendItemXml,
  xmlText,
} from '../../mock-ews/testing/item-builders.ts'
export type { MessageSpec } from '../../mock-ews/testing/item-builders.ts'

export const ALICE = 'alice@contoso.com'
export const BOB = 'bob@contoso.com'
export const CAROL = 'carol@fabrikam.com'

/** What findItemXml puts in a FindItem besides the parents; each part has a default. */
export interface FindItemOptions {
  /** The Traversal attribute; Shallow unless given. */
  traversal?: string
  shape?: string
  /** Elements after BaseShape in ItemShape, such as AdditionalProperties. */
  additional?: string
  /** An IndexedPageItemView / FractionalPageItemView element, or ''. */
  view?: string
  restriction?: string
  sort?: string
}

/** FindItem (Shallow unless told) in the given parent folder id elements. */
export function findItemXml(parents: string, options: FindItemOptions = {}): string {
  const {
    traversal = 'Shallow',
    shape = 'AllProperties',
    additional = '',
    view = '',
    restriction = '',
    sort = '',
  } = options
  return (
    `<m:FindItem Traversal="${traversal}"><m:ItemShape><t:BaseShape>${shape}</t:BaseShape>${additional}</m:ItemShape>` +
    `${view}${restriction}${sort}<m:ParentFolderIds>${parents}</m:ParentFolderIds></m:FindItem>`
  )
}

/** GetItem of the given item id elements. */
export function getItemXml(ids: string, shape = 'AllProperties', additional = ''): string {
  return (
    `<m:GetItem><m:ItemShape><t:BaseShape>${shape}</t:BaseShape>${additional}</m:ItemShape>` +
    `<m:ItemIds>${ids}</m:ItemIds></m:GetItem>`
  )
}

/** UpdateItem with the given `<t:ItemChange>` elements (AlwaysOverwrite, SaveOnly unless told). */
export function updateItemXml(
  changes: string,
  conflict = 'AlwaysOverwrite',
  disposition = 'SaveOnly',
): string {
  return (
    `<m:UpdateItem ConflictResolution="${conflict}" MessageDisposition="${disposition}">` +
    `<m:ItemChanges>${changes}</m:ItemChanges></m:UpdateItem>`
  )
}

/** One `<t:ItemChange>`: an item id element and its update elements. */
export function itemChange(id: string, updates: string): string {
  return `<t:ItemChange>${id}<t:Updates>${updates}</t:Updates></t:ItemChange>`
}

/** A SetItemField of `uri` carrying a `<t:Message>` with the given properties. */
export function setItemField(uri: string, spec: MessageSpec): string {
  return `<t:SetItemField><t:FieldURI FieldURI="${uri}"/>${messageXml(spec)}</t:SetItemField>`
}

/** MoveItem or CopyItem of item id elements to a folder id element; ReturnNewItemIds only when given. */
export function moveItemXml(
  to: string,
  ids: string,
  operation = 'MoveItem',
  returnNewItemIds?: boolean,
): string {
  const ret =
    returnNewItemIds === undefined
      ? ''
      : `<m:ReturnNewItemIds>${String(returnNewItemIds)}</m:ReturnNewItemIds>`
  return `<m:${operation}><m:ToFolderId>${to}</m:ToFolderId><m:ItemIds>${ids}</m:ItemIds>${ret}</m:${operation}>`
}

/** DeleteItem of item id elements. */
export function deleteItemXml(ids: string, deleteType = 'HardDelete'): string {
  return `<m:DeleteItem DeleteType="${deleteType}"><m:ItemIds>${ids}</m:ItemIds></m:DeleteItem>`
}

/** MarkAllItemsAsRead of folder id elements. */
export function markAllItemsAsReadXml(folders: string, readFlag = true): string {
  return (
    `<m:MarkAllItemsAsRead><m:ReadFlag>${String(readFlag)}</m:ReadFlag>` +
    `<m:SuppressReadReceipts>true</m:SuppressReadReceipts><m:FolderIds>${folders}</m:FolderIds></m:MarkAllItemsAsRead>`
  )
}

/** A message as the tests read it out of an answer ('' for what the answer did not carry). */
export interface ReadItem {
  id: string
  changeKey: string
  parentFolderId: string
  itemClass: string
  subject: string
  body: string
  bodyType: string
  isRead: string
  isDraft: string
  from: string
  to: string[]
  cc: string[]
  dateTimeSent: string
  dateTimeReceived: string
  internetMessageId: string
}

const sel = xpath.useNamespaces(NS)
const str = (node: Node, expr: string): string => String(sel(`string(${expr})`, node))
const strs = (node: Node, expr: string): string[] =>
  (sel(expr, node) as Node[]).map((n) => n.textContent ?? '')

/** Reads one `t:Message` element. */
export function readItem(node: Node): ReadItem {
  return {
    id: str(node, 't:ItemId/@Id'),
    changeKey: str(node, 't:ItemId/@ChangeKey'),
    parentFolderId: str(node, 't:ParentFolderId/@Id'),
    itemClass: str(node, 't:ItemClass'),
    subject: str(node, 't:Subject'),
    body: str(node, 't:Body'),
    bodyType: str(node, 't:Body/@BodyType'),
    isRead: str(node, 't:IsRead'),
    isDraft: str(node, 't:IsDraft'),
    from: str(node, 't:From/t:Mailbox/t:EmailAddress'),
    to: strs(node, 't:ToRecipients/t:Mailbox/t:EmailAddress'),
    cc: strs(node, 't:CcRecipients/t:Mailbox/t:EmailAddress'),
    dateTimeSent: str(node, 't:DateTimeSent'),
    dateTimeReceived: str(node, 't:DateTimeReceived'),
    internetMessageId: str(node, 't:InternetMessageId'),
  }
}

/** Every `t:Message` an answer carries at `expr` (by default: any `t:Items` list). */
export function readItems(res: SoapAnswer, expr = '//t:Items/t:Message'): ReadItem[] {
  return res.select(expr).map(readItem)
}

/** The items of a folder (a folder id element), newest first, read through FindItem. */
export async function itemsIn(
  app: EwsApp['app'],
  folder: string,
  user?: string,
): Promise<ReadItem[]> {
  const res = await call(app, findItemXml(folder), user)
  if (res.codes()[0] !== 'NoError') throw new Error(`FindItem failed: ${res.text}`)
  return readItems(res)
}

/** One item with its body, read through GetItem. */
export async function getItemOf(app: EwsApp['app'], id: string, user?: string): Promise<ReadItem> {
  const res = await call(app, getItemXml(itemId(id)), user)
  const node = res.select('//m:Items/t:Message')[0]
  if (!node) throw new Error(`GetItem failed: ${res.text}`)
  return readItem(node)
}

/** TotalCount and UnreadCount of a folder (a folder id element), read through GetFolder. */
export async function countsOf(
  app: EwsApp['app'],
  folder: string,
  user?: string,
): Promise<{ total: number; unread: number }> {
  const res = await call(app, getFolderXml(folder), user)
  if (res.codes()[0] !== 'NoError') throw new Error(`GetFolder failed: ${res.text}`)
  return {
    total: Number(res.value('//m:Folders/*/t:TotalCount')),
    unread: Number(res.value('//m:Folders/*/t:UnreadCount')),
  }
}

/** Id of the Missed Conversations search folder of `user`, read through FindFolder on searchfolders. */
export async function missedConversationsIdOf(app: EwsApp['app'], user: string): Promise<string> {
  const res = await call(app, findFolderXml(distinguished('searchfolders')), user)
  const id = res.value('//t:SearchFolder[t:DisplayName="Missed Conversations"]/t:FolderId/@Id')
  if (!id) throw new Error(`no Missed Conversations folder for ${user}: ${res.text}`)
  return id
}

/** Creates a message with SaveOnly in a folder (a folder id element; Drafts when absent); returns its id. */
export async function saveItem(
  app: EwsApp['app'],
  spec: MessageSpec,
  folder?: string,
  user?: string,
): Promise<{ id: string; changeKey: string }> {
  const res = await call(app, createItemXml('SaveOnly', messageXml(spec), folder), user)
  const id = res.value('//m:Items/t:Message/t:ItemId/@Id')
  if (!id) throw new Error(`CreateItem SaveOnly failed: ${res.text}`)
  return { id, changeKey: res.value('//m:Items/t:Message/t:ItemId/@ChangeKey') }
}

/** Sends a message in one CreateItem (SendAndSaveCopy unless told); `savedFolder` is a folder id element. */
export function sendMessage(
  app: EwsApp['app'],
  spec: MessageSpec,
  options: { disposition?: string; savedFolder?: string; user?: string } = {},
): Promise<SoapAnswer> {
  const { disposition = 'SendAndSaveCopy', savedFolder, user } = options
  return call(app, createItemXml(disposition, messageXml(spec), savedFolder), user)
}

// Builders and readers of the item-operation tests (create/send/get/find/update/move-copy/delete/
// mark-all-items-as-read): FindItem views and restrictions, the other UpdateItem verbs, store reads.

/** Id and change key of every `t:ItemId` of every response message's m:Items, in order. */
export function itemRefsOf(res: SoapAnswer): { id: string; changeKey: string }[] {
  return res.select('//m:Items/*/t:ItemId').map((n) => {
    const el = n as Element
    return { id: el.getAttribute('Id') ?? '', changeKey: el.getAttribute('ChangeKey') ?? '' }
  })
}

/** Subjects of the items of a folder (a folder id element), newest first, read through FindItem. */
export async function subjectsIn(
  app: EwsApp['app'],
  folder: string,
  user?: string,
): Promise<string[]> {
  return (await itemsIn(app, folder, user)).map((i) => i.subject)
}

/** `<m:IndexedPageItemView>`; MaxEntriesReturned is left out when `max` is undefined. */
export function indexedView(max: number | undefined, offset = 0, basePoint = 'Beginning'): string {
  const maxAttr = max === undefined ? '' : ` MaxEntriesReturned="${max}"`
  return `<m:IndexedPageItemView${maxAttr} Offset="${offset}" BasePoint="${basePoint}"/>`
}

/** `<m:FractionalPageItemView>`; MaxEntriesReturned is left out when `max` is undefined. */
export function fractionalView(
  max: number | undefined,
  numerator: number,
  denominator: number,
): string {
  const maxAttr = max === undefined ? '' : ` MaxEntriesReturned="${max}"`
  return `<m:FractionalPageItemView${maxAttr} Numerator="${numerator}" Denominator="${denominator}"/>`
}

/** `<m:Restriction>` around one search expression. */
export function restriction(expression: string): string {
  return `<m:Restriction>${expression}</m:Restriction>`
}

/** `<t:FieldURI FieldURI="…"/>`. */
export function fieldURI(uri: string): string {
  return `<t:FieldURI FieldURI="${uri}"/>`
}

/**
 * A comparison (IsEqualTo, IsLessThan, …) of a field with a constant, or (`{ path }`) with another
 * property path element inside FieldURIOrConstant.
 */
export function comparison(op: string, uri: string, value: string | { path: string }): string {
  const operand = typeof value === 'string' ? `<t:Constant Value="${xmlText(value)}"/>` : value.path
  return `<t:${op}>${fieldURI(uri)}<t:FieldURIOrConstant>${operand}</t:FieldURIOrConstant></t:${op}>`
}

/** `<t:Contains>` of a constant in a field. */
export function contains(uri: string, value: string, mode: string, comparisonMode: string): string {
  return (
    `<t:Contains ContainmentMode="${mode}" ContainmentComparison="${comparisonMode}">` +
    `${fieldURI(uri)}<t:Constant Value="${xmlText(value)}"/></t:Contains>`
  )
}

/** `<t:Exists>` of a field. */
export function exists(uri: string): string {
  return `<t:Exists>${fieldURI(uri)}</t:Exists>`
}

/** `<t:And>` of search expressions. */
export function allOf(...expressions: string[]): string {
  return `<t:And>${expressions.join('')}</t:And>`
}

/** `<t:Or>` of search expressions. */
export function anyOf(...expressions: string[]): string {
  return `<t:Or>${expressions.join('')}</t:Or>`
}

/** `<t:Not>` of one search expression. */
export function not(expression: string): string {
  return `<t:Not>${expression}</t:Not>`
}

/** `<m:SortOrder>` of one field, Ascending or Descending. */
export function sortBy(uri: string, order: 'Ascending' | 'Descending'): string {
  return `<m:SortOrder><t:FieldOrder Order="${order}">${fieldURI(uri)}</t:FieldOrder></m:SortOrder>`
}

/** An AppendToItemField of `uri` carrying a `<t:Message>` with the value to append. */
export function appendToItemField(uri: string, spec: MessageSpec): string {
  return `<t:AppendToItemField>${fieldURI(uri)}${messageXml(spec)}</t:AppendToItemField>`
}

/** A DeleteItemField of `uri`. */
export function deleteItemField(uri: string): string {
  return `<t:DeleteItemField>${fieldURI(uri)}</t:DeleteItemField>`
}

/** The items the store holds in a distinguished folder of `user`, newest first. */
export function storedItems(ews: EwsApp, user: string, name: string) {
  const folder = ews.store.getDistinguishedFolder(user, name)
  return ews.store.findItems(user, folder.folderId.id, { view: { kind: 'all' } }).items
}

/** Every item the store holds in the mailbox of `user`, in any folder but search folders. */
export function allStoredItems(ews: EwsApp, user: string) {
  const root = ews.store.getDistinguishedFolder(user, 'root')
  return ews.store
    .findFolders(user, root.folderId.id, true)
    .filter((f) => f.kind !== 'SearchFolder')
    .flatMap((f) => ews.store.findItems(user, f.folderId.id, { view: { kind: 'all' } }).items)
}
