/**
 * `GET /__admin/events`: a server-sent-events stream of what happens in the server (README "Admin
 * API", docs/decisions/0043): requests answered, deliveries, NDRs, faults applied, item changes,
 * clock moves and resets. Events are not kept: a client sees what happens while it is connected
 * (the journal and the mailbox routes tell the past). A client that does not read is cut off
 * rather than buffered without bound.
 */
import type { Request, Response } from 'express'
import type { JournalEntry, RequestJournal } from '../journal/journal.ts'
import type { MailboxStore } from '../store/mailbox-store.ts'
import { sendAdminError } from './admin-guard.ts'

export type AdminEventName = 'request' | 'delivery' | 'ndr' | 'fault' | 'item' | 'clock' | 'reset'

/** Streams open at once; more are refused (503). */
export const MAX_EVENT_STREAMS = 64
/** Bytes a stream may have waiting for a slow client before it is closed. */
const MAX_BUFFERED = 1024 * 1024
/** A comment line now and then keeps proxies from closing an idle stream. */
const HEARTBEAT_MS = 15_000

const ITEM_KIND = {
  Created: 'created',
  Copied: 'created',
  Modified: 'modified',
  Deleted: 'deleted',
  Moved: 'moved',
} as const

export class AdminEvents {
  readonly #streams = new Set<Response>()
  #seq = 0

  /** Sends an event to every open stream. */
  publish(name: AdminEventName, data: unknown): void {
    if (this.#streams.size === 0) return
    const text = `id: ${++this.#seq}\nevent: ${name}\ndata: ${JSON.stringify(data)}\n\n`
    for (const res of this.#streams) {
      if (res.writableLength > MAX_BUFFERED) res.end()
      else res.write(text)
    }
  }

  get streams(): number {
    return this.#streams.size
  }

  /** The route: opens a stream until the client goes away or `close()`. */
  handler() {
    return (req: Request, res: Response): void => {
      if (this.#streams.size >= MAX_EVENT_STREAMS) {
        sendAdminError(res, 503, 'TooManyStreams', `At most ${MAX_EVENT_STREAMS} event streams.`)
        return
      }
      res.writeHead(200, {
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-store',
        Connection: 'keep-alive',
        'X-Accel-Buffering': 'no',
      })
      res.write(': mock-ews events\n\n')
      const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), HEARTBEAT_MS)
      heartbeat.unref()
      this.#streams.add(res)
      res.once('close', () => {
        clearInterval(heartbeat)
        this.#streams.delete(res)
      })
      req.socket.setTimeout(0)
    }
  }

  /** Ends every stream (the server stops). */
  close(): void {
    for (const res of this.#streams) res.end()
    this.#streams.clear()
  }

  /** Publishes the journal's requests and faults, and the store's deliveries, NDRs and item changes. */
  watch(journal: RequestJournal, store: MailboxStore): void {
    // Nobody connected: nothing to build (a stream opened later sees what happens from then on).
    journal.onRecord((entry) => {
      if (this.#streams.size === 0) return
      this.publish('request', withoutBodies(entry))
      if (entry.fault)
        this.publish('fault', {
          seq: entry.seq,
          fault: entry.fault,
          user: entry.user,
          operation: entry.operation,
        })
    })
    store.onEvent((event) => {
      if (this.#streams.size === 0 || !('itemId' in event)) return
      const base = {
        mailbox: event.mailbox,
        folderId: event.parentFolderId.id,
        itemId: event.itemId.id,
      }
      if (event.type !== 'NewMail') {
        this.publish('item', { ...base, kind: ITEM_KIND[event.type] })
        return
      }
      let item
      try {
        item = store.getItem(event.mailbox, event.itemId.id)
      } catch {
        return
      }
      const delivery = { ...base, itemClass: item.itemClass, subject: item.subject }
      this.publish('delivery', delivery)
      if (item.itemClass.toUpperCase().startsWith('REPORT.')) this.publish('ndr', delivery)
    })
  }
}

/** A journal entry without its request and answer bodies. */
export function withoutBodies(
  entry: JournalEntry,
): Omit<JournalEntry, 'requestBody' | 'responseBody'> {
  const rest = { ...entry }
  delete rest.requestBody
  delete rest.responseBody
  return rest
}
