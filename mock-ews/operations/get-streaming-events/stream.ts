/**
 * One GetStreamingEvents connection: a chunked HTTP answer that stays open for ConnectionTimeout
 * minutes (on the injected clock), carrying one whole envelope per frame — the events of its
 * subscriptions as they happen, a heartbeat (ConnectionStatus OK, no notifications) when nothing
 * did for HEARTBEAT_MS, and a last frame with ConnectionStatus Closed. It never holds the event
 * loop: it writes when woken (a new event, a timer) and ends on the client's disconnect, on the
 * server's close(), or when it has no subscription left (Unsubscribe, taken by another connection).
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { EwsError } from '../../domain/errors.ts'
import type {
  EventBatch,
  Subscriptions,
  SubscriptionReader,
} from '../../notifications/subscriptions.ts'
import type { Timers } from '../../support/timers.ts'
import { onServerClose } from '../../support/server-close.ts'
import type { ServerVersionInfo } from '../../topology/profiles.ts'
import { errorFrame, eventsFrame } from './index.ts'
import type { GetStreamingEventsRequest } from './index.ts'

/** A heartbeat when no frame went out for this long (Exchange's clients expect one within 45 s). */
export const HEARTBEAT_MS = 30_000
/** Open GetStreamingEvents connections per mailbox; one more is ErrorExceededConnectionCount. */
export const MAX_STREAMS_PER_MAILBOX = 10
/** A client that leaves this much unread is cut off (its subscriptions keep their events). */
const MAX_UNREAD_BYTES = 4 * 1024 * 1024

/** Open connections per mailbox, shared by every request of one app. */
export class StreamingConnections {
  readonly #open = new Map<string, number>()

  constructor(readonly timers: Timers) {}

  enter(mailbox: string): boolean {
    const n = this.#open.get(mailbox) ?? 0
    if (n >= MAX_STREAMS_PER_MAILBOX) return false
    this.#open.set(mailbox, n + 1)
    return true
  }

  leave(mailbox: string): void {
    const n = (this.#open.get(mailbox) ?? 1) - 1
    if (n > 0) this.#open.set(mailbox, n)
    else this.#open.delete(mailbox)
  }
}

export interface StreamContext {
  req: IncomingMessage
  res: ServerResponse
  mailbox: string
  subscriptions: Subscriptions
  connections: StreamingConnections
  versionInfo: ServerVersionInfo
  /** Each frame written, as it goes (journal, conformance capture). */
  sent: (frame: string, responseCode: string) => void
}

/** Answers one GetStreamingEvents; resolves once the answer has ended (or the client left). */
export function streamEvents(request: GetStreamingEventsRequest, c: StreamContext): Promise<void> {
  const { res, mailbox, subscriptions, versionInfo } = c
  const ids = [...new Set(request.subscriptionIds)]
  const only = (frame: string, code: string): Promise<void> => {
    c.sent(frame, code)
    return new Promise((done) => {
      res.writeHead(200, { 'Content-Type': 'text/xml; charset=utf-8' }).end(frame, done)
    })
  }
  if (!c.connections.enter(mailbox)) {
    const error = new EwsError(
      'ErrorExceededConnectionCount',
      `You have exceeded the maximum number of open GetStreamingEvents connections (${MAX_STREAMS_PER_MAILBOX}) for this mailbox.`,
    )
    return only(errorFrame(versionInfo, error, []), error.code)
  }
  const live = new Set<string>()
  let scheduled = false
  let ended = false
  const reader: SubscriptionReader = {
    wake: () => {
      if (scheduled || ended) return
      scheduled = true
      setImmediate(flush)
    },
    lost: (id) => {
      live.delete(id)
      if (live.size === 0 && !ended) setImmediate(() => close())
    },
  }
  // Any subscription it cannot stream refuses the whole connection (as Exchange does), naming it.
  let refusal: { error: EwsError; ids: string[] } | undefined
  for (const id of ids) {
    try {
      subscriptions.claim(mailbox, id, 'streaming', reader)
      live.add(id)
    } catch (e) {
      if (!(e instanceof EwsError)) throw e
      if (!refusal) refusal = { error: e, ids: [] }
      if (e.code === refusal.error.code) refusal.ids.push(id)
    }
  }
  if (refusal) {
    ended = true
    for (const id of live) subscriptions.release(id, reader)
    c.connections.leave(mailbox)
    return only(errorFrame(versionInfo, refusal.error, refusal.ids), refusal.error.code)
  }

  res.writeHead(200, { 'Content-Type': 'text/xml; charset=utf-8' })
  res.flushHeaders()
  let cancelBeat = (): void => {}
  const beat = (): void => {
    cancelBeat()
    cancelBeat = c.connections.timers.after(HEARTBEAT_MS, () =>
      write(eventsFrame(versionInfo, [], 'OK')),
    )
  }
  const write = (frame: string): void => {
    if (ended) return
    c.sent(frame, 'NoError')
    res.write(frame)
    if (res.writableLength > MAX_UNREAD_BYTES) res.destroy()
    else beat()
  }
  function flush(): void {
    scheduled = false
    if (ended) return
    const batches: EventBatch[] = []
    let more = false
    for (const id of live) {
      const batch = subscriptions.pending(id)
      if (!batch || batch.events.length === 0) continue
      batches.push(batch)
      more ||= batch.moreEvents
    }
    if (batches.length === 0) return
    write(eventsFrame(versionInfo, batches, 'OK'))
    for (const batch of batches) subscriptions.acknowledge(batch)
    // More than one frame's worth: the rest in the next turn of the event loop.
    if (more) reader.wake()
  }
  const close = (then?: () => void): void => {
    if (ended) return
    flush()
    const frame = eventsFrame(versionInfo, [], 'Closed')
    c.sent(frame, 'NoError')
    finish()
    res.end(frame, then)
  }
  const cancelTimeout = c.connections.timers.after(request.connectionTimeout * 60_000, () =>
    close(),
  )
  // Settles once the Closed frame went out (or the answer is already over): the server closes then.
  const cancelServerClose = onServerClose(
    c.req.socket,
    () =>
      new Promise<void>((done) => {
        res.once('close', done)
        if (ended) return done()
        close(() => {
          c.req.socket.end()
          done()
        })
      }),
  )
  function finish(): void {
    if (ended) return
    ended = true
    cancelBeat()
    cancelTimeout()
    cancelServerClose()
    for (const id of live) subscriptions.release(id, reader)
    c.connections.leave(mailbox)
  }
  beat()
  // What happened since Subscribe (or the last connection) goes out at once.
  reader.wake()
  return new Promise((done) => {
    res.once('close', () => {
      finish()
      done()
    })
  })
}
