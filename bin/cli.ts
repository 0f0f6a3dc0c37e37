/** The `ews-lab` command line. */
import { Command, InvalidArgumentError } from 'commander'
import { reproCommand } from './repro.ts'
import { runCommand } from './run.ts'
import { serveCommand } from './serve.ts'
import { REPORTERS } from '../scenarios/runner/reporters.ts'

function port(value: string): number {
  const n = Number(value)
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new InvalidArgumentError('expected a port number 0-65535')
  return n
}

function count(value: string): number {
  const n = Number(value)
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number ≥ 1')
  return n
}

function reporter(value: string): (typeof REPORTERS)[number] {
  if (!(REPORTERS as readonly string[]).includes(value))
    throw new InvalidArgumentError(`expected one of ${REPORTERS.join(', ')}`)
  return value as (typeof REPORTERS)[number]
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

program
  .command('run')
  .description('run scenario files (default: the bundled catalogue, scenarios/*.yaml)')
  .argument('[paths...]', 'scenario files, folders or globs')
  .option('--reporter <name>', `report format: ${REPORTERS.join(', ')}`, reporter, 'spec')
  .option('--out <file>', 'write the report to this file')
  .option('--grep <pattern>', 'only scenarios whose name or file matches this regular expression')
  .option('--bail', 'stop starting scenarios after the first failure')
  .option('--concurrency <n>', 'scenarios run at once (default: the number of cores)', count)
  .action(runCommand)

program
  .command('repro')
  .description('reproduce a known bug side by side with its fix (drafts-bug)')
  .argument('<bug>', 'drafts-bug')
  .option('--ticks <n>', '2-minute ticks to run', count, 5)
  .option('--no-halves', 'leave out the variants with one half of the bug removed')
  .option('--json', 'print the timelines as JSON')
  .action(reproCommand)

await program.parseAsync(process.argv)
