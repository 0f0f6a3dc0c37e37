/** Counting expectations remember what they found, so that `grew-by` can count from it. */
import { countWrong } from './matchers.ts'
import type { CountSpec } from './matchers.ts'
import type { ScenarioWorld } from './world.ts'

/** What was wrong with the count (undefined if nothing), after recording it for the next check. */
export function counted(
  world: ScenarioWorld,
  e: { kind?: string; count: CountSpec | undefined; at?: unknown; source?: unknown },
  found: number,
  what: string | ((n: number) => string),
): string | undefined {
  const key = countKey(e)
  const wrong = countWrong(e.count, found, what, world.counts.get(key))
  world.counts.set(key, found)
  return wrong
}

/** What is counted: the expectation without its count and position. */
function countKey(e: object): string {
  const rest = Object.fromEntries(
    Object.entries(e).filter(([k]) => k !== 'count' && k !== 'at' && k !== 'source'),
  )
  return JSON.stringify(rest, (_k, v: unknown) => (v instanceof RegExp ? `/${v.source}/` : v))
}
