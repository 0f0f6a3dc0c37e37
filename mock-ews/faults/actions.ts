/**
 * What each kind of fault action does to a request and its answer: one entry per kind of
 * FaultAction (definitions.ts), as mockttp keeps one implementation per rule handler. An action
 * works on a FaultExchange, which ews-endpoint.ts implements on the socket and unit tests fake,
 * and says what went out, for the journal.
 */
import { UNAUTHORIZED_CHALLENGE } from '../auth/authenticate.ts'
import type { DispatchResult } from '../dispatcher.ts'
import { EwsError } from '../domain/errors.ts'
import { errorLevel } from './definitions.ts'
import type { FaultAction } from './definitions.ts'

/** The request being answered, and the ways an action may answer it. */
export interface FaultExchange {
  /** The operation's name, as sent. */
  readonly operation: string
  /** Waits `ms` on the injected delay (virtual in tests). */
  wait(ms: number): Promise<void>
  /** Processes the request (the dispatcher) and returns its answer, not yet sent. */
  process(): Promise<DispatchResult>
  /** The answer `error` gives as a SOAP fault or in every response message; nothing is processed. */
  refuse(error: EwsError, level: 'fault' | 'message'): DispatchResult
  /** Sends `text` as the whole XML answer. */
  sendXml(status: number, text: string): void
  /** Sends a bare status line and headers, with an empty body. */
  sendStatus(status: number, headers: Record<string, string | string[]>): void
  /** Sends the headers for the whole of `text`, then part of it, then drops the connection. */
  sendCutShort(status: number, text: string): void
  /** Drops the connection without a word. */
  drop(): void
}

/** What went out, for the journal and the observer. */
export interface Sent {
  status: number
  body: string
  responseCodes: string[]
  /** No SOAP answer on purpose (malformed XML, a bare status, a reset): nothing to validate. */
  broken?: boolean
}

type Apply<A> = (action: A, exchange: FaultExchange) => Sent | Promise<Sent>

/** One implementation per kind of action; the type makes a new kind without one a compile error. */
export const FAULT_ACTIONS: {
  readonly [K in FaultAction['type']]: Apply<Extract<FaultAction, { type: K }>>
} = {
  'ews-error': (action, ex) => sendWhole(ex, ex.refuse(ewsErrorOf(action), errorLevel(action))),
  'http-status': (action, ex) => sendBare(ex, action.status),
  unauthorized: (_action, ex) => sendBare(ex, 401),
  latency: async (action, ex) => {
    await ex.wait(action.ms)
    return sendWhole(ex, await ex.process())
  },
  reset: (_action, ex) => {
    ex.drop()
    return { status: 0, body: '', responseCodes: [], broken: true }
  },
  // Processed, but the answer is lost on the way: the client cannot know whether it worked.
  'close-mid-body': async (_action, ex) => {
    const result = await ex.process()
    ex.sendCutShort(result.status, result.body)
    return { status: result.status, body: result.body, responseCodes: result.responseCodes }
  },
  'malformed-xml': (_action, ex) => {
    const text = `<?xml version="1.0" encoding="utf-8"?><s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><m:${ex.operation}Response xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages"><m:ResponseMessages>`
    ex.sendXml(200, text)
    return { status: 200, body: text, responseCodes: [], broken: true }
  },
}

/** Answers the request as `action` says, or (no fault) processes it and sends its answer. */
export function answer(action: FaultAction | undefined, exchange: FaultExchange): Promise<Sent> {
  if (!action) return exchange.process().then((result) => sendWhole(exchange, result))
  const apply = FAULT_ACTIONS[action.type] as Apply<FaultAction>
  return Promise.resolve(apply(action, exchange))
}

function sendWhole(ex: FaultExchange, result: DispatchResult): Sent {
  ex.sendXml(result.status, result.body)
  return { status: result.status, body: result.body, responseCodes: result.responseCodes }
}

/** A bare status; a 401 carries the same challenge as a real refusal. */
function sendBare(ex: FaultExchange, status: number): Sent {
  ex.sendStatus(status, status === 401 ? { 'WWW-Authenticate': UNAUTHORIZED_CHALLENGE } : {})
  return { status, body: '', responseCodes: [], broken: true }
}

function ewsErrorOf(action: Extract<FaultAction, { type: 'ews-error' }>): EwsError {
  const values =
    action.backOffMs === undefined ? undefined : { BackOffMilliseconds: String(action.backOffMs) }
  return new EwsError(action.code as EwsError['code'], action.message, values && { values })
}
