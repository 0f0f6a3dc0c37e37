/** The ids of the mailbox under test and the envelopes real clients wrap requests in. */
import { NS } from './schema.ts'

/** Ids of the mailbox under test the corpus refers to (read from the store). */
export interface CorpusIds {
  user: string
  inboxItems: string[]
  drafts: { id: string; changeKey: string }[]
  folderId: string
  subscriptionId: string
  watermark: string
  syncState: string
}

export interface CorpusEntry {
  name: string
  body: string
}

/** exchangelib 5.6: XML declaration, s: prefix, Exchange2016, TimeZoneContext (reference §1.2). */
export function exchangelib(body: string): string {
  return (
    `<?xml version='1.0' encoding='utf-8'?>\n<s:Envelope xmlns:s="${NS.s}" xmlns:m="${NS.m}" xmlns:t="${NS.t}">` +
    '<s:Header><t:RequestServerVersion Version="Exchange2016"/><t:TimeZoneContext><t:TimeZoneDefinition Id="UTC"/></t:TimeZoneContext></s:Header>' +
    `<s:Body>${body}</s:Body></s:Envelope>`
  )
}

/** ews-javascript-api 0.15: soap: prefix, xsi declared, Exchange2013 (reference §1.2). */
export function ewsJs(body: string): string {
  return (
    `<soap:Envelope xmlns:soap="${NS.s}" xmlns:xsi="${NS.xsi}" xmlns:m="${NS.m}" xmlns:t="${NS.t}">` +
    '<soap:Header><t:RequestServerVersion Version="Exchange2013"/></soap:Header>' +
    `<soap:Body>${body}</soap:Body></soap:Envelope>`
  )
}

export const mailboxEl = (address: string): string =>
  `<t:Mailbox><t:EmailAddress>${address}</t:EmailAddress><t:RoutingType>SMTP</t:RoutingType><t:MailboxType>Mailbox</t:MailboxType></t:Mailbox>`
export const fields = (...uris: string[]): string =>
  `<t:AdditionalProperties>${uris.map((u) => `<t:FieldURI FieldURI="${u}"/>`).join('')}</t:AdditionalProperties>`
export const ITEM_FIELDS = fields(
  'item:Subject',
  'item:Body',
  'item:DateTimeReceived',
  'item:ItemClass',
  'message:From',
  'message:IsRead',
  'message:ToRecipients',
  'item:Categories',
)
export const FOLDER_FIELDS = fields(
  'folder:ChildFolderCount',
  'folder:DisplayName',
  'folder:FolderClass',
  'folder:ParentFolderId',
  'folder:TotalCount',
  'folder:UnreadCount',
)
