// https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/createitem-operation-email-message
import type { Element } from '../../soap/xml-tree.ts'
import type { XmlElement } from '../../soap/xml-writer.ts'
import { checkAttachmentSize } from '../../domain/attachments.ts'
import { EwsError } from '../../domain/errors.ts'
import { ITEM_CLASS } from '../../domain/items.ts'
import type { Item, ItemFields } from '../../domain/items.ts'
import { child, childElements, requiredChild, schemaError } from '../../soap/dom.ts'
import { NS } from '../../soap/namespaces.ts'
import { attempt } from '../operation.ts'
import type { Operation, OperationContext, Outcome } from '../operation.ts'
import { folderIdOr, readSingleFolderRef } from '../shared/folder-ids.ts'
import type { FolderRef } from '../shared/folder-ids.ts'
import { renderItemId } from '../shared/item-ids.ts'
import {
  numberAttachments,
  readAttachments,
  renderAttachmentIds,
} from '../shared/attachment-xml.ts'
import type { NewAttachment } from '../shared/attachment-xml.ts'
import { readDisposition, readMessage } from '../shared/message-xml.ts'
import type { Disposition } from '../shared/message-xml.ts'
import { isResponseKind, readResponseObject, responseFields } from './response-objects.ts'
import {
  answerMeeting,
  createCalendarItem,
  isMeetingAnswer,
  readInvitationsMode,
  readMeetingAnswer,
} from './calendar-item.ts'
import type { InvitationsMode, MeetingAnswer, NewCalendarItem } from './calendar-item.ts'
import { itemElementName } from '../shared/item-xml.ts'
import { readCalendarItem } from '../shared/calendar-xml.ts'
import type { ResponseObject } from './response-objects.ts'
import { applyMime, notForKind, readMimeContent } from './mime-content.ts'
import type { WithMime } from './mime-content.ts'
import { kindDefaults, KIND_ELEMENTS, readNewKind } from './kinds.ts'

export type NewMessage = Partial<Omit<ItemFields, 'attachments'>> & {
  attachments?: NewAttachment[]
}

export interface CreateItemRequest {
  disposition: Disposition | undefined
  savedFolder: FolderRef | undefined
  /** One entry per item element: the message's fields, or why it cannot be created. */
  items: (
    NewMessage | WithMime<NewMessage> | ResponseObject | NewCalendarItem | MeetingAnswer | EwsError
  )[]
  /** `SendMeetingInvitations`, required for calendar items. */
  invitations: InvitationsMode | undefined
}

