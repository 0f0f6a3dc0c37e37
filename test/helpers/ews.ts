/**
 * Test helpers for talking SOAP to mock-ews: an app with deterministic parts, request envelopes
 * written by hand (independent of the server's XML code), and namespace-aware reading of answers.
 */
import { DOMParser } from '@xmldom/xmldom'
import type { Document } from '@xmldom/xmldom'
import request from 'supertest'
import xpath from 'xpath'
import { createEwsApp, FakeClock, seededIds } from '../../mock-ews/index.ts'
import type { EwsApp, EwsAppOptions } from '../../mock-ews/index.ts'
import { captureExchange } from './capture.ts'
import { envelope } from '../../mock-ews/testing/item-builders.ts'

// The envelope builder moved to mock-ews (exported to test authors); the tests import it from here.
export { envelope } from '../../mock-ews/testing/item-builders.ts'

export const NS = {
  s: 'http://schemas.xmlsoap.org/soap/envelope/',
  m: 'http://schemas.microsoft.com/exchange/services/2006/messages',
  t: 'http://schemas.microsoft.com/exchange/services/2006/types',
  e: 'http://schemas.microsoft.com/exchange/services/2006/errors',
}

export const PASSWORD = 'P@ssw0rd'

/** An app on the demo topology with a fake clock and seeded ids; responses are captured for conformance. */
export function testApp(options: EwsAppOptions = {}): EwsApp {
  return createEwsApp({
    clock: new FakeClock('2016-06-10T09:00:00Z'),
    ids: seededIds(7),
    observe: captureExchange,
    ...options,
  })
}

export interface SoapAnswer {
  status: number
  headers: Record<string, string>
  text: string
  doc: Document
  /** XPath over the answer with prefixes s, m, t, e. */
  select(expr: string): Node[]
  /** String value of an XPath expression. */
  value(expr: string): string
  /** ResponseCode of every response message, in order. */
  codes(): string[]
  /** The fault's ResponseCode (detail/e:ResponseCode). */
  faultCode(): string
}

/** POSTs a body (a full envelope, or anything else) as `user` with Basic auth. */
export async function post(
  app: EwsApp['app'],
  body: string | Buffer,
  user = 'alice@contoso.com',
): Promise<SoapAnswer> {
  const res = await request(app)
    .post('/EWS/Exchange.asmx')
    .auth(user, PASSWORD)
    .set('Content-Type', 'text/xml; charset=utf-8')
    .send(body)
  return answer(res.status, res.headers as Record<string, string>, res.text)
}

/** Sends one operation element in a standard envelope. */
export function call(app: EwsApp['app'], operation: string, user?: string): Promise<SoapAnswer> {
  return post(app, envelope(operation), user)
}

const select = xpath.useNamespaces(NS)

export function answer(status: number, headers: Record<string, string>, text: string): SoapAnswer {
  // A body that is not XML at all (the text of a 401, say) reads as an empty document.
  const doc = new DOMParser().parseFromString(
    text.startsWith('<') ? text : '<not-xml/>',
    'text/xml',
  )
  const sel = (expr: string): Node[] => select(expr, doc as unknown as Node) as Node[]
  return {
    status,
    headers,
    text,
    doc,
    select: sel,
    value: (expr) => String(select(`string(${expr})`, doc as unknown as Node)),
    // A bare answer (GetInboxRules) carries its one ResponseCode on the response element itself;
    // the operations with one m:ResponseMessage (GetUserOofSettings…) are included too, and
    // GetUserAvailability's one per FreeBusyResponse.
    codes: () =>
      sel(
        '//m:ResponseMessages/*/m:ResponseCode | /s:Envelope/s:Body/*/m:ResponseCode | //s:Body/*/m:ResponseMessage/m:ResponseCode | //m:FreeBusyResponse/m:ResponseMessage/m:ResponseCode',
      ).map((n) => n.textContent ?? ''),
    faultCode: () =>
      String(select('string(//s:Fault/detail/e:ResponseCode)', doc as unknown as Node)),
  }
}

