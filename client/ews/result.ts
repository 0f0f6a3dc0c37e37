/**
 * What every EWS call of the client returns: a value, or a failure that says what went wrong in
 * terms the engine can act on (retry later, back off, ask for credentials, or beware of a request
 * that may already have been carried out). Nothing in the client's EWS code throws.
 */

export type EwsResult<T> = { ok: true; value: T } | { ok: false; failure: EwsFailure }

export type EwsFailure =
  /**
   * Exchange refused the request: a SOAP fault (`level: 'fault'`, HTTP 500) or a response message
   * with ResponseClass="Error" (`level: 'message'`, HTTP 200). `backOffMs` is the
   * BackOffMilliseconds value of MessageXml, when Exchange sent one (ErrorServerBusy).
   * Autodiscover errors use this kind too, with code `Autodiscover<ErrorCode>` (autodiscover.ts).
   */
  | { kind: 'ews'; code: string; message: string; level: 'fault' | 'message'; backOffMs?: number }
  /** HTTP 401: the credentials were refused. */
  | { kind: 'unauthorized' }
  /** Any other HTTP status outside 2xx that carries no EWS fault (e.g. a bare 500 or 503). */
  | { kind: 'http'; status: number }
  /**
   * No complete answer: the connection was refused, reset or closed before the answer was
   * complete, no answer came within the client's timeout, or something else went wrong on the way.
   */
  | { kind: 'network'; reason: 'refused' | 'reset' | 'timeout' | 'other'; detail: string }
  /** An answer came, but it is not the XML expected (not well-formed, or not the right shape). */
  | { kind: 'malformed'; detail: string }

export function success<T>(value: T): EwsResult<T> {
  return { ok: true, value }
}

export function failure<T = never>(f: EwsFailure): EwsResult<T> {
  return { ok: false, failure: f }
}

/**
 * Whether the request may have been carried out although the call failed. A client that resends
 * an uncertain request may duplicate its effect (e.g. send a message twice).
 *
 * Certainly not carried out: connection refused, 401, a SOAP fault, a ResponseClass="Error"
 * message, and HTTP statuses that say so (4xx, and 503 "unable to handle the request").
 * Uncertain: a reset or a connection closed mid-answer (the request was sent), a timeout, an
 * answer that is not the XML expected, other 5xx (a gateway or a crash may follow processing),
 * and network failures of unknown cause.
 */
export function isUncertain(f: EwsFailure): boolean {
  switch (f.kind) {
    case 'ews':
    case 'unauthorized':
      return false
    case 'http':
      return f.status >= 500 && f.status !== 503
    case 'network':
      return f.reason !== 'refused'
    case 'malformed':
      return true
  }
}

/** One line for logs and traces, e.g. `ews ErrorServerBusy (fault, back off 1500 ms)`. */
export function describeFailure(f: EwsFailure): string {
  switch (f.kind) {
    case 'ews':
      return `ews ${f.code} (${f.level}${f.backOffMs === undefined ? '' : `, back off ${f.backOffMs} ms`}): ${f.message}`
    case 'unauthorized':
      return 'unauthorized (HTTP 401)'
    case 'http':
      return `HTTP ${f.status}`
    case 'network':
      return `network ${f.reason}: ${f.detail}`
    case 'malformed':
      return `malformed answer: ${f.detail}`
  }
}
