/** Strings read from a request, made safe to keep. */

/**
 * A copy of `s` that shares no memory with the text it was cut from. The XML parser's strings are
 * substrings of the whole request, and V8 keeps a substring of 13 or more characters as a view
 * into its parent: stored as it came, a subject would keep its request's whole text alive as long
 * as the item (measured: a 20 KB request kept 20 KB per stored item). Prepending a character
 * makes V8 flatten into a new string, which the slice then views; the request text is let go.
 * The slice itself costs 32 bytes: where many short strings are kept, see `ownCompactString`.
 */
export function ownString<T extends string | undefined>(s: T): T {
  return (s === undefined || s.length < 13 ? s : (' ' + s).slice(1)) as T
}

const SCRATCH = Buffer.allocUnsafe(4096)

/**
 * `ownString`, 32 bytes smaller for an ASCII string up to 4 KB (ids, addresses, subjects, most
 * bodies): copied through a Buffer, it becomes a flat string of its own, not a view into a copy.
 * Slower than `ownString` (~0.25 µs a KB against ~0.05): for what a store keeps by the hundred
 * thousand, not for what a request passes along (docs/decisions/0069).
 */
export function ownCompactString<T extends string | undefined>(s: T): T {
  if (s === undefined || s.length < 13) return s
  if (s.length > SCRATCH.length || Buffer.byteLength(s, 'utf8') !== s.length) return ownString(s)
  return SCRATCH.toString('latin1', 0, SCRATCH.write(s, 0, 'latin1')) as T
}
