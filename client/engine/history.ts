/**
 * Reading history for the Recent list (reference/sfb-offline-im.md §4): the newest Conversation
 * History items (FindItem) and the unread count of the Missed Conversations view (FindFolder under
 * searchfolders). A read that fails leaves what was read before.
 */
import type { EwsResult, EwsTransport, FolderRef } from '../ews/index.ts'
import { tracedEws } from './ews-step.ts'
import type { Emit } from './ews-step.ts'

/** How many Conversation History items the Recent list shows. */
const RECENT_LIMIT = 50
const MISSED_CONVERSATIONS = 'Missed Conversations'

/** One line of the Recent list (Conversation History, newest first). */
export interface RecentEntry {
  from: string | undefined
  subject: string
  itemClass: string
  received: string | undefined
  isRead: boolean
}

export interface History {
  recent: RecentEntry[]
  missedCount: number
}

/** The Recent list and the missed count, starting from what was read before (`previous`). */
export async function readHistory(
  ews: EwsTransport,
  emit: Emit,
  previous: History,
  historyFolder: EwsResult<FolderRef>,
): Promise<History> {
  let { recent, missedCount } = previous
  const page = historyFolder.ok
    ? await tracedEws(emit, 'FindItem', { folder: 'conversationhistory' }, () =>
        ews.findItem({ folder: historyFolder.value, max: RECENT_LIMIT, offset: 0 }),
      )
    : historyFolder
  if (page.ok) {
    recent = page.value.items
      .map((m) => ({
        from: m.from?.address,
        subject: m.subject,
        itemClass: m.itemClass,
        received: m.dateTimeReceived,
        isRead: m.isRead,
      }))
      .sort((a, b) => (b.received ?? '').localeCompare(a.received ?? ''))
  }
  const views = await tracedEws(emit, 'FindFolder', { folder: 'searchfolders' }, () =>
    ews.findFolder('searchfolders'),
  )
  const missed = views.ok
    ? views.value.folders.find((f) => f.displayName === MISSED_CONVERSATIONS)
    : undefined
  if (missed) missedCount = missed.unreadCount
  emit('history', {
    recent: recent.length,
    missedConversations: missed?.totalCount ?? null,
    missedUnread: missed ? missed.unreadCount : null,
  })
  return { recent, missedCount }
}
