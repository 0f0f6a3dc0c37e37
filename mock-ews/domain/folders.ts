/**
 * Folders in EWS vocabulary, and the folder tree a new mailbox is given.
 * Names of distinguished folders are verbatim from types.xsd `DistinguishedFolderIdNameType`
 * (reference/ews-protocol.md §3.1); availability by version follows the same section.
 */
import type { ExtendedProperty } from './extended-properties.ts'
import type { FolderPermission, FolderRights } from './permissions.ts'
import type { MailboxGeneration } from '../topology/profiles.ts'

/** The XML element a folder is rendered as; decides which properties it can have. */
export type FolderKind =
  'Folder' | 'CalendarFolder' | 'ContactsFolder' | 'TasksFolder' | 'SearchFolder'

/** Opaque folder id (base64) plus its current change key. */
export interface FolderId {
  id: string
  changeKey: string
}

/** A folder as the store returns it: a snapshot, never the store's own object. */
export interface Folder {
  readonly folderId: FolderId
  /** Absent for the mailbox root. */
  readonly parentFolderId: FolderId | undefined
  readonly kind: FolderKind
  readonly displayName: string
  readonly folderClass: string | undefined
  readonly distinguishedId: string | undefined
  readonly totalCount: number
  readonly unreadCount: number
  readonly childFolderCount: number
  /** Owner of the mailbox the folder is in. */
  readonly mailbox: string
  /** For search folders: the item-class prefixes whose items the view shows. */
  readonly searchItemClassPrefixes: readonly string[] | undefined
  /** Extended (MAPI) properties set when it was created; absent when none. */
  readonly extendedProperties?: readonly ExtendedProperty[] | undefined
  /** Its PermissionSet (the owner is never in it: she has every right). */
  readonly permissions: readonly FolderPermission[]
  /** The reader's rights when she is not the owner (set by store/rules/caller-access.ts); absent: all. */
  readonly readerRights?: FolderRights | undefined
}

export interface WellKnownFolder {
  /** Distinguished id, or undefined for a well-known folder that has none (Missed Conversations). */
  distinguishedId: string | undefined
  displayName: string
  folderClass: string | undefined
  kind: FolderKind
  /** Distinguished id of the parent; undefined for root. */
  parent: string | undefined
  /** First mailbox generation that has the folder as a distinguished folder. */
  since: 2010 | 2013
  searchItemClassPrefixes?: readonly string[]
}

/** Display name of the search folder that shows offline/missed IMs (DESIGN.md, "Folders"). */
export const MISSED_CONVERSATIONS = 'Missed Conversations'

const f = (
  distinguishedId: string | undefined,
  displayName: string,
  folderClass: string | undefined,
  parent: string | undefined,
  kind: FolderKind = 'Folder',
  since: 2010 | 2013 = 2010,
): WellKnownFolder => ({ distinguishedId, displayName, folderClass, kind, parent, since })

