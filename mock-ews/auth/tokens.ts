/**
 * OAuth-style bearer tokens for Exchange Online users (reference/ews-protocol.md §5.3), issued by
 * `POST /oauth2/token` and expiring on the injected clock.
 */
import type { Clock } from '../support/clock.ts'
import type { IdGenerator } from '../support/ids.ts'
import type { DirectoryUser } from '../topology/directory.ts'

export const DEFAULT_TOKEN_LIFETIME_SECONDS = 3600

export interface IssuedToken {
  access_token: string
  token_type: 'Bearer'
  expires_in: number
}

export class TokenService {
  readonly #tokens = new Map<string, { user: DirectoryUser; expires: number }>()

  constructor(
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
  ) {}

  /**
   * A token shaped like the JWTs Exchange Online takes (clients such as ews-javascript-api check the
   * shape): header and claims in the clear, a random signature that makes it unguessable.
   */
  issue(user: DirectoryUser, lifetimeSeconds = DEFAULT_TOKEN_LIFETIME_SECONDS): IssuedToken {
    const now = this.clock.now().getTime()
    const expires = now + lifetimeSeconds * 1000
    const part = (value: unknown): string =>
      Buffer.from(JSON.stringify(value)).toString('base64url')
    const claims = {
      aud: 'https://outlook.office365.com',
      upn: user.address,
      iat: now / 1000,
      exp: expires / 1000,
    }
    const token = `${part({ typ: 'JWT', alg: 'none' })}.${part(claims)}.${Buffer.from(this.ids.bytes(32)).toString('base64url')}`
    this.#tokens.set(token, { user, expires })
    return { access_token: token, token_type: 'Bearer', expires_in: lifetimeSeconds }
  }

  verify(token: string): { user: DirectoryUser } | { error: 'unknown' | 'expired' } {
    const entry = this.#tokens.get(token)
    if (!entry) return { error: 'unknown' }
    if (this.clock.now().getTime() >= entry.expires) {
      this.#tokens.delete(token)
      return { error: 'expired' }
    }
    return { user: entry.user }
  }
}
