/**
 * Whether the engine can offer offline IM (reference/sfb-offline-im.md §1): where the mailbox is
 * (Autodiscover), what the Skype for Business server provisions, and the gates (gates.ts) over both.
 * Every answer goes to the trace.
 */
import type { BuildLike } from '../builds/index.ts'
import { describeFailure, requestServerVersionFor } from '../ews/index.ts'
import type { Discovery, EwsFailure, EwsResult, EwsTransport } from '../ews/index.ts'
import type { Emit } from './ews-step.ts'
import { offlineImGates } from './gates.ts'
import type { GateResult } from './gates.ts'
import type { EwsPort, ProvisioningSource } from './ports.ts'
import type { MailboxDeployment, Provisioning } from './provisioning.ts'

/** Autodiscover's answer and the EWS transport for the URL it gave. */
export interface Connection {
  discovery: Discovery
  /** The transport, watched: every answer updates `health`. */
  transport: EwsTransport
  /** The RequestServerVersion spoken (from the version Autodiscover reported). */
  requestServerVersion: string
  health: EwsHealth
}

/**
 * What EWS's last answer said about this client: a refusal that no retry can change (the server
 * does not take the client's RequestServerVersion or its schema, or its credentials), or not.
 * Transient failures (busy, unreachable, a 5xx) say nothing either way.
 */
export class EwsHealth {
  refusal: string | undefined

  observe(result: EwsResult<unknown>): void {
    if (result.ok) this.refusal = undefined
    else if (refusesClient(result.failure)) this.refusal = describeFailure(result.failure)
  }
}

const REFUSING_CODES = new Set([
  'ErrorInvalidServerVersion',
  'ErrorSchemaValidation',
  'ErrorInvalidSchemaVersionForMailboxVersion',
])

function refusesClient(f: EwsFailure): boolean {
  return f.kind === 'unauthorized' || (f.kind === 'ews' && REFUSING_CODES.has(f.code))
}

/** The transport with every answer reported to `health`. */
function watched(transport: EwsTransport, health: EwsHealth): EwsTransport {
  const seen = <T>(r: EwsResult<T>): EwsResult<T> => (health.observe(r), r)
  return {
    createItem: async (r) => seen(await transport.createItem(r)),
    sendItem: async (r) => seen(await transport.sendItem(r)),
    getItem: async (ids, o) => seen(await transport.getItem(ids, o)),
    findItem: async (r) => seen(await transport.findItem(r)),
    deleteItem: async (ids, mode) => seen(await transport.deleteItem(ids, mode)),
    getFolder: async (f) => seen(await transport.getFolder(f)),
    findFolder: async (p) => seen(await transport.findFolder(p)),
    createFolder: async (p, f) => seen(await transport.createFolder(p, f)),
  }
}

/** Autodiscover, then a transport for the URL found; undefined when Autodiscover found none. */
export async function connectEws(
  ews: EwsPort,
  address: string,
  emit: Emit,
): Promise<Connection | undefined> {
  const found = await ews.discover(address)
  if (!found.ok) {
    emit('autodiscover', { ok: false, failure: describeFailure(found.failure) })
    return undefined
  }
  const health = new EwsHealth()
  const requestServerVersion = requestServerVersionFor(found.value)
  const transport = watched(ews.connect(found.value), health)
  emit('autodiscover', {
    ok: true,
    ewsUrl: found.value.ewsUrl,
    mailbox: deployment(found.value),
    requestServerVersion,
  })
  return { discovery: found.value, transport, requestServerVersion, health }
}

/** The user's provisioning as the server gives it now; `kept` (the last read) when that fails. */
export async function readProvisioning(
  source: ProvisioningSource,
  address: string,
  emit: Emit,
  kept: Provisioning | undefined,
): Promise<Provisioning | undefined> {
  try {
    const provisioning = await source(address)
    emit('provisioning', { ...provisioning })
    return provisioning
  } catch (error) {
    emit('provisioning', { error: (error as Error).message, kept: !!kept })
    return kept
  }
}

/** The gates over what is known (nothing provisioned counts as a server without offline IM). */
export function checkGates(
  build: BuildLike,
  connection: {
    discovery?: Discovery | undefined
    reachable: boolean
    refusal?: string | undefined
  },
  known: Provisioning | undefined,
  emit: Emit,
): GateResult {
  const provisioning = known ?? {
    online: false,
    imConfigurationAvailable: false,
    enableOfflineIm: undefined,
    enableIMAutoArchiving: undefined,
  }
  const mailbox: MailboxDeployment = connection.discovery
    ? deployment(connection.discovery)
    : provisioning.online
      ? 'online'
      : 'on-premises'
  const result = offlineImGates({
    build,
    mailbox,
    provisioning,
    ewsReachable: connection.reachable,
    ewsRefusal: connection.refusal,
  })
  for (const d of result.decisions) emit('gate', { ...d })
  emit('offline-im', {
    available: result.available,
    ...(result.refusal ? { reason: result.refusal } : {}),
  })
  return result
}

function deployment(discovery: Discovery): MailboxDeployment {
  return discovery.microsoftOnline ? 'online' : 'on-premises'
}
