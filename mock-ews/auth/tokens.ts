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

  issue(user: DirectoryUser, lifetimeSeconds = DEFAULT_TOKEN_LIFETIME_SECONDS): IssuedToken {
    const token = Buffer.from(this.ids.bytes(32)).toString('base64url')
    this.#tokens.set(token, { user, expires: this.clock.now().getTime() + lifetimeSeconds * 1000 })
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
