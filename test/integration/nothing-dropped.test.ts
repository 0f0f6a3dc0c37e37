/**
 * Issue 15, "nothing accepted is dropped": walks t:ItemType and t:MessageType in types.xsd, writes
 * each element through CreateItem (SaveOnly, with a Subject) and UpdateItem (SetItemField on a
 * draft), and requires each to read back (GetItem of its field) or be refused naming the element.
 * Issue 17: the same for t:ContactItemType, t:DistributionListType and t:TaskType (their own
 * elements and ItemType's, written into a t:Contact, t:DistributionList, t:Task).
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { DOMParser } from '@xmldom/xmldom'
import type { Element } from '@xmldom/xmldom'
import { expect } from 'chai'
import { envelope, post, testApp } from '../helpers/ews.ts'
import type { SoapAnswer } from '../helpers/ews.ts'
import type { EwsApp } from '../../mock-ews/index.ts'
import { createItemXml, getItemXml, itemChange, itemId, updateItemXml } from '../helpers/items.ts'
import { needsSchema } from '../helpers/needs.ts'
import {
  ITEM_ELEMENTS,
  MESSAGE_ELEMENTS,
  notYetElements,
  notYetKindElements,
} from '../../mock-ews/operations/shared/item-elements.ts'
import { KIND_TABLES } from '../../mock-ews/operations/shared/kind-elements.ts'
import { CALENDAR_ELEMENTS } from '../../mock-ews/operations/shared/calendar-elements.ts'

const XS = 'http://www.w3.org/2001/XMLSchema'
/** types.xsd is the newest schema: walk it with the newest version (older ones lack elements). */
const call = (app: EwsApp['app'], op: string): Promise<SoapAnswer> =>
  post(app, envelope(op, 'Exchange2016'))
