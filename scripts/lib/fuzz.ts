/**
 * A seeded fuzzer of the EWS endpoint, shared by scripts/fuzz.ts and test/integration/fuzz.test.ts.
 *
 * Start from valid requests shaped as exchangelib and ews-javascript-api send them (a corpus over
 * folder and item operations, with real ids of the mailbox under test), mutate each by a few seeded
 * mutations (truncation, duplicated / removed / swapped / repeated elements, attributes and text of
 * the wrong type or size, random bytes, invalid characters, wrong namespaces, DTDs, deep nesting,
 * other encodings), send them to a real server and check every answer: HTTP 200 with well-formed
 * XML whose every ResponseCode is a value of messages.xsd ResponseCodeType, a SOAP fault (500) with
 * such a code, or 413. Anything else (no answer in time, a 5xx that is not a fault, ill-formed XML,
 * an unknown code, ErrorInternalServerError: an operation threw) is a crash.
 *
 * Same seed, same requests (generated one at a time, in order). They are sent a few at a time; with
 * concurrency 1 the server sees them in generation order too, so a crash is replayed by its seed
 * and index.
 */
import { fileURLToPath } from 'node:url'
import { DOMParser } from '@xmldom/xmldom'
import type { Document, Element } from '@xmldom/xmldom'
import type { EwsApp } from '../../mock-ews/index.ts'
import { loadSchemaFolder } from './ews-schema.ts'

const NS = {
  s: 'http://schemas.xmlsoap.org/soap/envelope/',
  s12: 'http://www.w3.org/2003/05/soap-envelope',
  m: 'http://schemas.microsoft.com/exchange/services/2006/messages',
  t: 'http://schemas.microsoft.com/exchange/services/2006/types',
  e: 'http://schemas.microsoft.com/exchange/services/2006/errors',
  xsi: 'http://www.w3.org/2001/XMLSchema-instance',
}

/** The EWS schema folder next to this repository (../shared/ews-schema). */
export const DEFAULT_SCHEMA_DIR = fileURLToPath(
  new URL('../../../shared/ews-schema', import.meta.url),
)

/** The values of messages.xsd ResponseCodeType, read from the schema (nothing hard-coded). */
export function responseCodesOf(schemaDir = DEFAULT_SCHEMA_DIR): ReadonlySet<string> {
  return loadSchemaFolder(schemaDir).responseCodes
}

// ---------------------------------------------------------------------------------------------
// Randomness

/** A seeded generator (mulberry32): the same seed gives the same sequence. */
export class Rng {
  #state: number
  constructor(seed: number) {
    this.#state = seed >>> 0
  }
  /** A float in [0, 1). */
  next(): number {
    let t = (this.#state = (this.#state + 0x6d2b79f5) >>> 0)
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n)
  }
  pick<T>(list: readonly T[]): T {
    if (list.length === 0) throw new Error('pick from an empty list')
    return list[this.int(list.length)]!
  }
  chance(p: number): boolean {
    return this.next() < p
  }
}

// ---------------------------------------------------------------------------------------------
// The corpus: valid requests as real clients send them

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
function exchangelib(body: string): string {
  return (
    `<?xml version='1.0' encoding='utf-8'?>\n<s:Envelope xmlns:s="${NS.s}" xmlns:m="${NS.m}" xmlns:t="${NS.t}">` +
    '<s:Header><t:RequestServerVersion Version="Exchange2016"/><t:TimeZoneContext><t:TimeZoneDefinition Id="UTC"/></t:TimeZoneContext></s:Header>' +
    `<s:Body>${body}</s:Body></s:Envelope>`
  )
}

/** ews-javascript-api 0.15: soap: prefix, xsi declared, Exchange2013 (reference §1.2). */
function ewsJs(body: string): string {
  return (
    `<soap:Envelope xmlns:soap="${NS.s}" xmlns:xsi="${NS.xsi}" xmlns:m="${NS.m}" xmlns:t="${NS.t}">` +
    '<soap:Header><t:RequestServerVersion Version="Exchange2013"/></soap:Header>' +
    `<soap:Body>${body}</soap:Body></soap:Envelope>`
  )
}

const mailboxEl = (address: string): string =>
  `<t:Mailbox><t:EmailAddress>${address}</t:EmailAddress><t:RoutingType>SMTP</t:RoutingType><t:MailboxType>Mailbox</t:MailboxType></t:Mailbox>`
const fields = (...uris: string[]): string =>
  `<t:AdditionalProperties>${uris.map((u) => `<t:FieldURI FieldURI="${u}"/>`).join('')}</t:AdditionalProperties>`
const ITEM_FIELDS = fields(
  'item:Subject',
  'item:Body',
  'item:DateTimeReceived',
  'item:ItemClass',
  'message:From',
  'message:IsRead',
  'message:ToRecipients',
  'item:Categories',
)
const FOLDER_FIELDS = fields(
  'folder:ChildFolderCount',
  'folder:DisplayName',
  'folder:FolderClass',
  'folder:ParentFolderId',
  'folder:TotalCount',
  'folder:UnreadCount',
)

/**
 * Valid requests over every kind of operation; `rng` picks which of the mailbox's items each one
 * names, so that a stale id (an item moved or deleted by an earlier request) is not the rule.
 */
