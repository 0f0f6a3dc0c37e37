import { randomBytes } from 'node:crypto'

/**
 * Source of the random bytes inside ids (mailbox GUIDs, folder and item ids).
 * Injected so that a seeded generator gives byte-stable ids in tests and golden XML.
 */
export interface IdGenerator {
  /** `n` fresh bytes. */
  bytes(n: number): Uint8Array
}

/** Cryptographically random ids (the production default). */
export const randomIds: IdGenerator = { bytes: (n) => randomBytes(n) }

/**
 * A deterministic generator: the same seed gives the same sequence of bytes (splitmix32).
 * @example
 * const ids = seededIds(42)
 */
export function seededIds(seed = 1): IdGenerator {
  let state = seed >>> 0
  const next = (): number => {
    state = (state + 0x9e3779b9) >>> 0
    let z = state
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0
    return (z ^ (z >>> 16)) >>> 0
  }
  return {
    bytes(n) {
      const out = new Uint8Array(n)
      for (let i = 0; i < n; i += 4) {
        const v = next()
        for (let j = 0; j < 4 && i + j < n; j++) out[i + j] = (v >>> (8 * j)) & 0xff
      }
      return out
    },
  }
}
