/**
 * SOAP 1.1 for EWS, client side (reference/ews-protocol.md §1): request envelopes with the `soap:`
 * prefix and a RequestServerVersion header, and reading answers: SOAP faults (HTTP 500, with
 * detail/ResponseCode and MessageXml), and the ResponseMessages of `m:<Operation>Response`.
 */
import type { HttpAnswer } from './http.ts'
import { failure, success } from './result.ts'
import type { EwsFailure, EwsResult } from './result.ts'
import { child, childText, children, escapeAttr, parseXml, path } from './xml.ts'
import type { XmlNode } from './xml.ts'

export const NS = {
  soap: 'http://schemas.xmlsoap.org/soap/envelope/',
  m: 'http://schemas.microsoft.com/exchange/services/2006/messages',
  t: 'http://schemas.microsoft.com/exchange/services/2006/types',
} as const

/** A request envelope around one operation element (written with the `m:` and `t:` prefixes). */
export function buildEnvelope(operation: string, requestServerVersion: string): string {
  return (
    '<?xml version="1.0" encoding="utf-8"?>' +
    `<soap:Envelope xmlns:soap="${NS.soap}" xmlns:m="${NS.m}" xmlns:t="${NS.t}">` +
    `<soap:Header><t:RequestServerVersion Version="${escapeAttr(requestServerVersion)}"/></soap:Header>` +
    `<soap:Body>${operation}</soap:Body>` +
    '</soap:Envelope>'
  )
}

/** One `m:<Operation>ResponseMessage`. */
export interface ResponseMessage {
  responseClass: 'Success' | 'Warning' | 'Error'
  /** ResponseCode; `NoError` when a success message leaves it out. */
  code: string
  messageText: string | undefined
  /** MessageXml `t:Value` elements by Name (e.g. BackOffMilliseconds). */
  values: Readonly<Record<string, string>>
  /** The message element itself, for the operation's payload. */
  node: XmlNode
}

/** A message that reports success: not ResponseClass="Error", and ResponseCode NoError. */
export function isSuccess(m: ResponseMessage): boolean {
  return m.responseClass !== 'Error' && m.code === 'NoError'
}

/** The failure a non-successful response message stands for. */
export function messageFailure(m: ResponseMessage): EwsFailure {
  return ewsFailure(m.code, m.messageText ?? '', 'message', m.values)
}

/**
 * Reads an EWS answer to `operation`: a SOAP fault (whatever the HTTP status), else an HTTP error
 * status, else the response messages of a well-formed `<Operation>Response` envelope.
 */
export function readSoapAnswer(
  answer: HttpAnswer,
  operation: string,
): EwsResult<ResponseMessage[]> {
  const parsed = parseXml(answer.body)
  const root = 'root' in parsed ? parsed.root : undefined
  const fault = root?.name === 'Envelope' ? path(root, 'Body', 'Fault') : undefined
  if (fault) return failure(readFault(fault))
  if (answer.status < 200 || answer.status > 299)
    return failure({ kind: 'http', status: answer.status })
  if (!root) return malformed('error' in parsed ? parsed.error : 'no root element')
  if (root.name !== 'Envelope') return malformed(`the root element is ${root.name}, not Envelope`)
  const body = child(root, 'Body')
  const response = child(body, `${operation}Response`)
  if (!response) {
    const found = body?.children[0]?.name ?? 'nothing'
    return malformed(`expected ${operation}Response in the SOAP body, found ${found}`)
  }
  const list = child(response, 'ResponseMessages')
  if (!list) return malformed(`${operation}Response has no ResponseMessages`)
  const messages: ResponseMessage[] = []
  for (const node of list.children) {
    const message = readMessage(node)
    if (typeof message === 'string') return malformed(`${node.name}: ${message}`)
    messages.push(message)
  }
  return success(messages)
}

function readMessage(node: XmlNode): ResponseMessage | string {
  const responseClass = node.attrs.ResponseClass
  if (responseClass !== 'Success' && responseClass !== 'Warning' && responseClass !== 'Error') {
    return `ResponseClass is ${responseClass === undefined ? 'missing' : `"${responseClass}"`}`
  }
  const code = childText(node, 'ResponseCode') || (responseClass === 'Success' ? 'NoError' : '')
  if (code === '') return `a ResponseClass="${responseClass}" message without ResponseCode`
  return {
    responseClass,
    code,
    messageText: childText(node, 'MessageText'),
    values: messageXmlValues(child(node, 'MessageXml')),
    node,
  }
}

/**
 * A SOAP 1.1 fault (unqualified faultcode/faultstring/detail, §1.7); the EWS code is
 * detail/ResponseCode, else the local part of faultcode. SOAP 1.2 faults (Code/Reason/Detail),
 * which EWS sometimes sends, are read the same way.
 */
function readFault(fault: XmlNode): EwsFailure {
  const detail = child(fault, 'detail') ?? child(fault, 'Detail')
  const faultCode = childText(fault, 'faultcode') ?? childText(child(fault, 'Code'), 'Value')
  const code = childText(detail, 'ResponseCode') || localPart(faultCode ?? '') || 'SoapFault'
  const message =
    childText(detail, 'Message') ??
    childText(fault, 'faultstring') ??
    childText(child(fault, 'Reason'), 'Text') ??
    ''
  return ewsFailure(code, message, 'fault', messageXmlValues(child(detail, 'MessageXml')))
}

function messageXmlValues(messageXml: XmlNode | undefined): Record<string, string> {
  const values: Record<string, string> = {}
  for (const v of children(messageXml, 'Value')) {
    const name = v.attrs.Name
    if (name !== undefined) values[name] = v.text.trim()
  }
  return values
}

function ewsFailure(
  code: string,
  message: string,
  level: 'fault' | 'message',
  values: Readonly<Record<string, string>>,
): EwsFailure {
  const raw = values.BackOffMilliseconds
  const backOffMs = raw !== undefined && /^\d+$/.test(raw) ? Number(raw) : undefined
  return { kind: 'ews', code, message, level, ...(backOffMs !== undefined && { backOffMs }) }
}

function localPart(qname: string): string {
  return qname.slice(qname.indexOf(':') + 1).trim()
}

function malformed<T>(detail: string): EwsResult<T> {
  return failure({ kind: 'malformed', detail })
}
