/**
 * What a mailbox's delegates mean for its folders (docs/decisions/0056): AddDelegate,
 * UpdateDelegate and RemoveDelegate write each delegate's level into the PermissionSet of the
 * Calendar, Tasks, Inbox, Contacts, Notes and Journal folders; GetDelegate reads the levels back
 * from those PermissionSets, so a permission changed by UpdateFolder shows there too (Custom when
 * it is no delegate level), as Exchange keeps no second copy.
 */
import {
  DELEGATE_FOLDERS,
  LEVEL_RIGHTS,
  defaultPermissions,
  levelOf,
} from '../../domain/permissions.ts'
import type {
  Delegate,
  DelegateFolder,
  DelegateLevel,
  FolderPermission,
} from '../../domain/permissions.ts'
import type { StoredFolder } from './storage.ts'

type FolderLike = Pick<StoredFolder, 'kind' | 'permissions'>

/** The permissions a folder has (its own, else the default set). */
export function permissionsOf(rec: FolderLike): readonly FolderPermission[] {
  return rec.permissions ?? defaultPermissions(rec.kind === 'CalendarFolder')
}

/** The delegate level `address` has on a folder: None without an entry, Custom for another level. */
export function delegateLevelOn(rec: FolderLike, address: string): DelegateLevel {
  const entry = permissionsOf(rec).find((p) => p.user.kind === 'user' && p.user.address === address)
  if (!entry) return 'None'
  const level = levelOf(entry.rights, rec.kind === 'CalendarFolder')
  return level === 'None' || level === 'Editor' || level === 'Reviewer' || level === 'Author'
    ? level
    : 'Custom'
}

/**
 * The folder's permissions once the delegates are `after` (those of `before` not in it removed):
 * each delegate's entry set to its level, removed for None, left alone for Custom (a level set by
 * folder permissions that no delegate level names). Undefined when nothing changes.
 */
export function delegatePermissions(
  rec: StoredFolder,
  folder: DelegateFolder,
  before: readonly Delegate[],
  after: readonly Delegate[],
): FolderPermission[] | undefined {
  let perms = [...permissionsOf(rec)]
  let changed = false
  const drop = (address: string): void => {
    const next = perms.filter((p) => !(p.user.kind === 'user' && p.user.address === address))
    if (next.length !== perms.length) changed = true
    perms = next
  }
  const staying = new Set(after.map((d) => d.address))
  for (const d of before) if (!staying.has(d.address)) drop(d.address)
  for (const d of after) {
    const level = d.permissions[folder]
    if (level === 'Custom' || level === delegateLevelOn(rec, d.address)) continue
    drop(d.address)
    changed = true
    if (level !== 'None') {
      const user = { kind: 'user' as const, address: d.address, displayName: d.displayName }
      perms.push({ user, rights: LEVEL_RIGHTS[level] })
    }
  }
  return changed ? perms : undefined
}

/** The delegates with the levels their folders give them now (None where a folder is missing). */
export function delegatesAsFolderSay(
  delegates: readonly Delegate[],
  folder: (name: DelegateFolder) => FolderLike | undefined,
): Delegate[] {
  return delegates.map((d) => ({
    ...d,
    permissions: Object.fromEntries(
      DELEGATE_FOLDERS.map((name) => {
        const rec = folder(name)
        return [name, rec ? delegateLevelOn(rec, d.address) : 'None']
      }),
    ) as Delegate['permissions'],
  }))
}
