/**
 * The world one scenario runs in: its own mock-ews on port 0 (its own organisations), one virtual
 * clock for the server and every client, LocalAppData in a temporary folder, and the clients of the
 * users, each able to crash at a named point (ports that throw, see client/engine/ports.ts).
 */
import { accessSync, constants } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  httpEws,
  nodeFileSystem,
  OfflineImEngine,
  SharedPresence,
  sequentialIds,
  toProvisioning,
  VirtualClock,
} from '../../client/engine/index.ts'
import type { EwsPort, FileSystem, SendOutcome } from '../../client/engine/index.ts'
import type { Credentials } from '../../client/ews/index.ts'
import { createEwsApp, seededIds, startEwsServer } from '../../mock-ews/index.ts'
import type { EwsApp, RunningServer } from '../../mock-ews/index.ts'
import { buildOf } from './builds.ts'
import type { ClientSpec, CrashPoint, Scenario } from './model.ts'

/** What a client dies of in a scenario. */
export class SimulatedCrash extends Error {
  constructor(readonly point: CrashPoint | 'now') {
    super(`simulated crash (${point})`)
    this.name = 'SimulatedCrash'
  }
}

/** Why a client was closed for an upgrade step (a halt the scenario asked for, like a crash). */
export class ClosedForUpgrade extends Error {
  constructor() {
    super('closed for an upgrade')
    this.name = 'ClosedForUpgrade'
  }
}

/** What an engine halted of when no step asked for it: a bug, never a scripted crash. */
export class UnexpectedHalt extends Error {
  constructor(
    readonly user: string,
    readonly reason: unknown,
  ) {
    const what = reason instanceof Error ? (reason.stack ?? String(reason)) : String(reason)
    super(`${user}'s client halted, and no crash step asked for it: ${what}`)
    this.name = 'UnexpectedHalt'
  }
}

export interface ClientState {
  address: string
  /** The SIP address from the topology (names the client's folder under LocalAppData). */
  sip: string
  build: string
  engine: OfflineImEngine | undefined
  incarnation: number
  crashAt: CrashPoint | undefined
  /** What the user was told about their last IM (kept across restarts). */
  told: SendOutcome | undefined
  /** What the user was last told about an IM to each recipient. */
  toldAbout: Map<string, SendOutcome>
  /** Overrides the build's send path (the repro's "client half removed"). */
  sendPath?: 'one-step' | 'two-step'
}

export class ScenarioWorld {
  readonly presence = new SharedPresence()
  readonly clients = new Map<string, ClientState>()
  lastShellOutput: string | undefined
  /** What each counting expectation found last, by what it counts (for `grew-by`). */
  readonly counts = new Map<string, number>()

  private constructor(
    readonly scenario: Scenario,
    readonly clock: VirtualClock,
    readonly mock: EwsApp,
    readonly server: RunningServer,
    readonly localAppData: string,
  ) {
    for (const [address, spec] of scenario.clients) {
      this.clients.set(address, {
        address,
        sip: mock.directory.user(address)?.sip ?? address,
        build: buildOf(spec),
        engine: undefined,
        incarnation: 0,
        crashAt: undefined,
        told: undefined,
        toldAbout: new Map(),
      })
    }
  }

  /** A world at the scenario's start; `clock` (starting then) replaces the plain virtual clock. */
  static async start(
    scenario: Scenario,
    clock = new VirtualClock(scenario.start),
  ): Promise<ScenarioWorld> {
    const mock = createEwsApp({
      topology: scenario.topology,
      clock,
      ids: seededIds(1),
      // Latency faults take virtual time only: nothing in a scenario waits for real.
      delay: async () => {},
    })
    const server = await startEwsServer(mock.app, { host: '127.0.0.1', port: 0 })
    const localAppData = await mkdtemp(join(scratchRoot(), 'ews-lab-scenario-'))
    return new ScenarioWorld(scenario, clock, mock, server, localAppData)
  }

  async close(): Promise<void> {
    for (const c of this.clients.values()) c.engine?.kill()
    await this.server.close()
    await rm(this.localAppData, { recursive: true, force: true })
  }

  client(address: string): ClientState {
    const c = this.clients.get(address)
    if (!c) throw new Error(`${address} has no client`)
    return c
  }

  /**
   * The running engine of a user, started if there is none (or the last one crashed, as a step
   * asked). An engine that halted of anything else is a bug, never quietly replaced.
   */
  engine(address: string): OfflineImEngine {
    const c = this.client(address)
    if (c.engine && c.engine.status !== 'halted') return c.engine
    const halt = c.engine && unexpectedHalt(c)
    if (halt) throw halt
    c.incarnation += 1
    c.engine = this.#newEngine(c)
    return c.engine
  }

