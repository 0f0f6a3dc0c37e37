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

export interface ServeOptions {
  port: number
  host: string
  topology?: string
  quiet?: boolean
  adminPort?: number
  adminToken?: string
  schemaDir?: string
  faultSeed?: number
}

export async function serveCommand(options: ServeOptions): Promise<void> {
  let topology: Topology | undefined
  if (options.topology) {
    try {
      topology = loadTopologyFile(options.topology)
    } catch (e) {
      const message =
        e instanceof TopologyError ? e.message : `${options.topology}: ${(e as Error).message}`
      process.stderr.write(`ews-lab: invalid topology: ${message}\n`)
      process.exitCode = 2
      return
    }
  }
  const logger = options.quiet ? silentLogger : consoleLogger()
  let ews: ReturnType<typeof createEwsApp>
  try {
    ews = createEwsApp({
      topology,
      logger,
      adminToken: options.adminToken,
      mountAdmin: options.adminPort === undefined,
      schemaDir: options.schemaDir,
      faultSeed: options.faultSeed,
    })
  } catch (e) {
    process.stderr.write(`ews-lab: ${(e as Error).message}\n`)
    process.exitCode = 2
    return
  }
  const { app, adminApp, directory } = ews
  // Signal handlers first: a signal that arrives while starting still stops the server cleanly.
  let stopping: Promise<void> | undefined
  const running: { server?: RunningServer; admin?: RunningServer } = {}
  const stop = (signal: string): void => {
    logger.info(`${signal}: stopping`)
    stopping ??= Promise.all([running.server?.close(), running.admin?.close()]).then(
      () => process.exit(0),
      () => process.exit(1),
    )
  }
  process.on('SIGINT', () => stop('SIGINT'))
  process.on('SIGTERM', () => stop('SIGTERM'))
  const server = await startEwsServer(app, { host: options.host, port: options.port })
  running.server = server
  if (stopping) return
  if (options.adminPort !== undefined) {
    running.admin = await startEwsServer(adminApp, { host: options.host, port: options.adminPort })
  }
  process.stdout.write(`EWS: ${server.ewsUrl}\n`)
  process.stdout.write(`Admin: ${(running.admin ?? server).url}/__admin/\n`)
  for (const org of directory.topology.organisations) {
    process.stdout.write(
      `  ${org.domain} (${org.exchange}): ${org.users.map((u) => u.address).join(', ')}\n`,
    )
  }
}
