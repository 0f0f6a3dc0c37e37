/**
 * What the benchmark scripts share: the machine line, the RESULT line, percentiles, SOAP envelopes
 * as clients send them, and filling a folder straight through the store (creating 100k items over
 * SOAP would take minutes).
 */
import { spawn } from 'node:child_process'
import { createRequire } from 'node:module'
import { cpus, totalmem } from 'node:os'
import { createEwsApp, FakeClock, seededIds } from '../../mock-ews/index.ts'
import type { EwsApp, MailboxStore } from '../../mock-ews/index.ts'

export const USER = 'alice@contoso.com'
export const PASSWORD = 'P@ssw0rd'
export const AUTHORIZATION = `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}`
const M = 'http://schemas.microsoft.com/exchange/services/2006/messages'
const T = 'http://schemas.microsoft.com/exchange/services/2006/types'
const START_MS = Date.parse('2016-06-01T00:00:00Z')

export function log(line = ''): void {
  process.stdout.write(`${line}\n`)
}

export function machine(): void {
  log(
    `machine: ${cpus().length} cores (${cpus()[0]?.model.trim() ?? 'unknown cpu'}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}, ${process.platform}/${process.arch}`,
  )
}

/** `RESULT a=1 b=2`: the one line runs are compared by. */
export function result(figures: Record<string, number | string>): void {
  log(
    `RESULT ${Object.entries(figures)
      .map(([k, v]) => `${k}=${typeof v === 'number' ? fixed(v) : v}`)
      .join(' ')}`,
  )
}

export function fixed(v: number): string {
  return Number.isInteger(v) ? String(v) : v >= 100 ? v.toFixed(0) : v.toFixed(3)
}

/** Nearest-rank percentile of ascending samples. */
export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!
}

/** Numeric `--name value` options with defaults. */
export function options<T extends Record<string, number>>(defaults: T): T {
  const out: Record<string, number> = { ...defaults }
  const args = process.argv.slice(2)
  for (let i = 0; i < args.length; i++) {
    const name = args[i]!.replace(/^--/, '')
    if (!(name in out))
      throw new Error(`unknown option --${name} (known: ${Object.keys(out).join(', ')})`)
    const v = Number(args[++i])
    if (!Number.isFinite(v)) throw new Error(`--${name} needs a number`)
    out[name] = v
  }
  return out as T
}

const AUTOCANNON = createRequire(import.meta.url).resolve('autocannon/autocannon.js')

export interface Load {
  /** Requests answered, and over how many seconds. */
  total: number
  seconds: number
  p50: number
  p99: number
}

/**
 * POSTs `body` to `url` as alice from autocannon in a child process — the load generator gets a
 * core of its own instead of sharing the server's event loop — over keep-alive connections without
 * pipelining, for `seconds` or until `amount` requests. Fails on any non-2xx answer or error.
 */
export function load(
  url: string,
  body: string,
  o: { connections: number; seconds?: number; amount?: number },
): Promise<Load> {
  const args = [AUTOCANNON, '-c', String(o.connections), '-p', '1', '-m', 'POST', '-j']
  if (o.amount !== undefined) args.push('-a', String(o.amount))
  else {
    const seconds = o.seconds ?? 10
    // autocannon stops on a sample tick: sample at least once per run.
    args.push('-d', String(seconds), '-L', String(Math.min(1000, seconds * 1000)))
  }
  args.push('-H', `authorization=${AUTHORIZATION}`, '-H', 'content-type=text/xml; charset=utf-8')
  args.push('-b', body, url)
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    let err = ''
    child.stdout.on('data', (d: Buffer) => (out += d.toString()))
    child.stderr.on('data', (d: Buffer) => (err += d.toString()))
    child.once('error', reject)
    child.once('exit', (code) => {
      try {
        const r = JSON.parse(out) as {
          requests: { total: number }
          duration: number
          latency: { p50: number; p99: number }
          non2xx: number
          errors: number
        }
        if (code !== 0 || r.non2xx || r.errors)
          throw new Error(`${r.non2xx} non-2xx answers, ${r.errors} errors`)
        resolve({
          total: r.requests.total,
          seconds: r.duration,
          p50: r.latency.p50,
          p99: r.latency.p99,
        })
      } catch (e) {
        reject(
          new Error(
            `autocannon exit ${code}: ${(e as Error).message}\n${out.slice(0, 300)}${err.slice(0, 300)}`,
          ),
        )
      }
    })
  })
}

export function envelope(body: string): string {
  return (
    `<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:m="${M}" xmlns:t="${T}">` +
    '<soap:Header><t:RequestServerVersion Version="Exchange2013"/></soap:Header>' +
    `<soap:Body>${body}</soap:Body></soap:Envelope>`
  )
}

export function findItemXml(folderId: string, offset: number, max = 50): string {
  return envelope(
    '<m:FindItem Traversal="Shallow"><m:ItemShape><t:BaseShape>Default</t:BaseShape></m:ItemShape>' +
      `<m:IndexedPageItemView MaxEntriesReturned="${max}" Offset="${offset}" BasePoint="Beginning"/>` +
      `<m:ParentFolderIds><t:FolderId Id="${folderId}"/></m:ParentFolderIds></m:FindItem>`,
  )
}

