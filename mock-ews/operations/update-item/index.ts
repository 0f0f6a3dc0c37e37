// https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/updateitem-operation
import type { Element } from '../../soap/xml-tree.ts'
import type { XmlElement } from '../../soap/xml-writer.ts'
import { EwsError } from '../../domain/errors.ts'
import type { Item } from '../../domain/items.ts'
import { attr, child, childElements, enumAttr, requiredChild, schemaError } from '../../soap/dom.ts'
import { NS } from '../../soap/namespaces.ts'
import type { ItemChange } from '../../store/mailbox-store.ts'
import { attempt } from '../operation.ts'
import type { Operation, OperationContext, Outcome } from '../operation.ts'
import { folderIdOr, readSingleFolderRef } from '../shared/folder-ids.ts'
import type { FolderRef } from '../shared/folder-ids.ts'
import { readItemRef, renderItemIdPayload } from '../shared/item-ids.ts'
import type { ItemRef } from '../shared/item-ids.ts'
import type { ExtendedFieldUri, ExtendedProperty } from '../../domain/extended-properties.ts'
import {
  applyExtended,
  readExtendedFieldUri,
  readExtendedProperty,
  removeExtended,
} from '../shared/extended-xml.ts'
import { readDisposition, readMessage, WRITABLE } from '../shared/message-xml.ts'
import { readCalendarItem } from '../shared/calendar-xml.ts'
import { getItemOrOccurrence, updateOccurrence } from '../shared/calendar-refs.ts'
import { checkTimes } from '../shared/calendar-item.ts'
import { sendMeetingUpdate } from '../shared/meetings.ts'
import { calendarElement } from '../../domain/calendar.ts'
import type { CalendarValues } from '../shared/calendar-xml.ts'
import {
  applyCalendarUpdate,
  checkUpdateInvitations,
  readUpdateInvitations,
} from './calendar-update.ts'
import type { UpdateInvitationsMode } from './calendar-update.ts'
import type { Disposition, WritableField } from '../shared/message-xml.ts'
import type { ParsedMime } from '../../mime/parse.ts'
import { MIME_FIELD, mimeChange, parseMimeUpdate, readMimeUpdate } from './mime-content.ts'
import { notForKind } from '../create-item/mime-content.ts'
import { applyKindUpdate, isKindField, readKindPart } from './kind-updates.ts'
import type { KindPart } from './kind-updates.ts'

const CONFLICT = ['NeverOverwrite', 'AutoResolve', 'AlwaysOverwrite'] as const
/** Properties a sent or received message keeps as they are (Exchange: ErrorInvalidPropertyUpdateSentMessage). */
const FIXED_ONCE_SENT: readonly WritableField[] = [
  'toRecipients',
  'ccRecipients',
  'bccRecipients',
  'from',
  'sender',
]

interface Update {
  verb: 'SetItemField' | 'AppendToItemField' | 'DeleteItemField'
  field: string
  values: ItemChange
  /** The path when it is an ExtendedFieldURI, and the properties the change's item carries. */
  extended?: { uri: ExtendedFieldUri; props: ExtendedProperty[] }
  /** A bad value or path: that item's error, as Exchange answers it (not a fault). */
  error?: EwsError
  /** SetItemField item:MimeContent: its base64 text, then (prepare) the parsed message. */
  mimeContent?: string
  mime?: ParsedMime
  /** An IndexedFieldURI's FieldIndex, and a contact's, list's or task's own part of the item carried. */
  index?: string
  part?: KindPart
  /** What a `t:CalendarItem` of the change carries of the calendar's own fields. */
  calendar?: CalendarValues
}

interface UpdateItemRequest {
  conflict: (typeof CONFLICT)[number]
  /** Required for messages (ErrorMessageDispositionRequired when absent). */
  disposition: Disposition | undefined
  savedFolder: FolderRef | undefined
  changes: { item: ItemRef; updates: Update[] }[]
  /** `SendMeetingInvitationsOrCancellations`, required for calendar items. */
  invitations: UpdateInvitationsMode | undefined
}

