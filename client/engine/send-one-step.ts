/**
 * The one-step send of fixed builds (≥ 16.0.6965.2058, reference/sfb-offline-im.md §5): CreateItem
 * SendAndSaveCopy, the copy in conversationhistory. Before the call the entry is marked `inFlight`
 * (and written); if a previous attempt may have reached Exchange (a crash, a reset, a timeout), the
 * InternetMessageId is first looked for in conversationhistory and the message is not sent again if
 * it is there. So each message goes out once.
 */
import { isUncertain } from '../ews/index.ts'
import { DELIVERED, keep, tracedEws } from './ews-step.ts'
import type { AttemptOutcome, SendStep } from './ews-step.ts'
import { offlineImMessage } from './message.ts'
import type { SpoolEntry } from './spooler.ts'

export async function sendOneStep(s: SendStep, entry: SpoolEntry): Promise<AttemptOutcome> {
  if (entry.inFlight) {
    const check = await tracedEws(
      s.emit,
      'FindItem',
      { entry: entry.id, folder: 'conversationhistory' },
      () =>
        s.ews.findItem({
          folder: s.historyFolder,
          max: 1,
          offset: 0,
          restriction: { field: 'message:InternetMessageId', equals: entry.internetMessageId },
        }),
    )
    if (!check.ok) {
      s.emit('delivery.check', { entry: entry.id, found: null })
      return keep(check.failure)
    }
    const found = check.value.total > 0
    s.emit('delivery.check', {
      entry: entry.id,
      internetMessageId: entry.internetMessageId,
      found,
    })
    if (found) return DELIVERED
  }

  entry.attempts += 1
  const message = offlineImMessage(entry, s.displayName, s)
  entry.inFlight = { since: s.clock.now().toISOString(), path: 'one-step' }
  await s.spooler.write(entry)
  const sent = await tracedEws(
    s.emit,
    'CreateItem',
    { entry: entry.id, disposition: 'SendAndSaveCopy' },
    () =>
      s.ews.createItem({
        disposition: 'SendAndSaveCopy',
        savedFolder: s.historyFolder,
        message,
      }),
  )
  if (sent.ok) return DELIVERED
  // Only a failure that certainly did not reach Exchange clears the mark.
  if (!isUncertain(sent.failure)) delete entry.inFlight
  return keep(sent.failure)
}
