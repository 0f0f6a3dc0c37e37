/**
 * One HTTP exchange of the client: POST an XML body with credentials, within a time limit, and
 * tell apart the ways it can fail before an answer is in hand (refused, reset, timeout, 401).
 * Runs on an injected `fetch` (`nodeFetch` by default), so tests can shape answers.
 */
import { failure, success } from './result.ts'
import type { EwsFailure, EwsResult } from './result.ts'

export type Credentials =
  { kind: 'basic'; user: string; password: string } | { kind: 'bearer'; token: string }

export type Fetch = typeof globalThis.fetch

export interface HttpOptions {
  credentials: Credentials
  timeoutMs: number
  fetch: Fetch
}

/** A complete answer other than 401: its status and the whole body. */
export interface HttpAnswer {
  status: number
  body: string
}

export function authorization(credentials: Credentials): string {
  return credentials.kind === 'basic'
    ? `Basic ${Buffer.from(`${credentials.user}:${credentials.password}`, 'utf8').toString('base64')}`
    : `Bearer ${credentials.token}`
}

/**
 * POSTs `body` to `url` and reads the whole answer within `timeoutMs`. Redirects are not followed
 * (a 3xx comes back as an answer), so a POST is never silently turned into a GET.
 */
export async function postXml(
  url: string,
  body: string,
  options: HttpOptions,
): Promise<EwsResult<HttpAnswer>> {
  const controller = new AbortController()
  const timer = setTimeout(() => controller.abort(), options.timeoutMs)
  try {
    const res = await options.fetch(url, {
      method: 'POST',
      headers: {
        'Content-Type': 'text/xml; charset=utf-8',
        Accept: 'text/xml',
        Authorization: authorization(options.credentials),
      },
      body,
      redirect: 'manual',
      signal: controller.signal,
    })
    const text = await res.text()
    if (res.status === 401) return failure({ kind: 'unauthorized' })
    return success({ status: res.status, body: text })
  } catch (e) {
    return failure(networkFailure(e, controller.signal.aborted, options.timeoutMs))
  } finally {
    clearTimeout(timer)
  }
}

const REFUSED = new Set(['ECONNREFUSED'])
const RESET = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED'])
const TIMEOUT = new Set([
  'ETIMEDOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
])

/** Classifies what `fetch` (undici) threw, looking through the chain of causes for an error code. */
export function networkFailure(error: unknown, timedOut: boolean, timeoutMs: number): EwsFailure {
  if (timedOut)
    return { kind: 'network', reason: 'timeout', detail: `no answer in ${timeoutMs} ms` }
  const codes: string[] = []
  const messages: string[] = []
  for (let e: unknown = error, depth = 0; e !== undefined && e !== null && depth < 8; depth++) {
    const { code, message, cause } = e as { code?: unknown; message?: unknown; cause?: unknown }
    if (typeof code === 'string') codes.push(code)
    messages.push(typeof message === 'string' ? message : String(e))
    e = cause
  }
  const detail = [...new Set(messages)].join(': ') + (codes.length ? ` [${codes.join(', ')}]` : '')
  const reason = codes.some((c) => REFUSED.has(c))
    ? 'refused'
    : codes.some((c) => RESET.has(c)) || messages.includes('terminated')
      ? 'reset'
      : codes.some((c) => TIMEOUT.has(c))
        ? 'timeout'
        : 'other'
  return { kind: 'network', reason, detail }
}
