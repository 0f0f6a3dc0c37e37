/**
 * The walk over types.xsd that the nothing-dropped tests share: each element of an item type (and
 * the types it extends) with sample XML, and the FieldURI to read it back by (issue 15, issue 17).
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { DOMParser } from '@xmldom/xmldom'
import type { Element } from '@xmldom/xmldom'

const XS = 'http://www.w3.org/2001/XMLSchema'
export const BOB = '<t:Mailbox><t:EmailAddress>bob@contoso.com</t:EmailAddress></t:Mailbox>'
const body = (n: string): string => `<t:${n} BodyType="Text">walker ${n}</t:${n}>`
const id = (n: string): string => `<t:${n} Id="AAMkAGI2TG93AAA=" ChangeKey="CQAAAA=="/>`
/** Sample XML per schema type that a generic value cannot give (complex types). */
const BY_TYPE: Record<string, (n: string) => string> = {
  't:BodyType': body,
  't:ItemIdType': id,
  't:FolderIdType': id,
  't:ArrayOfStringsType': (n) => `<t:${n}><t:String>walker</t:String></t:${n}>`,
  't:ArrayOfRecipientsType': (n) => `<t:${n}>${BOB}</t:${n}>`,
  't:SingleRecipientType': (n) => `<t:${n}>${BOB}</t:${n}>`,
  't:EmailAddressDictionaryType': (n) =>
    `<t:${n}><t:Entry Key="EmailAddress2">walker@contoso.com</t:Entry></t:${n}>`,
  't:PhoneNumberDictionaryType': (n) =>
    `<t:${n}><t:Entry Key="MobilePhone">+1 555 0100</t:Entry></t:${n}>`,
  't:PhysicalAddressDictionaryType': (n) =>
    `<t:${n}><t:Entry Key="Home"><t:City>Walkerton</t:City></t:Entry></t:${n}>`,
  't:MembersListType': (n) => `<t:${n}><t:Member>${BOB}</t:Member></t:${n}>`,
  't:NonEmptyArrayOfAttendeesType': (n) => `<t:${n}><t:Attendee>${BOB}</t:Attendee></t:${n}>`,
  't:TimeZoneDefinitionType': (n) => `<t:${n} Id="Pacific Standard Time"/>`,
  't:TimeZoneType': (n) => `<t:${n} TimeZoneName="Pacific Standard Time"/>`,
}
/** Sample XML per element, where its type's generic value is not plausible. */
const BY_ELEMENT: Record<string, string> = {
  MimeContent: `<t:MimeContent CharacterSet="UTF-8">${Buffer.from('Subject: mime\r\n\r\nwalker mime body').toString('base64')}</t:MimeContent>`,
  Attachments:
    '<t:Attachments><t:FileAttachment><t:Name>walker.txt</t:Name><t:Content>aGk=</t:Content></t:FileAttachment></t:Attachments>',
  ExtendedProperty:
    '<t:ExtendedProperty><t:ExtendedFieldURI PropertyTag="0x3A4F" PropertyType="String"/><t:Value>walker</t:Value></t:ExtendedProperty>',
  InternetMessageHeaders:
    '<t:InternetMessageHeaders><t:InternetMessageHeader HeaderName="X-Walker">walker</t:InternetMessageHeader></t:InternetMessageHeaders>',
  Flag: '<t:Flag><t:FlagStatus>Flagged</t:FlagStatus></t:Flag>',
  ItemClass: '<t:ItemClass>IPM.Note.Walker</t:ItemClass>',
  ReminderMinutesBeforeStart: '<t:ReminderMinutesBeforeStart>15</t:ReminderMinutesBeforeStart>',
  MailboxGuids:
    '<t:MailboxGuids><t:MailboxGuid>00000000-0000-0000-0000-000000000001</t:MailboxGuid></t:MailboxGuids>',
  SenderSMTPAddress: '<t:SenderSMTPAddress>bob@contoso.com</t:SenderSMTPAddress>',
  Recurrence:
    '<t:Recurrence><t:DailyRecurrence><t:Interval>1</t:Interval></t:DailyRecurrence><t:NumberedRecurrence><t:StartDate>2016-07-01</t:StartDate><t:NumberOfOccurrences>3</t:NumberOfOccurrences></t:NumberedRecurrence></t:Recurrence>',
  StartTimeZoneId: '<t:StartTimeZoneId>Pacific Standard Time</t:StartTimeZoneId>',
  EndTimeZoneId: '<t:EndTimeZoneId>Pacific Standard Time</t:EndTimeZoneId>',
}
/** What reads back, where it is not the text sent (the read side adds ids, drops content). */
// MimeContent: its body (the walk's own t:Subject, given beside it, wins over the MIME's, as in Exchange).
export const EXPECT: Record<string, string> = {
  Attachments: 'walker.txt',
  MimeContent: 'walker mime body',
  Recurrence: '2016-07-01Z3',
}
/** The read path of elements without an unindexed FieldURI. */
const PATH: Record<string, string> = {
  ExtendedProperty: '<t:ExtendedFieldURI PropertyTag="0x3A4F" PropertyType="String"/>',
  InternetMessageHeaders:
    '<t:IndexedFieldURI FieldURI="item:InternetMessageHeader" FieldIndex="X-Walker"/>',
}

