/**
 * The whole state of a server, saved and put back: mailboxes (every folder and item, ids as they
 * were), the Skype for Business configuration, quirks and hybrid moves, and the clock. Snapshots
 * keep it in memory by id; reset puts back the state the server started with and also clears
 * faults, the journal and subscriptions (docs/decisions/0042).
 */
import type { FaultEngine } from '../faults/engine.ts'
import type { RequestJournal } from '../journal/journal.ts'
import type { Subscriptions } from '../notifications/subscriptions.ts'
import type { SkypeDirectory, SkypeState } from '../skype/skype-directory.ts'
import type { MailboxStore } from '../store/mailbox-store.ts'
import type { StoreState } from '../store/memory/memory-state.ts'
import { MemoryMailboxStore } from '../store/memory/memory-store.ts'
import { FakeClock } from '../support/clock.ts'
import type { Clock } from '../support/clock.ts'
import { ControlledClock } from '../support/controlled-clock.ts'
import type { Directory, DirectoryState } from '../topology/directory.ts'
import { AdminError } from './admin-guard.ts'
import type { MailboxSettings, MailboxSettingsState } from './admin-app.ts'

export interface ServerSnapshot {
  store: StoreState
  skype: SkypeState
  directory: DirectoryState
  clock: { now: string; frozen: boolean }
  /** Inbox rules and out-of-office settings (absent in a state file written before they were kept). */
  settings?: MailboxSettingsState
}

/** Snapshots kept at once; saving one more is refused until one is deleted. */
export const MAX_SNAPSHOTS = 20

export interface ServerStateDeps {
  store: MailboxStore
  skype: SkypeDirectory
  directory: Directory
  faults: FaultEngine
  journal: RequestJournal
  subscriptions: Subscriptions
  clock: Clock
  /** Inbox rules and out-of-office settings, kept beside the store. */
  mailboxSettings?: MailboxSettings
  /** Creates the mailboxes of topology users a restored state lacks, and sets every quota. */
  ensureMailboxes: () => void
  /** After a reset or a restore (events, waits). */
  onReset?: () => void
}

export class ServerState {
  readonly #deps: ServerStateDeps
  readonly #snapshots = new Map<string, { createdAt: string; state: ServerSnapshot }>()
  #initial: ServerSnapshot | undefined
  #nextId = 0

  constructor(deps: ServerStateDeps) {
    this.#deps = deps
  }

  /** Whether the store can be saved and put back (the memory store can; another may not). */
  get supported(): boolean {
    return this.#deps.store instanceof MemoryMailboxStore
  }

  /** The state to reset to: taken now (after seeding from the topology and any state file). */
  markInitial(): void {
    if (this.supported) this.#initial = this.capture()
  }

  capture(): ServerSnapshot {
    const { skype, directory, clock } = this.#deps
    return {
      store: this.#memoryStore().exportState(),
      skype: skype.exportState(),
      directory: directory.exportState(),
      ...(this.#deps.mailboxSettings && { settings: this.#deps.mailboxSettings.exportState() }),
      clock: {
        now: clock.now().toISOString(),
        frozen: !(clock instanceof ControlledClock) || clock.frozen,
      },
    }
  }

  /** Puts a captured state back (mailboxes first: a state that does not hold together changes nothing). */
  apply(state: ServerSnapshot, withClock = true): void {
    const store = this.#memoryStore()
    store.importState(state.store)
    this.#deps.skype.importState(state.skype)
    this.#deps.directory.importState(state.directory)
    this.#deps.mailboxSettings?.importState(state.settings)
    this.#deps.ensureMailboxes()
    this.#deps.subscriptions.clear()
    if (withClock) setClock(this.#deps.clock, state.clock)
  }

  /** Back to how the server started: state, clock, no faults, an empty journal, no subscriptions. */
  reset(): void {
    if (!this.#initial) throw notSupported()
    this.apply(this.#initial, false)
    const { clock } = this.#deps
    if (clock instanceof ControlledClock) clock.reset()
    else setClock(clock, this.#initial.clock)
    this.#deps.faults.clear()
    this.#deps.journal.clear()
    this.#deps.onReset?.()
  }

  save(): { id: string; createdAt: string } {
    if (this.#snapshots.size >= MAX_SNAPSHOTS)
      throw new AdminError(
        409,
        'TooManySnapshots',
        `At most ${MAX_SNAPSHOTS} snapshots are kept: delete one first.`,
      )
    const id = `snapshot-${++this.#nextId}`
    const createdAt = this.#deps.clock.now().toISOString()
    this.#snapshots.set(id, { createdAt, state: this.capture() })
    return { id, createdAt }
  }

  list(): { id: string; createdAt: string }[] {
    return [...this.#snapshots].map(([id, s]) => ({ id, createdAt: s.createdAt }))
  }

  restore(id: string): void {
    const snapshot = this.#snapshots.get(id)
    if (!snapshot) throw new AdminError(404, 'NotFound', `There is no snapshot "${id}".`)
    this.apply(snapshot.state)
    this.#deps.onReset?.()
  }

  delete(id: string): boolean {
    return this.#snapshots.delete(id)
  }

  #memoryStore(): MemoryMailboxStore {
    const { store } = this.#deps
    if (!(store instanceof MemoryMailboxStore)) throw notSupported()
    return store
  }
}

function notSupported(): AdminError {
  return new AdminError(
    501,
    'NotSupported',
    'This server keeps its mailboxes in a store that cannot be saved and put back.',
  )
}

/** Sets the clock to a saved time where the clock can be set (not the system clock). */
export function setClock(clock: Clock, state: { now: string; frozen: boolean }): void {
  if (clock instanceof ControlledClock) {
    // Frozen before it is set: real time passing between the two must not move a frozen clock.
    if (state.frozen) clock.freeze()
    clock.set(state.now)
    if (!state.frozen) clock.unfreeze()
  } else if (clock instanceof FakeClock) clock.set(state.now)
}
