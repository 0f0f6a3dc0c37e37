/** Strings read from a request, made safe to keep. */

/**
 * A copy of `s` that shares no memory with the text it was cut from. The XML parser's strings are
 * substrings of the whole request, and V8 keeps a substring of 13 or more characters as a view
 * into its parent: stored as it came, a subject would keep its request's whole text alive as long
 * as the item (measured: a 20 KB request kept 20 KB per stored item). Prepending a character
 * makes V8 flatten into a new string, which the slice then views; the request text is let go.
 */
export function ownString<T extends string | undefined>(s: T): T {
  return (s === undefined || s.length < 13 ? s : (' ' + s).slice(1)) as T
}
