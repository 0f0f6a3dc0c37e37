/**
 * What stands in front of `/__admin/` (docs/decisions/0022): the Host check against DNS rebinding,
 * the token check, and JSON for every error, as the rest of the admin API answers.
 */
import { timingSafeEqual } from 'node:crypto'
import { isIP } from 'node:net'
import type { NextFunction, Request, Response } from 'express'

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
 * its name to 127.0.0.1 sends its own name as Host, and gets nothing.
 */
export function adminHostGuard(allowedHosts: readonly string[] = []) {
  const allowed = new Set(allowedHosts.map((h) => hostName(h)))
  return (req: Request, res: Response, next: NextFunction): void => {
    const header = req.headers.host
    if (header === undefined) return next()
    const name = hostName(header)
    const local = (req.socket.localAddress ?? '').replace(/^::ffff:/, '').toLowerCase()
    if (isLoopbackHost(name) || name === local || allowed.has(name)) return next()
    res.status(403).json({
      error: `The admin API does not answer requests for host "${name}" (only loopback names, the address it listens on, and --admin-host names).`,
    })
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
    res
      .status(401)
      .set('WWW-Authenticate', 'Bearer realm="mock-ews admin"')
      .json({ error: 'The admin API needs its token.' })
  }
}

/** A JSON 404 for what no admin route answers. */
export function adminNotFound(req: Request, res: Response): void {
  res.status(404).json({ error: `There is no admin route ${req.method} ${req.originalUrl}.` })
}

/**
 * The last error handler of the admin API: every error is JSON (a body over the limit is a 413,
 * an unreadable one a 400), never Express's HTML page.
 */
export function adminErrors(onUnexpected: (err: unknown) => void) {
  return (err: unknown, _req: Request, res: Response, next: NextFunction): void => {
    if (res.headersSent) return next(err)
    const { status = 500, type } = err as { status?: number; type?: string }
    if (type === 'entity.too.large')
      res.status(413).json({ error: 'The body is larger than the admin API accepts (64 KB).' })
    else if (type === 'entity.parse.failed')
      res.status(400).json({ error: 'The body is not valid JSON.' })
    else if (status >= 400 && status < 500)
      res.status(status).json({ error: `The request could not be read: ${(err as Error).message}` })
    else {
      onUnexpected(err)
      res.status(500).json({ error: 'The admin API failed on this request (see the server log).' })
    }
  }
}
