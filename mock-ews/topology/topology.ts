import type { ExchangeProfileName } from './profiles.ts'

/** A user with a mailbox in one organisation. Addresses are kept lower-case. */
export interface UserSpec {
  /** Primary SMTP address, also the user name for Basic auth (UPN form). */
  address: string
  /** SIP address (Skype for Business sign-in); defaults to the SMTP address. */
  sip: string
  password: string
  displayName: string
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
  users: UserSpec[]
}

/** The organisations and users one mock-ews hosts. */
export interface Topology {
  organisations: OrganisationSpec[]
}

export const DEMO_PASSWORD = 'P@ssw0rd'

/** The demo topology of DESIGN.md: contoso.com on-premises (alice, bob), fabrikam.com Online (carol). */
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
        users: [user('alice@contoso.com', 'Alice Wood'), user('bob@contoso.com', 'Bob Kelly')],
      },
      {
        domain: 'fabrikam.com',
        netbios: 'FABRIKAM',
        exchange: 'exchange-online',
        federation: ['contoso.com'],
        users: [user('carol@fabrikam.com', 'Carol Ruiz')],
      },
    ],
  }
}
