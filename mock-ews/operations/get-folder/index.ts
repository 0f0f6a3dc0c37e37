// https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/getfolder-operation
import type { Element } from '../../soap/xml-tree.ts'
import type { XmlElement } from '../../soap/xml-writer.ts'
import type { Folder } from '../../domain/folders.ts'
import { requiredChild } from '../../soap/dom.ts'
import { NS } from '../../soap/namespaces.ts'
import { attempt } from '../operation.ts'
import type { Operation, OperationContext, Outcome } from '../operation.ts'
import { readFolderRefs, resolveFolder } from '../shared/folder-ids.ts'
import type { FolderRef } from '../shared/folder-ids.ts'
import { readFolderShapeIn } from '../shared/folder-shape.ts'
import type { FolderShape } from '../shared/folder-shape.ts'
import { renderFolder } from '../shared/folder-xml.ts'

interface GetFolderRequest {
  shape: FolderShape
  folders: FolderRef[]
}

export const getFolder: Operation<GetFolderRequest, Folder> = {
  name: 'GetFolder',
  parse(el: Element): GetFolderRequest {
    return {
      shape: readFolderShapeIn(el),
      folders: readFolderRefs(requiredChild(el, 'm', 'FolderIds')),
    }
  },
  count: (req) => req.folders.length,
  handle(req: GetFolderRequest, ctx: OperationContext): Outcome<Folder>[] {
    // One response message per id, in request order (clients zip them with their input).
    return req.folders.map((ref) => attempt(() => resolveFolder(ref, ctx)))
  },
  renderPayload(message: XmlElement, folder: Folder, req: GetFolderRequest): void {
    renderFolder(message.ele(NS.m, 'm:Folders'), folder, req.shape)
  },
  emptyPayload: 'Folders',
}
