/**
 * Paging of ordered views (indexed from the beginning or the end, or fractional), as EWS's
 * IndexedPage…View and FractionalPage…View define it. Pure: works on positions, so an index can
 * cut a page without materialising the whole view.
 */

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

/** Positions [start, end) of the page a view selects out of `total` entries, and its paging facts. */
export function pageRange(
  total: number,
  view: PageView,
): Omit<Page<never>, 'items'> & { start: number; end: number } {
  if (view.kind === 'all')
    return { start: 0, end: total, total, includesLast: true, nextOffset: total }
  const max = view.max ?? total
  if (view.kind === 'fractional') {
    const start = Math.min(
      total,
      Math.floor((total * Math.min(view.numerator, view.denominator)) / view.denominator),
    )
    const end = Math.min(total, start + max)
    return { start, end, total, includesLast: end >= total, numeratorOffset: end }
  }
  if (view.basePoint === 'Beginning') {
    const start = Math.min(view.offset, total)
    const end = Math.min(total, start + max)
    // IndexedPagingOffset is Offset + the number returned (reference/ews-protocol.md §2.4).
    const next = view.offset + (end - start)
    return { start, end, total, includesLast: next >= total, nextOffset: next }
  }
  // BasePoint End: Offset counts back from the last entry; the page ends there.
  const end = Math.max(0, total - view.offset)
  const start = Math.max(0, end - max)
  return { start, end, total, includesLast: start === 0, nextOffset: view.offset + (end - start) }
}

/** Cuts one page out of an ordered list. */
export function paginate<T>(all: readonly T[], view: PageView): Page<T> {
  const { start, end, ...facts } = pageRange(all.length, view)
  return { ...facts, items: all.slice(start, end) }
}

/** The view with its page shortened to at most `remaining` entries (what the find count limit leaves). */
export function capView(view: PageView, remaining: number): PageView {
  const left = Math.max(0, remaining)
  if (view.kind === 'all') return { kind: 'indexed', max: left, offset: 0, basePoint: 'Beginning' }
  return { ...view, max: Math.min(view.max ?? left, left) }
}
