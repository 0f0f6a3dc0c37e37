/**
 * `t:PermissionSet` of a folder (types.xsd PermissionSetType, CalendarPermissionSetType): read from
 * CreateFolder and UpdateFolder, written by GetFolder and FindFolder (decision 0055).
 */
import type { Element } from '../../soap/xml-tree.ts'
import { EwsError } from '../../domain/errors.ts'
import type { EwsResponseCode } from '../../domain/errors.ts'
import type { Folder, FolderKind } from '../../domain/folders.ts'
import {
  CALENDAR_ONLY_LEVELS,
  LEVEL_RIGHTS,
  PERMISSION_LEVELS,
  defaultPermissions,
  levelOf,
} from '../../domain/permissions.ts'
import type {
  FolderPermission,
  FolderRights,
  PermissionLevel,
  PermissionUser,
} from '../../domain/permissions.ts'
import type { XmlElement } from '../../soap/xml-writer.ts'
import { child, childElements, schemaError, text } from '../../soap/dom.ts'
import { NS } from '../../soap/namespaces.ts'
import type { OperationContext } from '../operation.ts'

/** A PermissionSet as written, checked against the folder only when it is known. */
export interface PermissionSetRequest {
  calendar: boolean
  entries: RawPermission[]
  unknownEntries: boolean
}

interface RawPermission {
  address: string | undefined
  distinguished: 'Default' | 'Anonymous' | undefined
  rights: Partial<FolderRights>
  level: PermissionLevel | 'Custom'
}

const BOOLEAN_RIGHTS = [
  ['CanCreateItems', 'canCreateItems'],
  ['CanCreateSubFolders', 'canCreateSubFolders'],
  ['IsFolderOwner', 'isFolderOwner'],
  ['IsFolderVisible', 'isFolderVisible'],
  ['IsFolderContact', 'isFolderContact'],
] as const
const ACTIONS = ['None', 'Owned', 'All'] as const
const READS = ['None', 'TimeOnly', 'TimeAndSubjectAndLocation', 'FullDetails'] as const

/** Reads `t:PermissionSet`; what the schema forbids is ErrorSchemaValidation. */
export function readPermissionSet(el: Element): PermissionSetRequest {
  const list = child(el, 't', 'Permissions') ?? child(el, 't', 'CalendarPermissions')
  if (!list) throw schemaError("The element 'PermissionSet' has incomplete content.")
  const calendar = list.localName === 'CalendarPermissions'
  const unknown = child(el, 't', 'UnknownEntries')
  return {
    calendar,
    entries: childElements(list, NS.t).map((p) => readPermission(p, calendar)),
    unknownEntries: unknown !== undefined && childElements(unknown, NS.t).length > 0,
  }
}

function readPermission(el: Element, calendar: boolean): RawPermission {
  const userId = child(el, 't', 'UserId')
  if (!userId) throw schemaError("The element 'Permission' is missing 'UserId'.")
  const distinguished = text(child(userId, 't', 'DistinguishedUser'))?.trim()
  if (distinguished !== undefined && distinguished !== 'Default' && distinguished !== 'Anonymous')
    throw schemaError(`The value '${distinguished}' is invalid for 'DistinguishedUserType'.`)
  const rights: Partial<FolderRights> = {}
  for (const [name, key] of BOOLEAN_RIGHTS) {
    const v = text(child(el, 't', name))?.trim()
    if (v === undefined) continue
    if (!['true', 'false', '1', '0'].includes(v))
      throw schemaError(`The value '${v}' of '${name}' is not a boolean.`)
    rights[key] = v === 'true' || v === '1'
  }
  rights.editItems = oneOf(el, 'EditItems', ACTIONS)
  rights.deleteItems = oneOf(el, 'DeleteItems', ACTIONS)
  rights.readItems = oneOf(el, 'ReadItems', calendar ? READS : (['None', 'FullDetails'] as const))
  const levelName = calendar ? 'CalendarPermissionLevel' : 'PermissionLevel'
  const levels = [...PERMISSION_LEVELS, 'Custom'].filter(
    (l) => calendar || !CALENDAR_ONLY_LEVELS.has(l),
  )
  const level = oneOf(el, levelName, levels as (PermissionLevel | 'Custom')[])
  if (level === undefined) throw schemaError(`The element 'Permission' is missing '${levelName}'.`)
  for (const k of Object.keys(rights) as (keyof FolderRights)[])
    if (rights[k] === undefined) delete rights[k]
  return {
    address: text(child(userId, 't', 'PrimarySmtpAddress'))
      ?.trim()
      .toLowerCase(),
    distinguished: distinguished as RawPermission['distinguished'],
    rights,
    level,
  }
}

function oneOf<T extends string>(el: Element, name: string, values: readonly T[]): T | undefined {
  const v = text(child(el, 't', name))?.trim()
  if (v === undefined) return undefined
  if (!(values as readonly string[]).includes(v))
    throw schemaError(`The value '${v}' of '${name}' is not allowed here.`)
  return v as T
}

