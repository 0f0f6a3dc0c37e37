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
