/**
 * What the admin API shows of mailboxes (README "Admin API"): folders with counts, item summaries
 * and one item in full. Read through the MailboxStore like any operation; the item's XML is
 * GetItem's own renderer (AllProperties), pretty-printed, never a second XML writer.
 */
import type { Folder } from '../domain/folders.ts'
import type { EmailAddress, Item } from '../domain/items.ts'
import type { Restriction } from '../domain/restriction.ts'
import { internetHeaders } from '../operations/shared/internet-headers.ts'
import { allPropertiesShape } from '../operations/shared/item-shape.ts'
import { renderItem } from '../operations/shared/item-xml.ts'
import { writeDocument } from '../soap/xml-writer.ts'
import type { MailboxStore } from '../store/mailbox-store.ts'
import { NotFound } from './admin-guard.ts'

export interface AddressJson {
  name: string | null
  address: string
}

export interface ItemSummary {
  id: string
  changeKey: string
  folderId: string
  itemClass: string
  subject: string
  from: AddressJson | null
  to: AddressJson[]
  dateTimeReceived: string
  isRead: boolean
  isDraft: boolean
  size: number
  hasAttachments: boolean
}

/** What `class`, `subject` and `from` select (each optional; all given must hold). */
export interface ItemFilter {
  /** Item class prefix, case-insensitive (`IPM.Note` takes `IPM.Note.Microsoft.Conversation`). */
  class?: string | undefined
  /** Substring of the subject, case-insensitive. */
  subject?: string | undefined
  /** Substring of the sender's address, case-insensitive. */
  from?: string | undefined
}

/** The mailbox's address as stored, or NotFound. */
export function mailboxOf(store: MailboxStore, address: string): string {
  const info = store.getMailbox(address)
  if (!info) throw new NotFound(`There is no mailbox "${address}".`)
  return info.address
}

/** A folder by id or by distinguished name (`inbox`, `drafts`, …, any case). */
export function folderOf(store: MailboxStore, mailbox: string, folder: string): Folder {
  return /^[a-z]+$/i.test(folder)
    ? store.getDistinguishedFolder(mailbox, folder.toLowerCase())
    : store.getFolder(mailbox, folder)
}

export function folderJson(f: Folder) {
  return {
    id: f.folderId.id,
    changeKey: f.folderId.changeKey,
    parentId: f.parentFolderId?.id ?? null,
    displayName: f.displayName,
    distinguishedId: f.distinguishedId ?? null,
    folderClass: f.folderClass ?? null,
    kind: f.kind,
    totalCount: f.totalCount,
    unreadCount: f.unreadCount,
    childFolderCount: f.childFolderCount,
  }
}

/** Every folder of the mailbox, the root first, then depth-first. */
export function foldersOf(store: MailboxStore, mailbox: string) {
  const root = store.getDistinguishedFolder(mailbox, 'root')
  return [root, ...store.findFolders(mailbox, root.folderId.id, true)].map(folderJson)
}

function addressJson(a: EmailAddress): AddressJson {
  return { name: a.name ?? null, address: a.address }
}

export function summaryOf(item: Item): ItemSummary {
  return {
    id: item.itemId.id,
    changeKey: item.itemId.changeKey,
    folderId: item.parentFolderId.id,
    itemClass: item.itemClass,
    subject: item.subject,
    from: item.from ? addressJson(item.from) : null,
    to: item.toRecipients.map(addressJson),
    dateTimeReceived: item.dateTimeReceived.toISOString(),
    isRead: item.isRead,
    isDraft: item.isDraft,
    size: item.size,
    hasAttachments: Boolean(item.attachments?.length),
  }
}

/** One item in full: the summary, recipients, body, headers, attachments and GetItem's XML. */
export function itemDetail(item: Item) {
  return {
    ...summaryOf(item),
    cc: item.ccRecipients.map(addressJson),
    bcc: item.bccRecipients.map(addressJson),
    importance: item.importance,
    categories: item.categories,
    internetMessageId: item.internetMessageId,
    dateTimeSent: item.dateTimeSent?.toISOString() ?? null,
    dateTimeCreated: item.dateTimeCreated.toISOString(),
    lastModifiedTime: item.lastModifiedTime.toISOString(),
    body: { type: item.body.type, text: item.body.text },
    headers: internetHeaders(item).map(([name, value]) => ({ name, value })),
    attachments: (item.attachments ?? []).map((a) => ({
      id: String(a.key),
      name: a.name,
      contentType: a.contentType,
      size: a.item ? 0 : a.content.length,
      isInline: a.isInline,
      kind: a.item ? 'item' : 'file',
    })),
    xml: itemXml(item),
  }
}

/** The item element exactly as GetItem with AllProperties writes it, indented. */
export function itemXml(item: Item): string {
  const xml = writeDocument((doc) => renderItem(doc, item, allPropertiesShape()))
  return indentXml(xml.replace(/^<\?xml[^>]*\?>/, ''))
}

/**
 * Indents well-formed XML from the writer: one tag per line, an element holding only text kept
 * on its line. The writer escapes `<` and `>` in text and attribute values, so tags split cleanly.
 */
export function indentXml(xml: string): string {
  const tokens = xml.split(/(<[^>]+>)/).filter((t) => t !== '')
  const lines: string[] = []
  let depth = 0
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!
    const pad = '  '.repeat(depth)
    if (t.startsWith('</')) {
      depth--
      lines.push('  '.repeat(depth) + t)
    } else if (t.startsWith('<') && !t.endsWith('/>')) {
      const text = tokens[i + 1]
      if (text !== undefined && !text.startsWith('<') && tokens[i + 2]?.startsWith('</')) {
        lines.push(pad + t + text + tokens[i + 2]!)
        i += 2
      } else {
        lines.push(pad + t)
        depth++
      }
    } else lines.push(pad + t)
  }
  return lines.join('\n')
}

/** The restriction of a filter (undefined: every item). */
export function filterRestriction(filter: ItemFilter): Restriction | undefined {
  const parts: Restriction[] = []
  const contains = (field: string, value: string, mode: 'Prefixed' | 'Substring'): void => {
    parts.push({ op: 'Contains', field, value, mode, ignoreCase: true })
  }
  if (filter.class) contains('item:ItemClass', filter.class, 'Prefixed')
  if (filter.subject) contains('item:Subject', filter.subject, 'Substring')
  if (filter.from) contains('message:From', filter.from, 'Substring')
  if (parts.length === 0) return undefined
  return parts.length === 1 ? parts[0] : { op: 'And', children: parts }
}

/** A page of a folder's items, newest first, filtered. */
export function listItems(
  store: MailboxStore,
  mailbox: string,
  folderId: string,
  filter: ItemFilter,
  offset: number,
  limit: number,
): { total: number; offset: number; items: ItemSummary[] } {
  const page = store.findItems(mailbox, folderId, {
    restriction: filterRestriction(filter),
    view: { kind: 'indexed', max: limit, offset, basePoint: 'Beginning' },
  })
  return { total: page.total, offset, items: page.items.map(summaryOf) }
}