export const updateItem: Operation<UpdateItemRequest, Item | undefined> = {
  name: 'UpdateItem',
  parse(el: Element): UpdateItemRequest {
    const saved = child(el, 'm', 'SavedItemFolderId')
    const changes = childElements(requiredChild(el, 'm', 'ItemChanges'), NS.t, 'ItemChange').map(
      (c) => {
        const id =
          child(c, 't', 'ItemId') ??
          child(c, 't', 'OccurrenceItemId') ??
          child(c, 't', 'RecurringMasterItemId')
        if (!id) throw schemaError("The element 'ItemChange' needs a 't:ItemId'.")
        return {
          item: readItemRef(id),
          updates: childElements(requiredChild(c, 't', 'Updates'), NS.t).map(readUpdate),
        }
      },
    )
    if (changes.length === 0) throw schemaError("The element 'ItemChanges' has incomplete content.")
    return {
      conflict: enumAttr(el, 'ConflictResolution', CONFLICT),
      disposition: readDisposition(el),
      savedFolder: saved && readSingleFolderRef(saved),
      changes,
      invitations: readUpdateInvitations(el),
    }
  },
  count: (req) => req.changes.length,
  // A t:MimeContent is parsed here, before handle (docs/decisions/0038).
  async prepare(req: UpdateItemRequest): Promise<void> {
    for (const u of req.changes.flatMap((c) => c.updates)) {
      if (u.mimeContent === undefined || u.error) continue
      const parsed = await parseMimeUpdate(u.mimeContent)
      if (parsed instanceof EwsError) u.error = parsed
      else u.mime = parsed
    }
  },
  handle(req: UpdateItemRequest, ctx: OperationContext): Outcome<Item | undefined>[] {
    return req.changes.map(({ item: ref, updates }) =>
      attempt(() => {
        const current = getItemOrOccurrence(ctx, ref)
        if (req.conflict !== 'AlwaysOverwrite') {
          if (ref.changeKey === undefined)
            throw new EwsError('ErrorChangeKeyRequiredForWriteOperations')
          if (ref.changeKey !== current.itemId.changeKey)
            throw new EwsError('ErrorIrresolvableConflict')
        }
        const now = ctx.clock.now()
        const lookup = (id: string) => ctx.store.getItem(ctx.mailbox, id)
        const change = updates.reduce<ItemChange>(
          (acc, u) => ({ ...acc, ...apply(u, { ...current, ...acc }, ctx, now, lookup) }),
          {},
        )
        if (current.contact || current.task) {
          // A contact, list or task is saved, never sent.
          if (req.disposition && req.disposition !== 'SaveOnly')
            throw new EwsError(
              'ErrorInvalidItemForOperationSendItem',
              `Only a message can be sent (MessageDisposition ${req.disposition}).`,
            )
          return ctx.store.updateItem(ctx.mailbox, ref.id, change)
        }
        // A calendar item (not a meeting message, which updates as the message it is).
        if (current.calendar && calendarElement(current.itemClass) === 'CalendarItem') {
          if (change.calendar) change.calendar = checkTimes(change.calendar)
          const send = checkUpdateInvitations(
            req.invitations,
            current.calendar,
            change.calendar ?? current.calendar,
            ctx,
          )
          if (current.calendar.occurrence) return updateOccurrence(ctx, current, change)
          const updated = ctx.store.updateItem(ctx.mailbox, current.itemId.id, change)
          if (!send) return updated
          sendMeetingUpdate(ctx, current, updated, req.invitations!.endsWith('SaveCopy'))
          return ctx.store.updateItem(ctx.mailbox, updated.itemId.id, {
            calendar: { ...updated.calendar!, requestSent: true },
          })
        }
        if (!current.isDraft && FIXED_ONCE_SENT.some((k) => k in change)) {
          throw new EwsError(
            'ErrorInvalidPropertyUpdateSentMessage',
            'Recipients and sender of a sent message cannot change.',
          )
        }
        if (!req.disposition)
          throw new EwsError(
            'ErrorMessageDispositionRequired',
            'MessageDisposition is required for messages.',
          )
        if (req.disposition === 'SaveOnly') return ctx.store.updateItem(ctx.mailbox, ref.id, change)
        // Sending: the updated draft goes out in the same atomic hand-over that takes it out of
        // Drafts, so a refused send leaves the draft exactly as it was.
        if (!current.isDraft)
          throw new EwsError('ErrorInvalidItemForOperationSendItem', 'Only a draft can be sent.')
        const saveCopyIn =
          req.disposition === 'SendAndSaveCopy'
            ? folderIdOr(req.savedFolder, 'sentitems', ctx)
            : undefined
        ctx.transport.send({
          sender: ctx.user,
          message: { ...current, ...change },
          saveCopyIn,
          draftId: current.itemId.id,
        })
        return undefined
      }),
    )
  },
  renderPayload(message: XmlElement, item: Item | undefined): void {
    if (item) renderItemIdPayload(message, item)
    else message.ele(NS.m, 'm:Items')
    message.ele(NS.m, 'm:ConflictResults').ele(NS.t, 't:Count').txt('0')
  },
  emptyPayload: 'Items',
}

