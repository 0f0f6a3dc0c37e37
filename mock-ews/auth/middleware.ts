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
    refuseUnauthenticated(req, res, result.challenge, maxBodyBytes)
  }
}

/**
 * The 401 of a refused request, once its body is drained (a body over `maxBodyBytes` closes the
 * connection instead), so the connection stays usable for the client's retry with credentials.
 */
export function refuseUnauthenticated(
  req: IncomingMessage,
  res: ServerResponse,
  challenge: string[],
  maxBodyBytes: number,
): void {
  if (Number(req.headers['content-length'] ?? 0) > maxBodyBytes) {
    // Not worth reading: answer now and close (Node then stops reading the body).
    res.writeHead(401, { 'WWW-Authenticate': challenge, Connection: 'close' }).end()
    return
  }
  let seen = 0
  req.on('data', (chunk: Buffer) => {
    seen += chunk.length
    if (seen > maxBodyBytes) req.destroy()
  })
  req.once('end', () => res.writeHead(401, { 'WWW-Authenticate': challenge }).end())
  req.resume()
}
