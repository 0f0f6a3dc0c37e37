/**
 * HTTP Basic authentication against the topology (reference/ews-protocol.md §0.4). The user name is
 * the UPN (`alice@contoso.com`) or `CONTOSO\alice`. Failures are 401 with a Basic challenge.
 */
import { timingSafeEqual } from 'node:crypto'
import type { Directory, DirectoryUser } from '../topology/directory.ts'

export type AuthResult = { ok: true; user: DirectoryUser } | { ok: false; reason: string }

export const BASIC_REALM = 'mock-ews'

export function authenticateBasic(header: string | undefined, directory: Directory): AuthResult {
  if (!header) return { ok: false, reason: 'no Authorization header' }
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header)
  if (!match)
    return { ok: false, reason: `unsupported Authorization scheme "${header.split(/\s/)[0]}"` }
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8')
  const colon = decoded.indexOf(':')
  if (colon < 0) return { ok: false, reason: 'malformed Basic credentials' }
  const name = decoded.slice(0, colon)
  const user = directory.userByLogon(name)
  if (!user || !samePassword(decoded.slice(colon + 1), user.password)) {
    return { ok: false, reason: `wrong user name or password for "${name}"` }
  }
  return { ok: true, user }
}

function samePassword(given: string, expected: string): boolean {
  const a = Buffer.from(given)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}
