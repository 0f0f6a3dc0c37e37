// https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/expanddl-operation
import type { Element } from '../../soap/xml-tree.ts'
import type { XmlElement } from '../../soap/xml-writer.ts'
import { EwsError } from '../../domain/errors.ts'
import { attr, child, requiredChild, schemaError, text } from '../../soap/dom.ts'
import { NS } from '../../soap/namespaces.ts'
import { attempt } from '../operation.ts'
import type { Operation, OperationContext, Outcome } from '../operation.ts'
import { renderMailbox } from '../resolve-names/index.ts'
import type { DirectoryEntry } from '../resolve-names/match.ts'

type ExpandDLRequest = { address: string } | { itemId: string }

/**
 * ExpandDL of a distribution group of the caller's organisation: its direct members, users as
 * MailboxType Mailbox and nested groups as PublicDL (a client expands those in turn, as with
 * Exchange); or a private distribution list of the caller's, named by ItemId: its members.
 */
export const expandDL: Operation<ExpandDLRequest, DirectoryEntry[]> = {
  name: 'ExpandDL',
  parse(el: Element): ExpandDLRequest {
    const mailbox = requiredChild(el, 'm', 'Mailbox')
    const itemId = child(mailbox, 't', 'ItemId')
    if (itemId) {
      const id = attr(itemId, 'Id')
      if (id === undefined) throw schemaError("The required attribute 'Id' of 'ItemId' is missing.")
      return { itemId: id }
    }
    const address = text(child(mailbox, 't', 'EmailAddress'))?.trim()
    if (!address)
      throw schemaError("The element 'Mailbox' needs a 't:EmailAddress' or a 't:ItemId'.")
    return { address: address.replace(/^smtp:/i, '') }
  },
  handle(req: ExpandDLRequest, ctx: OperationContext): Outcome<DirectoryEntry[]>[] {
    return [
      attempt(() => {
        const org = ctx.user.organisation
        if ('itemId' in req) {
          const list = ctx.store.getItem(ctx.mailbox, req.itemId).contact // the caller's own item, or its error
          if (list?.kind !== 'DistributionList')
            throw new EwsError(
              'ErrorInvalidItemForOperationExpandDL',
              'Only a distribution list item can be expanded.',
            )
          // A member of the address list is a Mailbox (or PublicDL); anyone else a one-off address.
          return list.members.map((m): DirectoryEntry => {
            if (m.contactId)
              return {
                name: m.name ?? m.address,
                address: m.address,
                kind: 'Contact',
                itemId: m.contactId,
              }
            const address = m.address.toLowerCase()
            const group = org.groups?.find((g) => g.address === address)
            if (group) return { name: m.name ?? group.displayName, address, kind: 'PublicDL' }
            const user = org.users.find((u) => u.address === address)
            return {
              name: m.name ?? m.address,
              address: m.address,
              kind: user ? 'Mailbox' : 'OneOff',
            }
          })
        }
        const group = (org.groups ?? []).find((g) => g.address === req.address.toLowerCase())
        if (!group) throw new EwsError('ErrorNameResolutionNoResults')
        return group.members.map((address): DirectoryEntry => {
          const inner = org.groups?.find((g) => g.address === address)
          if (inner) return { name: inner.displayName, address, kind: 'PublicDL' }
          const user = org.users.find((u) => u.address === address)
          return { name: user?.displayName ?? address, address, kind: 'Mailbox' }
        })
      }),
    ]
  },
  renderPayload(message: XmlElement, members: DirectoryEntry[]): void {
    const expansion = message
      .ele(NS.m, 'm:DLExpansion')
      .att('TotalItemsInView', String(members.length))
      .att('IncludesLastItemInRange', 'true')
    for (const member of members) renderMailbox(expansion, member)
  },
}
