/**
 * Folder permissions (types.xsd PermissionType / CalendarPermissionType) and delegates
 * (DelegateUserType), as the domain model: no XML. The rights each level stands for are
 * Outlook's / Exchange's (Microsoft Learn, "Set folder permissions for another user by using EWS",
 * and MS-OXCPERM PidTagMemberRights); docs/decisions/0055.
 */

export type PermissionAction = 'None' | 'Owned' | 'All'
/** ReadItems; TimeOnly and TimeAndSubjectAndLocation exist on calendar folders only. */
export type ReadAccess = 'None' | 'TimeOnly' | 'TimeAndSubjectAndLocation' | 'FullDetails'

export interface FolderRights {
  canCreateItems: boolean
  canCreateSubFolders: boolean
  isFolderOwner: boolean
  isFolderVisible: boolean
  isFolderContact: boolean
  editItems: PermissionAction
  deleteItems: PermissionAction
  readItems: ReadAccess
}

/** Who an entry is for: a mailbox of the organisation, or everyone else (Default) or Anonymous. */
export type PermissionUser =
  { kind: 'user'; address: string; displayName: string } | { kind: 'Default' | 'Anonymous' }

export interface FolderPermission {
  user: PermissionUser
  rights: FolderRights
}

export const PERMISSION_LEVELS = [
  'None',
  'Owner',
  'PublishingEditor',
  'Editor',
  'PublishingAuthor',
  'Author',
  'NoneditingAuthor',
  'Reviewer',
  'Contributor',
  'FreeBusyTimeOnly',
  'FreeBusyTimeAndSubjectAndLocation',
] as const
export type PermissionLevel = (typeof PERMISSION_LEVELS)[number]
/** Levels only a calendar folder's CalendarPermissionLevel may name. */
export const CALENDAR_ONLY_LEVELS: ReadonlySet<string> = new Set([
  'FreeBusyTimeOnly',
  'FreeBusyTimeAndSubjectAndLocation',
])

const r = (
  create: boolean,
  sub: boolean,
  owner: boolean,
  visible: boolean,
  contact: boolean,
  edit: PermissionAction,
  del: PermissionAction,
  read: ReadAccess,
): FolderRights => ({
  canCreateItems: create,
  canCreateSubFolders: sub,
  isFolderOwner: owner,
  isFolderVisible: visible,
  isFolderContact: contact,
  editItems: edit,
  deleteItems: del,
  readItems: read,
})

export const LEVEL_RIGHTS: Readonly<Record<PermissionLevel, FolderRights>> = {
  None: r(false, false, false, false, false, 'None', 'None', 'None'),
  Owner: r(true, true, true, true, true, 'All', 'All', 'FullDetails'),
  PublishingEditor: r(true, true, false, true, false, 'All', 'All', 'FullDetails'),
  Editor: r(true, false, false, true, false, 'All', 'All', 'FullDetails'),
  PublishingAuthor: r(true, true, false, true, false, 'Owned', 'Owned', 'FullDetails'),
  Author: r(true, false, false, true, false, 'Owned', 'Owned', 'FullDetails'),
  NoneditingAuthor: r(true, false, false, true, false, 'None', 'Owned', 'FullDetails'),
  Reviewer: r(false, false, false, true, false, 'None', 'None', 'FullDetails'),
  Contributor: r(true, false, false, true, false, 'None', 'None', 'None'),
  FreeBusyTimeOnly: r(false, false, false, false, false, 'None', 'None', 'TimeOnly'),
  FreeBusyTimeAndSubjectAndLocation: r(
    false,
    false,
    false,
    false,
    false,
    'None',
    'None',
    'TimeAndSubjectAndLocation',
  ),
}

/** The level whose rights these are, or Custom. Owner's IsFolderContact is not part of the match. */
export function levelOf(rights: FolderRights, calendar: boolean): PermissionLevel | 'Custom' {
  for (const level of PERMISSION_LEVELS) {
    if (!calendar && CALENDAR_ONLY_LEVELS.has(level)) continue
    const l = LEVEL_RIGHTS[level]
    const same = (Object.keys(l) as (keyof FolderRights)[]).every(
      (k) => k === 'isFolderContact' || l[k] === rights[k],
    )
    if (same) return level
  }
  return 'Custom'
}

/**
 * A new folder's permissions: Default and Anonymous with none, except that everyone in the
 * organisation (Default) sees a calendar's free/busy times (Exchange 2010 and later).
 */
export function defaultPermissions(calendar: boolean): FolderPermission[] {
  return [
    {
      user: { kind: 'Default' },
      rights: LEVEL_RIGHTS[calendar ? 'FreeBusyTimeOnly' : 'None'],
    },
    { user: { kind: 'Anonymous' }, rights: LEVEL_RIGHTS.None },
  ]
}

/** The rights `address` has on a folder with these permissions (its own entry, else Default's). */
export function rightsOf(permissions: readonly FolderPermission[], address: string): FolderRights {
  const own = permissions.find((p) => p.user.kind === 'user' && p.user.address === address)
  const fallback = permissions.find((p) => p.user.kind === 'Default')
  return (own ?? fallback)?.rights ?? LEVEL_RIGHTS.None
}

/** The folders AddDelegate gives permissions on (types.xsd DelegatePermissionsType, in order). */
export const DELEGATE_FOLDERS = [
  'calendar',
  'tasks',
  'inbox',
  'contacts',
  'notes',
  'journal',
] as const
export type DelegateFolder = (typeof DELEGATE_FOLDERS)[number]
export type DelegateLevel = 'None' | 'Editor' | 'Reviewer' | 'Author' | 'Custom'

export interface Delegate {
  address: string
  displayName: string
  permissions: Record<DelegateFolder, DelegateLevel>
  receiveCopiesOfMeetingMessages: boolean
  viewPrivateItems: boolean
}

export type DeliverMeetingRequests =
  'DelegatesOnly' | 'DelegatesAndMe' | 'DelegatesAndSendInformationToMe' | 'NoForward'

/** A mailbox's delegates and where its meeting requests go (Exchange's default: DelegatesAndSendInformationToMe). */
export interface DelegateSettings {
  delegates: readonly Delegate[]
  deliverMeetingRequests: DeliverMeetingRequests
}
