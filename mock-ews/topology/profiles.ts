/**
 * Exchange deployment profiles: what each kind of Exchange reports and accepts.
 * Data, not code: a topology names a profile; the server reads its fields.
 * Sources: reference/ews-protocol.md §1.3 (version values), §1.4 (ServerVersionInfo), §3.1 (folders by version).
 */
import { bytes } from './quotas.ts'
import type { Quotas } from './quotas.ts'

/**
 * Every RequestServerVersion value of the Exchange 2016-era schema (types.xsd ExchangeVersionType),
 * then the later ones newer servers take and ews-javascript-api can send (reference §1.3).
 */
export const EXCHANGE_VERSIONS = [
  'Exchange2007',
  'Exchange2007_SP1',
  'Exchange2009',
  'Exchange2010',
  'Exchange2010_SP1',
  'Exchange2010_SP2',
  'Exchange2012',
  'Exchange2013',
  'Exchange2013_SP1',
  'Exchange2015',
  'Exchange2016',
  'V2015_10_05',
  'V2016_01_06',
  'V2016_04_13',
  'V2016_07_13',
  'V2016_10_10',
  'V2017_01_07',
  'V2017_04_14',
  'V2017_07_11',
  'V2018_01_08',
] as const
export type ExchangeVersion = (typeof EXCHANGE_VERSIONS)[number]

export function isExchangeVersion(v: string): v is ExchangeVersion {
  return (EXCHANGE_VERSIONS as readonly string[]).includes(v)
}

/** Mailbox generation: decides which folders a new mailbox has (conversationhistory from 2013 on). */
export type MailboxGeneration = 2010 | 2013 | 2016 | 2019 | 'online'

export interface ServerVersionInfo {
  majorVersion: number
  minorVersion: number
  majorBuildNumber: number
  minorBuildNumber: number
  /** Omitted for Exchange 2010, which reports none. */
  version?: string
}

/** Named behaviours of a profile that differ from plain EWS; each can be switched off per organisation. */
export interface ExchangeQuirks {
  /**
   * The server half of the spring-2016 Drafts bug (a documented model, docs/drafts-bug.md):
   * SendItem of a saved draft whose class is a Skype for Business one (`IPM.Note.Microsoft.*`)
   * is refused and the draft stays in Drafts.
   */
  refuseSkypeDraftSend: boolean
}

export type AuthScheme = 'Basic' | 'Bearer'

export interface ExchangeProfile {
  name: ExchangeProfileName
  title: string
  deployment: 'on-premises' | 'online'
  generation: MailboxGeneration
  serverVersionInfo: ServerVersionInfo
  /** RequestServerVersion values this server accepts; any other → ErrorInvalidServerVersion. */
  acceptedVersions: readonly ExchangeVersion[]
  /** Used when a request has no RequestServerVersion header. */
  defaultVersion: ExchangeVersion
  /** `ServerVersionInfo/Version` of SOAP Autodiscover answers (a 15.1 server says Exchange2015). */
  autodiscoverVersion: string
  /** Authentication schemes EWS and Autodiscover accept. */
  authSchemes: readonly AuthScheme[]
  /** From this (virtual) date on, Basic authentication is refused (Exchange Online: 2020-10-13). */
  basicAuthRetiredOn?: string
  quirks: ExchangeQuirks
  /** Default quotas, message-size limits and subscription budget of a mailbox (quotas.ts). */
  quotas: Quotas
}

/**
 * Exchange 2010 to 2019 defaults: mailbox database quotas 1.9 GB / 2 GB / 2.3 GB, transport
 * MaxSendSize and MaxReceiveSize 10 MB, EWSMaxSubscriptions 5000 (the default throttling policy).
 */
const ON_PREMISES_QUOTAS: Quotas = {
  issueWarningQuota: bytes(1.9, 'GB'),
  prohibitSendQuota: bytes(2, 'GB'),
  prohibitSendReceiveQuota: bytes(2.3, 'GB'),
  maxSendSize: bytes(10, 'MB'),
  maxReceiveSize: bytes(10, 'MB'),
  maxSubscriptions: 5000,
}

/**
 * Exchange Online (a 100 GB Enterprise mailbox): 98 / 99 / 100 GB, messages up to 35 MB sent and
 * 36 MB received (the defaults since 2015; 25 MB before), EWSMaxSubscriptions 20.
 */
const ONLINE_QUOTAS: Quotas = {
  issueWarningQuota: bytes(98, 'GB'),
  prohibitSendQuota: bytes(99, 'GB'),
  prohibitSendReceiveQuota: bytes(100, 'GB'),
  maxSendSize: bytes(35, 'MB'),
  maxReceiveSize: bytes(36, 'MB'),
  maxSubscriptions: 20,
}

