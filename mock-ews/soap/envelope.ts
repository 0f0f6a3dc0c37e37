/**
 * SOAP 1.1 envelopes: reading a request's header and operation element, and writing responses
 * and faults in the exact shape real clients expect (reference/ews-protocol.md §0, §1.6, §1.7).
 */
import type { Document, Element } from './xml-tree.ts'
import { EwsError } from '../domain/errors.ts'
import type { ServerVersionInfo } from '../topology/profiles.ts'
import { attr, child, childElements, schemaError } from './dom.ts'
import { writeDocument } from './xml-writer.ts'
import type { XmlElement } from './xml-writer.ts'
import { NS, XMLNS_NS } from './namespaces.ts'

export interface SoapRequest {
  /** The first (and only) element of soap:Body. */
  operation: Element
  /** `t:RequestServerVersion/@Version`, undefined when the header is absent. */
  requestServerVersion: string | undefined
  /** `t:ExchangeImpersonation`, when present. */
  impersonation: Element | undefined
  /** `t:TimeZoneContext/t:TimeZoneDefinition`, when present. */
  timeZoneContext?: Element | undefined
}

/** Reads a SOAP request envelope; anything that is not one is ErrorSchemaValidation. */
export function readEnvelope(doc: Document): SoapRequest {
  const env = doc.documentElement
  if (!env || env.localName !== 'Envelope' || env.namespaceURI !== NS.soap) {
    throw schemaError(
      `The root element must be '{${NS.soap}}Envelope', found '{${env?.namespaceURI ?? ''}}${env?.localName ?? ''}'.`,
    )
  }
  const parts = childElements(env)
  const header = parts.find((p) => p.localName === 'Header' && p.namespaceURI === NS.soap)
  const bodies = parts.filter((p) => p.localName === 'Body' && p.namespaceURI === NS.soap)
  if (bodies.length > 1)
    throw schemaError("The element 'Envelope' has more than one 'Body' element.")
  const body = bodies[0]
  if (!body)
    throw schemaError("The element 'Envelope' is missing its required child element 'Body'.")
  const ops = childElements(body)
  if (ops.length === 0)
    throw new EwsError(
      'ErrorInvalidRequest',
      'The request is invalid: soap:Body has no operation element.',
    )
  if (ops.length > 1)
    throw schemaError(
      `The element 'Body' has ${ops.length} child elements; EWS takes one operation per request.`,
    )
  const operation = ops[0]!
  let requestServerVersion: string | undefined
  const rsv = header && child(header, 't', 'RequestServerVersion')
  if (rsv) {
    requestServerVersion = attr(rsv, 'Version')
    if (requestServerVersion === undefined)
      throw schemaError("The required attribute 'Version' is missing.")
  }
  const tz = header && child(header, 't', 'TimeZoneContext')
  return {
    operation,
    requestServerVersion,
    impersonation: header && child(header, 't', 'ExchangeImpersonation'),
    timeZoneContext: tz && child(tz, 't', 'TimeZoneDefinition'),
  }
}

/**
 * Writes a response envelope: XML declaration, s:Header with ServerVersionInfo, and one
 * `m:<operation>Response` element that `fill` populates.
 */
export function buildResponse(
  operation: string,
  versionInfo: ServerVersionInfo,
  fill: (response: XmlElement) => void,
): string {
  return writeDocument((doc) => {
    const env = doc.ele(NS.soap, 's:Envelope')
    writeServerVersionInfo(env.ele(NS.soap, 's:Header'), versionInfo)
    fill(
      env.ele(NS.soap, 's:Body').ele(NS.m, `m:${operation}Response`).att(XMLNS_NS, 'xmlns:t', NS.t),
    )
  })
}

/**
 * One frame of a GetStreamingEvents answer: a whole envelope, written as Exchange streams them —
 * `<Envelope xmlns="…soap/envelope/">` with no prefix and no XML declaration (ews-javascript-api
 * looks for the literal `<Envelope` … `</Envelope>`; exchangelib for the tag of that local name).
 */
export function buildStreamingFrame(
  versionInfo: ServerVersionInfo,
  fill: (response: XmlElement) => void,
): string {
  return stripDeclaration(
    writeDocument((doc) => {
      const env = doc.ele(NS.soap, 'Envelope')
      writeServerVersionInfo(env.ele(NS.soap, 'Header'), versionInfo)
      fill(
        env
          .ele(NS.soap, 'Body')
          .ele(NS.m, 'm:GetStreamingEventsResponse')
          .att(XMLNS_NS, 'xmlns:t', NS.t),
      )
    }),
  )
}

/** The SendNotification request mock-ews POSTs to a push subscription's URL (messages.xsd SendNotification). */
export function buildSendNotification(
  version: string,
  fill: (request: XmlElement) => void,
): string {
  return writeDocument((doc) => {
    const env = doc.ele(NS.soap, 'soap:Envelope')
    env.ele(NS.soap, 'soap:Header').ele(NS.t, 't:RequestServerVersion').att('Version', version)
    fill(
      env.ele(NS.soap, 'soap:Body').ele(NS.m, 'm:SendNotification').att(XMLNS_NS, 'xmlns:t', NS.t),
    )
  })
}

function stripDeclaration(xml: string): string {
  return xml.startsWith('<?xml') ? xml.slice(xml.indexOf('?>') + 2) : xml
}

/** Writes a SOAP fault for a request-level EWS error (HTTP 500). */
export function buildFault(error: EwsError, versionInfo: ServerVersionInfo | undefined): string {
  return writeDocument((doc) => {
    const env = doc.ele(NS.soap, 's:Envelope')
    if (versionInfo) writeServerVersionInfo(env.ele(NS.soap, 's:Header'), versionInfo)
    const fault = env.ele(NS.soap, 's:Body').ele(NS.soap, 's:Fault')
    fault.ele('faultcode').att(XMLNS_NS, 'xmlns:a', NS.t).txt(`a:${error.code}`)
    fault.ele('faultstring').att('xml:lang', 'en-US').txt(error.message)
    const detail = fault.ele('detail')
    detail.ele(NS.e, 'e:ResponseCode').txt(error.code)
    detail.ele(NS.e, 'e:Message').txt(error.message)
    const d = error.detail
    if (d && (d.lineNumber !== undefined || d.violation !== undefined || d.values)) {
      const xml = detail.ele(NS.t, 't:MessageXml')
      if (d.lineNumber !== undefined) xml.ele(NS.t, 't:LineNumber').txt(String(d.lineNumber))
      if (d.linePosition !== undefined) xml.ele(NS.t, 't:LinePosition').txt(String(d.linePosition))
      if (d.violation !== undefined) xml.ele(NS.t, 't:Violation').txt(d.violation)
      for (const [name, value] of Object.entries(d.values ?? {}))
        xml.ele(NS.t, 't:Value').att('Name', name).txt(value)
    }
  })
}

function writeServerVersionInfo(header: XmlElement, v: ServerVersionInfo): void {
  const el = header
    .ele(NS.t, 'h:ServerVersionInfo')
    .att('MajorVersion', String(v.majorVersion))
    .att('MinorVersion', String(v.minorVersion))
    .att('MajorBuildNumber', String(v.majorBuildNumber))
    .att('MinorBuildNumber', String(v.minorBuildNumber))
  if (v.version !== undefined) el.att('Version', v.version)
}
