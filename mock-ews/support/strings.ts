/** Strings read from a request, made safe to keep. */

/**
 * A copy of `s` that shares no memory with the text it was cut from. The XML parser's strings are
 * substrings of the whole request, and V8 keeps a substring of 13 or more characters as a view
 * into its parent: stored as it came, a subject would keep its request's whole text alive as long
 * as the item (measured: a 20 KB request kept 20 KB per stored item).
 * An ASCII string (the usual case: addresses, ids, most bodies) is copied through a latin1 Buffer,
 * which gives a flat string of its own. Any other string gets a character prepended, which makes
 * V8 flatten into a new string, and is sliced back: the request text is let go, but the result is
 * a 32-byte view into that new string (docs/decisions/0069).
 */
export function ownString<T extends string | undefined>(s: T): T {
  if (s === undefined || s.length < 13) return s
  return (
    Buffer.byteLength(s, 'utf8') === s.length
      ? Buffer.from(s, 'latin1').toString('latin1')
      : (' ' + s).slice(1)
  ) as T
}
