/**
 * The offline-IM engine of one Skype for Business 2016 client (DESIGN.md "The three parts", 2;
 * reference/sfb-offline-im.md §1, §4, §5): sign-in and sign-out, presence, sending an IM, and for a
 * contact who is offline, the History Spooler (spool-message.ts), the 2-minute pick-up and the EWS
 * send by the build's path (pickup.ts, send-one-step.ts, send-two-step.ts), retried every 2 minutes.
 * Sign-in runs Autodiscover, provisioning and the gates (server-link.ts, availability.ts, gates.ts)
 * and reads Conversation History and Missed Conversations for the Recent list (history.ts).
 *
 * Deterministic: time and timers come from the Clock and Timers ports, files from FileSystem, ids
 * from IdSource; every decision goes to the trace (trace.ts). A port that throws halts the engine
 * as a crash would; a new engine on the same LocalAppData carries on from the History Spooler.
 */
import { buildFacts } from '../builds/index.ts'
import type { BuildFacts } from '../builds/index.ts'
import { ServerLink } from './server-link.ts'
import type { Emit } from './ews-step.ts'
import { readHistory } from './history.ts'
import type { RecentEntry } from './history.ts'
import { defaultDisplayName } from './message.ts'
import type { EngineOptions, EngineStatus, SendOutcome } from './options.ts'
import { historySpoolerFolder, traceFile } from './paths.ts'
import { incomingIm } from './presence.ts'
import type { ImDelivery, Presence, SettablePresence } from './presence.ts'
import { writeMissedMessage } from './missed-message.ts'
import { chooseSendPath, Pickup } from './pickup.ts'
import { spoolMessage } from './spool-message.ts'
import { HistorySpooler } from './spooler.ts'
import type { SpoolEntry } from './spooler.ts'
import { Trace } from './trace.ts'
import type { TraceEventName } from './trace.ts'

export class OfflineImEngine {
  readonly address: string
  /** The SIP address, which names the per-user folder (History Spooler, trace). */
  readonly sipAddress: string
  readonly trace: Trace
  readonly spooler: HistorySpooler
  #status: EngineStatus = 'signed-out'
  #haltedBy: unknown
  readonly #server: ServerLink
  readonly #pickup: Pickup
  #recent: RecentEntry[] = []
  #missedCount = 0
  #lastOutcome: SendOutcome | undefined
  /** When this sign-in began: offline IMs of one session to one contact make one conversation. */
  #session = ''
  #presence: Presence = 'offline'
  readonly #displayName: string
  readonly #facts: BuildFacts
  readonly #emitter: Emit = (event, fields) => this.#emit(event, fields)

