// https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/adddelegate-operation
// (and getdelegate-, updatedelegate-, removedelegate-operation). Decision 0056.
import type { Element } from '../../soap/xml-tree.ts'
import { EwsError } from '../../domain/errors.ts'
import { DELEGATE_FOLDERS } from '../../domain/permissions.ts'
import type { Delegate, DelegateSettings } from '../../domain/permissions.ts'
import { attr, child, childElements, schemaError } from '../../soap/dom.ts'
import { NS } from '../../soap/namespaces.ts'
import { attempt } from '../operation.ts'
import type { Operation, OperationContext, Outcome } from '../operation.ts'
import {
  readDelegateUsers,
  readDeliver,
  readMailbox,
  readUserIds,
  renderDelegateResponse,
} from './delegate-xml.ts'
import type { DelegateAnswer, DelegateUserRequest, UserRef } from './delegate-xml.ts'
import { colleagueOf } from '../shared/permission-xml.ts'

interface DelegateRequest {
  mailbox: string
  users: DelegateUserRequest[]
  userIds: UserRef[] | undefined
  deliver: DelegateSettings['deliverMeetingRequests'] | undefined
  includePermissions: boolean
}

function parse(el: Element): DelegateRequest {
  const users = child(el, 'm', 'DelegateUsers')
  const ids = child(el, 'm', 'UserIds')
  // messages.xsd: AddDelegate needs DelegateUsers, RemoveDelegate UserIds.
  if (el.localName === 'AddDelegate' && !users)
    throw schemaError("The element 'AddDelegate' is missing 'DelegateUsers'.")
  if (el.localName === 'RemoveDelegate' && !ids)
    throw schemaError("The element 'RemoveDelegate' is missing 'UserIds'.")
  return {
    mailbox: readMailbox(el),
    users: users ? readDelegateUsers(users) : [],
    userIds:
      ids && (el.localName === 'RemoveDelegate' || childElements(ids, NS.t).length > 0)
        ? readUserIds(ids)
        : undefined,
    deliver: readDeliver(el),
    includePermissions: attr(el, 'IncludePermissions') !== 'false',
  }
}

/**
 * One delegate operation: the request's own outcome (the mailbox must be the caller's: another
 * is ErrorAccessDenied, an unknown one ErrorNonExistentMailbox) holding one outcome per user.
 */
function delegateOperation(
  name: string,
  work: (req: DelegateRequest, settings: DelegateSettings, ctx: OperationContext) => DelegateAnswer,
): Operation<DelegateRequest, DelegateAnswer> {
  return {
    name,
    parse,
    handle: (req, ctx) => [
      attempt(() => {
        if (!ctx.store.getMailbox(req.mailbox)) throw new EwsError('ErrorNonExistentMailbox')
        return work(req, ctx.store.getDelegates(req.mailbox), ctx)
      }),
    ],
    renderPayload: () => {},
    renderResponse: (response, outcomes) => renderDelegateResponse(response, outcomes),
  }
}

/** A delegate by a t:UserId: the delegate, or ErrorNotDelegate. */
function delegateNamed(
  ref: UserRef,
  delegates: readonly Delegate[],
  ctx: OperationContext,
): Delegate {
  const user = colleagueOf(ref, ctx, 'ErrorNotDelegate')
  const found = delegates.find((d) => d.address === user.address)
  if (!found)
    throw new EwsError('ErrorNotDelegate', `${user.address} is not a delegate of this mailbox.`)
  return found
}

export const getDelegate = delegateOperation('GetDelegate', (req, settings, ctx) => ({
  users: req.userIds
    ? req.userIds.map((ref) => attempt(() => delegateNamed(ref, settings.delegates, ctx)))
    : settings.delegates.map((d): Outcome<Delegate> => ({ ok: true, value: d })),
  deliverMeetingRequests: settings.deliverMeetingRequests,
  includePermissions: req.includePermissions,
}))

export const addDelegate = delegateOperation('AddDelegate', (req, settings, ctx) => {
  const delegates = [...settings.delegates]
  const users = req.users.map((u) =>
    attempt(() => {
      const user = colleagueOf(u.user, ctx, 'ErrorDelegateNoUser')
      if (user.address === req.mailbox) throw new EwsError('ErrorDelegateCannotAddOwner')
      if (delegates.some((d) => d.address === user.address))
        throw new EwsError('ErrorDelegateAlreadyExists', `${user.address} is already a delegate.`)
      checkLevels(u)
      const delegate: Delegate = {
        address: user.address,
        displayName: user.displayName,
        permissions: Object.fromEntries(
          DELEGATE_FOLDERS.map((f) => [f, u.permissions[f] ?? 'None']),
        ) as Delegate['permissions'],
        receiveCopiesOfMeetingMessages: u.receiveCopiesOfMeetingMessages ?? false,
        viewPrivateItems: u.viewPrivateItems ?? false,
      }
      delegates.push(delegate)
      return delegate
    }),
  )
  return save(req, settings, delegates, users, ctx)
})

export const updateDelegate = delegateOperation('UpdateDelegate', (req, settings, ctx) => {
  const delegates = [...settings.delegates]
  const users = req.users.map((u) =>
    attempt(() => {
      const before = delegateNamed(u.user, delegates, ctx)
      checkLevels(u)
      const after: Delegate = {
        ...before,
        permissions: { ...before.permissions, ...u.permissions },
        receiveCopiesOfMeetingMessages:
          u.receiveCopiesOfMeetingMessages ?? before.receiveCopiesOfMeetingMessages,
        viewPrivateItems: u.viewPrivateItems ?? before.viewPrivateItems,
      }
      delegates[delegates.indexOf(before)] = after
      return after
    }),
  )
  return save(req, settings, delegates, users, ctx)
})

export const removeDelegate = delegateOperation('RemoveDelegate', (req, settings, ctx) => {
  let delegates = [...settings.delegates]
  const users = (req.userIds ?? []).map((ref) =>
    attempt((): undefined => {
      const gone = delegateNamed(ref, delegates, ctx)
      delegates = delegates.filter((d) => d !== gone)
      return undefined
    }),
  )
  return save(req, settings, delegates, users, ctx)
})

/** Custom is what GetDelegate reports for a folder permission no delegate level names; it cannot be set. */
function checkLevels(u: DelegateUserRequest): void {
  if (Object.values(u.permissions).includes('Custom'))
    throw new EwsError(
      'ErrorInvalidDelegatePermission',
      'A delegate permission level is None, Reviewer, Author or Editor; Custom cannot be set.',
    )
}

/** Stores the new delegates (and their folder permissions); the answer gives them as the folders now say. */
function save(
  req: DelegateRequest,
  settings: DelegateSettings,
  delegates: Delegate[],
  users: Outcome<Delegate | undefined>[],
  ctx: OperationContext,
): DelegateAnswer {
  const deliverMeetingRequests = req.deliver ?? settings.deliverMeetingRequests
  ctx.store.setDelegates(req.mailbox, { delegates, deliverMeetingRequests })
  const now = ctx.store.getDelegates(req.mailbox).delegates
  return {
    users: users.map((u) =>
      u.ok && u.value
        ? { ok: true, value: now.find((d) => d.address === u.value!.address) ?? u.value }
        : u,
    ),
    includePermissions: true,
  }
}
