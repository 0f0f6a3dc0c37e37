/**
 * How the memory store keeps fields (store/memory/stored-fields.ts, support/strings.ts): its own
 * copies of strings, equal to what came whatever the characters, and equal addresses and recipient
 * lists shared — but never two different ones merged into one.
 */
import { expect } from 'chai'
import type { EmailAddress, ItemFieldsWithTimes } from '../../../mock-ews/domain/items.ts'
import { toStoredFields } from '../../../mock-ews/store/memory/stored-fields.ts'
import { ownCompactString, ownString } from '../../../mock-ews/support/strings.ts'

function fields(from: EmailAddress | undefined, to: EmailAddress[]): ItemFieldsWithTimes {
  return {
    itemClass: 'IPM.Note',
    subject: 'A subject',
    body: { type: 'Text', text: 'A body' },
    importance: 'Normal',
    categories: [],
    isRead: false,
    isDraft: true,
    from,
    toRecipients: to,
    ccRecipients: [],
    bccRecipients: [],
    internetMessageId: '<m@contoso.com>',
    dateTimeSent: undefined,
    dateTimeReceived: 0,
  }
}

describe('ownString, ownCompactString', () => {
  it('gives back exactly the string it is given, whatever its characters', () => {
    const request = `<x>${'A subject long enough to be a slice'}|é à ü|中文内容 long enough|\ud800 lone|😀 pair</x>`
    const cuts = [
      request.slice(3, 38),
      request.slice(39, 45),
      request.slice(39, 60),
      request.slice(46, 60),
      request.slice(61, 75),
      request.slice(70, request.length - 4),
      'x'.repeat(100_000) + 'é',
      'y'.repeat(100_000),
      'z'.repeat(4096),
      'plain ascii text of some length',
      'short',
      '',
    ]
    for (const own of [ownString, ownCompactString]) {
      for (const s of cuts) expect(own(s)).to.equal(s)
      expect(own(undefined)).to.equal(undefined)
    }
  })
})

describe('stored fields: shared addresses', () => {
  const bob = (): EmailAddress => ({ name: 'Bob', address: 'bob@contoso.com' })
  const alice = (): EmailAddress => ({ name: 'Alice', address: 'alice@contoso.com' })

  it('shares equal addresses and equal recipient lists between items, frozen', () => {
    const a = toStoredFields(fields(bob(), [alice(), bob()]))
    const b = toStoredFields(fields(bob(), [alice(), bob()]))
    expect(b.from).to.equal(a.from)
    expect(b.toRecipients).to.equal(a.toRecipients)
    expect(b.toRecipients[0]).to.equal(a.toRecipients[0])
    expect(Object.isFrozen(a.from)).to.equal(true)
    expect(Object.isFrozen(a.toRecipients)).to.equal(true)
    expect(Object.isFrozen(a.toRecipients[0])).to.equal(true)
  })

  it('does not keep the key of a long list in its table: equal long lists are stored apart', () => {
    // The table outlives items and servers; a list of hundreds of recipients would stay in it.
    const many = (): EmailAddress[] =>
      Array.from({ length: 200 }, (_, i) => ({ name: `User ${i}`, address: `u${i}@contoso.com` }))
    const a = toStoredFields(fields(bob(), many()))
    const b = toStoredFields(fields(bob(), many()))
    expect(b.toRecipients).to.not.equal(a.toRecipients)
    expect(b.toRecipients).to.deep.equal(a.toRecipients)
    expect(Object.isFrozen(a.toRecipients)).to.equal(true)
    // Each address of it is still shared.
    expect(b.toRecipients[7]).to.equal(a.toRecipients[7])
  })

  it('never merges different addresses or lists, however their parts are cut', () => {
    const cases: EmailAddress[][] = [
      [{ name: 'ab', address: 'c@x' }],
      [{ name: 'a', address: 'bc@x' }],
      [{ name: undefined, address: 'abc@x' }],
      [{ name: '', address: 'abc@x' }],
      [{ name: '-', address: 'abc@x' }],
      [{ name: undefined, address: '+0:abc@x' }],
      [
        { name: 'a', address: 'b@x' },
        { name: 'c', address: 'd@x' },
      ],
      // One address whose key, unprefixed, reads as the two above.
      [{ name: 'a', address: 'b@x+1:cd@x' }],
      [
        { name: 'c', address: 'd@x' },
        { name: 'a', address: 'b@x' },
      ],
    ]
    for (const to of cases) {
      const stored = toStoredFields(fields(to[0], to))
      expect(stored.toRecipients).to.deep.equal(to)
      expect(stored.from).to.deep.equal(to[0])
    }
  })

  it('keeps every address right across the table being dropped when full', () => {
    const first = toStoredFields(fields(bob(), [alice()]))
    const many = Array.from({ length: 10_050 }, (_, i) => ({ name: `N${i}`, address: `u${i}@x` }))
    const stored = many.map((a) => toStoredFields(fields(a, [a, bob()])))
    stored.forEach((f, i) => {
      expect(f.from).to.deep.equal(many[i])
      expect(f.toRecipients).to.deep.equal([many[i], bob()])
    })
    expect(first.from).to.deep.equal(bob())
    expect(first.toRecipients).to.deep.equal([alice()])
    expect(toStoredFields(fields(bob(), [alice()])).toRecipients).to.deep.equal([alice()])
  })
})
