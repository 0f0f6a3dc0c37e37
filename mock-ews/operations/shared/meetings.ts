/**
 * Meetings, as Exchange runs them (decision 0050): invitations are MeetingRequests delivered by the
 * transport to each attendee's Inbox, each attendee also getting a tentative copy in their calendar
 * (Exchange's calendar assistant); an attendee's answer is a MeetingResponse to the organizer and
 * updates the attendee's entry on the organizer's item; a cancellation is a MeetingCancellation and
 * marks the attendees' copies cancelled. Attendees of another organisation get the same through
 * iCalendar (meetings-external.ts).
 */
import type { MailboxStore } from '../../store/mailbox-store.ts'
import { EwsError } from '../../domain/errors.ts'
import { ITEM_CLASS_APPOINTMENT, MEETING_CLASS } from '../../domain/calendar.ts'
import type { Attendee, CalendarFields, ResponseType } from '../../domain/calendar.ts'
import { copyItemFields } from '../../domain/items.ts'
import type { EmailAddress, Item, ItemFields } from '../../domain/items.ts'
import type { OperationContext } from '../operation.ts'
import { isExternal, receiveItip, sendItip } from './meetings-external.ts'

/** mock-ews's own writes into the organizer's and attendees' mailboxes (OperationContext.system). */
const store = (ctx: OperationContext): MailboxStore => ctx.system ?? ctx.store

export function attendeesOf(c: CalendarFields): Attendee[] {
  return [...c.requiredAttendees, ...c.optionalAttendees, ...c.resources]
}

/** Refuses, before anything is stored, what mock-ews cannot send yet: a recurrence across organisations. */
export function checkInvitable(c: CalendarFields, ctx: OperationContext): void {
  const outside = attendeesOf(c).find((a) => isExternal(ctx, a.mailbox.address))
  if (outside && (c.recurrence || c.occurrence))
    throw new EwsError(
      'ErrorInvalidRequest',
      `mock-ews does not send a recurring meeting across organisations yet (${outside.mailbox.address}); it is refused rather than not sent.`,
    )
}

const mailboxes = (list: readonly Attendee[]): EmailAddress[] => list.map((a) => a.mailbox)

function self(ctx: OperationContext): EmailAddress {
  return { name: ctx.user.displayName, address: ctx.user.address }
}

/** The organizer's calendar item of a meeting, found by UID in `mailbox`'s calendar. */
export function findByUid(ctx: OperationContext, mailbox: string, uid: string): Item | undefined {
  const folder = store(ctx).getDistinguishedFolder(mailbox, 'calendar').folderId.id
  return store(ctx)
    .findItems(mailbox, folder, { view: { kind: 'all' } })
    .items.find((i) => i.calendar?.uid === uid && i.itemClass.startsWith('IPM.Appointment'))
}

/**
 * Sends a meeting message about the organizer's item to its attendees: a request (new or
 * updated) or a cancellation. Attendees it reached get their calendar copy created, updated or
 * marked cancelled. Returns the organizer's item as it is afterwards.
 */
