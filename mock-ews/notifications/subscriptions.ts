/**
 * Pull subscriptions (Subscribe / GetEvents / Unsubscribe): each subscription queues the store's
 * item events for its folders until the client reads them. Timeouts run on the injected clock.
 * A mailbox holds at most its EWSMaxSubscriptions live subscriptions (charged to the target
 * mailbox, as Exchange 2010 SP3 and later do); an event costs only the subscriptions of its mailbox.
 * Sources: Microsoft Learn "Subscribe operation", "GetEvents operation", "StatusEvent",
 * "EWS throttling in Exchange" (EWSMaxSubscriptions), "Handling notification-related errors".
 */
import { EwsError } from '../domain/errors.ts'
import type { MailboxStore, StoreEvent } from '../store/mailbox-store.ts'
import type { Clock } from '../support/clock.ts'
import type { IdGenerator } from '../support/ids.ts'
import { fromOpaque, toOpaque } from '../support/opaque.ts'

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
/** Queued events after which a subscription that is never read expires. */
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

interface Subscription {
  id: string
  mailbox: string
  spec: SubscriptionSpec
  lastContact: number
  /** Sequence number of the last event queued, and of the last one the client acknowledged. */
  issued: number
  acknowledged: number
  queue: { seq: number; type: EventType; event: StoreEvent }[]
  overflowed: boolean
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
  /** Live subscriptions of each mailbox: what an event of that mailbox has to visit. */
  readonly #byMailbox = new Map<string, Set<Subscription>>()
  /** Expired subscription id → owner and reason; bounded, so dead subscriptions cost nothing. */
  readonly #expiredIds = new Map<string, { mailbox: string; reason: string }>()

  constructor(
    store: MailboxStore,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    private readonly limit: SubscriptionLimit = () => Number.POSITIVE_INFINITY,
  ) {
    store.onEvent((event) => this.#dispatch(event))
  }

  /** ErrorExceededSubscriptionCount when the mailbox already has its budget of live subscriptions. */
  subscribe(
    mailbox: string,
    spec: SubscriptionSpec,
  ): { subscriptionId: string; watermark: string } {
    const mine = this.#live(mailbox)
    const max = this.limit(mailbox)
    if ((mine?.size ?? 0) >= max) {
      throw new EwsError(
        'ErrorExceededSubscriptionCount',
        `You have exceeded the maximum number of subscriptions (${max}) allowed by your throttling policy (EWSMaxSubscriptions).`,
      )
    }
    const id = Buffer.from(this.ids.bytes(16)).toString('base64')
    const sub: Subscription = {
      id,
      mailbox,
      spec,
      lastContact: this.clock.now().getTime(),
      issued: 0,
      acknowledged: 0,
      queue: [],
      overflowed: false,
    }
    this.#subs.set(id, sub)
    if (mine) mine.add(sub)
    else this.#byMailbox.set(mailbox, new Set([sub]))
    return { subscriptionId: id, watermark: watermark(id, 0) }
  }

  getEvents(mailbox: string, subscriptionId: string, mark: string): EventBatch {
    const sub = this.#owned(mailbox, subscriptionId)
    const n = readWatermark(sub, mark)
    sub.lastContact = this.clock.now().getTime()
    sub.acknowledged = n
    while (sub.queue.length > 0 && sub.queue[0]!.seq <= n) sub.queue.shift()
    const batch = sub.queue.slice(0, EVENTS_PER_ANSWER)
    const events = batch.map((q) => ({
      type: q.type,
      watermark: watermark(sub.id, q.seq),
      event: q.event,
    }))
    return {
      subscriptionId,
      previousWatermark: mark,
      events,
      watermark: events.at(-1)?.watermark ?? watermark(sub.id, sub.issued),
      moreEvents: sub.queue.length > batch.length,
    }
  }

  unsubscribe(mailbox: string, subscriptionId: string): void {
    this.#forget(this.#owned(mailbox, subscriptionId))
  }

  /** Number of subscriptions held (expired ones are dropped when next touched). */
  get size(): number {
    return this.#subs.size
  }

  /** Live subscriptions of a mailbox (expired ones are dropped first). */
  countOf(mailbox: string): number {
    return this.#live(mailbox)?.size ?? 0
  }

  /** The live subscriptions of a mailbox: expired ones give their slot back first. */
  #live(mailbox: string): Set<Subscription> | undefined {
    for (const sub of this.#byMailbox.get(mailbox) ?? []) if (this.#expired(sub)) this.#retire(sub)
    return this.#byMailbox.get(mailbox)
  }

  #forget(sub: Subscription): void {
    this.#subs.delete(sub.id)
    const mine = this.#byMailbox.get(sub.mailbox)
    mine?.delete(sub)
    if (mine?.size === 0) this.#byMailbox.delete(sub.mailbox)
  }

  #owned(mailbox: string, subscriptionId: string): Subscription {
    const sub = this.#subs.get(subscriptionId)
    if (sub && this.#expired(sub)) this.#retire(sub)
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
    this.#forget(sub)
    this.#expiredIds.set(sub.id, {
      mailbox: sub.mailbox,
      reason: sub.overflowed
        ? `The subscription expired: more than ${MAX_QUEUED_EVENTS} events were left unread.`
        : `The subscription expired: no GetEvents for more than ${sub.spec.timeoutMinutes} minutes.`,
    })
    if (this.#expiredIds.size > EXPIRED_REMEMBERED)
      this.#expiredIds.delete(this.#expiredIds.keys().next().value!)
  }

  #expired(sub: Subscription): boolean {
    return (
      sub.overflowed ||
      this.clock.now().getTime() - sub.lastContact > sub.spec.timeoutMinutes * 60_000
    )
  }

  #dispatch(event: StoreEvent): void {
    const type = STORE_TO_EWS[event.type]
    const mine = this.#byMailbox.get(event.mailbox)
    if (!mine) return
    for (const sub of mine) {
      if (!sub.spec.eventTypes.includes(type)) continue
      if (this.#expired(sub)) {
        this.#retire(sub) // nobody will read its events; the next GetEvents reports the expiry
        continue
      }
      const folders = sub.spec.folderIds
      const inScope =
        folders === 'all' ||
        folders.includes(event.parentFolderId.id) ||
        (event.oldParentFolderId !== undefined && folders.includes(event.oldParentFolderId.id))
      if (!inScope) continue
      if (sub.queue.length >= MAX_QUEUED_EVENTS) {
        sub.overflowed = true
        sub.queue = []
        continue
      }
      sub.queue.push({ seq: ++sub.issued, type, event })
    }
  }
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
    n > sub.issued
  ) {
    throw new EwsError('ErrorInvalidWatermark')
  }
  return n
}
