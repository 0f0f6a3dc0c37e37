/** Time as mock-ews sees it. Every date the server writes comes from here, never from `Date.now()`. */
export interface Clock {
  now(): Date
}

/** The real wall clock (the production default). */
export const systemClock: Clock = { now: () => new Date() }

/**
 * A virtual clock for tests and scenarios: it stands still until told to move.
 * @example
 * const clock = new FakeClock('2016-06-10T09:00:00Z')
 * clock.advance(2 * 60_000)
 */
export class FakeClock implements Clock {
  #ms: number
  readonly #listeners = new Set<() => void>()

  constructor(start: Date | string | number = '2016-06-01T00:00:00Z') {
    this.#ms = new Date(start).getTime()
    if (Number.isNaN(this.#ms)) throw new Error(`FakeClock: not a date: ${String(start)}`)
  }

  now(): Date {
    return new Date(this.#ms)
  }

  set(to: Date | string | number): void {
    const ms = new Date(to).getTime()
    if (Number.isNaN(ms)) throw new Error(`FakeClock: not a date: ${String(to)}`)
    this.#ms = ms
    this.#moved()
  }

  advance(ms: number): void {
    if (
      !(ms >= 0) ||
      !Number.isFinite(this.#ms + ms) ||
      Number.isNaN(new Date(this.#ms + ms).getTime())
    ) {
      throw new Error(`FakeClock: cannot advance by ${ms} ms`)
    }
    this.#ms += ms
    this.#moved()
  }

  /** Calls `listener` after each move of the clock (timers on virtual time, support/timers.ts); returns its removal. */
  onMove(listener: () => void): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  #moved(): void {
    for (const listener of [...this.#listeners]) listener()
  }
}
