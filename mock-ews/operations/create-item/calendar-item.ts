/**
 * CreateItem of a `t:CalendarItem`: saved in the calendar (or the calendar folder named), with
 * SendMeetingInvitations required as Exchange requires it. Invitations are not sent yet: a meeting
 * that asks for them is refused rather than saved without them (decision 0048).
 */
import type { Element } from '@xmldom/xmldom'
import { checkAttachmentSize } from '../../domain/attachments.ts'
import { EwsError } from '../../domain/errors.ts'
import { isMeeting } from '../../domain/calendar.ts'
import type { Item } from '../../domain/items.ts'
import { attr, enumAttr } from '../../soap/dom.ts'
import type { OperationContext } from '../operation.ts'
import { ITEM_CLASS_APPOINTMENT, newCalendarFields } from '../shared/calendar-item.ts'
import type { CalendarItemValues } from '../shared/calendar-xml.ts'
import type { NewAttachment } from '../shared/attachment-xml.ts'
import { resolveFolder } from '../shared/folder-ids.ts'
import type { CreateItemRequest } from './index.ts'
import { newMessage } from './index.ts'

const INVITATIONS = ['SendToNone', 'SendOnlyToAll', 'SendToAllAndSaveCopy'] as const
export type InvitationsMode = (typeof INVITATIONS)[number]

export type NewCalendarItem = Omit<CalendarItemValues, 'attachments'> & {
  attachments?: NewAttachment[]
}

export function readInvitationsMode(el: Element): InvitationsMode | undefined {
  return attr(el, 'SendMeetingInvitations') === undefined
    ? undefined
    : enumAttr(el, 'SendMeetingInvitations', INVITATIONS)
}

export function createCalendarItem(
  parsed: NewCalendarItem,
  req: CreateItemRequest,
  ctx: OperationContext,
): Item {
  if (!req.invitations)
    throw new EwsError(
      'ErrorSendMeetingInvitationsRequired',
      'SendMeetingInvitations is required for calendar items.',
    )
  const folder = req.savedFolder
    ? resolveFolder(req.savedFolder, ctx)
    : ctx.store.getDistinguishedFolder(ctx.mailbox, 'calendar')
  if (folder.kind !== 'CalendarFolder')
    throw new EwsError(
      'ErrorCannotCreateCalendarItemInNonCalendarFolder',
      'A calendar item can only be created in a calendar folder.',
    )
  const { calendarValues, ...rest } = parsed
  const calendar = newCalendarFields(calendarValues, ctx)
  if (isMeeting(calendar) && req.invitations !== 'SendToNone')
    throw new EwsError(
      'ErrorInvalidRequest',
      `mock-ews does not send meeting invitations yet: save the meeting with SendMeetingInvitations="SendToNone" (${req.invitations} is refused rather than not sent).`,
    )
  for (const a of rest.attachments ?? []) checkAttachmentSize(a, ctx.user.limits.maxSendSize)
  const fields = newMessage({ itemClass: ITEM_CLASS_APPOINTMENT, ...rest }, ctx)
  return ctx.store.createItem(ctx.mailbox, folder.folderId.id, {
    ...fields,
    isDraft: false,
    calendar: { ...calendar, organizer: { name: ctx.user.displayName, address: ctx.user.address } },
  })
}