  constructor(private readonly options: EngineOptions) {
    this.address = options.address.toLowerCase()
    this.#displayName = options.displayName ?? defaultDisplayName(this.address)
    this.sipAddress = (options.sipAddress ?? options.address).replace(/^sip:/i, '').toLowerCase()
    this.#facts = buildFacts(options.build)
    const { build, ews, provisioning } = options
    this.#server = new ServerLink({
      address: this.address,
      build,
      ews,
      provisioning,
      emit: this.#emitter,
    })
    this.spooler = new HistorySpooler(
      historySpoolerFolder(options.localAppData, this.sipAddress),
      options.fs,
    )
    this.trace = new Trace(
      this.address,
      options.clock,
      options.fs,
      traceFile(options.localAppData, this.sipAddress),
    )
    this.#pickup = new Pickup({
      host: {
        signedIn: () => this.#status === 'signed-in',
        transport: () => this.#server.connection?.transport,
        connect: () => this.#server.connect(),
        historyFolder: () => this.#server.historyFolder(),
        policyHold: () => this.#server.policyHold(),
        guard: (step) => this.#guard(step),
      },
      spooler: this.spooler,
      clock: options.clock,
      timers: options.timers,
      emit: this.#emitter,
      sendPath: chooseSendPath(this.#facts, options.sendPath),
      displayName: this.#displayName,
      includesInitialIm: this.#facts.includesInitialIm,
    })
    options.presence.attach?.(this.address, (im) => this.#receive(im))
  }

  get status(): EngineStatus {
    return this.#status
  }

  /** What halted the engine (a port that threw), when it is halted. */
  get haltedBy(): unknown {
    return this.#haltedBy
  }

  /** The Recent list as read at sign-in (or by refreshHistory). */
  get recent(): readonly RecentEntry[] {
    return this.#recent
  }

  /**
   * The unread count of the Missed Conversations view the client shows, as read at sign-in (or by
   * refreshHistory); 0 on builds before 16.0.7571.2072, which did not show it.
   */
  get missedCount(): number {
    return this.#missedCount
  }

  /** What the sender was told about the last IM they sent. */
  get lastOutcome(): SendOutcome | undefined {
    return this.#lastOutcome
  }

  /** The entries waiting in the History Spooler, oldest first. */
  get spooled(): readonly SpoolEntry[] {
    return this.#pickup.spooled
  }

  /**
   * Signs in: Autodiscover, provisioning and the gates, then the History Spooler left by an earlier
   * run (overdue entries go on the first tick, 2 minutes after sign-in), then Conversation History
   * and Missed Conversations for the Recent list.
   */
  signIn(): Promise<void> {
    return this.#guard(async () => {
      if (this.#status !== 'signed-out') throw new Error(`cannot sign in when ${this.#status}`)
      const facts = this.#facts
      this.#emit('signin.begin', { build: facts.build })
      this.#emit('build', {
        build: facts.build,
        known: facts.known,
        reason: facts.reasons.known,
      })
      await this.#server.connect()
      await this.#server.readProvisioning()
      const gates = this.#server.gates()
      this.#status = 'signed-in'
      this.#session = this.options.clock.now().toISOString()
      this.#publish('available')
      // A build without offline IM (below a build threshold) never reads, sends or deletes what an
      // earlier build spooled: the entries wait for a build that has the feature (decision 0028).
      const noFeature = gates.decisions.find(
        (d) => !d.passed && (d.gate === 'build' || d.gate === 'on-premises-build'),
      )
      if (noFeature) this.#emit('spool.untouched', { reason: noFeature.reason })
      else await this.#pickup.load()
      await this.#readHistory()
      this.#emit('signin.done', { spooled: this.#pickup.size })
    })
  }

  /** Signs out: timers stop; the History Spooler keeps what is not delivered. */
  signOut(): Promise<void> {
    return this.#guard(async () => {
      if (this.#status !== 'signed-in') return
      this.#pickup.stop()
      this.#status = 'signed-out'
      this.#publish('offline')
      this.#emit('signout', { spooled: this.#pickup.size })
    })
  }

  /**
   * Stops the engine as a crash would (the process is killed): timers stop, nothing is written, the
   * History Spooler stays as it is. Presence is left to whoever watches the client (a scenario).
   */
  kill(reason: unknown = new Error('killed')): void {
    if (this.#status === 'halted') return
    this.#status = 'halted'
    this.#haltedBy = reason
    this.#pickup.stop()
  }

  /** Sets the user's own presence while signed in (presence.ts; `online` means available). */
  setPresence(set: SettablePresence): Promise<void> {
    return this.#guard(async () => {
      if (this.#status !== 'signed-in') throw new Error('cannot set presence when not signed in')
      const presence = set === 'online' ? 'available' : set
      this.#publish(presence)
      this.#emit('presence', { presence })
    })
  }

  #publish(presence: Presence): void {
    this.#presence = presence
    this.options.presence.publish(this.address, presence)
  }

  /**
   * An ordinary IM reaches this client. In Do Not Disturb or Presenting it is not shown, and the
   * client writes a missed message into its own Conversation History (S8).
   */
  #receive(im: ImDelivery): Promise<void> {
    return this.#guard(async () => {
      if (this.#status !== 'signed-in') return
      const fate = incomingIm(this.#presence)
      this.#emit('im.received', { from: im.from, presence: this.#presence, fate })
      const c = this.#server.connection
      if (fate !== 'missed-by-own-client' || !c) return
      const folder = await this.#server.historyFolder()
      if (!folder.ok) return
      const ews = c.transport
      const ok = await writeMissedMessage(ews, folder.value, this.address, im, this.#emitter)
      this.#emit('im.missed', { from: im.from, presence: this.#presence, written: ok })
    })
  }

  /**
   * Sends an IM. To a contact who is online, busy or in do-not-disturb it is an ordinary IM. To a
   * contact who is offline or whose presence is unknown it is an offline IM: refused with the reason
   * when a gate fails, else spooled. The recipient is never checked.
   */
  sendIm(to: string, text: string): Promise<SendOutcome> {
    return this.#guard(async () => {
      const outcome = await this.#send(to.toLowerCase(), text)
      this.#lastOutcome = outcome
      return outcome
    })
  }

  /** Reads Conversation History and Missed Conversations again. */
  refreshHistory(): Promise<void> {
    return this.#guard(() => this.#readHistory())
  }

  async #send(to: string, text: string): Promise<SendOutcome> {
    if (this.#status !== 'signed-in') {
      const reason = 'You are not signed in to Skype for Business.'
      this.#emit('im.refused', { to, reason })
      return { kind: 'refused', reason }
    }
    if (text.trim() === '' && this.#facts.dropsEmptyMessages) {
      const reason = 'There is nothing to send: the message is empty.'
      this.#emit('im.refused', { to, reason, detail: this.#facts.reasons.dropsEmptyMessages })
      return { kind: 'refused', reason }
    }
    const presence = this.options.presence.presenceOf(to)
    if (incomingIm(presence) !== 'offline-im') {
      this.#emit('im.live', { to, presence })
      const sentAt = this.options.clock.now().toISOString()
      const im = { from: this.address, fromName: this.#displayName, text, sentAt }
      await this.options.presence.deliver?.(to, im)
      return { kind: 'live', presence }
    }
    await this.#server.readProvisioning()
    const gates = this.#server.gates()
    if (!gates.available) {
      const reason = gates.refusal!
      this.#emit('im.refused', { to, presence, reason })
      return { kind: 'refused', reason }
    }
    return spoolMessage(
      {
        address: this.address,
        clock: this.options.clock,
        spooler: this.spooler,
        pickup: this.#pickup,
        emit: this.#emitter,
        session: this.#session,
        newId: () => this.#newId(),
      },
      to,
      text,
      presence,
    )
  }

  async #readHistory(): Promise<void> {
    const c = this.#server.connection
    if (!c) return
    const folder = await this.#server.historyFolder()
    const read = await readHistory(
      c.transport,
      this.#emitter,
      { recent: this.#recent, missedCount: this.#missedCount },
      folder,
    )
    this.#recent = read.recent
    // Before 16.0.7571.2072 "the unread count isn't shown when there are missed offline IMs".
    this.#missedCount = this.#facts.showsMissedUnreadCount ? read.missedCount : 0
  }

  #newId(): string {
    for (;;) {
      const id = this.options.ids()
      if (!/^[\w.-]+$/.test(id)) throw new Error(`a spool entry id must be a file name: "${id}"`)
      if (!this.#pickup.has(id)) return id
    }
  }

  #emit(event: TraceEventName, fields: Record<string, unknown> = {}): void {
    this.trace.emit(event, fields)
  }

  /** Runs a step; if a port throws, the engine halts as a crashed process would. */
  async #guard<T>(step: () => Promise<T>): Promise<T> {
    if (this.#status === 'halted') throw new Error('the engine has halted; start a new one')
    try {
      return await step()
    } catch (error) {
      this.kill(error)
      throw error
    } finally {
      // The trace reaches the file at the end of every step (a crash included: like a logger
      // flushing on a fatal error).
      await this.trace.flush()
    }
  }
}
