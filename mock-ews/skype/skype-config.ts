/**
 * The Skype for Business side of each organisation: its server (or Online), sites, CsImConfiguration
 * (Global and Site scopes, EnableOfflineIm) and client policies (EnableIMAutoArchiving; Global, Site
 * and per-user tags granted to users). mock-ews holds it so the client engine can read what in-band
 * provisioning would give it. Facts: reference/sfb-offline-im.md §3.
 */
export const SKYPE_SERVERS = {
  'sfb-server-2015-rtm': {
    title: 'Skype for Business Server 2015 (RTM)',
    version: '6.0.9319.0',
    imConfiguration: false,
  },
  'sfb-server-2015-cu1': {
    title: 'Skype for Business Server 2015 CU1',
    version: '6.0.9319.102',
    imConfiguration: false,
  },
  'sfb-server-2015-cu2': {
    title: 'Skype for Business Server 2015 CU2',
    version: '6.0.9319.235',
    imConfiguration: false,
  },
  // June 2016 cumulative update 6.0.9319.259 introduced the *-CsImConfiguration cmdlets.
  'sfb-server-2015-cu3': {
    title: 'Skype for Business Server 2015 CU3 (June 2016)',
    version: '6.0.9319.259',
    imConfiguration: true,
  },
  'sfb-server-2019': {
    title: 'Skype for Business Server 2019',
    version: '7.0.2046.0',
    imConfiguration: true,
  },
  'sfb-online': { title: 'Skype for Business Online', version: undefined, imConfiguration: false },
} as const satisfies Record<
  string,
  { title: string; version: string | undefined; imConfiguration: boolean }
>

export type SkypeServerName = keyof typeof SKYPE_SERVERS
export const SKYPE_SERVER_NAMES = Object.keys(SKYPE_SERVERS) as SkypeServerName[]

export function isSkypeServerName(name: string): name is SkypeServerName {
  return Object.hasOwn(SKYPE_SERVERS, name)
}

/** `Global` or `Site:<name>` (XdsIdentity of a configuration or a policy scope). */
export type ScopeIdentity = string

export interface ImConfiguration {
  identity: ScopeIdentity
  /** $True by default from 2015 CU3 on. */
  enableOfflineIm: boolean
}

export interface ClientPolicy {
  /** `Global`, `Site:<name>` or a per-user tag name. */
  identity: string
  /** Unset (undefined) means "not configured": the client treats it as enabled. */
  enableIMAutoArchiving: boolean | undefined
}

/** The Skype for Business configuration of one organisation, as a topology file gives it. */
export interface SkypeSpec {
  server: SkypeServerName
  sites: string[]
  /** Absent where the server has no CsImConfiguration (before 2015 CU3, Online). */
  imConfigurations: ImConfiguration[]
  clientPolicies: ClientPolicy[]
}

/** What the engine of one user learns from provisioning, with where each value came from. */
export interface EffectiveSkypeSettings {
  server: SkypeServerName
  online: boolean
  /** Whether the server has CsImConfiguration at all. */
  imConfigurationAvailable: boolean
  /** EnableOfflineIm of the user's Site configuration, else Global; undefined where there is none. */
  enableOfflineIm: boolean | undefined
  imConfigurationIdentity: ScopeIdentity | undefined
  /** EnableIMAutoArchiving of the user's policy (granted tag, else Site, else Global); undefined: not configured. */
  enableIMAutoArchiving: boolean | undefined
  clientPolicyIdentity: string | undefined
}

/** The default Skype for Business side of an organisation whose topology says nothing about it. */
export function defaultSkypeSpec(online: boolean): SkypeSpec {
  return online
    ? { server: 'sfb-online', sites: [], imConfigurations: [], clientPolicies: [] }
    : {
        server: 'sfb-server-2015-cu3',
        sites: [],
        imConfigurations: [{ identity: 'Global', enableOfflineIm: true }],
        clientPolicies: [],
      }
}

/** Normalises an identity as the cmdlets accept it: `global` → `Global`, `site:X` → `Site:X`. */
export function normaliseIdentity(identity: string): string {
  const trimmed = identity.trim()
  if (/^global$/i.test(trimmed)) return 'Global'
  const site = /^site:(.+)$/i.exec(trimmed)
  return site ? `Site:${site[1]!.trim()}` : trimmed
}
