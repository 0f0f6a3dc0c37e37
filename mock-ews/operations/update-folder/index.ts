// https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/updatefolder-operation
import type { Element } from '../../soap/xml-tree.ts'
import { EwsError } from '../../domain/errors.ts'
import type { Folder } from '../../domain/folders.ts'
import { attr, child, childElements, requiredChild, schemaError, text } from '../../soap/dom.ts'
import { NS } from '../../soap/namespaces.ts'
import { attempt } from '../operation.ts'
import type { Operation, OperationContext, Outcome } from '../operation.ts'
import { readFolderRef, resolveFolder } from '../shared/folder-ids.ts'
import type { FolderRef } from '../shared/folder-ids.ts'
import { renderFolderIdPayload } from '../shared/folder-xml.ts'
import { permissionsFor, readPermissionSet } from '../shared/permission-xml.ts'
import type { PermissionSetRequest } from '../shared/permission-xml.ts'
import { readExtendedFieldUri, readExtendedProperty } from '../shared/extended-xml.ts'
import type { ExtendedFieldUri, ExtendedProperty } from '../../domain/extended-properties.ts'

/**
 * One change description: a rename; a FolderClass set to the class the folder has (exchangelib
 * sends every field on save); a new folder:PermissionSet, or its reset to the default (exchangelib
 * sends DeleteFolderField PermissionSet on every save, decision 0031). Anything else is refused,
 * never dropped.
 */
type FolderUpdate =
  | { kind: 'rename'; displayName: string }
  | { kind: 'sameClass'; folderClass: string }
  | { kind: 'resetPermissions' }
  | { kind: 'permissions'; set: PermissionSetRequest }
  | { kind: 'unsupported'; what: string }
  /** SetFolderField (with the property) or DeleteFolderField (without) of an ExtendedFieldURI. */
  | { kind: 'extended'; uri: ExtendedFieldUri; set: ExtendedProperty | undefined }
  | { kind: 'invalid'; error: EwsError }

interface FolderChange {
  folder: FolderRef
  updates: FolderUpdate[]
}

export const updateFolder: Operation<FolderChange[], Folder> = {
  name: 'UpdateFolder',
  parse(el: Element): FolderChange[] {
    const changes = childElements(
      requiredChild(el, 'm', 'FolderChanges'),
      NS.t,
      'FolderChange',
    ).map(readChange)
    if (changes.length === 0)
      throw schemaError("The element 'FolderChanges' has incomplete content.")
    return changes
  },
  count: (req) => req.length,
  handle(changes: FolderChange[], ctx: OperationContext): Outcome<Folder>[] {
    return changes.map((change) =>
      attempt(() => {
        let folder = resolveFolder(change.folder, ctx)
        for (const u of change.updates) {
          if (u.kind === 'invalid') throw u.error
          if (u.kind === 'unsupported') {
            throw new EwsError(
              'ErrorInvalidPropertySet',
              `mock-ews can only set folder:DisplayName, folder:PermissionSet and extended properties, set folder:FolderClass to the class the folder has and delete folder:PermissionSet (got ${u.what}).`,
            )
          }
          if (u.kind === 'sameClass' && u.folderClass !== folder.folderClass) {
            throw new EwsError(
              'ErrorInvalidPropertySet',
              `mock-ews cannot change the FolderClass of a folder (${folder.folderClass ?? 'none'} to ${u.folderClass}).`,
            )
          }
        }
        // Checked against the folder before anything is applied; a rename (the one change that
        // can still be refused: ErrorFolderExists) goes first.
        const permissions = change.updates.map((u) =>
          u.kind === 'permissions' ? permissionsFor(u.set, folder.kind, ctx) : undefined,
        )
        for (const u of change.updates)
          if (u.kind === 'rename')
            folder = ctx.store.renameFolder(ctx.mailbox, folder.folderId.id, u.displayName)
        let extended = folder.extendedProperties ?? []
        for (const [i, u] of change.updates.entries()) {
          if (u.kind === 'permissions' || u.kind === 'resetPermissions')
            folder = ctx.store.setFolderPermissions(ctx.mailbox, folder.folderId.id, permissions[i])
          if (u.kind === 'extended') {
            extended = extended.filter((p) => p.uri.key !== u.uri.key)
            if (u.set) extended = [...extended, u.set]
          }
        }
        if (change.updates.some((u) => u.kind === 'extended'))
          folder = ctx.store.setFolderExtendedProperties(ctx.mailbox, folder.folderId.id, extended)
        return folder
      }),
    )
  },
  renderPayload: renderFolderIdPayload,
  emptyPayload: 'Folders',
}

