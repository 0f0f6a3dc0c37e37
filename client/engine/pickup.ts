/**
 * The History Spooler's pick-up (reference/sfb-offline-im.md §5): the entries waiting, one timer at
 * the earliest due, and each due entry sent through EWS by the build's path (send-one-step.ts,
 * send-two-step.ts), one at a time. Success removes the entry; a failure keeps it, due again
 * 2 minutes later (or after Exchange's BackOffMilliseconds, if longer). It runs only while the
 * engine is signed in, and each tick is an engine step (a port that throws halts the engine).
 */
import type { BuildFacts } from '../builds/index.ts'
import { describeFailure } from '../ews/index.ts'
import type { EwsFailure, EwsResult, EwsTransport, FolderRef } from '../ews/index.ts'
import type { Emit } from './ews-step.ts'
import type { Clock, Timers } from './ports.ts'
import { sendOneStep } from './send-one-step.ts'
import { sendTwoStep } from './send-two-step.ts'
import type { HistorySpooler, SendPath, SpoolEntry } from './spooler.ts'

/** "There is a two minute timer from when an offline message is sent to when it's picked up." */
export const PICKUP_DELAY_MS = 2 * 60_000
/** A failed entry is retried on the next 2-minute tick. */
export const RETRY_INTERVAL_MS = 2 * 60_000

/** What the pick-up needs of its engine. */
export interface PickupHost {
  signedIn(): boolean
  /** The EWS transport Autodiscover gave, if any. */
  transport(): EwsTransport | undefined
  /** Autodiscover again (a tick with no transport tries once). */
  connect(): Promise<void>
  /** The Conversation History folder the sent copy goes to (history-folder.ts). */
  historyFolder(): Promise<EwsResult<FolderRef>>
  /** Why nothing may be sent now (the policy read at processing time), if so. */
  policyHold(): Promise<string | undefined>
  /** Runs a tick as an engine step: a throw halts the engine. */
  guard(step: () => Promise<void>): Promise<void>
}

export interface PickupOptions {
  host: PickupHost
  spooler: HistorySpooler
  clock: Clock
  timers: Timers
  emit: Emit
  /** The build's send path and why (or the override). */
  sendPath: { path: SendPath; reason: string }
  /** The sender's name in the offline IM's subject. */
  displayName: string
  /** The build puts the first line of a conversation of several in the body. */
  includesInitialIm: boolean
}

export class Pickup {
  readonly #entries = new Map<string, SpoolEntry>()
  #timer: { cancel(): void } | undefined
  #processing = false

  constructor(private readonly o: PickupOptions) {}

  /** The entries waiting, oldest first. */
  get spooled(): SpoolEntry[] {
    return [...this.#entries.values()].sort(bySentAt)
  }

  get size(): number {
    return this.#entries.size
  }

  has(id: string): boolean {
    return this.#entries.has(id)
  }

  /** A new entry, already written to the History Spooler. */
  add(entry: SpoolEntry): void {
    this.#entries.set(entry.id, entry)
  }

  /** Takes up the History Spooler left by an earlier run; overdue entries go on the first tick. */
  async load(): Promise<void> {
    const now = this.o.clock.now().getTime()
    for (const read of await this.o.spooler.readAll()) {
      if (!('entry' in read)) {
        this.o.emit('spool.unreadable', { file: read.file, problem: read.problem })
        continue
      }
      const entry = read.entry
      // Overdue entries go on the spooler's first tick, 2 minutes after sign-in.
      if (Date.parse(entry.dueAt) <= now)
        entry.dueAt = new Date(now + RETRY_INTERVAL_MS).toISOString()
      this.#entries.set(entry.id, entry)
      this.o.emit('spool.load', {
        entry: entry.id,
        to: entry.to,
        attempts: entry.attempts,
        inFlight: entry.inFlight !== undefined,
        dueAt: entry.dueAt,
      })
    }
    this.schedule()
  }

  /** One timer, at the earliest due entry. */
  schedule(): void {
    if (!this.o.host.signedIn() || this.#processing) return
    this.stop()
    const next = this.spooled.reduce<number | undefined>((min, e) => {
      const t = Date.parse(e.dueAt)
      return min === undefined || t < min ? t : min
    }, undefined)
    if (next === undefined) return
    // A tick has no caller to throw to: what it dies of is kept in the engine's `haltedBy`, and
    // whoever runs the engine watches its status (a scenario fails on a halt no step asked for).
    this.#timer = this.o.timers.at(new Date(next), () =>
      this.o.host.guard(() => this.#tick()).catch(() => undefined),
    )
  }

  stop(): void {
    this.#timer?.cancel()
    this.#timer = undefined
  }

  async #tick(): Promise<void> {
    this.#timer = undefined
    if (!this.o.host.signedIn()) return
    this.#processing = true
    try {
      const now = this.o.clock.now().getTime()
      const due = this.spooled.filter((e) => Date.parse(e.dueAt) <= now)
      const hold = due.length > 0 ? await this.o.host.policyHold() : undefined
      if (hold !== undefined) this.#hold(due, hold)
      else {
        if (!this.o.host.transport()) await this.o.host.connect()
        for (const entry of due) {
          await this.#attempt(entry)
          if (!this.o.host.signedIn()) return
        }
      }
    } finally {
      this.#processing = false
    }
    this.schedule()
  }

  /**
   * Policy forbids sending: nothing is sent, nothing saved to Conversation History, nothing
   * deleted; the entries are looked at again on the next tick (their files are not rewritten).
   */
  #hold(due: SpoolEntry[], reason: string): void {
    const next = new Date(this.o.clock.now().getTime() + RETRY_INTERVAL_MS).toISOString()
    for (const entry of due) entry.dueAt = next
    this.o.emit('spool.hold', { entries: due.map((e) => e.id), reason, dueAt: next })
  }

