// https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/createfolder-operation
import type { Element } from '../../soap/xml-tree.ts'
import { EwsError } from '../../domain/errors.ts'
import type { Folder, FolderKind } from '../../domain/folders.ts'
import { child, childElements, requiredChild, schemaError, text } from '../../soap/dom.ts'
import { NS } from '../../soap/namespaces.ts'
import { attempt } from '../operation.ts'
import type { Operation, OperationContext, Outcome } from '../operation.ts'
import { readSingleFolderRef, resolveFolder } from '../shared/folder-ids.ts'
import type { FolderRef } from '../shared/folder-ids.ts'
import { renderFolderIdPayload } from '../shared/folder-xml.ts'
import { permissionsFor, readPermissionSet } from '../shared/permission-xml.ts'
import type { PermissionSetRequest } from '../shared/permission-xml.ts'
import { readExtendedProperty } from '../shared/extended-xml.ts'
import type { ExtendedProperty } from '../../domain/extended-properties.ts'

const KINDS: readonly FolderKind[] = [
  'Folder',
  'CalendarFolder',
  'ContactsFolder',
  'TasksFolder',
  'SearchFolder',
]
// A plain t:Folder created without one has no FolderClass, as on Exchange (decision 0031);
// the typed folder elements get their class.
const DEFAULT_CLASS: Record<FolderKind, string | undefined> = {
  Folder: undefined,
  CalendarFolder: 'IPF.Appointment',
  ContactsFolder: 'IPF.Contact',
  TasksFolder: 'IPF.Task',
  SearchFolder: 'IPF.Note',
}

interface NewFolderRequest {
  kind: FolderKind
  displayName: string | undefined
  folderClass: string | undefined
  extendedProperties: ExtendedProperty[] | EwsError
  permissions: PermissionSetRequest | undefined
}

interface CreateFolderRequest {
  parent: FolderRef
  folders: NewFolderRequest[]
}

export const createFolder: Operation<CreateFolderRequest, Folder> = {
  name: 'CreateFolder',
  parse(el: Element): CreateFolderRequest {
    const folders = childElements(requiredChild(el, 'm', 'Folders'), NS.t).map((f) => {
      // The constant, not the parsed name: a slice of the request would keep it alive.
      const kind = KINDS.find((k) => k === f.localName)
      if (kind === undefined) throw schemaError(`The element '${f.localName}' is not a folder.`)
      return {
        kind,
        displayName: text(child(f, 't', 'DisplayName'))?.trim(),
        folderClass: text(child(f, 't', 'FolderClass'))?.trim(),
        extendedProperties: readFolderExtended(f),
        permissions: ((p) => p && readPermissionSet(p))(child(f, 't', 'PermissionSet')),
      }
    })
    if (folders.length === 0) throw schemaError("The element 'Folders' has incomplete content.")
    return { parent: readSingleFolderRef(requiredChild(el, 'm', 'ParentFolderId')), folders }
  },
  count: (req) => req.folders.length,
  handle(req: CreateFolderRequest, ctx: OperationContext): Outcome<Folder>[] {
    const parent = attempt(() => resolveFolder(req.parent, ctx))
    return req.folders.map((spec) =>
      attempt(() => {
        if (!parent.ok) throw parent.error
        if (spec.extendedProperties instanceof EwsError) throw spec.extendedProperties
        if (spec.kind === 'SearchFolder') {
          throw new EwsError(
            'ErrorInvalidFolderTypeForOperation',
            'mock-ews does not create search folders.',
          )
        }
        if (!spec.displayName)
          throw new EwsError('ErrorInvalidRequest', 'A new folder needs a DisplayName.')
        return ctx.store.createFolder(ctx.mailbox, parent.value.folderId.id, {
          kind: spec.kind,
          displayName: spec.displayName,
          folderClass: spec.folderClass || DEFAULT_CLASS[spec.kind],
          extendedProperties: spec.extendedProperties,
          permissions: spec.permissions && permissionsFor(spec.permissions, spec.kind, ctx),
        })
      }),
    )
  },
  renderPayload: renderFolderIdPayload,
  emptyPayload: 'Folders',
}

/**
 * A folder's `t:ExtendedProperty` elements, kept as given (no tag is aliased to a folder field);
 * a bad one is that folder's error, as for items.
 */
function readFolderExtended(f: Element): ExtendedProperty[] | EwsError {
  try {
    const list: ExtendedProperty[] = []
    for (const p of childElements(f, NS.t, 'ExtendedProperty').map(readExtendedProperty))
      list.splice(0, list.length, ...list.filter((q) => q.uri.key !== p.uri.key), p)
    return list
  } catch (e) {
    if (e instanceof EwsError && e.code !== 'ErrorSchemaValidation') return e
    throw e
  }
}
