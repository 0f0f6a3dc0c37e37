// https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/finditem-operation
import type { Element } from '../../soap/xml-tree.ts'
import type { XmlElement } from '../../soap/xml-writer.ts'
import { EwsError } from '../../domain/errors.ts'
import type { Item } from '../../domain/items.ts'
import { SearchBudget } from '../../domain/limits.ts'
import { capView } from '../../domain/paging.ts'
import type { Page, PageView } from '../../domain/paging.ts'
import { checkRestrictionSize } from '../../domain/restriction.ts'
import type { Restriction } from '../../domain/restriction.ts'
import { parseQueryString } from '../../domain/query-string.ts'
import { attr, child, enumAttr, requiredChild, schemaError, text } from '../../soap/dom.ts'
import { EXCHANGE_VERSIONS } from '../../topology/profiles.ts'
import type { SortKey } from '../../store/mailbox-store.ts'
import { attempt } from '../operation.ts'
import type { Operation, OperationContext, Outcome } from '../operation.ts'
import { readFolderRefs, resolveFolder } from '../shared/folder-ids.ts'
import type { FolderRef } from '../shared/folder-ids.ts'
import { readItemShape, shapeForVersion } from '../shared/item-shape.ts'
import type { ItemShape } from '../shared/item-shape.ts'
import { renderItem } from '../shared/item-xml.ts'
import { readPageView, renderRootFolder } from '../shared/paging.ts'
import { readRestriction, readSortOrder } from '../shared/restriction-xml.ts'
import { calendarViewPage, readCalendarView } from './calendar-view.ts'
import type { CalendarView } from './calendar-view.ts'

const TRAVERSALS = ['Shallow', 'SoftDeleted', 'Associated'] as const
const UNSUPPORTED_VIEWS = ['ContactsView', 'GroupBy', 'DistinguishedGroupBy']

interface FindItemRequest {
  traversal: (typeof TRAVERSALS)[number]
  shape: ItemShape
  view: PageView
  restriction: Restriction | undefined
  /** The AQS of `m:QueryString`, translated into a restriction when the request is handled. */
  queryString: string | undefined
  sort: SortKey[] | undefined
  /** `m:CalendarView`: occurrences expanded (calendar-view.ts). */
  calendarView?: CalendarView
  /** A part of the request mock-ews cannot answer: every response message carries it. */
  unsupported: EwsError | undefined
  parents: FolderRef[]
}

