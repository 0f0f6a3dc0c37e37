/** Who is who: users and organisations of a topology, looked up by SMTP address or `DOMAIN\user`. */
import { getExchangeProfile } from './profiles.ts'
import type { ExchangeProfile, ExchangeQuirks } from './profiles.ts'
import type { OrganisationSpec, Topology, UserSpec } from './topology.ts'
import { effectiveQuotas } from './quotas.ts'
import type { Quotas } from './quotas.ts'

export interface DirectoryUser extends UserSpec {
  organisation: OrganisationSpec
  profile: ExchangeProfile
  /** Quotas and subscriptions of the user's mailbox: profile defaults, organisation, user overrides. */
  limits: Quotas
}

export class Directory {
  readonly #byAddress = new Map<string, DirectoryUser>()
  readonly #byLogon = new Map<string, DirectoryUser>()

  readonly topology: Topology

  /** Keeps its own copy: run-time changes (quirks) never reach the caller's object or other apps. */
  constructor(topology: Topology) {
    this.topology = structuredClone(topology)
    for (const organisation of this.topology.organisations) {
      const profile = getExchangeProfile(organisation.exchange)
      for (const u of organisation.users) {
        const limits = effectiveQuotas(profile.quotas, organisation.quotas, u.quotas)
        const user: DirectoryUser = { ...u, organisation, profile, limits }
        this.#byAddress.set(u.address.toLowerCase(), user)
        this.#byLogon.set(`${organisation.netbios}\\${u.address.split('@')[0]}`.toLowerCase(), user)
      }
    }
  }

  /** By primary SMTP address (case-insensitive). */
  user(address: string): DirectoryUser | undefined {
    return this.#byAddress.get(address.toLowerCase())
  }

  /** By sign-in name: UPN form (`alice@contoso.com`) or down-level form (`CONTOSO\alice`). */
  userByLogon(name: string): DirectoryUser | undefined {
    return this.#byAddress.get(name.toLowerCase()) ?? this.#byLogon.get(name.toLowerCase())
  }

  /** Quotas and subscriptions of the mailbox of `address` (undefined: no user of this topology). */
  limitsOf(address: string): Quotas | undefined {
    return this.user(address)?.limits
  }

  users(): DirectoryUser[] {
    return [...this.#byAddress.values()]
  }

  organisation(domain: string): OrganisationSpec | undefined {
    return this.topology.organisations.find((o) => o.domain === domain.toLowerCase())
  }

  /** The quirks in force for an organisation: its profile's, with the organisation's overrides. */
  quirks(org: OrganisationSpec): ExchangeQuirks {
    return { ...getExchangeProfile(org.exchange).quirks, ...org.quirks }
  }

  /** Overrides quirks of an organisation at run time (the admin API, scenarios). */
  setQuirks(domain: string, quirks: Partial<ExchangeQuirks>): ExchangeQuirks {
    const org = this.organisation(domain)
    if (!org) throw new Error(`There is no organisation "${domain}".`)
    Object.assign(org.quirks, quirks)
    return this.quirks(org)
  }

  /** Whether mail may cross between two organisations: each must list the other. */
  federated(a: OrganisationSpec, b: OrganisationSpec): boolean {
    return a.federation.includes(b.domain) && b.federation.includes(a.domain)
  }
}
