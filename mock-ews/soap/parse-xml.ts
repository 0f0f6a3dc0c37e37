/**
 * Safe XML parsing for untrusted request bodies. No DTD is ever processed: a DOCTYPE is refused before
 * the parser sees it, so external entities are never resolved and entity expansion cannot happen.
 * Nesting depth, attributes per element, nodes per document, invalid characters and character
 * references to characters XML forbids (`&#0;`, `&#x1B;`, `&#xFFFF;`, `&#xD800;`) are checked in one
 * linear pass first, so hostile documents are refused in time proportional to their length.
 */
import { readXml, XmlSyntaxError } from './xml-reader.ts'
import type { Document } from './xml-tree.ts'
import { EwsError } from '../domain/errors.ts'

export interface XmlLimits {
  /** Deepest element nesting accepted (real EWS requests stay under 30). */
  maxDepth: number
  /** Most attributes (namespace declarations included) on one element; 256 when not given. */
  maxAttributes?: number
  /**
   * Most nodes in the whole document — elements, attributes, text runs, comments, CDATA sections and
   * processing instructions, as the DOM will hold them; 20,000 when not given (docs/decisions/0019).
   */
  maxNodes?: number
}

export const DEFAULT_XML_LIMITS = {
  maxDepth: 256,
  maxAttributes: 256,
  maxNodes: 20_000,
} as const satisfies XmlLimits

// One decoder for every request: decode() without `stream` keeps no state between calls.
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false })

/** Decodes a request body: UTF-8 (with or without BOM) or UTF-16 with a BOM; anything else is refused. */
export function decodeBody(body: Buffer): string {
  const utf16le = body.length >= 2 && body[0] === 0xff && body[1] === 0xfe
  const utf16be = body.length >= 2 && body[0] === 0xfe && body[1] === 0xff
  if (utf16le || utf16be) {
    // An odd byte count leaves half a code unit: undecodable, like invalid UTF-8 (Node would drop it).
    if (body.length % 2 !== 0)
      throw xmlError('The request is not valid UTF-16 text: it ends inside a character.', 1, 1)
    const units = utf16be ? Buffer.from(body.subarray(2)).swap16() : body.subarray(2)
    return units.toString('utf16le') // unpaired surrogates are refused by the prescan
  }
  try {
    return UTF8.decode(body)
  } catch {
    throw xmlError('The request is not valid UTF-8 text.', 1, 1)
  }
}

/** Parses XML text into a tree, or throws ErrorSchemaValidation with line and position. */
export function parseXml(xml: string, limits: XmlLimits = DEFAULT_XML_LIMITS): Document {
  if (xml.trim() === '') throw new EwsError('ErrorInvalidRequest', 'The request body is empty.')
  prescan(xml, limits)
  try {
    return readXml(xml)
  } catch (e) {
    if (e instanceof XmlSyntaxError) fail(xml, e.index, e.message)
    throw e
  }
}

// XML 1.0 Char production, minus what is fine everywhere.
const INVALID_CHAR = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u

/**
 * One pass: refuses DTDs anywhere, invalid characters (raw or as character references), nesting
 * deeper than the limit, elements with more attributes than the limit, and documents with more
 * nodes than the limit (docs/decisions/0019).
 */
function prescan(xml: string, limits: XmlLimits): void {
  const bad = INVALID_CHAR.exec(xml)
  if (bad) fail(xml, bad.index, invalidCharacter(bad[0].codePointAt(0)!))
  const maxAttributes = limits.maxAttributes ?? DEFAULT_XML_LIMITS.maxAttributes
  const maxNodes = limits.maxNodes ?? DEFAULT_XML_LIMITS.maxNodes
  let nodes = 0
  const count = (n: number, at: number): void => {
    nodes += n
    if (nodes > maxNodes)
      fail(
        xml,
        at,
        `The document has more than ${maxNodes} nodes (elements, attributes, text, comments).`,
      )
  }
  let depth = 0
  // The next `&#` not yet looked at: references in text and attribute values are checked as the
  // walk passes them; those inside comments, CDATA sections and PIs are only text, and skipped.
  let ref = xml.indexOf('&#')
  let i = xml.indexOf('<')
  while (i !== -1 && i < xml.length) {
    while (ref !== -1 && ref < i) ref = checkReference(xml, ref)
    const next = xml.charCodeAt(i + 1)
    let end: number
    let markup = true // a tag, where references are checked; false for comments, CDATA, PIs
    if (next === 0x2f /* / */) {
      depth--
      end = xml.indexOf('>', i)
    } else if (next === 0x3f /* ? */) {
      end = closing(xml, '?>', i)
      markup = false
      if (!xml.startsWith('<?xml ', i)) count(1, i) // the declaration is no node
    } else if (xml.startsWith('<!--', i)) {
      end = closing(xml, '-->', i)
      markup = false
      count(1, i)
    } else if (xml.startsWith('<![CDATA[', i)) {
      end = closing(xml, ']]>', i)
      markup = false
      count(1, i)
    } else if (next === 0x21 /* ! */) {
      // <!DOCTYPE, <!ENTITY, <!ELEMENT ...: DTDs are not processed, at all.
      fail(xml, i, 'DTD is prohibited in this XML document.')
    } else {
      end = tagEnd(xml, i, maxAttributes)
      count(1 + tagAttributes, i)
      if (end !== -1 && xml.charCodeAt(end - 1) !== 0x2f) {
        if (++depth > limits.maxDepth)
          fail(xml, i, `The document is nested deeper than ${limits.maxDepth} elements.`)
      }
    }
    if (end! === -1) {
      if (markup) break // an unterminated tag: its references are still checked, below
      return // unterminated: the parser reports it with its position
    }
    if (markup) while (ref !== -1 && ref < end!) ref = checkReference(xml, ref)
    else if (ref !== -1 && ref < end!) ref = xml.indexOf('&#', end!)
    i = xml.indexOf('<', end! + 1)
    if (i > end! + 1 && depth > 0) count(1, end! + 1) // text (white space too) before the next markup
  }
  while (ref !== -1) ref = checkReference(xml, ref)
}