export function corpus(ids: CorpusIds, rng: Rng): CorpusEntry[] {
  const dist = (name: string): string =>
    `<t:DistinguishedFolderId Id="${name}">${mailboxEl(ids.user)}</t:DistinguishedFolderId>`
  const item = (): string => `<t:ItemId Id="${rng.pick(ids.inboxItems)}"/>`
  const draft = rng.pick(ids.drafts)
  const message = (subject: string): string =>
    `<t:Message><t:ItemClass>IPM.Note</t:ItemClass><t:Subject>${subject}</t:Subject>` +
    `<t:Body BodyType="HTML">&lt;p&gt;${subject}&lt;/p&gt;</t:Body><t:Importance>Normal</t:Importance>` +
    `<t:ToRecipients>${mailboxEl(ids.user)}</t:ToRecipients><t:IsRead>false</t:IsRead></t:Message>`
  return [
    {
      name: 'exchangelib ConvertId probe',
      body: exchangelib(
        '<m:ConvertId DestinationFormat="EntryId"><m:SourceIds><t:AlternateId Id="DUMMY" Format="EwsId" Mailbox="DUMMY"/></m:SourceIds></m:ConvertId>',
      ),
    },
    {
      name: 'exchangelib GetFolder',
      body: exchangelib(
        `<m:GetFolder><m:FolderShape><t:BaseShape>IdOnly</t:BaseShape>${FOLDER_FIELDS}</m:FolderShape>` +
          `<m:FolderIds>${dist('inbox')}${dist('drafts')}${dist('conversationhistory')}</m:FolderIds></m:GetFolder>`,
      ),
    },
    {
      name: 'exchangelib FindFolder',
      body: exchangelib(
        `<m:FindFolder Traversal="Deep"><m:FolderShape><t:BaseShape>IdOnly</t:BaseShape>${FOLDER_FIELDS}</m:FolderShape>` +
          '<m:IndexedPageFolderView MaxEntriesReturned="100" Offset="0" BasePoint="Beginning"/>' +
          `<m:ParentFolderIds>${dist('msgfolderroot')}</m:ParentFolderIds></m:FindFolder>`,
      ),
    },
    {
      name: 'exchangelib FindItem',
      body: exchangelib(
        `<m:FindItem Traversal="Shallow"><m:ItemShape><t:BaseShape>IdOnly</t:BaseShape>${fields('item:Subject', 'item:DateTimeReceived', 'message:IsRead')}</m:ItemShape>` +
          '<m:IndexedPageItemView MaxEntriesReturned="10" Offset="0" BasePoint="Beginning"/>' +
          '<m:Restriction><t:IsEqualTo><t:FieldURI FieldURI="message:IsRead"/><t:FieldURIOrConstant><t:Constant Value="false"/></t:FieldURIOrConstant></t:IsEqualTo></m:Restriction>' +
          '<m:SortOrder><t:FieldOrder Order="Descending"><t:FieldURI FieldURI="item:DateTimeReceived"/></t:FieldOrder></m:SortOrder>' +
          `<m:ParentFolderIds>${dist('inbox')}</m:ParentFolderIds></m:FindItem>`,
      ),
    },
    {
      name: 'exchangelib GetItem',
      body: exchangelib(
        `<m:GetItem><m:ItemShape><t:BaseShape>IdOnly</t:BaseShape>${ITEM_FIELDS}</m:ItemShape>` +
          `<m:ItemIds>${item()}${item()}</m:ItemIds></m:GetItem>`,
      ),
    },
    {
      name: 'exchangelib CreateItem SaveOnly',
      body: exchangelib(
        `<m:CreateItem MessageDisposition="SaveOnly"><m:SavedItemFolderId>${dist('drafts')}</m:SavedItemFolderId>` +
          `<m:Items>${message('Draft')}</m:Items></m:CreateItem>`,
      ),
    },
    {
      name: 'exchangelib SyncFolderItems',
      body: exchangelib(
        `<m:SyncFolderItems><m:ItemShape><t:BaseShape>IdOnly</t:BaseShape>${ITEM_FIELDS}</m:ItemShape>` +
          `<m:SyncFolderId>${dist('inbox')}</m:SyncFolderId>` +
          (rng.chance(0.5) ? `<m:SyncState>${ids.syncState}</m:SyncState>` : '') +
          '<m:MaxChangesReturned>100</m:MaxChangesReturned></m:SyncFolderItems>',
      ),
    },
    {
      name: 'exchangelib SyncFolderHierarchy',
      body: exchangelib(
        `<m:SyncFolderHierarchy><m:FolderShape><t:BaseShape>IdOnly</t:BaseShape>${FOLDER_FIELDS}</m:FolderShape>` +
          `<m:SyncFolderId>${dist('root')}</m:SyncFolderId></m:SyncFolderHierarchy>`,
      ),
    },
    {
      name: 'ews-javascript-api CreateItem SendAndSaveCopy',
      body: ewsJs(
        '<m:CreateItem MessageDisposition="SendAndSaveCopy"><m:SavedItemFolderId><t:DistinguishedFolderId Id="sentitems"/></m:SavedItemFolderId>' +
          `<m:Items>${message('Sent')}</m:Items></m:CreateItem>`,
      ),
    },
    {
      name: 'ews-javascript-api UpdateItem',
      body: ewsJs(
        '<m:UpdateItem ConflictResolution="AutoResolve" MessageDisposition="SaveOnly"><m:ItemChanges><t:ItemChange>' +
          `<t:ItemId Id="${draft.id}" ChangeKey="${draft.changeKey}"/><t:Updates>` +
          '<t:SetItemField><t:FieldURI FieldURI="item:Subject"/><t:Message><t:Subject>Changed</t:Subject></t:Message></t:SetItemField>' +
          '<t:SetItemField><t:FieldURI FieldURI="message:IsRead"/><t:Message><t:IsRead>true</t:IsRead></t:Message></t:SetItemField>' +
          '<t:AppendToItemField><t:FieldURI FieldURI="item:Body"/><t:Message><t:Body BodyType="Text">more</t:Body></t:Message></t:AppendToItemField>' +
          '<t:DeleteItemField><t:FieldURI FieldURI="item:Categories"/></t:DeleteItemField>' +
          '</t:Updates></t:ItemChange></m:ItemChanges></m:UpdateItem>',
      ),
    },
    {
      name: 'ews-javascript-api MoveItem',
      body: ewsJs(
        '<m:MoveItem><m:ToFolderId><t:DistinguishedFolderId Id="deleteditems"/></m:ToFolderId>' +
          `<m:ItemIds>${item()}</m:ItemIds><m:ReturnNewItemIds>true</m:ReturnNewItemIds></m:MoveItem>`,
      ),
    },
    {
      name: 'ews-javascript-api CopyItem',
      body: ewsJs(
        `<m:CopyItem><m:ToFolderId><t:FolderId Id="${ids.folderId}"/></m:ToFolderId>` +
          `<m:ItemIds>${item()}</m:ItemIds></m:CopyItem>`,
      ),
    },
    {
      name: 'ews-javascript-api DeleteItem',
      body: ewsJs(
        '<m:DeleteItem DeleteType="MoveToDeletedItems" SendMeetingCancellations="SendToNone" AffectedTaskOccurrences="AllOccurrences">' +
          `<m:ItemIds>${item()}</m:ItemIds></m:DeleteItem>`,
      ),
    },
    {
      name: 'ews-javascript-api SendItem',
      body: ewsJs(
        `<m:SendItem SaveItemToFolder="true"><m:ItemIds><t:ItemId Id="${draft.id}" ChangeKey="${draft.changeKey}"/></m:ItemIds>` +
          '<m:SavedItemFolderId><t:DistinguishedFolderId Id="sentitems"/></m:SavedItemFolderId></m:SendItem>',
      ),
    },
    {
      name: 'ews-javascript-api CreateFolder',
      body: ewsJs(
        '<m:CreateFolder><m:ParentFolderId><t:DistinguishedFolderId Id="msgfolderroot"/></m:ParentFolderId>' +
          `<m:Folders><t:Folder><t:FolderClass>IPF.Note</t:FolderClass><t:DisplayName>Fuzz ${rng.int(1000)}</t:DisplayName></t:Folder></m:Folders></m:CreateFolder>`,
      ),
    },
    {
      name: 'ews-javascript-api UpdateFolder',
      body: ewsJs(
        `<m:UpdateFolder><m:FolderChanges><t:FolderChange><t:FolderId Id="${ids.folderId}"/><t:Updates>` +
          '<t:SetFolderField><t:FieldURI FieldURI="folder:DisplayName"/><t:Folder><t:DisplayName>Renamed</t:DisplayName></t:Folder></t:SetFolderField>' +
          '</t:Updates></t:FolderChange></m:FolderChanges></m:UpdateFolder>',
      ),
    },
    {
      name: 'ews-javascript-api DeleteFolder',
      body: ewsJs(
        `<m:DeleteFolder DeleteType="SoftDelete"><m:FolderIds><t:FolderId Id="${ids.folderId}"/></m:FolderIds></m:DeleteFolder>`,
      ),
    },
    {
      name: 'ews-javascript-api MarkAllItemsAsRead',
      body: ewsJs(
        '<m:MarkAllItemsAsRead><m:ReadFlag>true</m:ReadFlag><m:SuppressReadReceipts>true</m:SuppressReadReceipts>' +
          '<m:FolderIds><t:DistinguishedFolderId Id="inbox"/></m:FolderIds></m:MarkAllItemsAsRead>',
      ),
    },
    {
      name: 'ews-javascript-api Subscribe',
      body: ewsJs(
        '<m:Subscribe><m:PullSubscriptionRequest><t:FolderIds><t:DistinguishedFolderId Id="inbox"/></t:FolderIds>' +
          '<t:EventTypes><t:EventType>NewMailEvent</t:EventType><t:EventType>CreatedEvent</t:EventType><t:EventType>MovedEvent</t:EventType></t:EventTypes>' +
          '<t:Timeout>30</t:Timeout></m:PullSubscriptionRequest></m:Subscribe>',
      ),
    },
    {
      name: 'ews-javascript-api GetEvents',
      body: ewsJs(
        `<m:GetEvents><m:SubscriptionId>${ids.subscriptionId}</m:SubscriptionId><m:Watermark>${ids.watermark}</m:Watermark></m:GetEvents>`,
      ),
    },
  ]
}

