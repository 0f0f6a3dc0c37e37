/**
 * The engine's trace, standing in for the Skype for Business ETL log (DESIGN.md "Trace"): one JSON
 * object per line, `{"time","user","event",...fields}`, appended to the user's trace file and kept
 * in memory for tests and reports. The event names are the contract; client/README.md documents
 * each one and its fields.
 */
import { dirname } from 'node:path'
import type { Clock, FileSystem } from './ports.ts'

export const TRACE_EVENTS = [
  'signin.begin',
  'signin.done',
  'signout',
  'build',
  'provisioning',
  'autodiscover',
  'gate',
  'offline-im',
  'presence',
  'im.live',
  'im.refused',
  'im.received',
  'im.missed',
  'spool.write',
  'spool.append',
  'spool.load',
  'spool.unreadable',
  'spool.pickup',
  'spool.remove',
  'spool.keep',
  'spool.untouched',
  'spool.hold',
  'send.path',
  'ews.request',
  'ews.response',
  'delivery.check',
  'delivered',
  'history',
] as const
export type TraceEventName = (typeof TRACE_EVENTS)[number]

export interface TraceEvent {
  time: string
  user: string
  event: TraceEventName
  [field: string]: unknown
}

export class Trace {
  readonly events: TraceEvent[] = []
  #pending: string[] = []
  #written: Promise<void> = Promise.resolve()
  #ready = false

  constructor(
    readonly user: string,
    private readonly clock: Clock,
    private readonly fs?: FileSystem,
    readonly file?: string,
  ) {}

  /** Records one event; it reaches the file with the next `flush`. */
  emit(event: TraceEventName, fields: Record<string, unknown> = {}): void {
    const e: TraceEvent = {
      time: this.clock.now().toISOString(),
      user: this.user,
      event,
      ...fields,
    }
    this.events.push(e)
    if (this.fs && this.file) this.#pending.push(`${JSON.stringify(e)}\n`)
  }

  /** Appends the events recorded since the last flush to the file, in order, in one write. */
  flush(): Promise<void> {
    const fs = this.fs
    const file = this.file
    if (!fs || !file || this.#pending.length === 0) return this.#written
    const text = this.#pending.join('')
    this.#pending = []
    this.#written = this.#written.then(async () => {
      if (!this.#ready) {
        await fs.ensureDir(dirname(file))
        this.#ready = true
      }
      await fs.append(file, text)
    })
    return this.#written
  }
}
