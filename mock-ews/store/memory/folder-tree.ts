/**
 * The folder hierarchy of one mailbox in memory: records, the hierarchy sequence number, and where
 * each folder was at every sequence number, which the hierarchy sync rule (store/rules/) reads to
 * tell a folder that moved in (Create) or out (Delete) from one that changed in place (Update).
 */
import type { ExtendedProperty } from '../../domain/extended-properties.ts'
import type { FolderKind } from '../../domain/folders.ts'
import { encodeId } from '../../domain/ids.ts'
import type { FolderPermission } from '../../domain/permissions.ts'
import type { IdGenerator } from '../../support/ids.ts'
import type { NewFolder } from '../mailbox-store.ts'
import type { Location } from '../rules/hierarchy-sync.ts'
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
  /** Immutable entries, shared with a copy of the folder. */
  extendedProperties?: readonly ExtendedProperty[] | undefined
  permissions?: readonly FolderPermission[] | undefined
  /** Created with the mailbox (distinguished or not): cannot be deleted. */
  wellKnown: boolean
  createdSeq: number
  changedSeq: number
  history: Location[]
}

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
      ...(spec.extendedProperties?.length
        ? { extendedProperties: spec.extendedProperties.slice() }
        : {}),
      ...(spec.permissions ? { permissions: spec.permissions.slice() } : {}),
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

  /** The history of every folder there is or was: deleted ones first, then the others as created. */
  *histories(): Iterable<readonly [string, readonly Location[]]> {
    yield* this.#graveyard
    for (const rec of this.folders.values()) yield [rec.id, rec.history]
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

function detach(rec: FolderRecord): void {
  if (rec.parent) rec.parent.children = rec.parent.children.filter((c) => c !== rec)
}
