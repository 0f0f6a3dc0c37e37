/**
 * Test helpers for deployments (Exchange profiles, authentication schemes, quirks): topologies
 * written as YAML (so they go through the same loader as a topology file), calls that carry the
 * RequestServerVersion a profile accepts, raw EWS requests with any Authorization header, and the
 * token endpoint. Profile names, domains and versions are spelled out here, not read from mock-ews,
 * so that a wrong value in mock-ews's profile data is caught.
 */
import request from 'supertest'
import { parseTopology } from '../../mock-ews/index.ts'
import type { EwsApp, ExchangeProfileName, Topology } from '../../mock-ews/index.ts'
import { answer, distinguished, envelope, getFolderXml, PASSWORD, post } from './ews.ts'
import type { SoapAnswer } from './ews.ts'

/** The Exchange deployment profiles, oldest first. */
export const PROFILES = [
  'exchange-2010-sp3',
  'exchange-2013',
  'exchange-2016',
  'exchange-2019',
  'exchange-online',
] as const satisfies readonly ExchangeProfileName[]
export type Profile = (typeof PROFILES)[number]

/** The four on-premises profiles. */
export const ON_PREMISES_PROFILES = PROFILES.filter((p) => p !== 'exchange-online')

/** The domain of the organisation that runs each profile in profileTopology(). */
export const DOMAIN_OF: Record<Profile, string> = {
  'exchange-2010-sp3': 'ex2010.example',
  'exchange-2013': 'ex2013.example',
  'exchange-2016': 'ex2016.example',
  'exchange-2019': 'ex2019.example',
  'exchange-online': 'online.example',
}

/** A RequestServerVersion each profile accepts: the newest Exchange 2010 value for 2010, else Exchange2013. */
export const VERSION_FOR: Record<Profile, string> = {
  'exchange-2010-sp3': 'Exchange2010_SP2',
  'exchange-2013': 'Exchange2013',
  'exchange-2016': 'Exchange2013',
  'exchange-2019': 'Exchange2013',
  'exchange-online': 'Exchange2013',
}

/** The address of user `name` in the organisation of `profile` (profileTopology()). */
export function userOf(profile: Profile, name = 'ann'): string {
  return `${name}@${DOMAIN_OF[profile]}`
}

/** One organisation of topologyYaml(); users are local parts, all with the password PASSWORD. */
export interface OrganisationYaml {
  domain: string
  exchange: string
  users: readonly string[]
  federation?: readonly string[]
  quirks?: Readonly<Record<string, boolean>>
}

/** A topology file's text. */
export function topologyYaml(organisations: readonly OrganisationYaml[]): string {
  const lines = ['organisations:']
  for (const o of organisations) {
    lines.push(`  - domain: ${o.domain}`, `    exchange: ${o.exchange}`)
    if (o.federation) lines.push(`    federation: [${o.federation.join(', ')}]`)
    if (o.quirks) {
      const entries = Object.entries(o.quirks).map(([k, v]) => `${k}: ${String(v)}`)
      lines.push(`    quirks: { ${entries.join(', ')} }`)
    }
    lines.push('    users:')
    for (const u of o.users)
      lines.push(`      - { address: ${u}@${o.domain}, password: '${PASSWORD}' }`)
  }
  return `${lines.join('\n')}\n`
}

/** A topology parsed from topologyYaml(). */
export function topologyOf(organisations: readonly OrganisationYaml[]): Topology {
  return parseTopology(topologyYaml(organisations))
}

/** One organisation per profile (DOMAIN_OF), each with the given users (ann and ben unless told). */
export function profileTopology(users: readonly string[] = ['ann', 'ben']): Topology {
  return topologyOf(PROFILES.map((p) => ({ domain: DOMAIN_OF[p], exchange: p, users })))
}

/** Sends one operation as `user` (Basic) with the given RequestServerVersion ('' for none). */
export function callWith(
  app: EwsApp['app'],
  operation: string,
  user: string,
  version: string,
): Promise<SoapAnswer> {
  return post(app, envelope(operation, version), user)
}

/** A `Basic` Authorization header value. */
export function basic(user: string, password = PASSWORD): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`
}

/** A `Bearer` Authorization header value. */
export function bearer(token: string): string {
  return `Bearer ${token}`
}

/** An EWS answer (possibly without a body) with the WWW-Authenticate header it carried ('' when none). */
export interface AuthAnswer extends SoapAnswer {
  challenge: string
}

/** POSTs an envelope (GetFolder of Inbox unless told) with the given Authorization header, or none. */
export async function ewsAs(
  app: EwsApp['app'],
  authorization: string | undefined,
  body = envelope(getFolderXml(distinguished('inbox'), 'IdOnly')),
): Promise<AuthAnswer> {
  const req = request(app).post('/EWS/Exchange.asmx').set('Content-Type', 'text/xml; charset=utf-8')
  if (authorization !== undefined) req.set('Authorization', authorization)
  const res = await req.send(body)
  const headers = res.headers as Record<string, string>
  // A 401's body is a line of text; an empty document stands in for it so that the readers find nothing.
  const parsed = answer(
    res.status,
    headers,
    res.status === 401 ? '<empty/>' : res.text || '<empty/>',
  )
  return { ...parsed, text: res.text, challenge: headers['www-authenticate'] ?? '' }
}

/** What `POST /oauth2/token` answered. */
export interface TokenAnswer {
  status: number
  contentType: string
  body: Record<string, unknown>
}

/** `POST /oauth2/token` with the given fields, form-encoded (as OAuth 2.0 has it) or as JSON. */
export async function requestToken(
  app: EwsApp['app'],
  fields: Record<string, string>,
  encoding: 'form' | 'json' = 'form',
): Promise<TokenAnswer> {
  const res = await request(app)
    .post('/oauth2/token')
    .set(
      'Content-Type',
      encoding === 'form' ? 'application/x-www-form-urlencoded' : 'application/json',
    )
    .send(encoding === 'form' ? new URLSearchParams(fields).toString() : JSON.stringify(fields))
  return {
    status: res.status,
    contentType: String(res.headers['content-type'] ?? ''),
    body: (res.body ?? {}) as Record<string, unknown>,
  }
}

/** A token for `user` from `POST /oauth2/token` (password grant); throws when none is issued. */
export async function tokenFor(app: EwsApp['app'], user: string): Promise<string> {
  const res = await requestToken(app, {
    grant_type: 'password',
    username: user,
    password: PASSWORD,
  })
  const token = res.body.access_token
  if (res.status !== 200 || typeof token !== 'string')
    throw new Error(`no token for ${user}: ${res.status} ${JSON.stringify(res.body)}`)
  return token
}
