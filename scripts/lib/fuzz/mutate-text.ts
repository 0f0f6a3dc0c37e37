/** The seeded mutations of a request's text or bytes. */
import type { MutationKind } from './kinds.ts'
import { DEPTH_LIMIT } from './kinds.ts'
import type { Rng } from './rng.ts'
import { NS } from './schema.ts'

/** Applies one text mutation; returns the new body and its description. */
export function mutateText(
  rng: Rng,
  body: string | Uint8Array,
  kind: MutationKind,
  invalidChars: readonly string[],
): { body: string | Uint8Array; what: string } {
  const text = typeof body === 'string' ? body : Buffer.from(body).toString('latin1')
  switch (kind) {
    case 'truncate': {
      const at = rng.int(text.length)
      return { body: sliceBody(body, at), what: `truncate at ${at} of ${text.length}` }
    }
    case 'bytes': {
      const bytes = Buffer.from(typeof body === 'string' ? Buffer.from(body, 'utf8') : body)
      const at = rng.int(bytes.length + 1)
      const junk = Buffer.from(Array.from({ length: 1 + rng.int(16) }, () => rng.int(256)))
      return {
        body: Buffer.concat([bytes.subarray(0, at), junk, bytes.subarray(at)]),
        what: `${junk.length} random bytes at ${at}`,
      }
    }
    case 'char': {
      const s = typeof body === 'string' ? body : Buffer.from(body).toString('utf8')
      const at = rng.int(s.length + 1)
      const c = rng.pick(invalidChars)
      return {
        body: s.slice(0, at) + c + s.slice(at),
        what: `U+${c.charCodeAt(0).toString(16).padStart(4, '0')} at ${at}`,
      }
    }
    case 'doctype': {
      const s = typeof body === 'string' ? body : Buffer.from(body).toString('utf8')
      const dtd = rng.pick([
        '<!DOCTYPE s:Envelope [<!ENTITY x "xxxxxxxxxx">]>',
        '<!DOCTYPE lol [<!ENTITY a "a"><!ENTITY b "&a;&a;&a;&a;">]>',
        '<!DOCTYPE x SYSTEM "file:///etc/passwd">',
      ])
      const decl = /^<\?xml[^>]*\?>\n?/.exec(s)?.[0] ?? ''
      return { body: decl + dtd + s.slice(decl.length), what: 'DOCTYPE' }
    }
    case 'soap12': {
      const s = typeof body === 'string' ? body : Buffer.from(body).toString('utf8')
      return { body: s.split(NS.s).join(NS.s12), what: 'SOAP 1.2 envelope' }
    }
    case 'too-deep': {
      const s = typeof body === 'string' ? body : Buffer.from(body).toString('utf8')
      const at = s.lastIndexOf('</')
      const levels = DEPTH_LIMIT + 1 + rng.int(5000)
      const nest = `${'<t:X>'.repeat(levels)}${'</t:X>'.repeat(levels)}`
      return { body: s.slice(0, at) + nest + s.slice(at), what: `${levels} nested elements` }
    }
    case 'encoding': {
      const s = typeof body === 'string' ? body : Buffer.from(body).toString('utf8')
      const roll = rng.int(3)
      if (roll === 0)
        return {
          body: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, 'utf16le')]),
          what: 'UTF-16LE with BOM',
        }
      if (roll === 1) return { body: Buffer.from(s, 'utf16le'), what: 'UTF-16LE without BOM' }
      return { body: Buffer.from(`${s}é`, 'latin1'), what: 'Latin-1' }
    }
    default:
      throw new Error(`not a text mutation: ${kind}`)
  }
}

function sliceBody(body: string | Uint8Array, at: number): string | Uint8Array {
  return typeof body === 'string' ? body.slice(0, at) : body.subarray(0, at)
}
