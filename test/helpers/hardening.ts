/**
 * Helpers of the hardening tests (isolation, impersonation, fuzzing, concurrency): full snapshots
 * of mailboxes read through the store, request builders the item/folder helpers do not have
 * (subscriptions, syncs, ExchangeImpersonation), and a keep-alive HTTP client for a real server.
 */
import type { EwsApp, RunningServer } from '../../mock-ews/index.ts'
import { answer, envelope, NS, PASSWORD } from './ews.ts'
import type { SoapAnswer } from './ews.ts'

/**
 * Everything the store holds for one mailbox, as text: every folder (root included) with its id,
 * change key, name and counts, every item of every folder (search folders too) with all its fields,
 * and the mailbox's hierarchy and item sequence numbers. Equal text: an unchanged mailbox.
 */
export function mailboxSnapshot(ews: EwsApp, address: string): string {
  const { store } = ews
  const root = store.getDistinguishedFolder(address, 'root')
  const folders = [root, ...store.findFolders(address, root.folderId.id, true)].sort((a, b) =>
    a.folderId.id.localeCompare(b.folderId.id),
  )
  return JSON.stringify({
    address,
    hierarchySeq: store.hierarchySeq(address),
    itemSeq: store.itemSeq(address),
    folders: folders.map((f) => ({
      ...f,
      items: store.findItems(address, f.folderId.id, { view: { kind: 'all' } }).items,
    })),
  })
}

/** Snapshots of every mailbox of the store. */
export function storeSnapshot(ews: EwsApp): string {
  return JSON.stringify(
    ews.store
      .listMailboxes()
      .map((m) => m.address)
      .sort()
      .map((address) => mailboxSnapshot(ews, address)),
  )
}

/** The folder of `user` with this display name, anywhere in the mailbox (e.g. Missed Conversations). */
export function storedFolderNamed(ews: EwsApp, user: string, displayName: string) {
  const root = ews.store.getDistinguishedFolder(user, 'root')
  const folder = ews.store
    .findFolders(user, root.folderId.id, true)
    .find((f) => f.displayName === displayName)
  if (!folder) throw new Error(`${user} has no folder named ${displayName}`)
  return folder
}

export const ALL_EVENT_TYPES = [
  'CopiedEvent',
  'CreatedEvent',
  'DeletedEvent',
  'ModifiedEvent',
  'MovedEvent',
  'NewMailEvent',
  'FreeBusyChangedEvent',
] as const

/** A pull Subscribe on folder id elements (or every folder when `folders` is 'all'). */
export function subscribeXml(folders: string | 'all', timeout = 30): string {
  const all = folders === 'all'
  return (
    `<m:Subscribe><m:PullSubscriptionRequest${all ? ' SubscribeToAllFolders="true"' : ''}>` +
    (all ? '' : `<t:FolderIds>${folders}</t:FolderIds>`) +
    `<t:EventTypes>${ALL_EVENT_TYPES.map((e) => `<t:EventType>${e}</t:EventType>`).join('')}</t:EventTypes>` +
    `<t:Timeout>${timeout}</t:Timeout></m:PullSubscriptionRequest></m:Subscribe>`
  )
}

export function getEventsXml(subscriptionId: string, watermark: string): string {
  return `<m:GetEvents><m:SubscriptionId>${subscriptionId}</m:SubscriptionId><m:Watermark>${watermark}</m:Watermark></m:GetEvents>`
}

export function unsubscribeXml(subscriptionId: string): string {
  return `<m:Unsubscribe><m:SubscriptionId>${subscriptionId}</m:SubscriptionId></m:Unsubscribe>`
}

/** SyncFolderItems of one folder id element, from a sync state when given. */
export function syncFolderItemsXml(folder: string, syncState?: string, max = 100): string {
  return (
    `<m:SyncFolderItems><m:ItemShape><t:BaseShape>AllProperties</t:BaseShape></m:ItemShape>` +
    `<m:SyncFolderId>${folder}</m:SyncFolderId>` +
    (syncState === undefined ? '' : `<m:SyncState>${syncState}</m:SyncState>`) +
    `<m:MaxChangesReturned>${max}</m:MaxChangesReturned></m:SyncFolderItems>`
  )
}

