/** What an item shows of its MIME form: its Internet message headers, and its Preview text. */
import type { Body, EmailAddress, Item } from '../../domain/items.ts'
import { convertBody } from './item-xml.ts'
import { internetHeaderProperties } from '../../mime/build.ts'

/** The RFC 5322 headers of a sent or received message, built from the item (name, value). */
export function internetHeaders(item: Item): [string, string][] {
  const out: [string, string][] = []
  const add = (name: string, value: string | undefined): void => {
    if (value) out.push([name, value])
  }
  add('From', item.from && address(item.from))
  // RFC 5322 Sender: only when someone sent on behalf of the From mailbox.
  if (
    item.sender &&
    item.from &&
    item.sender.address.toLowerCase() !== item.from.address.toLowerCase()
  )
    add('Sender', address(item.sender))
  add('To', item.toRecipients.map(address).join(', '))
  add('Cc', item.ccRecipients.map(address).join(', '))
  add('Reply-To', item.replyTo?.map(address).join(', '))
  add('Subject', item.subject)
  add('Date', rfc5322Date(item.dateTimeSent ?? item.dateTimeCreated))
  add('Message-ID', item.internetMessageId)
  add('In-Reply-To', item.inReplyTo)
  add('References', item.references)
  if (item.importance !== 'Normal') add('Importance', item.importance.toLowerCase())
  if (item.sensitivity && item.sensitivity !== 'Normal')
    add(
      'Sensitivity',
      item.sensitivity === 'Confidential' ? 'Company-Confidential' : item.sensitivity,
    )
  // Headers kept from a MIME message (InternetHeaders properties), as Exchange returns them.
  for (const [name, value] of internetHeaderProperties(item.extendedProperties)) add(name, value)
  add('Content-Language', item.culture ?? 'en-US')
  add('MIME-Version', '1.0')
  add('Content-Type', `${item.body.type === 'HTML' ? 'text/html' : 'text/plain'}; charset="utf-8"`)
  return out
}

function address(a: EmailAddress): string {
  return a.name ? `"${a.name.replace(/["\\]/g, '\\$&')}" <${a.address}>` : a.address
}

/** `Fri, 10 Jun 2016 09:00:00 +0000`. */
function rfc5322Date(d: Date): string {
  return d.toUTCString().replace('GMT', '+0000')
}

/** Preview: the body as text, white space folded, its first 255 characters. */
export function preview(body: Body): string {
  // The start of a long body is enough (a tag cut in two is dropped): no whole-body work per item.
  const head = body.text.length > 8192 ? body.text.slice(0, 8192).replace(/<[^>]*$/, '') : body.text
  const p = convertBody({ type: body.type, text: head }, 'Text')
    .text.replace(/\s+/g, ' ')
    .trim()
    .slice(0, 255)
  return /[\uD800-\uDBFF]$/.test(p) ? p.slice(0, -1) : p
}