/**
 * The permissions a PermissionSet gives a folder of this kind, or Exchange's refusal: the wrong
 * list for the folder (calendar vs other), UnknownEntries, a user that is no mailbox, a user twice,
 * rights that contradict a named level. Default and Anonymous keep their default when not listed.
 */
export function permissionsFor(
  req: PermissionSetRequest,
  kind: FolderKind,
  ctx: OperationContext,
): FolderPermission[] {
  const calendar = kind === 'CalendarFolder'
  if (req.calendar && !calendar)
    throw new EwsError('ErrorCannotSetCalendarPermissionOnNonCalendarFolder')
  if (!req.calendar && calendar)
    throw new EwsError('ErrorCannotSetNonCalendarPermissionOnCalendarFolder')
  if (req.unknownEntries) throw new EwsError('ErrorCannotSetPermissionUnknownEntries')
  const seen = new Set<string>()
  const out = req.entries.map((raw): FolderPermission => {
    const user = userOf(raw, ctx)
    const key = user.kind === 'user' ? user.address : `:${user.kind}`
    if (seen.has(key)) throw new EwsError('ErrorDuplicateUserIdsSpecified')
    seen.add(key)
    return { user, rights: rightsOf(raw) }
  })
  for (const d of defaultPermissions(calendar)) if (!seen.has(`:${d.user.kind}`)) out.push(d)
  return out
}

function userOf(raw: RawPermission, ctx: OperationContext): PermissionUser {
  if (raw.distinguished && raw.address === undefined) return { kind: raw.distinguished }
  if (raw.distinguished)
    throw new EwsError(
      'ErrorInvalidUserInfo',
      'A permission names a user or a DistinguishedUser, not both.',
    )
  const user = colleagueOf({ address: raw.address, sid: undefined }, ctx, 'ErrorInvalidUserInfo')
  return { kind: 'user', ...user }
}

/**
 * A user of the caller's organisation named by a t:UserId's PrimarySmtpAddress. Permissions and
 * delegates name only mailboxes of the organisation: anyone else is `unknown`; a UserId with only
 * a SID is ErrorInvalidUserSid (mock-ews users have no SIDs).
 */
export function colleagueOf(
  ref: { address: string | undefined; sid: string | undefined },
  ctx: OperationContext,
  unknown: EwsResponseCode,
): { address: string; displayName: string } {
  if (ref.address === undefined && ref.sid !== undefined)
    throw new EwsError('ErrorInvalidUserSid', `No user has the SID ${ref.sid}.`)
  const address = ref.address?.toLowerCase()
  const user = ctx.user.organisation.users.find((u) => u.address.toLowerCase() === address)
  if (!user || !ctx.store.getMailbox(user.address))
    throw new EwsError(
      unknown,
      `${address ?? 'A UserId without a PrimarySmtpAddress'} is no mailbox of the organisation.`,
    )
  return { address: user.address.toLowerCase(), displayName: user.displayName }
}

function rightsOf(raw: RawPermission): FolderRights {
  if (raw.level === 'Custom') return { ...LEVEL_RIGHTS.None, ...raw.rights }
  const rights = LEVEL_RIGHTS[raw.level]
  for (const [k, v] of Object.entries(raw.rights) as [keyof FolderRights, unknown][]) {
    if (k !== 'isFolderContact' && rights[k] !== v)
      throw new EwsError(
        'ErrorInvalidPermissionSettings',
        `${k} ${String(v)} contradicts the permission level ${raw.level}; use Custom to set rights one by one.`,
      )
  }
  return {
    ...rights,
    ...(raw.rights.isFolderContact !== undefined && {
      isFolderContact: raw.rights.isFolderContact,
    }),
  }
}

/** Writes the folder's PermissionSet (CalendarPermissions for a calendar folder). */
export function renderPermissionSet(el: XmlElement, folder: Folder): void {
  const calendar = folder.kind === 'CalendarFolder'
  const list = el
    .ele(NS.t, 't:PermissionSet')
    .ele(NS.t, calendar ? 't:CalendarPermissions' : 't:Permissions')
  for (const p of folder.permissions) {
    const entry = list.ele(NS.t, calendar ? 't:CalendarPermission' : 't:Permission')
    const userId = entry.ele(NS.t, 't:UserId')
    if (p.user.kind === 'user') {
      userId.ele(NS.t, 't:PrimarySmtpAddress').txt(p.user.address)
      userId.ele(NS.t, 't:DisplayName').txt(p.user.displayName)
    } else userId.ele(NS.t, 't:DistinguishedUser').txt(p.user.kind)
    const r = p.rights
    for (const [name, key] of BOOLEAN_RIGHTS) entry.ele(NS.t, `t:${name}`).txt(String(r[key]))
    entry.ele(NS.t, 't:EditItems').txt(r.editItems)
    entry.ele(NS.t, 't:DeleteItems').txt(r.deleteItems)
    entry.ele(NS.t, 't:ReadItems').txt(r.readItems)
    entry
      .ele(NS.t, calendar ? 't:CalendarPermissionLevel' : 't:PermissionLevel')
      .txt(levelOf(r, calendar))
  }
}
