/**
 * Folder properties by their EWS FieldURI (types.xsd UnindexedFieldURIType, folder:), as values a
 * FindFolder restriction compares: what exchangelib and ews-javascript-api search folders by.
 */
import type { Folder } from './folders.ts'
import type { FieldKind, FieldValue } from './item-fields.ts'
import type { FieldAccess } from './restriction.ts'

interface FolderFieldDef {
  kind: FieldKind
  get(folder: Folder): FieldValue
}

const FOLDER_FIELDS: Readonly<Record<string, FolderFieldDef>> = {
  'folder:DisplayName': { kind: 'string', get: (f) => f.displayName },
  'folder:FolderClass': { kind: 'string', get: (f) => f.folderClass },
  'folder:TotalCount': { kind: 'number', get: (f) => f.totalCount },
  'folder:ChildFolderCount': { kind: 'number', get: (f) => f.childFolderCount },
  'folder:UnreadCount': { kind: 'number', get: (f) => f.unreadCount },
}

export function isFolderField(fieldURI: string): boolean {
  return Object.hasOwn(FOLDER_FIELDS, fieldURI)
}

/** How a restriction reads a folder; the fields were checked with `isFolderField`. */
export const FOLDER_ACCESS: FieldAccess<Folder> = {
  value: (folder, field) => FOLDER_FIELDS[field]!.get(folder),
  kind: (field) => FOLDER_FIELDS[field]!.kind,
}
