import { readFileSync } from 'node:fs'
import { isMap, isScalar, LineCounter, parseDocument } from 'yaml'
import type { Document } from 'yaml'
import { EXCHANGE_PROFILE_NAMES, getExchangeProfile, isExchangeProfileName } from './profiles.ts'
import type { SkypeSpec } from '../skype/skype-config.ts'
import { Reader } from './reader.ts'
import type { Fail, Path } from './reader.ts'
import { readGroups } from './load-groups.ts'
import { readWorkingHours } from './load-working-hours.ts'
import { readQuirks, readSkype, readUserSkype } from './load-skype.ts'
import type { OrganisationSpec, Topology, UserSpec } from './topology.ts'
import { readQuotas } from './quotas.ts'
import { readSeedItem, SEEDABLE_FOLDERS } from '../admin/seed.ts'
import type { SeedItem } from '../admin/seed.ts'

/** A topology file that does not say what it must; names the file, the field path and what was expected. */
export class TopologyError extends Error {
  constructor(
    readonly file: string,
    readonly path: string,
    readonly expected: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    const where = line === undefined ? file : `${file}:${line}:${column ?? 1}`
    super(`${where}: ${path || '(top level)'}: expected ${expected}`)
    this.name = 'TopologyError'
  }
}

const DOMAIN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/
const ADDRESS = /^[a-z0-9._%+-]+@([a-z0-9-]+\.)+[a-z]{2,63}$/

/** Reads and validates a topology YAML file. Throws TopologyError on the first problem. */
export function loadTopologyFile(file: string): Topology {
  return parseTopology(readFileSync(file, 'utf8'), file)
}

/** Parses and validates topology YAML text; `file` is only used in error messages. */
export function parseTopology(text: string, file = '<topology>'): Topology {
  const lineCounter = new LineCounter()
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true })
  const fail = (path: Path, expected: string, atKey = false): never => {
    const pos = positionOf(doc, path, atKey)
    const at = pos === undefined ? undefined : lineCounter.linePos(pos)
    throw new TopologyError(file, formatPath(path), expected, at?.line, at?.col)
  }
  if (doc.errors.length > 0) {
    const err = doc.errors[0]!
    const pos = err.linePos?.[0]
    throw new TopologyError(file, '', `valid YAML (${err.code})`, pos?.line, pos?.col)
  }
  let root: unknown
  try {
    root = doc.toJS({ maxAliasCount: 100 })
  } catch (e) {
    throw new TopologyError(
      file,
      '',
      `YAML whose aliases resolve within limits (${(e as Error).message})`,
    )
  }
  return readTopology(root, fail)
}

/**
 * Checks an already-parsed topology value (e.g. the `topology` of a scenario file); `fail` is called
 * with the field path (relative to the value) and what was expected, and must throw.
 */
export function readTopology(root: unknown, fail: Fail): Topology {
  const r = new Reader(fail)
  const top = r.object(root, [], ['organisations'])
  const orgs = r.array(top.organisations, ['organisations'], 1)
  const organisations = orgs.map((o, i) => readOrganisation(r, o, ['organisations', i]))
  checkUnique(r, organisations)
  return { organisations }
}

function readOrganisation(r: Reader, value: unknown, path: Path): OrganisationSpec {
  const o = r.object(value, path, [
    'domain',
    'netbios',
    'exchange',
    'federation',
    'skype',
    'quirks',
    'impersonation',
    'users',
    'groups',
    'quotas',
  ])
  const domain = r.string(
    o.domain,
    [...path, 'domain'],
    'a domain name such as contoso.com',
    DOMAIN,
    true,
  )
  const exchange = r.string(
    o.exchange,
    [...path, 'exchange'],
    `one of ${EXCHANGE_PROFILE_NAMES.join(', ')}`,
  )
  if (!isExchangeProfileName(exchange))
    r.fail([...path, 'exchange'], `one of ${EXCHANGE_PROFILE_NAMES.join(', ')}`)
  const netbios =
    o.netbios === undefined
      ? domain.split('.')[0]!.toUpperCase()
      : r
          .string(
            o.netbios,
            [...path, 'netbios'],
            'a NetBIOS domain name such as CONTOSO',
            /^[A-Za-z0-9-]{1,15}$/,
          )
          .toUpperCase()
  const federation =
    o.federation === undefined
      ? []
      : r
          .array(o.federation, [...path, 'federation'], 0)
          .map((d, i) =>
            r.string(
              d,
              [...path, 'federation', i],
              'a domain name such as fabrikam.com',
              DOMAIN,
              true,
            ),
          )
  const profile = getExchangeProfile(exchange as OrganisationSpec['exchange'])
  const skype = readSkype(r, o.skype, [...path, 'skype'], profile.deployment === 'online')
  const quirks = readQuirks(r, o.quirks, [...path, 'quirks'])
  const users = r
    .array(o.users, [...path, 'users'], 0)
    .map((u, i) => readUser(r, u, [...path, 'users', i], domain, skype))
  const impersonation =
    o.impersonation === undefined
      ? []
      : r.array(o.impersonation, [...path, 'impersonation'], 0).map((a, i) => {
          const address = r.string(
            a,
            [...path, 'impersonation', i],
            `the address of a user of ${domain}`,
            ADDRESS,
            true,
          )
          if (!users.some((u) => u.address === address))
            r.fail([...path, 'impersonation', i], `the address of a user of ${domain}`)
          return address
        })
  users.forEach((u, i) => {
    for (const key of ['sendAs', 'sendOnBehalf'] as const)
      u[key]?.forEach((a, j) => {
        if (!users.some((v) => v.address === a))
          r.fail([...path, 'users', i, key, j], `the address of a user of ${domain}`)
      })
  })
  const quotas = readQuotas(r, o.quotas, [...path, 'quotas'])
  const groups = readGroups(r, o.groups, [...path, 'groups'], domain, users)
  return {
    domain,
    netbios,
    exchange: profile.name,
    federation,
    skype,
    quirks,
    impersonation,
    users,
    ...(groups && { groups }),
    ...(quotas && { quotas }),
  }
}

