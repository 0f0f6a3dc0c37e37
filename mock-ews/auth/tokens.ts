/**
 * OAuth-style bearer tokens for Exchange Online users (reference/ews-protocol.md §5.3), issued by
 * `POST /oauth2/token` and expiring on the injected clock. Memory stays bounded: a user's expired
 * tokens are dropped when the user gets a new one (or presents an expired one), and a user holds
 * at most MAX_TOKENS_PER_USER live tokens: a new one beyond that evicts the user's oldest.
 */
import type { Clock } from '../support/clock.ts'
import type { IdGenerator } from '../support/ids.ts'
import type { DirectoryUser } from '../topology/directory.ts'

export const DEFAULT_TOKEN_LIFETIME_SECONDS = 3600
/** Live tokens one user may hold; the oldest is evicted (then answered `invalid_token`) beyond it. */
export const MAX_TOKENS_PER_USER = 100

interface TokenEntry {
  token: string
  user: DirectoryUser
  expires: number
}

export interface IssuedToken {
  access_token: string
  token_type: 'Bearer'
  expires_in: number
}

export class TokenService {
  readonly #tokens = new Map<string, TokenEntry>()
  /** Each user's tokens, oldest first. */
  readonly #byUser = new Map<string, TokenEntry[]>()

  constructor(
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    private readonly maxPerUser = MAX_TOKENS_PER_USER,
  ) {}

  /** Tokens held (live, or expired and not yet dropped). */
  get size(): number {
    return this.#tokens.size
  }

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
    const mine = (this.#byUser.get(user.address) ?? []).filter((e) => {
      const live = e.expires > now
      if (!live) this.#tokens.delete(e.token)
      return live
    })
    while (mine.length >= this.maxPerUser) this.#tokens.delete(mine.shift()!.token)
    const entry = { token, user, expires }
    mine.push(entry)
    this.#byUser.set(user.address, mine)
    this.#tokens.set(token, entry)
    return { access_token: token, token_type: 'Bearer', expires_in: lifetimeSeconds }
  }

  verify(token: string): { user: DirectoryUser } | { error: 'unknown' | 'expired' } {
    const entry = this.#tokens.get(token)
    if (!entry) return { error: 'unknown' }
    if (this.clock.now().getTime() >= entry.expires) {
      this.#tokens.delete(token)
      const mine = this.#byUser.get(entry.user.address)
      if (mine)
        this.#byUser.set(
          entry.user.address,
          mine.filter((e) => e !== entry),
        )
      return { error: 'expired' }
    }
    return { user: entry.user }
  }
}
