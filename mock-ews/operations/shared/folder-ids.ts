/** Folder references in requests: `t:FolderId` or `t:DistinguishedFolderId` (reference/ews-protocol.md §3). */
import type { Element } from '../../soap/xml-tree.ts'
import { EwsError } from '../../domain/errors.ts'
import { DISTINGUISHED_FOLDER_NAMES } from '../../domain/folders.ts'
import type { Folder } from '../../domain/folders.ts'
import { attr, child, childElements, schemaError, text } from '../../soap/dom.ts'
import { NS } from '../../soap/namespaces.ts'
import type { OperationContext } from '../operation.ts'

export type FolderRef =
  | { type: 'id'; id: string; changeKey: string | undefined }
  | { type: 'distinguished'; name: string; mailbox: string | undefined }

/** Reads every folder reference inside a container such as `m:FolderIds` or `m:ParentFolderIds`. */
export function readFolderRefs(container: Element): FolderRef[] {
  const refs = childElements(container, NS.t).map(readFolderRef)
  if (refs.length === 0)
    throw schemaError(`The element '${container.localName}' has incomplete content.`)
  return refs
}

/** Reads a `t:FolderId` or `t:DistinguishedFolderId` element. */
export function readFolderRef(el: Element): FolderRef {
  if (el.localName === 'FolderId') {
    const id = attr(el, 'Id')
    if (id === undefined) throw schemaError("The required attribute 'Id' of 'FolderId' is missing.")
    return { type: 'id', id, changeKey: attr(el, 'ChangeKey') }
  }
  if (el.localName === 'DistinguishedFolderId') {
    const name = attr(el, 'Id') ?? ''
    if (!DISTINGUISHED_FOLDER_NAMES.has(name)) {
      throw schemaError(
        `The 'Id' attribute is invalid - The value '${name}' is invalid according to its datatype 'DistinguishedFolderIdNameType' - The Enumeration constraint failed.`,
      )
    }
    const mailbox = child(el, 't', 'Mailbox')
    return {
      type: 'distinguished',
      name,
      mailbox: mailbox && text(child(mailbox, 't', 'EmailAddress'))?.trim(),
    }
  }
  throw schemaError(`The element '${el.localName}' is not a folder id.`)
}

/** Reads the single folder reference inside a container such as `m:ParentFolderId`. */
export function readSingleFolderRef(container: Element): FolderRef {
  const refs = readFolderRefs(container)
  if (refs.length > 1)
    throw schemaError(`The element '${container.localName}' takes one folder id.`)
  return refs[0]!
}

/**
 * Finds the folder a reference names. A `t:Mailbox` naming another user's mailbox reaches it as
 * far as its permissions let the caller (the store says: store/rules/caller-access.ts); an
 * unknown one is ErrorNonExistentMailbox.
 */
export function resolveFolder(ref: FolderRef, ctx: OperationContext): Folder {
  if (ref.type === 'id') return ctx.store.getFolder(ctx.mailbox, ref.id)
  if (ref.mailbox !== undefined && ref.mailbox.toLowerCase() !== ctx.mailbox) {
    if (!ctx.store.getMailbox(ref.mailbox)) throw new EwsError('ErrorNonExistentMailbox')
    return ctx.store.getDistinguishedFolder(ref.mailbox.toLowerCase(), ref.name)
  }
  return ctx.store.getDistinguishedFolder(ctx.mailbox, ref.name)
}

/** The id of the folder a reference names, or of a distinguished folder when there is no reference. */
export function folderIdOr(
  ref: FolderRef | undefined,
  fallback: string,
  ctx: OperationContext,
): string {
  return (ref ? resolveFolder(ref, ctx) : ctx.store.getDistinguishedFolder(ctx.mailbox, fallback))
    .folderId.id
}
