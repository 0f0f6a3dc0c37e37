/**
 * The SOAP exchange of `/EWS/Exchange.asmx`, once ews-listener.ts has authenticated the caller and
 * read the body: decoding, envelope parsing, the version header, impersonation, throttling and
 * injected faults, then the dispatcher. Every answer is the EWS error a real Exchange gives, and
 * every call goes into the request journal.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { performance } from 'node:perf_hooks'
import { dispatch, dispatchFailure, fault, internalError } from './dispatcher.ts'
import type { DispatchResult } from './dispatcher.ts'
import { EwsError } from './domain/errors.ts'
import type { RequestLimits } from './domain/limits.ts'
import { answer } from './faults/actions.ts'
import type { FaultExchange, Sent } from './faults/actions.ts'
import type { ActiveFault, FaultEngine } from './faults/engine.ts'
import { InFlightLimit, serverBusy } from './faults/throttle.ts'
import type { RequestJournal } from './journal/journal.ts'
import type { Subscriptions } from './notifications/subscriptions.ts'
import { answerStreaming } from './operations/get-streaming-events/answer.ts'
import type { StreamingConnections } from './operations/get-streaming-events/stream.ts'
import type { PushNotifier } from './notifications/push.ts'
import type { InboxRules } from './rules/inbox-rules.ts'
import type { OperationContext } from './operations/operation.ts'
import { readEnvelope } from './soap/envelope.ts'
import { readTimeZoneId } from './operations/shared/time-zone-xml.ts'
import type { SoapRequest } from './soap/envelope.ts'
import { decodeBody, parseXml } from './soap/parse-xml.ts'
import { standalone } from './soap/schema-validation.ts'
import type { CompiledSchema } from './soap/schema-validation.ts'
import type { XmlLimits } from './soap/parse-xml.ts'
import type { MailboxStore } from './store/mailbox-store.ts'
import { CallerStore } from './store/rules/caller-access.ts'
import type { Clock } from './support/clock.ts'
import { ownString } from './support/strings.ts'
import type { Logger } from './support/logger.ts'
import type { Directory, DirectoryUser } from './topology/directory.ts'
import { impersonatedUser } from './topology/impersonation.ts'
import { isExchangeVersion } from './topology/profiles.ts'
import type { ExchangeVersion, ServerVersionInfo } from './topology/profiles.ts'
import type { Transport } from './transport/transport.ts'

/** One request and its answer, as seen on the wire (for journals, and the schema conformance capture). */
export interface SoapExchange {
  requestId: string
  user: string | undefined
  operation: string
  status: number
  responseCodes: string[]
  requestBody: string
  responseBody: string
  /** A fault left no SOAP answer on purpose (malformed XML, a bare status, a reset): nothing to validate. */
  deliberatelyBroken?: boolean
}

export interface EwsEndpointDeps {
  store: MailboxStore
  transport: Transport
  subscriptions: Subscriptions
  /** Open GetStreamingEvents answers (and the timers they run on). */
  streams: StreamingConnections
  push: PushNotifier
  rules: InboxRules
  directory: Directory
  clock: Clock
  logger: Logger
  xmlLimits: XmlLimits
  faults: FaultEngine
  journal: RequestJournal
  /** Waits `ms` (latency faults); real timers by default, virtual in tests. */
  delay: (ms: number) => Promise<void>
  /** Requests one user may have in flight; more are refused with ErrorServerBusy. */
  maxConcurrentPerUser: number
  /** Strict mode: every operation element is validated against this compiled schema first. */
  schema: CompiledSchema | undefined
  observe: ((exchange: SoapExchange) => void) | undefined
  limits: RequestLimits
}

/** Back-off hint sent with a throttling refusal; it lives in faults/throttle.ts, re-exported for the tests. */
export { THROTTLE_BACKOFF_MS } from './faults/throttle.ts'

/**
 * Answers `text` as XML with its length (encoded once: the length and the bytes sent come from the
 * same buffer); `headers` are added.
 */
export function sendXml(
  res: ServerResponse,
  status: number,
  text: string,
  headers: Record<string, string> = {},
): void {
  const bytes = Buffer.from(text, 'utf8')
  res.writeHead(status, { 'Content-Type': XML_TYPE, 'Content-Length': bytes.length, ...headers })
  res.end(bytes)
}

const XML_TYPE = 'text/xml; charset=utf-8'

/**
 * The SOAP exchange of one authenticated POST whose body has been read (ews-listener.ts): parse,
 * throttle, pick a fault, answer as its action says (faults/actions.ts), which is to dispatch when
 * there is none.
 */