  async #attempt(entry: SpoolEntry): Promise<void> {
    const { path, reason } = this.o.sendPath
    this.o.emit('spool.pickup', { entry: entry.id, to: entry.to, attempt: entry.attempts + 1 })
    const ews = this.o.host.transport()
    if (!ews) return this.#keep(entry, 'EWS is not reachable: Autodiscover found no EWS URL')
    this.o.emit('send.path', { entry: entry.id, path, reason })
    const historyFolder = await this.o.host.historyFolder()
    if (!historyFolder.ok) {
      return this.#keep(
        entry,
        `no Conversation History folder: ${describeFailure(historyFolder.failure)}`,
        historyFolder.failure,
      )
    }
    const { spooler, clock, emit, displayName, includesInitialIm } = this.o
    const step = {
      ...{ ews, spooler, clock, emit, displayName, includesInitialIm },
      historyFolder: historyFolder.value,
    }
    const outcome = await (path === 'one-step' ? sendOneStep : sendTwoStep)(step, entry)
    if (outcome.delivered) return this.#delivered(entry, path)
    return this.#keep(entry, outcome.reason, outcome.failure)
  }

  async #delivered(entry: SpoolEntry, path: SendPath): Promise<void> {
    this.o.emit('delivered', {
      entry: entry.id,
      to: entry.to,
      internetMessageId: entry.internetMessageId,
      attempts: entry.attempts,
      path,
    })
    await this.o.spooler.remove(entry.id)
    this.#entries.delete(entry.id)
    this.o.emit('spool.remove', { entry: entry.id })
  }

  async #keep(entry: SpoolEntry, reason: string, failure?: EwsFailure | undefined): Promise<void> {
    const backOff = failure?.kind === 'ews' ? (failure.backOffMs ?? 0) : 0
    const wait = Math.max(RETRY_INTERVAL_MS, backOff)
    entry.dueAt = new Date(this.o.clock.now().getTime() + wait).toISOString()
    await this.o.spooler.write(entry)
    this.o.emit('spool.keep', {
      entry: entry.id,
      reason,
      attempts: entry.attempts,
      drafts: entry.drafts.length,
      inFlight: entry.inFlight !== undefined,
      dueAt: entry.dueAt,
    })
  }
}

/** The build's send path and why, unless `forced` overrides it (the repro's "client half removed"). */
export function chooseSendPath(
  facts: BuildFacts,
  forced: 'by-build' | SendPath = 'by-build',
): { path: SendPath; reason: string } {
  if (forced !== 'by-build')
    return {
      path: forced,
      reason: `sendPath is set to ${forced} (the build's own path is overridden)`,
    }
  return {
    path: facts.twoStepSendOnPremises ? 'two-step' : 'one-step',
    reason: facts.reasons.twoStepSendOnPremises,
  }
}

function bySentAt(a: SpoolEntry, b: SpoolEntry): number {
  return a.sentAt.localeCompare(b.sentAt) || a.id.localeCompare(b.id)
}