/**
 * Gives the mailbox of `user` what the corpus needs, through the store: items in the Inbox, drafts,
 * a folder of its own, a pull subscription and a sync state (the last two through EWS, via `send`).
 */
export async function prepareMailbox(
  ews: EwsApp,
  user: string,
  send: (body: string) => Promise<{ status: number; text: string }>,
): Promise<CorpusIds> {
  const { store } = ews
  const folder = (name: string): string => store.getDistinguishedFolder(user, name).folderId.id
  const at = new Date('2016-06-10T09:00:00Z')
  const fieldsOf = (subject: string, isDraft: boolean) => ({
    itemClass: 'IPM.Note',
    subject,
    body: { type: 'Text' as const, text: `Body of ${subject}` },
    importance: 'Normal' as const,
    categories: ['Fuzz'],
    isRead: false,
    isDraft,
    from: isDraft ? undefined : { name: 'Bob Kelly', address: 'bob@contoso.com' },
    toRecipients: [{ name: undefined, address: user }],
    ccRecipients: [],
    bccRecipients: [],
    internetMessageId: `<${subject.replace(/\W/g, '')}@contoso.com>`,
    dateTimeSent: isDraft ? undefined : at,
    dateTimeReceived: at,
  })
  const inboxItems = Array.from(
    { length: 60 },
    (_, i) => store.createItem(user, folder('inbox'), fieldsOf(`Mail ${i}`, false)).itemId.id,
  )
  const drafts = Array.from({ length: 20 }, (_, i) => {
    const d = store.createItem(user, folder('drafts'), fieldsOf(`Draft ${i}`, true))
    return { id: d.itemId.id, changeKey: d.itemId.changeKey }
  })
  const own = store.createFolder(user, folder('msgfolderroot'), {
    displayName: 'Fuzz target',
    kind: 'Folder',
    folderClass: 'IPF.Note',
  })
  const tag = (text: string, name: string): string =>
    new RegExp(`<m:${name}>([^<]*)</m:${name}>`).exec(text)?.[1] ?? ''
  const sub = await send(
    exchangelib(
      '<m:Subscribe><m:PullSubscriptionRequest SubscribeToAllFolders="true"><t:EventTypes><t:EventType>CreatedEvent</t:EventType></t:EventTypes>' +
        '<t:Timeout>1440</t:Timeout></m:PullSubscriptionRequest></m:Subscribe>',
    ),
  )
  const sync = await send(
    exchangelib(
      '<m:SyncFolderItems><m:ItemShape><t:BaseShape>IdOnly</t:BaseShape></m:ItemShape>' +
        '<m:SyncFolderId><t:DistinguishedFolderId Id="inbox"/></m:SyncFolderId><m:MaxChangesReturned>10</m:MaxChangesReturned></m:SyncFolderItems>',
    ),
  )
  const ids: CorpusIds = {
    user,
    inboxItems,
    drafts,
    folderId: own.folderId.id,
    subscriptionId: tag(sub.text, 'SubscriptionId'),
    watermark: tag(sub.text, 'Watermark'),
    syncState: tag(sync.text, 'SyncState'),
  }
  if (!ids.subscriptionId || !ids.syncState)
    throw new Error(`could not prepare ${user}: ${sub.text} ${sync.text}`)
  return ids
}

