import { defaultSkypeSpec } from '../skype/skype-config.ts'
import type { SkypeSpec } from '../skype/skype-config.ts'
import type { ExchangeProfileName, ExchangeQuirks } from './profiles.ts'
import type { SeedItem } from '../admin/seed.ts'
import type { QuotaSpec } from './quotas.ts'

/** A user with a mailbox in one organisation. Addresses are kept lower-case. */
export interface UserSpec {
  /** Primary SMTP address, also the user name for Basic auth (UPN form). */
  address: string
  /** SIP address (Skype for Business sign-in); defaults to the SMTP address. */
  sip: string
  password: string
  displayName: string
  /** Skype for Business site (`Site:<name>` scope of configurations and policies). */
  site?: string | undefined
  /** Per-user client policy granted to the user (a tag of the organisation's client policies). */
  clientPolicy?: string | undefined
  /** Quotas and subscriptions: overrides of the organisation's for this mailbox (quotas.ts). */
  quotas?: QuotaSpec | undefined
  /** Users of the organisation with Send As on this mailbox (docs/decisions/0040). */
  sendAs?: string[] | undefined
  /** Users of the organisation who may send on behalf of this mailbox (GrantSendOnBehalfTo). */
  sendOnBehalf?: string[] | undefined
  /** Working hours GetUserAvailability answers (absent: 08:00–17:00 Mon–Fri, UTC; decision 0062). */
  workingHours?: WorkingHoursSpec | undefined
  /** Items the mailbox starts with, by distinguished folder name (README "Seeding items"). */
  mailbox?: Record<string, SeedItem[]> | undefined
}

export interface WorkingHoursSpec {
  /** A Windows time zone id (GetServerTimeZones), e.g. `W. Europe Standard Time`. */
  timeZone: string
  /** Minutes after midnight. */
  start: number
  end: number
  /** Sunday … Saturday. */
  days: string[]
}

/**
 * A distribution group: an address of the organisation that delivers to its members (users or
 * other groups of the same organisation; no cycles). It has no mailbox. Addresses lower-case.
 */
export interface GroupSpec {
  address: string
  displayName: string
  members: string[]
}

export interface OrganisationSpec {
  domain: string
  /** NetBIOS domain for `DOMAIN\user` sign-in; defaults to the first label of the domain, upper-case. */
  netbios: string
  exchange: ExchangeProfileName
  /**
   * Domains this organisation federates with. Mail crosses between two organisations only when
   * each lists the other; the Skype for Business item class is stripped at the boundary.
   */
  federation: string[]
  /** The Skype for Business side: server or Online, sites, CsImConfiguration, client policies. */
  skype: SkypeSpec
  /** Service accounts (addresses of this organisation) granted ApplicationImpersonation over it. */
  impersonation: string[]
  /** Overrides of the Exchange profile's quirks for this organisation. */
  quirks: Partial<ExchangeQuirks>
  /** Quotas and subscriptions: overrides of the profile's defaults for every mailbox (quotas.ts). */
  quotas?: QuotaSpec | undefined
  users: UserSpec[]
  /** Distribution groups (absent: none). */
  groups?: GroupSpec[] | undefined
}

/** The organisations and users one mock-ews hosts. */
export interface Topology {
  organisations: OrganisationSpec[]
}

export const DEMO_PASSWORD = 'P@ssw0rd'

/**
 * The demo topology of DESIGN.md: contoso.com on-premises Exchange 2016 with Skype for Business
 * Server 2015 CU3 (alice, bob), fabrikam.com Exchange Online with Skype for Business Online
 * (carol), federated with each other.
 */
export function demoTopology(): Topology {
  const user = (address: string, displayName: string): UserSpec => ({
    address,
    sip: address,
    password: DEMO_PASSWORD,
    displayName,
  })
  return {
    organisations: [
      {
        domain: 'contoso.com',
        netbios: 'CONTOSO',
        exchange: 'exchange-2016',
        federation: ['fabrikam.com'],
        skype: defaultSkypeSpec(false),
        impersonation: [],
        quirks: {},
        users: [user('alice@contoso.com', 'Alice Wood'), user('bob@contoso.com', 'Bob Kelly')],
      },
      {
        domain: 'fabrikam.com',
        netbios: 'FABRIKAM',
        exchange: 'exchange-online',
        federation: ['contoso.com'],
        skype: defaultSkypeSpec(true),
        impersonation: [],
        quirks: {},
        users: [user('carol@fabrikam.com', 'Carol Ruiz')],
      },
    ],
  }
}
