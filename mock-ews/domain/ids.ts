/**
 * Id and change-key encoding. Ids are standard base64 of an opaque binary, like Exchange's EwsIds
 * (reference/ews-protocol.md §3.2): version byte, kind byte, the mailbox's 16-byte GUID, 16 object bytes.
 * Because the mailbox is inside the id, an id from another mailbox is recognised as such.
 */
import { EwsError } from './errors.ts'

export type IdKind = 'folder' | 'item'

const VERSION = 0x01
const KIND_BYTE: Record<IdKind, number> = { folder: 0x46, item: 0x49 }
const ID_LENGTH = 34
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/

export interface DecodedId {
  kind: IdKind
  /** Hex of the mailbox GUID. */
  mailboxKey: string
}

/** Builds an id from a mailbox GUID and 16 fresh bytes. */
export function encodeId(kind: IdKind, mailboxKey: string, objectBytes: Uint8Array): string {
  return idEncoder(kind, mailboxKey)(objectBytes)
}

/**
 * encodeId for one kind in one mailbox: the version, kind and GUID are written once into a buffer
 * the encoder keeps, and each id writes only its 16 object bytes (an item id is made on every
 * delivery). Synchronous, so the buffer is never shared by two calls at once.
 */
export function idEncoder(kind: IdKind, mailboxKey: string): (objectBytes: Uint8Array) => string {
  const buf = Buffer.alloc(ID_LENGTH)
  buf[0] = VERSION
  buf[1] = KIND_BYTE[kind]
  buf.write(mailboxKey, 2, 16, 'hex')
  return (objectBytes) => {
    if (objectBytes.length < 16) buf.fill(0, 18)
    buf.set(objectBytes.subarray(0, 16), 18)
    return buf.toString('base64')
  }
}

/**
 * Reads an id. Empty → ErrorInvalidIdEmpty; not one of ours → ErrorInvalidIdMalformed.
 * The kind is returned, not checked: callers decide what a wrong kind means.
 */
export function decodeId(id: string): DecodedId {
  if (id.trim() === '') throw new EwsError('ErrorInvalidIdEmpty')
  if (id.length % 4 !== 0 || !BASE64.test(id)) throw new EwsError('ErrorInvalidIdMalformed')
  const buf = Buffer.from(id, 'base64')
  if (buf.length !== ID_LENGTH || buf[0] !== VERSION) throw new EwsError('ErrorInvalidIdMalformed')
  const kind =
    buf[1] === KIND_BYTE.folder ? 'folder' : buf[1] === KIND_BYTE.item ? 'item' : undefined
  if (!kind) throw new EwsError('ErrorInvalidIdMalformed')
  return { kind, mailboxKey: buf.subarray(2, 18).toString('hex') }
}

/** A change key's bytes: 01 00 00 00, then the change number (64 bits, big-endian). */
const CHANGE_KEY = Buffer.from([1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0])

/** A change key for change number `n` (store-wide, so keys only ever grow). */
export function encodeChangeKey(n: number): string {
  // The 64-bit number as two 32-bit halves, in one buffer for every key (a Buffer and a BigInt per
  // key were a measurable part of a delivery).
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`Not a change number: ${n}`)
  CHANGE_KEY.writeUInt32BE(Math.floor(n / 0x1_0000_0000), 4)
  CHANGE_KEY.writeUInt32BE(n >>> 0, 8)
  return CHANGE_KEY.toString('base64')
}
