import { expect } from 'chai'
import { randomIds, seededIds } from '../../../mock-ews/support/ids.ts'

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex')

describe('seededIds', () => {
  it('gives the same bytes for the same seed', () => {
    const a = seededIds(42)
    const b = seededIds(42)
    for (const n of [16, 7, 1, 33]) expect(hex(a.bytes(n))).to.equal(hex(b.bytes(n)))
  })

  it('gives different bytes for different seeds', () => {
    const seen = new Set([0, 1, 2, 3, 42, 2 ** 31].map((seed) => hex(seededIds(seed).bytes(16))))
    expect(seen.size).to.equal(6)
  })

  it('uses 1 as the default seed', () => {
    expect(hex(seededIds().bytes(16))).to.equal(hex(seededIds(1).bytes(16)))
  })

  it('gives fresh bytes on every call', () => {
    const ids = seededIds(9)
    const seen = new Set(Array.from({ length: 100 }, () => hex(ids.bytes(16))))
    expect(seen.size).to.equal(100)
  })

  it('gives exactly the number of bytes asked for', () => {
    const ids = seededIds(3)
    for (const n of [0, 1, 3, 4, 5, 16, 17]) expect(ids.bytes(n)).to.have.length(n)
  })

  it('does not give all-zero or constant bytes', () => {
    const bytes = seededIds(0).bytes(64)
    expect(new Set(bytes).size).to.be.greaterThan(16)
  })
})

describe('randomIds', () => {
  it('gives the number of bytes asked for, different every time', () => {
    expect(randomIds.bytes(16)).to.have.length(16)
    expect(hex(randomIds.bytes(16))).to.not.equal(hex(randomIds.bytes(16)))
  })
})