/** `<t:DistinguishedFolderId Id="…"/>` elements for a list of names. */
export function distinguished(...names: string[]): string {
  return names.map((n) => `<t:DistinguishedFolderId Id="${n}"/>`).join('')
}

/** GetFolder for the given folder id elements. */
export function getFolderXml(ids: string, shape = 'Default', extra = ''): string {
  return (
    `<m:GetFolder><m:FolderShape><t:BaseShape>${shape}</t:BaseShape>${extra}</m:FolderShape>` +
    `<m:FolderIds>${ids}</m:FolderIds></m:GetFolder>`
  )
}

/** Id of a distinguished folder of `user`, read through GetFolder. */
export async function folderIdOf(app: EwsApp['app'], name: string, user?: string): Promise<string> {
  const res = await call(app, getFolderXml(distinguished(name), 'IdOnly'), user)
  const id = res.value('//t:FolderId/@Id')
  if (!id) throw new Error(`no folder id for ${name}: ${res.text}`)
  return id
}

/** `<t:FolderId Id="…"/>`, with a ChangeKey attribute when one is given. */
export function folderId(id: string, changeKey?: string): string {
  return `<t:FolderId Id="${id}"${changeKey === undefined ? '' : ` ChangeKey="${changeKey}"`}/>`
}

/** `<t:AdditionalProperties>` with a FieldURI for each of the given URIs. */
export function additionalProperties(...uris: string[]): string {
  return `<t:AdditionalProperties>${uris.map((u) => `<t:FieldURI FieldURI="${u}"/>`).join('')}</t:AdditionalProperties>`
}

/** What findFolderXml puts in a FindFolder besides the parents; each part has a default. */
export interface FindFolderOptions {
  /** The Traversal attribute; '' leaves it out. Shallow unless given. */
  traversal?: string
  shape?: string
  /** An IndexedPageFolderView / FractionalPageFolderView element, or ''. */
  view?: string
  restriction?: string
  /** Elements after BaseShape in FolderShape, such as AdditionalProperties. */
  additional?: string
}

/** FindFolder below the given parent folder id elements (Shallow, Default shape unless told). */
export function findFolderXml(parents: string, options: FindFolderOptions = {}): string {
  const {
    traversal = 'Shallow',
    shape = 'Default',
    view = '',
    restriction = '',
    additional = '',
  } = options
  const traversalAttr = traversal ? ` Traversal="${traversal}"` : ''
  return (
    `<m:FindFolder${traversalAttr}><m:FolderShape><t:BaseShape>${shape}</t:BaseShape>${additional}</m:FolderShape>` +
    `${view}${restriction}<m:ParentFolderIds>${parents}</m:ParentFolderIds></m:FindFolder>`
  )
}

/** CreateFolder of the given folder elements below one parent folder id element. */
export function createFolderXml(parent: string, folders: string): string {
  return `<m:CreateFolder><m:ParentFolderId>${parent}</m:ParentFolderId><m:Folders>${folders}</m:Folders></m:CreateFolder>`
}

/** A folder element to create: `kind` is its element name (Folder, CalendarFolder, …). */
export function folder(name: string, kind = 'Folder', folderClass?: string): string {
  return (
    `<t:${kind}>${folderClass === undefined ? '' : `<t:FolderClass>${folderClass}</t:FolderClass>`}` +
    `<t:DisplayName>${name}</t:DisplayName></t:${kind}>`
  )
}

/** DeleteFolder of the given folder id elements. */
export function deleteFolderXml(ids: string, deleteType = 'HardDelete'): string {
  return `<m:DeleteFolder DeleteType="${deleteType}"><m:FolderIds>${ids}</m:FolderIds></m:DeleteFolder>`
}

/** UpdateFolder with the given `<t:FolderChange>` elements. */
export function updateFolderXml(changes: string): string {
  return `<m:UpdateFolder><m:FolderChanges>${changes}</m:FolderChanges></m:UpdateFolder>`
}

