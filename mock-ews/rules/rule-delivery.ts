/**
 * The one place the transport's delivery meets inbox rules: a recipient's rules (inbox-rules.ts)
 * on its delivery `parts[0]` — the folder it is filed in, read or not, its copies — and the
 * forwards and redirects to send once the delivery is stored. Rule-made messages forward nothing
 * (`mayForward` false), so two mailboxes forwarding to each other cannot loop.
 */
import { copyItemFields } from '../domain/items.ts'
import type { MailboxStore, Submission } from '../store/mailbox-store.ts'
import type { DirectoryUser } from '../topology/directory.ts'
import type { SendRequest } from '../transport/transport.ts'
import type { InboxRules } from './inbox-rules.ts'

export interface RuleDeliveryDeps {
  store: MailboxStore
  inbox(mailbox: string): string
  deletedItems(mailbox: string): string
}

export function applyRules(
  rules: InboxRules,
  deps: RuleDeliveryDeps,
  recipient: DirectoryUser,
  parts: Submission['create'],
  mayForward: boolean,
): SendRequest[] {
  const delivery = parts[0]!
  const mailbox = recipient.address
  const plan = rules.onDelivery(mailbox, delivery.fields)
  // A rule's folder that is gone: the Inbox (Exchange then marks the rule in error).
  const folderOr = (id: string): string => {
    try {
      return deps.store.getFolder(mailbox, id).folderId.id
    } catch {
      return deps.inbox(mailbox)
    }
  }
  const folder =
    'id' in plan.folder
      ? folderOr(plan.folder.id)
      : plan.folder.distinguished === 'deleteditems'
        ? deps.deletedItems(mailbox)
        : delivery.folderId
  const fields = { ...delivery.fields, isRead: plan.isRead }
  parts[0] = { ...delivery, folderId: folder, fields }
  for (const copy of new Set(plan.copies.map(folderOr))) {
    if (copy !== folder) parts.push({ mailbox, folderId: copy, fields, newMail: false })
  }
  if (!mayForward) return []
  const message = delivery.fields
  const sends: SendRequest[] = []
  if (plan.forwardTo.length > 0) {
    sends.push({
      sender: recipient,
      byRule: 'forward',
      message: {
        ...copyItemFields(message),
        subject: `FW: ${message.subject}`,
        from: { name: recipient.displayName, address: mailbox },
        // A new message from the rule's owner: the original's Sender does not come along.
        sender: undefined,
        toRecipients: plan.forwardTo,
        ccRecipients: [],
        bccRecipients: [],
        isRead: false,
      },
    })
  }
  if (plan.redirectTo.length > 0) {
    sends.push({
      sender: recipient,
      byRule: 'redirect',
      message: {
        ...copyItemFields(message),
        toRecipients: plan.redirectTo,
        ccRecipients: [],
        bccRecipients: [],
      },
    })
  }
  return sends
}