function readChange(el: Element): FolderChange {
  const id = child(el, 't', 'FolderId') ?? child(el, 't', 'DistinguishedFolderId')
  if (!id) throw schemaError("The element 'FolderChange' is missing its folder id.")
  const updates = childElements(requiredChild(el, 't', 'Updates'), NS.t).map(readUpdate)
  if (updates.length === 0) throw schemaError("The element 'Updates' has incomplete content.")
  return { folder: readFolderRef(id), updates }
}

function readUpdate(el: Element): FolderUpdate {
  const path = childElements(el, NS.t)[0]
  if (path?.localName === 'ExtendedFieldURI') {
    try {
      return readExtendedUpdate(el, path)
    } catch (e) {
      if (e instanceof EwsError && e.code !== 'ErrorSchemaValidation')
        return { kind: 'invalid', error: e }
      throw e
    }
  }
  const uri = child(el, 't', 'FieldURI')
  const field = uri ? (attr(uri, 'FieldURI') ?? '') : (childElements(el, NS.t)[0]?.localName ?? '')
  if (el.localName === 'SetFolderField' && field === 'folder:DisplayName') {
    const folder = childElements(el, NS.t).find((c) => (c.localName ?? '').endsWith('Folder'))
    const name = folder && text(child(folder, 't', 'DisplayName'))?.trim()
    if (!name)
      throw schemaError(
        'SetFolderField for folder:DisplayName needs a folder element with a DisplayName.',
      )
    return { kind: 'rename', displayName: name }
  }
  if (el.localName === 'SetFolderField' && field === 'folder:FolderClass') {
    const folder = childElements(el, NS.t).find((c) => (c.localName ?? '').endsWith('Folder'))
    const folderClass = folder && text(child(folder, 't', 'FolderClass'))?.trim()
    if (!folderClass)
      throw schemaError(
        'SetFolderField for folder:FolderClass needs a folder element with a FolderClass.',
      )
    return { kind: 'sameClass', folderClass }
  }
  if (el.localName === 'SetFolderField' && field === 'folder:PermissionSet') {
    const folder = childElements(el, NS.t).find((c) => (c.localName ?? '').endsWith('Folder'))
    const set = folder && child(folder, 't', 'PermissionSet')
    if (!set)
      throw schemaError(
        'SetFolderField for folder:PermissionSet needs a folder element with a PermissionSet.',
      )
    return { kind: 'permissions', set: readPermissionSet(set) }
  }
  if (el.localName === 'DeleteFolderField' && field === 'folder:PermissionSet')
    return { kind: 'resetPermissions' }
  return { kind: 'unsupported', what: `${el.localName} ${field}` }
}

/** A change of one extended property: Set carries exactly that property, Delete none. */
function readExtendedUpdate(el: Element, path: Element): FolderUpdate {
  const uri = readExtendedFieldUri(path)
  if (el.localName === 'DeleteFolderField') return { kind: 'extended', uri, set: undefined }
  if (el.localName !== 'SetFolderField')
    throw new EwsError('ErrorInvalidPropertySet', 'Extended properties can be set or deleted.')
  const folder = childElements(el, NS.t).find((c) => (c.localName ?? '').endsWith('Folder'))
  const props = folder
    ? childElements(folder, NS.t, 'ExtendedProperty').map(readExtendedProperty)
    : []
  if (props.length !== 1 || props[0]!.uri.key !== uri.key)
    throw new EwsError(
      'ErrorIncorrectUpdatePropertyCount',
      'The change must carry exactly the extended property its ExtendedFieldURI names.',
    )
  return { kind: 'extended', uri, set: props[0] }
}
