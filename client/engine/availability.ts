/**
 * Whether the engine can offer offline IM (reference/sfb-offline-im.md §1): where the mailbox is
 * (Autodiscover), what the Skype for Business server provisions, and the gates (gates.ts) over both.
 * Every answer goes to the trace.
 */
import type { BuildLike } from '../builds/index.ts'
import { describeFailure } from '../ews/index.ts'
import type { Discovery, EwsTransport } from '../ews/index.ts'
import type { Emit } from './ews-step.ts'
import { offlineImGates } from './gates.ts'
import type { GateResult } from './gates.ts'
import type { EwsPort, ProvisioningSource } from './ports.ts'
import type { MailboxDeployment, Provisioning } from './provisioning.ts'

/** Autodiscover's answer and the EWS transport for the URL it gave. */
export interface Connection {
  discovery: Discovery
  transport: EwsTransport
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
  const connection = { discovery: found.value, transport: ews.connect(found.value) }
  emit('autodiscover', {
    ok: true,
    ewsUrl: found.value.ewsUrl,
    mailbox: deployment(found.value),
  })
  return connection
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
  connection: { discovery?: Discovery | undefined; reachable: boolean },
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
