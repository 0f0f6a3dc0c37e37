/**
 * Indexed and fractional paging views (IndexedPageFolderView / IndexedPageItemView /
 * FractionalPage…View) and the paging attributes of `m:RootFolder` (types.xsd FindResponsePagingAttributes).
 */
import type { Element } from '@xmldom/xmldom'
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js'
import { attr, enumAttr, intAttr, schemaError } from '../../soap/dom.ts'

export type PageView =
  | { kind: 'indexed'; max: number | undefined; offset: number; basePoint: 'Beginning' | 'End' }
  | { kind: 'fractional'; max: number | undefined; numerator: number; denominator: number }
  | { kind: 'all' }

export interface Page<T> {
  items: T[]
  total: number
  includesLast: boolean
  /** Indexed views: the offset to ask for next. */
  nextOffset?: number
  /** Fractional views: the numerator to ask for next, over `total`. */
  numeratorOffset?: number
}

/** Reads an indexed or fractional view element (or none: every entry). */
export function readPageView(el: Element | undefined): PageView {
  if (!el) return { kind: 'all' }
  const max =
    attr(el, 'MaxEntriesReturned') === undefined ? undefined : intAttr(el, 'MaxEntriesReturned', 0)
  if (max === 0) throw schemaError("The 'MaxEntriesReturned' attribute must be at least 1.")
  if ((el.localName ?? '').startsWith('Indexed')) {
    if (attr(el, 'Offset') === undefined)
      throw schemaError("The required attribute 'Offset' is missing.")
    return {
      kind: 'indexed',
      max,
      offset: intAttr(el, 'Offset', 0),
      basePoint: enumAttr(el, 'BasePoint', ['Beginning', 'End']),
    }
  }
  const numerator = intAttr(el, 'Numerator', -1)
  const denominator = intAttr(el, 'Denominator', -1)
  if (numerator < 0 || denominator < 1)
    throw schemaError("'Numerator' and 'Denominator' (at least 1) are required.")
  return { kind: 'fractional', max, numerator, denominator }
}

/** Cuts one page out of an ordered list. */
export function paginate<T>(all: readonly T[], view: PageView): Page<T> {
  const total = all.length
  if (view.kind === 'all') return { items: [...all], total, includesLast: true, nextOffset: total }
  const max = view.max ?? total
  if (view.kind === 'fractional') {
    const start = Math.min(
      total,
      Math.floor((total * Math.min(view.numerator, view.denominator)) / view.denominator),
    )
    const items = all.slice(start, start + max)
    const next = start + items.length
    return { items, total, includesLast: next >= total, numeratorOffset: next }
  }
  if (view.basePoint === 'Beginning') {
    const items = all.slice(Math.min(view.offset, total), view.offset + max)
    // IndexedPagingOffset is Offset + the number returned (reference/ews-protocol.md §2.4).
    const next = view.offset + items.length
    return { items, total, includesLast: next >= total, nextOffset: next }
  }
  // BasePoint End: Offset counts back from the last entry; the page ends there.
  const end = Math.max(0, total - view.offset)
  const start = Math.max(0, end - max)
  const items = all.slice(start, end)
  return { items, total, includesLast: start === 0, nextOffset: view.offset + items.length }
}

/** Writes the paging attributes on `m:RootFolder` (IndexedPagingOffset or NumeratorOffset/AbsoluteDenominator). */
export function writePagingAttributes(root: XMLBuilder, page: Page<unknown>): void {
  if (page.numeratorOffset !== undefined) {
    root
      .att('NumeratorOffset', String(page.numeratorOffset))
      .att('AbsoluteDenominator', String(page.total))
  } else {
    root.att('IndexedPagingOffset', String(page.nextOffset ?? page.items.length))
  }
  root
    .att('TotalItemsInView', String(page.total))
    .att('IncludesLastItemInRange', String(page.includesLast))
}
