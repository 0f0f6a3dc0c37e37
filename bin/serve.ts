/** `ews-lab serve`: runs mock-ews until SIGINT/SIGTERM. */
import {
  createEwsApp,
  consoleLogger,
  loadTopologyFile,
  silentLogger,
  startEwsServer,
  TopologyError,
} from '../mock-ews/index.ts'
import type { RunningServer, Topology } from '../mock-ews/index.ts'
import { checkAdminToken, isLoopbackHost } from '../mock-ews/admin/admin-guard.ts'
import { StateFileError } from '../mock-ews/admin/state-file.ts'
import { ControlledClock } from '../mock-ews/support/controlled-clock.ts'
import { selfSignedTls, tlsFromFiles } from '../mock-ews/support/tls.ts'
import type { TlsMaterial } from '../mock-ews/support/tls.ts'

export interface ServeOptions {
  port: number
  host: string
  topology?: string
  quiet?: boolean
  adminPort?: number
  adminToken?: string
  adminHost?: string[]
  schemaDir?: string
  faultSeed?: number
  state?: string
  tls?: boolean
  cert?: string
  key?: string
}

/**
 * Why these options must not start a server, or undefined. The admin API changes what the server
 * answers and reads its journal: on an address other than loopback it needs a token
 * (docs/decisions/0022).
 */
export function serveRefusal(
  options: Pick<ServeOptions, 'host' | 'adminToken' | 'cert' | 'key'>,
): string | undefined {
  try {
    checkAdminToken(options.adminToken)
  } catch (e) {
    return `--admin-token: ${(e as Error).message}`
  }
  if ((options.cert === undefined) !== (options.key === undefined))
    return '--cert and --key go together (a certificate and its private key, PEM files)'
  if (!isLoopbackHost(options.host) && options.adminToken === undefined)
    return `--host ${options.host} would open the admin API (/__admin/) to the network without a token: give --admin-token, or bind 127.0.0.1`
  return undefined
}

/** One line for an error of listening on `host:port` (a port in use, a host that does not resolve, …). */
export function listenErrorText(err: unknown, host: string, port: number): string {
  const { code, message } = err as { code?: string; message?: string }
  const where = `${host.includes(':') ? `[${host}]` : host}:${port}`
  switch (code) {
    case 'EADDRINUSE':
      return `cannot listen on ${where}: the port is in use (--port 0 picks a free one)`
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_NONAME':
      return `cannot listen on ${where}: the host "${host}" does not resolve`
    case 'EADDRNOTAVAIL':
      return `cannot listen on ${where}: the address is not one of this machine's`
    case 'EACCES':
      return `cannot listen on ${where}: permission denied (ports below 1024 need privileges)`
    default:
      return `cannot listen on ${where}: ${message ?? String(err)}`
  }
}

export async function serveCommand(options: ServeOptions): Promise<void> {
  const refuse = (message: string): void => {
    process.stderr.write(`ews-lab: ${message}\n`)
    process.exitCode = 2
  }
  const refusal = serveRefusal(options)
  if (refusal) return refuse(refusal)
  let topology: Topology | undefined
  if (options.topology) {
    try {
      topology = loadTopologyFile(options.topology)
    } catch (e) {
      const message =
        e instanceof TopologyError ? e.message : `${options.topology}: ${(e as Error).message}`
      return refuse(`invalid topology: ${message}`)
    }
  }
  let tls: TlsMaterial | undefined
  try {
    if (options.cert !== undefined) tls = tlsFromFiles(options.cert, options.key!)
    else if (options.tls)
      tls = await selfSignedTls(['0.0.0.0', '::'].includes(options.host) ? [] : [options.host])
  } catch (e) {
    return refuse(`TLS: ${(e as Error).message}`)
  }
  const logger = options.quiet ? silentLogger : consoleLogger()
  let ews: ReturnType<typeof createEwsApp>
  try {
    ews = createEwsApp({
      topology,
      logger,
      logRequests: !options.quiet,
      adminToken: options.adminToken,
      adminHosts: options.adminHost,
      mountAdmin: options.adminPort === undefined,
      schemaDir: options.schemaDir,
      faultSeed: options.faultSeed,
      stateFile: options.state,
      // Real time until told otherwise (`/__admin/clock`); its timers follow the clock when moved.
      clock: new ControlledClock(),
    })
  } catch (e) {
    return refuse(
      e instanceof StateFileError ? `invalid state file: ${e.message}` : (e as Error).message,
    )
  }
  const { app, adminApp, directory } = ews
  // Signal handlers first: a signal that arrives while starting still stops the server cleanly.
  let stopping: Promise<void> | undefined
  const running: { server?: RunningServer; admin?: RunningServer } = {}
  const closeAll = (): Promise<unknown> => {
    ews.close()
    return Promise.all([running.server?.close(), running.admin?.close()])
  }
  /** The state file is written once the servers stop taking requests: nothing is lost after it. */
  const saveState = (): void => {
    try {
      const file = ews.saveState?.()
      if (file) logger.info(`state written to ${file}`)
    } catch (e) {
      logger.error(`cannot write the state file: ${(e as Error).message}`)
      process.exitCode = 1
    }
  }
  const stop = (signal: string): void => {
    logger.info(`${signal}: stopping`)
    stopping ??= closeAll()
      .then(saveState)
      .then(
        () => {
          ews.close()
          process.exit(process.exitCode ?? 0)
        },
        () => process.exit(1),
      )
  }
  process.on('SIGINT', () => stop('SIGINT'))
  process.on('SIGTERM', () => stop('SIGTERM'))
  const listen = async (
    which: 'server' | 'admin',
    a: typeof app,
    port: number,
  ): Promise<boolean> => {
    try {
      running[which] = await startEwsServer(a, { host: options.host, port, tls })
      return true
    } catch (e) {
      refuse(listenErrorText(e, options.host, port))
      await closeAll()
      return false
    }
  }
  if (!(await listen('server', app, options.port)) || stopping) return
  if (options.adminPort !== undefined && !(await listen('admin', adminApp, options.adminPort)))
    return
  const server = running.server!
  process.stdout.write(`EWS: ${server.ewsUrl}\n`)
  process.stdout.write(`Admin: ${(running.admin ?? server).url}/__admin/\n`)
  // The token is never printed (a CI log would keep it): the page takes it after # (decision 0046).
  const fragment = options.adminToken === undefined ? '' : '#token=<admin token>'
  process.stdout.write(`Inspector: ${(running.admin ?? server).url}/__admin/ui${fragment}\n`)
  if (options.state) process.stdout.write(`State: ${options.state}\n`)
  if (tls) {
    const source = options.cert ? `certificate ${options.cert}` : 'self-signed certificate made now'
    process.stdout.write(`TLS: ${source}, SHA-256 fingerprint ${tls.fingerprint256}\n`)
  }
  for (const org of directory.topology.organisations) {
    process.stdout.write(
      `  ${org.domain} (${org.exchange}): ${org.users.map((u) => u.address).join(', ')}\n`,
    )
  }
}
