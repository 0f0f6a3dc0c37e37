/**
 * The item events of one mailbox while it has subscriptions, numbered in order. Subscriptions keep
 * only a position in it (their watermark), so an event costs one append however many subscriptions
 * watch the mailbox, and the log keeps only what some subscription has not read yet.
 */
import type { StoreEvent } from '../store/mailbox-store.ts'

export class MailboxLog<S extends { acknowledged: number }> {
  /** Subscriptions reading this log. */
  readonly subs = new Set<S>()
  /** Sequence number of events[0]; events[i] is number first + i. */
  #first = 1
  #events: StoreEvent[] = []

  /** Number of the latest event (0: none yet). */
  get last(): number {
    return this.#first + this.#events.length - 1
  }

  /** Events held (not yet read by every subscription). */
  get length(): number {
    return this.#events.length
  }

  /** Keeps an event when a subscription may read it; otherwise only counts it. */
  append(event: StoreEvent): void {
    if (this.subs.size > 0) this.#events.push(event)
    else this.#first++
  }

  /** The event numbered `seq`, if still held. */
  at(seq: number): StoreEvent | undefined {
    return this.#events[seq - this.#first]
  }

  /** Drops the events every subscription has read (all of them when none is left). */
  trim(): void {
    let oldest = this.last
    for (const s of this.subs) oldest = Math.min(oldest, s.acknowledged)
    const drop = oldest + 1 - this.#first
    if (drop <= 0) return
    this.#events = this.#events.slice(drop)
    this.#first += drop
  }
}
