/**
 * Pull subscriptions (Subscribe / GetEvents / Unsubscribe): the store's item events of a mailbox go
 * into its log (mailbox-log.ts) while it has subscriptions; each subscription reads the events of
 * its folders and types from its watermark on. Timeouts run on the injected clock.
 * A mailbox holds at most its EWSMaxSubscriptions live subscriptions (charged to the target
 * mailbox, as Exchange 2010 SP3 and later do); an event costs one append, however many watch.
 * Sources: Microsoft Learn "Subscribe operation", "GetEvents operation", "StatusEvent",
 * "EWS throttling in Exchange" (EWSMaxSubscriptions), "Handling notification-related errors".
 */
import { EwsError } from '../domain/errors.ts'
import type { MailboxStore, StoreEvent } from '../store/mailbox-store.ts'
import type { Clock } from '../support/clock.ts'
import type { IdGenerator } from '../support/ids.ts'
import { fromOpaque, toOpaque } from '../support/opaque.ts'
import { MailboxLog } from './mailbox-log.ts'

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

/** Most events one GetEvents answer carries; MoreEvents says when more wait. */
export const EVENTS_PER_ANSWER = 50
/** Events of its mailbox a subscription may leave unread; one more and it expires. */
export const MAX_QUEUED_EVENTS = 10_000

export interface SubscriptionSpec {
  folderIds: readonly string[] | 'all'
  eventTypes: readonly EventType[]
  timeoutMinutes: number
}

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

/**
 * Whose budget a subscription takes: the mailbox owner's, or the one every service account acting
 * on the mailbox through ExchangeImpersonation shares (Microsoft Learn, "EWS throttling in
 * Exchange": with impersonation the service account has a separate EWSMaxSubscriptions budget).
 */
export type SubscriptionBudget = 'owner' | 'impersonation'

interface Subscription {
  id: string
  mailbox: string
  budget: SubscriptionBudget
  spec: SubscriptionSpec
  lastContact: number
  /** Number of the last event of the log the client acknowledged (its watermark). */
  acknowledged: number
  log: MailboxLog<Subscription>
}

const STORE_TO_EWS: Record<StoreEvent['type'], EventType> = {
  NewMail: 'NewMailEvent',
  Created: 'CreatedEvent',
  Modified: 'ModifiedEvent',
  Deleted: 'DeletedEvent',
  Moved: 'MovedEvent',
  Copied: 'CopiedEvent',
}

/** Expired subscriptions remembered (to answer ErrorExpiredSubscription) before they are forgotten. */
const EXPIRED_REMEMBERED = 1000

/** The subscription budget of a mailbox (EWSMaxSubscriptions); Infinity: unlimited. */
export type SubscriptionLimit = (mailbox: string) => number

export class Subscriptions {
  readonly #subs = new Map<string, Subscription>()
  /** The log of each mailbox that has subscriptions. */
  readonly #logs = new Map<string, MailboxLog<Subscription>>()
  /** Expired subscription id → owner and reason; bounded, so dead subscriptions cost nothing. */
  readonly #expiredIds = new Map<string, { mailbox: string; reason: string }>()

  constructor(
    store: MailboxStore,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    private readonly limit: SubscriptionLimit = () => Number.POSITIVE_INFINITY,
  ) {
    store.onEvent((event) => {
      const log = this.#logs.get(event.mailbox)
      if (!log) return
      log.append(event)
      // Now and then (amortised), subscriptions too far behind expire and the log is cut.
      if (log.length > 2 * MAX_QUEUED_EVENTS) this.#sweep(event.mailbox)
    })
  }

  /** Forgets every subscription (a reset): their ids are then unknown, as after a server restart. */
  clear(): void {
    this.#subs.clear()
    this.#logs.clear()
    this.#expiredIds.clear()
  }

  /** ErrorExceededSubscriptionCount when the mailbox's budget has that many live subscriptions. */
  subscribe(
    mailbox: string,
    spec: SubscriptionSpec,
    budget: SubscriptionBudget = 'owner',
  ): { subscriptionId: string; watermark: string } {
    const max = this.limit(mailbox)
    if (this.countOf(mailbox, budget) >= max) {
      throw new EwsError(
        'ErrorExceededSubscriptionCount',
        `You have exceeded the maximum number of subscriptions (${max}) allowed by your throttling policy (EWSMaxSubscriptions).`,
      )
    }
    let log = this.#logs.get(mailbox)
    if (!log) this.#logs.set(mailbox, (log = new MailboxLog<Subscription>()))
    const id = Buffer.from(this.ids.bytes(16)).toString('base64')
    const now = this.clock.now().getTime()
    const sub: Subscription = {
      id,
      mailbox,
      budget,
      spec,
      lastContact: now,
      acknowledged: log.last,
      log,
    }
    this.#subs.set(id, sub)
    log.subs.add(sub)
    return { subscriptionId: id, watermark: watermark(id, log.last) }
  }