const upTo = (last: ExchangeVersion): readonly ExchangeVersion[] =>
  EXCHANGE_VERSIONS.slice(0, EXCHANGE_VERSIONS.indexOf(last) + 1)

export const EXCHANGE_PROFILES = {
  'exchange-2010-sp3': {
    name: 'exchange-2010-sp3',
    title: 'Exchange Server 2010 SP3',
    deployment: 'on-premises',
    generation: 2010,
    serverVersionInfo: {
      majorVersion: 14,
      minorVersion: 3,
      majorBuildNumber: 123,
      minorBuildNumber: 4,
    },
    acceptedVersions: upTo('Exchange2010_SP2'),
    defaultVersion: 'Exchange2007_SP1',
    autodiscoverVersion: 'Exchange2010_SP2',
    authSchemes: ['Basic'],
    quirks: { refuseSkypeDraftSend: true },
    quotas: ON_PREMISES_QUOTAS,
  },
  'exchange-2013': {
    name: 'exchange-2013',
    title: 'Exchange Server 2013 CU23',
    deployment: 'on-premises',
    generation: 2013,
    serverVersionInfo: {
      majorVersion: 15,
      minorVersion: 0,
      majorBuildNumber: 1497,
      minorBuildNumber: 2,
      version: 'V2_23',
    },
    acceptedVersions: upTo('Exchange2013_SP1'),
    defaultVersion: 'Exchange2007_SP1',
    autodiscoverVersion: 'Exchange2013_SP1',
    authSchemes: ['Basic'],
    quirks: { refuseSkypeDraftSend: true },
    quotas: ON_PREMISES_QUOTAS,
  },
  'exchange-2016': {
    name: 'exchange-2016',
    title: 'Exchange Server 2016 CU23',
    deployment: 'on-premises',
    generation: 2016,
    serverVersionInfo: {
      majorVersion: 15,
      minorVersion: 1,
      majorBuildNumber: 2507,
      minorBuildNumber: 6,
      version: 'V2017_07_11',
    },
    acceptedVersions: upTo('V2017_07_11'),
    defaultVersion: 'Exchange2007_SP1',
    autodiscoverVersion: 'Exchange2015',
    authSchemes: ['Basic'],
    quirks: { refuseSkypeDraftSend: true },
    quotas: ON_PREMISES_QUOTAS,
  },
  'exchange-2019': {
    name: 'exchange-2019',
    title: 'Exchange Server 2019 CU14',
    deployment: 'on-premises',
    generation: 2019,
    serverVersionInfo: {
      majorVersion: 15,
      minorVersion: 2,
      majorBuildNumber: 1544,
      minorBuildNumber: 4,
      version: 'V2017_07_11',
    },
    acceptedVersions: upTo('V2017_07_11'),
    defaultVersion: 'Exchange2007_SP1',
    autodiscoverVersion: 'Exchange2015',
    authSchemes: ['Basic'],
    quirks: { refuseSkypeDraftSend: true },
    quotas: ON_PREMISES_QUOTAS,
  },
  'exchange-online': {
    name: 'exchange-online',
    title: 'Exchange Online',
    deployment: 'online',
    generation: 'online',
    serverVersionInfo: {
      majorVersion: 15,
      minorVersion: 20,
      majorBuildNumber: 7452,
      minorBuildNumber: 50,
      version: 'V2018_01_08',
    },
    acceptedVersions: EXCHANGE_VERSIONS,
    defaultVersion: 'Exchange2007_SP1',
    autodiscoverVersion: 'Exchange2015',
    authSchemes: ['Bearer', 'Basic'],
    // Microsoft switched Basic authentication for EWS in Exchange Online off on 2020-10-13.
    basicAuthRetiredOn: '2020-10-13T00:00:00Z',
    quirks: { refuseSkypeDraftSend: false },
    quotas: ONLINE_QUOTAS,
  },
} as const satisfies Record<string, Omit<ExchangeProfile, 'name'> & { name: string }>

export type ExchangeProfileName = keyof typeof EXCHANGE_PROFILES
export const EXCHANGE_PROFILE_NAMES = Object.keys(EXCHANGE_PROFILES) as ExchangeProfileName[]

export function getExchangeProfile(name: ExchangeProfileName): ExchangeProfile {
  return EXCHANGE_PROFILES[name]
}

export function isExchangeProfileName(name: string): name is ExchangeProfileName {
  return Object.hasOwn(EXCHANGE_PROFILES, name)
}
