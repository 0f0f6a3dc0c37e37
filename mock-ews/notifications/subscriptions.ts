/**
 * Subscriptions of all three kinds (pull, streaming, push): the store's item events of a mailbox go
 * into its log (mailbox-log.ts) while it has subscriptions; each subscription reads the events of
 * its folders and types from its watermark on — pull ones when GetEvents asks, streaming and push
 * ones when their reader (streams.ts, push.ts) is woken by a new event. Timeouts run on the
 * injected clock.
 * A mailbox holds at most its EWSMaxSubscriptions live subscriptions (charged to the target
 * mailbox, as Exchange 2010 SP3 and later do); an event costs one append, however many watch.
 * Sources: Microsoft Learn "Subscribe operation", "GetEvents operation", "StatusEvent",
 * "EWS throttling in Exchange" (EWSMaxSubscriptions), "Handling notification-related errors".
 */
import { EwsError } from '../domain/errors.ts'
import type { MailboxStore } from '../store/mailbox-store.ts'
import type { Clock } from '../support/clock.ts'
import type { IdGenerator } from '../support/ids.ts'
import { fromOpaque } from '../support/opaque.ts'
import { inScope, STORE_TO_EWS, watermark } from './events.ts'
import type { EventBatch, EventType, QueuedEvent } from './events.ts'
import { MailboxLog } from './mailbox-log.ts'

export { EVENT_TYPES } from './events.ts'
export type { EventBatch, EventType, QueuedEvent } from './events.ts'

/** Most events one GetEvents answer carries; MoreEvents says when more wait. */
export const EVENTS_PER_ANSWER = 50
/** Events of its mailbox a subscription may leave unread; one more and it expires. */
export const MAX_QUEUED_EVENTS = 10_000

export type SubscriptionKind = 'pull' | 'streaming' | 'push'

export interface SubscriptionSpec {
  /** Pull when absent. */
  kind?: SubscriptionKind
  folderIds: readonly string[] | 'all'
  eventTypes: readonly EventType[]
  /**
   * Pull: minutes without GetEvents before it expires. Streaming: minutes without a connection.
   * Push: Infinity (it ends when its client answers Unsubscribe or stops answering).
   */
  timeoutMinutes: number
}

/** Who reads a streaming or push subscription as events come: woken on each new event, told when it ends. */
export interface SubscriptionReader {
  wake(): void
  /** The subscription ended (Unsubscribe, expiry, or another reader took it). */
  lost(subscriptionId: string): void
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
  /** A streaming or push subscription's reader while it has one. */
  reader?: SubscriptionReader
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
      for (const sub of log.subs) sub.reader?.wake()
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
    if (kindOf(sub) !== 'pull') throw new EwsError('ErrorInvalidPullSubscriptionId')
    const n = readWatermark(sub, mark)
    sub.lastContact = this.clock.now().getTime()
    sub.acknowledged = n
    return this.#batch(sub, mark)
  }

  /**
   * Makes `reader` the one reader of a streaming or push subscription (a streaming subscription
   * taken by a new connection is lost to its old one). Throws what GetStreamingEvents answers for it.
   */
  claim(
    mailbox: string,
    subscriptionId: string,
    kind: 'streaming' | 'push',
    reader: SubscriptionReader,
  ): void {
    const sub = this.#owned(mailbox, subscriptionId)
    if (kindOf(sub) !== kind) throw new EwsError('ErrorInvalidSubscription')
    const before = sub.reader
    sub.reader = reader
    if (before && before !== reader) before.lost(sub.id)
  }

  /** Ends `reader`'s hold on a subscription: its time without a reader starts now. */
  release(subscriptionId: string, reader: SubscriptionReader): void {
    const sub = this.#subs.get(subscriptionId)
    if (sub?.reader !== reader) return
    delete sub.reader
    sub.lastContact = this.clock.now().getTime()
  }

  /**
   * What a streaming or push subscription's reader has not acknowledged yet (at most
   * EVENTS_PER_ANSWER; MoreEvents says when more wait), or undefined when the subscription is gone.
   */
  pending(subscriptionId: string): EventBatch | undefined {
    const sub = this.#subs.get(subscriptionId)
    if (!sub || this.#expiry(sub, this.clock.now().getTime())) return undefined
    return this.#batch(sub, watermark(sub.id, sub.acknowledged))
  }

  /** The reader has taken what `pending` gave, up to the batch's watermark. */
  acknowledge(batch: EventBatch): void {
    const sub = this.#subs.get(batch.subscriptionId)
    const n = (fromOpaque(batch.watermark) as { n?: number } | undefined)?.n
    if (!sub || typeof n !== 'number' || n < sub.acknowledged || n > sub.log.last) return
    sub.acknowledged = n
    sub.lastContact = this.clock.now().getTime()
    sub.log.trim()
  }

  unsubscribe(mailbox: string, subscriptionId: string): void {
    const sub = this.#owned(mailbox, subscriptionId)
    // A push subscription ends by its client's answer to SendNotification.
    if (kindOf(sub) === 'push') throw new EwsError('ErrorInvalidSubscription')
    this.#forget(sub)
  }

  /** Ends a subscription whose reader stopped it (a push client answering Unsubscribe, or gone). */
  drop(subscriptionId: string, reason?: string): void {
    const sub = this.#subs.get(subscriptionId)
    if (!sub) return
    if (reason === undefined) this.#forget(sub)
    else this.#retire(sub, reason)
  }

  /** The events after `sub`'s acknowledged one that it watches (at most EVENTS_PER_ANSWER). */
  #batch(sub: Subscription, previousWatermark: string): EventBatch {
    const { log } = sub
    const events: QueuedEvent[] = []
    let moreEvents = false
    for (let seq = sub.acknowledged + 1; seq <= log.last; seq++) {
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
      subscriptionId: sub.id,
      previousWatermark,
      events,
      watermark: events.at(-1)?.watermark ?? watermark(sub.id, log.last),
      moreEvents,
    }
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
    const { reader } = sub
    delete sub.reader
    reader?.lost(sub.id)
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
  #retire(sub: Subscription, why?: string): void {
    const reason =
      why ??
      (this.#expiry(sub, this.clock.now().getTime()) === 'overflow'
        ? `The subscription expired: more than ${MAX_QUEUED_EVENTS} events were left unread.`
        : kindOf(sub) === 'pull'
          ? `The subscription expired: no GetEvents for more than ${sub.spec.timeoutMinutes} minutes.`
          : `The subscription expired: no GetStreamingEvents connection for more than ${sub.spec.timeoutMinutes} minutes.`)
    this.#forget(sub)
    this.#expiredIds.set(sub.id, { mailbox: sub.mailbox, reason })
    if (this.#expiredIds.size > EXPIRED_REMEMBERED)
      this.#expiredIds.delete(this.#expiredIds.keys().next().value!)
  }

  #expiry(sub: Subscription, now: number): 'overflow' | 'timeout' | undefined {
    if (sub.log.last - sub.acknowledged > MAX_QUEUED_EVENTS) return 'overflow'
    // A streaming subscription does not age while a connection reads it.
    if (!sub.reader && now - sub.lastContact > sub.spec.timeoutMinutes * 60_000) return 'timeout'
    return undefined
  }
}

function kindOf(sub: Subscription): SubscriptionKind {
  return sub.spec.kind ?? 'pull'
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
