// https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/subscribe-operation
import type { Element } from '../../soap/xml-tree.ts'
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
import { EXCHANGE_VERSIONS } from '../../topology/profiles.ts'

function before2010SP1(ctx: OperationContext): boolean {
  return (
    EXCHANGE_VERSIONS.indexOf(ctx.requestServerVersion) <
    EXCHANGE_VERSIONS.indexOf('Exchange2010_SP1')
  )
}

interface SubscribeRequest {
  kind: 'pull' | 'streaming' | 'push'
  folders: FolderRef[] | 'all'
  eventTypes: EventType[]
  /** Pull: Timeout. Push: StatusFrequency. Streaming: none. */
  minutes: number
  watermark: string | undefined
  /** Push: the URL, as sent. */
  url?: string
}

const KINDS = {
  PullSubscriptionRequest: 'pull',
  StreamingSubscriptionRequest: 'streaming',
  PushSubscriptionRequest: 'push',
} as const

/** Minutes a streaming subscription lives without a GetStreamingEvents connection. */
export const STREAMING_LIFETIME_MINUTES = 30

export const subscribe: Operation<SubscribeRequest, { subscriptionId: string; watermark: string }> =
  {
    name: 'Subscribe',
    parse(el: Element): SubscribeRequest {
      const request = childElements(el, NS.m)[0]
      if (!request) throw schemaError("'Subscribe' needs a subscription request.")
      const kind = KINDS[request.localName as keyof typeof KINDS]
      if (!kind) throw schemaError(`'${request.localName}' is not a subscription request.`)
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
      const minutesOf = (name: string): number => {
        const n = Number(text(requiredChild(request, 't', name))?.trim())
        if (!Number.isInteger(n) || n < 1 || n > 1440)
          throw schemaError(`'${name}' must be 1 to 1440 minutes.`)
        return n
      }
      const minutes =
        kind === 'pull' ? minutesOf('Timeout') : kind === 'push' ? minutesOf('StatusFrequency') : 0
      return {
        kind,
        minutes,
        ...(kind === 'push' && { url: text(requiredChild(request, 't', 'URL'))?.trim() ?? '' }),
        folders:
          all !== undefined && readBoolean('SubscribeToAllFolders', all)
            ? 'all'
            : folderIds
              ? readFolderRefs(folderIds)
              : [],
        eventTypes,
        watermark: text(child(request, 't', 'Watermark'))?.trim() || undefined,
      }
    },
    handle(
      req: SubscribeRequest,
      ctx: OperationContext,
    ): Outcome<{ subscriptionId: string; watermark: string }>[] {
      return [
        attempt(() => {
          // Streaming subscriptions came with Exchange 2010 SP1 (Microsoft Learn, "Subscribe operation").
          if (req.kind === 'streaming' && before2010SP1(ctx))
            throw new EwsError(
              'ErrorInvalidSubscriptionRequest',
              `Streaming subscriptions need Exchange2010_SP1 or later, not ${ctx.requestServerVersion}.`,
            )
          const url = req.url === undefined ? undefined : ctx.push.checkUrl(req.url)
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
          const timeoutMinutes =
            req.kind === 'pull'
              ? req.minutes
              : req.kind === 'streaming'
                ? STREAMING_LIFETIME_MINUTES
                : Number.POSITIVE_INFINITY
          const sub = ctx.subscriptions.subscribe(
            ctx.mailbox,
            { kind: req.kind, folderIds, eventTypes: req.eventTypes, timeoutMinutes },
            ctx.impersonated ? 'impersonation' : 'owner',
          )
          if (url) {
            ctx.push.start({
              mailbox: ctx.mailbox,
              subscriptionId: sub.subscriptionId,
              url,
              statusFrequencyMinutes: req.minutes,
              version: ctx.requestServerVersion,
            })
          }
          return sub
        }),
      ]
    },
    renderPayload(
      message: XmlElement,
      sub: { subscriptionId: string; watermark: string },
      req: SubscribeRequest,
    ): void {
      message.ele(NS.m, 'm:SubscriptionId').txt(sub.subscriptionId)
      // A streaming subscription has no watermark to give (Microsoft Learn, "Subscribe operation").
      if (req.kind !== 'streaming') message.ele(NS.m, 'm:Watermark').txt(sub.watermark)
    },
  }
