/**
 * The HTTP edge of `/EWS/Exchange.asmx`: authentication (401, body drained), the method (405),
 * the body (no content encoding: 415; over the limit: 413), then the SOAP exchange
 * (ews-endpoint.ts). A plain `node:http` listener: the app mounts it as a route, and the server
 * hands it EWS requests before Express sees them (docs/decisions/0016). Nothing that throws
 * becomes an unhandled rejection.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { authenticate } from './auth/authenticate.ts'
import type { AuthDeps } from './auth/authenticate.ts'
import { refuseUnauthenticated } from './auth/middleware.ts'
import { internalError } from './dispatcher.ts'
import { EwsError } from './domain/errors.ts'
import { sendXml, soapHandler } from './ews-endpoint.ts'
import type { EwsEndpointDeps } from './ews-endpoint.ts'
import { buildFault } from './soap/envelope.ts'

export interface EwsListenerDeps extends EwsEndpointDeps {
  auth: AuthDeps
  /** Larger bodies are refused with 413 and an ErrorInvalidRequest fault. */
  maxBodyBytes: number
}

export function ewsListener(
  deps: EwsListenerDeps,
): (req: IncomingMessage, res: ServerResponse) => void {
  let refused = 0
  const handle = soapHandler(deps)
  return (req: IncomingMessage, res: ServerResponse): void => {
    const auth = authenticate(req.headers.authorization, deps.auth)
    if (!auth.ok) {
      deps.logger.info(`refused ${++refused}: 401 (${auth.reason})`)
      refuseUnauthenticated(req, res, auth.challenge, deps.maxBodyBytes, auth.reason)
      return
    }
    if (req.method !== 'POST') {
      req.resume()
      res
        .writeHead(405, { Allow: 'POST', 'Content-Type': 'text/plain; charset=utf-8' })
        .end('EWS takes SOAP requests by POST.\n')
      return
    }
    const encoding = req.headers['content-encoding']
    if (encoding !== undefined && encoding.toLowerCase() !== 'identity') {
      refuseBody(
        res,
        415,
        new EwsError(
          'ErrorInvalidRequest',
          `The request body is encoded (${encoding}); send it as plain XML.`,
        ),
      )
      return
    }
    readBody(req, deps.maxBodyBytes)
      .then(
        (body) =>
          body
            ? handle(req, res, auth.user, body)
            : refuseBody(res, 413, bodyTooLarge(deps.maxBodyBytes)),
        () => req.destroy(), // the request broke off: there is no one to answer
      )
      .catch((e: unknown) => {
        // Whatever escaped the handler (an observer that throws after the answer went out, say):
        // logged, answered if nothing was yet, and never an unhandled rejection that would stop the
        // server.
        const result = internalError(e, deps.logger)
        if (!res.headersSent) sendXml(res, result.status, result.body)
        else if (!res.writableEnded) res.destroy()
      })
  }
}

/** The fault for a body over the limit (here and for Autodiscover's body parser in app.ts). */
export function bodyTooLarge(maxBodyBytes: number): EwsError {
  return new EwsError(
    'ErrorInvalidRequest',
    `The request body is larger than the limit of ${maxBodyBytes} bytes.`,
  )
}

/** A fault about the body; the connection closes (the rest is not read). */
function refuseBody(res: ServerResponse, status: number, error: EwsError): void {
  sendXml(res, status, buildFault(error, undefined), { Connection: 'close' })
}

/**
 * The whole body, or undefined when it is larger than `limit` (announced or counted); rejects when
 * the request breaks off.
 */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    if (Number(req.headers['content-length'] ?? 0) > limit) return resolve(undefined)
    const chunks: Buffer[] = []
    let size = 0
    const onData = (chunk: Buffer): void => {
      size += chunk.length
      if (size <= limit) chunks.push(chunk)
      else {
        req.off('data', onData)
        req.pause()
        resolve(undefined)
      }
    }
    req.on('data', onData)
    req.once('end', () => resolve(Buffer.concat(chunks, size)))
    req.once('error', reject)
    req.once('aborted', () => reject(new Error('aborted')))
  })
}
