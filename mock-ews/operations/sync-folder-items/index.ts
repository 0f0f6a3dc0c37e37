// https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/syncfolderitems-operation
import type { Element } from '../../soap/xml-tree.ts'
import type { XmlElement } from '../../soap/xml-writer.ts'
import { EwsError } from '../../domain/errors.ts'
import { child, requiredChild, schemaError, text } from '../../soap/dom.ts'
import { NS } from '../../soap/namespaces.ts'
import type { ItemSyncChange, SyncCursor } from '../../store/mailbox-store.ts'
import { fromOpaque, toOpaque } from '../../support/opaque.ts'
import { attempt } from '../operation.ts'
import type { Operation, OperationContext, Outcome } from '../operation.ts'
import { readSingleFolderRef, resolveFolder } from '../shared/folder-ids.ts'
import type { FolderRef } from '../shared/folder-ids.ts'
import { readItemRefs, renderItemId } from '../shared/item-ids.ts'
import { readItemShape, shapeForVersion } from '../shared/item-shape.ts'
import type { ItemShape } from '../shared/item-shape.ts'
import { renderItem } from '../shared/item-xml.ts'

interface SyncFolderItemsRequest {
  shape: ItemShape
  folder: FolderRef
  syncState: string | undefined
  ignore: ReadonlySet<string>
  max: number
}

interface SyncResult {
  syncState: string
  includesLast: boolean
  changes: ItemSyncChange[]
}

export const syncFolderItems: Operation<SyncFolderItemsRequest, SyncResult> = {
  name: 'SyncFolderItems',
  parse(el: Element): SyncFolderItemsRequest {
    const max = Number(text(requiredChild(el, 'm', 'MaxChangesReturned'))?.trim())
    if (!Number.isInteger(max) || max < 1 || max > 512) {
      throw schemaError("'MaxChangesReturned' must be a whole number from 1 to 512.")
    }
    const ignore = child(el, 'm', 'Ignore')
    return {
      shape: readItemShape(requiredChild(el, 'm', 'ItemShape')),
      folder: readSingleFolderRef(requiredChild(el, 'm', 'SyncFolderId')),
      syncState: text(child(el, 'm', 'SyncState'))?.trim() || undefined,
      ignore: new Set(ignore ? readItemRefs(ignore).map((r) => r.id) : []),
      max,
    }
  },
  handle(req: SyncFolderItemsRequest, ctx: OperationContext): Outcome<SyncResult>[] {
    req.shape = shapeForVersion(req.shape, ctx.requestServerVersion)
    return [
      attempt(() => {
        const folderId = resolveFolder(req.folder, ctx).folderId.id
        const since =
          req.syncState === undefined ? undefined : readSyncState(req.syncState, folderId, ctx)
        const { changes, cursor, includesLast } = ctx.store.itemChanges(
          ctx.mailbox,
          folderId,
          since,
          req.max,
        )
        const kept = changes.filter(
          (c) => !req.ignore.has(c.type === 'Delete' ? c.itemId : c.item.itemId.id),
        )
        return {
          syncState: toOpaque({ v: 1, f: folderId, ...cursor }),
          includesLast,
          changes: kept,
        }
      }),
    ]
  },
  renderPayload(message: XmlElement, sync: SyncResult, req: SyncFolderItemsRequest): void {
    message.ele(NS.m, 'm:SyncState').txt(sync.syncState)
    message.ele(NS.m, 'm:IncludesLastItemInRange').txt(String(sync.includesLast))
    const changes = message.ele(NS.m, 'm:Changes')
    for (const c of sync.changes) {
      const el = changes.ele(NS.t, `t:${c.type}`)
      if (c.type === 'Delete') el.ele(NS.t, 't:ItemId').att('Id', c.itemId)
      else if (c.type === 'ReadFlagChange') {
        renderItemId(el, 'ItemId', c.item)
        el.ele(NS.t, 't:IsRead').txt(String(c.item.isRead))
      } else renderItem(el, c.item, req.shape)
    }
  },
  // Exchange answers a bad sync state with an empty state and "last item in range".
  emptyPayload: (message) => {
    message.ele(NS.m, 'm:SyncState')
    message.ele(NS.m, 'm:IncludesLastItemInRange').txt('true')
  },
}

/** A sync state of ours for this folder, naming nothing from the future; else ErrorInvalidSyncStateData. */
function readSyncState(state: string, folderId: string, ctx: OperationContext): SyncCursor {
  const parsed = fromOpaque(state) as
    { v?: unknown; f?: unknown; seq?: unknown; reported?: unknown } | undefined
  const now = ctx.store.itemSeq(ctx.mailbox)
  const isSeq = (n: unknown): n is number =>
    typeof n === 'number' && Number.isSafeInteger(n) && n >= 0 && n <= now
  const reported = parsed?.reported
  if (
    parsed?.v === 1 &&
    parsed.f === folderId &&
    isSeq(parsed.seq) &&
    typeof reported === 'object' &&
    reported !== null &&
    Object.values(reported).every(isSeq)
  ) {
    return { seq: parsed.seq, reported: reported as Record<string, number> }
  }
  throw new EwsError('ErrorInvalidSyncStateData')
}
