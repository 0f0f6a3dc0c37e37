// FindItem's m:QueryString (mock-ews/domain/query-string.ts): AQS translated into restrictions,
// evaluated here by the same evaluator as m:Restriction.
import { expect } from 'chai'
import type { Item } from '../../../mock-ews/domain/items.ts'
import { DEFAULT_LIMITS } from '../../../mock-ews/domain/limits.ts'
import { parseQueryString } from '../../../mock-ews/domain/query-string.ts'
import { checkRestrictionSize, matches } from '../../../mock-ews/domain/restriction.ts'
import { itemFields } from '../../helpers/items.ts'

// Friday 2016-06-10, 09:00 UTC (weeks start on Sunday 06-05).
const NOW = new Date('2016-06-10T09:00:00Z')

const item = (subject: string, fields: Record<string, unknown> = {}): Item =>
  ({
    ...itemFields({ subject, dateTimeReceived: NOW, ...fields }),
    itemId: { id: subject, changeKey: 'ck' },
  }) as Item

const lunch = item('Lunch? Friday', {
  body: { type: 'Text', text: 'At the usual place' },
  size: 1234,
})
const luncheon = item('Luncheon plans')
const brunch = item('brunch', { isRead: true })
const budget = item('Budget review', { importance: 'High', categories: ['Finance'] })
const old = item('Old news', { dateTimeReceived: new Date('2016-05-31T23:59:00Z') })
const ALL = [lunch, luncheon, brunch, budget, old]

/** Subjects of the items the query matches. */
function find(query: string): string[] {
  const r = parseQueryString(query, NOW, DEFAULT_LIMITS)
  return ALL.filter((i) => !r || matches(i, r)).map((i) => i.subject ?? '')
}

