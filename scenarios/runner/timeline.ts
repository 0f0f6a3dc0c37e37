/**
 * What happened in one scenario, on virtual time, for the HTML report (html/report.ts): a stop after
 * every step and after every client timer (a spooler tick) that changed something, each with the
 * users' folder counts at that moment, the EWS calls mock-ews answered since the stop before (its
 * request journal) and the trace events written since. Recording only reads (the store, the
 * History Spooler folders, the trace files, the journal) between steps and timers, when nothing
 * runs, so a scenario ends the same whether it is recorded or not.
 */
import { historySpoolerFolder, nodeFileSystem, VirtualClock } from '../../client/engine/index.ts'
import type { Position } from './model.ts'
import { folderIdOf, formatEvent, sipOf, traceEvents } from './observe.ts'
import type { ScenarioWorld } from './world.ts'

/** The folders charted per user; `spooler` is the client's History Spooler (on disk). */
export const SERIES = ['spooler', 'drafts', 'inbox', 'conversationhistory'] as const
export type Series = (typeof SERIES)[number]
export const SERIES_NAMES: Record<Series, string> = {
  spooler: 'History Spooler',
  drafts: 'Drafts',
  inbox: 'Inbox',
  conversationhistory: 'Conversation History',
}

/** A user's counts at a stop; a series the user lacks (no client, no such folder yet) is absent. */
export type Counts = Partial<Record<Series, number>>

export interface EwsCall {
  time: string
  user: string
  operation: string
  status: number
  responseCodes: string[]
  fault?: string
}

export interface TimelineEvent {
  time: string
  user: string
  event: string
  /** The event as the spec report prints it (`09:02:00 spool.pickup entry=…`). */
  text: string
}

export interface Stop {
  /** Virtual time (ISO). */
  time: string
  /** `start`: before the first step; `step`: a step ended; `timer`: a client timer ran. */
  kind: 'start' | 'step' | 'timer'
  /** The step (index into `steps`) that ended here, or during which the timer ran. */
  step?: number
  counts: Record<string, Counts>
  calls: EwsCall[]
  events: TimelineEvent[]
}

export interface TimelineStep {
  source: string
  at: Position
  /** The stops it began after and ended at. */
  from: number
  to: number
}

export interface Timeline {
  users: { address: string; client: boolean }[]
  stops: Stop[]
  steps: TimelineStep[]
  /** EWS calls the journal no longer held (it is a ring). */
  callsDropped: number
  /** Why a sample could not be read, if one could not (recording never fails a scenario). */
  problems: string[]
}

/** A clock that calls `afterTimer` once each timer task has run (not when it throws). */
export class ObservedClock extends VirtualClock {
  afterTimer: () => Promise<void> = async () => {}

  override at(time: Date, task: () => Promise<void>): { cancel(): void } {
    return super.at(time, async () => {
      await task()
      await this.afterTimer()
    })
  }
}

export class TimelineRecorder {
  readonly #timeline: Timeline
  #seq = 0
  readonly #traced = new Map<string, number>()
  #step: number | undefined
  #ended = true

  private constructor(private readonly world: ScenarioWorld) {
    const clients = new Set(world.clients.keys())
    const users = world.scenario.topology.organisations
      .flatMap((o) => o.users.map((u) => u.address.toLowerCase()))
      .map((address) => ({ address, client: clients.has(address) }))
      .sort((a, b) => Number(b.client) - Number(a.client))
    this.#timeline = { users, stops: [], steps: [], callsDropped: 0, problems: [] }
  }

  /** Starts recording a world whose clock is an ObservedClock: the first stop is its start. */
  static async start(world: ScenarioWorld): Promise<TimelineRecorder> {
    const r = new TimelineRecorder(world)
    if (world.clock instanceof ObservedClock) world.clock.afterTimer = () => r.#sample('timer')
    await r.#sample('start')
    return r
  }

  /** Call before a step runs. */
  stepBegins(index: number, step: { source: string; at: Position }): void {
    this.#step = index
    this.#ended = false
    const from = this.#timeline.stops.length - 1
    this.#timeline.steps[index] = { source: step.source, at: step.at, from, to: from }
  }

  /** Call when the step has ended (passed, failed or thrown); again is harmless. */
  async stepEnded(): Promise<void> {
    if (this.#ended) return
    this.#ended = true
    await this.#sample('step', true)
    const step = this.#step === undefined ? undefined : this.#timeline.steps[this.#step]
    if (step) step.to = this.#timeline.stops.length - 1
  }

  get timeline(): Timeline {
    return this.#timeline
  }

  async #sample(kind: Stop['kind'], always = kind !== 'timer'): Promise<void> {
    const world = this.world
    const stop: Stop = {
      time: world.clock.now().toISOString(),
      kind,
      ...(this.#step === undefined ? {} : { step: this.#step }),
      counts: {},
      calls: [],
      events: [],
    }
    try {
      for (const { address, client } of this.#timeline.users)
        stop.counts[address] = await this.#counts(address, client)
      stop.calls = this.#calls()
      stop.events = await this.#events()
    } catch (e) {
      this.#timeline.problems.push(`at ${stop.time}: ${(e as Error).message}`)
    }
    const last = this.#timeline.stops.at(-1)
    const changed =
      !last ||
      stop.calls.length > 0 ||
      stop.events.length > 0 ||
      JSON.stringify(stop.counts) !== JSON.stringify(last.counts)
    if (always || changed) this.#timeline.stops.push(stop)
  }

  async #counts(user: string, client: boolean): Promise<Counts> {
    const counts: Counts = {}
    if (client) {
      const dir = historySpoolerFolder(this.world.localAppData, sipOf(this.world, user))
      counts.spooler = (await nodeFileSystem.list(dir)).filter((f) => f.endsWith('.json')).length
    }
    const store = this.world.mock.store
    for (const folder of ['drafts', 'inbox', 'conversationhistory'] as const) {
      const id = folderIdOf(this.world, user, folder)
      if (id !== undefined) counts[folder] = store.getFolder(user, id).totalCount
    }
    return counts
  }

  #calls(): EwsCall[] {
    const journal = this.world.mock.journal
    const fresh = journal.entries().filter((e) => e.seq > this.#seq)
    const first = fresh[0]?.seq
    if (first !== undefined && first > this.#seq + 1)
      this.#timeline.callsDropped += first - this.#seq - 1
    this.#seq = journal.total
    return fresh.map((e) => ({
      time: e.at,
      user: e.user ?? '-',
      operation: e.operation,
      status: e.status,
      responseCodes: e.responseCodes,
      ...(e.fault ? { fault: e.fault } : {}),
    }))
  }

  async #events(): Promise<TimelineEvent[]> {
    const out: TimelineEvent[] = []
    for (const { address, client } of this.#timeline.users) {
      if (!client) continue
      const events = await traceEvents(this.world, address)
      const seen = this.#traced.get(address) ?? 0
      this.#traced.set(address, events.length)
      for (const e of events.slice(seen))
        out.push({ time: e.time, user: address, event: e.event, text: formatEvent(e) })
    }
    return out.sort((a, b) => a.time.localeCompare(b.time))
  }
}
