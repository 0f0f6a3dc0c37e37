/** `FolderShape` (BaseShape + AdditionalProperties) and what it selects (Microsoft Learn, "FolderShape"). */
import type { Element } from '../../soap/xml-tree.ts'
import { attr, child, childElements, requiredChild, schemaError, text } from '../../soap/dom.ts'
import { NS } from '../../soap/namespaces.ts'
import type { ExtendedFieldUri } from '../../domain/extended-properties.ts'
import { readExtendedFieldUri } from './extended-xml.ts'

export const BASE_SHAPES = ['IdOnly', 'Default', 'AllProperties'] as const
export type BaseShape = (typeof BASE_SHAPES)[number]

/** Folder properties mock-ews can return, by their FieldURI name. */
export const FOLDER_FIELDS = [
  'FolderId',
  'ParentFolderId',
  'FolderClass',
  'DisplayName',
  'TotalCount',
  'ChildFolderCount',
  'EffectiveRights',
  'DistinguishedFolderId',
  'PermissionSet',
  'UnreadCount',
  'SearchParameters',
] as const
export type FolderField = (typeof FOLDER_FIELDS)[number]

const SHAPE_FIELDS: Record<BaseShape, readonly FolderField[]> = {
  IdOnly: ['FolderId'],
  Default: ['FolderId', 'DisplayName', 'TotalCount', 'ChildFolderCount', 'UnreadCount'],
  AllProperties: [
    'FolderId',
    'ParentFolderId',
    'FolderClass',
    'DisplayName',
    'TotalCount',
    'ChildFolderCount',
    'EffectiveRights',
    'UnreadCount',
    'SearchParameters',
  ],
}

/**
 * The set of folder fields a request asks for, with the extended properties named in
 * AdditionalProperties (returned only when named, as for items).
 */
export type FolderShape = ReadonlySet<FolderField> & {
  readonly extended?: readonly ExtendedFieldUri[]
}

/**
 * Reads `m:FolderShape`. FieldURIs of other kinds (item:, message:) and folder properties mock-ews
 * does not keep are ignored, as clients ask for more than applies. folder:PermissionSet is
 * returned only when named (Exchange 2013 and later leave it out of AllProperties).
 */
export function readFolderShape(el: Element): FolderShape {
  const base = text(requiredChild(el, 't', 'BaseShape'))!.trim()
  if (!(BASE_SHAPES as readonly string[]).includes(base)) {
    throw schemaError(
      `The value '${base}' is invalid according to its datatype 'DefaultShapeNamesType'.`,
    )
  }
  const fields = new Set<FolderField>(SHAPE_FIELDS[base as BaseShape])
  const additional = child(el, 't', 'AdditionalProperties')
  const extended: ExtendedFieldUri[] = []
  for (const p of additional ? childElements(additional, NS.t) : []) {
    if (p.localName === 'ExtendedFieldURI') extended.push(readExtendedFieldUri(p))
    if (p.localName !== 'FieldURI') continue
    const uri = attr(p, 'FieldURI')
    if (uri === undefined) throw schemaError("The required attribute 'FieldURI' is missing.")
    const [prefix, name] = uri.split(':')
    if (prefix === 'folder' && (FOLDER_FIELDS as readonly string[]).includes(name ?? '')) {
      fields.add(name as FolderField)
    }
  }
  return Object.assign(fields, { extended })
}

/** Reads the required `m:FolderShape` child of an operation element. */
export function readFolderShapeIn(parent: Element): FolderShape {
  return readFolderShape(requiredChild(parent, 'm', 'FolderShape'))
}
