/** Who is who: users and organisations of a topology, looked up by SMTP address or `DOMAIN\user`. */
import { getExchangeProfile, isExchangeProfileName } from './profiles.ts'
import type { ExchangeProfile, ExchangeProfileName, ExchangeQuirks } from './profiles.ts'
import type { GroupSpec, OrganisationSpec, Topology, UserSpec } from './topology.ts'
import { effectiveQuotas } from './quotas.ts'
import type { Quotas } from './quotas.ts'

export interface DirectoryUser extends UserSpec {
  organisation: OrganisationSpec
  profile: ExchangeProfile
  /** Quotas and subscriptions of the user's mailbox: profile defaults, organisation, user overrides. */
  limits: Quotas
}

/** A distribution group with its organisation. */
export interface DirectoryGroup extends GroupSpec {
  organisation: OrganisationSpec
}

export interface DirectoryState {
  quirks: Record<string, Partial<ExchangeQuirks>>
  exchange: Record<string, string>
}

export class Directory {
  readonly #byAddress = new Map<string, DirectoryUser>()
  readonly #groups = new Map<string, DirectoryGroup>()
  readonly #byLogon = new Map<string, DirectoryUser>()
  readonly #moveListeners = new Set<(user: DirectoryUser) => void>()

  readonly topology: Topology

  /** Keeps its own copy: run-time changes (quirks) never reach the caller's object or other apps. */
  constructor(topology: Topology) {
    this.topology = structuredClone(topology)
    for (const organisation of this.topology.organisations) {
      const profile = getExchangeProfile(organisation.exchange)
      for (const u of organisation.users) {
        const user: DirectoryUser = { ...u, organisation, profile, limits: profile.quotas }
        user.limits = limitsFor(user)
        this.#byAddress.set(u.address.toLowerCase(), user)
        this.#byLogon.set(`${organisation.netbios}\\${u.address.split('@')[0]}`.toLowerCase(), user)
      }
      for (const g of organisation.groups ?? [])
        this.#groups.set(g.address.toLowerCase(), { ...g, organisation })
    }
  }

  /** A distribution group by its address (case-insensitive). */
  group(address: string): DirectoryGroup | undefined {
    return this.#groups.get(address.toLowerCase())
  }

  /**
   * The users a group delivers to: its members, and the members of its member groups, each once,
   * in the order first reached. Groups have no cycles (refused when the topology is read).
   */
  expandGroup(group: DirectoryGroup): DirectoryUser[] {
    const users = new Map<string, DirectoryUser>()
    const seen = new Set<string>([group.address])
    const queue = [...group.members]
    for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
      const inner = this.group(next)
      if (inner) {
        if (!seen.has(inner.address)) queue.push(...inner.members)
        seen.add(inner.address)
        continue
      }
      const user = this.user(next)
      if (user) users.set(user.address, user)
    }
    return [...users.values()]
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

  /**
   * The quirks in force for a user's mailbox: the organisation's, unless a hybrid move put the
   * mailbox on another Exchange (then that profile's own).
   */
  quirksOf(user: DirectoryUser): ExchangeQuirks {
    return user.profile.name === user.organisation.exchange
      ? this.quirks(user.organisation)
      : { ...user.profile.quirks }
  }

  /**
   * A hybrid move (New-MoveRequest between an on-premises organisation and Exchange Online): the
   * user keeps their address, organisation and items; their mailbox is now served as `exchange`
   * serves it (Autodiscover, versions, authentication, quirks). Moves to or from Exchange 2010
   * (a mailbox without Conversation History) are not modelled.
   */
  moveMailbox(address: string, exchange: ExchangeProfileName): DirectoryUser {
    const user = this.user(address)
    if (!user) throw new Error(`There is no user "${address}".`)
    const to = getExchangeProfile(exchange)
    if (to.deployment === user.profile.deployment) {
      throw new Error(
        `A hybrid move goes between on-premises Exchange and Exchange Online; ${address} is already ${to.deployment === 'online' ? 'in Exchange Online' : 'on-premises'}.`,
      )
    }
    if (to.generation === 2010 || user.profile.generation === 2010) {
      throw new Error('A move to or from Exchange 2010 is not modelled.')
    }
    user.profile = to
    user.limits = limitsFor(user)
    for (const listener of this.#moveListeners) listener(user)
    return user
  }

  /** Called after every hybrid move (the app sets the store's quota to the new limits). */
  onMove(listener: (user: DirectoryUser) => void): () => void {
    this.#moveListeners.add(listener)
    return () => this.#moveListeners.delete(listener)
  }

  /** What changes at run time: each organisation's quirks and each user's Exchange (hybrid moves). */
  exportState(): DirectoryState {
    return {
      quirks: Object.fromEntries(
        this.topology.organisations.map((o) => [o.domain, { ...o.quirks }]),
      ),
      exchange: Object.fromEntries(this.users().map((u) => [u.address, u.profile.name])),
    }
  }

  /** Puts back what exportState gave (move listeners run for users whose Exchange changes). */
  importState(state: DirectoryState): void {
    for (const o of this.topology.organisations) {
      const quirks = state.quirks[o.domain]
      if (quirks) o.quirks = { ...quirks }
    }
    for (const user of this.users()) {
      const name = state.exchange[user.address]
      if (!name || !isExchangeProfileName(name) || name === user.profile.name) continue
      user.profile = getExchangeProfile(name)
      user.limits = limitsFor(user)
      for (const listener of this.#moveListeners) listener(user)
    }
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

/**
 * A mailbox's limits: its profile's defaults, the organisation's overrides while the mailbox is on
 * the organisation's own Exchange (they are that Exchange's database and policy settings, as with
 * quirksOf), then the user's own (Set-Mailbox values travel with a moved mailbox).
 */
function limitsFor(user: DirectoryUser): Quotas {
  const own = user.profile.name === user.organisation.exchange
  return effectiveQuotas(
    user.profile.quotas,
    own ? user.organisation.quotas : undefined,
    user.quotas,
  )
}
