/**
 * The `mailbox` expectation: the items of a folder that match every filter given (class, sender,
 * recipient, subject, raw body, the body's text, when received), counted, and in order.
 */
import { counted } from './counted.ts'
import { describeMatcher, matchText, readCount, readTextMatcher } from './matchers.ts'
import type { TextMatcher } from './matchers.ts'
import { bodyText, mailboxItems } from './observe.ts'
import type { Item } from './observe.ts'
import { defineExpectation, parseDuration } from './registry.ts'
import type { Path, ReadContext } from './registry.ts'

type Obj = Record<string, unknown>

const matcher = (o: Obj, k: string, p: Path, ctx: ReadContext): TextMatcher | undefined =>
  o[k] === undefined ? undefined : readTextMatcher(o[k], [...p, k], ctx)

/** Received times are compared to the second, as DateTimeReceived carries them. */
const second = (d: Date): number => Math.floor(d.getTime() / 1000)

export const mailboxExpectation = defineExpectation({
  read: (o: Obj, p, ctx) => ({
    user: ctx.user(o.user, [...p, 'user'], false),
    folder: String(o.folder),
    count: readCount(o.count, [...p, 'count'], ctx),
    itemClass: o.class === undefined ? undefined : String(o.class),
    subjectContains: matcher(o, 'subject-contains', p, ctx),
    bodyContains: matcher(o, 'body-contains', p, ctx),
    textContains: matcher(o, 'text-contains', p, ctx),
    from: o.from === undefined ? undefined : String(o.from).toLowerCase(),
    to: o.to === undefined ? undefined : String(o.to).toLowerCase(),
    receivedAt: o['received-at'] === undefined ? undefined : new Date(String(o['received-at'])),
    receivedWithinMs:
      o['received-within'] === undefined ? undefined : parseDuration(String(o['received-within'])),
    inOrder: (o['in-order'] as unknown[] | undefined)?.map((m, i) =>
      readTextMatcher(m, [...p, 'in-order', i], ctx),
    ),
  }),
  async check(world, e) {
    const now = world.clock.now().getTime()
    const items = mailboxItems(world, e.user, e.folder)
    const matching = items.filter(
      (i) =>
        (e.itemClass === undefined || i.itemClass === e.itemClass) &&
        (e.subjectContains === undefined || matchText(e.subjectContains, i.subject)) &&
        (e.bodyContains === undefined || matchText(e.bodyContains, i.body.text)) &&
        (e.textContains === undefined || matchText(e.textContains, bodyText(i.body))) &&
        (e.from === undefined || i.from?.address.toLowerCase() === e.from) &&
        (e.to === undefined || i.toRecipients.some((r) => r.address.toLowerCase() === e.to)) &&
        (e.receivedAt === undefined || second(i.dateTimeReceived) === second(e.receivedAt)) &&
        (e.receivedWithinMs === undefined ||
          (i.dateTimeReceived.getTime() <= now &&
            i.dateTimeReceived.getTime() >= now - e.receivedWithinMs)),
    )
    const where = `in ${e.user}'s ${e.folder}`
    const wrong = counted(world, e, matching.length, 'matching item(s)')
    if (wrong) return { expected: `${wrong} ${where}`, found: listing(matching, items) }
    if (e.inOrder) {
      const sorted = [...matching].sort(
        (a, b) => a.dateTimeReceived.getTime() - b.dateTimeReceived.getTime(),
      )
      const ok =
        sorted.length === e.inOrder.length &&
        e.inOrder.every((m, n) =>
          matchText(m, `${sorted[n]!.subject}\n${bodyText(sorted[n]!.body)}`),
        )
      if (!ok) {
        return {
          expected: `${e.inOrder.length} matching item(s) ${where}, oldest first: ${e.inOrder
            .map(describeMatcher)
            .join(', then ')}`,
          found: `${sorted.length}, oldest first: ${sorted.map(describe).join(' ') || '(none)'}`,
        }
      }
    }
    return undefined
  },
})

function describe(i: Item): string {
  const text = bodyText(i.body).replace(/\s+/g, ' ')
  return `[${i.dateTimeReceived.toISOString().slice(11, 19)} ${i.itemClass} "${i.subject}" from ${i.from?.address ?? '-'}: "${text.length > 40 ? `${text.slice(0, 37)}...` : text}"]`
}

function listing(matching: Item[], items: Item[]): string {
  return `${matching.length} matching of ${items.length}: ${items
    .slice(0, 5)
    .map((i) => `[${i.itemClass} "${i.subject}" from ${i.from?.address ?? '-'}]`)
    .join(' ')}${items.length > 5 ? ' …' : ''}`
}
