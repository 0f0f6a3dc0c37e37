/**
 * Timers on the injected clock: what is due at a clock time runs once the clock reaches it. On a
 * FakeClock that is when a test moves it (nothing waits for real); on the system clock, a real timer
 * that does not keep the process alive.
 */
import type { Clock } from './clock.ts'

export interface Timers {
  /** The clock's time, in ms. */
  now(): number
  /** Runs `fn` once the clock reads `ms` after now or later; returns its cancellation. */
  after(ms: number, fn: () => void): () => void
}

interface MovingClock extends Clock {
  onMove(listener: () => void): () => void
}

function moves(clock: Clock): clock is MovingClock {
  return typeof (clock as Partial<MovingClock>).onMove === 'function'
}

export function timersOn(clock: Clock): Timers {
  if (!moves(clock)) {
    return {
      now: () => clock.now().getTime(),
      after(ms, fn) {
        const timer = setTimeout(fn, Math.min(Math.max(0, ms), 2 ** 31 - 1))
        timer.unref()
        return () => clearTimeout(timer)
      },
    }
  }
  const due = new Set<{ at: number; fn: () => void }>()
  let listening: (() => void) | undefined
  const fire = (): void => {
    const now = clock.now().getTime()
    // In time order; one that comes due while these run waits for the next move.
    const ready = [...due].filter((t) => t.at <= now).sort((a, b) => a.at - b.at)
    for (const t of ready) {
      if (!due.delete(t)) continue
      t.fn()
    }
    if (due.size === 0) {
      listening?.()
      listening = undefined
    }
  }
  return {
    now: () => clock.now().getTime(),
    after(ms, fn) {
      const timer = { at: clock.now().getTime() + Math.max(0, ms), fn }
      due.add(timer)
      listening ??= clock.onMove(fire)
      return () => {
        due.delete(timer)
      }
    },
  }
}
