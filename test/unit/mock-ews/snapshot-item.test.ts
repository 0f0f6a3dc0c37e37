/**
 * A store snapshot (domain/snapshot-source.ts) is built property by property: it must be exactly
 * the copy it replaced — copyItemFields of the stored fields with the store's facts after them,
 * same keys in the same order, same values — and share nothing a caller could change.
 */
import { expect } from 'chai'
import { copyHeaderFields, copyItemFields, HEADER_FIELDS } from '../../../mock-ews/domain/items.ts'
import type { ItemFieldsWithTimes } from '../../../mock-ews/domain/items.ts'
import { snapshotItem, snapshotSource } from '../../../mock-ews/domain/snapshot-source.ts'
import type { SnapshotFacts } from '../../../mock-ews/domain/snapshot-source.ts'
import type { CalendarFields } from '../../../mock-ews/domain/calendar.ts'

const facts: SnapshotFacts = {
  id: 'AAMk1',
  changeKey: 'CQAA1',
  folderId: 'AAMkF',
  folderChangeKey: 'AQAA2',
  mailbox: 'alice@contoso.com',
  created: Date.UTC(2026, 0, 1),
  modified: Date.UTC(2026, 0, 2),
  size: 1234,
}

const alice = Object.freeze({ name: 'Alice', address: 'alice@contoso.com' })
const bob = Object.freeze({ name: undefined, address: 'bob@contoso.com' })

/** Stored fields as the memory store keeps them: times as numbers, addresses frozen and shared. */
function stored(more: Partial<ItemFieldsWithTimes> = {}): ItemFieldsWithTimes {
  return {
    itemClass: 'IPM.Note',
    subject: 'Hello',
    body: { type: 'Text', text: 'Hi' },
    importance: 'Normal',
    categories: ['Red'],
    isRead: false,
    isDraft: false,
    from: alice,
    toRecipients: Object.freeze([bob]),
    ccRecipients: Object.freeze([]),
    bccRecipients: Object.freeze([alice]),
    internetMessageId: '<1@contoso.com>',
    dateTimeSent: Date.UTC(2025, 11, 31),
    dateTimeReceived: Date.UTC(2026, 0, 1),
    ...more,
  }
}

const calendar = { start: 1, end: 2, isAllDayEvent: false, uid: 'u' } as unknown as CalendarFields

/** Every optional field set (the header fields in the reverse of their order, to check ours). */
const everything = stored({
  archiveTag: { id: 'a', isExplicit: true },
  policyTag: { id: 'p', isExplicit: false },
  inferenceClassification: 'Focused',
  receivedRepresenting: bob,
  receivedBy: bob,
  sender: alice,
  isResponseRequested: true,
  culture: 'en-GB',
  reminderMinutesBeforeStart: 15,
  reminderDueBy: '2026-01-01T00:00:00Z',
  reminderIsSet: true,
  flag: { status: 'Flagged', dueDate: '2026-01-03T00:00:00Z' },
  isDeliveryReceiptRequested: false,
  isReadReceiptRequested: true,
  replyTo: Object.freeze([alice, bob]),
  references: '<0@contoso.com>',
  inReplyTo: '<0@contoso.com>',
  sensitivity: 'Private',
  extendedProperties: [
    { uri: { attributes: [], key: '0x1000', type: 'String' }, values: ['x'] },
  ] as unknown as ItemFieldsWithTimes['extendedProperties'],
  attachments: [{ id: 'att', name: 'a.txt' }] as unknown as ItemFieldsWithTimes['attachments'],
  contact: { displayName: 'C' } as unknown as ItemFieldsWithTimes['contact'],
  task: { status: 'NotStarted' } as unknown as ItemFieldsWithTimes['task'],
  calendar,
})

/** What the store built before: copyItemFields, then the facts assigned after it. */
function asBefore(f: ItemFieldsWithTimes): object {
  return Object.assign({}, copyItemFields(f), {
    itemId: { id: facts.id, changeKey: facts.changeKey },
    parentFolderId: { id: facts.folderId, changeKey: facts.folderChangeKey },
    mailbox: facts.mailbox,
    dateTimeCreated: new Date(facts.created),
    lastModifiedTime: new Date(facts.modified),
    size: facts.size,
  })
}

/** Every object reachable from `v` (not through Buffers), with the path to it. */
function objectsIn(v: unknown, path = '', out = new Map<object, string>()): Map<object, string> {
  if (typeof v !== 'object' || v === null || out.has(v) || Buffer.isBuffer(v)) return out
  out.set(v, path)
  for (const [k, x] of Object.entries(v)) objectsIn(x, `${path}.${k}`, out)
  return out
}

describe('store snapshots (snapshotItem)', () => {
  for (const [name, f] of [
    ['the fixed fields only', stored()],
    ['every optional field', everything],
    ['no From and no DateTimeSent', stored({ from: undefined, dateTimeSent: undefined })],
  ] as const) {
    it(`is the copy it replaced, key for key in the same order: ${name}`, () => {
      const item = snapshotItem(f, facts)
      const before = asBefore(f)
      expect(Object.keys(item)).to.deep.equal(Object.keys(before))
      expect({ ...item }).to.deep.equal(before)
      expect(JSON.stringify(item)).to.equal(JSON.stringify(before))
    })
  }

  it('copies every header field there is, in the order of HEADER_FIELDS', () => {
    // The fixture sets them all (a field added to HEADER_FIELDS must be added to it)…
    for (const k of HEADER_FIELDS) expect(everything[k], k).to.not.equal(undefined)
    // …and copyHeaderFields, written field by field, copies each of them.
    expect(Object.keys(copyHeaderFields(everything))).to.deep.equal([...HEADER_FIELDS])
    const item = snapshotItem(everything, facts) as unknown as Record<string, unknown>
    for (const k of HEADER_FIELDS) expect(item[k], k).to.deep.equal(everything[k])
  })

  it('shares with the stored fields only what is immutable', () => {
    const item = snapshotItem(everything, facts)
    const stored = objectsIn(everything)
    // Shared on purpose, as before: attachments, the kinds' sub-records and extended properties'
    // entries (immutable); the calendar record is copied one level down (copyCalendar).
    const immutable = new Set<unknown>(
      [
        everything.attachments,
        everything.contact,
        everything.task,
        ...everything.extendedProperties!,
      ].flatMap((v) => [...objectsIn(v).keys()]),
    )
    for (const [obj, path] of objectsIn(item))
      if (stored.has(obj) && !immutable.has(obj)) expect.fail(`${path} is the stored object`)
    for (const [obj, path] of objectsIn(item))
      if (Object.isFrozen(obj) && !immutable.has(obj)) expect.fail(`${path} is frozen`)
  })

  it('is marked with the fields it was copied from; a copy of it is not', () => {
    const f = stored()
    const item = snapshotItem(f, facts)
    expect(snapshotSource(item)).to.equal(f)
    expect(snapshotSource({ ...item })).to.equal(undefined)
    expect(snapshotSource(Object.assign({}, item))).to.equal(undefined)
  })
})