export function getItemXml(itemId: string): string {
  return envelope(
    '<m:GetItem><m:ItemShape><t:BaseShape>Default</t:BaseShape></m:ItemShape>' +
      `<m:ItemIds><t:ItemId Id="${itemId}"/></m:ItemIds></m:GetItem>`,
  )
}

/** An offline IM as the client sends it: SendAndSaveCopy, the copy in conversationhistory. */
export function offlineImXml(to: string): string {
  return envelope(
    '<m:CreateItem MessageDisposition="SendAndSaveCopy">' +
      '<m:SavedItemFolderId><t:DistinguishedFolderId Id="conversationhistory"/></m:SavedItemFolderId>' +
      '<m:Items><t:Message><t:ItemClass>IPM.Note.Microsoft.Missed</t:ItemClass>' +
      '<t:Subject>Alice sent you a message in Skype for Business</t:Subject>' +
      '<t:Body BodyType="HTML">&lt;div&gt;Are you free at 10?&lt;/div&gt;</t:Body>' +
      `<t:ToRecipients><t:Mailbox><t:EmailAddress>${to}</t:EmailAddress></t:Mailbox></t:ToRecipients>` +
      '</t:Message></m:Items></m:CreateItem>',
  )
}

export function syncFolderItemsXml(folderId: string, syncState: string | undefined): string {
  return envelope(
    '<m:SyncFolderItems><m:ItemShape><t:BaseShape>IdOnly</t:BaseShape></m:ItemShape>' +
      `<m:SyncFolderId><t:FolderId Id="${folderId}"/></m:SyncFolderId>` +
      (syncState ? `<m:SyncState>${syncState}</m:SyncState>` : '') +
      '<m:MaxChangesReturned>512</m:MaxChangesReturned></m:SyncFolderItems>',
  )
}

/** A new folder below alice's Inbox with `count` messages received one second apart. */
export function fillFolder(
  store: MailboxStore,
  count: number,
  options: { bodyBytes?: number; name?: string } = {},
): string {
  const inbox = store.getDistinguishedFolder(USER, 'inbox').folderId.id
  const folder = store.createFolder(USER, inbox, {
    displayName: options.name ?? `Bench ${count}`,
    kind: 'Folder',
  })
  const filler = 'x'.repeat(Math.max(0, (options.bodyBytes ?? 0) - 24))
  for (let i = 0; i < count; i++) addItem(store, folder.folderId.id, i, filler)
  return folder.folderId.id
}

export function addItem(store: MailboxStore, folderId: string, i: number, filler = ''): string {
  const at = new Date(START_MS + i * 1000)
  return store.createItem(USER, folderId, {
    itemClass: 'IPM.Note',
    subject: `Message ${i}`,
    body: { type: 'Text', text: `Body of message ${i}${filler}` },
    importance: 'Normal',
    categories: [],
    isRead: true,
    isDraft: false,
    from: { name: 'Bob', address: 'bob@contoso.com' },
    toRecipients: [{ name: 'Alice', address: USER }],
    ccRecipients: [],
    bccRecipients: [],
    internetMessageId: `<bench-${folderId.slice(-8)}-${i}@contoso.com>`,
    dateTimeSent: at,
    dateTimeReceived: at,
  }).itemId.id
}

/** alice's Drafts with `count` drafts to bob, received one second apart; returns the folder id. */
export function fillDrafts(store: MailboxStore, count: number): string {
  const drafts = store.getDistinguishedFolder(USER, 'drafts').folderId.id
  for (let i = 0; i < count; i++) {
    store.createItem(USER, drafts, {
      itemClass: 'IPM.Note',
      subject: `Draft ${i}`,
      body: { type: 'Text', text: `Body of draft ${i}` },
      importance: 'Normal',
      categories: [],
      isRead: true,
      isDraft: true,
      from: { name: 'Alice', address: USER },
      toRecipients: [{ name: 'Bob', address: 'bob@contoso.com' }],
      ccRecipients: [],
      bccRecipients: [],
      internetMessageId: `<draft-${i}@contoso.com>`,
      dateTimeSent: undefined,
      dateTimeReceived: new Date(Date.parse('2016-06-01T00:00:00Z') + i * 1000),
    })
  }
  return drafts
}

/** POSTs one SOAP request as alice and returns the answer (throws unless HTTP 200 and NoError). */
export async function post(url: string, body: string): Promise<string> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { authorization: AUTHORIZATION, 'content-type': 'text/xml; charset=utf-8' },
    body,
  })
  const text = await res.text()
  if (res.status !== 200 || !text.includes('NoError'))
    throw new Error(`HTTP ${res.status}: ${text.slice(0, 600)}`)
  return text
}

/** A mock-ews with a folder of `items` messages below alice's Inbox, and one more to GetItem. */
export function benchApp(items: number): EwsApp & { folderId: string; itemId: string } {
  const ews = createEwsApp({ ids: seededIds(1), clock: new FakeClock('2016-06-10T09:00:00Z') })
  const folderId = fillFolder(ews.store, items)
  return { ...ews, folderId, itemId: addItem(ews.store, folderId, items) }
}
