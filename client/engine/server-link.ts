/**
 * What one engine knows of its servers (availability.ts does the work): the EWS connection
 * Autodiscover gave, the provisioning last read, the Conversation History folder found, and the
 * gates over them — including the hold the policy puts on the History Spooler when it is processed
 * (docs/decisions/0028).
 */
import type { BuildLike } from '../builds/index.ts'
import type { EwsResult, FolderRef } from '../ews/index.ts'
import { checkGates, connectEws, readProvisioning } from './availability.ts'
import type { Connection } from './availability.ts'
import type { Emit } from './ews-step.ts'
import type { GateResult } from './gates.ts'
import { findHistoryFolder } from './history-folder.ts'
import type { EwsPort, ProvisioningSource } from './ports.ts'
import type { Provisioning } from './provisioning.ts'

export class ServerLink {
  #connection: Connection | undefined
  #historyFolder: FolderRef | undefined
  #provisioning: Provisioning | undefined

  constructor(
    private readonly o: {
      address: string
      build: BuildLike
      ews: EwsPort
      provisioning: ProvisioningSource
      emit: Emit
    },
  ) {}

  get connection(): Connection | undefined {
    return this.#connection
  }

  /** Autodiscover (again); a failure keeps the connection there was. */
  async connect(): Promise<void> {
    const connection = await connectEws(this.o.ews, this.o.address, this.o.emit)
    if (!connection) return
    this.#connection = connection
    this.#historyFolder = undefined
  }

  async readProvisioning(): Promise<void> {
    const { provisioning, address, emit } = this.o
    this.#provisioning = await readProvisioning(provisioning, address, emit, this.#provisioning)
  }

  gates(): GateResult {
    const c = this.#connection
    const connection = { discovery: c?.discovery, reachable: !!c, refusal: c?.health.refusal }
    return checkGates(this.o.build, connection, this.#provisioning, this.o.emit)
  }

  /**
   * Why the spooled entries may not go out now: provisioning is read again when they are
   * processed, and EnableOfflineIm or EnableIMAutoArchiving being $False holds them.
   */
  async policyHold(): Promise<string | undefined> {
    await this.readProvisioning()
    const closed = this.gates().decisions.find(
      (d) => !d.passed && (d.gate === 'server-setting' || d.gate === 'client-policy'),
    )
    return closed?.reason
  }

  /** The Conversation History folder (looked up once per connection, history-folder.ts). */
  async historyFolder(): Promise<EwsResult<FolderRef>> {
    const c = this.#connection
    if (!c)
      return { ok: false, failure: { kind: 'network', reason: 'other', detail: 'no EWS URL' } }
    if (this.#historyFolder) return { ok: true, value: this.#historyFolder }
    const found = await findHistoryFolder(c.transport, c.requestServerVersion, this.o.emit)
    if (found.ok) this.#historyFolder = found.value
    return found
  }
}
