/**
 * Reply, reply all and forward (`t:ReplyToItem`, `t:ReplyAllToItem`, `t:ForwardItem` in CreateItem):
 * a new message made from the item ReferenceItemId names, as Exchange makes it — recipients filled
 * in, subject `RE:` / `FW:`, the client's NewBodyContent above the quoted original, InReplyTo and
 * References naming the original (so it joins its conversation), the original's attachments on a
 * forward. What the client sets in the element itself (Subject, recipients, …) wins.
 * https://learn.microsoft.com/en-us/exchange/client-developer/exchange-web-services/how-to-respond-to-email-messages-by-using-ews-in-exchange
 */
import type { Element } from '../../soap/xml-tree.ts'
import type { Body, EmailAddress, Item, ItemFields } from '../../domain/items.ts'
import { conversationTopic } from '../../domain/conversation.ts'
import { EwsError } from '../../domain/errors.ts'
import { attr, child } from '../../soap/dom.ts'
import type { ItemRef } from '../shared/item-ids.ts'
import { convertBody, ewsDate } from '../shared/item-xml.ts'
import { RESPONSE_OBJECT_ELEMENTS } from '../shared/item-elements.ts'
import { readBody, readMessage } from '../shared/message-xml.ts'
import type { MessageValues } from '../shared/message-xml.ts'
import { readAttachments } from '../shared/attachment-xml.ts'
import type { NewAttachment } from '../shared/attachment-xml.ts'

export const RESPONSE_KINDS = ['ReplyToItem', 'ReplyAllToItem', 'ForwardItem'] as const
export type ResponseKind = (typeof RESPONSE_KINDS)[number]

export interface ResponseObject {
  kind: ResponseKind
  reference: ItemRef
  /** What the element sets itself (Subject, recipients, Body…). */
  values: MessageValues
  newBody: Body | undefined
  attachments: NewAttachment[] | undefined
}

export function isResponseKind(name: string): name is ResponseKind {
  return (RESPONSE_KINDS as readonly string[]).includes(name)
}

/** Reads a smart response; without ReferenceItemId it is refused as Exchange refuses it. */
export function readResponseObject(el: Element): ResponseObject | EwsError {
  const ref = child(el, 't', 'ReferenceItemId')
  const id = ref && attr(ref, 'Id')
  if (!ref || !id)
    return new EwsError(
      'ErrorMissingInformationReferenceItemId',
      `${el.localName} needs a ReferenceItemId naming the item it answers.`,
    )
  const newBody = child(el, 't', 'NewBodyContent')
  return {
    kind: el.localName as ResponseKind,
    reference: { id, changeKey: attr(ref, 'ChangeKey') },
    values: readMessage(el, RESPONSE_OBJECT_ELEMENTS),
    newBody: newBody && readBody(newBody),
    attachments: readAttachments(el),
  }
}

type NewFields = Partial<Omit<ItemFields, 'attachments'>> & { attachments?: NewAttachment[] }

/** The new message's fields: Exchange's filling-in, then what the client set. */
export function responseFields(r: ResponseObject, original: Item, self: string): NewFields {
  const notSelf = (list: readonly EmailAddress[]): EmailAddress[] =>
    list.filter((a) => a.address.toLowerCase() !== self)
  const sender = original.replyTo?.length
    ? [...original.replyTo]
    : original.from
      ? [original.from]
      : []
  const prefix = r.kind === 'ForwardItem' ? 'FW: ' : 'RE: '
  const fields: NewFields = {
    subject: `${prefix}${conversationTopic(original.subject)}`,
    toRecipients:
      r.kind === 'ForwardItem'
        ? []
        : r.kind === 'ReplyToItem'
          ? sender
          : [
              ...sender,
              ...notSelf(original.toRecipients).filter((a) => !sender.some((s) => same(s, a))),
            ],
    ccRecipients: r.kind === 'ReplyAllToItem' ? notSelf(original.ccRecipients) : [],
    body: quoted(r.newBody, original),
    inReplyTo: original.internetMessageId,
    references: [original.references, original.internetMessageId].filter(Boolean).join(' '),
  }
  const forwarded = r.kind === 'ForwardItem' ? (original.attachments ?? []) : []
  const attachments = [...forwarded, ...(r.attachments ?? [])]
  return {
    ...fields,
    ...r.values,
    ...(attachments.length ? { attachments } : {}),
  }
}

function same(a: EmailAddress, b: EmailAddress): boolean {
  return a.address.toLowerCase() === b.address.toLowerCase()
}

/** NewBodyContent above the original, with Outlook's header block, in the new content's type. */
function quoted(newBody: Body | undefined, original: Item): Body {
  const type = newBody?.type ?? original.body.type
  const fmt = (a: EmailAddress): string => (a.name ? `${a.name} <${a.address}>` : a.address)
  const header: [string, string][] = [
    ['From', original.from ? fmt(original.from) : ''],
    ['Sent', ewsDate(original.dateTimeSent ?? original.dateTimeCreated)],
    ['To', original.toRecipients.map(fmt).join('; ')],
    ...(original.ccRecipients.length
      ? ([['Cc', original.ccRecipients.map(fmt).join('; ')]] as [string, string][])
      : []),
    ['Subject', original.subject],
  ]
  const old = convertBody(original.body, type).text
  const fresh = newBody?.text ?? ''
  if (type === 'Text') {
    const lines = header.map(([k, v]) => `${k}: ${v}`).join('\r\n')
    return {
      type,
      text: `${fresh}\r\n\r\n________________________________\r\n${lines}\r\n\r\n${old}`,
    }
  }
  const esc = (s: string): string =>
    s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
  const lines = header.map(([k, v]) => `<b>${k}:</b> ${esc(v)}<br>`).join('')
  return {
    type,
    text: `${fresh}<hr><div id="divRplyFwdMsg">${lines}</div><br>${old}`,
  }
}