export function soapHandler(deps: EwsEndpointDeps) {
  let counter = 0
  const inFlight = new InFlightLimit(deps.maxConcurrentPerUser)
  return async (
    req: IncomingMessage,
    res: ServerResponse,
    caller: DirectoryUser,
    body: Buffer,
  ): Promise<void> => {
    const requestId = `${++counter}`
    const started = performance.now()
    const overLimit = inFlight.enter(caller.address, res)
    let text = ''
    let operation = ''
    let applied: ActiveFault | undefined
    let sent: Sent
    let observed = false
    try {
      text = decodeBody(body)
      const { request, ctx } = prepare(text, caller, deps)
      // Its own copy: the journal keeps it, and a slice would keep the whole request alive.
      operation = ownString(request.operation.localName ?? '')
      if (deps.schema) await validateStrictly(request, deps.schema)
      if (overLimit) throw serverBusy()
      applied = deps.faults.pick({ operation, user: caller, element: request.operation })
      if (applied)
        deps.logger.info(`request ${requestId}: fault ${applied.id}: ${applied.description}`)
      const exchange = new SocketExchange(
        req,
        res,
        { request, ctx, requestId, operation },
        deps.delay,
      )
      // GetStreamingEvents: a long chunked answer, each frame observed as it goes.
      const streamed = applied
        ? undefined
        : answerStreaming(request, ctx, req, res, deps, { requestId, text })
      if (streamed) observed = true
      sent = await (streamed ?? answer(applied?.definition.action, exchange))
    } catch (e) {
      const versionInfo = caller.profile.serverVersionInfo
      const result =
        e instanceof EwsError
          ? fault(e, versionInfo, operation)
          : internalError(e, deps.logger, { requestId, operation, versionInfo })
      sendXml(res, result.status, result.body)
      sent = result
    }
    deps.journal.record({
      at: deps.clock.now().toISOString(),
      user: caller.address,
      operation,
      status: sent.status,
      responseCodes: sent.responseCodes,
      ...(applied && { fault: applied.description }),
      durationMs: Math.round((performance.now() - started) * 1000) / 1000,
      requestBody: text,
      ...(sent.body ? { responseBody: sent.body } : {}),
    })
    if (!observed)
      deps.observe?.({
        ...(sent.broken && { deliberatelyBroken: true }),
        requestId,
        user: caller.address,
        operation,
        status: sent.status,
        responseCodes: sent.responseCodes,
        requestBody: text,
        responseBody: sent.body,
      })
  }
}

/**
 * The FaultExchange of one parsed request, on its socket: how fault actions answer it. A class, not
 * an object of closures: one is made for every request.
 */
class SocketExchange implements FaultExchange {
  readonly operation: string
  readonly #versionInfo: ServerVersionInfo

  constructor(
    private readonly req: IncomingMessage,
    private readonly res: ServerResponse,
    private readonly parsed: {
      request: SoapRequest
      ctx: OperationContext
      requestId: string
      operation: string
    },
    readonly wait: (ms: number) => Promise<void>,
  ) {
    this.operation = parsed.operation
    this.#versionInfo = parsed.ctx.user.profile.serverVersionInfo
  }

  process(): Promise<DispatchResult> {
    const { request, ctx, requestId } = this.parsed
    return dispatch(request, ctx, this.#versionInfo, requestId)
  }

  refuse(error: EwsError, level: 'fault' | 'message'): DispatchResult {
    return level === 'fault'
      ? fault(error, this.#versionInfo, this.operation)
      : dispatchFailure(this.parsed.request, error, this.#versionInfo)
  }

  sendXml(status: number, text: string): void {
    sendXml(this.res, status, text)
  }

  sendStatus(status: number, headers: Record<string, string | string[]>): void {
    this.res.writeHead(status, headers).end()
  }

  sendCutShort(status: number, text: string): void {
    const bytes = Buffer.from(text)
    this.res.writeHead(status, { 'Content-Type': XML_TYPE, 'Content-Length': bytes.length })
    this.res.write(bytes.subarray(0, Math.floor(bytes.length / 2)), () => this.req.socket.destroy())
  }

  drop(): void {
    this.req.socket.destroy()
  }
}

/** Strict mode: the operation element against messages.xsd; the validator's first complaint is the fault. */
async function validateStrictly(request: SoapRequest, schema: CompiledSchema): Promise<void> {
  const [problem] = await schema.validate(standalone(request.operation), 'request.xml')
  if (!problem) return
  const violation = problem.message.trim()
  throw new EwsError(
    'ErrorSchemaValidation',
    `The request failed schema validation: ${violation}`,
    {
      violation,
      ...(problem.line !== undefined && { lineNumber: problem.line }),
    },
  )
}

/** Parses the envelope and builds the operation context: version, impersonation, quirks. */
function prepare(
  text: string,
  caller: DirectoryUser,
  deps: EwsEndpointDeps,
): { request: SoapRequest; ctx: OperationContext } {
  const request = readEnvelope(parseXml(text, deps.xmlLimits))
  const version = requestVersion(request.requestServerVersion, caller)
  const user = request.impersonation
    ? impersonatedUser(request.impersonation, caller, deps.directory)
    : caller
  // Another mailbox's folders only as far as its permissions let the user (decision 0055).
  const store = new CallerStore(
    deps.store,
    user.address,
    (address) => deps.directory.user(address)?.organisation === user.organisation,
  )
  const ctx: OperationContext = {
    mailbox: user.address,
    user,
    impersonated: user !== caller,
    quirks: deps.directory.quirksOf(user),
    store,
    system: deps.store,
    freeBusyCalendar: (mailbox, query) => store.freeBusyCalendar(mailbox, query),
    transport: deps.transport,
    subscriptions: deps.subscriptions,
    push: deps.push,
    rules: deps.rules,
    directory: deps.directory,
    clock: deps.clock,
    requestServerVersion: version,
    logger: deps.logger,
    limits: deps.limits,
    ...(request.timeZoneContext ? { timeZone: readTimeZoneId(request.timeZoneContext) } : {}),
  }
  return { request, ctx }
}

/** The RequestServerVersion in force: the header's, if this Exchange accepts it, else ErrorInvalidServerVersion. */
function requestVersion(header: string | undefined, user: DirectoryUser): ExchangeVersion {
  if (header === undefined) return user.profile.defaultVersion
  if (!isExchangeVersion(header) || !user.profile.acceptedVersions.includes(header)) {
    throw new EwsError('ErrorInvalidServerVersion')
  }
  return header
}
