/**
 * Issue 15, "nothing accepted is dropped": walks t:ItemType and t:MessageType in types.xsd, writes
 * each element through CreateItem (SaveOnly, with a Subject) and UpdateItem (SetItemField on a
 * draft), and requires each to read back (GetItem of its field) or be refused naming the element.
 * Issue 17: the same for t:ContactItemType, t:DistributionListType and t:TaskType (their own
 * elements and ItemType's, written into a t:Contact, t:DistributionList, t:Task).
 */
import { readFileSync } from 'node:fs'
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
import { EXPECT, norm, textOf, walk } from '../helpers/schema-walk.ts'
import type { Walked } from '../helpers/schema-walk.ts'

/** types.xsd is the newest schema: walk it with the newest version (older ones lack elements). */
const call = (app: EwsApp['app'], op: string): Promise<SoapAnswer> =>
  post(app, envelope(op, 'Exchange2016'))

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
