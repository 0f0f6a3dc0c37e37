/** The events subscriptions report, as EWS names them, and their opaque watermarks. */
import type { StoreEvent } from '../store/mailbox-store.ts'
import { toOpaque } from '../support/opaque.ts'

export const EVENT_TYPES = [
  'CopiedEvent',
  'CreatedEvent',
  'DeletedEvent',
  'ModifiedEvent',
  'MovedEvent',
  'NewMailEvent',
  'FreeBusyChangedEvent',
] as const
export type EventType = (typeof EVENT_TYPES)[number]

export interface QueuedEvent {
  type: EventType
  watermark: string
  event: StoreEvent
}

export interface EventBatch {
  subscriptionId: string
  previousWatermark: string
  /** Empty: nothing happened (the answer carries a StatusEvent with `watermark`). */
  events: QueuedEvent[]
  watermark: string
  moreEvents: boolean
}

export const STORE_TO_EWS: Record<StoreEvent['type'], EventType> = {
  NewMail: 'NewMailEvent',
  Created: 'CreatedEvent',
  Modified: 'ModifiedEvent',
  Deleted: 'DeletedEvent',
  Moved: 'MovedEvent',
  Copied: 'CopiedEvent',
}

/** Whether an event is in one of the folders a subscription names (as source or target). */
export function inScope(
  spec: { folderIds: readonly string[] | 'all' },
  event: StoreEvent,
): boolean {
  const folders = spec.folderIds
  return (
    folders === 'all' ||
    folders.includes(event.parentFolderId.id) ||
    (event.oldParentFolderId !== undefined && folders.includes(event.oldParentFolderId.id))
  )
}

/** Watermarks are opaque to clients: the event number and the subscription id. */
export function watermark(subscriptionId: string, seq: number): string {
  return toOpaque({ n: seq, s: subscriptionId })
}
