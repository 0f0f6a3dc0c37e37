// https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/deleteitem-operation
import type { Element } from '../../soap/xml-tree.ts'
import { EwsError } from '../../domain/errors.ts'
import { calendarElement, isMeeting } from '../../domain/calendar.ts'
import { attr, enumAttr, requiredChild } from '../../soap/dom.ts'
import type { ItemDeleteMode } from '../../store/mailbox-store.ts'
import { attempt } from '../operation.ts'
import type { Operation, OperationContext, Outcome } from '../operation.ts'
import { readItemRefs } from '../shared/item-ids.ts'
import { deleteOccurrence, getItemOrOccurrence } from '../shared/calendar-refs.ts'
import { checkInvitable, sendMeetingMessage } from '../shared/meetings.ts'
import { notForOccurrences } from '../update-item/calendar-update.ts'
import type { ItemRef } from '../shared/item-ids.ts'

const DELETE_TYPES: readonly ItemDeleteMode[] = ['HardDelete', 'SoftDelete', 'MoveToDeletedItems']

const CANCELLATIONS = ['SendToNone', 'SendOnlyToAll', 'SendToAllAndSaveCopy'] as const

interface DeleteItemRequest {
  mode: ItemDeleteMode
  items: ItemRef[]
  /** `SendMeetingCancellations`, required for calendar items. */
  cancellations: (typeof CANCELLATIONS)[number] | undefined
}

export const deleteItem: Operation<DeleteItemRequest, void> = {
  name: 'DeleteItem',
  parse(el: Element): DeleteItemRequest {
    return {
      mode: enumAttr(el, 'DeleteType', DELETE_TYPES),
      items: readItemRefs(requiredChild(el, 'm', 'ItemIds')),
      cancellations:
        attr(el, 'SendMeetingCancellations') === undefined
          ? undefined
          : enumAttr(el, 'SendMeetingCancellations', CANCELLATIONS),
    }
  },
  count: (req) => req.items.length,
  handle(req: DeleteItemRequest, ctx: OperationContext): Outcome<void>[] {
    return req.items.map((ref) =>
      attempt(() => {
        const item = getItemOrOccurrence(ctx, ref)
        // A calendar item's: a meeting message deletes as the message it is.
        const calendar =
          calendarElement(item.itemClass) === 'CalendarItem' ? item.calendar : undefined
        if (calendar && !req.cancellations)
          throw new EwsError(
            'ErrorSendMeetingCancellationsRequired',
            'SendMeetingCancellations is required for calendar items.',
          )
        const organizer =
          (calendar?.organizer?.address.toLowerCase() ?? ctx.mailbox) === ctx.mailbox
        if (calendar && isMeeting(calendar) && organizer && req.cancellations !== 'SendToNone') {
          if (calendar.occurrence) throw notForOccurrences(req.cancellations!)
          checkInvitable(calendar, ctx)
          sendMeetingMessage(
            ctx,
            item,
            'cancellation',
            req.cancellations === 'SendToAllAndSaveCopy',
          )
        }
        if (calendar?.occurrence) deleteOccurrence(ctx, item)
        else ctx.store.deleteItem(ctx.mailbox, item.itemId.id, req.mode)
      }),
    )
  },
  renderPayload(): void {},
}