  getEvents(mailbox: string, subscriptionId: string, mark: string): EventBatch {
    const sub = this.#owned(mailbox, subscriptionId)
    const n = readWatermark(sub, mark)
    sub.lastContact = this.clock.now().getTime()
    sub.acknowledged = n
    const { log } = sub
    const events: QueuedEvent[] = []
    let moreEvents = false
    for (let seq = n + 1; seq <= log.last; seq++) {
      const event = log.at(seq)!
      const type = STORE_TO_EWS[event.type]
      if (!sub.spec.eventTypes.includes(type) || !inScope(sub.spec, event)) continue
      if (events.length === EVENTS_PER_ANSWER) {
        moreEvents = true
        break
      }
      events.push({ type, watermark: watermark(sub.id, seq), event })
    }
    log.trim()
    return {
      subscriptionId,
      previousWatermark: mark,
      events,
      watermark: events.at(-1)?.watermark ?? watermark(sub.id, log.last),
      moreEvents,
    }
  }

  unsubscribe(mailbox: string, subscriptionId: string): void {
    this.#forget(this.#owned(mailbox, subscriptionId))
  }

  /** Number of subscriptions held (expired ones are dropped when next touched). */
  get size(): number {
    return this.#subs.size
  }

  /** Live subscriptions of a mailbox's budget (expired ones are dropped first). */
  countOf(mailbox: string, budget: SubscriptionBudget = 'owner'): number {
    this.#sweep(mailbox)
    let n = 0
    for (const sub of this.#logs.get(mailbox)?.subs ?? []) if (sub.budget === budget) n++
    return n
  }

  /** Events held for a mailbox's subscriptions: those some subscription has not read yet. */
  eventsHeld(mailbox: string): number {
    return this.#logs.get(mailbox)?.length ?? 0
  }

  /** Retires a mailbox's expired subscriptions (their slots come free) and trims its log. */
  #sweep(mailbox: string): void {
    const log = this.#logs.get(mailbox)
    if (!log) return
    const now = this.clock.now().getTime()
    for (const sub of log.subs) if (this.#expiry(sub, now)) this.#retire(sub)
    log.trim()
  }

  #forget(sub: Subscription): void {
    this.#subs.delete(sub.id)
    sub.log.subs.delete(sub)
    if (sub.log.subs.size === 0) this.#logs.delete(sub.mailbox)
  }

  #owned(mailbox: string, subscriptionId: string): Subscription {
    const sub = this.#subs.get(subscriptionId)
    if (sub && this.#expiry(sub, this.clock.now().getTime())) this.#retire(sub)
    const expired = this.#expiredIds.get(subscriptionId)
    if (expired) {
      if (expired.mailbox !== mailbox) throw new EwsError('ErrorSubscriptionAccessDenied')
      this.#expiredIds.delete(subscriptionId)
      throw new EwsError('ErrorExpiredSubscription', expired.reason)
    }
    if (!sub) throw new EwsError('ErrorSubscriptionNotFound')
    if (sub.mailbox !== mailbox) throw new EwsError('ErrorSubscriptionAccessDenied')
    return sub
  }

  /** Forgets an expired subscription, remembering only why (a bounded number of them). */
  #retire(sub: Subscription): void {
    const reason =
      this.#expiry(sub, this.clock.now().getTime()) === 'overflow'
        ? `The subscription expired: more than ${MAX_QUEUED_EVENTS} events were left unread.`
        : `The subscription expired: no GetEvents for more than ${sub.spec.timeoutMinutes} minutes.`
    this.#forget(sub)
    this.#expiredIds.set(sub.id, { mailbox: sub.mailbox, reason })
    if (this.#expiredIds.size > EXPIRED_REMEMBERED)
      this.#expiredIds.delete(this.#expiredIds.keys().next().value!)
  }

  #expiry(sub: Subscription, now: number): 'overflow' | 'timeout' | undefined {
    if (sub.log.last - sub.acknowledged > MAX_QUEUED_EVENTS) return 'overflow'
    if (now - sub.lastContact > sub.spec.timeoutMinutes * 60_000) return 'timeout'
    return undefined
  }
}

/** Whether an event is in one of the folders a subscription names (as source or target). */
function inScope(spec: SubscriptionSpec, event: StoreEvent): boolean {
  const folders = spec.folderIds
  return (
    folders === 'all' ||
    folders.includes(event.parentFolderId.id) ||
    (event.oldParentFolderId !== undefined && folders.includes(event.oldParentFolderId.id))
  )
}

/** Watermarks are opaque to clients: the event number and the subscription id. */
function watermark(subscriptionId: string, seq: number): string {
  return toOpaque({ n: seq, s: subscriptionId })
}

function readWatermark(sub: Subscription, mark: string): number {
  const parsed = fromOpaque(mark) as { n?: unknown; s?: unknown } | undefined
  const n = parsed?.n
  if (
    parsed?.s !== sub.id ||
    typeof n !== 'number' ||
    !Number.isSafeInteger(n) ||
    n < sub.acknowledged ||
    n > sub.log.last
  ) {
    throw new EwsError('ErrorInvalidWatermark')
  }
  return n
}
