/** Express middleware that lets only authenticated requests through (EWS and Autodiscover). */
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
    let seen = 0
    req.on('data', (chunk: Buffer) => {
      seen += chunk.length
      if (seen > maxBodyBytes) req.destroy()
    })
    req.once('end', () => res.status(401).set('WWW-Authenticate', result.challenge).end())
    req.resume()
  }
}
