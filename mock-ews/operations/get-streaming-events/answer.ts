/**
 * Where ews-endpoint.ts hands GetStreamingEvents: its request read and checked, then stream.ts
 * answers it; every frame goes to the endpoint's observer (with the XML declaration a whole document
 * has, so each frame is checked as one document) and the request journal gets the connection once.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Sent } from '../../faults/actions.ts'
import type { SoapExchange } from '../../ews-endpoint.ts'
import type { SoapRequest } from '../../soap/envelope.ts'
import { schemaError } from '../../soap/dom.ts'
import { NS } from '../../soap/namespaces.ts'
import { EXCHANGE_VERSIONS } from '../../topology/profiles.ts'
import type { OperationContext } from '../operation.ts'
import { parseGetStreamingEvents } from './index.ts'
import { streamEvents } from './stream.ts'
import type { StreamingConnections } from './stream.ts'

/** Undefined when the request is not GetStreamingEvents; throws EwsError before anything is written. */
export function answerStreaming(
  request: SoapRequest,
  ctx: OperationContext,
  req: IncomingMessage,
  res: ServerResponse,
  deps: { streams: StreamingConnections; observe: ((e: SoapExchange) => void) | undefined },
  { requestId, text: requestBody }: { requestId: string; text: string },
): Promise<Sent> | undefined {
  const el = request.operation
  if (el.localName !== 'GetStreamingEvents' || el.namespaceURI !== NS.m) return undefined
  const parsed = parseGetStreamingEvents(el)
  // Streaming notifications came with Exchange 2010 SP1: the older schemas have no such element.
  if (
    EXCHANGE_VERSIONS.indexOf(ctx.requestServerVersion) <
    EXCHANGE_VERSIONS.indexOf('Exchange2010_SP1')
  )
    throw schemaError(
      `The element 'GetStreamingEvents' is not valid for ${ctx.requestServerVersion}; it needs Exchange2010_SP1 or later.`,
    )
  const codes: string[] = []
  let last = ''
  return streamEvents(parsed, {
    req,
    res,
    mailbox: ctx.mailbox,
    subscriptions: ctx.subscriptions,
    connections: deps.streams,
    versionInfo: ctx.user.profile.serverVersionInfo,
    sent: (frame, code) => {
      if (codes.length === 0) codes.push(code)
      last = frame
      deps.observe?.({
        requestId,
        user: ctx.user.address,
        operation: 'GetStreamingEvents',
        status: 200,
        responseCodes: [code],
        requestBody,
        responseBody: `<?xml version="1.0" encoding="utf-8"?>${frame}`,
      })
    },
  }).then(() => ({ status: 200, body: last, responseCodes: codes }))
}
