/**
 * Which items of a folder a `mailbox` expectation or a mailbox action means: every filter given
 * must hold (class, sender, recipient, subject, raw body, the body's text, when received).
 */
import { matchText, readTextMatcher } from './matchers.ts'
import type { TextMatcher } from './matchers.ts'
import { bodyText } from './observe.ts'
import type { Item } from './observe.ts'
import { parseDuration } from './registry.ts'
import type { Path, ReadContext } from './registry.ts'

type Obj = Record<string, unknown>

export interface ItemFilter {
  itemClass: string | undefined
  subjectContains: TextMatcher | undefined
  bodyContains: TextMatcher | undefined
  textContains: TextMatcher | undefined
  from: string | undefined
  to: string | undefined
  receivedAt: Date | undefined
  receivedWithinMs: number | undefined
}

const matcher = (o: Obj, k: string, p: Path, ctx: ReadContext): TextMatcher | undefined =>
  o[k] === undefined ? undefined : readTextMatcher(o[k], [...p, k], ctx)

export function readItemFilter(o: Obj, p: Path, ctx: ReadContext): ItemFilter {
  return {
    itemClass: o.class === undefined ? undefined : String(o.class),
    subjectContains: matcher(o, 'subject-contains', p, ctx),
    bodyContains: matcher(o, 'body-contains', p, ctx),
    textContains: matcher(o, 'text-contains', p, ctx),
    from: o.from === undefined ? undefined : String(o.from).toLowerCase(),
    to: o.to === undefined ? undefined : String(o.to).toLowerCase(),
    receivedAt: o['received-at'] === undefined ? undefined : new Date(String(o['received-at'])),
    receivedWithinMs:
      o['received-within'] === undefined ? undefined : parseDuration(String(o['received-within'])),
  }
}

/** Received times are compared to the second, as DateTimeReceived carries them. */
const second = (d: Date): number => Math.floor(d.getTime() / 1000)

export function itemMatches(f: ItemFilter, i: Item, now: Date): boolean {
  const received = i.dateTimeReceived.getTime()
  return (
    (f.itemClass === undefined || i.itemClass === f.itemClass) &&
    (f.subjectContains === undefined || matchText(f.subjectContains, i.subject)) &&
    (f.bodyContains === undefined || matchText(f.bodyContains, i.body.text)) &&
    (f.textContains === undefined || matchText(f.textContains, bodyText(i.body))) &&
    (f.from === undefined || i.from?.address.toLowerCase() === f.from) &&
    (f.to === undefined || i.toRecipients.some((r) => r.address.toLowerCase() === f.to)) &&
    (f.receivedAt === undefined || second(i.dateTimeReceived) === second(f.receivedAt)) &&
    (f.receivedWithinMs === undefined ||
      (received <= now.getTime() && received >= now.getTime() - f.receivedWithinMs))
  )
}
