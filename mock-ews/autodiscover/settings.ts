/**
 * What Autodiscover tells a client about a user: the same facts for the POX and the SOAP endpoint,
 * taken from the user's organisation and Exchange profile. The EWS URL points back at this server.
 */
import type { Request } from 'express'
import type { Directory, DirectoryUser } from '../topology/directory.ts'
import type { ServerVersionInfo } from '../topology/profiles.ts'

export interface UserSettings {
  user: DirectoryUser
  ewsUrl: string
  legacyDn: string
  deploymentId: string
  mailboxServer: string
  /** POX `ServerVersion`: the build as Exchange encodes it in hex. */
  serverVersionHex: string
  /** SOAP `CasVersion`, e.g. 15.01.2507.006. */
  casVersion: string
  ewsSupportedSchemas: string
}

/** The base URL of this server as the client reached it (its local address, not the Host header). */
export function selfBaseUrl(req: Request): string {
  const address = (req.socket.localAddress ?? '127.0.0.1').replace(/^::ffff:/, '')
  const host = address.includes(':') ? `[${address}]` : address
  return `${req.protocol}://${host}:${req.socket.localPort ?? 80}`
}

/**
 * The organisation a request is addressed to, if it says: a path prefix (`/contoso.com/autodiscover/…`)
 * or a Host header `autodiscover.contoso.com` / `contoso.com`. Undefined when it names none of ours.
 */
export function addressedDomain(req: Request, directory: Directory): string | undefined {
  const prefix = req.params.domain
  if (prefix) return String(prefix).toLowerCase()
  const host = (req.get('host') ?? '').replace(/:\d+$/, '').toLowerCase()
  const domain = host.replace(/^autodiscover\./, '')
  return directory.organisation(domain) ? domain : undefined
}

/** Looks a mailbox up for one caller: undefined when it does not exist or the caller may not see it. */
export type MailboxLookup = (address: string) => DirectoryUser | undefined

/**
 * The mailboxes a caller may discover: users of the caller's own organisation, and only when the
 * request is addressed to that organisation (or to none). Exchange answers an address it will not
 * disclose exactly as one it does not have (POX 500, SOAP InvalidUser), so an answer never tells a
 * caller of one organisation who exists in another (docs/decisions/0022).
 */
export function visibleMailboxes(
  directory: Directory,
  caller: DirectoryUser,
  addressedDomain: string | undefined,
): MailboxLookup {
  const own = caller.organisation.domain
  if (addressedDomain !== undefined && addressedDomain !== own) return () => undefined
  return (address) => {
    const user = directory.user(address)
    return user?.organisation.domain === own ? user : undefined
  }
}

export function userSettings(user: DirectoryUser, baseUrl: string): UserSettings {
  const org = user.organisation
  const v = user.profile.serverVersionInfo
  const name = user.address.split('@')[0]!
  const guid = deterministicGuid(user.address)
  return {
    user,
    ewsUrl: `${baseUrl}/EWS/Exchange.asmx`,
    legacyDn: `/o=${org.netbios}/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)/cn=Recipients/cn=${name}`,
    deploymentId: deterministicGuid(org.domain),
    mailboxServer: `${guid}@${org.domain}`,
    serverVersionHex: serverVersionHex(v),
    casVersion: `${v.majorVersion}.${pad(v.minorVersion, 2)}.${pad(v.majorBuildNumber, 4)}.${pad(v.minorBuildNumber, 3)}`,
    ewsSupportedSchemas: user.profile.acceptedVersions
      .filter((x) => x.startsWith('Exchange'))
      .join(', '),
  }
}

/** Exchange's POX ServerVersion: 0x70000000 | major << 22 | minor << 16 | 0x8000 | build (e.g. 15.0.516 → 73C08204). */
export function serverVersionHex(v: ServerVersionInfo): string {
  const n =
    (0x70000000 |
      (v.majorVersion << 22) |
      (v.minorVersion << 16) |
      0x8000 |
      (v.majorBuildNumber & 0x7fff)) >>>
    0
  return n.toString(16).toUpperCase()
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0')
}

/** A stable GUID-shaped string derived from a name (no randomness: the same topology, the same answer). */
function deterministicGuid(name: string): string {
  let h = 0x811c9dc5
  const bytes: number[] = []
  for (let i = 0; i < 16; i++) {
    for (const c of `${name}#${i}`) h = Math.imul(h ^ c.charCodeAt(0), 0x01000193) >>> 0
    bytes.push(h & 0xff)
  }
  const hex = bytes.map((b) => b.toString(16).padStart(2, '0')).join('')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}
