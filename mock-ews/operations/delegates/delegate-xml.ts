/**
 * The XML of the delegate operations (messages.xsd BaseDelegateType, BaseDelegateResponseMessageType;
 * types.xsd DelegateUserType). Their answers are shaped unlike the others': the response element
 * itself carries ResponseClass and ResponseCode, then `m:ResponseMessages` of
 * `m:DelegateUserResponseMessageType`, one per user.
 */
import type { Element } from '../../soap/xml-tree.ts'
import { EwsError } from '../../domain/errors.ts'
import { DELEGATE_FOLDERS } from '../../domain/permissions.ts'
import type {
  Delegate,
  DelegateFolder,
  DelegateLevel,
  DeliverMeetingRequests,
} from '../../domain/permissions.ts'
import { child, childElements, requiredChild, schemaError, text } from '../../soap/dom.ts'
import { NS } from '../../soap/namespaces.ts'
import type { XmlElement } from '../../soap/xml-writer.ts'
import type { Outcome } from '../operation.ts'
import { renderError } from '../shared/response-messages.ts'

/** A t:UserId as written: an address, or only a SID / display name (which mock-ews cannot resolve). */
export interface UserRef {
  address: string | undefined
  sid: string | undefined
}

/** A t:DelegateUser as written: what it leaves out stays as it was (UpdateDelegate) or is None / false. */
export interface DelegateUserRequest {
  user: UserRef
  permissions: Partial<Record<DelegateFolder, DelegateLevel>>
  receiveCopiesOfMeetingMessages: boolean | undefined
  viewPrivateItems: boolean | undefined
}

/** What an operation answers: the users' outcomes, and for GetDelegate where meeting requests go. */
export interface DelegateAnswer {
  users: Outcome<Delegate | undefined>[]
  deliverMeetingRequests?: DeliverMeetingRequests | undefined
  /** GetDelegate IncludePermissions="false" leaves DelegatePermissions out. */
  includePermissions: boolean
}

const ELEMENT: Record<DelegateFolder, string> = {
  calendar: 'CalendarFolderPermissionLevel',
  tasks: 'TasksFolderPermissionLevel',
  inbox: 'InboxFolderPermissionLevel',
  contacts: 'ContactsFolderPermissionLevel',
  notes: 'NotesFolderPermissionLevel',
  journal: 'JournalFolderPermissionLevel',
}
const LEVELS: readonly DelegateLevel[] = ['None', 'Editor', 'Reviewer', 'Author', 'Custom']
const DELIVER: readonly DeliverMeetingRequests[] = [
  'DelegatesOnly',
  'DelegatesAndMe',
  'DelegatesAndSendInformationToMe',
  'NoForward',
]

/** The address in `m:Mailbox` (t:EmailAddressType). */
export function readMailbox(el: Element): string {
  const address = text(child(requiredChild(el, 'm', 'Mailbox'), 't', 'EmailAddress'))?.trim()
  if (!address) throw new EwsError('ErrorInvalidRequest', 'The Mailbox needs an EmailAddress.')
  return address.toLowerCase()
}

export function readUserId(el: Element): UserRef {
  return {
    address:
      text(child(el, 't', 'PrimarySmtpAddress'))
        ?.trim()
        .toLowerCase() || undefined,
    sid: text(child(el, 't', 'SID'))?.trim() || undefined,
  }
}

/** `m:UserIds` (t:ArrayOfUserIdType): at least one. */
export function readUserIds(el: Element): UserRef[] {
  const ids = childElements(el, NS.t, 'UserId').map(readUserId)
  if (ids.length === 0) throw schemaError("The element 'UserIds' has incomplete content.")
  return ids
}

export function readDelegateUsers(el: Element): DelegateUserRequest[] {
  const users = childElements(el, NS.t, 'DelegateUser').map((u) => {
    const perms = child(u, 't', 'DelegatePermissions')
    const permissions: Partial<Record<DelegateFolder, DelegateLevel>> = {}
    for (const folder of DELEGATE_FOLDERS) {
      const level = perms && text(child(perms, 't', ELEMENT[folder]))?.trim()
      if (level !== undefined) permissions[folder] = oneOf(level, LEVELS, ELEMENT[folder])
    }
    return {
      user: readUserId(requiredChild(u, 't', 'UserId')),
      permissions,
      receiveCopiesOfMeetingMessages: bool(u, 'ReceiveCopiesOfMeetingMessages'),
      viewPrivateItems: bool(u, 'ViewPrivateItems'),
    }
  })
  if (users.length === 0) throw schemaError("The element 'DelegateUsers' has incomplete content.")
  return users
}

export function readDeliver(el: Element): DeliverMeetingRequests | undefined {
  const v = text(child(el, 'm', 'DeliverMeetingRequests'))?.trim()
  return v === undefined ? undefined : oneOf(v, DELIVER, 'DeliverMeetingRequests')
}

function bool(el: Element, name: string): boolean | undefined {
  const v = text(child(el, 't', name))?.trim()
  if (v === undefined) return undefined
  if (!['true', 'false', '1', '0'].includes(v))
    throw schemaError(`The value '${v}' of '${name}' is not a boolean.`)
  return v === 'true' || v === '1'
}

function oneOf<T extends string>(v: string, values: readonly T[], name: string): T {
  if (!(values as readonly string[]).includes(v))
    throw schemaError(`The value '${v}' of '${name}' is not allowed here.`)
  return v as T
}

/** The answer: the request's own outcome, then one DelegateUserResponseMessageType per user. */
export function renderDelegateResponse(
  response: XmlElement,
  outcomes: readonly Outcome<DelegateAnswer>[],
): void {
  const outcome = outcomes[0]!
  if (!outcome.ok) {
    renderError(response, outcome.error)
    return
  }
  response.att('ResponseClass', 'Success')
  response.ele(NS.m, 'm:ResponseCode').txt('NoError')
  const { users, deliverMeetingRequests, includePermissions } = outcome.value
  if (users.length > 0) {
    const messages = response.ele(NS.m, 'm:ResponseMessages')
    for (const user of users) {
      const message = messages.ele(NS.m, 'm:DelegateUserResponseMessageType')
      if (!user.ok) {
        renderError(message, user.error)
        continue
      }
      message.att('ResponseClass', 'Success')
      message.ele(NS.m, 'm:ResponseCode').txt('NoError')
      if (user.value) renderDelegateUser(message, user.value, includePermissions)
    }
  }
  if (deliverMeetingRequests)
    response.ele(NS.m, 'm:DeliverMeetingRequests').txt(deliverMeetingRequests)
}

function renderDelegateUser(parent: XmlElement, d: Delegate, includePermissions: boolean): void {
  const el = parent.ele(NS.m, 'm:DelegateUser')
  const userId = el.ele(NS.t, 't:UserId')
  userId.ele(NS.t, 't:PrimarySmtpAddress').txt(d.address)
  userId.ele(NS.t, 't:DisplayName').txt(d.displayName)
  if (includePermissions) {
    const perms = el.ele(NS.t, 't:DelegatePermissions')
    for (const folder of DELEGATE_FOLDERS)
      perms.ele(NS.t, `t:${ELEMENT[folder]}`).txt(d.permissions[folder])
  }
  el.ele(NS.t, 't:ReceiveCopiesOfMeetingMessages').txt(String(d.receiveCopiesOfMeetingMessages))
  el.ele(NS.t, 't:ViewPrivateItems').txt(String(d.viewPrivateItems))
}
