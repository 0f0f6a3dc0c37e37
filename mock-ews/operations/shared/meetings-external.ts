/**
 * Meeting messages to and from another organisation: sent as mail carrying an iTIP object
 * (icalendar.ts) through the transport, and turned back into a meeting message by the receiving
 * mailbox's side on delivery, as Exchange's calendar processing does (decision 0050).
 */
import type { MailboxStore } from '../../store/mailbox-store.ts'
import type { FileAttachment } from '../../domain/attachments.ts'
import { MEETING_CLASS } from '../../domain/calendar.ts'
import type { CalendarFields, ResponseType } from '../../domain/calendar.ts'
import type { EmailAddress, ItemFields } from '../../domain/items.ts'
import type { OperationContext } from '../operation.ts'
import { buildItip, ICS_NAME, parseItip } from './icalendar.ts'
import type { ItipMethod } from './icalendar.ts'

/** mock-ews's own writes into the organizer's and attendees' mailboxes (OperationContext.system). */
const store = (ctx: OperationContext): MailboxStore => ctx.system ?? ctx.store

const ANSWER_CLASS: Partial<Record<ResponseType, string>> = {
  Accept: MEETING_CLASS.accept,
  Tentative: MEETING_CLASS.tentative,
  Decline: MEETING_CLASS.decline,
}

/** Whether an address is outside the caller's organisation. */
export function isExternal(ctx: OperationContext, address: string): boolean {
  return address.split('@')[1]?.toLowerCase() !== ctx.user.organisation.domain.toLowerCase()
}

/**
 * Sends `message` (no calendar sub-record: it does not cross the boundary) to `to` with the iTIP
 * object attached; each mailbox it reaches turns it into its meeting message (`onDelivered`).
 */
export function sendItip(
  ctx: OperationContext,
  method: ItipMethod,
  message: ItemFields,
  calendar: CalendarFields,
  to: EmailAddress[],
  saveCopyIn: string | undefined,
  replier?: { mailbox: EmailAddress; answer: ResponseType },
): string[] {
  const now = ctx.clock.now().getTime()
  const own = message.attachments ?? []
  const ics: FileAttachment = {
    key: own.reduce((n, a) => Math.max(n, a.key), 0) + 1,
    name: ICS_NAME,
    contentType: `text/calendar; charset=utf-8; method=${method}`,
    contentId: undefined,
    isInline: false,
    lastModifiedTime: now,
    content: Buffer.from(buildItip(method, message.subject, calendar, replier)),
  }
  const rest: ItemFields = { ...message }
  delete rest.calendar
  const { delivered } = ctx.transport.send({
    sender: ctx.user,
    message: {
      ...rest,
      toRecipients: to,
      ccRecipients: [],
      bccRecipients: [],
      attachments: [...own, ics],
    },
    saveCopyIn,
  })
  return delivered
}

export interface ReceivedItip {
  itemId: string
  method: ItipMethod
  calendar: CalendarFields
  reply?: { address: string; answer: ResponseType }
}

/**
 * The receiving side: the delivered mail (found by its Internet message id in `mailbox`'s Inbox)
 * becomes a MeetingRequest / MeetingResponse / MeetingCancellation, the iTIP part read into it.
 */
export function receiveItip(
  ctx: OperationContext,
  mailbox: string,
  internetMessageId: string,
): ReceivedItip | undefined {
  const inbox = store(ctx).getDistinguishedFolder(mailbox, 'inbox').folderId.id
  const item = store(ctx)
    .findItems(mailbox, inbox, { view: { kind: 'all' } })
    .items.find((i) => i.internetMessageId === internetMessageId)
  const part = item?.attachments?.find((a) => a.name === ICS_NAME)
  const parsed = part && parseItip(part.content.toString('utf8'))
  if (!item || !parsed) return undefined
  const itemClass =
    parsed.method === 'REQUEST'
      ? MEETING_CLASS.request
      : parsed.method === 'CANCEL'
        ? MEETING_CLASS.cancellation
        : (ANSWER_CLASS[parsed.reply?.answer ?? 'Accept'] ?? MEETING_CLASS.accept)
  const calendar: CalendarFields = {
    ...parsed.calendar,
    myResponseType: parsed.reply?.answer ?? 'NoResponseReceived',
  }
  const attachments = item.attachments!.filter((a) => a !== part)
  store(ctx).updateItem(mailbox, item.itemId.id, { itemClass, calendar, attachments })
  return {
    itemId: item.itemId.id,
    method: parsed.method,
    calendar,
    ...(parsed.reply ? { reply: parsed.reply } : {}),
  }
}
