/**
 * The items of one folder (or one search folder's view), kept in the order FindItem pages them:
 * by DateTimeReceived, then by arrival. A page is cut by position, so a page at the end of a
 * 100k-item folder costs what the first page costs. Also keeps the folder's change log for
 * SyncFolderItems and its unread count.
 */
import type { ItemFields } from '../../domain/items.ts'

export interface ItemRecord {
  id: string
  changeKey: string
  folderId: string
  fields: ItemFields
  /** itemSize(fields), kept up to date with them (a snapshot needs it every time). */
  size: number
  created: Date
  modified: Date
  /** Arrival order in the mailbox; breaks ties between equal receive times. */
  seq: number
}

export type LogOp = 'add' | 'remove' | 'update' | 'read'

export interface LogEntry {
  seq: number
  itemId: string
  op: LogOp
}

export class ItemView {
  /** Ascending by (DateTimeReceived, seq). */
  readonly #sorted: ItemRecord[] = []
  readonly #members = new Set<string>()
  readonly log: LogEntry[] = []
  unread = 0

  get size(): number {
    return this.#sorted.length
  }

  has(id: string): boolean {
    return this.#members.has(id)
  }

  add(rec: ItemRecord, seq: number): void {
    const i = this.#position(rec)
    this.#sorted.splice(i, 0, rec)
    this.#members.add(rec.id)
    if (!rec.fields.isRead) this.unread++
    this.log.push({ seq, itemId: rec.id, op: 'add' })
  }

  /** Removes a member; `wasRead` is its read flag as the view counted it (default: the current one). */
  remove(rec: ItemRecord, seq: number, wasRead = rec.fields.isRead): void {
    if (!this.#members.delete(rec.id)) return
    const i = this.#position(rec)
    // #position finds the slot after any equal key; the record itself sits just before it.
    for (let j = Math.min(i, this.#sorted.length - 1); j >= 0; j--) {
      if (this.#sorted[j] === rec) {
        this.#sorted.splice(j, 1)
        break
      }
    }
    if (!wasRead) this.unread--
    this.log.push({ seq, itemId: rec.id, op: 'remove' })
  }

  /** Records a change of a member; `wasRead` is its read flag before the change. */
  changed(rec: ItemRecord, wasRead: boolean, op: 'update' | 'read', seq: number): void {
    if (!this.#members.has(rec.id)) return
    if (wasRead !== rec.fields.isRead) this.unread += rec.fields.isRead ? -1 : 1
    this.log.push({ seq, itemId: rec.id, op })
  }

  /** Records in ascending order, positions [start, end). */
  slice(start: number, end: number): ItemRecord[] {
    return this.#sorted.slice(start, end)
  }

  /** Records newest first, positions [start, end) counted from the newest. */
  sliceNewestFirst(start: number, end: number): ItemRecord[] {
    const n = this.#sorted.length
    return this.#sorted.slice(n - end, n - start).reverse()
  }

  all(): readonly ItemRecord[] {
    return this.#sorted
  }

  /** Log entries after `since`, oldest first (binary search: the log is in seq order). */
  logSince(since: number): LogEntry[] {
    let lo = 0
    let hi = this.log.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (this.log[mid]!.seq <= since) lo = mid + 1
      else hi = mid
    }
    return this.log.slice(lo)
  }

  /** Index of the first record whose key is greater than `rec`'s. */
  #position(rec: ItemRecord): number {
    const t = rec.fields.dateTimeReceived.getTime()
    let lo = 0
    let hi = this.#sorted.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      const m = this.#sorted[mid]!
      const mt = m.fields.dateTimeReceived.getTime()
      if (mt < t || (mt === t && m.seq <= rec.seq)) lo = mid + 1
      else hi = mid
    }
    return lo
  }
}
