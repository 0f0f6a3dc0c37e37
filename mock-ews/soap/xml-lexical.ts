/**
 * The character level of the request reader (xml-reader.ts): names and qualified names (XML 1.0
 * fifth edition, Namespaces in XML 1.0), white space, entity and character references, character
 * data and attribute values with XML's normalisation of line ends and attribute white space.
 * Every function reads from an index of the document text and fails with XmlSyntaxError at the
 * index of the problem.
 */
export class XmlSyntaxError extends Error {
  constructor(
    message: string,
    /** Index in the text of the character where the problem is. */
    readonly index: number,
  ) {
    super(message)
  }
}

export function fail(message: string, index: number): never {
  throw new XmlSyntaxError(message, index)
}

// Names (XML 1.0 fifth edition). ASCII by table: 1 = may start a name, 2 = may continue one.
const ASCII = new Uint8Array(128)
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c)
  if (/[A-Za-z_:]/.test(ch)) ASCII[c] = 3
  else if (/[0-9.-]/.test(ch)) ASCII[c] = 2
}

function nameStartCode(c: number): boolean {
  return (
    (c >= 0xc0 && c <= 0xd6) ||
    (c >= 0xd8 && c <= 0xf6) ||
    (c >= 0xf8 && c <= 0x2ff) ||
    (c >= 0x370 && c <= 0x37d) ||
    (c >= 0x37f && c <= 0x1fff) ||
    (c >= 0x200c && c <= 0x200d) ||
    (c >= 0x2070 && c <= 0x218f) ||
    (c >= 0x2c00 && c <= 0x2fef) ||
    (c >= 0x3001 && c <= 0xd7ff) ||
    (c >= 0xf900 && c <= 0xfdcf) ||
    (c >= 0xfdf0 && c <= 0xfffd) ||
    (c >= 0x10000 && c <= 0xeffff)
  )
}

function nameCode(c: number): boolean {
  return (
    nameStartCode(c) || c === 0xb7 || (c >= 0x300 && c <= 0x36f) || c === 0x203f || c === 0x2040
  )
}

/** Where the Name starting at `i` ends; fails when none starts there. */
export function nameEnd(xml: string, i: number): number {
  const n = xml.length
  if (i >= n) fail('Unexpected end of file while parsing a name.', i)
  let c = xml.charCodeAt(i)
  if (c < 128 ? !(ASCII[c]! & 1) : !nameStartCode(xml.codePointAt(i)!))
    fail(`Name cannot begin with the ${describe(xml, i)}.`, i)
  let j = i + (c >= 0xd800 && c <= 0xdbff ? 2 : 1)
  while (j < n) {
    c = xml.charCodeAt(j)
    if (c < 128) {
      if (!(ASCII[c]! & 2)) return j
      j++
    } else {
      const cp = xml.codePointAt(j)!
      if (!nameCode(cp)) return j
      j += cp > 0xffff ? 2 : 1
    }
  }
  return j
}

/** Where the colon of a QName is (-1 for none); fails on a name that is not a QName. */
export function qnameColon(name: string, at: number): number {
  const colon = name.indexOf(':')
  if (colon === -1) return -1
  const c = name.codePointAt(colon + 1) ?? 0
  if (
    colon === 0 ||
    name.indexOf(':', colon + 1) !== -1 ||
    !(c < 128 ? ASCII[c] === 3 && c !== 0x3a : nameStartCode(c))
  )
    fail(`The name '${name}' is not a valid qualified name (prefix:local-name).`, at)
  return colon
}

export function describe(xml: string, i: number): string {
  if (i >= xml.length) return 'end of the document'
  const cp = xml.codePointAt(i)!
  const hex = cp.toString(16).toUpperCase().padStart(2, '0')
  return `'${cp < 0x20 ? ' ' : String.fromCodePoint(cp)}' character, hexadecimal value 0x${hex}`
}

export function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d
}

export function skipSpace(xml: string, i: number): number {
  while (isSpace(xml.charCodeAt(i))) i++
  return i
}

/** Where the reference `reference` last decoded ends (just past its `;`). */
export let referenceEnd = 0

/** Decodes the entity or character reference at `i` (its `&`). */
function reference(xml: string, i: number): string {
  if (xml.charCodeAt(i + 1) === 0x23 /* # */) {
    const hex = xml.charCodeAt(i + 2) === 0x78 /* x */
    const first = i + (hex ? 3 : 2)
    const digits = hex ? /[0-9A-Fa-f]*/y : /[0-9]*/y
    digits.lastIndex = first
    const value = digits.exec(xml)![0]
    const end = first + value.length
    if (value === '' || xml.charCodeAt(end) !== 0x3b /* ; */)
      fail(`Invalid syntax for a ${hex ? 'hexadecimal' : 'decimal'} numeric entity reference.`, end)
    const cp = value.length > 8 ? Infinity : parseInt(value, hex ? 16 : 10)
    const ok =
      cp >= 0x20
        ? cp <= 0xd7ff || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff)
        : cp === 0x9 || cp === 0xa || cp === 0xd
    if (!ok) fail('Invalid value of a character entity reference.', first)
    referenceEnd = end + 1
    return String.fromCodePoint(cp)
  }
  // The predefined five first, without reading a name: a body can hold millions of them.
  const c = xml.charCodeAt(i + 1)
  if (c === 0x61 /* a */ && xml.startsWith('amp;', i + 1)) return predefined(i + 5, '&')
  if (c === 0x6c /* l */ && xml.startsWith('lt;', i + 1)) return predefined(i + 4, '<')
  if (c === 0x67 /* g */ && xml.startsWith('gt;', i + 1)) return predefined(i + 4, '>')
  if (c === 0x71 /* q */ && xml.startsWith('quot;', i + 1)) return predefined(i + 6, '"')
  if (c === 0x61 /* a */ && xml.startsWith('apos;', i + 1)) return predefined(i + 6, "'")
  const end = nameEnd(xml, i + 1)
  const name = xml.slice(i + 1, end)
  if (xml.charCodeAt(end) !== 0x3b) fail(`An entity reference '&${name}' must end with ';'.`, end)
  return fail(`Reference to undeclared entity '${name}'.`, i + 1)
}

