/**
 * Where the client keeps Conversation History (reference/sfb-offline-im.md §6): from Exchange 2013
 * on, the `conversationhistory` distinguished folder; on Exchange 2010, which has none, an ordinary
 * folder "Conversation History" under the top of the mailbox, found by FindFolder and made by
 * CreateFolder when missing (as Lync wrote it there). Both calls go to the trace.
 */
import { hasConversationHistoryFolder } from '../ews/index.ts'
import type { EwsResult, EwsTransport, FolderRef } from '../ews/index.ts'
import { tracedEws } from './ews-step.ts'
import type { Emit } from './ews-step.ts'

export const CONVERSATION_HISTORY = 'Conversation History'

export async function findHistoryFolder(
  ews: EwsTransport,
  requestServerVersion: string,
  emit: Emit,
): Promise<EwsResult<FolderRef>> {
  if (hasConversationHistoryFolder(requestServerVersion))
    return { ok: true, value: 'conversationhistory' }
  const found = await tracedEws(emit, 'FindFolder', { folder: 'msgfolderroot' }, () =>
    ews.findFolder('msgfolderroot'),
  )
  if (!found.ok) return found
  const folder = found.value.folders.find((f) => f.displayName === CONVERSATION_HISTORY)
  if (folder) return { ok: true, value: { id: folder.id } }
  const created = await tracedEws(emit, 'CreateFolder', { folder: 'msgfolderroot' }, () =>
    ews.createFolder('msgfolderroot', {
      displayName: CONVERSATION_HISTORY,
      folderClass: 'IPF.Note',
    }),
  )
  return created.ok ? { ok: true, value: { id: created.value.id } } : created
}
