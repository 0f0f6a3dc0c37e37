/**
 * The two-step send of the Drafts-bug builds ([16.0.6920.1000, 16.0.6965.2058), docs/drafts-bug.md):
 * CreateItem SaveOnly into Drafts, then SendItem. There is no check for an earlier attempt: every
 * attempt makes a new draft (the client half of the Drafts bug), recorded in the entry.
 */
import { DELIVERED, keep, tracedEws } from './ews-step.ts'
import type { AttemptOutcome, SendStep } from './ews-step.ts'
import { offlineImMessage } from './message.ts'
import type { SpoolEntry } from './spooler.ts'

export async function sendTwoStep(s: SendStep, entry: SpoolEntry): Promise<AttemptOutcome> {
  entry.attempts += 1
  const message = offlineImMessage(entry, s.displayName, s)
  await s.spooler.write(entry)
  const draft = await tracedEws(
    s.emit,
    'CreateItem',
    { entry: entry.id, disposition: 'SaveOnly' },
    () => s.ews.createItem({ disposition: 'SaveOnly', savedFolder: 'drafts', message }),
  )
  if (!draft.ok) return keep(draft.failure)
  const itemId = draft.value.itemId
  if (!itemId) return { delivered: false, reason: 'CreateItem SaveOnly returned no ItemId' }
  entry.drafts.push(itemId.id)
  await s.spooler.write(entry)
  const sent = await tracedEws(s.emit, 'SendItem', { entry: entry.id, draft: itemId.id }, () =>
    s.ews.sendItem({
      itemId: itemId.id,
      changeKey: itemId.changeKey,
      saveItemToFolder: true,
      savedFolder: s.historyFolder,
    }),
  )
  return sent.ok ? DELIVERED : keep(sent.failure)
}
