/**
 * Inbox rules: each mailbox's rules (GetInboxRules / UpdateInboxRules) and what they do to a
 * message delivered to it (transport.ts asks `onDelivery`). The conditions and actions mock-ews
 * applies are the ones below; UpdateInboxRules refuses any other (nothing accepted is ignored).
 * Rules run in Priority order; a rule whose conditions all hold and none of whose exceptions do
 * applies its actions; StopProcessingRules ends the run. Sources: Microsoft Learn "UpdateInboxRules
 * operation", "RulePredicates", "RuleActions".
 */
import type { EmailAddress, Importance, ItemFields } from '../domain/items.ts'
import type { IdGenerator } from '../support/ids.ts'

export interface RulePredicates {
  containsSubjectStrings?: readonly string[]
  fromAddresses?: readonly EmailAddress[]
  hasAttachments?: boolean
  importance?: Importance
  sentToMe?: boolean
}

export interface RuleActions {
  copyToFolder?: string
  delete?: boolean
  forwardToRecipients?: readonly EmailAddress[]
  markAsRead?: boolean
  moveToFolder?: string
  redirectToRecipients?: readonly EmailAddress[]
  stopProcessingRules?: boolean
}

export interface InboxRule {
  ruleId: string
  displayName: string
  priority: number
  isEnabled: boolean
  conditions: RulePredicates
  exceptions: RulePredicates | undefined
  actions: RuleActions
}

export type RuleOperation =
  | { type: 'create'; rule: Omit<InboxRule, 'ruleId'> }
  | { type: 'set'; rule: InboxRule }
  | { type: 'delete'; ruleId: string }

/** What the rules of a recipient make of one delivered message. */
export interface DeliveryPlan {
  /** Where the message goes: a folder id, or a distinguished name ('inbox', 'deleteditems'). */
  folder: { id: string } | { distinguished: 'inbox' | 'deleteditems' }
  isRead: boolean
  copies: string[]
  forwardTo: EmailAddress[]
  redirectTo: EmailAddress[]
}

export class InboxRules {
  readonly #rules = new Map<string, InboxRule[]>()

  constructor(private readonly ids: IdGenerator) {}

  list(mailbox: string): readonly InboxRule[] {
    return this.#rules.get(mailbox) ?? []
  }

  /** Every mailbox's rules, as plain data (snapshots, the state file). */
  exportState(): Record<string, InboxRule[]> {
    return Object.fromEntries([...this.#rules].map(([m, rules]) => [m, structuredClone(rules)]))
  }

  importState(state: Record<string, InboxRule[]> | undefined): void {
    this.#rules.clear()
    for (const [m, rules] of Object.entries(state ?? {})) this.#rules.set(m, structuredClone(rules))
  }

  /** Applies checked operations, all of them; priorities are renumbered 1…n in their order. */
  update(mailbox: string, operations: readonly RuleOperation[]): void {
    let rules = [...this.list(mailbox)]
    for (const op of operations) {
      if (op.type === 'delete') rules = rules.filter((r) => r.ruleId !== op.ruleId)
      else if (op.type === 'set') {
        rules = rules.filter((r) => r.ruleId !== op.rule.ruleId)
        rules.push(op.rule)
      } else {
        const ruleId = Buffer.from(this.ids.bytes(8)).toString('base64')
        rules.push({ ...op.rule, ruleId })
      }
      // A rule set or created at a taken priority goes before the one holding it.
      const moved = op.type === 'delete' ? undefined : rules.at(-1)
      rules.sort((a, b) => a.priority - b.priority || (a === moved ? -1 : b === moved ? 1 : 0))
    }
    rules = rules.map((r, i) => ({ ...r, priority: i + 1 }))
    if (rules.length === 0) this.#rules.delete(mailbox)
    else this.#rules.set(mailbox, rules)
  }

  /** The recipient's rules applied to `message` (as delivered, before it is stored). */
  onDelivery(mailbox: string, message: ItemFields): DeliveryPlan {
    const plan: DeliveryPlan = {
      folder: { distinguished: 'inbox' },
      isRead: message.isRead,
      copies: [],
      forwardTo: [],
      redirectTo: [],
    }
    for (const rule of this.list(mailbox)) {
      if (!rule.isEnabled || !matches(rule.conditions, mailbox, message, true)) continue
      if (rule.exceptions && matches(rule.exceptions, mailbox, message, false)) continue
      const a = rule.actions
      if (a.markAsRead) plan.isRead = true
      if (a.copyToFolder) plan.copies.push(a.copyToFolder)
      if (a.forwardToRecipients) plan.forwardTo.push(...a.forwardToRecipients)
      if (a.redirectToRecipients) plan.redirectTo.push(...a.redirectToRecipients)
      if (a.moveToFolder) plan.folder = { id: a.moveToFolder }
      if (a.delete) plan.folder = { distinguished: 'deleteditems' }
      if (a.stopProcessingRules) break
    }
    return plan
  }
}

/**
 * Whether every predicate set holds (`all`: conditions; an empty set holds) or, for exceptions,
 * whether any does (an empty set never does).
 */
function matches(p: RulePredicates, mailbox: string, m: ItemFields, all: boolean): boolean {
  const tests: boolean[] = []
  const lower = (s: string): string => s.toLowerCase()
  if (p.containsSubjectStrings)
    tests.push(p.containsSubjectStrings.some((s) => lower(m.subject).includes(lower(s))))
  if (p.fromAddresses) {
    const from = m.from && lower(m.from.address)
    tests.push(p.fromAddresses.some((a) => lower(a.address) === from))
  }
  if (p.hasAttachments !== undefined)
    tests.push((m.attachments?.length ?? 0) > 0 === p.hasAttachments)
  if (p.importance !== undefined) tests.push(m.importance === p.importance)
  if (p.sentToMe !== undefined)
    tests.push(m.toRecipients.some((r) => lower(r.address) === mailbox) === p.sentToMe)
  return all ? tests.every(Boolean) : tests.some(Boolean)
}
