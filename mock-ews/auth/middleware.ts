/** Express middleware that lets only authenticated requests through (Autodiscover; EWS does the same itself). */
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { NextFunction, Request, Response } from 'express'
import type { Logger } from '../support/logger.ts'
import { authenticate } from './authenticate.ts'
import type { AuthDeps } from './authenticate.ts'

/**
 * Authenticates before the body is read. A refused request's body is drained (up to `maxBodyBytes`)
 * before the 401, so the connection stays usable for the client's retry with credentials.
 */
export function requireAuthentication(auth: AuthDeps, logger: Logger, maxBodyBytes: number) {
  let refused = 0
  return (req: Request, res: Response, next: NextFunction): void => {
    const result = authenticate(req.get('authorization'), auth)
    if (result.ok) {
      res.locals.user = result.user
      next()
      return
    }
    logger.info(`refused ${++refused}: 401 (${result.reason})`)
    refuseUnauthenticated(req, res, result.challenge, maxBodyBytes, result.reason)
  }
}

/**
 * The 401 of a refused request, once its body is drained (a body over `maxBodyBytes` closes the
 * connection instead), so the connection stays usable for the client's retry with credentials.
 * The body is one line of text saying why (`reason`), for the person reading it in a log.
 */
export function refuseUnauthenticated(
  req: IncomingMessage,
  res: ServerResponse,
  challenge: string[],
  maxBodyBytes: number,
  reason = 'no valid credentials',
): void {
  const body = Buffer.from(`401 Unauthorized: ${reason}.\n`)
  const headers = {
    'WWW-Authenticate': challenge,
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': body.length,
  }
  if (Number(req.headers['content-length'] ?? 0) > maxBodyBytes) {
    // Not worth reading: answer now and close (Node then stops reading the body).
    res.writeHead(401, { ...headers, Connection: 'close' }).end(body)
    return
  }
  let seen = 0
  req.on('data', (chunk: Buffer) => {
    seen += chunk.length
    if (seen > maxBodyBytes) req.destroy()
  })
  req.once('end', () => res.writeHead(401, headers).end(body))
  req.resume()
}
