/**
 * The subscription event of a folder change (types.xsd BaseObjectChangedEventType with a FolderId):
 * CreateFolder → Created, a rename → Modified, MoveFolder and a delete into Deleted Items → Moved
 * (same id, old parent), CopyFolder → Copied (new id, old id and parent), a hard delete → Deleted.
 */
import type { FolderEvent } from '../mailbox-store.ts'
import type { StoredFolder } from './storage.ts'

type Ref = { readonly id: string; readonly changeKey: string } | undefined

export function folderEvent(
  type: FolderEvent['type'],
  mailbox: string,
  at: Date,
  folder: Ref,
  parent: Ref,
  old?: { folder: StoredFolder; parent: StoredFolder | undefined },
): FolderEvent {
  return {
    type,
    mailbox,
    folderId: idOf(folder),
    parentFolderId: idOf(parent),
    ...(old && { oldFolderId: idOf(old.folder), oldParentFolderId: idOf(old.parent) }),
    at,
  }
}

function idOf(rec: Ref): { id: string; changeKey: string } {
  return rec ? { id: rec.id, changeKey: rec.changeKey } : { id: '', changeKey: '' }
}