describe('AQS query strings', () => {
  it('matches free text at the start of words, ignoring case', () => {
    expect(find('lunch')).to.deep.equal(['Lunch? Friday', 'Luncheon plans'])
    expect(find('LUNCH')).to.deep.equal(['Lunch? Friday', 'Luncheon plans'])
    expect(find('usual')).to.deep.equal(['Lunch? Friday']) // the body
  })
  it('matches a quoted phrase anywhere', () => {
    expect(find('"usual place"')).to.deep.equal(['Lunch? Friday'])
    expect(find('"place usual"')).to.deep.equal([])
  })
  it('restricts to one property with subject: and body:', () => {
    expect(find('subject:usual')).to.deep.equal([])
    expect(find('body:usual')).to.deep.equal(['Lunch? Friday'])
    expect(find('subject:"news"')).to.deep.equal(['Old news'])
    expect(find('Subject:budget')).to.deep.equal(['Budget review'])
  })
  it('reads hasattachment:, isread:, importance: and category:', () => {
    expect(find('hasattachment:true')).to.deep.equal([])
    expect(find('hasattachment:false')).to.have.length(5)
    expect(find('isread:true')).to.deep.equal(['brunch'])
    expect(find('importance:high')).to.deep.equal(['Budget review'])
    expect(find('category:fin')).to.deep.equal(['Budget review'])
  })
  it('reads received: as a day, comparisons, ranges and relative periods', () => {
    expect(find('received:2016-05-31')).to.deep.equal(['Old news'])
    expect(find('received:5/31/2016')).to.deep.equal(['Old news'])
    expect(find('received:>2016-05-31')).to.have.length(4)
    expect(find('received:<2016-06-01')).to.deep.equal(['Old news'])
    expect(find('received:<=2016-05-31')).to.deep.equal(['Old news'])
    expect(find('received:>=2016-06-10')).to.have.length(4)
    expect(find('received:2016-05-01..2016-05-31')).to.deep.equal(['Old news'])
    expect(find('received:today')).to.have.length(4)
    expect(find('received:yesterday')).to.deep.equal([])
    expect(find('received:"this week"')).to.have.length(4)
    expect(find('received:"last month"')).to.deep.equal(['Old news'])
  })
  it('joins terms side by side with AND, and reads AND, OR, NOT and parentheses', () => {
    expect(find('lunch friday')).to.deep.equal(['Lunch? Friday'])
    expect(find('lunch AND plans')).to.deep.equal(['Luncheon plans'])
    expect(find('brunch OR budget')).to.deep.equal(['brunch', 'Budget review'])
    expect(find('lunch NOT friday')).to.deep.equal(['Luncheon plans'])
    expect(find('NOT lunch')).to.deep.equal(['brunch', 'Budget review', 'Old news'])
  })
  it('binds NOT tighter than AND, and AND tighter than OR', () => {
    expect(find('brunch OR lunch plans')).to.deep.equal(['Luncheon plans', 'brunch'])
    expect(find('(brunch OR lunch) plans')).to.deep.equal(['Luncheon plans'])
    expect(find('NOT lunch OR brunch')).to.deep.equal(['brunch', 'Budget review', 'Old news'])
  })
  it('reads content:, bcc:, size: and a property applied to a group', () => {
    expect(find('content:usual')).to.deep.equal(['Lunch? Friday'])
    expect(find('bcc:lunch')).to.deep.equal([])
    expect(find('size:1234')).to.deep.equal(['Lunch? Friday'])
    expect(find('size:>1233')).to.deep.equal(['Lunch? Friday'])
    expect(find('size:>1234')).to.deep.equal([])
    expect(find('size:<=1234')).to.deep.equal(['Lunch? Friday'])
    expect(find('size:1000..2000')).to.deep.equal(['Lunch? Friday'])
    expect(find('size:1..1000')).to.deep.equal([])
    expect(find('subject:(lunch friday)')).to.deep.equal(['Lunch? Friday'])
    expect(find('subject:(usual)')).to.deep.equal([])
    expect(find('subject:(brunch OR budget)')).to.deep.equal(['brunch', 'Budget review'])
  })
  it('reads lower-case and, or, not as words', () => {
    expect(find('lunch or brunch')).to.deep.equal([])
  })
  it('searches what is not AQS as free text, never failing', () => {
    expect(find('unknown:lunch')).to.deep.equal([])
    expect(find('received:notadate')).to.deep.equal([])
    expect(find('(lunch')).to.deep.equal(['Lunch? Friday', 'Luncheon plans'])
    expect(find('lunch)')).to.deep.equal(['Lunch? Friday', 'Luncheon plans'])
    expect(find('"usual place')).to.deep.equal(['Lunch? Friday'])
    expect(find('lunch OR')).to.deep.equal([])
    expect(find('NOT')).to.deep.equal([])
  })
  it('answers an empty query with every item', () => {
    expect(parseQueryString('  ', NOW, DEFAULT_LIMITS)).to.equal(undefined)
    expect(find('')).to.have.length(5)
  })
  it('refuses a query over the limits with ErrorRestrictionTooLong', () => {
    const limits = { maxRestrictionNodes: 255, maxConstantLength: 100 }
    expect(() => parseQueryString('x'.repeat(101), NOW, limits)).to.throw(/101 characters/)
    const deep = '('.repeat(300) + 'a' + ')'.repeat(300)
    expect(() => parseQueryString(deep, NOW, DEFAULT_LIMITS))
      .to.throw()
      .with.property('code', 'ErrorRestrictionTooLong')
    const nots = 'NOT '.repeat(5000) + 'a'
    expect(() => parseQueryString(nots, NOW, DEFAULT_LIMITS))
      .to.throw()
      .with.property('code', 'ErrorRestrictionTooLong')
    const many = parseQueryString(
      Array.from({ length: 100 }, (_, i) => `w${i}`).join(' '),
      NOW,
      DEFAULT_LIMITS,
    )
    expect(() => checkRestrictionSize(many!, DEFAULT_LIMITS)).to.throw(/255 search expressions/)
  })
})