export function sendMeetingMessage(
  ctx: OperationContext,
  item: Item,
  kind: 'request' | 'cancellation',
  saveCopy: boolean,
): void {
  const c = item.calendar!
  const organizer = self(ctx)
  const calendar: CalendarFields = { ...c, organizer }
  const fields = copyItemFields(item)
  const message: ItemFields = {
    ...fields,
    itemClass: kind === 'request' ? MEETING_CLASS.request : MEETING_CLASS.cancellation,
    subject: kind === 'request' ? item.subject : `Canceled: ${item.subject}`,
    // A new message of the caller's: who sent or received the original does not come along.
    from: undefined,
    sender: undefined,
    receivedBy: undefined,
    receivedRepresenting: undefined,
    toRecipients: [...mailboxes(c.requiredAttendees), ...mailboxes(c.resources)],
    ccRecipients: mailboxes(c.optionalAttendees),
    bccRecipients: [],
    isDraft: false,
    internetMessageId: ctx.transport.newMessageId(ctx.user.organisation.domain),
    calendar: { ...calendar, myResponseType: 'NoResponseReceived' },
  }
  let saveCopyIn = saveCopy
    ? store(ctx).getDistinguishedFolder(ctx.mailbox, 'sentitems').folderId.id
    : undefined
  const delivered: string[] = []
  const inside = (list: readonly EmailAddress[]) => list.filter((a) => !isExternal(ctx, a.address))
  const local = { to: inside(message.toRecipients), cc: inside(message.ccRecipients) }
  if (local.to.length + local.cc.length > 0) {
    const sent = ctx.transport.send({
      sender: ctx.user,
      message: { ...message, toRecipients: local.to, ccRecipients: local.cc },
      saveCopyIn,
    })
    delivered.push(...sent.delivered)
    saveCopyIn = undefined
  }
  const outside = attendeesOf(c).filter((a) => isExternal(ctx, a.mailbox.address))
  if (outside.length) {
    const method = kind === 'request' ? 'REQUEST' : 'CANCEL'
    const to = outside.map((a) => a.mailbox)
    for (const address of sendItip(ctx, method, message, calendar, to, saveCopyIn))
      if (receiveItip(ctx, address, message.internetMessageId)) delivered.push(address)
  }
  for (const address of delivered) {
    const theirs = findByUid(ctx, address, c.uid)
    if (kind === 'cancellation') {
      if (theirs)
        store(ctx).updateItem(address, theirs.itemId.id, {
          calendar: { ...theirs.calendar!, cancelled: true, freeBusy: 'Free' },
        })
      continue
    }
    const copy: CalendarFields = {
      ...calendar,
      freeBusy: 'Tentative',
      myResponseType: theirs?.calendar?.myResponseType ?? 'NoResponseReceived',
    }
    delete (copy as { requestSent?: boolean }).requestSent
    if (theirs)
      store(ctx).updateItem(address, theirs.itemId.id, { calendar: copy, subject: item.subject })
    else
      store(ctx).createItem(
        address,
        store(ctx).getDistinguishedFolder(address, 'calendar').folderId.id,
        {
          ...fields,
          itemClass: ITEM_CLASS_APPOINTMENT,
          from: organizer,
          isRead: true,
          isDraft: false,
          calendar: copy,
        },
      )
  }
}

/**
 * An organizer's change to a meeting: the updated request to its attendees, and a cancellation to
 * each attendee the change removed (as Exchange sends them).
 */
export function sendMeetingUpdate(
  ctx: OperationContext,
  before: Item,
  after: Item,
  saveCopy: boolean,
): void {
  const kept = new Set(attendeesOf(after.calendar!).map((a) => a.mailbox.address.toLowerCase()))
  const removed = attendeesOf(before.calendar!).filter(
    (a) => !kept.has(a.mailbox.address.toLowerCase()),
  )
  if (removed.length) {
    const calendar = {
      ...before.calendar!,
      requiredAttendees: removed,
      optionalAttendees: [],
      resources: [],
    }
    sendMeetingMessage(ctx, { ...before, calendar }, 'cancellation', saveCopy)
  }
  if (kept.size) sendMeetingMessage(ctx, after, 'request', saveCopy)
}

export const MEETING_RESPONSE_KINDS = [
  'AcceptItem',
  'TentativelyAcceptItem',
  'DeclineItem',
] as const
export type MeetingResponseKind = (typeof MEETING_RESPONSE_KINDS)[number]

const ANSWER: Record<MeetingResponseKind, { type: ResponseType; cls: string; prefix: string }> = {
  AcceptItem: { type: 'Accept', cls: MEETING_CLASS.accept, prefix: 'Accepted' },
  TentativelyAcceptItem: { type: 'Tentative', cls: MEETING_CLASS.tentative, prefix: 'Tentative' },
  DeclineItem: { type: 'Decline', cls: MEETING_CLASS.decline, prefix: 'Declined' },
}

const ORGANIZER_ERROR = {
  AcceptItem: 'ErrorCalendarIsOrganizerForAccept',
  TentativelyAcceptItem: 'ErrorCalendarIsOrganizerForTentative',
  DeclineItem: 'ErrorCalendarIsOrganizerForDecline',
} as const

/**
 * An attendee's answer to a meeting (the request or their calendar item): their calendar item
 * updated (declined: moved to Deleted Items), the request moved to Deleted Items, and — unless
 * only saved — a MeetingResponse to the organizer, whose item records the answer. SaveOnly
 * leaves the response in Drafts, unsent, as Exchange does. Answers the attendee's calendar item
 * (as Exchange's CreateItem answer names it), or the saved response.
 */
