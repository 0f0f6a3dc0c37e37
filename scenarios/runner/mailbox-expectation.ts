/**
 * The `mailbox` expectation: the items of a folder that match every filter given (class, sender,
 * recipient, subject, raw body, the body's text, when received), counted, and in order.
 */
import { counted } from './counted.ts'
import { itemMatches, readItemFilter } from './item-filter.ts'
import { describeMatcher, matchText, readCount, readTextMatcher } from './matchers.ts'
import { bodyText, mailboxItems } from './observe.ts'
import type { Item } from './observe.ts'
import { defineExpectation, address } from './registry.ts'

type Obj = Record<string, unknown>

export const mailboxExpectation = defineExpectation({
  read: (o: Obj, p, ctx) => ({
    user: address(o.user),
    folder: String(o.folder),
    count: readCount(o.count, [...p, 'count'], ctx),
    ...readItemFilter(o, p, ctx),
    inOrder: (o['in-order'] as unknown[] | undefined)?.map((m, i) =>
      readTextMatcher(m, [...p, 'in-order', i], ctx),
    ),
  }),
  async check(world, e) {
    const now = world.clock.now()
    const items = mailboxItems(world, e.user, e.folder)
    const matching = items.filter((i) => itemMatches(e, i, now))
    const where = `in ${e.user}'s ${e.folder}`
    const wrong = counted(world, e, matching.length, 'matching item(s)')
    if (wrong) return { expected: `${wrong} ${where}`, found: listing(matching, items) }
    if (e.inOrder) {
      // The store lists newest first, later arrivals first on a tie: reversed, a stable sort keeps
      // arrival order among items received in the same second.
      const sorted = [...matching]
        .reverse()
        .sort((a, b) => a.dateTimeReceived.getTime() - b.dateTimeReceived.getTime())
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
