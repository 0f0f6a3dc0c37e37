/** The `ews-lab` command line. */
import { Command, InvalidArgumentError } from 'commander'
import { serveCommand } from './serve.ts'

function port(value: string): number {
  const n = Number(value)
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new InvalidArgumentError('expected a port number 0-65535')
  return n
}

const program = new Command('ews-lab')
  .description(
    'A mock Exchange Web Services server and a model of the Skype for Business 2016 offline-IM engine',
  )
  .showHelpAfterError()

program
  .command('serve')
  .description(
    'start mock-ews (the demo topology, or the organisations and users of a topology file)',
  )
  .option('--port <n>', 'port to listen on (0 picks a free one)', port, 8080)
  .option('--host <address>', 'address to bind', '127.0.0.1')
  .option('--topology <file>', 'topology YAML file (organisations and users)')
  .option('--quiet', 'do not log requests')
  .option('--admin-port <n>', 'serve /__admin/ on this port only (not on the EWS port)', port)
  .option(
    '--admin-token <token>',
    'require this token for /__admin/ (Authorization: Bearer or X-Admin-Token)',
  )
  .option(
    '--schema-dir <dir>',
    'strict mode: validate every request against the EWS schema in this folder',
  )
  .option(
    '--fault-seed <n>',
    'seed of the generator behind probability faults',
    (v) => Number(v),
    1,
  )
  .action(serveCommand)

await program.parseAsync(process.argv)
