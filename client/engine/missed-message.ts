/**
 * The missed message a client writes for its own user when an IM arrives while the user is in Do
 * Not Disturb or Presenting (S8: "they will receive a missed message that is sent from the
 * recipient's Skype for Business client"; S16: "a Missed Conversation item is written to
 * Conversation History"): CreateItem SaveOnly into the user's Conversation History, class
 * IPM.Note.Microsoft.Missed, From the sender, unread — so Missed Conversations shows it.
 */
import type { EwsTransport, FolderRef } from '../ews/index.ts'
import { tracedEws } from './ews-step.ts'
import type { Emit } from './ews-step.ts'
import { missedItemBody, MISSED_CLASS } from './message.ts'
import type { ImDelivery } from './presence.ts'

export async function writeMissedMessage(
  ews: EwsTransport,
  folder: FolderRef,
  owner: string,
  im: ImDelivery,
  emit: Emit,
): Promise<boolean> {
  const written = await tracedEws(
    emit,
    'CreateItem',
    { disposition: 'SaveOnly', from: im.from },
    () =>
      ews.createItem({
        disposition: 'SaveOnly',
        savedFolder: folder,
        message: {
          itemClass: MISSED_CLASS,
          subject: `${im.fromName} sent you a message in Skype for Business`,
          body: { type: 'HTML', text: missedItemBody([im], im.fromName) },
          to: [owner],
          from: { name: im.fromName, address: im.from },
          isRead: false,
        },
      }),
  )
  return written.ok
}
