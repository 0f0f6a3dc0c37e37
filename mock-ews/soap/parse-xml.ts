/**
 * Safe XML parsing for untrusted request bodies. No DTD is ever processed: a DOCTYPE is refused before
 * the parser sees it, so external entities are never resolved and entity expansion cannot happen.
 * Nesting depth and invalid characters are checked in one linear pass first, so hostile documents
 * are refused in time proportional to their length.
 */
import { DOMParser } from '@xmldom/xmldom'
import type { Document } from '@xmldom/xmldom'
import { EwsError } from '../domain/errors.ts'

export interface XmlLimits {
  /** Deepest element nesting accepted (real EWS requests stay under 30). */
  maxDepth: number
}

export const DEFAULT_XML_LIMITS: XmlLimits = { maxDepth: 256 }

/** Decodes a request body: UTF-8 (with or without BOM) or UTF-16 with a BOM; anything else is refused. */
export function decodeBody(body: Buffer): string {
  if (body.length >= 2 && body[0] === 0xff && body[1] === 0xfe)
    return body.subarray(2).toString('utf16le')
  if (body.length >= 2 && body[0] === 0xfe && body[1] === 0xff) {
    const swapped = Buffer.from(body.subarray(2))
    swapped.swap16()
    return swapped.toString('utf16le')
  }
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(body)
  } catch {
    throw xmlError('The request is not valid UTF-8 text.', 1, 1)
  }
}

/** Parses XML text into a DOM, or throws ErrorSchemaValidation with line and position. */
export function parseXml(xml: string, limits: XmlLimits = DEFAULT_XML_LIMITS): Document {
  if (xml.trim() === '') throw new EwsError('ErrorInvalidRequest', 'The request body is empty.')
  prescan(xml, limits)
  // The first problem the parser reports, kept here because xmldom wraps what onError throws.
  let first: EwsError | undefined
  const parser = new DOMParser({
    // Warnings too: xmldom only warns about some well-formedness errors (unquoted attribute values).
    onError(level, message, context) {
      // U+FFFD in text is legal XML; xmldom only notes that a decoder may have replaced something.
      if (level === 'warning' && /replacement character/i.test(message)) return
      const loc = (
        context as { locator?: { lineNumber?: number; columnNumber?: number } } | undefined
      )?.locator
      first ??= xmlError(message, loc?.lineNumber || 1, loc?.columnNumber || 1)
      throw first
    },
  })
  try {
    return parser.parseFromString(xml, 'text/xml')
  } catch (e) {
    if (first) throw first
    const loc = (e as { locator?: { lineNumber?: number; columnNumber?: number } }).locator
    throw xmlError((e as Error).message, loc?.lineNumber || 1, loc?.columnNumber || 1)
  }
}

// XML 1.0 Char production, minus what is fine everywhere.
const INVALID_CHAR = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u

/** One pass: refuses DTDs anywhere, invalid characters, and nesting deeper than the limit. */
function prescan(xml: string, limits: XmlLimits): void {
  const bad = INVALID_CHAR.exec(xml)
  if (bad)
    fail(
      xml,
      bad.index,
      `Character U+${hex(bad[0], 4)}, hexadecimal value 0x${hex(bad[0], 1)}, is an invalid character.`,
    )
  let depth = 0
  let i = xml.indexOf('<')
  while (i !== -1 && i < xml.length) {
    const next = xml.charCodeAt(i + 1)
    let end: number
    if (next === 0x2f /* / */) {
      depth--
      end = xml.indexOf('>', i)
    } else if (next === 0x3f /* ? */) {
      end = xml.indexOf('?>', i)
    } else if (xml.startsWith('<!--', i)) {
      end = xml.indexOf('-->', i)
    } else if (xml.startsWith('<![CDATA[', i)) {
      end = xml.indexOf(']]>', i)
    } else if (next === 0x21 /* ! */) {
      // <!DOCTYPE, <!ENTITY, <!ELEMENT ...: DTDs are not processed, at all.
      fail(xml, i, 'DTD is prohibited in this XML document.')
    } else {
      end = tagEnd(xml, i)
      if (end !== -1 && xml.charCodeAt(end - 1) !== 0x2f) {
        if (++depth > limits.maxDepth)
          fail(xml, i, `The document is nested deeper than ${limits.maxDepth} elements.`)
      }
    }
    if (end! === -1) return // unterminated: the parser reports it with its position
    i = xml.indexOf('<', end! + 1)
  }
}

/** Index of the `>` closing the start tag at `start`, skipping quoted attribute values. */
function tagEnd(xml: string, start: number): number {
  let quote = 0
  for (let j = start + 1; j < xml.length; j++) {
    const c = xml.charCodeAt(j)
    if (quote) {
      if (c === quote) quote = 0
    } else if (c === 0x22 || c === 0x27) quote = c
    else if (c === 0x3e) return j
  }
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

/** The code point of a character in upper-case hex, at least `width` digits. */
function hex(c: string, width: number): string {
  return c.codePointAt(0)!.toString(16).toUpperCase().padStart(width, '0')
}
