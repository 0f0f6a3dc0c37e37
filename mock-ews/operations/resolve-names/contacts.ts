/**
 * The caller's contacts as ResolveNames entries: each contact by its display name and first
 * e-mail address (MailboxType Contact; one without an address is not resolvable), each private
 * distribution list by its name (PrivateDL, with its ItemId: ExpandDL expands it).
 */
import { contactName } from '../../domain/contacts.ts'
import type { OperationContext } from '../operation.ts'
import type { DirectoryEntry } from './match.ts'

/** Entries of the contacts in `folders` (none named: the Contacts folder). */
export function contactEntries(
  ctx: OperationContext,
  folders: readonly string[],
): DirectoryEntry[] {
  const ids = folders.length
    ? folders
    : [ctx.store.getDistinguishedFolder(ctx.mailbox, 'contacts').folderId.id]
  const out: DirectoryEntry[] = []
  for (const folder of ids)
    for (const item of ctx.store.findItems(ctx.mailbox, folder, { view: { kind: 'all' } }).items) {
      const c = item.contact
      if (!c) continue
      const name = contactName(c)
      if (c.kind === 'DistributionList') {
        if (name) out.push({ name, address: '', kind: 'PrivateDL', itemId: item.itemId })
        continue
      }
      const email = [...c.emailAddresses].sort((a, b) => a.key.localeCompare(b.key))[0]
      if (email)
        out.push({
          name: name ?? email.name ?? email.address,
          address: email.address,
          kind: 'Contact',
          itemId: item.itemId,
          contact: c,
        })
    }
  return out
}
