/**
 * ExchangeImpersonation (reference/ews-protocol.md §1.5): a service account the topology grants
 * ApplicationImpersonation over its organisation may act as any of the organisation's users.
 */
import type { Element } from '../soap/xml-tree.ts'
import { EwsError } from '../domain/errors.ts'
import { child, childElements, text } from '../soap/dom.ts'
import type { Directory, DirectoryUser } from './directory.ts'

/** The user a request acts as, after checking the caller may impersonate them. */
export function impersonatedUser(
  header: Element,
  caller: DirectoryUser,
  directory: Directory,
): DirectoryUser {
  const sid = child(header, 't', 'ConnectingSID')
  const id = sid && childElements(sid)[0]
  const value = text(id)?.trim()
  if (
    !id ||
    !value ||
    !['PrimarySmtpAddress', 'SmtpAddress', 'PrincipalName'].includes(id.localName ?? '')
  ) {
    throw new EwsError(
      'ErrorInvalidExchangeImpersonationHeaderData',
      'ExchangeImpersonation needs a ConnectingSID with a PrimarySmtpAddress, SmtpAddress or PrincipalName.',
    )
  }
  const target = directory.userByLogon(value)
  if (!target)
    throw new EwsError(
      'ErrorNonExistentMailbox',
      `The SMTP address ${value} has no mailbox associated with it.`,
    )
  if (target === caller) return caller
  const granted = target.organisation.impersonation.includes(caller.address)
  if (!granted) {
    throw new EwsError(
      'ErrorImpersonateUserDenied',
      `The account ${caller.address} does not have permission to impersonate ${target.address}.`,
    )
  }
  return target
}
