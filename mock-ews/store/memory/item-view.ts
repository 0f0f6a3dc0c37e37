/**
 * The items of one folder (or one search folder's view), kept in the order FindItem pages them:
 * by DateTimeReceived, then by arrival. A page is cut by position, so a page at the end of a
 * 100k-item folder costs what the first page costs. Also keeps the folder's change log for
 * SyncFolderItems (read by the rule in store/rules/item-sync.ts) and its unread count.
 */
import type { LogEntry, LogOp } from '../rules/item-sync.ts'
import type { StoredView } from '../rules/storage.ts'
import type { StoredFields } from './stored-fields.ts'

export interface ItemRecord {
  id: string
  changeKey: string
  folderId: string
  /** Replaced, never changed in place (a copy shares them with its original). */
  fields: StoredFields
  /** itemSize(fields), kept up to date with them (a snapshot needs it every time). */
  size: number
  /** Epoch milliseconds. */
  created: number
  modified: number
  /** Arrival order in the mailbox; breaks ties between equal receive times. */
  seq: number
}

/**
 * Memory: a view holds one slot per member and three per log entry (the log is kept as parallel
 * arrays, not an object per entry); membership is a binary search, not a set of ids.
 */
export class ItemView implements StoredView {
  /** Ascending by (DateTimeReceived, seq); no two records have the same key. */
  readonly #sorted: ItemRecord[] = []
  readonly #logSeq: number[] = []
  readonly #logItem: string[] = []
  readonly #logOp: LogOp[] = []
  unread = 0

  get size(): number {
    return this.#sorted.length
  }

  has(rec: ItemRecord): boolean {
    return this.#indexOf(rec) >= 0
  }

  add(rec: ItemRecord, seq: number): void {
    this.#sorted.splice(this.#position(rec), 0, rec)
    if (!rec.fields.isRead) this.unread++
    this.#log(seq, rec.id, 'add')
  }

  /** Removes a member; `wasRead` is its read flag as the view counted it (default: the current one). */
  remove(rec: ItemRecord, seq: number, wasRead = rec.fields.isRead): void {
    const i = this.#indexOf(rec)
    if (i < 0) return
    this.#sorted.splice(i, 1)
    if (!wasRead) this.unread--
    this.#log(seq, rec.id, 'remove')
  }

  /** Records a change of a member; `wasRead` is its read flag before the change. */
  changed(rec: ItemRecord, wasRead: boolean, op: 'update' | 'read', seq: number): void {
    if (!this.has(rec)) return
    if (wasRead !== rec.fields.isRead) this.unread += rec.fields.isRead ? -1 : 1
    this.#log(seq, rec.id, op)
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
    let hi = this.#logSeq.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (this.#logSeq[mid]! <= since) lo = mid + 1
      else hi = mid
    }
    const out: LogEntry[] = []
    for (let i = lo; i < this.#logSeq.length; i++)
      out.push({ seq: this.#logSeq[i]!, itemId: this.#logItem[i]!, op: this.#logOp[i]! })
    return out
  }

  #log(seq: number, itemId: string, op: LogOp): void {
    this.#logSeq.push(seq)
    this.#logItem.push(itemId)
    this.#logOp.push(op)
  }

  /** Position of a member, or -1. */
  #indexOf(rec: ItemRecord): number {
    // #position finds the slot after the record's key; keys are unique: a member sits just before.
    const i = this.#position(rec) - 1
    return i >= 0 && this.#sorted[i] === rec ? i : -1
  }

  /** Index of the first record whose key is greater than `rec`'s. */
  #position(rec: ItemRecord): number {
    const t = rec.fields.dateTimeReceived
    let lo = 0
    let hi = this.#sorted.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      const m = this.#sorted[mid]!
      const mt = m.fields.dateTimeReceived
      if (mt < t || (mt === t && m.seq <= rec.seq)) lo = mid + 1
      else hi = mid
    }
    return lo
  }
}