/** SyncFolderHierarchy below one folder id element (the whole mailbox when absent), from a sync state when given. */
export function syncFolderHierarchyXml(folder?: string, syncState?: string): string {
  return (
    `<m:SyncFolderHierarchy><m:FolderShape><t:BaseShape>AllProperties</t:BaseShape></m:FolderShape>` +
    (folder === undefined ? '' : `<m:SyncFolderId>${folder}</m:SyncFolderId>`) +
    (syncState === undefined ? '' : `<m:SyncState>${syncState}</m:SyncState>`) +
    '</m:SyncFolderHierarchy>'
  )
}

/** `<t:DistinguishedFolderId>` naming the mailbox it is in, as exchangelib always sends it. */
export function distinguishedIn(name: string, mailbox: string): string {
  return `<t:DistinguishedFolderId Id="${name}"><t:Mailbox><t:EmailAddress>${mailbox}</t:EmailAddress></t:Mailbox></t:DistinguishedFolderId>`
}

/** The ConnectingSID forms of ExchangeImpersonation (types.xsd ConnectingSIDType, minus SID). */
export type ConnectingSidKind = 'PrimarySmtpAddress' | 'SmtpAddress' | 'PrincipalName'

/** An ExchangeImpersonation header: ConnectingSID with one id element, or any raw inner XML. */
export function impersonationHeader(
  target: string | { raw: string },
  kind: ConnectingSidKind = 'PrimarySmtpAddress',
): string {
  const inner =
    typeof target === 'string'
      ? `<t:ConnectingSID><t:${kind}>${target}</t:${kind}></t:ConnectingSID>`
      : target.raw
  return `<t:ExchangeImpersonation>${inner}</t:ExchangeImpersonation>`
}

/** A request as exchangelib writes it with access_type=IMPERSONATION (reference §1.2, §1.5). */
export function impersonatingEnvelope(body: string, header: string): string {
  return (
    `<?xml version='1.0' encoding='utf-8'?>\n<s:Envelope xmlns:s="${NS.s}" xmlns:m="${NS.m}" xmlns:t="${NS.t}">` +
    `<s:Header><t:RequestServerVersion Version="Exchange2016"/>${header}` +
    '<t:TimeZoneContext><t:TimeZoneDefinition Id="UTC"/></t:TimeZoneContext></s:Header>' +
    `<s:Body>${body}</s:Body></s:Envelope>`
  )
}

/** A raw HTTP answer of a real server. */
export interface RawAnswer {
  status: number
  text: string
}

/**
 * POSTs to a real server with Node's fetch (undici: keep-alive connections, reused between calls).
 * A request that gets no answer within `timeoutMs` rejects (a hang, for the caller to report).
 */
export async function postRaw(
  server: RunningServer,
  body: string | Uint8Array,
  user = 'alice@contoso.com',
  timeoutMs = 10_000,
): Promise<RawAnswer> {
  const res = await fetch(server.ewsUrl, {
    method: 'POST',
    headers: {
      Authorization: `Basic ${Buffer.from(`${user}:${PASSWORD}`).toString('base64')}`,
      'Content-Type': 'text/xml; charset=utf-8',
    },
    body: typeof body === 'string' ? body : new Uint8Array(body),
    signal: AbortSignal.timeout(timeoutMs),
  })
  return { status: res.status, text: await res.text() }
}

/** One operation in the standard envelope, to a real server, read as a SoapAnswer. */
export async function callServer(
  server: RunningServer,
  operation: string,
  user?: string,
): Promise<SoapAnswer> {
  const raw = await postRaw(server, envelope(operation), user)
  return answer(raw.status, {}, raw.text)
}

/** Runs `fn` over `items` with at most `limit` calls in flight; results in input order. */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length)
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++
      results[i] = await fn(items[i]!, i)
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
  return results
}
