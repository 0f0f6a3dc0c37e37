/**
 * The "nothing accepted is dropped" table (item-elements.ts) for the contact, distribution-list
 * and task kinds: each element of t:ContactItemType, t:DistributionListType and t:TaskType is
 * stored, read-only (Exchange works it out) or not-yet (refused naming it). The stored ones come
 * from the domain's tables, so storing an element there flips it here.
 */
import { CONTACT_STORED, DISTRIBUTION_LIST_STORED } from '../../domain/contacts.ts'
import { TASK_STORED } from '../../domain/tasks.ts'
import type { ElementRule } from './item-elements.ts'

const NOT_YET = { notYet: true } as const

function table(
  names: readonly string[],
  stored: readonly (readonly [string, unknown])[],
  readOnly: readonly string[],
  accepts: Readonly<Record<string, readonly string[]>> = {},
): Readonly<Record<string, ElementRule>> {
  const s = new Set(stored.map(([n]) => n))
  return Object.fromEntries(
    names.map((n) => [
      n,
      s.has(n)
        ? 'stored'
        : readOnly.includes(n)
          ? 'read-only'
          : accepts[n]
            ? { notYet: true, accepts: accepts[n] }
            : NOT_YET,
    ]),
  )
}

/** xs:boolean false as clients write it. */
const FALSE = ['false', '0']

// prettier-ignore
const CONTACT_NAMES = ['FileAs', 'FileAsMapping', 'DisplayName', 'GivenName', 'Initials', 'MiddleName', 'Nickname', 'CompleteName', 'CompanyName', 'EmailAddresses', 'AbchEmailAddresses', 'PhysicalAddresses', 'PhoneNumbers', 'AssistantName', 'Birthday', 'BusinessHomePage', 'Children', 'Companies', 'ContactSource', 'Department', 'Generation', 'ImAddresses', 'JobTitle', 'Manager', 'Mileage', 'OfficeLocation', 'PostalAddressIndex', 'Profession', 'SpouseName', 'Surname', 'WeddingAnniversary', 'HasPicture', 'PhoneticFullName', 'PhoneticFirstName', 'PhoneticLastName', 'Alias', 'Notes', 'Photo', 'UserSMIMECertificate', 'MSExchangeCertificate', 'DirectoryId', 'ManagerMailbox', 'DirectReports', 'AccountName', 'IsAutoUpdateDisabled', 'IsMessengerEnabled', 'Comment', 'ContactShortId', 'ContactType', 'Gender', 'IsHidden', 'ObjectId', 'PassportId', 'IsPrivate', 'SourceId', 'TrustLevel', 'CreatedBy', 'Urls', 'Cid', 'SkypeAuthCertificate', 'SkypeContext', 'SkypeId', 'SkypeRelationship', 'YomiNickname', 'XboxLiveTag', 'InviteFree', 'HidePresenceAndProfile', 'IsPendingOutbound', 'SupportGroupFeeds', 'UserTileHash', 'UnifiedInbox', 'Mris', 'Wlid', 'AbchContactId', 'NotInBirthdayCalendar', 'ShellContactType', 'ImMri', 'PresenceTrustLevel', 'OtherMri', 'ProfileLastChanged', 'MobileIMEnabled', 'PartnerNetworkProfilePhotoUrl', 'PartnerNetworkThumbnailPhotoUrl', 'PersonId', 'ConversationGuid']

/** t:ContactItemType's own elements (field URIs contacts:<name>). */
export const CONTACT_ELEMENTS = table(
  CONTACT_NAMES,
  CONTACT_STORED,
  // Worked out by Exchange, or copied from the directory (exchangelib marks them read-only too).
  [
    'CompleteName',
    'HasPicture',
    'Alias',
    'Notes',
    'Photo',
    'UserSMIMECertificate',
    'MSExchangeCertificate',
    'DirectoryId',
    'ManagerMailbox',
    'DirectReports',
  ],
  { IsPrivate: FALSE },
)

/** t:DistributionListType's own elements (field URIs contacts:<name>, distributionlist:Members). */
export const DISTRIBUTION_LIST_ELEMENTS = table(
  ['DisplayName', 'FileAs', 'ContactSource', 'Members'],
  DISTRIBUTION_LIST_STORED,
  [],
)

/** t:TaskType's own elements (field URIs task:<name>). */
export const TASK_ELEMENTS = table(
  // prettier-ignore
  ['ActualWork', 'AssignedTime', 'BillingInformation', 'ChangeCount', 'Companies', 'CompleteDate', 'Contacts', 'DelegationState', 'Delegator', 'DueDate', 'IsAssignmentEditable', 'IsComplete', 'IsRecurring', 'IsTeamTask', 'Mileage', 'Owner', 'PercentComplete', 'Recurrence', 'StartDate', 'Status', 'StatusDescription', 'TotalWork'],
  TASK_STORED,
  [
    'AssignedTime',
    'ChangeCount',
    'DelegationState',
    'Delegator',
    'IsAssignmentEditable',
    'IsComplete',
    'IsRecurring',
    'IsTeamTask',
    'Owner',
    'StatusDescription',
  ],
)

/** The own-element table and field-URI prefix of each item element a client may write. */
export const KIND_TABLES: Readonly<
  Record<string, { table: Readonly<Record<string, ElementRule>>; prefix: (name: string) => string }>
> = {
  Contact: { table: CONTACT_ELEMENTS, prefix: () => 'contacts' },
  DistributionList: {
    table: DISTRIBUTION_LIST_ELEMENTS,
    prefix: (n) => (n === 'Members' ? 'distributionlist' : 'contacts'),
  },
  Task: { table: TASK_ELEMENTS, prefix: () => 'task' },
}
