/**
 * Indexed and fractional paging views (IndexedPageFolderView / IndexedPageItemView /
 * FractionalPage…View) and the paging attributes of `m:RootFolder` (types.xsd FindResponsePagingAttributes).
 */
import type { Element } from '../../soap/xml-tree.ts'
import type { XmlElement } from '../../soap/xml-writer.ts'
import type { Page, PageView } from '../../domain/paging.ts'
import { attr, enumAttr, intAttr, schemaError } from '../../soap/dom.ts'
import { NS } from '../../soap/namespaces.ts'

export { paginate } from '../../domain/paging.ts'
export type { Page, PageView } from '../../domain/paging.ts'

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

/** Writes the paging attributes on `m:RootFolder` (IndexedPagingOffset or NumeratorOffset/AbsoluteDenominator). */
export function writePagingAttributes(root: XmlElement, page: Page<unknown>): void {
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

/** `m:RootFolder` with its paging attributes and one element per entry of the page (FindItem, FindFolder). */
export function renderRootFolder<T>(
  message: XmlElement,
  page: Page<T>,
  container: 'Items' | 'Folders',
  render: (parent: XmlElement, entry: T) => void,
): void {
  const root = message.ele(NS.m, 'm:RootFolder')
  writePagingAttributes(root, page)
  const list = root.ele(NS.t, `t:${container}`)
  for (const entry of page.items) render(list, entry)
}
