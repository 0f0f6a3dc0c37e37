/**
 * Long-poll waits (GreenMail's waitForIncomingEmail, without polling): a wait answers as soon as
 * a folder holds `count` items matching its filter, or when its timeout passes (with what is
 * there), or when the server stops. It is woken by store events of its mailbox, never by a timer
 * that looks again; the timeout is real time (how long an HTTP client waits), not virtual time.
 */
import type { MailboxStore } from '../store/mailbox-store.ts'
import { filterRestriction, summaryOf } from './mailbox-view.ts'
import type { ItemFilter, ItemSummary } from './mailbox-view.ts'

export interface WaitSpec {
  mailbox: string
  folderId: string
  count: number
  filter: ItemFilter
}

export interface WaitAnswer {
  satisfied: boolean
  /** The matching items, newest first, at most `count`. */
  items: ItemSummary[]
}

interface Pending {
  spec: WaitSpec
  done: (answer: WaitAnswer) => void
}

/** Longest wait one request may ask for. */
export const MAX_WAIT_MS = 5 * 60_000

export class Waiter {
  readonly maxTimeoutMs = MAX_WAIT_MS
  readonly #pending = new Set<Pending>()
  #scheduled = false

  constructor(private readonly store: MailboxStore) {
    store.onEvent(() => this.recheck())
  }

  /** What the folder holds now, against the spec. */
  check(spec: WaitSpec): WaitAnswer {
    const page = this.store.findItems(spec.mailbox, spec.folderId, {
      restriction: filterRestriction(spec.filter),
      view: { kind: 'indexed', max: spec.count, offset: 0, basePoint: 'Beginning' },
    })
    return { satisfied: page.items.length >= spec.count, items: page.items.map(summaryOf) }
  }

  /**
   * Answers once `spec` is met, after `timeoutMs` with what is there, or at `close()`; a wait
   * whose `signal` aborts (the client went away) is dropped.
   */
  wait(spec: WaitSpec, timeoutMs: number, signal?: AbortSignal): Promise<WaitAnswer> {
    const now = this.check(spec)
    if (now.satisfied || timeoutMs === 0 || signal?.aborted) return Promise.resolve(now)
    return new Promise((resolve) => {
      const entry: Pending = {
        spec,
        done: (answer) => {
          clearTimeout(timer)
          signal?.removeEventListener('abort', drop)
          this.#pending.delete(entry)
          resolve(answer)
        },
      }
      const drop = (): void => entry.done(now)
      const timer = setTimeout(() => entry.done(this.#safeCheck(spec, now)), timeoutMs)
      signal?.addEventListener('abort', drop, { once: true })
      this.#pending.add(entry)
    })
  }

  /** How many waits are open. */
  get size(): number {
    return this.#pending.size
  }

  /** Answers every open wait with what is there (the server stops). */
  close(): void {
    for (const p of [...this.#pending]) p.done(this.#safeCheck(p.spec, undefined))
  }

  /** Re-checks once per burst of store events (a delivery to many is one check, not many). */
  recheck(): void {
    if (this.#scheduled || this.#pending.size === 0) return
    this.#scheduled = true
    setImmediate(() => {
      this.#scheduled = false
      for (const p of [...this.#pending]) {
        const answer = this.#safeCheck(p.spec, undefined)
        if (answer.satisfied) p.done(answer)
      }
    })
  }

  /** A folder deleted or a mailbox restored away while waiting: what was there before. */
  #safeCheck(spec: WaitSpec, fallback: WaitAnswer | undefined): WaitAnswer {
    try {
      return this.check(spec)
    } catch {
      return fallback ?? { satisfied: false, items: [] }
    }
  }
}
