/** The Skype for Business and quirk parts of a topology file. */
import {
  defaultSkypeSpec,
  isSkypeServerName,
  normaliseIdentity,
  SKYPE_SERVER_NAMES,
  SKYPE_SERVERS,
} from '../skype/skype-config.ts'
import type { SkypeSpec } from '../skype/skype-config.ts'
import type { ExchangeQuirks } from './profiles.ts'
import type { Path, Reader } from './reader.ts'

const NAME = /^[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}$/

/** The keys of a mapping whose keys are names (any name is allowed; the values are checked). */
const keysOf = (v: unknown): string[] => (typeof v === 'object' && v !== null ? Object.keys(v) : [])

/**
 * `skype: { server, sites, imConfiguration: { Global: { enableOfflineIm } , 'Site:X': … },
 * clientPolicies: { Global: { enableIMAutoArchiving }, 'Site:X': …, Tag: … } }`.
 * Absent: Skype for Business Server 2015 CU3 on-premises, Skype for Business Online for Online.
 */
export function readSkype(r: Reader, value: unknown, path: Path, online: boolean): SkypeSpec {
  if (value === undefined) return defaultSkypeSpec(online)
  const o = r.object(value, path, ['server', 'sites', 'imConfiguration', 'clientPolicies'])
  const server = r.string(o.server, [...path, 'server'], `one of ${SKYPE_SERVER_NAMES.join(', ')}`)
  if (!isSkypeServerName(server))
    return r.fail([...path, 'server'], `one of ${SKYPE_SERVER_NAMES.join(', ')}`)
  const sites =
    o.sites === undefined
      ? []
      : r
          .array(o.sites, [...path, 'sites'], 0)
          .map((s, i) => r.string(s, [...path, 'sites', i], 'a site name such as Redmond', NAME))
  const scope = (key: string, at: Path, tagsAllowed: boolean): string => {
    const id = normaliseIdentity(key)
    const site = /^Site:(.+)$/.exec(id)?.[1]
    if (
      id === 'Global' ||
      (site && sites.includes(site)) ||
      (tagsAllowed && !site && NAME.test(id))
    )
      return id
    return r.fail(
      at,
      `Global, Site:<one of ${sites.join(', ') || 'the sites listed'}>${tagsAllowed ? ' or a policy name' : ''}`,
      true,
    )
  }
  let imConfigurations = SKYPE_SERVERS[server].imConfiguration
    ? [{ identity: 'Global', enableOfflineIm: true }]
    : []
  if (o.imConfiguration !== undefined) {
    if (!SKYPE_SERVERS[server].imConfiguration) {
      r.fail(
        [...path, 'imConfiguration'],
        `no imConfiguration: ${SKYPE_SERVERS[server].title} has no CsImConfiguration (from 2015 CU3 on)`,
        true,
      )
    }
    const entries = Object.entries(
      r.object(o.imConfiguration, [...path, 'imConfiguration'], keysOf(o.imConfiguration)),
    )
    imConfigurations = entries.map(([key, v]) => {
      const at = [...path, 'imConfiguration', key]
      const c = r.object(v, at, ['enableOfflineIm'])
      return {
        identity: scope(key, at, false),
        enableOfflineIm:
          c.enableOfflineIm === undefined
            ? true
            : r.boolean(c.enableOfflineIm, [...at, 'enableOfflineIm']),
      }
    })
    if (!imConfigurations.some((c) => c.identity === 'Global'))
      imConfigurations.unshift({ identity: 'Global', enableOfflineIm: true })
  }
  const policies =
    o.clientPolicies === undefined
      ? {}
      : r.object(o.clientPolicies, [...path, 'clientPolicies'], keysOf(o.clientPolicies))
  const clientPolicies = Object.entries(policies).map(([key, v]) => {
    const at = [...path, 'clientPolicies', key]
    const p = r.object(v, at, ['enableIMAutoArchiving'])
    return {
      identity: scope(key, at, true),
      enableIMAutoArchiving:
        p.enableIMAutoArchiving === undefined
          ? undefined
          : r.boolean(p.enableIMAutoArchiving, [...at, 'enableIMAutoArchiving']),
    }
  })
  return { server, sites, imConfigurations, clientPolicies }
}

/** A user's `site` (one of the organisation's) and `clientPolicy` (one of its per-user policies). */
export function readUserSkype(
  r: Reader,
  u: Record<string, unknown>,
  path: Path,
  skype: SkypeSpec,
): { site?: string; clientPolicy?: string } {
  const out: { site?: string; clientPolicy?: string } = {}
  if (u.site !== undefined) {
    const site = r.string(
      u.site,
      [...path, 'site'],
      `one of the organisation's sites (${skype.sites.join(', ') || 'none listed'})`,
    )
    if (!skype.sites.includes(site))
      r.fail(
        [...path, 'site'],
        `one of the organisation's sites (${skype.sites.join(', ') || 'none listed'})`,
      )
    out.site = site
  }
  if (u.clientPolicy !== undefined) {
    const tags = skype.clientPolicies
      .map((p) => p.identity)
      .filter((id) => id !== 'Global' && !id.startsWith('Site:'))
    const name = r.string(
      u.clientPolicy,
      [...path, 'clientPolicy'],
      `a per-user client policy of the organisation (${tags.join(', ') || 'none defined'})`,
    )
    if (!tags.includes(name))
      r.fail(
        [...path, 'clientPolicy'],
        `a per-user client policy of the organisation (${tags.join(', ') || 'none defined'})`,
      )
    out.clientPolicy = name
  }
  return out
}

/** `quirks: { refuseSkypeDraftSend: false }` switches a quirk of the profile off for the organisation. */
export function readQuirks(r: Reader, value: unknown, path: Path): Partial<ExchangeQuirks> {
  if (value === undefined) return {}
  const q = r.object(value, path, ['refuseSkypeDraftSend'])
  return q.refuseSkypeDraftSend === undefined
    ? {}
    : { refuseSkypeDraftSend: r.boolean(q.refuseSkypeDraftSend, [...path, 'refuseSkypeDraftSend']) }
}
