import { expect } from 'chai'
import { EwsError } from '../../../mock-ews/domain/errors.ts'
import type { EwsResponseCode } from '../../../mock-ews/domain/errors.ts'
import { decodeId, encodeChangeKey, encodeId, idEncoder } from '../../../mock-ews/domain/ids.ts'

const KEY = '00112233445566778899aabbccddeeff'
const OBJECT = Uint8Array.from({ length: 16 }, (_, i) => 0xf0 + i)
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/

function expectCode(fn: () => unknown, code: EwsResponseCode): void {
  let thrown: unknown
  try {
    fn()
  } catch (e) {
    thrown = e
  }
  expect(thrown, `expected ${code}, nothing was thrown`).to.be.instanceOf(EwsError)
  expect((thrown as EwsError).code).to.equal(code)
}

/** A folder id's bytes, to tamper with. */
const idBytes = (): Buffer => Buffer.from(encodeId('folder', KEY, OBJECT), 'base64')

/** The change number inside a change key. */
const changeNumber = (key: string): bigint => Buffer.from(key, 'base64').readBigUInt64BE(4)

describe('ids', () => {
  describe('encodeId / decodeId', () => {
    it('round-trips the kind and the mailbox key', () => {
      expect(decodeId(encodeId('folder', KEY, OBJECT))).to.deep.equal({
        kind: 'folder',
        mailboxKey: KEY,
      })
      expect(decodeId(encodeId('item', KEY, OBJECT))).to.deep.equal({
        kind: 'item',
        mailboxKey: KEY,
      })
    })

    it('gives folder and item ids of the same bytes different ids', () => {
      expect(encodeId('folder', KEY, OBJECT)).to.not.equal(encodeId('item', KEY, OBJECT))
    })

    it('puts the object bytes in the id: different bytes, different ids', () => {
      const other = Uint8Array.from(OBJECT)
      other[15] = 0
      expect(encodeId('folder', KEY, other)).to.not.equal(encodeId('folder', KEY, OBJECT))
      expect(Buffer.from(encodeId('folder', KEY, OBJECT), 'base64').subarray(18)).to.deep.equal(
        Buffer.from(OBJECT),
      )
    })

    it('is standard base64 of 34 bytes', () => {
      const id = encodeId('folder', KEY, OBJECT)
      expect(id).to.match(BASE64)
      expect(id.length % 4).to.equal(0)
      expect(Buffer.from(id, 'base64')).to.have.length(34)
    })

    it('refuses an empty or blank id with ErrorInvalidIdEmpty', () => {
      expectCode(() => decodeId(''), 'ErrorInvalidIdEmpty')
      expectCode(() => decodeId('   '), 'ErrorInvalidIdEmpty')
    })

    it('refuses an id of the wrong length with ErrorInvalidIdMalformed', () => {
      const bytes = idBytes()
      expectCode(
        () => decodeId(bytes.subarray(0, 33).toString('base64')),
        'ErrorInvalidIdMalformed',
      )
      expectCode(
        () => decodeId(Buffer.concat([bytes, Buffer.from([0])]).toString('base64')),
        'ErrorInvalidIdMalformed',
      )
      expectCode(
        () => decodeId(Buffer.from('folder:1234').toString('base64')),
        'ErrorInvalidIdMalformed',
      )
    })

    it('refuses an id of another version with ErrorInvalidIdMalformed', () => {
      for (const version of [0x00, 0x02, 0xff]) {
        const bytes = idBytes()
        bytes[0] = version
        expectCode(() => decodeId(bytes.toString('base64')), 'ErrorInvalidIdMalformed')
      }
    })

    it('refuses an unknown kind byte with ErrorInvalidIdMalformed', () => {
      for (const kind of [0x00, 0x45, 0x47, 0x48, 0x4a, 0x66, 0x69]) {
        const bytes = idBytes()
        bytes[1] = kind
        expectCode(() => decodeId(bytes.toString('base64')), 'ErrorInvalidIdMalformed')
      }
    })

    it('refuses text that is not base64 with ErrorInvalidIdMalformed', () => {
      const id = encodeId('folder', KEY, OBJECT)
      for (const bad of [
        'not an id',
        id.slice(0, -1),
        `${id}A`,
        id.replace(/^./, '!'),
        `${id.slice(0, -4)}====`,
        id.replace(/\+|\//g, '-').replace(/^./, '-'),
      ]) {
        expectCode(() => decodeId(bad), 'ErrorInvalidIdMalformed')
      }
    })
  })

  describe('idEncoder', () => {
    /** The 34 bytes of an id, laid out by hand. */
    const layout = (kind: number, key: string, object: Uint8Array): string =>
      Buffer.concat([
        Buffer.from([1, kind]),
        Buffer.from(key, 'hex'),
        Buffer.from(object),
      ]).toString('base64')
    const OTHER_KEY = 'ffeeddccbbaa99887766554433221100'

    it('gives each id its own bytes, however the encoders and calls interleave', () => {
      const items = idEncoder('item', KEY)
      const folders = idEncoder('folder', OTHER_KEY)
      const other = Uint8Array.from({ length: 16 }, (_, i) => i)
      expect(items(OBJECT)).to.equal(layout(0x49, KEY, OBJECT))
      expect(folders(other)).to.equal(layout(0x46, OTHER_KEY, other))
      expect(items(other)).to.equal(layout(0x49, KEY, other))
      expect(items(OBJECT)).to.equal(encodeId('item', KEY, OBJECT))
    })

    it('pads fewer than 16 object bytes with zeros, whatever the id before held', () => {
      const items = idEncoder('item', KEY)
      items(OBJECT)
      const short = Uint8Array.from([7, 8])
      const padded = new Uint8Array(16)
      padded.set(short)
      expect(items(short)).to.equal(layout(0x49, KEY, padded))
    })
  })

  describe('encodeChangeKey', () => {
    it('is base64', () => {
      for (const n of [0, 1, 255, 2 ** 32, Number.MAX_SAFE_INTEGER]) {
        const key = encodeChangeKey(n)
        expect(key).to.match(BASE64)
        expect(key.length % 4).to.equal(0)
      }
    })

    it('holds the change number, so keys grow with it', () => {
      const numbers = [1, 2, 3, 255, 256, 65_536, 2 ** 32, 2 ** 40 + 7]
      const keys = numbers.map(encodeChangeKey)
      expect(keys.map(changeNumber)).to.deep.equal(numbers.map(BigInt))
      for (let i = 1; i < keys.length; i++)
        expect(changeNumber(keys[i]!) > changeNumber(keys[i - 1]!)).to.equal(true)
      expect(new Set(keys).size).to.equal(keys.length)
    })
  })
})
