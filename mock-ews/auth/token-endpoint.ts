/**
 * `POST /oauth2/token`: the mock token endpoint for Exchange Online users (resource-owner password
 * grant, form-encoded as OAuth 2.0 has it, or JSON). Tokens expire on the virtual clock.
 */
import express from 'express'
import type { Router } from 'express'
import type { Directory } from '../topology/directory.ts'
import type { TokenService } from './tokens.ts'

export function tokenRouter(directory: Directory, tokens: TokenService): Router {
  const router = express.Router()
  router.post(
    '/oauth2/token',
    express.urlencoded({ extended: false, limit: '16kb' }),
    express.json({ limit: '16kb' }),
    (req, res) => {
      const body = (req.body ?? {}) as Record<string, unknown>
      const field = (name: string): string | undefined =>
        typeof body[name] === 'string' ? (body[name] as string) : undefined
      const fail = (error: string, description: string): void => {
        res.status(400).json({ error, error_description: description })
      }
      if (field('grant_type') !== 'password') {
        fail(
          'unsupported_grant_type',
          'mock-ews issues tokens for grant_type=password (username, password).',
        )
        return
      }
      const username = field('username')
      const user = username === undefined ? undefined : directory.userByLogon(username)
      if (!user || field('password') !== user.password) {
        fail('invalid_grant', 'The user name or password is incorrect.')
        return
      }
      if (!user.profile.authSchemes.includes('Bearer')) {
        fail(
          'unauthorized_client',
          `${user.profile.title} (${user.organisation.domain}) takes Basic authentication, not tokens.`,
        )
        return
      }
      const lifetime = Number(field('expires_in') ?? '')
      res.json(
        tokens.issue(user, Number.isInteger(lifetime) && lifetime > 0 ? lifetime : undefined),
      )
    },
  )
  return router
}