/** Every folder a new mailbox has, parents before children. */
export const WELL_KNOWN_FOLDERS: readonly WellKnownFolder[] = [
  f('root', 'Root', undefined, undefined),
  f('msgfolderroot', 'Top of Information Store', 'IPF.Note', 'root'),
  f('inbox', 'Inbox', 'IPF.Note', 'msgfolderroot'),
  f('drafts', 'Drafts', 'IPF.Note', 'msgfolderroot'),
  f('sentitems', 'Sent Items', 'IPF.Note', 'msgfolderroot'),
  f('deleteditems', 'Deleted Items', 'IPF.Note', 'msgfolderroot'),
  f('outbox', 'Outbox', 'IPF.Note', 'msgfolderroot'),
  f('junkemail', 'Junk Email', 'IPF.Note', 'msgfolderroot'),
  f('calendar', 'Calendar', 'IPF.Appointment', 'msgfolderroot', 'CalendarFolder'),
  f('contacts', 'Contacts', 'IPF.Contact', 'msgfolderroot', 'ContactsFolder'),
  f(
    'recipientcache',
    'Recipient Cache',
    'IPF.Contact.RecipientCache',
    'contacts',
    'ContactsFolder',
    2013,
  ),
  f(
    'quickcontacts',
    'Skype for Business Contacts',
    'IPF.Contact.MOC.QuickContacts',
    'contacts',
    'ContactsFolder',
    2013,
  ),
  f('tasks', 'Tasks', 'IPF.Task', 'msgfolderroot', 'TasksFolder'),
  f('notes', 'Notes', 'IPF.StickyNote', 'msgfolderroot'),
  f('journal', 'Journal', 'IPF.Journal', 'msgfolderroot'),
  f('conversationhistory', 'Conversation History', 'IPF.Note', 'msgfolderroot', 'Folder', 2013),
  f('syncissues', 'Sync Issues', 'IPF.Note', 'msgfolderroot', 'Folder', 2013),
  f('conflicts', 'Conflicts', 'IPF.Note', 'syncissues', 'Folder', 2013),
  f('localfailures', 'Local Failures', 'IPF.Note', 'syncissues', 'Folder', 2013),
  f('serverfailures', 'Server Failures', 'IPF.Note', 'syncissues', 'Folder', 2013),
  f('searchfolders', 'Finder', undefined, 'root'),
  {
    ...f(undefined, MISSED_CONVERSATIONS, 'IPF.Note', 'searchfolders', 'SearchFolder'),
    searchItemClassPrefixes: ['IPM.Note.Microsoft.Missed'],
  },
  f('todosearch', 'To-Do Search', 'IPF.Task', 'searchfolders', 'SearchFolder', 2013),
  f(
    'imcontactlist',
    'IM Contact List',
    'IPF.Contact.MOC.ImContactList',
    'msgfolderroot',
    'ContactsFolder',
    2013,
  ),
  f('peopleconnect', 'PeopleConnect', 'IPF.Note', 'root', 'Folder', 2013),
  f('recoverableitemsroot', 'Recoverable Items', undefined, 'root'),
  f('recoverableitemsdeletions', 'Deletions', undefined, 'recoverableitemsroot'),
  f('recoverableitemsversions', 'Versions', undefined, 'recoverableitemsroot'),
  f('recoverableitemspurges', 'Purges', undefined, 'recoverableitemsroot'),
  f('adminauditlogs', 'AdminAuditLogs', undefined, 'recoverableitemsroot', 'Folder', 2013),
]

/** The well-known folders a mailbox of this generation is created with. */
export function wellKnownFoldersFor(generation: MailboxGeneration): WellKnownFolder[] {
  return WELL_KNOWN_FOLDERS.filter((w) => w.since === 2010 || generation !== 2010)
}

/** Folder kinds that may hold subfolders created by a client. Search folders may not. */
export function canHoldChildren(kind: FolderKind): boolean {
  return kind !== 'SearchFolder'
}

/** Every DistinguishedFolderId name the Exchange 2016-era schema allows (case-sensitive). */
export const DISTINGUISHED_FOLDER_NAMES: ReadonlySet<string> = new Set([
  'calendar',
  'contacts',
  'deleteditems',
  'drafts',
  'inbox',
  'journal',
  'notes',
  'outbox',
  'sentitems',
  'tasks',
  'msgfolderroot',
  'publicfoldersroot',
  'root',
  'junkemail',
  'searchfolders',
  'voicemail',
  'recoverableitemsroot',
  'recoverableitemsdeletions',
  'recoverableitemsversions',
  'recoverableitemspurges',
  'recoverableitemsdiscoveryholds',
  'archiveroot',
  'archivemsgfolderroot',
  'archivedeleteditems',
  'archiveinbox',
  'archiverecoverableitemsroot',
  'archiverecoverableitemsdeletions',
  'archiverecoverableitemsversions',
  'archiverecoverableitemspurges',
  'archiverecoverableitemsdiscoveryholds',
  'syncissues',
  'conflicts',
  'localfailures',
  'serverfailures',
  'recipientcache',
  'quickcontacts',
  'conversationhistory',
  'adminauditlogs',
  'todosearch',
  'mycontacts',
  'directory',
  'imcontactlist',
  'peopleconnect',
  'favorites',
  'mecontact',
  'personmetadata',
  'teamspaceactivity',
  'teamspacemessaging',
  'teamspaceworkitems',
  'scheduled',
  'orionnotes',
  'tagitems',
  'alltaggeditems',
  'externalcontacts',
  'teamchat',
  'yammerroot',
  'yammerinbound',
  'yammeroutbound',
  'yammerfeeds',
  'onedriveroot',
  'onedriverecylebin',
  'onedrivesystem',
  'onedrivevolume',
])