/** Index of the last character of the first `token` after `from` (the `>` ending a comment…), or -1. */
function closing(xml: string, token: string, from: number): number {
  const at = xml.indexOf(token, from)
  return at === -1 ? -1 : at + token.length - 1
}

/**
 * Checks the character reference at `at` (`&#…;` or `&#x…;`) and returns where the next `&#` is.
 * A reference to a character XML forbids, or one that is malformed, is refused as .NET's XmlReader
 * refuses it: a forbidden character at the reference's first digit, bad syntax where it is.
 */
function checkReference(xml: string, at: number): number {
  const hexadecimal = xml.charCodeAt(at + 2) === 0x78 /* x */
  const first = at + (hexadecimal ? 3 : 2)
  let value = 0
  let j = first
  for (; j < xml.length; j++) {
    const digit = digitValue(xml.charCodeAt(j), hexadecimal)
    if (digit < 0) break
    if (value <= 0x10ffff) value = value * (hexadecimal ? 16 : 10) + digit
  }
  if (j === first || xml.charCodeAt(j) !== 0x3b /* ; */) {
    // .NET's reader refuses `&#;` or `&# 1;` at the bad character.
    const kind = hexadecimal ? 'hexadecimal' : 'decimal'
    fail(xml, j, `Invalid syntax for a ${kind} numeric entity reference.`)
  }
  if (value > 0x10ffff) fail(xml, first, 'Invalid value of a character entity reference.')
  if (!isXmlChar(value)) fail(xml, first, invalidCharacter(value))
  return xml.indexOf('&#', j)
}

function digitValue(c: number, hexadecimal: boolean): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30
  if (!hexadecimal) return -1
  if (c >= 0x41 && c <= 0x46) return c - 0x37
  if (c >= 0x61 && c <= 0x66) return c - 0x57
  return -1
}

/** The XML 1.0 Char production. */
function isXmlChar(c: number): boolean {
  return c >= 0x20
    ? c <= 0xd7ff || (c >= 0xe000 && c <= 0xfffd) || (c >= 0x10000 && c <= 0x10ffff)
    : c === 0x9 || c === 0xa || c === 0xd
}

/** .NET's wording ("'…', hexadecimal value 0x1B, is an invalid character.") naming the character by code point. */
function invalidCharacter(codePoint: number): string {
  const hex = codePoint.toString(16).toUpperCase()
  return `Character U+${hex.padStart(4, '0')}, hexadecimal value 0x${hex.padStart(2, '0')}, is an invalid character.`
}

/** How many attributes the start tag `tagEnd` last read has. */
let tagAttributes = 0

/**
 * Index of the `>` closing the start tag at `start`, skipping quoted attribute values; refuses a
 * tag with more than `maxAttributes` attributes (each has one `=` outside quotes).
 */
function tagEnd(xml: string, start: number, maxAttributes: number): number {
  let quote = 0
  let attributes = 0
  for (let j = start + 1; j < xml.length; j++) {
    const c = xml.charCodeAt(j)
    if (quote) {
      if (c === quote) quote = 0
    } else if (c === 0x22 || c === 0x27) quote = c
    else if (c === 0x3e) {
      tagAttributes = attributes
      return j
    } else if (c === 0x3d /* = */ && ++attributes > maxAttributes) {
      const name = /^<([^\s/>]{1,100})/.exec(xml.slice(start, start + 101))?.[1] ?? ''
      fail(xml, start, `The element '${name}' has more than ${maxAttributes} attributes.`)
    }
  }
  tagAttributes = attributes
  return -1
}

function fail(xml: string, index: number, violation: string): never {
  const before = xml.slice(0, index)
  const line = before.split('\n').length
  const position = index - before.lastIndexOf('\n')
  throw xmlError(violation, line, position)
}

function xmlError(violation: string, line: number, position: number): EwsError {
  const text = `${violation.replace(/\s+/g, ' ').trim()} Line ${line}, position ${position}.`
  return new EwsError('ErrorSchemaValidation', `The request failed schema validation: ${text}`, {
    lineNumber: line,
    linePosition: position,
    violation: text,
  })
}