function readUpdate(el: Element): Update {
  const verb = el.localName
  if (verb !== 'SetItemField' && verb !== 'AppendToItemField' && verb !== 'DeleteItemField') {
    throw schemaError(`The element '${verb}' is not an item change description.`)
  }
  const [path, second] = childElements(el, NS.t)
  const field =
    path?.localName === 'FieldURI' || path?.localName === 'IndexedFieldURI'
      ? (attr(path, 'FieldURI') ?? '')
      : (path?.localName ?? '')
  // Meeting messages are written by mock-ews only (delivered); a change carrying one is refused.
  if (second?.localName?.startsWith('Meeting'))
    return {
      verb,
      field,
      values: {},
      error: new EwsError(
        'ErrorInvalidPropertySet',
        `mock-ews does not change a ${second.localName} with UpdateItem yet; it is refused rather than dropped.`,
      ),
    }
  const calendarItem = second?.localName === 'CalendarItem' ? second : undefined
  const message = calendarItem ? undefined : second
  try {
    const update: Update = { verb, field, values: message ? readMessage(message) : {} }
    if (calendarItem) {
      const { calendarValues, ...values } = readCalendarItem(calendarItem)
      Object.assign(update, { values, calendar: calendarValues })
    }
    if (verb === 'SetItemField' && field === MIME_FIELD) {
      if (message && message.localName !== 'Message') throw notForKind(message.localName ?? '')
      if (calendarItem) throw notForKind('CalendarItem')
      update.mimeContent = readMimeUpdate(message)
    }
    if (path?.localName === 'IndexedFieldURI') update.index = attr(path, 'FieldIndex')
    const part = message && readKindPart(message)
    if (part) update.part = part
    if (path?.localName === 'ExtendedFieldURI') {
      update.extended = {
        uri: readExtendedFieldUri(path),
        props:
          (message ?? calendarItem)
            ? childElements((message ?? calendarItem)!, NS.t, 'ExtendedProperty').map(
                readExtendedProperty,
              )
            : [],
      }
    }
    return update
  } catch (e) {
    if (e instanceof EwsError && e.code !== 'ErrorSchemaValidation')
      return { verb, field, values: {}, error: e }
    throw e
  }
}

/** SetItemField / DeleteItemField of an ExtendedFieldURI (an aliased tag changes its field). */
function applyExtendedUpdate(u: Update, item: Item): ItemChange {
  const { uri, props } = u.extended!
  if (u.verb === 'DeleteItemField') {
    const change = removeExtended(item, uri)
    if (!change) throw new EwsError('ErrorInvalidPropertyDelete', `${uri.key} cannot be deleted.`)
    return change
  }
  if (u.verb === 'AppendToItemField')
    throw new EwsError('ErrorInvalidPropertyAppend', 'Extended properties cannot be appended to.')
  if (props.length !== 1 || props[0]!.uri.key !== uri.key)
    throw new EwsError(
      'ErrorIncorrectUpdatePropertyCount',
      'The change must carry exactly the extended property its ExtendedFieldURI names.',
    )
  return applyExtended(item.extendedProperties, props)
}

/** The change one update description makes, given the item as the earlier descriptions left it. */
function apply(
  u: Update,
  item: Item,
  ctx: OperationContext,
  now: Date,
  lookup: (id: string) => Item,
): ItemChange {
  if (u.error) throw u.error
  if (u.mime) return mimeChange(u.mime, item, now.getTime())
  if (u.extended) return applyExtendedUpdate(u, item)
  if (isKindField(u.field))
    return applyKindUpdate(
      { verb: u.verb, field: u.field, index: u.index, part: u.part },
      item,
      now,
      lookup,
    )
  if (u.field.startsWith('calendar:'))
    return applyCalendarUpdate(u.verb, u.field, u.calendar, item, ctx)
  const key = (WRITABLE as Record<string, WritableField | undefined>)[u.field]
  const unsupported = (
    code: 'ErrorInvalidPropertySet' | 'ErrorInvalidPropertyAppend' | 'ErrorInvalidPropertyDelete',
  ): EwsError =>
    new EwsError(
      code,
      `mock-ews cannot ${u.verb.replace('ItemField', '').toLowerCase()} ${u.field || 'this property'} with UpdateItem.`,
    )
  if (!key || key === 'internetMessageId') throw unsupported('ErrorInvalidPropertySet')
  // A contact, list or task has no message: properties (they would be kept and never shown).
  if ((item.contact || item.task) && u.field.startsWith('message:'))
    throw unsupported('ErrorInvalidPropertySet')
  if (u.verb === 'DeleteItemField') {
    const cleared: Partial<Record<WritableField, unknown>> = {
      subject: '',
      body: { type: item.body.type, text: '' },
      categories: [],
      toRecipients: [],
      ccRecipients: [],
      bccRecipients: [],
      from: undefined,
      sensitivity: undefined,
      inReplyTo: undefined,
      references: undefined,
      replyTo: undefined,
      isReadReceiptRequested: undefined,
      isDeliveryReceiptRequested: undefined,
      flag: undefined,
      reminderIsSet: undefined,
      reminderDueBy: undefined,
      reminderMinutesBeforeStart: undefined,
      culture: undefined,
      isResponseRequested: undefined,
      inferenceClassification: undefined,
      policyTag: undefined,
      archiveTag: undefined,
    }
    if (!(key in cleared)) throw unsupported('ErrorInvalidPropertyDelete')
    return { [key]: cleared[key] }
  }
  const value = u.values[key as keyof ItemChange]
  if (value === undefined) {
    throw new EwsError(
      'ErrorIncorrectUpdatePropertyCount',
      `The change for ${u.field} must carry exactly that property.`,
    )
  }
  if (u.verb === 'SetItemField') return { [key]: value }
  if (key === 'body')
    return { body: { type: item.body.type, text: item.body.text + (value as Item['body']).text } }
  if (
    key === 'categories' ||
    key === 'toRecipients' ||
    key === 'ccRecipients' ||
    key === 'bccRecipients'
  ) {
    return { [key]: [...(item[key] as readonly unknown[]), ...(value as readonly unknown[])] }
  }
  throw unsupported('ErrorInvalidPropertyAppend')
}
