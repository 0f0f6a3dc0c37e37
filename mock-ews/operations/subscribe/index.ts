// https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/subscribe-operation
import type { Element } from '@xmldom/xmldom'
import type { XmlElement } from '../../soap/xml-writer.ts'
import { EwsError } from '../../domain/errors.ts'
import { EVENT_TYPES } from '../../notifications/subscriptions.ts'
import type { EventType } from '../../notifications/subscriptions.ts'
import { attr, child, childElements, requiredChild, schemaError, text } from '../../soap/dom.ts'
import { NS } from '../../soap/namespaces.ts'
import { attempt } from '../operation.ts'
import type { Operation, OperationContext, Outcome } from '../operation.ts'
import { readFolderRefs, resolveFolder } from '../shared/folder-ids.ts'
import type { FolderRef } from '../shared/folder-ids.ts'
import { readBoolean } from '../shared/message-xml.ts'

type SubscribeRequest =
  | {
      kind: 'pull'
      folders: FolderRef[] | 'all'
      eventTypes: EventType[]
      timeoutMinutes: number
      watermark: string | undefined
    }
  | { kind: 'unsupported'; element: string }

export const subscribe: Operation<SubscribeRequest, { subscriptionId: string; watermark: string }> =
  {
    name: 'Subscribe',
    parse(el: Element): SubscribeRequest {
      const request = childElements(el, NS.m)[0]
      if (!request) throw schemaError("'Subscribe' needs a subscription request.")
      if (request.localName !== 'PullSubscriptionRequest')
        return { kind: 'unsupported', element: request.localName ?? '' }
      const all = attr(request, 'SubscribeToAllFolders')
      const folderIds = child(request, 't', 'FolderIds')
      const eventTypes = childElements(
        requiredChild(request, 't', 'EventTypes'),
        NS.t,
        'EventType',
      ).map((e) => {
        // The constant, not the parsed text: a slice of the request would keep it alive.
        const text = (e.textContent ?? '').trim()
        const type = EVENT_TYPES.find((t) => t === text)
        if (type === undefined) throw schemaError(`'${text}' is not a NotificationEventType.`)
        return type
      })
      const timeout = Number(text(requiredChild(request, 't', 'Timeout'))?.trim())
      if (!Number.isInteger(timeout) || timeout < 1 || timeout > 1440)
        throw schemaError("'Timeout' must be 1 to 1440 minutes.")
      return {
        kind: 'pull',
        folders:
          all !== undefined && readBoolean('SubscribeToAllFolders', all)
            ? 'all'
            : folderIds
              ? readFolderRefs(folderIds)
              : [],
        eventTypes,
        timeoutMinutes: timeout,
        watermark: text(child(request, 't', 'Watermark'))?.trim() || undefined,
      }
    },
    handle(
      req: SubscribeRequest,
      ctx: OperationContext,
    ): Outcome<{ subscriptionId: string; watermark: string }>[] {
      return [
        attempt(() => {
          if (req.kind === 'unsupported') {
            throw new EwsError(
              'ErrorInvalidSubscriptionRequest',
              `mock-ews supports pull subscriptions only, not ${req.element}.`,
            )
          }
          if (req.folders !== 'all' && req.folders.length === 0) {
            throw new EwsError(
              'ErrorInvalidSubscriptionRequest',
              'Name FolderIds or set SubscribeToAllFolders.',
            )
          }
          if (req.watermark !== undefined)
            throw new EwsError(
              'ErrorInvalidWatermark',
              'mock-ews cannot resume a subscription from a watermark.',
            )
          const folders =
            req.folders === 'all' ? 'all' : req.folders.map((f) => resolveFolder(f, ctx))
          // A subscription watches the caller's mailbox's events: one to another mailbox's folder
          // (reached through a permission, decision 0055) would never see any, so it is refused.
          if (folders !== 'all' && folders.some((f) => f.mailbox !== ctx.mailbox))
            throw new EwsError(
              'ErrorSubscriptionDelegateAccessNotSupported',
              "mock-ews subscribes to the caller's own folders only; subscribe as the mailbox's owner (or through ExchangeImpersonation).",
            )
          const folderIds = folders === 'all' ? 'all' : folders.map((f) => f.folderId.id)
          return ctx.subscriptions.subscribe(
            ctx.mailbox,
            { folderIds, eventTypes: req.eventTypes, timeoutMinutes: req.timeoutMinutes },
            ctx.impersonated ? 'impersonation' : 'owner',
          )
        }),
      ]
    },
    renderPayload(message: XmlElement, sub: { subscriptionId: string; watermark: string }): void {
      message.ele(NS.m, 'm:SubscriptionId').txt(sub.subscriptionId)
      message.ele(NS.m, 'm:Watermark').txt(sub.watermark)
    },
  }
