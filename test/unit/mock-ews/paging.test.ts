import { expect } from 'chai'
import { paginate } from '../../../mock-ews/operations/shared/paging.ts'
import type { PageView } from '../../../mock-ews/operations/shared/paging.ts'

const TEN = Array.from({ length: 10 }, (_, i) => i)
const beginning = (offset: number, max?: number): PageView => ({
  kind: 'indexed',
  max,
  offset,
  basePoint: 'Beginning',
})
const end = (offset: number, max?: number): PageView => ({
  kind: 'indexed',
  max,
  offset,
  basePoint: 'End',
})
const fraction = (numerator: number, denominator: number, max?: number): PageView => ({
  kind: 'fractional',
  max,
  numerator,
  denominator,
})

describe('paginate', () => {
  describe('indexed, BasePoint Beginning', () => {
    it('returns MaxEntriesReturned entries from Offset, with the next offset', () => {
      expect(paginate(TEN, beginning(2, 3))).to.deep.equal({
        items: [2, 3, 4],
        total: 10,
        includesLast: false,
        nextOffset: 5,
      })
    })

    it('marks the page that reaches the last entry', () => {
      expect(paginate(TEN, beginning(7, 3))).to.deep.equal({
        items: [7, 8, 9],
        total: 10,
        includesLast: true,
        nextOffset: 10,
      })
      expect(paginate(TEN, beginning(8, 5))).to.deep.equal({
        items: [8, 9],
        total: 10,
        includesLast: true,
        nextOffset: 10,
      })
      expect(paginate(TEN, beginning(6, 3)).includesLast).to.equal(false)
    })

    it('returns everything from Offset when there is no maximum', () => {
      expect(paginate(TEN, beginning(4))).to.deep.equal({
        items: [4, 5, 6, 7, 8, 9],
        total: 10,
        includesLast: true,
        nextOffset: 10,
      })
    })

    it('returns an empty last page for an offset at or past the end', () => {
      for (const offset of [10, 12, 1000]) {
        const page = paginate(TEN, beginning(offset, 3))
        expect(page.items, `offset ${offset}`).to.deep.equal([])
        expect(page.total).to.equal(10)
        expect(page.includesLast).to.equal(true)
      }
      expect(paginate(TEN, beginning(10, 3)).nextOffset).to.equal(10)
    })

    it('handles an empty list', () => {
      expect(paginate([], beginning(0, 3))).to.deep.equal({
        items: [],
        total: 0,
        includesLast: true,
        nextOffset: 0,
      })
    })

    it('visits every entry once when following nextOffset', () => {
      const seen: number[] = []
      let offset = 0
      for (let guard = 0; guard < 20; guard++) {
        const page = paginate(TEN, beginning(offset, 3))
        seen.push(...page.items)
        if (page.includesLast) break
        offset = page.nextOffset!
      }
      expect(seen).to.deep.equal(TEN)
    })
  })

  describe('indexed, BasePoint End', () => {
    it('returns the last MaxEntriesReturned entries for Offset 0', () => {
      expect(paginate(TEN, end(0, 3))).to.deep.equal({
        items: [7, 8, 9],
        total: 10,
        includesLast: false,
        nextOffset: 3,
      })
    })

    it('counts Offset back from the last entry; the page ends there', () => {
      expect(paginate(TEN, end(3, 3))).to.deep.equal({
        items: [4, 5, 6],
        total: 10,
        includesLast: false,
        nextOffset: 6,
      })
    })

    it('marks the page that reaches the first entry', () => {
      expect(paginate(TEN, end(8, 3))).to.deep.equal({
        items: [0, 1],
        total: 10,
        includesLast: true,
        nextOffset: 10,
      })
      expect(paginate(TEN, end(7, 3))).to.deep.equal({
        items: [0, 1, 2],
        total: 10,
        includesLast: true,
        nextOffset: 10,
      })
    })

    it('returns everything up to Offset when there is no maximum', () => {
      expect(paginate(TEN, end(4))).to.deep.equal({
        items: [0, 1, 2, 3, 4, 5],
        total: 10,
        includesLast: true,
        nextOffset: 10,
      })
    })

    it('returns an empty last page for an offset past the beginning', () => {
      const page = paginate(TEN, end(15, 3))
      expect(page.items).to.deep.equal([])
      expect(page.includesLast).to.equal(true)
    })

    it('visits every entry once when following nextOffset backwards', () => {
      const seen: number[] = []
      let offset = 0
      for (let guard = 0; guard < 20; guard++) {
        const page = paginate(TEN, end(offset, 4))
        seen.unshift(...page.items)
        if (page.includesLast) break
        offset = page.nextOffset!
      }
      expect(seen).to.deep.equal(TEN)
    })
  })

  describe('fractional', () => {
    it('starts at numerator/denominator of the list and gives the next numerator over the total', () => {
      expect(paginate(TEN, fraction(1, 2, 3))).to.deep.equal({
        items: [5, 6, 7],
        total: 10,
        includesLast: false,
        numeratorOffset: 8,
      })
      expect(paginate(TEN, fraction(0, 4, 3))).to.deep.equal({
        items: [0, 1, 2],
        total: 10,
        includesLast: false,
        numeratorOffset: 3,
      })
    })

    it('rounds the start down', () => {
      expect(paginate(TEN, fraction(1, 3, 2)).items).to.deep.equal([3, 4])
      expect(paginate(TEN, fraction(2, 3, 2)).items).to.deep.equal([6, 7])
    })

    it('marks the page that reaches the last entry, and returns the rest without a maximum', () => {
      expect(paginate(TEN, fraction(3, 4))).to.deep.equal({
        items: [7, 8, 9],
        total: 10,
        includesLast: true,
        numeratorOffset: 10,
      })
      expect(paginate(TEN, fraction(4, 5, 2))).to.deep.equal({
        items: [8, 9],
        total: 10,
        includesLast: true,
        numeratorOffset: 10,
      })
    })

    it('returns an empty last page at or past the whole', () => {
      expect(paginate(TEN, fraction(1, 1, 3))).to.deep.equal({
        items: [],
        total: 10,
        includesLast: true,
        numeratorOffset: 10,
      })
      expect(paginate(TEN, fraction(5, 2, 3))).to.deep.equal({
        items: [],
        total: 10,
        includesLast: true,
        numeratorOffset: 10,
      })
    })

    it('visits every entry once when following numeratorOffset over the total', () => {
      const seen: number[] = []
      let view = fraction(0, 1, 3)
      for (let guard = 0; guard < 20; guard++) {
        const page = paginate(TEN, view)
        seen.push(...page.items)
        if (page.includesLast) break
        view = fraction(page.numeratorOffset!, page.total, 3)
      }
      expect(seen).to.deep.equal(TEN)
    })
  })

  describe('all', () => {
    it('returns every entry as the last page', () => {
      const page = paginate(TEN, { kind: 'all' })
      expect(page).to.deep.equal({ items: TEN, total: 10, includesLast: true, nextOffset: 10 })
      expect(page.items).to.not.equal(TEN)
    })

    it('handles an empty list', () => {
      expect(paginate([], { kind: 'all' })).to.deep.equal({
        items: [],
        total: 0,
        includesLast: true,
        nextOffset: 0,
      })
    })
  })

  it('never changes the list it is given', () => {
    const list = [...TEN]
    for (const view of [beginning(2, 3), end(2, 3), fraction(1, 2, 3), { kind: 'all' } as const]) {
      const page = paginate(list, view)
      page.items.push(99)
    }
    expect(list).to.deep.equal(TEN)
  })
})
