/** `ews-lab serve`: runs mock-ews until SIGINT/SIGTERM. */
import {
  createEwsApp,
  consoleLogger,
  loadTopologyFile,
  silentLogger,
  startEwsServer,
  TopologyError,
} from '../mock-ews/index.ts'
import type { Topology } from '../mock-ews/index.ts'

export interface ServeOptions {
  port: number
  host: string
  topology?: string
  quiet?: boolean
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
  const { app, directory } = createEwsApp({ topology, logger })
  const server = await startEwsServer(app, { host: options.host, port: options.port })
  process.stdout.write(`EWS: ${server.ewsUrl}\n`)
  for (const org of directory.topology.organisations) {
    process.stdout.write(
      `  ${org.domain} (${org.exchange}): ${org.users.map((u) => u.address).join(', ')}\n`,
    )
  }
  const stop = (signal: string): void => {
    logger.info(`${signal}: stopping`)
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    )
  }
  process.once('SIGINT', () => stop('SIGINT'))
  process.once('SIGTERM', () => stop('SIGTERM'))
}
