/** Reads and writes a contact's and a private distribution list's own elements (`t:Contact`, `t:DistributionList`). */
import type { Element } from '../../soap/xml-tree.ts'
import {
  ADDRESS_KEYS,
  ADDRESS_PARTS,
  CONTACT_STORED,
  DISTRIBUTION_LIST_STORED,
  EMAIL_KEYS,
  PHONE_KEYS,
} from '../../domain/contacts.ts'
import type {
  AddressPart,
  ContactEmail,
  ContactFields,
  ListMember,
  PhysicalAddress,
} from '../../domain/contacts.ts'
import type { XmlElement } from '../../soap/xml-writer.ts'
import { EwsError } from '../../domain/errors.ts'
import { attr, child, childElements, schemaError, text } from '../../soap/dom.ts'
import { NS } from '../../soap/namespaces.ts'
import { invalidValue, readKindValues, writeKindValue } from './kind-values.ts'

/** What a `t:Contact` or `t:DistributionList` element writes: only the parts present. */
export type ContactPart = {
  -readonly [K in Exclude<keyof ContactFields, 'kind' | 'values'>]?: ContactFields[K]
} & { values: ContactFields['values'] }

export function readContact(el: Element): ContactPart {
  const isList = el.localName === 'DistributionList'
  const out: ContactPart = {
    values: readKindValues(el, isList ? DISTRIBUTION_LIST_STORED : CONTACT_STORED),
  }
  if (isList) {
    const members = child(el, 't', 'Members')
    if (members) out.members = childElements(members, NS.t, 'Member').map(readMember)
    return out
  }
  const emails = child(el, 't', 'EmailAddresses')
  if (emails) out.emailAddresses = entries(emails, 'EmailAddresses', EMAIL_KEYS, readEmail)
  const phones = child(el, 't', 'PhoneNumbers')
  if (phones)
    out.phoneNumbers = entries(phones, 'PhoneNumbers', PHONE_KEYS, (e, key) => ({
      key,
      number: e.textContent ?? '',
    }))
  const addresses = child(el, 't', 'PhysicalAddresses')
  if (addresses)
    out.physicalAddresses = entries(addresses, 'PhysicalAddresses', ADDRESS_KEYS, readAddress)
  return out
}

/** A dictionary's `t:Entry` elements, one per Key (a later one replaces an earlier). */
function entries<T extends { key: string }>(
  el: Element,
  name: string,
  keys: readonly string[],
  read: (e: Element, key: string) => T,
): T[] {
  const byKey = new Map<string, T>()
  for (const e of childElements(el, NS.t, 'Entry')) {
    const key = attr(e, 'Key') ?? ''
    if (!keys.includes(key)) throw invalidValue(`${name} Key`, key)
    byKey.set(key, read(e, key))
  }
  return [...byKey.values()]
}

function readEmail(e: Element, key: string): ContactEmail {
  const name = attr(e, 'Name')
  return { key, address: (e.textContent ?? '').trim(), ...(name ? { name } : {}) }
}

function readAddress(e: Element, key: string): PhysicalAddress {
  const parts: Partial<Record<AddressPart, string>> = {}
  for (const p of ADDRESS_PARTS) {
    const v = text(child(e, 't', p))
    if (v !== undefined) parts[p] = v
  }
  return { key, parts }
}

/** A member: a Mailbox with an EmailAddress, or naming one of the mailbox's contacts by ItemId (resolved on save). */
function readMember(m: Element): ListMember {
  const mailbox = child(m, 't', 'Mailbox')
  const address = text(mailbox && child(mailbox, 't', 'EmailAddress'))?.trim()
  const itemId = mailbox && child(mailbox, 't', 'ItemId')
  const id = itemId && attr(itemId, 'Id')
  if (!mailbox || !(address || id))
    throw schemaError(
      "A distribution list's 't:Member' needs a 't:Mailbox' with an 't:EmailAddress' or a contact's 't:ItemId'.",
    )
  const status = text(child(m, 't', 'Status'))?.trim()
  if (status !== undefined && status !== 'Normal')
    throw new EwsError(
      'ErrorInvalidPropertySet',
      `mock-ews keeps members with Status Normal only; Status ${status} (distributionlist:Members) is refused rather than dropped.`,
    )
  const name = text(child(mailbox, 't', 'Name'))?.trim() || undefined
  return id
    ? { name, address: address ?? '', contactId: { id, changeKey: '' } }
    : { name, address: address! }
}

/** Writes the contact's own elements the shape selects, in schema order. */
export function renderContact(
  el: XmlElement,
  c: ContactFields,
  selected: (name: string) => boolean,
): void {
  const table = c.kind === 'DistributionList' ? DISTRIBUTION_LIST_STORED : CONTACT_STORED
  for (const [name] of table) {
    if (!selected(name)) continue
    if (name === 'EmailAddresses' && c.emailAddresses.length) {
      const d = el.ele(NS.t, 't:EmailAddresses')
      for (const e of c.emailAddresses) {
        const entry = d.ele(NS.t, 't:Entry').att('Key', e.key)
        if (e.name !== undefined) entry.att('Name', e.name)
        entry.txt(e.address)
      }
    } else if (name === 'PhoneNumbers' && c.phoneNumbers.length) {
      const d = el.ele(NS.t, 't:PhoneNumbers')
      for (const p of c.phoneNumbers) d.ele(NS.t, 't:Entry').att('Key', p.key).txt(p.number)
    } else if (name === 'PhysicalAddresses' && c.physicalAddresses.length) {
      const d = el.ele(NS.t, 't:PhysicalAddresses')
      for (const a of c.physicalAddresses) {
        const entry = d.ele(NS.t, 't:Entry').att('Key', a.key)
        for (const p of ADDRESS_PARTS)
          if (a.parts[p] !== undefined) entry.ele(NS.t, `t:${p}`).txt(a.parts[p])
      }
    } else if (name === 'Members') {
      const d = el.ele(NS.t, 't:Members')
      for (const m of c.members) {
        const member = d.ele(NS.t, 't:Member')
        const mb = member.ele(NS.t, 't:Mailbox')
        if (m.name !== undefined) mb.ele(NS.t, 't:Name').txt(m.name)
        mb.ele(NS.t, 't:EmailAddress').txt(m.address)
        mb.ele(NS.t, 't:RoutingType').txt('SMTP')
        if (m.contactId) {
          mb.ele(NS.t, 't:MailboxType').txt('Contact')
          mb.ele(NS.t, 't:ItemId').att('Id', m.contactId.id).att('ChangeKey', m.contactId.changeKey)
        }
        member.ele(NS.t, 't:Status').txt('Normal')
      }
    } else if (name === 'ContactSource') writeKindValue(el, name, 'Store')
    else writeKindValue(el, name, c.values[name])
  }
}
