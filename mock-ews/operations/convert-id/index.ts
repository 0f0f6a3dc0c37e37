// https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/convertid-operation
import type { Element } from '../../soap/xml-tree.ts'
import type { XmlElement } from '../../soap/xml-writer.ts'
import { EwsError } from '../../domain/errors.ts'
import { decodeId } from '../../domain/ids.ts'
import { attr, childElements, enumAttr, requiredChild, schemaError } from '../../soap/dom.ts'
import { NS } from '../../soap/namespaces.ts'
import { attempt } from '../operation.ts'
import type { Operation, OperationContext, Outcome } from '../operation.ts'

const FORMATS = ['EwsLegacyId', 'EwsId', 'EntryId', 'HexEntryId', 'StoreId', 'OwaId'] as const
type IdFormat = (typeof FORMATS)[number]

interface AlternateId {
  format: IdFormat
  id: string
  mailbox: string
}

interface ConvertIdRequest {
  destination: IdFormat
  ids: AlternateId[]
}

/**
 * mock-ews ids are one binary in several spellings: base64 (EwsId, EwsLegacyId, EntryId, StoreId),
 * upper-case hex (HexEntryId) and URL-safe base64 (OwaId). Enough for clients that probe with
 * ConvertId (exchangelib) and for round trips.
 */
export const convertId: Operation<ConvertIdRequest, AlternateId> = {
  name: 'ConvertId',
  parse(el: Element): ConvertIdRequest {
    const ids = childElements(requiredChild(el, 'm', 'SourceIds'), NS.t, 'AlternateId').map(
      (a) => ({
        format: enumAttr(a, 'Format', FORMATS),
        id: attr(a, 'Id') ?? '',
        mailbox: requiredNonEmpty(a, 'Mailbox'),
      }),
    )
    if (ids.length === 0) throw schemaError("The element 'SourceIds' has incomplete content.")
    return { destination: enumAttr(el, 'DestinationFormat', FORMATS), ids }
  },
  count: (req) => req.ids.length,
  handle(req: ConvertIdRequest, _ctx: OperationContext): Outcome<AlternateId>[] {
    return req.ids.map((source) =>
      attempt(() => {
        const bytes = toBytes(source)
        decodeId(bytes.toString('base64')) // refuses anything that is not one of our ids
        return {
          format: req.destination,
          id: fromBytes(bytes, req.destination),
          mailbox: source.mailbox,
        }
      }),
    )
  },
  renderPayload(message: XmlElement, alt: AlternateId): void {
    message
      .ele(NS.m, 'm:AlternateId')
      .att('http://www.w3.org/2001/XMLSchema-instance', 'xsi:type', 't:AlternateIdType')
      .att('Format', alt.format)
      .att('Id', alt.id)
      .att('Mailbox', alt.mailbox)
  },
}

function requiredNonEmpty(el: Element, name: string): string {
  const value = attr(el, name)
  if (!value)
    throw schemaError(`The attribute '${name}' of 'AlternateId' is required and may not be empty.`)
  return value
}

function toBytes(source: AlternateId): Buffer {
  const malformed = new EwsError('ErrorInvalidIdMalformed')
  if (source.format === 'HexEntryId') {
    if (!/^([0-9A-Fa-f]{2})+$/.test(source.id)) throw malformed
    return Buffer.from(source.id, 'hex')
  }
  const b64 =
    source.format === 'OwaId' ? source.id.replace(/-/g, '+').replace(/_/g, '/') : source.id
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(b64)) throw malformed
  return Buffer.from(b64, 'base64')
}

function fromBytes(bytes: Buffer, format: IdFormat): string {
  if (format === 'HexEntryId') return bytes.toString('hex').toUpperCase()
  if (format === 'OwaId') return bytes.toString('base64url')
  return bytes.toString('base64')
}