export const createItem: Operation<CreateItemRequest, Item | undefined> = {
  name: 'CreateItem',
  parse(el: Element): CreateItemRequest {
    const saved = child(el, 'm', 'SavedItemFolderId')
    const items = childElements(requiredChild(el, 'm', 'Items'), NS.t).map((item) =>
      item.localName === 'Message' || KIND_ELEMENTS.has(item.localName ?? '')
        ? readNewMessage(item)
        : item.localName === 'CalendarItem'
          ? readNewCalendarItem(item)
          : isMeetingAnswer(item.localName ?? '')
            ? perItem(() => readMeetingAnswer(item))
            : isResponseKind(item.localName ?? '')
              ? perItem(() => readResponseObject(item))
              : new EwsError(
                  'ErrorInvalidRequest',
                  `mock-ews stores messages, calendar items, contacts, distribution lists and tasks, not '${item.localName}'.`,
                ),
    )
    if (items.length === 0) throw schemaError("The element 'Items' has incomplete content.")
    return {
      disposition: readDisposition(el),
      savedFolder: saved && readSingleFolderRef(saved),
      items,
      invitations: readInvitationsMode(el),
    }
  },
  count: (req) => req.items.length,
  // A t:MimeContent is parsed here, before handle (docs/decisions/0038).
  async prepare(req: CreateItemRequest): Promise<void> {
    for (let i = 0; i < req.items.length; i++) req.items[i] = await applyMime(req.items[i]!)
  },
  handle(req: CreateItemRequest, ctx: OperationContext): Outcome<Item | undefined>[] {
    return req.items.map((parsed) =>
      attempt(() => {
        if (parsed instanceof EwsError) throw parsed
        if ('mimeContent' in parsed) throw new Error('MimeContent left unparsed')
        if ('calendarValues' in parsed) return createCalendarItem(parsed, req, ctx)
        if ('meetingAnswer' in parsed) return answerMeeting(parsed, req, ctx)
        const fields =
          'kind' in parsed
            ? responseFields(
                parsed,
                ctx.store.getItem(ctx.mailbox, parsed.reference.id),
                ctx.user.address.toLowerCase(),
              )
            : parsed
        if (fields.contact || fields.task) {
          const kind = kindDefaults(
            fields,
            req.disposition,
            ctx.user.displayName,
            ctx.clock.now(),
            (id) => ctx.store.getItem(ctx.mailbox, id),
          )
          const item = { ...newMessage(fields, ctx), itemClass: kind.itemClass, isDraft: false }
          if (fields.itemClass) item.itemClass = fields.itemClass
          if (kind.task) item.task = kind.task
          if (kind.contact) item.contact = kind.contact
          return ctx.store.createItem(
            ctx.mailbox,
            folderIdOr(req.savedFolder, kind.folder, ctx),
            item,
          )
        }
        if (!req.disposition)
          throw new EwsError(
            'ErrorMessageDispositionRequired',
            'MessageDisposition is required for messages.',
          )
        for (const a of fields.attachments ?? [])
          checkAttachmentSize(a, ctx.user.limits.maxSendSize)
        const message = newMessage(fields, ctx)
        if (req.disposition === 'SaveOnly') {
          return ctx.store.createItem(
            ctx.mailbox,
            folderIdOr(req.savedFolder, 'drafts', ctx),
            message,
          )
        }
        if (req.disposition === 'SendOnly' && req.savedFolder) {
          throw new EwsError(
            'ErrorInvalidSendItemSaveSettings',
            'SavedItemFolderId cannot be given with SendOnly.',
          )
        }
        const saveCopyIn =
          req.disposition === 'SendAndSaveCopy'
            ? folderIdOr(req.savedFolder, 'sentitems', ctx)
            : undefined
        ctx.transport.send({ sender: ctx.user, message, saveCopyIn })
        return undefined
      }),
    )
  },
  renderPayload(message: XmlElement, item: Item | undefined): void {
    // Sent messages come back as an empty m:Items, as Exchange answers them.
    if (!item) message.ele(NS.m, 'm:Items')
    else {
      const el = message.ele(NS.m, 'm:Items').ele(NS.t, `t:${itemElementName(item)}`)
      renderItemId(el, 'ItemId', item)
      renderAttachmentIds(el, item)
    }
  },
  emptyPayload: 'Items',
}

/**
 * A message element's fields and attachments, or why it cannot be created: a bad value is that
 * item's error (Exchange answers it per item), not a fault.
 */
function readNewCalendarItem(el: Element): NewCalendarItem | EwsError {
  return perItem(() => {
    // A calendar item's MIME (iCalendar) is not read yet: refused by name rather than dropped.
    if (child(el, 't', 'MimeContent')) throw notForKind('CalendarItem')
    const fields: NewCalendarItem = readCalendarItem(el)
    const attachments = readAttachments(el)
    if (attachments?.length) fields.attachments = attachments
    return fields
  })
}

function readNewMessage(el: Element): NewMessage | WithMime<NewMessage> | EwsError {
  return perItem(() => {
    const fields: NewMessage = readMessage(el)
    if (el.localName !== 'Message') Object.assign(fields, readNewKind(el))
    const attachments = readAttachments(el)
    if (attachments?.length) fields.attachments = attachments
    return readMimeContent(el, fields)
  })
}

/** What `read` gives, or the item's own error (any but a schema violation, which is a fault). */
export function perItem<T>(read: () => T | EwsError): T | EwsError {
  try {
    return read()
  } catch (e) {
    if (e instanceof EwsError && e.code !== 'ErrorSchemaValidation') return e
    throw e
  }
}

/** A new message: the client's fields over the defaults Exchange applies to a draft. */
export function newMessage(fields: NewMessage, ctx: OperationContext): ItemFields {
  const now = ctx.clock.now()
  const { attachments, ...rest } = fields
  return {
    itemClass: ITEM_CLASS.note,
    subject: '',
    body: { type: 'Text', text: '' },
    importance: 'Normal',
    categories: [],
    toRecipients: [],
    ccRecipients: [],
    bccRecipients: [],
    from: undefined,
    ...rest,
    ...(attachments ? { attachments: numberAttachments(attachments, now.getTime()) } : {}),
    isRead: fields.isRead ?? true,
    // A draft unless PR_MESSAGE_FLAGS without MSGFLAG_UNSENT said otherwise (extended-xml.ts).
    isDraft: fields.isDraft ?? true,
    internetMessageId:
      fields.internetMessageId ?? ctx.transport.newMessageId(ctx.user.organisation.domain),
    // Only a MIME message's Date sets it on a new item (readMessage never does).
    dateTimeSent: fields.dateTimeSent,
    dateTimeReceived: now,
  }
}
