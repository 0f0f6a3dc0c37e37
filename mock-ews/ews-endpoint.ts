/**
 * The HTTP edge of `/EWS/Exchange.asmx`: authentication, body decoding, envelope parsing and the
 * version header, then the dispatcher. Every answer is XML with the EWS error a real Exchange gives.
 */
import type { Request, Response } from 'express'
import { dispatch, fault } from './dispatcher.ts'
import type { DispatchResult } from './dispatcher.ts'
import { EwsError } from './domain/errors.ts'
import { readEnvelope } from './soap/envelope.ts'
import { decodeBody, parseXml } from './soap/parse-xml.ts'
import type { XmlLimits } from './soap/parse-xml.ts'
import type { Subscriptions } from './notifications/subscriptions.ts'
import type { MailboxStore } from './store/mailbox-store.ts'
import type { Clock } from './support/clock.ts'
import type { Logger } from './support/logger.ts'
import type { Directory, DirectoryUser } from './topology/directory.ts'
import { isExchangeVersion } from './topology/profiles.ts'
import type { Transport } from './transport/transport.ts'
import type { ExchangeVersion } from './topology/profiles.ts'

/** One request and its answer, as seen on the wire (for journals, and the schema conformance capture). */
export interface SoapExchange {
  requestId: string
  user: string | undefined
  operation: string
  status: number
  responseCodes: string[]
  requestBody: string
  responseBody: string
}

export interface EwsEndpointDeps {
  store: MailboxStore
  transport: Transport
  subscriptions: Subscriptions
  directory: Directory
  clock: Clock
  logger: Logger
  xmlLimits: XmlLimits
  observe: ((exchange: SoapExchange) => void) | undefined
}

export function ewsEndpoint(deps: EwsEndpointDeps) {
  let counter = 0
  return (req: Request, res: Response): void => {
    const requestId = `${++counter}`
    const user = res.locals.user as DirectoryUser
    if (req.method !== 'POST') {
      res
        .status(405)
        .set('Allow', 'POST')
        .type('text/plain')
        .send('EWS takes SOAP requests by POST.\n')
      return
    }
    const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0)
    let text = ''
    let result: DispatchResult
    try {
      text = decodeBody(raw)
      result = handleSoap(text, user, deps, requestId)
    } catch (e) {
      if (!(e instanceof EwsError)) throw e
      result = fault(e, user.profile.serverVersionInfo)
    }
    res.status(result.status).type('text/xml; charset=utf-8').send(result.body)
    deps.observe?.({
      requestId,
      user: user.address,
      operation: result.operation,
      status: result.status,
      responseCodes: result.responseCodes,
      requestBody: text,
      responseBody: result.body,
    })
  }
}

function handleSoap(
  text: string,
  user: DirectoryUser,
  deps: EwsEndpointDeps,
  requestId: string,
): DispatchResult {
  const request = readEnvelope(parseXml(text, deps.xmlLimits))
  const version = requestVersion(request.requestServerVersion, user)
  if (request.impersonation) {
    throw new EwsError(
      'ErrorImpersonateUserDenied',
      'The account does not have permission to impersonate the requested user.',
    )
  }
  const ctx = {
    mailbox: user.address,
    user,
    quirks: deps.directory.quirks(user.organisation),
    store: deps.store,
    transport: deps.transport,
    subscriptions: deps.subscriptions,
    clock: deps.clock,
    requestServerVersion: version,
    logger: deps.logger,
  }
  return dispatch(request, ctx, user.profile.serverVersionInfo, requestId)
}

/** The RequestServerVersion in force: the header's, if this Exchange accepts it, else ErrorInvalidServerVersion. */
function requestVersion(header: string | undefined, user: DirectoryUser): ExchangeVersion {
  if (header === undefined) return user.profile.defaultVersion
  if (!isExchangeVersion(header) || !user.profile.acceptedVersions.includes(header)) {
    throw new EwsError('ErrorInvalidServerVersion')
  }
  return header
}
