// https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/syncfolderhierarchy-operation
import type { Element } from '../../soap/xml-tree.ts'
import type { XmlElement } from '../../soap/xml-writer.ts'
import { EwsError } from '../../domain/errors.ts'
import { child, text } from '../../soap/dom.ts'
import { NS } from '../../soap/namespaces.ts'
import type { HierarchyChange } from '../../store/mailbox-store.ts'
import { fromOpaque, toOpaque } from '../../support/opaque.ts'
import { attempt } from '../operation.ts'
import type { Operation, OperationContext, Outcome } from '../operation.ts'
import { readSingleFolderRef, resolveFolder } from '../shared/folder-ids.ts'
import type { FolderRef } from '../shared/folder-ids.ts'
import { readFolderShapeIn } from '../shared/folder-shape.ts'
import type { FolderShape } from '../shared/folder-shape.ts'
import { renderFolder } from '../shared/folder-xml.ts'

interface SyncFolderHierarchyRequest {
  shape: FolderShape
  /** Undefined: the whole mailbox, from root. */
  syncFolder: FolderRef | undefined
  syncState: string | undefined
}

interface SyncResult {
  syncState: string
  changes: HierarchyChange[]
}

export const syncFolderHierarchy: Operation<SyncFolderHierarchyRequest, SyncResult> = {
  name: 'SyncFolderHierarchy',
  parse(el: Element): SyncFolderHierarchyRequest {
    const syncFolder = child(el, 'm', 'SyncFolderId')
    const state = text(child(el, 'm', 'SyncState'))?.trim()
    return {
      shape: readFolderShapeIn(el),
      syncFolder: syncFolder && readSingleFolderRef(syncFolder),
      syncState: state || undefined,
    }
  },
  handle(req: SyncFolderHierarchyRequest, ctx: OperationContext): Outcome<SyncResult>[] {
    const outcome = attempt(() => {
      const root = req.syncFolder
        ? resolveFolder(req.syncFolder, ctx)
        : ctx.store.getDistinguishedFolder(ctx.mailbox, 'root')
      const since =
        req.syncState === undefined ? undefined : decodeSyncState(req.syncState, root.folderId.id)
      // The mailbox the folder is in: another's, when the caller owns a folder of it (decision 0055).
      if (since !== undefined && since > ctx.store.hierarchySeq(root.mailbox))
        throw new EwsError('ErrorInvalidSyncStateData')
      const { changes, seq } = ctx.store.hierarchyChanges(ctx.mailbox, root.folderId.id, since)
      return { syncState: encodeSyncState(root.folderId.id, seq), changes }
    })
    return [outcome]
  },
  renderPayload(message: XmlElement, sync: SyncResult, req: SyncFolderHierarchyRequest): void {
    message.ele(NS.m, 'm:SyncState').txt(sync.syncState)
    message.ele(NS.m, 'm:IncludesLastFolderInRange').txt('true')
    const changes = message.ele(NS.m, 'm:Changes')
    for (const c of sync.changes) {
      if (c.type === 'Delete')
        changes.ele(NS.t, 't:Delete').ele(NS.t, 't:FolderId').att('Id', c.folderId)
      else renderFolder(changes.ele(NS.t, `t:${c.type}`), c.folder, req.shape)
    }
  },
}

/** Sync states are opaque to clients: the sync root and the hierarchy sequence number. */
function encodeSyncState(rootId: string, seq: number): string {
  return toOpaque({ v: 1, r: rootId, s: seq })
}

function decodeSyncState(state: string, rootId: string): number {
  const parsed = fromOpaque(state) as { v?: unknown; r?: unknown; s?: unknown } | undefined
  const s = parsed?.s
  if (
    parsed?.v === 1 &&
    parsed.r === rootId &&
    typeof s === 'number' &&
    Number.isSafeInteger(s) &&
    s >= 0
  )
    return s
  throw new EwsError('ErrorInvalidSyncStateData')
}
