/**
 * Item builders for tests of code that talks to mock-ews (exported from mock-ews/index.ts): EWS
 * request fragments written by hand, in types.xsd element order, independent of the server's own
 * XML code (a test built with them checks the server, not the server against itself), and
 * ItemFields for store-level tests.
 * @example
 * const body = createItemXml('SendAndSaveCopy', messageXml({ subject: 'Hi', to: ['bob@contoso.com'] }))
 */
import type { ItemFields } from '../domain/items.ts'

/** A SOAP request as ews-javascript-api writes it (soap: prefix, version header). */
export function envelope(body: string, version = 'Exchange2013'): string {
  return (
    '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"' +
    ` xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages" xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types">` +
    (version ? `<soap:Header><t:RequestServerVersion Version="${version}"/></soap:Header>` : '') +
    `<soap:Body>${body}</soap:Body></soap:Envelope>`
  )
}

/** Item classes, spelled out here (not imported) so a wrong constant in mock-ews is caught. */
export const CLASS = {
  note: 'IPM.Note',
  missed: 'IPM.Note.Microsoft.Missed',
  conversation: 'IPM.Note.Microsoft.Conversation',
  ndr: 'REPORT.IPM.Note.NDR',
} as const

/** What messageXml writes; every part is optional. */
export interface MessageSpec {
  itemClass?: string
  subject?: string
  body?: string
  bodyType?: 'Text' | 'HTML'
  importance?: 'Low' | 'Normal' | 'High'
  to?: readonly string[]
  cc?: readonly string[]
  bcc?: readonly string[]
  isRead?: boolean
  categories?: readonly string[]
  internetMessageId?: string
}

const mailboxXml = (address: string): string =>
  `<t:Mailbox><t:EmailAddress>${address}</t:EmailAddress></t:Mailbox>`

const recipients = (element: string, list: readonly string[] | undefined): string =>
  list && list.length > 0 ? `<t:${element}>${list.map(mailboxXml).join('')}</t:${element}>` : ''

/** A `<t:Message>` with the given properties, in types.xsd order (ItemType, then MessageType). */
export function messageXml(spec: MessageSpec = {}): string {
  return (
    '<t:Message>' +
    (spec.itemClass === undefined ? '' : `<t:ItemClass>${spec.itemClass}</t:ItemClass>`) +
    (spec.subject === undefined ? '' : `<t:Subject>${spec.subject}</t:Subject>`) +
    (spec.body === undefined
      ? ''
      : `<t:Body BodyType="${spec.bodyType ?? 'Text'}">${spec.body}</t:Body>`) +
    (spec.categories === undefined
      ? ''
      : `<t:Categories>${spec.categories.map((c) => `<t:String>${c}</t:String>`).join('')}</t:Categories>`) +
    (spec.importance === undefined ? '' : `<t:Importance>${spec.importance}</t:Importance>`) +
    recipients('ToRecipients', spec.to) +
    recipients('CcRecipients', spec.cc) +
    recipients('BccRecipients', spec.bcc) +
    (spec.internetMessageId === undefined
      ? ''
      : `<t:InternetMessageId>${spec.internetMessageId}</t:InternetMessageId>`) +
    (spec.isRead === undefined ? '' : `<t:IsRead>${String(spec.isRead)}</t:IsRead>`) +
    '</t:Message>'
  )
}

/** `<t:ItemId Id="…"/>`, with a ChangeKey attribute when one is given. */
export function itemId(id: string, changeKey?: string): string {
  return `<t:ItemId Id="${id}"${changeKey === undefined ? '' : ` ChangeKey="${changeKey}"`}/>`
}

/** CreateItem of the given `<t:Message>` elements; `savedFolder` is a folder id element. */
export function createItemXml(disposition: string, items: string, savedFolder?: string): string {
  return (
    `<m:CreateItem MessageDisposition="${disposition}">` +
    (savedFolder === undefined ? '' : `<m:SavedItemFolderId>${savedFolder}</m:SavedItemFolderId>`) +
    `<m:Items>${items}</m:Items></m:CreateItem>`
  )
}

/** SendItem of the given item id elements. */
export function sendItemXml(ids: string, saveItemToFolder = true, savedFolder?: string): string {
  return (
    `<m:SendItem SaveItemToFolder="${String(saveItemToFolder)}"><m:ItemIds>${ids}</m:ItemIds>` +
    (savedFolder === undefined ? '' : `<m:SavedItemFolderId>${savedFolder}</m:SavedItemFolderId>`) +
    '</m:SendItem>'
  )
}

/** Item fields for store-level tests: a plain unread message from Bob to Alice, with overrides. */
export function itemFields(overrides: Partial<ItemFields> = {}): ItemFields {
  return {
    itemClass: CLASS.note,
    subject: 'Hello',
    body: { type: 'Text', text: 'Hi there' },
    importance: 'Normal',
    categories: [],
    isRead: false,
    isDraft: false,
    from: { name: 'Bob Kelly', address: 'bob@contoso.com' },
    toRecipients: [{ name: 'Alice Wood', address: 'alice@contoso.com' }],
    ccRecipients: [],
    bccRecipients: [],
    internetMessageId: '<test@contoso.com>',
    dateTimeSent: new Date('2016-06-10T08:59:00Z'),
    dateTimeReceived: new Date('2016-06-10T09:00:00Z'),
    ...overrides,
  }
}

/** Escapes text for an XML element or attribute value (messageXml takes its text as XML). */
export function xmlText(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
}
