/** Writes `m:ResponseMessages` with one `m:<Op>ResponseMessage` per outcome (reference/ews-protocol.md §1.6). */
import type { XmlElement } from '../../soap/xml-writer.ts'
import type { EwsError } from '../../domain/errors.ts'
import { NS } from '../../soap/namespaces.ts'
import type { Outcome } from '../operation.ts'

/**
 * @param payload writes the success payload into the response message element
 * @param emptyPayload element left empty in error messages (`Folders`, `Items`)
 * @param bare the response element is the message (messages.xsd types it as ResponseMessageType)
 */
export function renderResponseMessages<T>(
  response: XmlElement,
  operation: string,
  outcomes: readonly Outcome<T>[],
  payload: (message: XmlElement, value: T) => void,
  emptyPayload?: string | ((message: XmlElement, error: EwsError) => void),
  bare = false,
): void {
  // A bare answer (GetInboxRules, UpdateInboxRules) is itself the one response message.
  const messages = bare ? undefined : response.ele(NS.m, 'm:ResponseMessages')
  for (const outcome of outcomes) {
    const message = messages ? messages.ele(NS.m, `m:${operation}ResponseMessage`) : response
    if (outcome.ok && outcome.warning) {
      renderError(message, outcome.warning, 'Warning')
      payload(message, outcome.value)
    } else if (outcome.ok) {
      message.att('ResponseClass', 'Success')
      message.ele(NS.m, 'm:ResponseCode').txt('NoError')
      payload(message, outcome.value)
    } else {
      renderError(message, outcome.error)
      if (typeof emptyPayload === 'function') emptyPayload(message, outcome.error)
      else if (emptyPayload) message.ele(NS.m, `m:${emptyPayload}`)
    }
  }
}

/** ResponseClass="Error" with MessageText, ResponseCode, DescriptiveLinkKey and MessageXml, in schema order. */
export function renderError(
  message: XmlElement,
  error: EwsError,
  responseClass: 'Error' | 'Warning' = 'Error',
): void {
  message.att('ResponseClass', responseClass)
  message.ele(NS.m, 'm:MessageText').txt(error.message)
  message.ele(NS.m, 'm:ResponseCode').txt(error.code)
  message.ele(NS.m, 'm:DescriptiveLinkKey').txt('0')
  const values = error.detail?.values
  if (values) {
    const xml = message.ele(NS.m, 'm:MessageXml')
    for (const [name, value] of Object.entries(values))
      xml.ele(NS.t, 't:Value').att('Name', name).txt(value)
  }
}
