// https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/getattachment-operation
import type { Element } from '../../soap/xml-tree.ts'
import type { XmlElement } from '../../soap/xml-writer.ts'
import type { FileAttachment } from '../../domain/attachments.ts'
import { EwsError } from '../../domain/errors.ts'
import type { Item } from '../../domain/items.ts'
import { attr, child, childElements, requiredChild, schemaError, text } from '../../soap/dom.ts'
import { NS } from '../../soap/namespaces.ts'
import { attempt } from '../operation.ts'
import type { Operation, OperationContext, Outcome } from '../operation.ts'
import { decodeAttachmentId, renderAttachment } from '../shared/attachment-xml.ts'
import type { BodyTypeRequest } from '../shared/item-shape.ts'
import { buildMime } from '../../mime/build.ts'
import { readBoolean } from '../shared/message-xml.ts'

interface GetAttachmentRequest {
  ids: string[]
  bodyType: BodyTypeRequest
  /** IncludeMimeContent: an item attachment's message carries its MIME form. */
  includeMime: boolean
}

interface Found {
  item: Item
  attachment: FileAttachment
  mime?: Buffer
}

export const getAttachment: Operation<GetAttachmentRequest, Found> = {
  name: 'GetAttachment',
  parse(el: Element): GetAttachmentRequest {
    const shape = child(el, 'm', 'AttachmentShape')
    // AttachmentShape shapes item attachments (BodyType and IncludeMimeContent are applied;
    // FilterHtmlContent and AdditionalProperties are accepted); a file's content is always the same.
    const bodyType = shape && text(child(shape, 't', 'BodyType'))?.trim()
    if (bodyType !== undefined && !['Best', 'HTML', 'Text'].includes(bodyType)) {
      throw schemaError(
        `The value '${bodyType}' is invalid according to its datatype 'BodyTypeResponseType'.`,
      )
    }
    return {
      ids: readAttachmentIds(requiredChild(el, 'm', 'AttachmentIds')),
      bodyType: (bodyType ?? 'Best') as BodyTypeRequest,
      includeMime: readIncludeMime(shape),
    }
  },
  count: (req) => req.ids.length,
  handle(req: GetAttachmentRequest, ctx: OperationContext): Outcome<Found>[] {
    return req.ids.map((id) => attempt(() => findAttachment(ctx, id)))
  },
  async complete(found: Found, req: GetAttachmentRequest): Promise<Found> {
    const attached = found.attachment.item
    if (!req.includeMime || !attached) return found
    return {
      ...found,
      mime: await buildMime({ ...attached, dateTimeCreated: found.item.dateTimeCreated }),
    }
  },
  renderPayload(message: XmlElement, found: Found, req: GetAttachmentRequest): void {
    const parent = message.ele(NS.m, 'm:Attachments')
    renderAttachment(parent, found.item, found.attachment, true, req.bodyType, found.mime)
  },
  emptyPayload: 'Attachments',
}

function readIncludeMime(shape: Element | undefined): boolean {
  const v = shape && text(child(shape, 't', 'IncludeMimeContent'))
  return v !== undefined && readBoolean('IncludeMimeContent', v)
}

/** The `Id`s of `t:AttachmentId` elements of a container (GetAttachment, DeleteAttachment). */
export function readAttachmentIds(container: Element): string[] {
  const ids = childElements(container, NS.t, 'AttachmentId').map((el) => {
    const id = attr(el, 'Id')
    if (id === undefined)
      throw schemaError("The required attribute 'Id' of 'AttachmentId' is missing.")
    return id
  })
  if (ids.length === 0)
    throw schemaError(`The element '${container.localName}' has incomplete content.`)
  return ids
}

/** The item and attachment an AttachmentId names, in the caller's mailbox. */
export function findAttachment(ctx: OperationContext, id: string): Found {
  const { itemId, key } = decodeAttachmentId(id)
  const item = ctx.store.getItem(ctx.mailbox, itemId)
  const attachment = item.attachments?.find((a) => a.key === key)
  if (!attachment) throw new EwsError('ErrorInvalidAttachmentId')
  return { item, attachment }
}
