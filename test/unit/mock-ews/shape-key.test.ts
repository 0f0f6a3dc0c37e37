/**
 * The rendered-item cache's shape key (operations/shared/rendered-items.ts) is no longer the JSON
 * of the whole shape with Sets as sorted lists (message properties are written as bits): it must
 * tell apart exactly the shapes that JSON told apart, no more (a miss) and no fewer (a stale answer).
 */
import { expect } from 'chai'
import { shapeKey } from '../../../mock-ews/operations/shared/rendered-items.ts'
import { ITEM_PROPERTIES, shapeForVersion } from '../../../mock-ews/operations/shared/item-shape.ts'
import type { ExchangeVersion } from '../../../mock-ews/topology/profiles.ts'
import type { ItemProperty, ItemShape } from '../../../mock-ews/operations/shared/item-shape.ts'

/** The key as it was written first: every value through JSON.stringify with a Set replacer. */
function reference(shape: ItemShape): string {
  const setsAsLists = (_: string, v: unknown): unknown => (v instanceof Set ? [...v].sort() : v)
  let key = ''
  for (const name of Object.keys(shape).sort()) {
    const v: unknown = shape[name as keyof ItemShape]
    key += `${name}=${v instanceof Set ? JSON.stringify([...v].sort()) : JSON.stringify(v, setsAsLists)};`
  }
  return key
}

const shapes: Record<string, ItemShape> = {
  'GetItem AllProperties (no optional parts)': {
    properties: new Set(['Subject', 'ItemId', 'Body']),
    requested: new Set(),
    bodyType: 'Best',
  },
  'FindItem Default, sets out of order, empty lists': {
    properties: new Set(['Subject', 'IsRead', 'ItemId', 'From']),
    requested: new Set(['IsRead']),
    bodyType: 'Text',
    extended: [],
    kindAll: true,
    kindNames: new Set(),
    kindFields: new Set(['calendar:Start', 'calendar:End']),
    base: 'Default',
    version: 'Exchange2013',
  },
  'extended properties, MIME, missing kinds, undefined values': {
    properties: new Set(['ItemId']),
    requested: new Set(),
    bodyType: 'HTML',
    extended: [{ attributes: [['PropertyTag', '0x1000']], key: '4096', type: 'String' }],
    mimeContent: 'IncludeMimeContent',
    kindAll: false,
    kindNames: new Set(['PhoneNumbers', 'EmailAddresses']),
    kindMissing: new Set(['PhoneticFullName', 'ContactSource']),
    base: undefined,
  },
}

/** Variations of each shape: one property more or less, at either end of ITEM_PROPERTIES, … */
function variations(shape: ItemShape): ItemShape[] {
  const props = [...shape.properties]
  const first = ITEM_PROPERTIES[0]
  const last = ITEM_PROPERTIES[ITEM_PROPERTIES.length - 1]!
  const unknown = 'NotAProperty' as ItemProperty
  return [
    shape,
    { ...shape, properties: new Set(props.reverse()) },
    { ...shape, properties: new Set(props.slice(1)) },
    { ...shape, properties: new Set([...props, last]) },
    { ...shape, properties: new Set([...props, 'Sender', 'ReceivedBy'] as ItemProperty[]) },
    { ...shape, properties: new Set([...props, ITEM_PROPERTIES[29]!]) },
    { ...shape, properties: new Set([...props, ITEM_PROPERTIES[30]!]) },
    { ...shape, properties: new Set([...props, unknown]) },
    { ...shape, properties: new Set([first]) },
    { ...shape, properties: new Set() },
    { ...shape, requested: new Set([last]) },
    { ...shape, requested: new Set([first]) },
    { ...shape, requested: new Set([first, unknown]) },
    { ...shape, kindNames: new Set(['Subject']) },
    { ...shape, kindNames: new Set(['x', 'y']) },
    { ...shape, kindNames: new Set(['y', 'x']) },
    { ...shape, kindFields: new Set([first]) },
    { ...shape, bodyType: 'Text' },
    { ...shape, version: 'Exchange2010' },
    { ...shape, extended: [] },
    { ...shape, extended: undefined },
    { ...shape, mimeContent: 'FieldURI' },
  ]
}

describe('shapeKey (the rendered-item cache)', () => {
  it('gives two shapes one key exactly when the JSON of the whole shape (sorted sets) was one', () => {
    const all = Object.values(shapes).flatMap(variations)
    let same = 0
    for (const a of all)
      for (const b of all) {
        const was = reference(a) === reference(b)
        if (was) same++
        expect(shapeKey(a) === shapeKey(b), `${reference(a)}\n${reference(b)}`).to.equal(was)
      }
    // The family has shapes equal under another order, not only each shape with itself.
    expect(same).to.be.greaterThan(all.length)
  })

  it('is the same for sets that differ only in order, different for any other difference', () => {
    const a = shapes['FindItem Default, sets out of order, empty lists']!
    const reordered = { ...a, properties: new Set([...a.properties].reverse()) }
    expect(shapeKey(reordered)).to.equal(shapeKey(a))
    expect(shapeKey({ ...a, kindNames: new Set(['x']) })).to.not.equal(shapeKey(a))
    expect(shapeKey({ ...a, extended: [] as ItemShape['extended'] })).to.equal(shapeKey(a))
    expect(shapeKey({ ...a, extended: undefined })).to.not.equal(shapeKey(a))
  })
})

describe('shapeForVersion (the properties a schema version lacks, worked out once a version)', () => {
  const all = (): ItemShape => ({
    properties: new Set(ITEM_PROPERTIES),
    requested: new Set(['Flag', 'Subject', 'InferenceClassification'] as ItemProperty[]),
    bodyType: 'Best',
  })
  const since2010 = ['ConversationId', 'UniqueBody']
  const since2013 = ['Flag', 'Preview', 'TextBody', 'ReminderNextTime', 'PolicyTag', 'ArchiveTag']
  const cases: [ExchangeVersion, string[]][] = [
    ['Exchange2007_SP1', [...since2010, ...since2013, 'InferenceClassification']],
    ['Exchange2009', [...since2010, ...since2013, 'InferenceClassification']],
    ['Exchange2010', [...since2013, 'InferenceClassification']],
    ['Exchange2012', [...since2013, 'InferenceClassification']],
    ['Exchange2013', ['InferenceClassification']],
    ['Exchange2015', ['InferenceClassification']],
    ['Exchange2016', []],
    ['V2015_10_05', []],
  ]
  for (const [version, gone] of cases) {
    it(`drops exactly what ${version} lacks, asked twice`, () => {
      for (let round = 0; round < 2; round++) {
        const shape = shapeForVersion(all(), version)
        const dropped = ITEM_PROPERTIES.filter((p) => !shape.properties.has(p))
        expect(dropped).to.have.members(gone)
        expect(shape.requested.has('Flag')).to.equal(!gone.includes('Flag'))
        expect(shape.requested.has('Subject')).to.equal(true)
        expect(shape.version).to.equal(version)
      }
    })
  }
})
