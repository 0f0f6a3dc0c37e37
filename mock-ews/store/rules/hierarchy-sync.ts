/**
 * SyncFolderHierarchy's rule, whatever the storage: from each folder's location history (where it
 * was from which hierarchy sequence number on), the changes below a root since a sequence number.
 * A folder that came to be below the root is a Create (created, or moved in), one that left it a
 * Delete (deleted, or moved out), one that changed in place an Update; a folder created and deleted
 * within the window is not reported (docs/decisions/0009, 0023). Storage keeps the histories.
 */

/** Where a folder was from `seq` on: the ids of its ancestors, or null once deleted. */
export interface Location {
  seq: number
  ancestors: readonly string[] | null
}

/** What the rule reads of a folder that exists now. */
export interface LocatedFolder<F> {
  readonly id: string
  /** The hierarchy sequence number of its last change. */
  readonly changedSeq: number
  readonly children: readonly F[]
  readonly history: readonly Location[]
}

export type TreeChange<F> =
  { type: 'Create' | 'Update'; folder: F } | { type: 'Delete'; id: string }

/**
 * Changes below `root` since `since` (undefined: every folder below root, as Create): creates and
 * updates depth-first, then deletes in the order of `histories` — the history of every folder
 * there is or was (storage's order: deleted folders first, then the others as created).
 */
export function changesSince<F extends LocatedFolder<F>>(
  root: F,
  since: number | undefined,
  histories: Iterable<readonly [id: string, history: readonly Location[]]>,
): TreeChange<F>[] {
  const from = since ?? -1
  const changes: TreeChange<F>[] = []
  const below = new Set<string>()
  const walk = (rec: F): void => {
    for (const child of rec.children) {
      below.add(child.id)
      const wasUnder = wasBelow(child.history, root.id, from)
      if (!wasUnder) changes.push({ type: 'Create', folder: child })
      else if (child.changedSeq > from) changes.push({ type: 'Update', folder: child })
      walk(child)
    }
  }
  walk(root)
  // Folders that were below root at `since` and are not now: deleted, or moved out.
  for (const [id, history] of histories) {
    if (id === root.id || below.has(id)) continue
    if (history[history.length - 1]!.seq > from && wasBelow(history, root.id, from))
      changes.push({ type: 'Delete', id })
  }
  return changes
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
