/**
 * Contacts and private distribution lists (`t:Contact`, `t:DistributionList`, IPM.Contact and
 * IPM.DistList): the item's own data, one sub-record of ItemFields (`contact`). Immutable: a change
 * stores a new record, so copies share it.
 */
import { EwsError } from './errors.ts'
import type { EmailAddress, Item, ItemId } from './items.ts'

/** How a stored value is written and compared: xs types, a string list, or an enumeration. */
export type KindValueType =
  'string' | 'date' | 'int' | 'double' | 'boolean' | 'strings' | readonly string[]

export const EMAIL_KEYS = ['EmailAddress1', 'EmailAddress2', 'EmailAddress3'] as const
export const PHONE_KEYS = [
  'AssistantPhone',
  'BusinessFax',
  'BusinessPhone',
  'BusinessPhone2',
  'Callback',
  'CarPhone',
  'CompanyMainPhone',
  'HomeFax',
  'HomePhone',
  'HomePhone2',
  'Isdn',
  'MobilePhone',
  'OtherFax',
  'OtherTelephone',
  'Pager',
  'PrimaryPhone',
  'RadioPhone',
  'Telex',
  'TtyTddPhone',
  'BusinessMobile',
  'IPPhone',
  'Mms',
  'Msn',
] as const
export const ADDRESS_KEYS = ['Home', 'Business', 'Other'] as const
/** The parts of a physical address, in schema order (contacts:PhysicalAddress:<part>). */
export const ADDRESS_PARTS = ['Street', 'City', 'State', 'CountryOrRegion', 'PostalCode'] as const
export type AddressPart = (typeof ADDRESS_PARTS)[number]

const FILE_AS_MAPPINGS = [
  'None',
  'LastCommaFirst',
  'FirstSpaceLast',
  'Company',
  'LastCommaFirstCompany',
  'CompanyLastFirst',
  'LastFirst',
  'LastFirstCompany',
  'CompanyLastCommaFirst',
  'LastFirstSuffix',
  'LastSpaceFirstCompany',
  'CompanyLastSpaceFirst',
  'LastSpaceFirst',
  'DisplayName',
  'FirstName',
  'LastFirstMiddleSuffix',
  'LastName',
  'Empty',
]

/**
 * The t:ContactItemType elements mock-ews stores, in schema order: plain values, and the three
 * dictionaries (EmailAddresses, PhysicalAddresses, PhoneNumbers) named by their kind.
 */
export const CONTACT_STORED: readonly (readonly [string, KindValueType | 'dictionary'])[] = [
  ['FileAs', 'string'],
  ['FileAsMapping', FILE_AS_MAPPINGS],
  ['DisplayName', 'string'],
  ['GivenName', 'string'],
  ['Initials', 'string'],
  ['MiddleName', 'string'],
  ['Nickname', 'string'],
  ['CompanyName', 'string'],
  ['EmailAddresses', 'dictionary'],
  ['PhysicalAddresses', 'dictionary'],
  ['PhoneNumbers', 'dictionary'],
  ['AssistantName', 'string'],
  ['Birthday', 'date'],
  ['BusinessHomePage', 'string'],
  ['Children', 'strings'],
  ['Companies', 'strings'],
  // A contact of the mailbox is always a Store one (ActiveDirectory ones come from ResolveNames).
  ['ContactSource', ['Store']],
  ['Department', 'string'],
  ['Generation', 'string'],
  ['JobTitle', 'string'],
  ['Manager', 'string'],
  ['Mileage', 'string'],
  ['OfficeLocation', 'string'],
  ['PostalAddressIndex', ['Business', 'Home', 'Other', 'None']],
  ['Profession', 'string'],
  ['SpouseName', 'string'],
  ['Surname', 'string'],
  ['WeddingAnniversary', 'date'],
  ['PhoneticFullName', 'string'],
  ['PhoneticFirstName', 'string'],
  ['PhoneticLastName', 'string'],
]

/** t:DistributionListType's stored elements (Members is the list's own). */
export const DISTRIBUTION_LIST_STORED: readonly (readonly [string, KindValueType | 'members'])[] = [
  ['DisplayName', 'string'],
  ['FileAs', 'string'],
  ['ContactSource', ['Store']],
  ['Members', 'members'],
]

/** A list member: an address, or one of the mailbox's contacts (its id, and its address when written). */
export interface ListMember extends EmailAddress {
  readonly contactId?: ItemId
}

export interface ContactEmail {
  readonly key: string
  readonly address: string
  readonly name?: string
}

export interface PhysicalAddress {
  readonly key: string
  readonly parts: Readonly<Partial<Record<AddressPart, string>>>
}

export interface ContactFields {
  readonly kind: 'Contact' | 'DistributionList'
  /** Plain values by element name (dates as xs:dateTime UTC, lists as arrays). */
  readonly values: Readonly<Record<string, string | readonly string[]>>
  readonly emailAddresses: readonly ContactEmail[]
  readonly phoneNumbers: readonly { readonly key: string; readonly number: string }[]
  readonly physicalAddresses: readonly PhysicalAddress[]
  /** A distribution list's members, in order. */
  readonly members: readonly ListMember[]
}

export const ITEM_CLASS_CONTACT = 'IPM.Contact'
export const ITEM_CLASS_DISTRIBUTION_LIST = 'IPM.DistList'

export function emptyContact(kind: ContactFields['kind']): ContactFields {
  return {
    kind,
    values: {},
    emailAddresses: [],
    phoneNumbers: [],
    physicalAddresses: [],
    members: [],
  }
}

/** A contact's first e-mail address (by key: EmailAddress1 before 2 and 3). */
export function firstEmail(c: ContactFields): ContactEmail | undefined {
  return [...c.emailAddresses].sort((a, b) => a.key.localeCompare(b.key))[0]
}

/** The name a contact is shown by: DisplayName, else given name and surname, else FileAs. */
export function contactName(c: ContactFields): string | undefined {
  const v = (k: string) => (typeof c.values[k] === 'string' ? (c.values[k] as string) : undefined)
  const joined = [v('GivenName'), v('Surname')].filter(Boolean).join(' ')
  return v('DisplayName') || joined || v('FileAs')
}

/**
 * Members naming a contact by ItemId, filled in from that contact (its first e-mail address, and
 * its name unless the member has one); `lookup` is the caller's store (another mailbox's id, a
 * missing item: its error). A contact without an address, or an item that is no contact, is refused.
 */
export function resolveMembers(
  members: readonly ListMember[],
  lookup: (id: string) => Item,
): ListMember[] {
  return members.map((m) => {
    if (!m.contactId) return m
    const item = lookup(m.contactId.id)
    const email = item.contact?.kind === 'Contact' ? firstEmail(item.contact) : undefined
    if (!email)
      throw new EwsError(
        'ErrorInvalidPropertySet',
        `A distributionlist:Members member names an item that is no contact with an e-mail address.`,
      )
    return {
      name: m.name ?? contactName(item.contact!) ?? email.name,
      address: email.address,
      contactId: item.itemId,
    }
  })
}
