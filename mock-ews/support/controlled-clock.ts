/**
 * The clock of a running server (`serve`, `startMockEws`): it runs on real time, or stands still
 * (frozen), and can be set and advanced from outside (`/__admin/clock`). Its timers (`sleep`) are
 * virtual: one fires when the clock reaches its time, whether real time passed or the clock was
 * advanced or set past it.
 */
import type { Clock } from './clock.ts'

interface Timer {
  due: number
  fire: () => void
}

export interface ControlledClockOptions {
  /** Where the clock starts; the real time when absent. */
  start?: Date | string | number
  /** Standing still from the start (tests); running on real time otherwise. */
  frozen?: boolean
  /** The real time in ms (injected by tests of this clock). */
  realNow?: () => number
}

export class ControlledClock implements Clock {
  readonly #realNow: () => number
  /** Virtual ms at the anchor, and the real ms of the anchor. */
  #base: number
  #anchor: number
  #frozen: boolean
  readonly #initial: { offset: number; at: number; frozen: boolean }
  #timers: Timer[] = []
  #real: ReturnType<typeof setTimeout> | undefined
  readonly #listeners = new Set<(now: Date) => void>()

  constructor(options: ControlledClockOptions = {}) {
    this.#realNow = options.realNow ?? Date.now
    this.#anchor = this.#realNow()
    this.#base = options.start === undefined ? this.#anchor : checked(options.start)
    this.#frozen = options.frozen ?? false
    this.#initial = { offset: this.#base - this.#anchor, at: this.#base, frozen: this.#frozen }
  }

  now(): Date {
    return new Date(this.#ms())
  }

  get frozen(): boolean {
    return this.#frozen
  }

  set(to: Date | string | number): void {
    this.#move(checked(to))
  }

  advance(ms: number): void {
    if (!(ms >= 0) || !Number.isFinite(ms)) throw new RangeError(`cannot advance by ${ms} ms`)
    this.#move(checked(this.#ms() + ms))
  }

  /** Stands still at the current time. */
  freeze(): void {
    this.#base = this.#ms()
    this.#anchor = this.#realNow()
    this.#frozen = true
    this.#changed()
  }

  /** Runs on real time again, from the current time. */
  unfreeze(): void {
    this.#base = this.#ms()
    this.#anchor = this.#realNow()
    this.#frozen = false
    this.#changed()
  }

  /**
   * Back to how it was made: a frozen clock at its start time; a running one at real time plus the
   * offset it started with.
   */
  reset(): void {
    const { offset, at, frozen } = this.#initial
    this.#anchor = this.#realNow()
    this.#base = frozen ? at : this.#anchor + offset
    this.#frozen = frozen
    this.#changed()
  }

  /** Resolves when the clock reaches now + `ms` (real time passing, or the clock moved). */
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.#timers.push({ due: this.#ms() + Math.max(0, ms), fire: resolve })
      this.#fireDue()
    })
  }

  /** Timers not yet fired. */
  get pending(): number {
    return this.#timers.length
  }

  /** Called after every set, advance, freeze, unfreeze and reset; returns a function that stops it. */
  onChange(listener: (now: Date) => void): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  /** Fires every timer (the server stops: nothing waits for a time that will not come). */
  close(): void {
    clearTimeout(this.#real)
    const all = this.#timers
    this.#timers = []
    for (const t of all) t.fire()
  }

  #ms(): number {
    return this.#frozen ? this.#base : this.#base + (this.#realNow() - this.#anchor)
  }

  #move(to: number): void {
    this.#base = to
    this.#anchor = this.#realNow()
    this.#changed()
  }

  #changed(): void {
    this.#fireDue()
    const now = this.now()
    for (const listener of this.#listeners) listener(now)
  }

  /** Fires what is due; while running, a real timer wakes at the next due time. */
  #fireDue(): void {
    clearTimeout(this.#real)
    this.#real = undefined
    const now = this.#ms()
    const due = this.#timers.filter((t) => t.due <= now)
    this.#timers = this.#timers.filter((t) => t.due > now)
    for (const t of due) t.fire()
    if (this.#frozen || this.#timers.length === 0) return
    const next = Math.min(...this.#timers.map((t) => t.due))
    this.#real = setTimeout(() => this.#fireDue(), Math.min(next - now, 2 ** 31 - 1))
    this.#real.unref?.()
  }
}

function checked(to: Date | string | number): number {
  const ms = new Date(to).getTime()
  if (Number.isNaN(ms)) throw new RangeError(`not a date: ${String(to)}`)
  return ms
}