const BOB = '<t:Mailbox><t:EmailAddress>bob@contoso.com</t:EmailAddress></t:Mailbox>'
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
const EXPECT: Record<string, string> = {
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

interface Walked {
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
function walk(dir: string, leaf = 'MessageType', own = false): Walked[] {
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

const norm = (s: string): string => s.replace(/\s+/g, '')
const textOf = (xml: string): string =>
  new DOMParser().parseFromString(`<r xmlns:t="t">${xml}</r>`, 'text/xml').documentElement!
    .textContent ?? ''

describe('Nothing accepted is dropped (types.xsd ItemType and MessageType)', () => {
  let elements: Walked[]
  const ews = testApp()
  const app = ews.app
  before(function () {
    elements = walk(needsSchema(this, 'the round-trip walk over types.xsd'))
  })

  /** Why the element was lost, or undefined when it read back or was refused naming it. */
  async function verdict(
    w: Walked,
    res: SoapAnswer,
    itemIdXml: () => string,
    element = 'Message',
  ): Promise<string | undefined> {
    const code = res.codes()[0] ?? res.faultCode()
    if (code !== 'NoError') {
      const message = res.value('string(//m:MessageText)') || res.value('string(//faultstring)')
      return message.includes(w.name)
        ? undefined
        : `refused (${code}) without naming it: ${message}`
    }
    if (!w.path) return 'accepted, and it has no FieldURI to read it back by'
    const read = await call(
      app,
      getItemXml(
        itemIdXml(),
        'IdOnly',
        `<t:AdditionalProperties>${w.path}</t:AdditionalProperties>`,
      ),
    )
    if (read.codes()[0] !== 'NoError')
      return `accepted, and reading it back gave ${read.codes()[0]}`
    const back = read.select(`//t:${element}/t:${w.name}`)
    const want = norm(EXPECT[w.name] ?? textOf(w.xml))
    // MimeContent reads back as base64 of a message built from the item: compare decoded.
    const decode = (t: string): string =>
      w.name === 'MimeContent' ? Buffer.from(t, 'base64').toString() : t
    const got = norm(back.map((n) => decode(n.textContent ?? '')).join(''))
    return back.length && got.includes(want) ? undefined : `accepted, read back as "${got}"`
  }

  it('CreateItem: each element reads back or is refused, naming it', async () => {
    const lost: string[] = []
    for (const w of elements) {
      const subject = w.name === 'Subject' ? '' : '<t:Subject>walk</t:Subject>'
      const msg = `<t:Message>${subject}${w.xml}</t:Message>`
      const res = await call(app, createItemXml('SaveOnly', msg))
      const ref = res.select('//t:ItemId')[0] as unknown as Element | undefined
      const why = await verdict(w, res, () => itemId(ref!.getAttribute('Id')!))
      if (why) lost.push(`${w.name}: ${why}`)
    }
    if (lost.length) console.log(`      dropped by CreateItem:\n        ${lost.join('\n        ')}`)
    expect(lost).to.deep.equal([])
  })

  it('UpdateItem SetItemField: each element reads back or is refused, naming it', async () => {
    const created = await call(
      app,
      createItemXml('SaveOnly', '<t:Message><t:Subject>walk</t:Subject></t:Message>'),
    )
    const draft = (created.select('//t:ItemId')[0] as unknown as Element).getAttribute('Id')!
    const lost: string[] = []
    for (const w of elements.filter((e) => e.path)) {
      const set = `<t:SetItemField>${w.path}<t:Message>${w.xml}</t:Message></t:SetItemField>`
      const res = await call(app, updateItemXml(itemChange(itemId(draft), set)))
      const why = await verdict(w, res, () => itemId(draft))
      if (why) lost.push(`${w.name}: ${why}`)
    }
    if (lost.length) console.log(`      dropped by UpdateItem:\n        ${lost.join('\n        ')}`)
    expect(lost).to.deep.equal([])
  })

  it("mock-ews's element table names exactly the schema's elements (a new one must be ruled on)", () => {
    const table = [...Object.keys(ITEM_ELEMENTS), ...Object.keys(MESSAGE_ELEMENTS)]
    expect(table).to.have.members(elements.map((e) => e.name))
  })

  it('README\'s "What is refused" lists exactly the elements not stored yet', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8')
    const marked = /<!-- not-yet -->([^<]*)<!-- \/not-yet -->/.exec(readme)
    expect(marked, 'the not-yet markers in README').to.not.equal(null)
    const listed = marked![1]!
    expect(listed.split(/,\s*/).filter(Boolean)).to.have.members(notYetElements())
  })

  it('ExtendedProperty and Attachments are stored: CreateItem accepts them and they read back', async () => {
    for (const name of ['ExtendedProperty', 'Attachments']) {
      const w = elements.find((e) => e.name === name)!
      const res = await call(
        app,
        createItemXml('SaveOnly', `<t:Message><t:Subject>walk</t:Subject>${w.xml}</t:Message>`),
      )
      expect(res.codes(), name).to.deep.equal(['NoError'])
      const ref = res.select('//t:Message/t:ItemId')[0] as unknown as Element
      expect(await verdict(w, res, () => itemId(ref.getAttribute('Id')!)), name).to.equal(undefined)
    }
  })
})

// The kinds: their own elements and ItemType's, written into t:Contact, t:DistributionList, t:Task.
describe('Nothing accepted is dropped (types.xsd ContactItemType, DistributionListType, TaskType)', () => {
  const ews = testApp()
  const app = ews.app
  const KINDS = [
    ['Contact', 'ContactItemType'],
    ['DistributionList', 'DistributionListType'],
    ['Task', 'TaskType'],
  ] as const
  const walked = new Map<string, Walked[]>()
  before(function () {
    const dir = needsSchema(this, 'the round-trip walk over types.xsd')
    for (const [kind, type] of KINDS) walked.set(kind, walk(dir, type))
  })

  async function verdict(
    kind: string,
    w: Walked,
    res: SoapAnswer,
    id: string,
  ): Promise<string | undefined> {
    const code = res.codes()[0] ?? res.faultCode()
    if (code !== 'NoError') {
      const message = res.value('string(//m:MessageText)') || res.value('string(//faultstring)')
      return message.includes(w.name)
        ? undefined
        : `refused (${code}) without naming it: ${message}`
    }
    if (!w.path) return 'accepted, and it has no FieldURI to read it back by'
    const read = await call(
      app,
      getItemXml(
        itemId(id),
        'IdOnly',
        `<t:AdditionalProperties>${w.path}</t:AdditionalProperties>`,
      ),
    )
    if (read.codes()[0] !== 'NoError')
      return `accepted, and reading it back gave ${read.codes()[0]}`
    const back = read.select(`//t:${kind}/t:${w.name}`)
    const want = norm(EXPECT[w.name] ?? textOf(w.xml))
    const got = norm(back.map((n) => n.textContent ?? '').join(''))
    return back.length && got.includes(want) ? undefined : `accepted, read back as "${got}"`
  }

  for (const [kind] of KINDS) {
    it(`${kind}: each own element, by CreateItem and by UpdateItem, reads back or is refused naming it`, async () => {
      const lost: string[] = []
      const created = await call(
        app,
        createItemXml('SaveOnly', `<t:${kind}><t:Subject>walk</t:Subject></t:${kind}>`),
      )
      const target = (created.select('//t:ItemId')[0] as unknown as Element).getAttribute('Id')!
      for (const w of walked.get(kind)!) {
        const res = await call(app, createItemXml('SaveOnly', `<t:${kind}>${w.xml}</t:${kind}>`))
        const ref = res.select('//t:ItemId')[0] as unknown as Element | undefined
        const why = await verdict(kind, w, res, ref?.getAttribute('Id') ?? '')
        if (why) lost.push(`CreateItem ${w.name}: ${why}`)
        if (!w.path) continue
        const set = `<t:SetItemField>${w.path}<t:${kind}>${w.xml}</t:${kind}></t:SetItemField>`
        const upd = await call(app, updateItemXml(itemChange(itemId(target), set)))
        const why2 = await verdict(kind, w, upd, target)
        if (why2) lost.push(`UpdateItem ${w.name}: ${why2}`)
      }
      expect(lost).to.deep.equal([])
    })
  }

  it("mock-ews's kind tables name exactly the schema's elements", () => {
    for (const [kind] of KINDS)
      expect(Object.keys(KIND_TABLES[kind]!.table), kind).to.have.members(
        walked
          .get(kind)!
          .map((e) => e.name)
          .filter((n) => !Object.hasOwn(ITEM_ELEMENTS, n)),
      )
  })

  it('README lists exactly the contact, list and task elements not stored yet', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8')
    const listed = /<!-- not-yet-kinds -->([^<]*)<!-- \/not-yet-kinds -->/.exec(readme)?.[1] ?? ''
    expect(listed.split(/,\s*/).filter(Boolean)).to.have.members(notYetKindElements())
  })
})

describe('Nothing accepted is dropped (types.xsd ItemType and CalendarItemType)', () => {
  let elements: Walked[]
  const { app } = testApp()
  before(function () {
    elements = walk(needsSchema(this, 'the round-trip walk over types.xsd'), 'CalendarItemType')
  })
  const create = (inner: string): string =>
    `<m:CreateItem SendMeetingInvitations="SendToNone"><m:Items><t:CalendarItem>${inner}</t:CalendarItem></m:Items></m:CreateItem>`
  const idOf = (res: SoapAnswer): string =>
    (res.select('//t:CalendarItem/t:ItemId')[0] as unknown as Element).getAttribute('Id')!

  /** Why the element was lost, or undefined when it read back or was refused naming it. */
  async function verdict(
    w: Walked,
    res: SoapAnswer,
    id: () => string,
  ): Promise<string | undefined> {
    const code = res.codes()[0] ?? res.faultCode()
    if (code !== 'NoError') {
      const message = res.value('string(//m:MessageText)') || res.value('string(//faultstring)')
      return message.includes(w.name)
        ? undefined
        : `refused (${code}) without naming it: ${message}`
    }
    if (!w.path) return 'accepted, and it has no FieldURI to read it back by'
    const read = await call(
      app,
      getItemXml(
        itemId(id()),
        'IdOnly',
        `<t:AdditionalProperties>${w.path}</t:AdditionalProperties>`,
      ),
    )
    if (read.codes()[0] !== 'NoError')
      return `accepted, and reading it back gave ${read.codes()[0]}`
    const back = read.select(`//t:CalendarItem/t:${w.name}`)
    const want = norm(EXPECT[w.name] ?? textOf(w.xml))
    const got = norm(back.map((n) => n.textContent ?? '').join(''))
    return back.length && got.includes(want) ? undefined : `accepted, read back as "${got}"`
  }

  it('CreateItem: each element reads back or is refused, naming it', async () => {
    const lost: string[] = []
    for (const w of elements) {
      const subject = w.name === 'Subject' ? '' : '<t:Subject>walk</t:Subject>'
      const res = await call(app, create(`${subject}${w.xml}`))
      const why = await verdict(w, res, () => idOf(res))
      if (why) lost.push(`${w.name}: ${why}`)
    }
    if (lost.length) console.log(`      dropped by CreateItem:\n        ${lost.join('\n        ')}`)
    expect(lost).to.deep.equal([])
  })

  it('UpdateItem SetItemField: each element reads back or is refused, naming it', async () => {
    const id = idOf(await call(app, create('<t:Subject>walk</t:Subject>')))
    const lost: string[] = []
    for (const w of elements.filter((e) => e.path)) {
      const set = `<t:SetItemField>${w.path}<t:CalendarItem>${w.xml}</t:CalendarItem></t:SetItemField>`
      const res = await call(
        app,
        `<m:UpdateItem ConflictResolution="AlwaysOverwrite" SendMeetingInvitationsOrCancellations="SendToNone"><m:ItemChanges>${itemChange(itemId(id), set)}</m:ItemChanges></m:UpdateItem>`,
      )
      const why = await verdict(w, res, () => id)
      if (why) lost.push(`${w.name}: ${why}`)
    }
    if (lost.length) console.log(`      dropped by UpdateItem:\n        ${lost.join('\n        ')}`)
    expect(lost).to.deep.equal([])
  })

  it("mock-ews's calendar element table names exactly the schema's CalendarItemType elements", () => {
    const own = elements.filter((e) => !Object.hasOwn(ITEM_ELEMENTS, e.name)).map((e) => e.name)
    expect(Object.keys(CALENDAR_ELEMENTS)).to.have.members(own)
  })

  it('README\'s "What is refused" lists exactly the calendar elements not stored yet', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8')
    const listed =
      /<!-- not-yet-calendar -->([^<]*)<!-- \/not-yet-calendar -->/.exec(readme)?.[1] ?? ''
    const own = notYetElements(CALENDAR_ELEMENTS).filter((n) => !Object.hasOwn(ITEM_ELEMENTS, n))
    expect(listed.split(/,\s*/).filter(Boolean)).to.have.members(own)
  })
})
