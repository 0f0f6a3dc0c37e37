/**
 * What stands in front of `/__admin/` (docs/decisions/0022): the Host check against DNS rebinding,
 * the token check, and JSON for every error, as the rest of the admin API answers.
 */
import { timingSafeEqual } from 'node:crypto'
import { isIP } from 'node:net'
import type { NextFunction, Request, Response } from 'express'
import { EwsError } from '../domain/errors.ts'
import { FaultDefinitionError } from '../faults/definitions.ts'
import { SkypeConfigError } from '../skype/skype-directory.ts'

/** An admin error with its status and code; thrown by routes, answered by `adminErrors`. */
export class AdminError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}
export class BadRequest extends AdminError {
  constructor(message: string) {
    super(400, 'BadRequest', message)
  }
}
export class NotFound extends AdminError {
  constructor(message: string) {
    super(404, 'NotFound', message)
  }
}

/** Store answers that mean "there is no such thing" (404); any other EwsError is a 400. */
const EWS_NOT_FOUND = new Set([
  'ErrorItemNotFound',
  'ErrorFolderNotFound',
  'ErrorAccessDenied',
  'ErrorNonExistentMailbox',
])

/** Every admin error: `{"error": {"code", "message"}}` with its status (never HTML, never SOAP). */
export function sendAdminError(res: Response, status: number, code: string, message: string): void {
  res.status(status).json({ error: { code, message } })
}

/** The largest JSON body an admin route reads (a seed of many items fits). */
export const ADMIN_BODY_LIMIT = '1mb'

/** Refuses an empty admin token: an unset variable in `--admin-token "$X"` must not open the API. */
export function checkAdminToken(token: string | undefined): void {
  if (token !== undefined && token.trim() === '')
    throw new Error('the admin token is empty (an unset variable?): give a token or none at all')
}

/** Whether `host` (a name or an address, without port or brackets) is the loopback interface. */
export function isLoopbackHost(host: string): boolean {
  const h = host
    .toLowerCase()
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '')
  if (h === 'localhost' || h.endsWith('.localhost')) return true
  if (isIP(h) === 4) return h.startsWith('127.')
  if (isIP(h) === 6) return h === '::1' || /^::ffff:127\./.test(h)
  return false
}

/** The host name of a Host header, without the port (`[::1]:8080` → `::1`). */
function hostName(header: string): string {
  const bracketed = /^\[([^\]]*)\]/.exec(header)
  return (bracketed ? bracketed[1]! : header.replace(/:\d*$/, '')).toLowerCase()
}

/**
 * Refuses (403) an admin request whose Host header names neither the loopback interface, nor the
 * address the request arrived on, nor one of `allowedHosts`: a page on another site that rebinds
 * its name to 127.0.0.1 sends its own name as Host, and gets nothing. Refuses too a request a
 * browser marks as coming from another site (an Origin other than the Host, or Sec-Fetch-Site
 * cross-site / same-site): without it, any page could POST /__admin/reset to 127.0.0.1.
 */
export function adminHostGuard(allowedHosts: readonly string[] = []) {
  const allowed = new Set(allowedHosts.map((h) => hostName(h)))
  return (req: Request, res: Response, next: NextFunction): void => {
    const header = req.headers.host
    if (header === undefined) return next()
    const name = hostName(header)
    const local = (req.socket.localAddress ?? '').replace(/^::ffff:/, '').toLowerCase()
    if (!(isLoopbackHost(name) || name === local || allowed.has(name)))
      return sendAdminError(
        res,
        403,
        'ForbiddenHost',
        `The admin API does not answer requests for host "${name}" (only loopback names, the address it listens on, and --admin-host names).`,
      )
    // A page of another site may POST to 127.0.0.1 without a preflight (reset, clock/freeze…): a
    // browser says where the request comes from, and only the admin API's own pages may call it.
    const origin = req.get('origin')
    const site = req.get('sec-fetch-site')
    let foreign = site === 'cross-site' || site === 'same-site'
    if (origin !== undefined) {
      try {
        foreign ||= new URL(origin).host.toLowerCase() !== header.toLowerCase()
      } catch {
        foreign = true
      }
    }
    if (!foreign) return next()
    sendAdminError(
      res,
      403,
      'ForbiddenOrigin',
      `The admin API does not answer requests from pages of another site (Origin ${origin ?? 'absent'}, Sec-Fetch-Site ${site ?? 'absent'}).`,
    )
  }
}

/** Refuses admin requests without the token, when one is configured (timing-safe comparison). */
export function adminGuard(token: string | undefined) {
  checkAdminToken(token)
  return (req: Request, res: Response, next: NextFunction): void => {
    if (token === undefined) return next()
    const given =
      req.get('x-admin-token') ?? /^Bearer\s+(.+)$/i.exec(req.get('authorization') ?? '')?.[1] ?? ''
    const a = Buffer.from(given)
    const b = Buffer.from(token)
    if (a.length === b.length && timingSafeEqual(a, b)) return next()
    res.set('WWW-Authenticate', 'Bearer realm="mock-ews admin"')
    sendAdminError(res, 401, 'Unauthorized', 'The admin API needs its token.')
  }
}

/** A JSON 404 for what no admin route answers. */
export function adminNotFound(req: Request, res: Response): void {
  sendAdminError(
    res,
    404,
    'NoSuchRoute',
    `There is no admin route ${req.method} ${req.originalUrl}.`,
  )
}

/**
 * The last error handler of the admin API: every error is JSON (a body over the limit is a 413,
 * an unreadable one a 400), never Express's HTML page.
 */
export function adminErrors(onUnexpected: (err: unknown) => void) {
  return (err: unknown, _req: Request, res: Response, next: NextFunction): void => {
    if (res.headersSent) return next(err)
    const { status = 500, type } = err as { status?: number; type?: string }
    if (err instanceof AdminError) sendAdminError(res, err.status, err.code, err.message)
    else if (err instanceof SkypeConfigError)
      sendAdminError(
        res,
        err.notFound ? 404 : 400,
        err.notFound ? 'NotFound' : 'Refused',
        err.message,
      )
    else if (err instanceof FaultDefinitionError)
      sendAdminError(res, 400, 'InvalidFault', err.message)
    else if (err instanceof EwsError)
      sendAdminError(res, EWS_NOT_FOUND.has(err.code) ? 404 : 400, err.code, err.message)
    else if (type === 'entity.too.large')
      sendAdminError(
        res,
        413,
        'BodyTooLarge',
        `The body is larger than the admin API accepts (${ADMIN_BODY_LIMIT}).`,
      )
    else if (type === 'entity.parse.failed')
      sendAdminError(res, 400, 'InvalidJson', 'The body is not valid JSON.')
    else if (status >= 400 && status < 500)
      sendAdminError(
        res,
        status,
        'BadRequest',
        `The request could not be read: ${(err as Error).message}`,
      )
    else {
      onUnexpected(err)
      sendAdminError(
        res,
        500,
        'Internal',
        'The admin API failed on this request (see the server log).',
      )
    }
  }
}
