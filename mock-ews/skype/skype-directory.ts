/**
 * The live Skype for Business configuration of every organisation, changed the way the management
 * shell changes it (New/Set/Remove-CsImConfiguration, New/Set/Remove-CsClientPolicy, Grant-CsClientPolicy)
 * and read the way a client is provisioned (effective settings per user).
 */
import type { Topology } from '../topology/topology.ts'
import { normaliseIdentity, SKYPE_SERVERS } from './skype-config.ts'
import type {
  ClientPolicy,
  EffectiveSkypeSettings,
  ImConfiguration,
  SkypeSpec,
} from './skype-config.ts'

/** A refused management-shell change, worded like the shell's error. */
export class SkypeConfigError extends Error {
  /** @param notFound the organisation or user named does not exist (the admin API answers 404) */
  constructor(
    message: string,
    readonly notFound = false,
  ) {
    super(message)
    this.name = 'SkypeConfigError'
  }
}

/** A user's Skype for Business account: site, granted client policy, SIP address (no `sip:`). */
export interface SkypeUser {
  site: string | undefined
  clientPolicy: string | undefined
  sip: string
}

/** What exportState gives and importState takes. */
export type SkypeState = {
  domain: string
  spec: SkypeSpec
  users: ({ address: string } & SkypeUser)[]
}[]

interface OrgState {
  spec: SkypeSpec
  users: Map<string, SkypeUser>
}

export class SkypeDirectory {
  readonly #orgs = new Map<string, OrgState>()

  constructor(topology: Topology) {
    for (const org of topology.organisations) {
      const spec = structuredClone(org.skype)
      if (!spec.clientPolicies.some((p) => p.identity === 'Global')) {
        spec.clientPolicies.unshift({ identity: 'Global', enableIMAutoArchiving: undefined })
      }
      const users = new Map(
        org.users.map((u) => [
          u.address,
          { site: u.site, clientPolicy: u.clientPolicy, sip: u.sip.replace(/^sip:/i, '') },
        ]),
      )
      this.#orgs.set(org.domain, { spec, users })
    }
  }