// ---------------------------------------------------------------------------------------------
// Mutations

/** Mutations of the parsed request (structure). */
const TREE_MUTATIONS = [
  'duplicate',
  'remove',
  'swap',
  'attribute',
  'text',
  'huge',
  'repeat',
  'namespace',
  'nest',
] as const
/** Mutations of the request text or bytes. */
const TEXT_MUTATIONS = [
  'truncate',
  'bytes',
  'char',
  'doctype',
  'soap12',
  'too-deep',
  'encoding',
] as const

export type MutationKind = (typeof TREE_MUTATIONS)[number] | (typeof TEXT_MUTATIONS)[number]
export const ALL_MUTATIONS: readonly MutationKind[] = [...TREE_MUTATIONS, ...TEXT_MUTATIONS]

/**
 * Mutations after which no request is valid: the answer must be a refusal and nothing may change.
 * (A truncated document lacks at least its root's end tag; the characters are never allowed in XML;
 * DTDs are refused; SOAP 1.2 is not SOAP 1.1; nesting is over the server's limit.)
 */
export const MUST_FAIL_MUTATIONS: readonly MutationKind[] = [
  'truncate',
  'char',
  'doctype',
  'soap12',
  'too-deep',
]

/** Nesting depth of the server under test (the default of mock-ews), for 'nest' and 'too-deep'. */
export const DEPTH_LIMIT = 256

/** Values of the wrong type, range, size or kind for attributes and text. */
const BAD_VALUES = [
  '',
  ' ',
  '-1',
  '0',
  '2147483648',
  '-9223372036854775809',
  '1e308',
  'NaN',
  'Infinity',
  'true',
  'FALSE',
  'null',
  'undefined',
  '[object Object]',
  'Inbox',
  'INBOX',
  'msgfolderroot ',
  'IPM.Note.Microsoft.Missed',
  '2016-13-45T25:61:61Z',
  '0001-01-01T00:00:00Z',
  '9999-12-31T23:59:59Z',
  'AAMkAD==',
  'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
  '!!!not base64!!!',
  'eyJ2IjoxLCJmIjoiIn0=',
  '%s%n%x',
  '${7*7}',
  '../../../../etc/passwd',
  'x'.repeat(300),
  '\u{1F600}\u202E\u200B',
  'é\u0301',
  '&amp;&lt;&gt;',
  'DUMMY',
  'alice@contoso.com',
  'CONTOSO\\alice',
  'bob@contoso.com',
]

/**
 * Defects of mock-ews this fuzzer found, reported as DISCREPANCY tests in
 * test/integration/fuzz.test.ts; `avoidKnownDefects` steers clear of them.
 */
export const KNOWN_DEFECTS = [
  'A request with U+FFFE or U+FFFF gets a fault that echoes the character: not well-formed XML.',
  'FindItem/FindFolder answer every parent folder in full: thousands of parents exhaust time and heap.',
] as const

/** Characters never allowed in XML 1.0 (text-level 'char'). */
const INVALID_CHARS = ['\u0000', '\u0001', '\u0008', '\u000b', '\u001f', '\ufffe', '\uffff']
/** Characters that may or may not break the document where they land (tree-level text). */
const AWKWARD_TEXT = ['<', '&', ']]>', '"', "'", '\u0085', '\u2028', '\ud800', '\udfff']

const WRONG_NAMESPACES = [
  NS.m,
  NS.t,
  NS.e,
  NS.s,
  NS.s12,
  'http://schemas.microsoft.com/exchange/services/2006/Types',
  'http://schemas.microsoft.com/exchange/services/2010/types',
  'urn:fuzz',
]

/**
 * Elements each of which is one unit of work of a batch (an item or folder to act on, a parent to
 * search): repeating them multiplies the work, so 'repeat' makes at most MAX_BATCH_REPEAT of them
 * unless told otherwise. (FindItem and FindFolder answer every parent in full: thousands of parents
 * make an answer of hundreds of megabytes; see the DISCREPANCY in test/integration/fuzz.test.ts.)
 */
