/**
 * Production adapters of the engine's ports for a client talking to mock-ews (or a real Exchange)
 * over HTTP: EWS through POX Autodiscover and the client's own EwsClient, provisioning from
 * mock-ews's admin API, and a presence directory shared by the clients of one run.
 */
import {
  candidateAutodiscoverUrls,
  discoverEwsUrl,
  EwsClient,
  nodeFetch,
  requestServerVersionFor,
} from '../ews/index.ts'
import type { Credentials, Fetch } from '../ews/index.ts'
import type { EwsPort, Presence, PresenceDirectory, ProvisioningSource } from './ports.ts'
import type { ImDelivery } from './presence.ts'
import type { Provisioning } from './provisioning.ts'

export interface HttpEwsOptions {
  credentials: Credentials
  /** A mock-ews root such as `http://127.0.0.1:PORT`; without it, the real Autodiscover URLs. */
  base?: string
  timeoutMs?: number
  fetch?: Fetch
}

export function httpEws(options: HttpEwsOptions): EwsPort {
  const common = {
    credentials: options.credentials,
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
  }
  return {
    discover: (address) => {
      const domain = address.split('@')[1] ?? address
      const urls = candidateAutodiscoverUrls(
        domain,
        options.base === undefined ? {} : { base: options.base },
      )
      return discoverEwsUrl(address, { urls, ...common })
    },
    // The RequestServerVersion follows the server version Autodiscover reported (server-version.ts).
    connect: (discovery) =>
      new EwsClient({
        ewsUrl: discovery.ewsUrl,
        requestServerVersion: requestServerVersionFor(discovery),
        ...common,
      }),
  }
}

/**
 * Provisioning read from mock-ews's `GET /__admin/skype/users/:address` (the effective
 * CsImConfiguration and client policy of the user). Throws when it cannot be read; the engine then
 * keeps what it had.
 */
export function httpProvisioning(
  adminBase: string,
  options: { token?: string; fetch?: Fetch; timeoutMs?: number } = {},
): ProvisioningSource {
  const fetch = options.fetch ?? nodeFetch
  return async (address) => {
    const url = `${adminBase.replace(/\/+$/, '')}/__admin/skype/users/${encodeURIComponent(address)}`
    const res = await fetch(url, {
      headers: options.token ? { authorization: `Bearer ${options.token}` } : {},
      signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
    })
    if (!res.ok) throw new Error(`provisioning: HTTP ${res.status} from ${url}`)
    const body = (await res.json()) as Partial<Provisioning> & { effective?: Partial<Provisioning> }
    return toProvisioning(body.effective ?? body)
  }
}

/** Keeps the four fields the client uses from a richer settings object. */
export function toProvisioning(p: Partial<Provisioning>): Provisioning {
  return {
    online: p.online === true,
    imConfigurationAvailable: p.imConfigurationAvailable === true,
    enableOfflineIm: typeof p.enableOfflineIm === 'boolean' ? p.enableOfflineIm : undefined,
    enableIMAutoArchiving:
      typeof p.enableIMAutoArchiving === 'boolean' ? p.enableIMAutoArchiving : undefined,
  }
}

/**
 * Presence as the clients of one run publish it (an address never published is `unknown`), and
 * ordinary IMs handed from one client to another.
 */
export class SharedPresence implements PresenceDirectory {
  readonly #presence = new Map<string, Presence>()
  readonly #clients = new Map<string, (im: ImDelivery) => Promise<void>>()

  presenceOf(address: string): Presence {
    return this.#presence.get(address.toLowerCase()) ?? 'unknown'
  }

  publish(address: string, presence: Presence): void {
    this.#presence.set(address.toLowerCase(), presence)
  }

  attach(address: string, receive: (im: ImDelivery) => Promise<void>): void {
    this.#clients.set(address.toLowerCase(), receive)
  }

  /** The receiving client's own failure is its own (it halts); the sender is not concerned. */
  async deliver(to: string, im: ImDelivery): Promise<void> {
    await this.#clients
      .get(to.toLowerCase())?.(im)
      .catch(() => undefined)
  }
}

/** Ids `prefix-1`, `prefix-2`, … (deterministic, for tests and scenarios). */
export function sequentialIds(prefix: string): () => string {
  let n = 0
  return () => `${prefix}-${++n}`
}
