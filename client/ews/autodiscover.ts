/**
 * POX Autodiscover as the Skype for Business client uses it (reference/ews-protocol.md §5.1): POST
 * the Outlook-provider request to each candidate URL in turn and read the EWS URL of the first
 * good answer, from the EXCH protocol block, else the EXPR one.
 *
 * Autodiscover's own error codes (an `Error` element in an HTTP 200 answer: 500 "the email
 * address can't be found", 600 "invalid request", 601 "schema not supported") are reported as
 * `{ kind: 'ews', code: 'Autodiscover<ErrorCode>', message: <Message>, level: 'message' }`, e.g.
 * `Autodiscover500`, so they cannot be mistaken for an EWS ResponseCode.
 */
import { postXml } from './http.ts'
import type { Credentials, Fetch } from './http.ts'
import { nodeFetch } from './node-fetch.ts'
import { failure, success } from './result.ts'
import type { EwsFailure, EwsResult } from './result.ts'
import { child, childText, children, escapeXml, parseXml } from './xml.ts'
import type { XmlNode } from './xml.ts'

export const POX = {
  request: 'http://schemas.microsoft.com/exchange/autodiscover/outlook/requestschema/2006',
  responseSchema: 'http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a',
} as const

export interface Discovery {
  ewsUrl: string
  /** The account is in Exchange Online (`MicrosoftOnline` True). */
  microsoftOnline: boolean
  /**
   * The mailbox server's version from the EXCH block's `ServerVersion` (hex, e.g. `7383807B` for
   * 14.3.123): decides the RequestServerVersion the client speaks (server-version.ts).
   */
  serverVersion?: { major: number; minor: number; build: number }
}

export interface DiscoverOptions {
  /** Tried in order; see candidateAutodiscoverUrls. */
  urls: readonly string[]
  credentials: Credentials
  fetch?: Fetch
  /** Per URL; 30 s by default. */
  timeoutMs?: number
}

/**
 * The POX Autodiscover URLs of a domain, in the order the real client tries them:
 * `https://<domain>/autodiscover/autodiscover.xml`, then `https://autodiscover.<domain>/…`.
 * Given `base` (a mock-ews root such as `http://127.0.0.1:PORT`), the one URL through the mock's
 * domain path prefix instead: `${base}/<domain>/autodiscover/autodiscover.xml`.
 */
export function candidateAutodiscoverUrls(
  domain: string,
  options: { base?: string } = {},
): string[] {
  const d = domain.trim().toLowerCase()
  const tail = 'autodiscover/autodiscover.xml'
  if (options.base !== undefined) return [`${options.base.replace(/\/+$/, '')}/${d}/${tail}`]
  return [`https://${d}/${tail}`, `https://autodiscover.${d}/${tail}`]
}

/** The POX request body for an address. */
export function poxRequest(email: string): string {
  return (
    '<?xml version="1.0" encoding="utf-8"?>' +
    `<Autodiscover xmlns="${POX.request}"><Request>` +
    `<EMailAddress>${escapeXml(email)}</EMailAddress>` +
    `<AcceptableResponseSchema>${POX.responseSchema}</AcceptableResponseSchema>` +
    '</Request></Autodiscover>'
  )
}

/**
 * Discovers the EWS URL of `email`. Every URL is tried until one gives settings; when none does,
 * the most telling failure is returned: an Autodiscover error code, else a 401, else an HTTP
 * status, else a malformed answer, else the last network failure.
 */
export async function discoverEwsUrl(
  email: string,
  options: DiscoverOptions,
): Promise<EwsResult<Discovery>> {
  const failures: EwsFailure[] = []
  for (const url of options.urls) {
    const http = await postXml(url, poxRequest(email), {
      credentials: options.credentials,
      timeoutMs: options.timeoutMs ?? 30_000,
      fetch: options.fetch ?? nodeFetch,
    })
    const result = http.ok ? readPoxAnswer(http.value.status, http.value.body) : http
    if (result.ok) return result
    failures.push(result.failure)
  }
  const rank = (f: EwsFailure): number =>
    ['network', 'malformed', 'http', 'unauthorized', 'ews'].indexOf(f.kind)
  const best = failures.reduce<EwsFailure | undefined>(
    (a, f) => (a === undefined || rank(f) >= rank(a) ? f : a),
    undefined,
  )
  return failure(best ?? { kind: 'network', reason: 'other', detail: 'no Autodiscover URL to try' })
}

/** Reads a POX answer: settings, an Autodiscover error code, an HTTP error, or not POX at all. */
export function readPoxAnswer(status: number, body: string): EwsResult<Discovery> {
  if (status < 200 || status > 299) return failure({ kind: 'http', status })
  const parsed = parseXml(body)
  if ('error' in parsed) return malformed(parsed.error)
  if (parsed.root.name !== 'Autodiscover') {
    return malformed(`the root element is ${parsed.root.name}, not Autodiscover`)
  }
  const response = child(parsed.root, 'Response')
  const error = child(response, 'Error') ?? child(parsed.root, 'Error')
  if (error) {
    const code = childText(error, 'ErrorCode') ?? ''
    return failure({
      kind: 'ews',
      code: `Autodiscover${code}`,
      message: childText(error, 'Message') ?? '',
      level: 'message',
    })
  }
  const account = child(response, 'Account')
  if (!account) return malformed('no Account and no Error in the Autodiscover response')
  const ewsUrl = protocolEwsUrl(account, 'EXCH') ?? protocolEwsUrl(account, 'EXPR')
  if (!ewsUrl) {
    const action = childText(account, 'Action') ?? 'none'
    return malformed(`no EwsUrl in an EXCH or EXPR protocol block (Action: ${action})`)
  }
  const online = (childText(account, 'MicrosoftOnline') ?? '').toLowerCase() === 'true'
  const exch = children(account, 'Protocol').find((p) => childText(p, 'Type') === 'EXCH')
  const serverVersion = decodeServerVersion(childText(exch, 'ServerVersion'))
  return success({ ewsUrl, microsoftOnline: online, ...(serverVersion && { serverVersion }) })
}

function protocolEwsUrl(account: XmlNode, type: 'EXCH' | 'EXPR'): string | undefined {
  const block = children(account, 'Protocol').find((p) => childText(p, 'Type') === type)
  return childText(block, 'EwsUrl') || undefined
}

/**
 * POX `ServerVersion`: eight hex digits, 0x70000000 | major << 22 | minor << 16 | 0x8000 | build
 * (Outlook's encoding; 15.0.516 → 73C08204). Undefined when absent or not of that form.
 */
export function decodeServerVersion(
  hex: string | undefined,
): { major: number; minor: number; build: number } | undefined {
  if (hex === undefined || !/^[0-9A-Fa-f]{8}$/.test(hex.trim())) return undefined
  const n = Number.parseInt(hex.trim(), 16)
  return { major: (n >>> 22) & 0x3f, minor: (n >>> 16) & 0x3f, build: n & 0x7fff }
}

function malformed<T>(detail: string): EwsResult<T> {
  return failure({ kind: 'malformed', detail })
}