  /** Closes the user's client (if it runs) and installs another build. */
  upgrade(address: string, spec: ClientSpec): void {
    const c = this.client(address)
    c.engine?.kill(new ClosedForUpgrade())
    c.build = buildOf(spec)
  }

  /** The first client whose engine halted of something no step asked for (a bug), if any. */
  unexpectedHalt(): UnexpectedHalt | undefined {
    for (const c of this.clients.values()) {
      const halt = unexpectedHalt(c)
      if (halt) return halt
    }
    return undefined
  }

  /** The client dies now: the engine stops, its contacts see it offline. */
  crash(address: string): void {
    const c = this.client(address)
    c.engine?.kill(new SimulatedCrash('now'))
    this.presence.publish(address, 'offline')
  }

  #newEngine(c: ClientState): OfflineImEngine {
    const password = this.#password(c.address)
    const crashIf = (point: CrashPoint): void => {
      if (c.crashAt !== point) return
      c.crashAt = undefined
      this.presence.publish(c.address, 'offline')
      throw new SimulatedCrash(point)
    }
    const { fs, ews } = crashablePorts(
      { kind: 'basic', user: c.address, password },
      this.server.url,
      crashIf,
    )
    return new OfflineImEngine({
      address: c.address,
      sipAddress: c.sip,
      build: c.build,
      localAppData: this.localAppData,
      clock: this.clock,
      timers: this.clock,
      fs,
      ews,
      provisioning: async (a) => toProvisioning(this.mock.skype.effective(a)),
      presence: this.presence,
      ids: sequentialIds(`${c.address.split('@')[0]}-${c.incarnation}`),
      ...(c.sendPath ? { sendPath: c.sendPath } : {}),
    })
  }

  #password(address: string): string {
    const u = this.mock.directory.user(address)
    if (!u) throw new Error(`no user ${address}`)
    return u.password
  }
}

/**
 * Where the clients' %LOCALAPPDATA% folders go: a memory-backed file system when the system has one
 * (Linux's /dev/shm), otherwise the temporary folder. The History Spooler replaces its file by
 * rename on every write; on ext4 (auto_da_alloc) a rename over an existing file flushes the new
 * data, ~4 ms each, about 3 per tick of a retrying entry (docs/benchmarks.md, "Scenarios"). Same
 * files, same renames, same crash points: only the medium differs, and a scenario never outlives
 * its process.
 */
function scratchRoot(): string {
  try {
    accessSync(SHM, constants.W_OK)
    return SHM
  } catch {
    return tmpdir()
  }
}

const SHM = '/dev/shm'

function unexpectedHalt(c: ClientState): UnexpectedHalt | undefined {
  const e = c.engine
  if (e?.status !== 'halted') return undefined
  const asked = e.haltedBy instanceof SimulatedCrash || e.haltedBy instanceof ClosedForUpgrade
  return asked ? undefined : new UnexpectedHalt(c.address, e.haltedBy)
}

/**
 * The ports of a client that can die at a crash point: `crashIf` is called after a History Spooler
 * file is written, after CreateItem or SendItem came back (the request reached mock-ews) and before
 * a spool file is removed, and throws to crash there. Real files and real HTTP otherwise.
 */
export function crashablePorts(
  credentials: Credentials,
  base: string,
  crashIf: (point: CrashPoint) => void,
): { fs: FileSystem; ews: EwsPort } {
  const fs: FileSystem = {
    ...nodeFileSystem,
    async rename(from, to) {
      await nodeFileSystem.rename(from, to)
      if (to.includes('History Spooler')) crashIf('after-spool-write')
    },
    async remove(path) {
      crashIf('before-spool-removal')
      await nodeFileSystem.remove(path)
    },
  }
  const http = httpEws({ credentials, base })
  const ews: EwsPort = {
    discover: (a) => http.discover(a),
    connect(discovery) {
      const t = http.connect(discovery)
      return {
        ...bind(t),
        async createItem(request) {
          const r = await t.createItem(request)
          crashIf('after-create-item')
          return r
        },
        async sendItem(request) {
          const r = await t.sendItem(request)
          crashIf('after-send-item')
          return r
        },
      }
    },
  }
  return { fs, ews }
}

/** The transport's methods bound to it, so they can be spread into a wrapper. */
function bind<T extends object>(t: T): T {
  const out = {} as Record<string, unknown>
  let proto: object | null = t
  while (proto && proto !== Object.prototype) {
    for (const k of Object.getOwnPropertyNames(proto)) {
      const v = (t as Record<string, unknown>)[k]
      if (k !== 'constructor' && typeof v === 'function' && !(k in out)) out[k] = v.bind(t)
    }
    proto = Object.getPrototypeOf(proto) as object | null
  }
  return out as T
}
