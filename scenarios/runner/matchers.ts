/**
 * Matchers: how an expectation or a failing step compares text — `contains` (a substring) or
 * `matches` (a JavaScript regular expression). A plain string means `contains`.
 */
import type { Path, ReadContext } from './registry.ts'

export type TextMatcher = { contains: string } | { matches: RegExp }

/** A string, `{ contains }` or `{ matches }` (the regular expression is compiled when loading). */
export function readTextMatcher(v: unknown, path: Path, ctx: ReadContext): TextMatcher {
  if (typeof v === 'string') return { contains: v }
  const o = v as { contains?: string; matches?: string }
  if (o.contains !== undefined) return { contains: o.contains }
  try {
    return { matches: new RegExp(o.matches!) }
  } catch (e) {
    return ctx.fail([...path, 'matches'], `a regular expression (${(e as Error).message})`)
  }
}

export function matchText(m: TextMatcher, text: string): boolean {
  return 'contains' in m ? text.includes(m.contains) : m.matches.test(text)
}

export function describeMatcher(m: TextMatcher): string {
  return 'contains' in m ? `containing "${m.contains}"` : `matching /${m.matches.source}/`
}

/** `count`: exactly n, a range, or how much it grew since the last check of the same things. */
export type CountSpec = { exact: number } | { min?: number; max?: number } | { grewBy: number }

/** `3`, `{ min: 1, max: 3 }` (either may be left out) or `{ grew-by: 1 }`; undefined when not given. */
export function readCount(v: unknown, path: Path, ctx: ReadContext): CountSpec | undefined {
  if (v === undefined) return undefined
  if (typeof v === 'number') return { exact: v }
  const o = v as { min?: number; max?: number; 'grew-by'?: number }
  if (o['grew-by'] !== undefined) return { grewBy: o['grew-by'] }
  if (o.min !== undefined && o.max !== undefined && o.min > o.max) {
    return ctx.fail([...path, 'max'], `a maximum not below the minimum (${o.min})`)
  }
  return {
    ...(o.min === undefined ? {} : { min: o.min }),
    ...(o.max === undefined ? {} : { max: o.max }),
  }
}

/**
 * What was wrong with a count found (`what` names the things counted), or undefined. Without a
 * spec, at least one. `previous` is what the last check of the same things found (for grew-by).
 */
export function countWrong(
  spec: CountSpec | undefined,
  found: number,
  what: string | ((n: number) => string),
  previous: number | undefined,
): string | undefined {
  const noun = (n: number): string => (typeof what === 'string' ? what : what(n))
  if (spec === undefined) return found > 0 ? undefined : `at least one ${noun(1)}`
  if ('exact' in spec) return found === spec.exact ? undefined : `${spec.exact} ${noun(spec.exact)}`
  if ('grewBy' in spec) {
    if (previous === undefined) {
      return `an earlier check of the same ${noun(2)} (grew-by counts from it)`
    }
    const want = previous + spec.grewBy
    return found === want
      ? undefined
      : `${want} ${noun(want)} (${previous} at the last check, grown by ${spec.grewBy})`
  }
  const { min, max } = spec
  if ((min === undefined || found >= min) && (max === undefined || found <= max)) return undefined
  if (min === undefined) return `at most ${max} ${noun(max!)}`
  if (max === undefined) return `at least ${min} ${noun(min)}`
  return `${min} to ${max} ${noun(max)}`
}

/** A trace field's expected value: equal to a value, or text matching a matcher. */
export type FieldMatcher = { equals: unknown } | TextMatcher

/** A mapping with one key, `contains` or `matches`, is a matcher; anything else is a value. */
export function readFieldMatcher(v: unknown, path: Path, ctx: ReadContext): FieldMatcher {
  const keys = typeof v === 'object' && v !== null && !Array.isArray(v) ? Object.keys(v) : []
  if (keys.length === 1 && (keys[0] === 'contains' || keys[0] === 'matches')) {
    return readTextMatcher(v, path, ctx)
  }
  return { equals: v }
}

export function matchField(m: FieldMatcher, value: unknown): boolean {
  if ('equals' in m) return JSON.stringify(value) === JSON.stringify(m.equals)
  if (value === undefined) return false
  return matchText(m, typeof value === 'string' ? value : JSON.stringify(value))
}

export function describeField(m: FieldMatcher): string {
  return 'equals' in m ? JSON.stringify(m.equals) : describeMatcher(m)
}
