/**
 * The rendered-item cache's shape key (operations/shared/rendered-items.ts) is written without
 * JSON.stringify's replacer where it can be: it must stay the very text the replacer gave (the
 * whole shape, Sets as sorted lists), so that it tells apart exactly the shapes it told apart.
 */
import { expect } from 'chai'
import { shapeKey } from '../../../mock-ews/operations/shared/rendered-items.ts'
import type { ItemShape } from '../../../mock-ews/operations/shared/item-shape.ts'

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

describe('shapeKey (the rendered-item cache)', () => {
  for (const [name, shape] of Object.entries(shapes)) {
    it(`is the text the replacer gave: ${name}`, () => {
      expect(shapeKey(shape)).to.equal(reference(shape))
    })
  }

  it('is the same for sets that differ only in order, different for any other difference', () => {
    const a = shapes['FindItem Default, sets out of order, empty lists']!
    const reordered = { ...a, properties: new Set([...a.properties].reverse()) }
    expect(shapeKey(reordered)).to.equal(shapeKey(a))
    expect(shapeKey({ ...a, kindNames: new Set(['x']) })).to.not.equal(shapeKey(a))
    expect(shapeKey({ ...a, extended: [] as ItemShape['extended'] })).to.equal(shapeKey(a))
    expect(shapeKey({ ...a, extended: undefined })).to.not.equal(shapeKey(a))
  })
})