function predefined(end: number, value: string): string {
  referenceEnd = end
  return value
}

const TEXT_SPECIAL = /[&\r]|]]>/

/** Above this many characters, text with references is decoded into a buffer (decodeLarge). */
const LARGE = 65_536

/**
 * Large text (or an attribute value: white space to spaces, `<` refused) with references or CRs, decoded code unit by code unit into one buffer and made a
 * string once: building it by concatenation took ~0.3 s for 2,000,000 `&amp;` (a string of two
 * million pieces), this ~30 ms. The decoded text is never longer than the raw text.
 */
function decodeLarge(xml: string, from: number, to: number, attribute = false): string {
  const units = new Uint16Array(to - from)
  let n = 0
  for (let j = from; j < to;) {
    const c = xml.charCodeAt(j)
    if (c === 0x26 /* & */) {
      const value = reference(xml, j)
      units[n++] = value.charCodeAt(0)
      if (value.length === 2) units[n++] = value.charCodeAt(1)
      j = referenceEnd
    } else if (c === 0x0d) {
      units[n++] = attribute ? 0x20 : 0x0a
      j += xml.charCodeAt(j + 1) === 0x0a ? 2 : 1
    } else if (attribute && (c === 0x09 || c === 0x0a)) {
      units[n++] = 0x20
      j++
    } else if (attribute && c === 0x3c) {
      fail(LT_IN_VALUE, j)
    } else {
      units[n++] = c
      j++
    }
  }
  return Buffer.from(units.buffer, 0, n * 2).toString('utf16le')
}

/** Character data between `from` and `to` (no `<` in it): references decoded, line ends normalised. */
export function text(xml: string, from: number, to: number): string {
  const raw = xml.slice(from, to)
  if (!TEXT_SPECIAL.test(raw)) return raw
  const cdataEnd = raw.indexOf(']]>')
  if (cdataEnd !== -1) fail("']]>' is not allowed in character data.", from + cdataEnd)
  if (to - from > LARGE) return decodeLarge(xml, from, to)
  // From one `&` or CR to the next (indexOf, not a loop over every character): a body may be
  // megabytes, and hold millions of references. Searched in this text only: searching the rest of
  // the document made each of many small text nodes cost the document's length.
  const next = (c: string, at: number): number => {
    const k = raw.indexOf(c, at - from)
    return k === -1 ? to : k + from
  }
  let out = ''
  let last = from
  let amp = next('&', from)
  let cr = next('\r', from)
  while (amp < to || cr < to) {
    if (amp < cr) {
      if (amp > last) out += xml.slice(last, amp)
      out += reference(xml, amp)
      last = referenceEnd
      amp = next('&', last)
    } else {
      out += xml.slice(last, cr)
      out += '\n'
      last = cr + (xml.charCodeAt(cr + 1) === 0x0a ? 2 : 1)
      cr = next('\r', last)
    }
  }
  return out + xml.slice(last, to)
}

const VALUE_SPECIAL = /[<&\t\n\r]/
const LT_IN_VALUE = "'<', hexadecimal value 0x3C, is an invalid attribute character."

/** The attribute value quoted at `q`, normalised; sets `referenceEnd` past its closing quote. */
export function attributeValue(xml: string, q: number): string {
  const quote = xml.charCodeAt(q)
  if (quote !== 0x22 && quote !== 0x27)
    fail(`${describe(xml, q)} is an unexpected token. The expected token is '"' or "'".`, q)
  const close = xml.indexOf(quote === 0x22 ? '"' : "'", q + 1)
  if (close === -1) fail('An attribute value is not closed.', q)
  const raw = xml.slice(q + 1, close)
  if (!VALUE_SPECIAL.test(raw)) {
    referenceEnd = close + 1
    return raw
  }
  if (raw.length > LARGE) {
    const value = decodeLarge(xml, q + 1, close, true)
    referenceEnd = close + 1
    return value
  }
  let out = ''
  let last = q + 1
  for (let j = q + 1; j < close; j++) {
    const c = xml.charCodeAt(j)
    if (c === 0x3c) fail(LT_IN_VALUE, j)
    if (c === 0x26) {
      out += xml.slice(last, j) + reference(xml, j)
      last = referenceEnd
      j = last - 1
    } else if (c === 0x09 || c === 0x0a || c === 0x0d) {
      out += xml.slice(last, j) + ' '
      if (c === 0x0d && xml.charCodeAt(j + 1) === 0x0a) j++
      last = j + 1
    }
  }
  referenceEnd = close + 1
  return out + xml.slice(last, close)
}
