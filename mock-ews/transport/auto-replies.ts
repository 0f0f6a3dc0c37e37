/**
 * Automatic replies (out of office), as Exchange's OOF rules send them: while a mailbox's OOF is
 * on (Enabled, or Scheduled with the virtual clock inside its window), each message delivered to
 * it gets one reply per sender — the InternalReply to a sender of the same organisation, the
 * ExternalReply to anyone else as ExternalAudience allows (None: nobody; Known: senders in the
 * mailbox's Contacts; All: everybody). Setting the OOF settings again starts a new "replied to"
 * list (Microsoft Learn: "The count is reset when you toggle the Out of Office Assistant").
 * Never answered: non-delivery reports and other reports, automatic replies, the Skype for
 * Business classes, and the mailbox's own messages (docs/decisions/0051).
 */
import { classMatchesPrefix, isSkypeForBusinessClass } from '../domain/items.ts'
import type { ItemFields } from '../domain/items.ts'
import type { MailboxStore } from '../store/mailbox-store.ts'
import type { Directory, DirectoryUser } from '../topology/directory.ts'

export type OofState = 'Disabled' | 'Enabled' | 'Scheduled'
export type ExternalAudience = 'None' | 'Known' | 'All'

export interface OofSettings {
  state: OofState
  externalAudience: ExternalAudience
  /** The Scheduled window [start, end), epoch ms; kept whatever the state (Exchange returns it). */
  duration?: { start: number; end: number }
  internalReply: string
  externalReply: string
}

export const OOF_CLASS = {
  internal: 'IPM.Note.Rules.OofTemplate.Microsoft',
  external: 'IPM.Note.Rules.ExternalOofTemplate.Microsoft',
} as const

export const DEFAULT_OOF: Readonly<OofSettings> = {
  state: 'Disabled',
  externalAudience: 'All',
  internalReply: '',
  externalReply: '',
}

/** A reply to send: from the mailbox's owner to one sender. */
export interface AutoReply {
  from: DirectoryUser
  message: ItemFields
}

/** The out-of-office state of every mailbox, as plain data. */
export interface AutoReplyState {
  settings: Record<string, OofSettings>
  replied: Record<string, string[]>
}

export class AutomaticReplies {
  readonly #settings = new Map<string, OofSettings>()
  readonly #replied = new Map<string, Set<string>>()

  constructor(
    private readonly store: MailboxStore,
    private readonly directory: Directory,
  ) {}

  /** Every mailbox's settings and whom it has answered, as plain data (snapshots, the state file). */
  exportState(): AutoReplyState {
    return {
      settings: Object.fromEntries([...this.#settings].map(([m, v]) => [m, structuredClone(v)])),
      replied: Object.fromEntries([...this.#replied].map(([m, v]) => [m, [...v]])),
    }
  }

  importState(state: AutoReplyState | undefined): void {
    this.#settings.clear()
    this.#replied.clear()
    for (const [m, v] of Object.entries(state?.settings ?? {}))
      this.#settings.set(m, structuredClone(v))
    for (const [m, v] of Object.entries(state?.replied ?? {})) this.#replied.set(m, new Set(v))
  }

  get(mailbox: string): OofSettings {
    const s = this.#settings.get(mailbox)
    return s ? { ...s } : { ...DEFAULT_OOF }
  }

  set(mailbox: string, settings: OofSettings): void {
    this.#settings.set(mailbox, { ...settings })
    this.#replied.delete(mailbox)
  }

  /** Whether the mailbox's OOF is on at `now`. */
  isOn(mailbox: string, now: Date): boolean {
    const s = this.#settings.get(mailbox)
    if (!s || s.state === 'Disabled') return false
    if (s.state === 'Enabled') return true
    const t = now.getTime()
    return s.duration !== undefined && t >= s.duration.start && t < s.duration.end
  }

  /** The automatic reply `recipient` owes for a delivered message, if any (marks the sender as answered). */
  replyFor(recipient: DirectoryUser, delivered: ItemFields, now: Date): AutoReply | undefined {
    const sender = delivered.from?.address.toLowerCase()
    if (!sender || sender === recipient.address || !this.isOn(recipient.address, now))
      return undefined
    const c = delivered.itemClass
    if (
      classMatchesPrefix(c, 'REPORT.') ||
      classMatchesPrefix(c, 'IPM.Note.Rules.') ||
      isSkypeForBusinessClass(c)
    )
      return undefined
    const s = this.#settings.get(recipient.address)!
    const replied = this.#replied.get(recipient.address) ?? new Set<string>()
    if (replied.has(sender)) return undefined
    const internal = this.directory.user(sender)?.organisation === recipient.organisation
    if (!internal && !this.#externalAllowed(recipient.address, sender, s.externalAudience))
      return undefined
    const text = internal ? s.internalReply : s.externalReply
    if (!text.trim()) return undefined
    replied.add(sender)
    this.#replied.set(recipient.address, replied)
    return {
      from: recipient,
      message: {
        itemClass: internal ? OOF_CLASS.internal : OOF_CLASS.external,
        subject: `Automatic reply: ${delivered.subject}`,
        body: { type: /^\s*</.test(text) ? 'HTML' : 'Text', text },
        importance: 'Normal',
        categories: [],
        isRead: false,
        isDraft: false,
        from: { name: recipient.displayName, address: recipient.address },
        toRecipients: [{ name: delivered.from?.name, address: sender }],
        ccRecipients: [],
        bccRecipients: [],
        internetMessageId: '',
        inReplyTo: delivered.internetMessageId,
        dateTimeSent: now,
        dateTimeReceived: now,
      },
    }
  }

  #externalAllowed(mailbox: string, sender: string, audience: ExternalAudience): boolean {
    if (audience === 'All') return true
    if (audience === 'None') return false
    const contacts = this.store.getDistinguishedFolder(mailbox, 'contacts').folderId.id
    return this.store
      .findItems(mailbox, contacts, { view: { kind: 'all' } })
      .items.some((i) => i.contact?.emailAddresses.some((e) => e.address.toLowerCase() === sender))
  }
}
