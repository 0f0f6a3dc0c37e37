/**
 * The transport: what happens to a message once it is sent. It routes every recipient through the
 * topology, as Exchange and Skype for Business integration do (DESIGN.md, "Delivery"):
 * - same organisation: into the recipient's Inbox; a Skype for Business class also files a
 *   conversation-history entry in the recipient's Conversation History;
 * - a federated organisation: plain IPM.Note into the Inbox (the class is stripped at the boundary);
 * - anyone else: a non-delivery report into the sender's Inbox.
 * A distribution group's address (of the sender's or a federated organisation) is expanded to its
 * members, nested groups included; every user gets one copy however many ways they were named.
 * Limits (topology/quotas.ts): a sender over ProhibitSendQuota, or a message over the sender's
 * MaxSendSize, is refused with an error; a recipient whose mailbox the message would take over
 * ProhibitSendReceiveQuota, or whose MaxReceiveSize it exceeds, gets nothing and the sender an NDR.
 * The whole hand-over (deliveries, NDR, the sender's copy, the draft leaving) is one store
 * submission: it lands completely or not at all.
 */
import { EwsError } from '../domain/errors.ts'
import { copyItemFields, ITEM_CLASS, isSkypeForBusinessClass, itemSize } from '../domain/items.ts'
import type { EmailAddress, ItemFields } from '../domain/items.ts'
import type { MailboxStore, Submission } from '../store/mailbox-store.ts'
import type { Clock } from '../support/clock.ts'
import type { IdGenerator } from '../support/ids.ts'
import type { Directory, DirectoryUser } from '../topology/directory.ts'
import { formatSize } from '../topology/quotas.ts'
import type { InboxRules } from '../rules/inbox-rules.ts'
import { applyRules } from '../rules/rule-delivery.ts'
import type { RuleDeliveryDeps } from '../rules/rule-delivery.ts'
import { sendingAs } from './send-as.ts'
import { AutomaticReplies } from './auto-replies.ts'
import type { AutoReply } from './auto-replies.ts'

export interface SendRequest {
  sender: DirectoryUser
  /** The message as the sender wrote it. */
  message: ItemFields
  /** Where the sender's copy goes (SendAndSaveCopy, SendItem with SaveItemToFolder). */
  saveCopyIn?: string | undefined
  /** The draft that leaves the sender's mailbox (SendItem). */
  draftId?: string | undefined
  /** Sent by an inbox rule: a redirect keeps the original From; its deliveries forward nothing (no loops). */
  byRule?: 'forward' | 'redirect'
}

export interface FailedRecipient {
  address: string
  /** The enhanced status code and text an NDR carries, e.g. `550 5.1.1 RESOLVER.ADR.RecipNotFound`. */
  reason: string
}

export interface SendResult {
  delivered: string[]
  failed: FailedRecipient[]
}

export class Transport {
  /** Out-of-office settings and the replies they send (GetUserOofSettings / SetUserOofSettings). */
  readonly oof: AutomaticReplies

  constructor(
    private readonly store: MailboxStore,
    private readonly directory: Directory,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    private readonly rules?: InboxRules,
  ) {
    this.oof = new AutomaticReplies(store, directory)
  }

  /** A new Internet message id in the sender's domain. */
  newMessageId(domain: string): string {
    return `<${Buffer.from(this.ids.bytes(16)).toString('hex')}@${domain}>`
  }