const BATCH_UNITS = new Set([
  'ItemId',
  'FolderId',
  'DistinguishedFolderId',
  'Message',
  'Folder',
  'ItemChange',
  'FolderChange',
  'AlternateId',
])
export const MAX_BATCH_REPEAT = 20
/** Bytes of copies one 'repeat' adds at most. */
const REPEAT_BYTES = 512 * 1024

export interface FuzzCase {
  index: number
  seedName: string
  mutations: string[]
  body: string | Uint8Array
}

/** An element of a request being mutated; text children are kept unescaped. */
interface XNode {
  name: string
  attrs: [string, string][]
  children: (XNode | string)[]
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" }
const unescape = (s: string): string =>
  s.replace(/&(lt|gt|amp|quot|apos);/g, (_, e: string) => ENTITIES[e]!)

/**
 * Parses the corpus's own, well-formed XML (an optional declaration, elements, attributes in
 * quotes, text with the five predefined entities): a tree cheap to mutate and serialise, unlike a
 * DOM with live node lists (ten thousand insertions into one of those take minutes).
 */
function parseTree(xml: string): { decl: string; root: XNode } {
  const decl = /^<\?xml[^>]*\?>\n?/.exec(xml)?.[0] ?? ''
  const stack: XNode[] = [{ name: '#document', attrs: [], children: [] }]
  const token = /<(\/?)([\w:.-]+)((?:\s+[\w:.-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|([^<]+)/g
  for (const m of xml.slice(decl.length).matchAll(token)) {
    const top = stack[stack.length - 1]!
    if (m[5] !== undefined) {
      top.children.push(unescape(m[5]))
    } else if (m[1]) {
      stack.pop()
    } else {
      const attrs = [...m[3]!.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)].map(
        (a): [string, string] => [a[1]!, unescape(a[2] ?? a[3] ?? '')],
      )
      const node: XNode = { name: m[2]!, attrs, children: [] }
      top.children.push(node)
      if (!m[4]) stack.push(node)
    }
  }
  const root = stack[0]!.children.find((c): c is XNode => typeof c !== 'string')
  if (!root) throw new Error(`not XML: ${xml.slice(0, 80)}`)
  return { decl, root }
}

const escapeText = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
const escapeAttr = (s: string): string => escapeText(s).replace(/"/g, '&quot;')

function serialize(node: XNode, out: string[] = []): string[] {
  out.push(`<${node.name}`)
  for (const [k, v] of node.attrs) out.push(` ${k}="${escapeAttr(v)}"`)
  if (node.children.length === 0) {
    out.push('/>')
    return out
  }
  out.push('>')
  for (const c of node.children) {
    if (typeof c === 'string') out.push(escapeText(c))
    else serialize(c, out)
  }
  out.push(`</${node.name}>`)
  return out
}

interface Located {
  node: XNode
  parent: XNode | undefined
  depth: number
}

function elementsOf(root: XNode): Located[] {
  const out: Located[] = []
  const walk = (node: XNode, parent: XNode | undefined, depth: number): void => {
    out.push({ node, parent, depth })
    for (const c of node.children) if (typeof c !== 'string') walk(c, node, depth + 1)
  }
  walk(root, undefined, 1)
  return out
}

const localName = (name: string): string => name.slice(name.indexOf(':') + 1)
const prefixOf = (name: string): string => (name.includes(':') ? name.split(':')[0]! : '')
const childElements = (node: XNode): XNode[] =>
  node.children.filter((c): c is XNode => typeof c !== 'string')
const isLeaf = (node: XNode): boolean => childElements(node).length === 0
const clone = (node: XNode): XNode => ({
  name: node.name,
  attrs: node.attrs.map(([k, v]): [string, string] => [k, v]),
  children: node.children.map((c) => (typeof c === 'string' ? c : clone(c))),
})

/** Applies one tree mutation to `root`; returns its description. */
function mutateTree(rng: Rng, root: XNode, kind: MutationKind, maxBatchRepeat: number): string {
  const all = elementsOf(root)
  const inner = all.filter((e) => e.parent)
  const { node: el, parent } = rng.pick(inner)
  const siblings = parent!.children
  const at = siblings.indexOf(el)
  switch (kind) {
    case 'duplicate': {
      siblings.splice(at + 1, 0, clone(el))
      return `duplicate ${el.name}`
    }
    case 'remove': {
      siblings.splice(at, 1)
      return `remove ${el.name}`
    }
    case 'swap': {
      const parents = all.filter((e) => childElements(e.node).length >= 2)
      if (parents.length === 0) return 'swap (nothing to swap)'
      const p = rng.pick(parents).node
      const kids = childElements(p)
      const i = rng.int(kids.length)
      let j = rng.int(kids.length - 1)
      if (j >= i) j++
      const a = kids[i]!
      const b = kids[j]!
      const ia = p.children.indexOf(a)
      const ib = p.children.indexOf(b)
      p.children[ia] = b
      p.children[ib] = a
      return `swap ${a.name} and ${b.name} in ${p.name}`
    }
    case 'attribute': {
      const plain = (n: XNode): string[] =>
        n.attrs.map(([k]) => k).filter((k) => !k.startsWith('xmlns'))
      const withAttrs = all.filter((e) => plain(e.node).length > 0)
      const target = withAttrs.length > 0 && rng.chance(0.8) ? rng.pick(withAttrs).node : el
      const names = plain(target)
      const roll = rng.int(4)
      if (roll === 0 && names.length > 0) {
        const n = rng.pick(names)
        target.attrs = target.attrs.filter(([k]) => k !== n)
        return `remove attribute ${target.name}/@${n}`
      }
      if (roll === 1 || names.length === 0) {
        const n = rng.pick([
          'Id',
          'ChangeKey',
          'Traversal',
          'Version',
          'Fuzz',
          'xsi:nil',
          'xml:lang',
        ])
        target.attrs = [...target.attrs.filter(([k]) => k !== n), [n, rng.pick(BAD_VALUES)]]
        if (n === 'xsi:nil' && !root.attrs.some(([k]) => k === 'xmlns:xsi'))
          target.attrs.push(['xmlns:xsi', NS.xsi])
        return `add attribute ${target.name}/@${n}`
      }
      const n = rng.pick(names)
      const value = rng.pick(BAD_VALUES)
      target.attrs = target.attrs.map(([k, v]): [string, string] => [k, k === n ? value : v])
      return `bad value of ${target.name}/@${n}`
    }
    case 'text': {
      const target = rng.pick(all.filter((e) => isLeaf(e.node))).node
      target.children = [rng.chance(0.8) ? rng.pick(BAD_VALUES) : rng.pick(AWKWARD_TEXT)]
      return `bad text of ${target.name}`
    }
    case 'huge': {
      const big = hugeString(rng, 100 * 1024)
      if (rng.chance(0.5)) {
        const target = rng.pick(all.filter((e) => isLeaf(e.node))).node
        target.children = [big]
        return `100 KB text in ${target.name}`
      }
      const n = rng.pick(['Id', 'ChangeKey', 'Value', 'FieldURI'])
      el.attrs = [...el.attrs.filter(([k]) => k !== n), [n, big]]
      return `100 KB attribute ${el.name}/@${n}`
    }
    case 'repeat': {
      const wanted = rng.pick([10, 100, 1000, 10_000])
      // Ten thousand small elements, fewer big ones: at most REPEAT_BYTES of copies.
      const size = serialize(el).join('').length
      const cap = BATCH_UNITS.has(localName(el.name)) ? maxBatchRepeat : wanted
      const n = Math.max(2, Math.min(wanted, cap, Math.floor(REPEAT_BYTES / size)))
      siblings.splice(at + 1, 0, ...Array.from({ length: n - 1 }, () => clone(el)))
      return `repeat ${el.name} ×${n}`
    }
    case 'namespace': {
      const declared = [
        ...new Set(
          all.flatMap((e) =>
            e.node.attrs.filter(([k]) => k.startsWith('xmlns:')).map(([k]) => k.slice(6)),
          ),
        ),
      ]
      const target = rng.chance(0.15) ? root : el
      const roll = rng.int(3)
      if (roll === 0) {
        // Another prefix (declared or not), or none.
        const prefix = rng.pick([...declared, 'x', ''])
        const renamed = prefix ? `${prefix}:${localName(target.name)}` : localName(target.name)
        const before = target.name
        target.name = renamed
        return `prefix of ${before} → ${renamed}`
      }
      // Its own prefix (or a declared one) bound to a wrong namespace, here or on the root.
      const prefix = roll === 1 ? prefixOf(target.name) : rng.pick(declared)
      const on = roll === 1 ? target : root
      const attr = prefix ? `xmlns:${prefix}` : 'xmlns'
      const uri = rng.pick(WRONG_NAMESPACES)
      on.attrs = [...on.attrs.filter(([k]) => k !== attr), [attr, uri]]
      return `${attr} on ${on.name} → ${uri}`
    }
    case 'nest': {
      const depth = all.find((e) => e.node === el)!.depth
      const levels = 1 + rng.int(Math.max(1, DEPTH_LIMIT - depth - 1))
      let wrapped: XNode = el
      for (let i = 0; i < levels; i++) wrapped = { name: el.name, attrs: [], children: [wrapped] }
      siblings[at] = wrapped
      return `nest ${el.name} in ${levels} copies of itself`
    }
    default:
      throw new Error(`not a tree mutation: ${kind}`)
  }
}

/** About `length` characters of one repeated unit (markup characters are escaped when serialised). */
function hugeString(rng: Rng, length: number): string {
  const unit = rng.pick(['a', 'é', '\u{1F600}', 'AAMkAD', '<>&"', ' '])
  return unit.repeat(Math.ceil(length / unit.length))
}

/** Applies one text mutation; returns the new body and its description. */
function mutateText(
  rng: Rng,
  body: string | Uint8Array,
  kind: MutationKind,
  invalidChars: readonly string[],
): { body: string | Uint8Array; what: string } {
  const text = typeof body === 'string' ? body : Buffer.from(body).toString('latin1')
  switch (kind) {
    case 'truncate': {
      const at = rng.int(text.length)
      return { body: sliceBody(body, at), what: `truncate at ${at} of ${text.length}` }
    }
    case 'bytes': {
      const bytes = Buffer.from(typeof body === 'string' ? Buffer.from(body, 'utf8') : body)
      const at = rng.int(bytes.length + 1)
      const junk = Buffer.from(Array.from({ length: 1 + rng.int(16) }, () => rng.int(256)))
      return {
        body: Buffer.concat([bytes.subarray(0, at), junk, bytes.subarray(at)]),
        what: `${junk.length} random bytes at ${at}`,
      }
    }
    case 'char': {
      const s = typeof body === 'string' ? body : Buffer.from(body).toString('utf8')
      const at = rng.int(s.length + 1)
      const c = rng.pick(invalidChars)
      return {
        body: s.slice(0, at) + c + s.slice(at),
        what: `U+${c.charCodeAt(0).toString(16).padStart(4, '0')} at ${at}`,
      }
    }
    case 'doctype': {
      const s = typeof body === 'string' ? body : Buffer.from(body).toString('utf8')
      const dtd = rng.pick([
        '<!DOCTYPE s:Envelope [<!ENTITY x "xxxxxxxxxx">]>',
        '<!DOCTYPE lol [<!ENTITY a "a"><!ENTITY b "&a;&a;&a;&a;">]>',
        '<!DOCTYPE x SYSTEM "file:///etc/passwd">',
      ])
      const decl = /^<\?xml[^>]*\?>\n?/.exec(s)?.[0] ?? ''
      return { body: decl + dtd + s.slice(decl.length), what: 'DOCTYPE' }
    }
    case 'soap12': {
      const s = typeof body === 'string' ? body : Buffer.from(body).toString('utf8')
      return { body: s.split(NS.s).join(NS.s12), what: 'SOAP 1.2 envelope' }
    }
    case 'too-deep': {
      const s = typeof body === 'string' ? body : Buffer.from(body).toString('utf8')
      const at = s.lastIndexOf('</')
      const levels = DEPTH_LIMIT + 1 + rng.int(5000)
      const nest = `${'<t:X>'.repeat(levels)}${'</t:X>'.repeat(levels)}`
      return { body: s.slice(0, at) + nest + s.slice(at), what: `${levels} nested elements` }
    }
    case 'encoding': {
      const s = typeof body === 'string' ? body : Buffer.from(body).toString('utf8')
      const roll = rng.int(3)
      if (roll === 0)
        return {
          body: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, 'utf16le')]),
          what: 'UTF-16LE with BOM',
        }
      if (roll === 1) return { body: Buffer.from(s, 'utf16le'), what: 'UTF-16LE without BOM' }
      return { body: Buffer.from(`${s}é`, 'latin1'), what: 'Latin-1' }
    }
    default:
      throw new Error(`not a text mutation: ${kind}`)
  }
}

function sliceBody(body: string | Uint8Array, at: number): string | Uint8Array {
  return typeof body === 'string' ? body.slice(0, at) : body.subarray(0, at)
}

/** How often a mutation is picked, relative to the others (the big ones are slow to send and read). */
const WEIGHT: Partial<Record<MutationKind, number>> = { huge: 0.5, repeat: 0.5, 'too-deep': 0.5 }

function pickWeighted(rng: Rng, kinds: readonly MutationKind[]): MutationKind {
  const total = kinds.reduce((sum, k) => sum + (WEIGHT[k] ?? 1), 0)
  let x = rng.next() * total
  for (const k of kinds) {
    x -= WEIGHT[k] ?? 1
    if (x < 0) return k
  }
  return kinds[kinds.length - 1]!
}

/**
 * The `count` cases of a seed: each a corpus entry with one to three mutations of `kinds` (one
 * half the time)
 * (structure first, then text), generated one at a time (some are megabytes). Deterministic in
 * (seed, count, kinds, ids).
 */
export interface GenerateOptions {
  /** Mutations to draw from (all by default). */
  kinds?: readonly MutationKind[]
  /** Most copies 'repeat' makes of a batch element (MAX_BATCH_REPEAT by default). */
  maxBatchRepeat?: number
  /**
   * Leave out what triggers the defects already reported (KNOWN_DEFECTS), so that a run finds new
   * ones: U+FFFE and U+FFFF are not among the invalid characters 'char' inserts.
   */
  avoidKnownDefects?: boolean
}

export function* generateCases(
  seed: number,
  count: number,
  ids: CorpusIds,
  options: GenerateOptions = {},
): Generator<FuzzCase> {
  const {
    kinds = ALL_MUTATIONS,
    maxBatchRepeat = MAX_BATCH_REPEAT,
    avoidKnownDefects = false,
  } = options
  const invalidChars = avoidKnownDefects
    ? INVALID_CHARS.filter((c) => c !== '\ufffe' && c !== '\uffff')
    : INVALID_CHARS
  const rng = new Rng(seed)
  for (let index = 0; index < count; index++) {
    const entry = rng.pick(corpus(ids, rng))
    const n = rng.chance(0.5) ? 1 : rng.chance(0.7) ? 2 : 3
    const chosen = Array.from({ length: n }, () => pickWeighted(rng, kinds))
    const isTree = (k: MutationKind): boolean => (TREE_MUTATIONS as readonly string[]).includes(k)
    const tree = chosen.filter(isTree)
    const text = chosen.filter((k) => !isTree(k))
    const mutations: string[] = []
    let body: string | Uint8Array = entry.body
    if (tree.length > 0) {
      const { decl, root } = parseTree(entry.body)
      for (const k of tree) mutations.push(mutateTree(rng, root, k, maxBatchRepeat))
      body = decl + serialize(root).join('')
    }
    for (const k of text) {
      const out = mutateText(rng, body, k, invalidChars)
      body = out.body
      mutations.push(out.what)
    }
    yield { index, seedName: entry.name, mutations, body }
  }
}

// ---------------------------------------------------------------------------------------------
// Checking answers

function childElementsOf(el: Element): Element[] {
  const out: Element[] = []
  for (let c = el.firstChild; c; c = c.nextSibling) if (c.nodeType === 1) out.push(c as Element)
  return out
}

export interface Verdict {
  /** `<status> <code>` for the tally, e.g. `200 NoError`, `500 ErrorSchemaValidation`, `413`. */
  key: string
  codes: string[]
  /** Why this answer is a crash; undefined when it is an acceptable answer. */
  problem: string | undefined
}

/** Anything outside the XML 1.0 Char production. */
const NOT_XML_CHAR = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u

/** Checks one answer (see the top of this file for what is acceptable). */
export function checkAnswer(
  status: number,
  contentType: string,
  text: string,
  responseCodes: ReadonlySet<string>,
): Verdict {
  if (status === 413) return { key: '413', codes: [], problem: undefined }
  const fail = (problem: string, codes: string[] = []): Verdict => ({
    key: `${status} ${codes.join(',') || '(no code)'}`,
    codes,
    problem,
  })
  if (status !== 200 && status !== 500) return fail(`HTTP ${status}`)
  if (!/^text\/xml\b/.test(contentType))
    return fail(`HTTP ${status} with Content-Type ${contentType}`)
  const bad = NOT_XML_CHAR.exec(text)
  if (bad)
    return fail(
      `HTTP ${status} with a character XML does not allow: U+${bad[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')} at ${bad.index}`,
    )
  let doc: Document
  try {
    doc = new DOMParser({
      onError: (level, message) => {
        // U+FFFD is an XML character like any other; xmldom only suspects an encoding problem.
        if (level === 'warning' && /replacement character/i.test(message)) return
        throw new Error(message)
      },
    }).parseFromString(text, 'text/xml')
  } catch (e) {
    return fail(`HTTP ${status} with ill-formed XML: ${(e as Error).message.slice(0, 200)}`)
  }
  const env = doc.documentElement
  if (!env || env.localName !== 'Envelope' || env.namespaceURI !== NS.s)
    return fail(`HTTP ${status} whose root is not a SOAP 1.1 Envelope`)
  const body = childElementsOf(env).find((e) => e.localName === 'Body' && e.namespaceURI === NS.s)
  const first = body && childElementsOf(body)[0]
  if (!first) return fail(`HTTP ${status} with an empty soap:Body`)
  let codes: string[]
  if (status === 500) {
    if (first.localName !== 'Fault' || first.namespaceURI !== NS.s)
      return fail('HTTP 500 that is not a SOAP fault')
    const detail = childElementsOf(first).find((e) => e.localName === 'detail')
    codes = (detail ? childElementsOf(detail) : [])
      .filter((e) => e.localName === 'ResponseCode' && e.namespaceURI === NS.e)
      .map((e) => e.textContent ?? '')
    if (codes.length !== 1) return fail('a SOAP fault without one detail/e:ResponseCode', codes)
  } else {
    if (first.namespaceURI !== NS.m || !first.localName?.endsWith('Response'))
      return fail(`HTTP 200 whose body is {${first.namespaceURI ?? ''}}${first.localName ?? ''}`)
    const messages = childElementsOf(first).find((e) => e.localName === 'ResponseMessages')
    const list = messages ? childElementsOf(messages) : []
    codes = list.map(
      (m) => childElementsOf(m).find((e) => e.localName === 'ResponseCode')?.textContent ?? '',
    )
    if (codes.length === 0) return fail('HTTP 200 without response messages')
  }
  const key = `${status} ${[...new Set(codes)].sort().join(',')}`
  const unknown = codes.filter((c) => !responseCodes.has(c))
  if (unknown.length > 0)
    return { key, codes, problem: `ResponseCode not in ResponseCodeType: ${unknown.join(', ')}` }
  if (codes.includes('ErrorInternalServerError'))
    return { key, codes, problem: 'ErrorInternalServerError: an operation threw' }
  return { key, codes, problem: undefined }
}

// ---------------------------------------------------------------------------------------------
// Running

export interface FuzzProblem {
  index: number
  seedName: string
  mutations: string[]
  problem: string
  /** The start of the answer, for the report. */
  answer: string
}

export interface FuzzReport {
  requests: number
  /** Answers by `<status> <codes>`. */
  byKey: Map<string, number>
  /** Answers by response code (each code of each answer). */
  byCode: Map<string, number>
  problems: FuzzProblem[]
  ms: number
}

export interface RunOptions {
  url: string
  user: string
  password: string
  responseCodes: ReadonlySet<string>
  /** Requests in flight at once (the cases are still generated in order). */
  concurrency?: number
  /** An answer not complete by then is a hang. */
  timeoutMs?: number
}

/**
 * Sends the cases to a server (keep-alive fetch, `concurrency` at a time) and checks each answer.
 * With concurrency 1 the store sees the requests in generation order: fully reproducible.
 */
export async function runCases(
  cases: Iterable<FuzzCase>,
  options: RunOptions,
): Promise<FuzzReport> {
  const { url, user, password, responseCodes, concurrency = 4, timeoutMs = 10_000 } = options
  const started = performance.now()
  const report: FuzzReport = {
    requests: 0,
    byKey: new Map(),
    byCode: new Map(),
    problems: [],
    ms: 0,
  }
  const authorization = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`
  const send = async (c: FuzzCase): Promise<void> => {
    report.requests++
    let verdict: Verdict
    let text = ''
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { Authorization: authorization, 'Content-Type': 'text/xml; charset=utf-8' },
        body: typeof c.body === 'string' ? c.body : new Uint8Array(c.body),
        signal: AbortSignal.timeout(timeoutMs),
      })
      text = await res.text()
      verdict = checkAnswer(res.status, res.headers.get('content-type') ?? '', text, responseCodes)
    } catch (e) {
      const name = (e as Error).name
      verdict = {
        key: name === 'TimeoutError' ? 'hang' : 'no answer',
        codes: [],
        problem:
          name === 'TimeoutError'
            ? `no answer within ${timeoutMs} ms`
            : `no answer: ${(e as Error).message} ${String((e as { cause?: unknown }).cause ?? '')}`,
      }
    }
    report.byKey.set(verdict.key, (report.byKey.get(verdict.key) ?? 0) + 1)
    for (const code of verdict.codes) report.byCode.set(code, (report.byCode.get(code) ?? 0) + 1)
    if (verdict.problem) {
      report.problems.push({
        index: c.index,
        seedName: c.seedName,
        mutations: c.mutations,
        problem: verdict.problem,
        answer: text.slice(0, 300),
      })
    }
  }
  const iterator = cases[Symbol.iterator]()
  const worker = async (): Promise<void> => {
    for (let next = iterator.next(); !next.done; next = iterator.next()) await send(next.value)
  }
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker))
  report.problems.sort((x, y) => x.index - y.index)
  report.ms = performance.now() - started
  return report
}
