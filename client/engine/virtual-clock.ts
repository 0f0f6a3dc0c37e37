/**
 * A virtual clock with timers: time moves only when `advance`/`advanceTo` is called, and the timers
 * due on the way run in time order (ties in the order they were set), each awaited before the next,
 * at their own time. Nothing sleeps. Its `now()` also fits mock-ews's clock, so one clock can drive
 * the server and every client of a scenario.
 */
import type { Clock, Timers } from './ports.ts'

interface Timer {
  time: number
  seq: number
  task: () => Promise<void>
}

export class VirtualClock implements Clock, Timers {
  #now: number
  #seq = 0
  #timers: Timer[] = []

  constructor(start: Date | string) {
    this.#now = new Date(start).getTime()
    if (Number.isNaN(this.#now)) throw new Error(`not a time: ${String(start)}`)
  }

  now(): Date {
    return new Date(this.#now)
  }

  at(time: Date, task: () => Promise<void>): { cancel(): void } {
    const timer = { time: Math.max(time.getTime(), this.#now), seq: this.#seq++, task }
    this.#timers.push(timer)
    return {
      cancel: () => {
        this.#timers = this.#timers.filter((t) => t !== timer)
      },
    }
  }

  /** Moves the clock forward by `ms`, running the timers due on the way. */
  advance(ms: number): Promise<void> {
    if (!(ms >= 0)) throw new Error(`cannot move the clock by ${ms} ms`)
    return this.advanceTo(new Date(this.#now + ms))
  }

  /** Moves the clock to `time` (not backwards), running the timers due on the way. */
  async advanceTo(time: Date): Promise<void> {
    const target = time.getTime()
    if (target < this.#now) throw new Error(`the clock cannot go back to ${time.toISOString()}`)
    for (;;) {
      const next = this.#next()
      if (!next || next.time > target) break
      this.#timers = this.#timers.filter((t) => t !== next)
      this.#now = next.time
      await next.task()
    }
    this.#now = target
  }

  /** The time of the next timer, if any. */
  nextTimer(): Date | undefined {
    const next = this.#next()
    return next && new Date(next.time)
  }

  #next(): Timer | undefined {
    let best: Timer | undefined
    for (const t of this.#timers) {
      if (!best || t.time < best.time || (t.time === best.time && t.seq < best.seq)) best = t
    }
    return best
  }
}
