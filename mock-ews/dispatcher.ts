/**
 * Dispatcher: SOAP request → operation (by the Body element's local name) → response XML.
 * Where EwsErrors become faults, and (internalError) the one place where an unexpected exception
 * becomes ErrorInternalServerError, wherever it was caught.
 */
import { EwsError } from './domain/errors.ts'
import { checkIdCount } from './domain/limits.ts'
import { OPERATIONS, SUPPORTED_OPERATIONS } from './operations/index.ts'
import type { AnyOperation, OperationContext, Outcome } from './operations/operation.ts'
import { renderResponseMessages } from './operations/shared/response-messages.ts'
import { buildFault, buildResponse } from './soap/envelope.ts'
import type { SoapRequest } from './soap/envelope.ts'
import { NS } from './soap/namespaces.ts'
import type { Logger } from './support/logger.ts'
import type { ServerVersionInfo } from './topology/profiles.ts'

export interface DispatchResult {
  status: number
  body: string
  /** The operation name as sent, for logs and the journal. */
  operation: string
  /** Response codes of the answer, in order (one per response message, or the fault's). */
  responseCodes: string[]
}

export function dispatch(
  request: SoapRequest,
  ctx: OperationContext,
  versionInfo: ServerVersionInfo,
  requestId: string,
): DispatchResult {
  const { name, op } = lookup(request)
  if (!op) {
    ctx.logger.warn(
      `request ${requestId}: unsupported operation {${request.operation.namespaceURI ?? ''}}${name}; supported: ${SUPPORTED_OPERATIONS.join(', ')}`,
    )
    // ErrorInvalidOperation, not ErrorInvalidRequest: clients (exchangelib) take ErrorInvalidRequest
    // for a version mismatch and retry with every older version (docs/decisions/0006).
    return fault(
      new EwsError(
        'ErrorInvalidOperation',
        `The operation '${name}' is not supported by mock-ews. Supported operations: ${SUPPORTED_OPERATIONS.join(', ')}.`,
      ),
      versionInfo,
      name,
    )
  }
  try {
    const req: unknown = op.parse(request.operation)
    checkIdCount(op.count?.(req) ?? 1, ctx.limits)
    const outcomes: Outcome<unknown>[] = op.handle(req, ctx)
    const body = buildResponse(op.name, versionInfo, (response) =>
      op.renderResponse
        ? op.renderResponse(response, outcomes, req)
        : renderResponseMessages(
            response,
            op.name,
            outcomes,
            (message, value) => op.renderPayload(message, value, req),
            op.emptyPayload,
          ),
    )
    const responseCodes = outcomes.map((o) => (o.ok ? 'NoError' : o.error.code))
    return { status: 200, body, operation: op.name, responseCodes }
  } catch (e) {
    if (e instanceof EwsError) return fault(e, versionInfo, op.name)
    return internalError(e, ctx.logger, { requestId, operation: op.name, versionInfo })
  }
}

/**
 * The one answer to an unexpected exception, wherever it is caught: its stack goes to the log, here
 * and only here; the client gets ErrorInternalServerError as a SOAP fault (HTTP 500, as Exchange
 * answers), naming the request but never the stack or the exception's text.
 */
export function internalError(
  e: unknown,
  logger: Logger,
  where: { requestId?: string; operation?: string; versionInfo?: ServerVersionInfo } = {},
): DispatchResult {
  const { requestId, operation = '', versionInfo } = where
  logUnexpected(e, logger, where)
  const error = new EwsError(
    'ErrorInternalServerError',
    `An internal server error occurred. The operation failed.${requestId === undefined ? '' : ` Request id ${requestId}.`}`,
  )
  return fault(error, versionInfo, operation)
}

/** The log line of an unexpected exception, with its stack (the client never sees the stack). */
export function logUnexpected(
  e: unknown,
  logger: Logger,
  where: { requestId?: string; operation?: string } = {},
): void {
  const { requestId, operation = '' } = where
  const request = requestId === undefined ? 'a request' : `request ${requestId}`
  logger.error(`${request}${operation && `: ${operation}`} failed unexpectedly: ${stackOf(e)}`)
}

function stackOf(e: unknown): string {
  if (e instanceof Error) return e.stack ?? `${e.name}: ${e.message}`
  try {
    return String(e)
  } catch {
    return Object.prototype.toString.call(e)
  }
}

export function fault(
  error: EwsError,
  versionInfo: ServerVersionInfo | undefined,
  operation = '',
): DispatchResult {
  return {
    status: 500,
    body: buildFault(error, versionInfo),
    operation,
    responseCodes: [error.code],
  }
}

/**
 * Answers a request with `error` in every response message it would have had (a fault injected at
 * message level), without handling it: nothing is read or changed.
 */
export function dispatchFailure(
  request: SoapRequest,
  error: EwsError,
  versionInfo: ServerVersionInfo,
): DispatchResult {
  const { name, op } = lookup(request)
  if (!op) return fault(error, versionInfo, name)
  try {
    const req: unknown = op.parse(request.operation)
    const outcomes: Outcome<unknown>[] = Array.from({ length: op.count?.(req) ?? 1 }, () => ({
      ok: false,
      error,
    }))
    const body = buildResponse(op.name, versionInfo, (response) =>
      op.renderResponse
        ? op.renderResponse(response, outcomes, undefined)
        : renderResponseMessages(response, op.name, outcomes, () => {}, op.emptyPayload),
    )
    return { status: 200, body, operation: op.name, responseCodes: outcomes.map(() => error.code) }
  } catch (e) {
    if (e instanceof EwsError) return fault(e, versionInfo, op.name)
    throw e
  }
}

/** The operation a request names: the Body element's local name, in the messages namespace. */
function lookup(request: SoapRequest): { name: string; op: AnyOperation | undefined } {
  const name = request.operation.localName ?? ''
  return { name, op: request.operation.namespaceURI === NS.m ? OPERATIONS.get(name) : undefined }
}