export const findItem: Operation<FindItemRequest, Page<Item>> = {
  name: 'FindItem',
  parse(el: Element): FindItemRequest {
    const shape = readItemShape(requiredChild(el, 'm', 'ItemShape'))
    let restriction: Restriction | undefined
    let sort: SortKey[] | undefined
    let unsupported: EwsError | undefined
    try {
      const r = child(el, 'm', 'Restriction')
      restriction = r && readRestriction(r)
      const s = child(el, 'm', 'SortOrder')
      sort = s && readSortOrder(s)
    } catch (e) {
      if (!(e instanceof EwsError) || e.code === 'ErrorSchemaValidation') throw e
      unsupported = e
    }
    const other = UNSUPPORTED_VIEWS.find((name) => child(el, 'm', name))
    if (other)
      unsupported = new EwsError(
        'ErrorInvalidRequest',
        `mock-ews does not support ${other} in FindItem.`,
      )
    const calendar = child(el, 'm', 'CalendarView')
    const calendarView = calendar && readCalendarView(calendar)
    if (calendar && (child(el, 'm', 'Restriction') || child(el, 'm', 'QueryString')))
      unsupported = new EwsError(
        'ErrorInvalidRestriction',
        'Restrictions and search strings are not valid with a CalendarView.',
      )
    const query = child(el, 'm', 'QueryString')
    if (query && child(el, 'm', 'Restriction'))
      unsupported = new EwsError(
        'ErrorInvalidRequest',
        'Restriction and QueryString cannot both be specified in FindItem.',
      )
    else if (query && /^(true|1)$/.test(attr(query, 'ReturnHighlightTerms') ?? ''))
      unsupported = new EwsError(
        'ErrorInvalidRequest',
        'mock-ews does not support ReturnHighlightTerms in FindItem.',
      )
    // IncludeMimeContent is ignored (FindItem returns no streamed property); naming the field is refused.
    if (shape.mimeContent === 'FieldURI')
      unsupported = new EwsError(
        'ErrorInvalidPropertyRequest',
        'The property item:MimeContent cannot be used in FindItem requests.',
      )
    for (const p of ['Body', 'Attachments', 'UniqueBody', 'TextBody'] as const) {
      if (shape.requested.has(p)) {
        unsupported = new EwsError(
          'ErrorInvalidPropertyRequest',
          `The property item:${p} cannot be used in FindItem requests.`,
        )
      }
    }
    return {
      traversal: enumAttr(el, 'Traversal', TRAVERSALS),
      shape: {
        ...shape,
        properties: new Set(
          [...shape.properties].filter((p) => p !== 'Body' && p !== 'Attachments'),
        ),
      },
      view: readPageView(
        child(el, 'm', 'IndexedPageItemView') ?? child(el, 'm', 'FractionalPageItemView'),
      ),
      restriction,
      ...(calendarView ? { calendarView } : {}),
      queryString: query && (text(query) ?? ''),
      sort,
      unsupported,
      parents: readFolderRefs(requiredChild(el, 'm', 'ParentFolderIds')),
    }
  },
  count: (req) => req.parents.length,
  handle(req: FindItemRequest, ctx: OperationContext): Outcome<Page<Item>>[] {
    req.shape = shapeForVersion(req.shape, ctx.requestServerVersion)
    // QueryString came with Exchange2010: the 2007 schema has no such element (a SOAP fault).
    if (req.queryString !== undefined && before2010(ctx))
      throw schemaError(
        `The element 'QueryString' is not valid in FindItem for ${ctx.requestServerVersion}; it needs Exchange2010 or later.`,
      )
    const restriction = fromQuery(req, ctx)
    const refused = req.unsupported ?? tooLong(restriction, ctx)
    const budget = new SearchBudget(ctx.limits)
    // A folder named again is not searched again: its page stands while the find count limit
    // (`remaining`) does not cut it shorter than it was.
    const searched = new Map<string, { page: Page<Item>; cap: number }>()
    let remaining = ctx.limits.findCountLimit
    return req.parents.map((ref) =>
      attempt(() => {
        const folderId = resolveFolder(ref, ctx).folderId.id
        if (refused) throw refused
        // mock-ews keeps no soft-deleted or associated (hidden) items: those views are empty.
        if (req.traversal !== 'Shallow')
          return { items: [], total: 0, includesLast: true, nextOffset: 0 }
        if (req.calendarView) {
          const page = calendarViewPage(req.calendarView, folderId, ctx, budget, remaining)
          remaining -= page.items.length
          return page
        }
        let done = searched.get(folderId)
        const n = done?.page.items.length ?? 0
        if (!done || n > remaining || (n === done.cap && done.cap !== remaining)) {
          const query = {
            restriction: restriction instanceof EwsError ? undefined : restriction,
            sort: req.sort,
            view: capView(req.view, remaining),
            budget,
          }
          budget.charge()
          done = { page: ctx.store.findItems(ctx.mailbox, folderId, query), cap: remaining }
          searched.set(folderId, done)
        }
        remaining -= done.page.items.length
        return done.page
      }),
    )
  },
  renderPayload(message: XmlElement, page: Page<Item>, req: FindItemRequest): void {
    renderRootFolder(message, page, 'Items', (items, item) => renderItem(items, item, req.shape))
  },
}

function before2010(ctx: OperationContext): boolean {
  return (
    EXCHANGE_VERSIONS.indexOf(ctx.requestServerVersion) < EXCHANGE_VERSIONS.indexOf('Exchange2010')
  )
}

/** The request's restriction: `m:Restriction`, or `m:QueryString` translated (or its refusal). */
function fromQuery(
  req: FindItemRequest,
  ctx: OperationContext,
): Restriction | EwsError | undefined {
  if (req.unsupported || req.queryString === undefined) return req.restriction
  try {
    return parseQueryString(req.queryString, ctx.clock.now(), ctx.limits)
  } catch (e) {
    if (e instanceof EwsError) return e
    throw e
  }
}

/** ErrorRestrictionTooLong for a restriction over the limits, for every response message. */
function tooLong(
  restriction: Restriction | EwsError | undefined,
  ctx: OperationContext,
): EwsError | undefined {
  if (restriction instanceof EwsError) return restriction
  try {
    if (restriction) checkRestrictionSize(restriction, ctx.limits)
    return undefined
  } catch (e) {
    if (e instanceof EwsError) return e
    throw e
  }
}