export function respondToMeeting(
  ctx: OperationContext,
  kind: MeetingResponseKind,
  ref: Item,
  body: ItemFields['body'] | undefined,
  disposition: 'SaveOnly' | 'SendOnly' | 'SendAndSaveCopy',
): Item | undefined {
  const c = ref.calendar
  if (
    !c ||
    !(
      ref.itemClass.startsWith(MEETING_CLASS.request) || ref.itemClass.startsWith('IPM.Appointment')
    )
  )
    throw new EwsError(
      'ErrorInvalidRequest',
      `${kind} answers a meeting request or a meeting in the calendar.`,
    )
  const organizer = c.organizer?.address.toLowerCase()
  if (!organizer || organizer === ctx.mailbox)
    throw new EwsError(ORGANIZER_ERROR[kind], 'The organizer cannot answer their own meeting.')
  const answer = ANSWER[kind]
  const now = ctx.clock.now()
  const mine = ref.itemClass.startsWith('IPM.Appointment')
    ? ref
    : findByUid(ctx, ctx.mailbox, c.uid)
  const deleted = store(ctx).getDistinguishedFolder(ctx.mailbox, 'deleteditems').folderId.id
  let after: Item | undefined
  if (mine && answer.type === 'Decline')
    after = store(ctx).moveItem(ctx.mailbox, mine.itemId.id, deleted)
  else if (mine)
    after = store(ctx).updateItem(ctx.mailbox, mine.itemId.id, {
      calendar: {
        ...mine.calendar!,
        myResponseType: answer.type,
        freeBusy: answer.type === 'Accept' ? 'Busy' : 'Tentative',
      },
    })
  if (ref !== mine) store(ctx).moveItem(ctx.mailbox, ref.itemId.id, deleted)
  const response: ItemFields = {
    ...copyItemFields(ref),
    itemClass: answer.cls,
    subject: `${answer.prefix}: ${ref.subject}`,
    body: body ?? { type: 'Text', text: '' },
    // A new message of the caller's: who sent or received the original does not come along.
    from: undefined,
    sender: undefined,
    receivedBy: undefined,
    receivedRepresenting: undefined,
    toRecipients: [c.organizer!],
    ccRecipients: [],
    bccRecipients: [],
    isRead: true,
    isDraft: disposition === 'SaveOnly',
    internetMessageId: ctx.transport.newMessageId(ctx.user.organisation.domain),
    dateTimeSent: undefined,
    dateTimeReceived: now,
    calendar: { ...c, myResponseType: answer.type },
  }
  delete response.attachments
  if (disposition === 'SaveOnly')
    return store(ctx).createItem(
      ctx.mailbox,
      store(ctx).getDistinguishedFolder(ctx.mailbox, 'drafts').folderId.id,
      response,
    )
  const saveCopyIn =
    disposition === 'SendAndSaveCopy'
      ? store(ctx).getDistinguishedFolder(ctx.mailbox, 'sentitems').folderId.id
      : undefined
  if (isExternal(ctx, organizer)) {
    // Across the boundary: an iTIP REPLY, read into a MeetingResponse by the organizer's side.
    const replier = { mailbox: self(ctx), answer: answer.type }
    const to = [c.organizer!]
    for (const address of sendItip(ctx, 'REPLY', response, c, to, saveCopyIn, replier)) {
      const got = receiveItip(ctx, address, response.internetMessageId)
      if (got?.reply) recordAnswer(ctx, address, c.uid, got.reply.answer, now, got.reply.address)
    }
    return after
  }
  ctx.transport.send({ sender: ctx.user, message: response, saveCopyIn })
  recordAnswer(ctx, organizer, c.uid, answer.type, now, ctx.mailbox)
  return after
}

/** The organizer's item notes the attendee's answer (their ResponseType and LastResponseTime). */
function recordAnswer(
  ctx: OperationContext,
  organizer: string,
  uid: string,
  type: ResponseType,
  at: Date,
  attendee: string,
): void {
  if (!store(ctx).getMailbox(organizer)) return
  const item = findByUid(ctx, organizer, uid)
  if (!item) return
  const c = item.calendar!
  const me = attendee.toLowerCase()
  const mark = (list: readonly Attendee[]): Attendee[] =>
    list.map((a) =>
      a.mailbox.address.toLowerCase() === me
        ? { ...a, responseType: type, lastResponseTime: `${at.toISOString().slice(0, 19)}Z` }
        : a,
    )
  store(ctx).updateItem(organizer, item.itemId.id, {
    calendar: {
      ...c,
      requiredAttendees: mark(c.requiredAttendees),
      optionalAttendees: mark(c.optionalAttendees),
      resources: mark(c.resources),
    },
  })
}
