/**
 * Exchange's Send As / Send on Behalf rule (docs/decisions/0040). A user U submits a message whose
 * From names mailbox F (absent: U) and whose Sender may name S:
 * - F is U: sent as herself, Sender U;
 * - U has Send As on F (F's `sendAs` lists U): sent as F, Sender F;
 * - U may send on behalf of F (F's `sendOnBehalf` lists U, or U is F's delegate: AddDelegate
 *   grants it as Exchange does): From F, Sender U;
 * - otherwise ErrorSendAsDenied. A Sender the client wrote must be one of those allowed: U when
 *   she sends as herself or on behalf, F when she has Send As on it.
 */
import { EwsError } from '../domain/errors.ts'
import type { EmailAddress, ItemFields } from '../domain/items.ts'
import type { Directory, DirectoryUser } from '../topology/directory.ts'

export function sendingAs(
  directory: Directory,
  user: DirectoryUser,
  message: Pick<ItemFields, 'from' | 'sender'>,
  isDelegate: (owner: string, user: string) => boolean = () => false,
): { from: EmailAddress; sender: EmailAddress } {
  const me: EmailAddress = { name: user.displayName, address: user.address }
  const from = message.from ?? me
  const mailbox = directory.user(from.address)
  const own = mailbox?.address === user.address
  const sendAs = !own && mailbox?.sendAs?.includes(user.address) === true
  const onBehalf =
    !own &&
    mailbox !== undefined &&
    (mailbox.sendOnBehalf?.includes(user.address) === true ||
      isDelegate(mailbox.address, user.address))
  if (!own && !sendAs && !onBehalf) throw denied(user, from.address)
  const allowed = new Set<string>()
  if (own || onBehalf) allowed.add(user.address)
  if (sendAs) allowed.add(mailbox.address)
  const asked = message.sender && directory.user(message.sender.address)
  if (message.sender && !(asked && allowed.has(asked.address)))
    throw denied(user, message.sender.address)
  const sender = asked ? message.sender! : sendAs ? from : me
  return { from, sender }
}

function denied(user: DirectoryUser, address: string): EwsError {
  return new EwsError(
    'ErrorSendAsDenied',
    `The user account which was used to submit this request does not have the right to send mail on behalf of the specified sending account. (${user.address} for ${address.toLowerCase()})`,
  )
}
