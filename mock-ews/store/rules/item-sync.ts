/**
 * SyncFolderItems' rule, whatever the storage: from a view's change log (one entry per add,
 * remove, change or read-flag change of a member, in sequence order), the changes since a cursor.
 * Each item is reported once — Create, Update, ReadFlagChange, Delete, or nothing — by comparing
 * whether it was in the view before the window with whether it is now; MaxChangesReturned cuts the
 * window and the cursor says where to go on (docs/decisions/0009, 0023). Storage keeps the logs.
 */
import type { Item } from '../../domain/items.ts'
import type { ItemSyncChange, ItemSyncChanges, SyncCursor } from '../mailbox-store.ts'

export type LogOp = 'add' | 'remove' | 'update' | 'read'

export interface LogEntry {
  seq: number
  itemId: string
  op: LogOp
}

/** What the rule reads of a view (a folder or a search folder): its log and its members. */
export interface ChangeLog<R> {
  /** Log entries after `since`, oldest first. */
  logSince(since: number): Iterable<LogEntry>
  /** Whether the record is a member of the view now. */
  has(rec: R): boolean
}

/**
 * Changes of a view since a cursor, read from its log, at most `max` items. Each item is reported
 * once, by comparing whether it was in the view before the window with whether it is now. When
 * `max` cuts the window short, the items already reported (as they are now) are remembered in the
 * cursor, so their later log entries do not report them again.
 */
export function syncChanges<R>(
  view: ChangeLog<R>,
  since: SyncCursor | undefined,
  max: number,
  currentSeq: number,
  lookup: (id: string) => R | undefined,
  snapshot: (r: R) => Item,
): ItemSyncChanges {
  const known = since?.reported ?? {}
  const seen = new Map<string, { first: LogOp; readOnly: boolean }>()
  let cut = currentSeq
  for (const e of view.logSince(since?.seq ?? -1)) {
    if ((known[e.itemId] ?? -1) >= e.seq) continue
    const entry = seen.get(e.itemId)
    if (!entry && seen.size === max) {
      cut = e.seq - 1
      break
    }
    if (entry) entry.readOnly &&= e.op === 'read'
    else seen.set(e.itemId, { first: e.op, readOnly: e.op === 'read' })
  }
  const changes: ItemSyncChange[] = []
  for (const [itemId, { first, readOnly }] of seen) {
    const found = lookup(itemId)
    const rec = found && view.has(found) ? found : undefined
    const existedBefore = first !== 'add'
    if (!existedBefore && rec) changes.push({ type: 'Create', item: snapshot(rec) })
    else if (existedBefore && !rec) changes.push({ type: 'Delete', itemId })
    else if (rec)
      changes.push({ type: readOnly ? 'ReadFlagChange' : 'Update', item: snapshot(rec) })
  }
  const includesLast = cut === currentSeq
  const reported: Record<string, number> = {}
  if (!includesLast) {
    // Still to skip: entries after the cut of items the client already has as of a later point.
    for (const [id, until] of Object.entries(known)) if (until > cut) reported[id] = until
    for (const id of seen.keys()) reported[id] = currentSeq
  }
  return { changes, cursor: { seq: cut, reported }, includesLast }
}
