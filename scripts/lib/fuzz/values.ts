/** The bad values, characters, namespaces and batch limits the mutations draw from. */
import { NS } from './schema.ts'

/** Values of the wrong type, range, size or kind for attributes and text. */
export const BAD_VALUES = [
  '',
  ' ',
  '-1',
  '0',
  '2147483648',
  '-9223372036854775809',
  '1e308',
  'NaN',
  'Infinity',
  'true',
  'FALSE',
  'null',
  'undefined',
  '[object Object]',
  'Inbox',
  'INBOX',
  'msgfolderroot ',
  'IPM.Note.Microsoft.Missed',
  '2016-13-45T25:61:61Z',
  '0001-01-01T00:00:00Z',
  '9999-12-31T23:59:59Z',
  'AAMkAD==',
  'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
  '!!!not base64!!!',
  'eyJ2IjoxLCJmIjoiIn0=',
  '%s%n%x',
  '${7*7}',
  '../../../../etc/passwd',
  'x'.repeat(300),
  '\u{1F600}\u202E\u200B',
  'é\u0301',
  '&amp;&lt;&gt;',
  'DUMMY',
  'alice@contoso.com',
  'CONTOSO\\alice',
  'bob@contoso.com',
]

/** Characters never allowed in XML 1.0 (text-level 'char'). */
export const INVALID_CHARS = ['\u0000', '\u0001', '\u0008', '\u000b', '\u001f', '\ufffe', '\uffff']
/** Characters that may or may not break the document where they land (tree-level text). */
export const AWKWARD_TEXT = ['<', '&', ']]>', '"', "'", '\u0085', '\u2028', '\ud800', '\udfff']

export const WRONG_NAMESPACES = [
  NS.m,
  NS.t,
  NS.e,
  NS.s,
  NS.s12,
  'http://schemas.microsoft.com/exchange/services/2006/Types',
  'http://schemas.microsoft.com/exchange/services/2010/types',
  'urn:fuzz',
]

/** Bytes of copies one 'repeat' adds at most. */
export const REPEAT_BYTES = 512 * 1024
