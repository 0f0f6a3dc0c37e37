/**
 * Seeding: items from a small JSON format (README "Seeding items"), read by the same checks
 * whether they come in `POST /__admin/mailboxes/:address/folders/:folder/items` or under a user of
 * the topology file (`mailbox:`; errors then carry the file's line and column). All items of a
 * request are checked before the first is stored, and a store refusal (a quota) takes back the
 * items already stored: a seed lands whole or not at all.
 */
import type { FileAttachment } from '../domain/attachments.ts'
import type { EmailAddress, Importance, ItemFields } from '../domain/items.ts'
import type { MailboxStore } from '../store/mailbox-store.ts'
import type { Clock } from '../support/clock.ts'
import type { IdGenerator } from '../support/ids.ts'
import { formatPath } from '../topology/load.ts'
import { Reader } from '../topology/reader.ts'
import type { Path } from '../topology/reader.ts'
import { BadRequest } from './admin-guard.ts'

/** One item of the JSON format, checked (README "Seeding items"). */
export interface SeedItem {
  class: string
  subject: string
  body: { type: 'Text' | 'HTML'; text: string }
  from: EmailAddress | undefined
  to: EmailAddress[]
  cc: EmailAddress[]
  bcc: EmailAddress[]
  isRead: boolean
  isDraft: boolean
  importance: Importance
  categories: string[]
  /** ISO dates; absent: the clock's time when stored. */
  receivedAt: string | undefined
  sentAt: string | undefined
  internetMessageId: string | undefined
  attachments: { name: string; contentType: string; content: string; isInline: boolean }[]
}

const KEYS = [
  'class',
  'subject',
  'body',
  'from',
  'to',
  'cc',
  'bcc',
  'isRead',
  'isDraft',
  'importance',
  'categories',
  'receivedAt',
  'sentAt',
  'internetMessageId',
  'attachments',
]
const ADDRESS = /^[^@\s<>]+@[^@\s<>]+$/
const BASE64 = /^[A-Za-z0-9+/\s]*={0,2}\s*$/
/** Folders a topology file may pre-fill (`mailbox:` under a user), by distinguished name. */
export const SEEDABLE_FOLDERS = [
  'inbox',
  'drafts',
  'sentitems',
  'deleteditems',
  'outbox',
  'junkemail',
  'conversationhistory',
] as const
/** Items one seed request may carry. */
export const MAX_SEED_ITEMS = 1000

/** Reads one item of the format at `path`; `r.fail` says where and what was expected. */
export function readSeedItem(r: Reader, value: unknown, path: Path): SeedItem {
  const o = r.object(value, path, KEYS)
  const at = (k: string): Path => [...path, k]
  const str = (k: string, fallback: string): string => {
    if (o[k] === undefined) return fallback
    if (typeof o[k] !== 'string') r.fail(at(k), 'a string')
    return o[k] as string
  }
  const bool = (k: string, fallback: boolean): boolean =>
    o[k] === undefined ? fallback : r.boolean(o[k], at(k))
  const date = (k: string): string | undefined => {
    if (o[k] === undefined) return undefined
    const s = r.string(o[k], at(k), 'an ISO date such as 2016-06-10T09:00:00Z')
    if (Number.isNaN(Date.parse(s))) r.fail(at(k), 'an ISO date such as 2016-06-10T09:00:00Z')
    return new Date(s).toISOString()
  }
  const address = (v: unknown, p: Path): EmailAddress => {
    const expected = 'an address "bob@contoso.com" or { name, address }'
    if (typeof v === 'string' && ADDRESS.test(v.trim()))
      return { name: undefined, address: v.trim() }
    const a = r.object(v, p, ['name', 'address'])
    const name = a.name === undefined ? undefined : r.string(a.name, [...p, 'name'], 'a name')
    return { name, address: r.string(a.address, [...p, 'address'], expected, ADDRESS) }
  }
  const addresses = (k: string): EmailAddress[] =>
    o[k] === undefined ? [] : r.array(o[k], at(k), 0).map((v, i) => address(v, [...at(k), i]))
  let body: SeedItem['body'] = { type: 'Text', text: '' }
  if (typeof o.body === 'string') body = { type: 'Text', text: o.body }
  else if (o.body !== undefined) {
    const b = r.object(o.body, at('body'), ['type', 'text'])
    const type = b.type ?? 'Text'
    if (type !== 'Text' && type !== 'HTML') r.fail([...at('body'), 'type'], '"Text" or "HTML"')
    if (typeof b.text !== 'string') r.fail([...at('body'), 'text'], 'a string')
    body = { type: type as 'Text' | 'HTML', text: b.text as string }
  }
  const importance = str('importance', 'Normal')
  if (!['Low', 'Normal', 'High'].includes(importance))
    r.fail(at('importance'), '"Low", "Normal" or "High"')
  const categories =
    o.categories === undefined
      ? []
      : r
          .array(o.categories, at('categories'), 0)
          .map((c, i) => r.string(c, [...at('categories'), i], 'a category name'))
  const attachments =
    o.attachments === undefined
      ? []
      : r.array(o.attachments, at('attachments'), 0).map((v, i) => {
          const p = [...at('attachments'), i]
          const a = r.object(v, p, ['name', 'contentType', 'content', 'isInline'])
          const content = a.content ?? ''
          if (typeof content !== 'string' || !BASE64.test(content))
            r.fail([...p, 'content'], 'the content in base64')
          return {
            name: r.string(a.name, [...p, 'name'], 'a file name'),
            contentType:
              a.contentType === undefined
                ? 'application/octet-stream'
                : r.string(a.contentType, [...p, 'contentType'], 'a MIME type such as text/plain'),
            content: content as string,
            isInline: a.isInline === undefined ? false : r.boolean(a.isInline, [...p, 'isInline']),
          }
        })
  return {
    class: o.class === undefined ? 'IPM.Note' : r.string(o.class, at('class'), 'an item class'),
    subject: str('subject', ''),
    body,
    from: o.from === undefined ? undefined : address(o.from, at('from')),
    to: addresses('to'),
    cc: addresses('cc'),
    bcc: addresses('bcc'),
    isRead: bool('isRead', false),
    isDraft: bool('isDraft', false),
    importance: importance as Importance,
    categories,
    receivedAt: date('receivedAt'),
    sentAt: date('sentAt'),
    internetMessageId: o.internetMessageId === undefined ? undefined : str('internetMessageId', ''),
    attachments,
  }
}