/** One `<t:FolderChange>`: a folder id element and its update elements. */
export function folderChange(id: string, updates: string): string {
  return `<t:FolderChange>${id}<t:Updates>${updates}</t:Updates></t:FolderChange>`
}

/** A SetFolderField of folder:DisplayName, carried in a `kind` element (Folder, CalendarFolder, …). */
export function setDisplayName(name: string, kind = 'Folder'): string {
  return `<t:SetFolderField><t:FieldURI FieldURI="folder:DisplayName"/><t:${kind}><t:DisplayName>${name}</t:DisplayName></t:${kind}></t:SetFolderField>`
}

/** UpdateFolder renaming the folder that one folder id element names. */
export function renameFolderXml(id: string, name: string): string {
  return updateFolderXml(folderChange(id, setDisplayName(name)))
}

/** exchangelib's version/auth probe (ConvertId on DUMMY), verbatim. */
export const EXCHANGELIB_PROBE =
  '<m:ConvertId DestinationFormat="EntryId"><m:SourceIds><t:AlternateId Id="DUMMY" Format="EwsId" Mailbox="DUMMY"/></m:SourceIds></m:ConvertId>'

/** A SOAP request as exchangelib writes it (XML declaration, s: prefix, Exchange2016, TimeZoneContext). */
export function exchangelibEnvelope(body: string): string {
  return (
    `<?xml version='1.0' encoding='utf-8'?>\n<s:Envelope xmlns:s="${NS.s}" xmlns:m="${NS.m}" xmlns:t="${NS.t}">` +
    '<s:Header><t:RequestServerVersion Version="Exchange2016"/><t:TimeZoneContext><t:TimeZoneDefinition Id="UTC"/></t:TimeZoneContext></s:Header>' +
    `<s:Body>${body}</s:Body></s:Envelope>`
  )
}

/** Creates a folder and returns its id. */
export async function createFolderIn(
  app: EwsApp['app'],
  parent: string,
  name: string,
  user?: string,
): Promise<string> {
  const res = await call(app, createFolderXml(parent, folder(name)), user)
  const id = res.value('//t:FolderId/@Id')
  if (!id) throw new Error(`CreateFolder failed: ${res.text}`)
  return id
}

/** DisplayNames of the direct children of a parent folder id element, read through FindFolder. */
export async function childNames(app: EwsApp['app'], parent: string): Promise<string[]> {
  const res = await call(app, findFolderXml(parent))
  return res.select('//t:Folders/*/t:DisplayName').map((n) => n.textContent ?? '')
}

/** ChildFolderCount of a distinguished folder of `user`, read through GetFolder. */
export async function childFolderCount(
  app: EwsApp['app'],
  name: string,
  user?: string,
): Promise<number> {
  const res = await call(app, getFolderXml(distinguished(name)), user)
  return Number(res.value('//m:Folders/*/t:ChildFolderCount'))
}

/** Id of the Missed Conversations search folder, read through FindFolder on searchfolders. */
export async function missedConversationsId(app: EwsApp['app']): Promise<string> {
  const res = await call(app, findFolderXml(distinguished('searchfolders')))
  const id = res.value('//t:SearchFolder[t:DisplayName="Missed Conversations"]/t:FolderId/@Id')
  if (!id) throw new Error(`no Missed Conversations folder: ${res.text}`)
  return id
}

/** Offset of the kind byte (folder or item) in the binary form of an id. */
export const KIND_BYTE = 1
/** Offset of the first byte naming the mailbox in the binary form of an id. */
export const FIRST_MAILBOX_BYTE = 2
/** Offset of the last byte naming the object in the binary form of an id. */
export const LAST_OBJECT_BYTE = 33

/** The same id with the byte at `index` of its binary form changed (every bit flipped unless told). */
export function withByteChanged(
  id: string,
  index: number,
  change: (byte: number) => number = (byte) => byte ^ 0xff,
): string {
  const bytes = Buffer.from(id, 'base64')
  bytes[index] = change(bytes[index]!)
  return bytes.toString('base64')
}
