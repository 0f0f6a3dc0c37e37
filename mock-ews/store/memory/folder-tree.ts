/**
 * The folder hierarchy of one mailbox in memory: records, the hierarchy sequence number, and where
 * each folder was at every sequence number, so a sync scoped to any folder can tell a folder that
 * moved in (Create) or out (Delete) from one that changed in place (Update).
 */
import type { FolderKind } from '../../domain/folders.ts'
import { encodeId } from '../../domain/ids.ts'
import type { IdGenerator } from '../../support/ids.ts'
import type { NewFolder } from '../mailbox-store.ts'
import { ownString } from '../../support/strings.ts'

export interface FolderRecord {
  id: string
  changeKey: string
  parent: FolderRecord | undefined
  children: FolderRecord[]
  kind: FolderKind
  displayName: string
  folderClass: string | undefined
  distinguishedId: string | undefined
  searchItemClassPrefixes: readonly string[] | undefined
  /** Created with the mailbox (distinguished or not): cannot be deleted. */
  wellKnown: boolean
  createdSeq: number
  changedSeq: number
  history: Location[]
}

/** Where a folder was from `seq` on: the ids of its ancestors, or null once deleted. */
interface Location {
  seq: number
  ancestors: readonly string[] | null
}

export type TreeChange =
  { type: 'Create' | 'Update'; folder: FolderRecord } | { type: 'Delete'; id: string }

export class FolderTree {
  readonly folders = new Map<string, FolderRecord>()
  readonly distinguished = new Map<string, FolderRecord>()
  /** Location histories of deleted folders, for syncs from before their deletion. */
  readonly #graveyard = new Map<string, Location[]>()
  seq = 0

  constructor(
    private readonly mailboxKey: string,
    private readonly ids: IdGenerator,
    private readonly nextChangeKey: () => string,
  ) {}

  add(parent: FolderRecord | undefined, spec: NewFolder): FolderRecord {
    const seq = ++this.seq
    const rec: FolderRecord = {
      id: encodeId('folder', this.mailboxKey, this.ids.bytes(16)),
      changeKey: this.nextChangeKey(),
      parent,
      children: [],
      kind: spec.kind,
      displayName: ownString(spec.displayName),
      folderClass: ownString(spec.folderClass),
      distinguishedId: undefined,
      searchItemClassPrefixes: undefined,
      wellKnown: false,
      createdSeq: seq,
      changedSeq: seq,
      history: [{ seq, ancestors: ancestorsOf(parent) }],
    }
    this.folders.set(rec.id, rec)
    parent?.children.push(rec)
    return rec
  }

  /** Records a change of `rec`: a new change key and hierarchy sequence number. */
  touch(rec: FolderRecord): void {
    rec.changeKey = this.nextChangeKey()
    rec.changedSeq = ++this.seq
  }

  /** Moves `rec` (and its subtree) under `to`; both parents change too. */
  move(rec: FolderRecord, to: FolderRecord): void {
    const from = rec.parent
    detach(rec)
    rec.parent = to
    to.children.push(rec)
    this.touch(rec)
    if (from) this.touch(from)
    this.touch(to)
    this.#relocate(rec, this.seq)
  }

  /** Removes `rec` and its subtree; the parent changes. */
  remove(rec: FolderRecord): void {
    const parent = rec.parent
    detach(rec)
    const seq = ++this.seq
    const visit = (r: FolderRecord): void => {
      this.folders.delete(r.id)
      r.history.push({ seq, ancestors: null })
      this.#graveyard.set(r.id, r.history)
      r.children.forEach(visit)
    }
    visit(rec)
    if (parent) this.touch(parent)
  }

  isWithin(rec: FolderRecord, ancestor: FolderRecord): boolean {
    for (let p = rec.parent; p; p = p.parent) if (p === ancestor) return true
    return false
  }

  /** Changes below `root` since `since` (undefined: every folder below root, as Create). */
  changesSince(root: FolderRecord, since: number | undefined): TreeChange[] {
    const from = since ?? -1
    const changes: TreeChange[] = []
    const walk = (rec: FolderRecord): void => {
      for (const child of rec.children) {
        const wasUnder = wasBelow(child.history, root.id, from)
        if (!wasUnder) changes.push({ type: 'Create', folder: child })
        else if (child.changedSeq > from) changes.push({ type: 'Update', folder: child })
        walk(child)
      }
    }
    walk(root)
    // Folders that were below root at `since` and are not now: deleted, or moved out.
    const gone = (id: string, history: Location[]): void => {
      if (history[history.length - 1]!.seq > from && wasBelow(history, root.id, from))
        changes.push({ type: 'Delete', id })
    }
    for (const [id, history] of this.#graveyard) gone(id, history)
    for (const rec of this.folders.values()) {
      if (rec !== root && !this.isWithin(rec, root)) gone(rec.id, rec.history)
    }
    return changes
  }

  #relocate(rec: FolderRecord, seq: number): void {
    rec.history.push({ seq, ancestors: ancestorsOf(rec.parent) })
    for (const child of rec.children) this.#relocate(child, seq)
  }
}

function ancestorsOf(parent: FolderRecord | undefined): string[] {
  const out: string[] = []
  for (let p = parent; p; p = p.parent) out.push(p.id)
  return out
}

/** Whether, at sequence number `at`, the folder existed below `rootId`. */
function wasBelow(history: readonly Location[], rootId: string, at: number): boolean {
  let where: Location | undefined
  for (const loc of history) {
    if (loc.seq > at) break
    where = loc
  }
  return where?.ancestors?.includes(rootId) ?? false
}

function detach(rec: FolderRecord): void {
  if (rec.parent) rec.parent.children = rec.parent.children.filter((c) => c !== rec)
}