  send(req: SendRequest): SendResult {
    // A redirect rule re-sends the message as it came (its From kept), the rule's owner as Sender.
    // A delegate (AddDelegate) may send on behalf of the mailbox, as Exchange grants her (decision 0056).
    const { from, sender } =
      req.byRule === 'redirect' && req.message.from
        ? {
            from: req.message.from,
            sender: { name: req.sender.displayName, address: req.sender.address },
          }
        : sendingAs(this.directory, req.sender, req.message, (owner, user) =>
            this.store.getDelegates(owner).delegates.some((d) => d.address === user),
          )
    const recipients = uniqueRecipients(req.message)
    if (recipients.length === 0)
      throw new EwsError('ErrorInvalidRecipients', 'The message has no recipients.')
    const now = this.clock.now()
    const sent: ItemFields = {
      ...copyItemFields(req.message),
      from,
      sender,
      isDraft: false,
      dateTimeSent: now,
      dateTimeReceived: now,
    }
    checkSender(req.sender, this.store.mailboxSize(req.sender.address), itemSize(sent))
    const create: Submission['create'] = []
    const delivered: string[] = []
    const reached: DirectoryUser[] = []
    const failed: FailedRecipient[] = []
    const ruleSends: SendRequest[] = []
    for (const address of this.#expand(req.sender, recipients)) {
      const route = this.#route(req.sender, address, sent.itemClass)
      if ('reason' in route) {
        failed.push({ address, reason: route.reason })
        continue
      }
      const me = { name: route.recipient.displayName, address: route.recipient.address }
      const received: ItemFields = {
        ...sent,
        ...NOT_CARRIED,
        bccRecipients: [],
        isRead: false,
        itemClass: route.itemClass,
        receivedBy: me,
        receivedRepresenting: me,
      }
      const parts: Submission['create'] = [
        {
          mailbox: address,
          folderId: this.#folder(address, 'inbox'),
          fields: received,
          newMail: true,
        },
      ]
      // Inbox rules (rules/rule-delivery.ts): where it is filed, copies, forwards to send.
      if (this.rules)
        ruleSends.push(
          ...applyRules(this.rules, this.#ruleDeps(), route.recipient, parts, !req.byRule),
        )
      const history = route.history && this.#optionalFolder(address, 'conversationhistory')
      if (history) {
        const entry = { ...received, itemClass: ITEM_CLASS.conversation, isRead: true }
        parts.push({ mailbox: address, folderId: history, fields: entry, newMail: false })
      }
      const refused = this.#overLimit(route.recipient, parts)
      if (refused) {
        failed.push({ address, reason: refused })
        continue
      }
      create.push(...parts)
      delivered.push(address)
      reached.push(route.recipient)
    }
    if (failed.length > 0) {
      const ndr = this.#nonDeliveryReport(req.sender, sent, failed, now)
      create.push({
        mailbox: req.sender.address,
        folderId: this.#folder(req.sender.address, 'inbox'),
        fields: ndr,
        newMail: true,
      })
    }
    if (req.saveCopyIn) {
      create.push({
        mailbox: req.sender.address,
        folderId: req.saveCopyIn,
        fields: { ...sent, isRead: true },
        newMail: false,
      })
    }
    this.store.submit({
      remove: req.draftId ? { mailbox: req.sender.address, itemId: req.draftId } : undefined,
      create,
    })
    for (const ruled of ruleSends) {
      try {
        this.send(ruled)
      } catch (e) {
        // A forward a rule cannot send (the recipient's send quota) does not undo the delivery.
        if (!(e instanceof EwsError)) throw e
      }
    }
    // The delivery point: each recipient whose out-of-office is on answers the sender once (an
    // automatic reply, of an IPM.Note.Rules class, is never answered: no loop). One reached through
    // a distribution group does not: a group's SendOofMessageToOriginatorEnabled is false by default.
    for (const user of reached) {
      if (!recipients.includes(user.address)) continue
      const reply = this.oof.replyFor(user, sent, now)
      if (reply) this.#sendAutomatic(reply)
    }
    return { delivered, failed }
  }

  #ruleDeps(): RuleDeliveryDeps {
    const folder = (name: string) => (mailbox: string) => this.#folder(mailbox, name)
    return { store: this.store, inbox: folder('inbox'), deletedItems: folder('deleteditems') }
  }

