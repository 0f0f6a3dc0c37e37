/**
 * `POST /oauth2/token`: the mock token endpoint for Exchange Online users (resource-owner password
 * grant, form-encoded as OAuth 2.0 has it, or JSON). Tokens expire on the virtual clock. Every
 * answer is JSON, errors included (OAuth 2.0 §5.2 `{ error, error_description }`).
 */
import express from 'express'
import type { NextFunction, Request, Response, Router } from 'express'
import { logUnexpected } from '../dispatcher.ts'
import type { Logger } from '../support/logger.ts'
import type { Directory } from '../topology/directory.ts'
import type { TokenService } from './tokens.ts'

/**
 * The longest lifetime a token gets, in seconds: one day, the upper bound of Azure AD's configurable
 * access-token lifetime. A longer `expires_in` is clamped to it, and the answer says so
 * (docs/decisions/0022).
 */
export const MAX_TOKEN_LIFETIME_SECONDS = 86_400

const BODY_LIMIT = '16kb'

export function tokenRouter(directory: Directory, tokens: TokenService, logger: Logger): Router {
  const router = express.Router()
  router.post(
    '/oauth2/token',
    express.urlencoded({ extended: false, limit: BODY_LIMIT }),
    express.json({ limit: BODY_LIMIT }),
    (req, res) => {
      const body = (req.body ?? {}) as Record<string, unknown>
      const field = (name: string): string | undefined =>
        typeof body[name] === 'string' ? (body[name] as string) : undefined
      if (field('grant_type') !== 'password') {
        fail(
          res,
          400,
          'unsupported_grant_type',
          'mock-ews issues tokens for grant_type=password (username, password).',
        )
        return
      }
      const lifetime = lifetimeOf(body.expires_in)
      if (lifetime === null) {
        fail(res, 400, 'invalid_request', '"expires_in" must be a whole number of seconds ≥ 1.')
        return
      }
      const username = field('username')
      const user = username === undefined ? undefined : directory.userByLogon(username)
      if (!user || field('password') !== user.password) {
        fail(res, 400, 'invalid_grant', 'The user name or password is incorrect.')
        return
      }
      if (!user.profile.authSchemes.includes('Bearer')) {
        fail(
          res,
          400,
          'unauthorized_client',
          `${user.profile.title} (${user.organisation.domain}) takes Basic authentication, not tokens.`,
        )
        return
      }
      res.json(tokens.issue(user, lifetime))
    },
  )
  router.all('/oauth2/token', (_req, res) => {
    res.set('Allow', 'POST')
    fail(res, 405, 'invalid_request', 'The token endpoint takes POST.')
  })
  router.use('/oauth2', (err: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(err)
    const { status = 500, type } = (err ?? {}) as { status?: number; type?: string }
    if (type === 'entity.too.large')
      fail(res, 413, 'invalid_request', `The body is larger than ${BODY_LIMIT}.`)
    else if (status < 500)
      fail(res, status, 'invalid_request', `The body could not be read: ${(err as Error).message}`)
    else {
      // An unexpected exception: its stack to the log, the client an OAuth error without it.
      logUnexpected(err, logger, { operation: 'POST /oauth2/token' })
      fail(
        res,
        500,
        'server_error',
        'The token endpoint failed unexpectedly; the log has the details.',
      )
    }
  })
  return router
}

/**
 * The lifetime asked for: undefined (the default) when absent, the seconds (a JSON number or a
 * numeric string, clamped to the maximum), or null when it is not a whole number ≥ 1.
 */
function lifetimeOf(value: unknown): number | undefined | null {
  if (value === undefined) return undefined
  const n = typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : value
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1) return null
  return Math.min(n, MAX_TOKEN_LIFETIME_SECONDS)
}

function fail(res: Response, status: number, error: string, description: string): void {
  res.status(status).json({ error, error_description: description })
}
