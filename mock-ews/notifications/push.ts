/**
 * Push subscriptions: mock-ews POSTs a SendNotification to the client's URL — a StatusEvent at once
 * (Exchange's "initial sync"), the events as they happen, and a StatusEvent when nothing happened
 * for StatusFrequency minutes. The client's SendNotificationResult says OK (go on) or Unsubscribe
 * (the subscription ends). An answer that does not come (refused, an HTTP error, not a
 * SendNotificationResult) is retried 30 s later, then 60, 120, … seconds after the first failure
 * while that stays within StatusFrequency minutes; after that the subscription is dead. Delays run
 * on the injected clock. Only loopback URLs unless the app allows any host (docs/decisions/0053).
 * Sources: Microsoft Learn "StatusFrequency", "SendNotification", "Push notification client".
 */
import { EwsError } from '../domain/errors.ts'
import { renderNotification } from '../operations/shared/notification-xml.ts'
import { buildSendNotification } from '../soap/envelope.ts'
import { NS } from '../soap/namespaces.ts'
import { parseXml } from '../soap/parse-xml.ts'
import type { Logger } from '../support/logger.ts'
import type { Timers } from '../support/timers.ts'
import type { EventBatch, SubscriptionReader, Subscriptions } from './subscriptions.ts'

/** The first retry's delay; each next one doubles it. */
export const FIRST_RETRY_MS = 30_000
/** How long one POST may take (real time: it is the client's socket). */
const POST_TIMEOUT_MS = 30_000

export interface PushOptions {
  subscriptions: Subscriptions
  timers: Timers
  logger: Logger
  /** Push to any host, not only loopback ones. */
  anyHost: boolean
  /** Each SendNotification body sent (conformance capture). */
  sent?: (body: string) => void
}

export interface PushTarget {
  mailbox: string
  subscriptionId: string
  url: URL
  statusFrequencyMinutes: number
  /** RequestServerVersion of the SendNotification requests. */
  version: string
}

export class PushNotifier {
  constructor(private readonly options: PushOptions) {}

  /** The URL a PushSubscriptionRequest names, or ErrorInvalidPushSubscriptionUrl. */
  checkUrl(text: string): URL {
    let url: URL
    try {
      url = new URL(text)
    } catch {
      throw new EwsError('ErrorInvalidPushSubscriptionUrl', `'${text}' is not an absolute URL.`)
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      throw new EwsError('ErrorInvalidPushSubscriptionUrl', 'The URL must be http or https.')
    if (!this.options.anyHost && !isLoopback(url.hostname))
      throw new EwsError(
        'ErrorInvalidPushSubscriptionUrl',
        `mock-ews pushes only to loopback hosts, not ${url.hostname} (docs/decisions/0053).`,
      )
    return url
  }

  start(target: PushTarget): void {
    new PushChannel(target, this.options).start()
  }
}

function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase()
  return h === 'localhost' || h === '::1' || /^127\.\d+\.\d+\.\d+$/.test(h)
}

/** One push subscription's delivery: at most one POST in flight, then the next. */
class PushChannel implements SubscriptionReader {
  #busy = false
  #dirty = false
  #stopped = false
  /** When the first unanswered POST of the current run of failures went out (clock ms). */
  #failingSince: number | undefined
  #retry = 0
  #cancelTimer = (): void => {}

  constructor(
    private readonly target: PushTarget,
    private readonly o: PushOptions,
  ) {}

  start(): void {
    this.o.subscriptions.claim(this.target.mailbox, this.target.subscriptionId, 'push', this)
    this.#send()
  }

  wake(): void {
    if (this.#stopped) return
    if (this.#busy || this.#failingSince !== undefined) {
      this.#dirty = true
      return
    }
    this.#busy = true
    setImmediate(() => {
      this.#busy = false
      this.#send()
    })
  }

  lost(): void {
    this.#stopped = true
    this.#cancelTimer()
  }

  #send(): void {
    if (this.#stopped || this.#busy) return
    const batch = this.o.subscriptions.pending(this.target.subscriptionId)
    if (!batch) return this.lost()
    this.#cancelTimer()
    this.#busy = true
    this.#dirty = false
    const body = this.#body(batch)
    this.o.sent?.(body)
    void post(this.target.url, body).then((status) => {
      this.#busy = false
      if (this.#stopped) return
      if (status === undefined) return this.#failed()
      this.#failingSince = undefined
      this.#retry = 0
      if (status === 'Unsubscribe') return this.o.subscriptions.drop(this.target.subscriptionId)
      this.o.subscriptions.acknowledge(batch)
      if (batch.moreEvents || this.#dirty) return this.wake()
      this.#cancelTimer = this.o.timers.after(this.target.statusFrequencyMinutes * 60_000, () =>
        this.#send(),
      )
    })
  }

  #failed(): void {
    const now = this.o.timers.now()
    this.#failingSince ??= now
    const next = FIRST_RETRY_MS * 2 ** this.#retry++
    if (next > this.target.statusFrequencyMinutes * 60_000) {
      this.o.logger.info(
        `push subscription ${this.target.subscriptionId}: ${this.target.url.href} did not answer; the subscription ends`,
      )
      this.o.subscriptions.drop(
        this.target.subscriptionId,
        `The subscription expired: its push notifications went unanswered for ${this.target.statusFrequencyMinutes} minutes.`,
      )
      return
    }
    this.#cancelTimer = this.o.timers.after(this.#failingSince + next - now, () => this.#send())
  }

  #body(batch: EventBatch): string {
    return buildSendNotification(this.target.version, (request) => {
      const message = request
        .ele(NS.m, 'm:ResponseMessages')
        .ele(NS.m, 'm:SendNotificationResponseMessage')
        .att('ResponseClass', 'Success')
      message.ele(NS.m, 'm:ResponseCode').txt('NoError')
      renderNotification(message.ele(NS.m, 'm:Notification'), batch)
    })
  }
}

/** POSTs one notification; the SubscriptionStatus answered, or undefined when there is none. */
async function post(url: URL, body: string): Promise<'OK' | 'Unsubscribe' | undefined> {
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'text/xml; charset=utf-8' },
      body,
      signal: AbortSignal.timeout(POST_TIMEOUT_MS),
      redirect: 'manual',
    })
    const text = (await res.text()).slice(0, 64 * 1024)
    if (!res.ok) return undefined
    const doc = parseXml(text)
    const status = doc.getElementsByTagNameNS(NS.m, 'SubscriptionStatus')[0]?.textContent?.trim()
    return status === 'OK' || status === 'Unsubscribe' ? status : undefined
  } catch {
    return undefined
  }
}
