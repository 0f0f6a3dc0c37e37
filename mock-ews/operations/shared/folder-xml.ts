/** Writes a folder as `t:Folder` / `t:CalendarFolder` / … with the properties a shape selects, in schema order. */
import type { XmlElement } from '../../soap/xml-writer.ts'
import type { Folder, FolderId } from '../../domain/folders.ts'
import { NS } from '../../soap/namespaces.ts'
import type { FolderShape } from './folder-shape.ts'
import { renderExtendedOf } from './extended-xml.ts'
import { renderPermissionSet } from './permission-xml.ts'

export function renderFolderId(parent: XmlElement, element: string, id: FolderId): void {
  parent.ele(NS.t, `t:${element}`).att('Id', id.id).att('ChangeKey', id.changeKey)
}

/** `m:Folders` holding just the folder's new id and change key (CreateFolder, UpdateFolder). */
export function renderFolderIdPayload(message: XmlElement, folder: Folder): void {
  renderFolderId(
    message.ele(NS.m, 'm:Folders').ele(NS.t, `t:${folder.kind}`),
    'FolderId',
    folder.folderId,
  )
}

/** Folder kinds whose schema type has UnreadCount (FolderType and its extensions). */
const HAS_UNREAD = new Set(['Folder', 'SearchFolder', 'TasksFolder'])

export function renderFolder(parent: XmlElement, folder: Folder, shape: FolderShape): void {
  const el = parent.ele(NS.t, `t:${folder.kind}`)
  if (shape.has('FolderId')) renderFolderId(el, 'FolderId', folder.folderId)
  if (shape.has('ParentFolderId') && folder.parentFolderId)
    renderFolderId(el, 'ParentFolderId', folder.parentFolderId)
  if (shape.has('FolderClass') && folder.folderClass !== undefined)
    el.ele(NS.t, 't:FolderClass').txt(folder.folderClass)
  if (shape.has('DisplayName')) el.ele(NS.t, 't:DisplayName').txt(folder.displayName)
  if (shape.has('TotalCount')) el.ele(NS.t, 't:TotalCount').txt(String(folder.totalCount))
  if (shape.has('ChildFolderCount'))
    el.ele(NS.t, 't:ChildFolderCount').txt(String(folder.childFolderCount))
  // types.xsd BaseFolderType: ExtendedProperty* right after ChildFolderCount.
  if (shape.extended?.length) renderExtendedOf(el, folder.extendedProperties, shape.extended)
  if (shape.has('EffectiveRights')) renderEffectiveRights(el, folder)
  if (shape.has('DistinguishedFolderId') && folder.distinguishedId !== undefined) {
    el.ele(NS.t, 't:DistinguishedFolderId').txt(folder.distinguishedId)
  }
  if (shape.has('PermissionSet')) renderPermissionSet(el, folder)
  if (shape.has('UnreadCount') && HAS_UNREAD.has(folder.kind))
    el.ele(NS.t, 't:UnreadCount').txt(String(folder.unreadCount))
  if (shape.has('SearchParameters') && folder.searchItemClassPrefixes)
    renderSearchParameters(el, folder.searchItemClassPrefixes)
}

/** The reader's rights: everything for the mailbox owner, else what the folder's permissions give her. */
function renderEffectiveRights(el: XmlElement, folder: Folder): void {
  const r = folder.readerRights
  const rights: [string, boolean][] = [
    ['CreateAssociated', r ? r.isFolderOwner : true],
    ['CreateContents', r ? r.canCreateItems : true],
    ['CreateHierarchy', r ? r.canCreateSubFolders : true],
    ['Delete', r ? r.isFolderOwner : true],
    ['Modify', r ? r.isFolderOwner : true],
    ['Read', r ? r.readItems === 'FullDetails' : true],
    ['ViewPrivateItems', !r],
  ]
  const out = el.ele(NS.t, 't:EffectiveRights')
  for (const [name, value] of rights) out.ele(NS.t, `t:${name}`).txt(String(value))
}

/** A search folder's definition: items whose class starts with one of the prefixes, anywhere in the mailbox. */
function renderSearchParameters(el: XmlElement, prefixes: readonly string[]): void {
  const params = el.ele(NS.t, 't:SearchParameters').att('Traversal', 'Deep')
  const restriction = params.ele(NS.t, 't:Restriction')
  const target = prefixes.length > 1 ? restriction.ele(NS.t, 't:Or') : restriction
  for (const prefix of prefixes) {
    const contains = target
      .ele(NS.t, 't:Contains')
      .att('ContainmentMode', 'Prefixed')
      .att('ContainmentComparison', 'IgnoreCase')
    contains.ele(NS.t, 't:FieldURI').att('FieldURI', 'item:ItemClass')
    contains.ele(NS.t, 't:Constant').att('Value', prefix)
  }
  params
    .ele(NS.t, 't:BaseFolderIds')
    .ele(NS.t, 't:DistinguishedFolderId')
    .att('Id', 'msgfolderroot')
}
