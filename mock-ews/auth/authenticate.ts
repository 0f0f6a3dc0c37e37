/**
 * Authentication of EWS and Autodiscover requests against the topology (reference/ews-protocol.md
 * §0.4, §5.3). Basic: the user name is the UPN (`alice@contoso.com`) or `CONTOSO\alice`. Bearer: a
 * token from TokenService. Each user's Exchange profile says which schemes it takes; Exchange Online
 * refuses Basic from 2020-10-13 on (virtual clock).
 */
import { timingSafeEqual } from 'node:crypto'
import type { Clock } from '../support/clock.ts'
import type { Directory, DirectoryUser } from '../topology/directory.ts'
import type { TokenService } from './tokens.ts'

export type AuthResult =
  { ok: true; user: DirectoryUser } | { ok: false; reason: string; challenge: string[] }

export const BASIC_REALM = 'mock-ews'
/** The challenge of a 401 that does not know the caller: Basic and Bearer. */
export const UNAUTHORIZED_CHALLENGE = [`Basic realm="${BASIC_REALM}"`, 'Bearer']
const CHALLENGE = UNAUTHORIZED_CHALLENGE

export interface AuthDeps {
  directory: Directory
  tokens: TokenService
  clock: Clock
}

export function authenticate(header: string | undefined, deps: AuthDeps): AuthResult {
  if (!header) return refuse('no Authorization header')
  const [scheme = '', credentials = ''] = header.trim().split(/\s+/, 2)
  if (/^basic$/i.test(scheme)) return basic(credentials, deps)
  if (/^bearer$/i.test(scheme)) return bearer(credentials, deps)
  return refuse(`unsupported Authorization scheme "${scheme}"`)
}

function basic(credentials: string, deps: AuthDeps): AuthResult {
  if (!/^[A-Za-z0-9+/=]+$/.test(credentials)) return refuse('malformed Basic credentials')
  const decoded = Buffer.from(credentials, 'base64').toString('utf8')
  const colon = decoded.indexOf(':')
  if (colon < 0) return refuse('malformed Basic credentials')
  const name = decoded.slice(0, colon)
  const user = deps.directory.userByLogon(name)
  if (!user || !samePassword(decoded.slice(colon + 1), user.password)) {
    return refuse(`wrong user name or password for "${name}"`)
  }
  const { profile } = user
  if (!profile.authSchemes.includes('Basic'))
    return refuse(`${profile.title} does not accept Basic authentication`)
  const retired = profile.basicAuthRetiredOn
  if (retired && deps.clock.now().getTime() >= Date.parse(retired)) {
    return refuse(
      `${profile.title} switched Basic authentication off on ${retired.slice(0, 10)} (the server's clock is past it): use a bearer token from POST /oauth2/token`,
      ['Bearer'],
    )
  }
  return { ok: true, user }
}

function bearer(token: string, deps: AuthDeps): AuthResult {
  const verified = deps.tokens.verify(token)
  if ('error' in verified) {
    const description =
      verified.error === 'expired'
        ? 'The access token has expired'
        : 'The access token is not valid'
    return refuse(description.toLowerCase(), [
      `Bearer error="invalid_token", error_description="${description}"`,
    ])
  }
  if (!verified.user.profile.authSchemes.includes('Bearer')) {
    return refuse(`${verified.user.profile.title} does not accept bearer tokens`)
  }
  return { ok: true, user: verified.user }
}

function refuse(reason: string, challenge = CHALLENGE): AuthResult {
  return { ok: false, reason, challenge }
}

function samePassword(given: string, expected: string): boolean {
  const a = Buffer.from(given)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}
