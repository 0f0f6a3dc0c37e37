/**
 * CreateItem of a `t:CalendarItem`: saved in the calendar (or the calendar folder named), with
 * SendMeetingInvitations required as Exchange requires it; a meeting's invitations go to its
 * attendees (shared/meetings.ts, decision 0050). Also the meeting answers (AcceptItem…, CancelCalendarItem).
 */
import type { Element } from '../../soap/xml-tree.ts'
import { checkAttachmentSize } from '../../domain/attachments.ts'
import { EwsError } from '../../domain/errors.ts'
import { isMeeting } from '../../domain/calendar.ts'
import type { Body, Item } from '../../domain/items.ts'
import { calendarElement } from '../../domain/calendar.ts'
import { attr, child, childElements, enumAttr } from '../../soap/dom.ts'
import { NS } from '../../soap/namespaces.ts'
import { readBody } from '../shared/message-xml.ts'
import type { ItemRef } from '../shared/item-ids.ts'
import { getItemOrOccurrence } from '../shared/calendar-refs.ts'
import {
  checkInvitable,
  MEETING_RESPONSE_KINDS,
  respondToMeeting,
  sendMeetingMessage,
} from '../shared/meetings.ts'
import type { MeetingResponseKind } from '../shared/meetings.ts'
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
  const invite = isMeeting(calendar) && req.invitations !== 'SendToNone'
  if (invite) checkInvitable(calendar, ctx)
  for (const a of rest.attachments ?? []) checkAttachmentSize(a, ctx.user.limits.maxSendSize)
  const fields = newMessage({ itemClass: ITEM_CLASS_APPOINTMENT, ...rest }, ctx)
  const item = ctx.store.createItem(ctx.mailbox, folder.folderId.id, {
    ...fields,
    isDraft: false,
    calendar: { ...calendar, organizer: { name: ctx.user.displayName, address: ctx.user.address } },
  })
  if (!invite) return item
  sendMeetingMessage(ctx, item, 'request', req.invitations === 'SendToAllAndSaveCopy')
  return ctx.store.updateItem(ctx.mailbox, item.itemId.id, {
    calendar: { ...item.calendar!, requestSent: true },
  })
}

export interface MeetingAnswer {
  meetingAnswer: MeetingResponseKind | 'CancelCalendarItem'
  reference: ItemRef
  body: Body | undefined
}

export function isMeetingAnswer(name: string): boolean {
  return (
    name === 'CancelCalendarItem' || (MEETING_RESPONSE_KINDS as readonly string[]).includes(name)
  )
}

/** AcceptItem, TentativelyAcceptItem, DeclineItem, CancelCalendarItem: ReferenceItemId and a body. */
export function readMeetingAnswer(el: Element): MeetingAnswer | EwsError {
  const ref = child(el, 't', 'ReferenceItemId')
  const id = ref && attr(ref, 'Id')
  if (!ref || !id)
    return new EwsError(
      'ErrorMissingInformationReferenceItemId',
      `${el.localName} needs a ReferenceItemId naming the meeting it answers.`,
    )
  const both = child(el, 't', 'Body') && child(el, 't', 'NewBodyContent')
  for (const part of childElements(el, NS.t)) {
    const name = part.localName ?? ''
    if (name === 'ReferenceItemId' || name === 'Body') continue
    if (name === 'NewBodyContent' && !both) continue
    // Values a new answer has anyway (exchangelib writes the receipt requests on every answer).
    const value = (part.textContent ?? '').trim()
    if (name === 'Sensitivity' && value === 'Normal') continue
    if (name.endsWith('ReceiptRequested') && (value === 'false' || value === '0')) continue
    throw new EwsError(
      'ErrorInvalidPropertySet',
      `mock-ews does not keep ${name} on a meeting answer yet; it is refused rather than dropped.`,
    )
  }
  const body = child(el, 't', 'Body') ?? child(el, 't', 'NewBodyContent')
  return {
    meetingAnswer: el.localName as MeetingAnswer['meetingAnswer'],
    reference: { id, changeKey: attr(ref, 'ChangeKey') },
    body: body && readBody(body),
  }
}

/** Runs a meeting answer; answers the calendar item it leaves (Exchange's CalendarActionResults). */
export function answerMeeting(
  parsed: MeetingAnswer,
  req: CreateItemRequest,
  ctx: OperationContext,
): Item | undefined {
  if (!req.disposition)
    throw new EwsError('ErrorMessageDispositionRequired', 'MessageDisposition is required.')
  const ref = getItemOrOccurrence(ctx, parsed.reference)
  if (parsed.meetingAnswer !== 'CancelCalendarItem')
    return respondToMeeting(ctx, parsed.meetingAnswer, ref, parsed.body, req.disposition)
  const c = ref.calendar
  if (!c || calendarElement(ref.itemClass) !== 'CalendarItem' || c.occurrence)
    throw new EwsError(
      'ErrorInvalidRequest',
      'CancelCalendarItem cancels a meeting in the calendar.',
    )
  if ((c.organizer?.address.toLowerCase() ?? ctx.mailbox) !== ctx.mailbox)
    throw new EwsError('ErrorCalendarIsNotOrganizer', 'Only the organizer can cancel a meeting.')
  if (req.disposition === 'SaveOnly')
    throw new EwsError(
      'ErrorInvalidRequest',
      'mock-ews does not save a cancellation as a draft yet; it is refused rather than dropped.',
    )
  checkInvitable(c, ctx)
  const withBody = parsed.body ? { ...ref, body: parsed.body } : ref
  sendMeetingMessage(ctx, withBody, 'cancellation', req.disposition === 'SendAndSaveCopy')
  const deleted = ctx.store.getDistinguishedFolder(ctx.mailbox, 'deleteditems').folderId.id
  return ctx.store.moveItem(ctx.mailbox, ref.itemId.id, deleted)
}
