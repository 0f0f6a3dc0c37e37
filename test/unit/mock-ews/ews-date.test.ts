import { expect } from 'chai'
import { ewsDate } from '../../../mock-ews/operations/shared/item-xml.ts'

/** What ewsDate replaced: toISOString cut to whole seconds. */
const viaIso = (d: Date): string => `${d.toISOString().slice(0, 19)}Z`

describe('ewsDate', () => {
  const cases = [
    '1970-01-01T00:00:00.000Z',
    '1969-12-31T23:59:59.999Z',
    '2000-02-29T23:59:59.999Z',
    '1900-03-01T00:00:00.000Z',
    '2016-06-10T09:00:00.500Z',
    '2024-12-31T23:59:59.000Z',
    '2100-02-28T12:34:56.789Z',
    '9999-12-31T23:59:59.999Z',
    '+010000-01-01T00:00:00.000Z',
  ]
  for (const iso of cases) {
    it(`writes ${iso} as toISOString does, to the second`, () => {
      expect(ewsDate(new Date(iso))).to.equal(viaIso(new Date(iso)))
    })
  }

  it('agrees with toISOString on every day of 1999–2101', () => {
    const start = Date.UTC(1999, 0, 1)
    for (let day = 0; day < 103 * 366; day++) {
      const d = new Date(start + day * 86_400_000 + ((day * 7919) % 86_400) * 1000)
      expect(ewsDate(d)).to.equal(viaIso(d))
    }
  })
})