function readUser(
  r: Reader,
  value: unknown,
  path: Path,
  domain: string,
  skype: SkypeSpec,
): UserSpec {
  const u = r.object(value, path, [
    'address',
    'sip',
    'password',
    'displayName',
    'site',
    'clientPolicy',
    'quotas',
    'sendAs',
    'sendOnBehalf',
    'workingHours',
    'mailbox',
  ])
  const address = r.string(
    u.address,
    [...path, 'address'],
    `an SMTP address in ${domain}`,
    ADDRESS,
    true,
  )
  if (!address.endsWith(`@${domain}`)) r.fail([...path, 'address'], `an SMTP address in ${domain}`)
  const sip =
    u.sip === undefined
      ? address
      : r.string(u.sip, [...path, 'sip'], 'a SIP address such as alice@contoso.com', ADDRESS, true)
  const password = r.string(u.password, [...path, 'password'], 'a non-empty password string')
  const displayName =
    u.displayName === undefined
      ? address.split('@')[0]!
      : r.string(u.displayName, [...path, 'displayName'], 'a display name')
  const quotas = readQuotas(r, u.quotas, [...path, 'quotas'])
  const mailbox = readMailbox(r, u.mailbox, [...path, 'mailbox'])
  return {
    address,
    sip: sip.replace(/^sip:/, ''),
    password,
    displayName,
    ...readUserSkype(r, u, path, skype),
    ...(quotas && { quotas }),
    ...readGrants(r, u, path, domain),
    ...(u.workingHours !== undefined && {
      workingHours: readWorkingHours(r, u.workingHours, [...path, 'workingHours']),
    }),
    ...(mailbox && { mailbox }),
  }
}

/** `sendAs` / `sendOnBehalf`: addresses of the organisation (checked to be users once all are read). */
function readGrants(
  r: Reader,
  u: Record<string, unknown>,
  path: Path,
  domain: string,
): Pick<UserSpec, 'sendAs' | 'sendOnBehalf'> {
  const out: Pick<UserSpec, 'sendAs' | 'sendOnBehalf'> = {}
  for (const key of ['sendAs', 'sendOnBehalf'] as const) {
    if (u[key] === undefined) continue
    out[key] = r
      .array(u[key], [...path, key], 0)
      .map((a, i) =>
        r.string(a, [...path, key, i], `the address of a user of ${domain}`, ADDRESS, true),
      )
  }
  return out
}

/** `mailbox:` of a user: distinguished folder name → items in the seed format. */
function readMailbox(
  r: Reader,
  value: unknown,
  path: Path,
): Record<string, SeedItem[]> | undefined {
  if (value === undefined) return undefined
  const folders = r.object(value, path, [...SEEDABLE_FOLDERS])
  return Object.fromEntries(
    Object.entries(folders).map(([name, items]) => [
      name,
      r.array(items, [...path, name], 0).map((v, i) => readSeedItem(r, v, [...path, name, i])),
    ]),
  )
}

function checkUnique(r: Reader, orgs: OrganisationSpec[]): void {
  const domains = new Set<string>()
  const addresses = new Set<string>()
  orgs.forEach((o, i) => {
    if (domains.has(o.domain))
      r.fail(['organisations', i, 'domain'], `a domain not used by another organisation`)
    domains.add(o.domain)
    o.users.forEach((u, j) => {
      if (addresses.has(u.address))
        r.fail(['organisations', i, 'users', j, 'address'], 'an address not used twice')
      addresses.add(u.address)
    })
  })
}

/**
 * Offset of what `path` names: its value, or its key when `atKey` (an unknown key); a missing field
 * falls back to its nearest existing parent.
 */
export function positionOf(doc: Document, path: Path, atKey: boolean): number | undefined {
  if (atKey) {
    const map = doc.getIn(path.slice(0, -1), true)
    const pair = isMap(map)
      ? map.items.find((p) => isScalar(p.key) && p.key.value === path[path.length - 1])
      : undefined
    const key = rangeOf(pair?.key)
    if (key !== undefined) return key
  }
  for (let n = path.length; n >= 0; n--) {
    const start = rangeOf(n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true))
    if (start !== undefined) return start
  }
  return undefined
}

function rangeOf(node: unknown): number | undefined {
  return (node as { range?: [number, number, number] } | null | undefined)?.range?.[0]
}

export function formatPath(path: Path): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('')
}