  /** Sends an automatic reply; one that cannot go (a full mailbox…) is not the original's failure. */
  #sendAutomatic(reply: AutoReply): void {
    const domain = reply.from.organisation.domain
    try {
      this.send({
        sender: reply.from,
        message: { ...reply.message, internetMessageId: this.newMessageId(domain) },
      })
    } catch (e) {
      if (!(e instanceof EwsError)) throw e
    }
  }

  /** Why a recipient's mailbox cannot take these parts (an NDR reason), or undefined. */
  #overLimit(recipient: DirectoryUser, parts: Submission['create']): string | undefined {
    const sizes = parts.map((p) => itemSize(p.fields))
    if (sizes[0]! > recipient.limits.maxReceiveSize)
      return '550 5.2.3 RESOLVER.RST.RecipSizeLimit; message too large for this recipient'
    const total = sizes.reduce((n, size) => n + size, 0)
    if (
      this.store.mailboxSize(recipient.address) + total >
      recipient.limits.prohibitSendReceiveQuota
    )
      return '554 5.2.2 mailbox full; STOREDRV.Deliver.Exception:QuotaExceededException.MapiExceptionShutoffQuotaExceeded'
    return undefined
  }

  /** The recipients with every reachable group replaced by the users it delivers to; each once. */
  #expand(sender: DirectoryUser, recipients: readonly string[]): string[] {
    const out = new Set<string>()
    for (const address of recipients) {
      const group = this.directory.group(address)
      const reachable =
        group &&
        (group.organisation === sender.organisation ||
          this.directory.federated(sender.organisation, group.organisation))
      if (!reachable) out.add(address)
      else for (const user of this.directory.expandGroup(group)) out.add(user.address)
    }
    return [...out]
  }

  #route(
    sender: DirectoryUser,
    address: string,
    itemClass: string,
  ): { recipient: DirectoryUser; itemClass: string; history: boolean } | { reason: string } {
    const recipient = this.directory.user(address)
    const domain = address.split('@')[1] ?? ''
    const group = recipient ? undefined : this.directory.group(address)
    if (group) {
      // Only a group of an organisation that is not federated reaches here (#expand).
      return {
        reason: `550 5.7.1 ${group.organisation.domain} is not federated with ${sender.organisation.domain}`,
      }
    }
    if (!recipient) {
      return this.directory.organisation(domain)
        ? { reason: '550 5.1.1 RESOLVER.ADR.RecipNotFound; not found' }
        : {
            reason: `550 5.4.1 Recipient address rejected: ${domain} is not reachable from ${sender.organisation.domain}`,
          }
    }
    if (recipient.organisation === sender.organisation) {
      return { recipient, itemClass, history: isSkypeForBusinessClass(itemClass) }
    }
    if (!this.directory.federated(sender.organisation, recipient.organisation)) {
      return {
        reason: `550 5.7.1 ${recipient.organisation.domain} is not federated with ${sender.organisation.domain}`,
      }
    }
    return { recipient, itemClass: ITEM_CLASS.note, history: false }
  }

  #folder(mailbox: string, name: string): string {
    try {
      return this.store.getDistinguishedFolder(mailbox, name).folderId.id
    } catch (e) {
      if (e instanceof EwsError && e.code === 'ErrorNonExistentMailbox') {
        throw new EwsError(
          'ErrorMailboxStoreUnavailable',
          `The mailbox of ${mailbox} is not available; nothing was delivered.`,
        )
      }
      throw e
    }
  }

  #optionalFolder(mailbox: string, name: string): string | undefined {
    try {
      return this.#folder(mailbox, name)
    } catch (e) {
      if (e instanceof EwsError && e.code === 'ErrorFolderNotFound') return undefined
      throw e
    }
  }

  #nonDeliveryReport(
    sender: DirectoryUser,
    sent: ItemFields,
    failed: FailedRecipient[],
    now: Date,
  ): ItemFields {
    const domain = sender.organisation.domain
    const lines = failed.map((f) => `${f.address}\r\n  Remote server returned '${f.reason}'`)
    return {
      itemClass: ITEM_CLASS.ndr,
      subject: `Undeliverable: ${sent.subject}`,
      body: {
        type: 'Text',
        text: `Delivery has failed to these recipients or groups:\r\n\r\n${lines.join('\r\n\r\n')}\r\n`,
      },
      importance: 'Normal',
      categories: [],
      isRead: false,
      isDraft: false,
      from: {
        name: 'Microsoft Outlook',
        address: `MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e@${domain}`,
      },
      toRecipients: [{ name: sender.displayName, address: sender.address }],
      ccRecipients: [],
      bccRecipients: [],
      internetMessageId: this.newMessageId(domain),
      dateTimeSent: now,
      dateTimeReceived: now,
    }
  }
}

/** What stays with the sender's mailbox: its retention tags and Focused/Other classification. */
const NOT_CARRIED = {
  policyTag: undefined,
  archiveTag: undefined,
  inferenceClassification: undefined,
} as const satisfies Partial<ItemFields>

/** ErrorQuotaExceeded for a sender over ProhibitSendQuota; ErrorMessageSizeExceeded over MaxSendSize. */
function checkSender(sender: DirectoryUser, mailboxSize: number, messageSize: number): void {
  const { prohibitSendQuota, maxSendSize } = sender.limits
  if (mailboxSize > prohibitSendQuota) {
    throw new EwsError(
      'ErrorQuotaExceeded',
      `The mailbox of ${sender.address} is over its send quota (ProhibitSendQuota ${formatSize(prohibitSendQuota)}; it holds ${formatSize(mailboxSize)}). Delete items before sending.`,
    )
  }
  if (messageSize > maxSendSize) {
    throw new EwsError(
      'ErrorMessageSizeExceeded',
      `The message is ${formatSize(messageSize)}, over the largest ${sender.address} may send (MaxSendSize ${formatSize(maxSendSize)}).`,
    )
  }
}

function uniqueRecipients(m: ItemFields): string[] {
  const all: EmailAddress[] = [...m.toRecipients, ...m.ccRecipients, ...m.bccRecipients]
  return [...new Set(all.map((a) => a.address.toLowerCase()))]
}