const PREFIX: Record<string, string> = {
  MessageType: 'message',
  ContactItemType: 'contacts',
  DistributionListType: 'contacts',
  TaskType: 'task',
  CalendarItemType: 'calendar',
}

export interface Walked {
  name: string
  xml: string
  path: string | undefined
}

/** A value of a simple schema type: enums take their last value (the first is often the default). */
function simpleValue(schema: Map<string, Element>, type: string, name: string): string {
  const plain: Record<string, string> = {
    'xs:string': `walker ${name}`,
    'xs:boolean': 'true',
    'xs:dateTime': '2016-07-01T10:00:00Z',
    'xs:int': '7',
    'xs:double': '7',
    'xs:long': '7',
    'xs:base64Binary': 'AQID',
    'xs:language': 'en-GB',
  }
  if (plain[type]) return plain[type]
  const def = schema.get(type.replace(/^t:/, ''))
  const enums = def ? [...elementsOf(def, 'enumeration')].map((e) => e.getAttribute('value')!) : []
  if (enums.length) return enums[enums.length - 1]!
  return `walker ${name}`
}

/** The complexType an element belongs to (the nearest one around it). */
function ownerType(el: Element): Element | undefined {
  for (let p = el.parentNode as Element | null; p; p = p.parentNode as Element | null)
    if (p.localName === 'complexType') return p
  return undefined
}

function* elementsOf(el: Element, local: string): Generator<Element> {
  const all = el.getElementsByTagNameNS(XS, local)
  for (let i = 0; i < all.length; i++) yield all.item(i)!
}

/**
 * The elements of `leaf` (MessageType, ContactItemType…) and the types it extends, with sample XML;
 * `own` only: those of `leaf` itself.
 */
export function walk(dir: string, leaf = 'MessageType', own = false): Walked[] {
  const doc = new DOMParser().parseFromString(
    readFileSync(join(dir, 'types.xsd'), 'utf8').replace(/^\uFEFF/, ''),
    'text/xml',
  )
  const schema = new Map<string, Element>()
  for (const kind of ['complexType', 'simpleType'])
    for (const el of elementsOf(doc.documentElement as unknown as Element, kind))
      if (el.getAttribute('name')) schema.set(el.getAttribute('name')!, el)
  const uris = new Set(
    [...elementsOf(schema.get('UnindexedFieldURIType')!, 'enumeration')].map((e) =>
      e.getAttribute('value')!,
    ),
  )
  const chain: [string, string][] = []
  for (let t: string | undefined = leaf; t;) {
    const def: Element = schema.get(t)!
    chain.unshift([t, PREFIX[t] ?? 'item'])
    t = own
      ? undefined
      : [...elementsOf(def, 'extension')][0]?.getAttribute('base')?.replace(/^t:/, '')
  }
  const out: Walked[] = []
  for (const [t, prefix] of chain) {
    const def = schema.get(t)!
    for (const el of elementsOf(def, 'element')) {
      if (ownerType(el) !== def) continue // an element of an inline type inside one of them
      const name = el.getAttribute('name')!
      const type = el.getAttribute('type') ?? ''
      const xml =
        BY_ELEMENT[name] ??
        BY_TYPE[type]?.(name) ??
        (schema.get(type.replace(/^t:/, ''))?.localName === 'complexType'
          ? `<t:${name}/>`
          : `<t:${name}>${simpleValue(schema, type, name)}</t:${name}>`)
      const uri = name === 'Members' ? 'distributionlist:Members' : `${prefix}:${name}`
      out.push({
        name,
        xml,
        path: PATH[name] ?? (uris.has(uri) ? `<t:FieldURI FieldURI="${uri}"/>` : undefined),
      })
    }
  }
  return out
}

export const norm = (s: string): string => s.replace(/\s+/g, '')
export const textOf = (xml: string): string =>
  new DOMParser().parseFromString(`<r xmlns:t="t">${xml}</r>`, 'text/xml').documentElement!
    .textContent ?? ''