  /** Every organisation's configuration and user accounts, as plain data (a copy). */
  exportState(): SkypeState {
    return [...this.#orgs].map(([domain, o]) => ({
      domain,
      spec: structuredClone(o.spec),
      users: [...o.users].map(([address, u]) => ({ address, ...u })),
    }))
  }

  /** Replaces the configuration of the organisations `state` names (a copy is kept). */
  importState(state: SkypeState): void {
    for (const { domain, spec, users } of state) {
      if (!this.#orgs.has(domain)) continue
      const byAddress = new Map(users.map(({ address, ...u }) => [address, u]))
      this.#orgs.set(domain, { spec: structuredClone(spec), users: structuredClone(byAddress) })
    }
  }

  /** The organisation's whole configuration (a copy). */
  spec(domain: string): SkypeSpec {
    return structuredClone(this.#org(domain).spec)
  }

  getImConfiguration(domain: string, identity?: string): ImConfiguration[] {
    const spec = this.#imSpec(domain, 'Get-CsImConfiguration')
    const all = spec.imConfigurations.map((c) => ({ ...c }))
    if (identity === undefined) return all
    const found = all.filter(
      (c) => c.identity.toLowerCase() === normaliseIdentity(identity).toLowerCase(),
    )
    if (found.length === 0)
      throw new SkypeConfigError(
        `Cannot get "ImConfiguration" "${identity}" because it does not exist.`,
      )
    return found
  }

  newImConfiguration(domain: string, identity: string, enableOfflineIm = true): ImConfiguration {
    const spec = this.#imSpec(domain, 'New-CsImConfiguration')
    const id = this.#scope(spec, identity)
    if (spec.imConfigurations.some((c) => c.identity === id)) {
      throw new SkypeConfigError(
        `Cannot create "ImConfiguration" "${id}" because it already exists.`,
      )
    }
    const config = { identity: id, enableOfflineIm }
    spec.imConfigurations.push(config)
    return { ...config }
  }

  setImConfiguration(domain: string, identity: string, enableOfflineIm: boolean): ImConfiguration {
    const spec = this.#imSpec(domain, 'Set-CsImConfiguration')
    const id = this.#scope(spec, identity)
    const config = spec.imConfigurations.find((c) => c.identity === id)
    if (!config)
      throw new SkypeConfigError(`Cannot set "ImConfiguration" "${id}" because it does not exist.`)
    config.enableOfflineIm = enableOfflineIm
    return { ...config }
  }

  /** Removes a Site configuration; on Global, resets it to its defaults, as the shell does. */
  removeImConfiguration(domain: string, identity: string): void {
    const spec = this.#imSpec(domain, 'Remove-CsImConfiguration')
    const id = this.#scope(spec, identity)
    const i = spec.imConfigurations.findIndex((c) => c.identity === id)
    if (i < 0)
      throw new SkypeConfigError(
        `Cannot remove "ImConfiguration" "${id}" because it does not exist.`,
      )
    if (id === 'Global') spec.imConfigurations[i] = { identity: 'Global', enableOfflineIm: true }
    else spec.imConfigurations.splice(i, 1)
  }

  getClientPolicy(domain: string, identity?: string): ClientPolicy[] {
    const all = this.#org(domain).spec.clientPolicies.map((p) => ({ ...p }))
    if (identity === undefined) return all
    const found = all.filter(
      (p) => p.identity.toLowerCase() === normaliseIdentity(identity).toLowerCase(),
    )
    if (found.length === 0)
      throw new SkypeConfigError(
        `Cannot get "ClientPolicy" "${identity}" because it does not exist.`,
      )
    return found
  }

  newClientPolicy(
    domain: string,
    identity: string,
    settings: { enableIMAutoArchiving?: boolean },
  ): ClientPolicy {
    const { spec } = this.#org(domain)
    const plain = normaliseIdentity(identity)
    const id = plain.startsWith('Site:') ? this.#scope(spec, plain) : plain
    if (spec.clientPolicies.some((p) => p.identity.toLowerCase() === id.toLowerCase())) {
      throw new SkypeConfigError(`Cannot create "ClientPolicy" "${id}" because it already exists.`)
    }
    const policy = { identity: id, enableIMAutoArchiving: settings.enableIMAutoArchiving }
    spec.clientPolicies.push(policy)
    return { ...policy }
  }

  setClientPolicy(
    domain: string,
    identity: string,
    settings: { enableIMAutoArchiving?: boolean },
  ): ClientPolicy {
    const id = normaliseIdentity(identity)
    const policy = this.#org(domain).spec.clientPolicies.find(
      (p) => p.identity.toLowerCase() === id.toLowerCase(),
    )
    if (!policy)
      throw new SkypeConfigError(`Cannot set "ClientPolicy" "${id}" because it does not exist.`)
    if ('enableIMAutoArchiving' in settings)
      policy.enableIMAutoArchiving = settings.enableIMAutoArchiving
    return { ...policy }
  }

  /**
   * Removes a Site or per-user policy (users it was granted to fall back to their site's or the
   * global policy); on Global, resets it to its defaults, as the shell does (decision 0025).
   */
  removeClientPolicy(domain: string, identity: string): void {
    const org = this.#org(domain)
    const id = normaliseIdentity(identity)
    const i = org.spec.clientPolicies.findIndex(
      (p) => p.identity.toLowerCase() === id.toLowerCase(),
    )
    if (i < 0)
      throw new SkypeConfigError(`Cannot remove "ClientPolicy" "${id}" because it does not exist.`)
    const policy = org.spec.clientPolicies[i]!
    if (policy.identity === 'Global') {
      org.spec.clientPolicies[i] = { identity: 'Global', enableIMAutoArchiving: undefined }
      return
    }
    org.spec.clientPolicies.splice(i, 1)
    for (const user of org.users.values()) {
      if (user.clientPolicy === policy.identity) user.clientPolicy = undefined
    }
  }

  /** Grants a per-user policy (a tag), or removes the grant with `undefined` ($null). */
  grantClientPolicy(address: string, policyName: string | undefined): void {
    const { org, user } = this.#user(address)
    if (policyName !== undefined) {
      const policy = org.spec.clientPolicies.find(
        (p) => p.identity.toLowerCase() === policyName.toLowerCase(),
      )
      if (!policy || policy.identity === 'Global' || policy.identity.startsWith('Site:')) {
        throw new SkypeConfigError(
          `Cannot grant "ClientPolicy" "${policyName}": no per-user policy of that name exists.`,
        )
      }
      user.clientPolicy = policy.identity
    } else {
      user.clientPolicy = undefined
    }
  }

  /** A user's site, granted per-user client policy and SIP address, as they are now. */
  userAssignments(address: string): SkypeUser {
    const { user } = this.#user(address)
    return { ...user }
  }

  /** Set-CsUser -SipAddress: `sip:` and a SIP domain of the user's organisation, not in use. */
  setSipAddress(address: string, sipAddress: string): void {
    const { org, user } = this.#user(address)
    const domain = address.toLowerCase().split('@')[1]!
    const m = /^sip:([^@\s]+)@([^@\s]+)$/i.exec(sipAddress.trim())
    if (!m || m[2]!.toLowerCase() !== domain) {
      throw new SkypeConfigError(
        `"${sipAddress}" is not a valid SIP address: it must use the sip: prefix and a SIP domain of the organisation (${domain}).`,
      )
    }
    const sip = `${m[1]}@${m[2]}`.toLowerCase()
    for (const [other, u] of org.users) {
      if (other !== address.toLowerCase() && u.sip.toLowerCase() === sip) {
        throw new SkypeConfigError(`The SIP address "sip:${sip}" is already in use by ${other}.`)
      }
    }
    user.sip = sip
  }

  /** What a user's client is provisioned with. */
  effective(address: string): EffectiveSkypeSettings {
    const { org, user } = this.#user(address)
    const server = SKYPE_SERVERS[org.spec.server]
    const site = user.site === undefined ? undefined : `Site:${user.site}`
    const pick = <T extends { identity: string }>(
      list: T[],
      ids: (string | undefined)[],
    ): T | undefined => {
      for (const id of ids) {
        const found = id && list.find((x) => x.identity.toLowerCase() === id.toLowerCase())
        if (found) return found
      }
      return undefined
    }
    const im = server.imConfiguration
      ? pick(org.spec.imConfigurations, [site, 'Global'])
      : undefined
    const policy = pick(org.spec.clientPolicies, [user.clientPolicy, site, 'Global'])
    return {
      server: org.spec.server,
      online: org.spec.server === 'sfb-online',
      imConfigurationAvailable: server.imConfiguration,
      enableOfflineIm: im?.enableOfflineIm,
      imConfigurationIdentity: im?.identity,
      enableIMAutoArchiving: policy?.enableIMAutoArchiving,
      clientPolicyIdentity: policy?.identity,
    }
  }

  #org(domain: string): OrgState {
    const org = this.#orgs.get(domain.toLowerCase())
    if (!org) throw new SkypeConfigError(`There is no organisation "${domain}".`, true)
    return org
  }

  #user(address: string): { org: OrgState; user: SkypeUser } {
    const lower = address.toLowerCase().replace(/^sip:/, '')
    const org = this.#org(lower.split('@')[1] ?? '')
    const user = org.users.get(lower)
    if (!user)
      throw new SkypeConfigError(`Management object not found for identity "${address}".`, true)
    return { org, user }
  }

  /** The organisation's spec, where the server has CsImConfiguration; else the shell's "not recognized". */
  #imSpec(domain: string, cmdlet: string): SkypeSpec {
    const { spec } = this.#org(domain)
    if (!SKYPE_SERVERS[spec.server].imConfiguration) {
      throw new SkypeConfigError(
        `The term '${cmdlet}' is not recognized: ${SKYPE_SERVERS[spec.server].title} has no CsImConfiguration (introduced with Skype for Business Server 2015 CU3).`,
      )
    }
    return spec
  }

  /** `Global` or `Site:<a site of the organisation>`. */
  #scope(spec: SkypeSpec, identity: string): string {
    const id = normaliseIdentity(identity)
    if (id === 'Global') return id
    const site = /^Site:(.+)$/.exec(id)?.[1]
    const known = site && spec.sites.find((s) => s.toLowerCase() === site.toLowerCase())
    if (!known)
      throw new SkypeConfigError(
        `"${identity}" is not Global or a site of this organisation (${spec.sites.join(', ') || 'no sites'}).`,
      )
    return `Site:${known}`
  }
}