/** One item or a list of them from an admin request body; BadRequest names the field. */
export function readSeedBody(body: unknown): SeedItem[] {
  const r = new Reader((path, expected) => {
    throw new BadRequest(`${formatPath(path) || 'the body'}: expected ${expected}`)
  })
  if (!Array.isArray(body)) return [readSeedItem(r, body, [])]
  if (body.length > MAX_SEED_ITEMS)
    throw new BadRequest(`At most ${MAX_SEED_ITEMS} items may be seeded at once.`)
  return body.map((v, i) => readSeedItem(r, v, [i]))
}

/** The stored fields of a seed item, at `now` when it names no dates. */
export function seedFields(item: SeedItem, now: Date, ids: IdGenerator): ItemFields {
  const received = item.receivedAt ? new Date(item.receivedAt) : now
  const attachments: FileAttachment[] = item.attachments.map((a, i) => ({
    key: i + 1,
    name: a.name,
    contentType: a.contentType,
    contentId: undefined,
    isInline: a.isInline,
    lastModifiedTime: received.getTime(),
    content: Buffer.from(a.content, 'base64'),
  }))
  return {
    itemClass: item.class,
    subject: item.subject,
    body: item.body,
    importance: item.importance,
    categories: item.categories,
    isRead: item.isRead,
    isDraft: item.isDraft,
    from: item.from,
    toRecipients: item.to,
    ccRecipients: item.cc,
    bccRecipients: item.bcc,
    internetMessageId:
      item.internetMessageId ?? `<${Buffer.from(ids.bytes(12)).toString('hex')}@mock-ews.seed>`,
    dateTimeSent: item.isDraft ? undefined : item.sentAt ? new Date(item.sentAt) : received,
    dateTimeReceived: received,
    ...(attachments.length ? { attachments } : {}),
  }
}

export class Seeder {
  constructor(
    private readonly store: MailboxStore,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
  ) {}

  /** Stores checked items in a folder, all or none; answers their ids in order. */
  add(mailbox: string, folderId: string, items: readonly SeedItem[]): string[] {
    const created: string[] = []
    try {
      for (const item of items) {
        const fields = seedFields(item, this.clock.now(), this.ids)
        created.push(this.store.createItem(mailbox, folderId, fields).itemId.id)
      }
    } catch (e) {
      for (const id of created) this.store.deleteItem(mailbox, id, 'HardDelete')
      throw e
    }
    return created
  }

  /** Stores the items the topology gives a user's new mailbox (`mailbox:`, by distinguished folder). */
  prefill(user: { address: string; mailbox?: Record<string, SeedItem[]> | undefined }): void {
    for (const [folder, items] of Object.entries(user.mailbox ?? {})) {
      try {
        const folderId = this.store.getDistinguishedFolder(user.address, folder).folderId.id
        this.add(user.address, folderId, items)
      } catch (e) {
        throw new Error(`topology: ${user.address}: mailbox.${folder}: ${(e as Error).message}`)
      }
    }
  }

  /** Checks a request body (one item or a list), then stores it as `add` does. */
  seed(mailbox: string, folderId: string, body: unknown): string[] {
    return this.add(mailbox, folderId, readSeedBody(body))
  }
}
