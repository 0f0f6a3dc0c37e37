/**
 * `t:MimeContent` in a new message (CreateItem): the message is read from the MIME (parsed
 * asynchronously in the operation's prepare step, docs/decisions/0038), then the elements given
 * beside it are applied on top, as Exchange applies them (an ExtendedProperty or IsRead sent with
 * the MIME is how clients import mail). Attachments of both are kept.
 */
import type { Element } from '../../soap/xml-tree.ts'
import { EwsError } from '../../domain/errors.ts'
import type { ExtendedProperty } from '../../domain/extended-properties.ts'
import type { ItemFields } from '../../domain/items.ts'
import { decodeMimeContent, parseMime } from '../../mime/parse.ts'
import { child, text } from '../../soap/dom.ts'
import type { NewAttachment } from '../shared/attachment-xml.ts'

type Fields = Partial<Omit<ItemFields, 'attachments'>> & { attachments?: NewAttachment[] }

/** A message whose MIME content is still to be parsed. */
export interface WithMime<T> {
  mimeContent: string
  fields: T
}

/** The message's fields with its `t:MimeContent` text, when it has one. */
export function readMimeContent<T extends Fields>(el: Element, fields: T): T | WithMime<T> {
  const mime = child(el, 't', 'MimeContent')
  if (mime && el.localName !== 'Message') throw notForKind(el.localName ?? '')
  return mime ? { mimeContent: text(mime) ?? '', fields } : fields
}

/** The fields of an entry with MIME content: the MIME's, then the elements beside it on top. */
export async function applyMime<T, F extends Fields>(
  entry: T | WithMime<F>,
): Promise<T | F | EwsError> {
  if (typeof entry !== 'object' || entry === null || !('mimeContent' in entry)) return entry
  try {
    const parsed = await parseMime(decodeMimeContent(entry.mimeContent))
    const given = entry.fields
    const attachments = [...(parsed.attachments ?? []), ...(given.attachments ?? [])]
    return {
      ...parsed,
      ...given,
      extendedProperties: mergeExtended(parsed.extendedProperties, given.extendedProperties),
      ...(attachments.length && { attachments }),
    } as F
  } catch (e) {
    if (e instanceof EwsError) return e
    throw e
  }
}

/** MIME of a contact (vCard) or task is not read or written yet: refused rather than dropped. */
export function notForKind(kind: string): EwsError {
  return new EwsError(
    'ErrorInvalidPropertySet',
    `mock-ews does not read MIME into a ${kind} yet (item:MimeContent); it is refused rather than dropped.`,
  )
}

function mergeExtended(
  fromMime: readonly ExtendedProperty[] | undefined,
  given: readonly ExtendedProperty[] | undefined,
): readonly ExtendedProperty[] | undefined {
  if (!fromMime?.length) return given
  const keys = new Set(given?.map((p) => p.uri.key))
  return [...fromMime.filter((p) => !keys.has(p.uri.key)), ...(given ?? [])]
}
