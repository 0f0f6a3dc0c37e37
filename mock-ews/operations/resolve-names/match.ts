/**
 * Ambiguous name resolution over one organisation's address list (the GAL is per organisation;
 * docs/decisions/0032). Pure: no XML, no store.
 */
import type { ContactFields } from '../../domain/contacts.ts'
import type { ItemId } from '../../domain/items.ts'
import type { OrganisationSpec } from '../../topology/topology.ts'

/**
 * One entry: a user's mailbox or a distribution group of the address list, or one of the caller's
 * contacts (Contact) or private distribution lists (PrivateDL; no address), or a one-off address.
 */
export interface DirectoryEntry {
  name: string
  address: string
  kind: 'Mailbox' | 'PublicDL' | 'Contact' | 'PrivateDL' | 'OneOff'
  /** A contact's or private list's item, and its data for ReturnFullContactData. */
  itemId?: ItemId
  contact?: ContactFields
}

/**
 * Longest entry worth comparing: nothing in an address list is longer (an SMTP address is at most
 * 320 characters, RFC 5321, plus the "SMTP:" prefix), so a longer entry cannot match and is not searched.
 */
export const MAX_ENTRY_LENGTH = 325

/** The organisation's address list (users and groups), sorted by display name as Exchange sorts resolutions. */
export function addressList(org: OrganisationSpec): DirectoryEntry[] {
  const groups = (org.groups ?? []).map((g): DirectoryEntry => ({
    name: g.displayName,
    address: g.address,
    kind: 'PublicDL',
  }))
  return org.users
    .map((u): DirectoryEntry => ({ name: u.displayName, address: u.address, kind: 'Mailbox' }))
    .concat(groups)
    .sort((a, b) => a.name.localeCompare(b.name) || a.address.localeCompare(b.address))
}

/**
 * The entries `unresolved` names. "SMTP:addr" names exactly one address. Otherwise one exact match
 * on SMTP address, alias (local part) or display name wins; else every entry whose address, alias,
 * display name or a word of the display name starts with the text (ANR's prefix match).
 */
export function resolve(list: readonly DirectoryEntry[], unresolved: string): DirectoryEntry[] {
  const q = unresolved.trim().toLowerCase()
  if (q.length === 0 || q.length > MAX_ENTRY_LENGTH) return []
  if (q.startsWith('smtp:')) {
    const address = q.slice(5).trim()
    return list.filter((e) => e.address.toLowerCase() === address)
  }
  const exact = list.filter((e) => keys(e).slice(0, 3).includes(q))
  if (exact.length === 1) return exact
  return list.filter((e) => keys(e).some((k) => k.startsWith(q)))
}

/** Address, alias, display name, then each word of the display name; lower-case. */
function keys(e: DirectoryEntry): string[] {
  const address = e.address.toLowerCase()
  const name = e.name.toLowerCase()
  return [address, address.split('@')[0] ?? address, name, ...name.split(/\s+/)]
}
