/** The `ews-lab` command line, built (not parsed) so tests can parse argument lists in-process. */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { Command, InvalidArgumentError } from 'commander'
import type { OutputConfiguration } from 'commander'
import type { mergeReportsCommand } from './merge-reports.ts'
import type { reproCommand } from './repro.ts'
import type { RunCommandOptions } from './run.ts'
import type { ServeOptions } from './serve.ts'
import { checkAdminToken } from '../mock-ews/admin/admin-guard.ts'
import { PACKAGE_ROOT } from '../scenarios/runner/package-root.ts'
import { REPORTERS } from '../scenarios/runner/reporters.ts'
import { parseShard } from '../scenarios/runner/shard.ts'
import type { Shard } from '../scenarios/runner/shard.ts'

/** This package's version (package.json). */
export const VERSION = (
  JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as {
    version: string
  }
).version

function port(value: string): number {
  const n = Number(value)
  if (!/^\d+$/.test(value) || n > 65535)
    throw new InvalidArgumentError('expected a port number 0-65535')
  return n
}

function count(value: string): number {
  const n = Number(value)
  if (!/^\d+$/.test(value) || n < 1) throw new InvalidArgumentError('expected a whole number ≥ 1')
  return n
}

/** A generator seed: a whole number 0 … 2^32-1 (what seededIds takes), nothing else. */
function seed(value: string): number {
  const n = Number(value)
  if (!/^\d+$/.test(value) || n > 0xffffffff)
    throw new InvalidArgumentError('expected a whole number 0-4294967295')
  return n
}

/** A non-empty token: the admin guard's own check, as a usage error. */
function token(value: string): string {
  try {
    checkAdminToken(value)
  } catch (e) {
    throw new InvalidArgumentError((e as Error).message)
  }
  return value
}

function shard(value: string): Shard {
  const parsed = parseShard(value)
  if (!parsed) throw new InvalidArgumentError('expected i/n with 1 ≤ i ≤ n, e.g. 2/4')
  return parsed
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value]
}

function reporter(value: string): (typeof REPORTERS)[number] {
  if (!(REPORTERS as readonly string[]).includes(value))
    throw new InvalidArgumentError(`expected one of ${REPORTERS.join(', ')}`)
  return value as (typeof REPORTERS)[number]
}

/**
 * The program; `output` replaces where commander writes (tests capture it). Each command's module
 * is loaded when it runs, so `--help` and `--version` do not load the server or the runner.
 */
export function createProgram(output?: OutputConfiguration): Command {
  const program = new Command('ews-lab')
    .description(
      'A mock Exchange Web Services server and a model of the Skype for Business 2016 offline-IM engine',
    )
    .version(VERSION, '-V, --version', 'print the version of ews-lab')
    // Throw instead of exiting (set before the subcommands, which inherit it): cli.ts exits 2 on a
    // usage error (one line) like every other refusal, and tests parse in-process.
    .exitOverride()
  if (output) program.configureOutput(output)

  program
    .command('serve')
    .description(
      'start mock-ews (the demo topology, or the organisations and users of a topology file)',
    )
    .option('--port <n>', 'port to listen on (0 picks a free one)', port, 8080)
    .option(
      '--host <address>',
      'address to bind (other than loopback: only with --admin-token)',
      '127.0.0.1',
    )
    .option('--topology <file>', 'topology YAML file (organisations and users)')
    .option('--quiet', 'no request log on stderr')
    .option('--admin-port <n>', 'serve /__admin/ on this port only (not on the EWS port)', port)
    .option(
      '--admin-token <token>',
      'require this token for /__admin/ (Authorization: Bearer or X-Admin-Token)',
      token,
    )
    .option(
      '--admin-host <name>',
      'a host name /__admin/ answers besides loopback and the bound address (repeatable)',
      collect,
    )
    .option(
      '--schema-dir <dir>',
      'strict mode: validate every request against the EWS schema in this folder',
    )
    .option('--fault-seed <n>', 'seed of the generator behind probability faults', seed, 1)
    .option(
      '--state <file>',
      'load mailboxes, configuration and clock from this JSON file at start (if it exists); write it on shutdown and on POST /__admin/state/save',
    )
    .option(
      '--tls',
      'serve HTTPS with a self-signed certificate made at start (prints its SHA-256)',
    )
    .option('--cert <file>', 'serve HTTPS with this certificate (PEM; with --key)')
    .option('--key <file>', 'the private key of --cert (PEM)')
    .action(async (o: ServeOptions) => (await import('./serve.ts')).serveCommand(o))

  program
    .command('run')
    .description('run scenario files (default: the bundled catalogue, scenarios/*.yaml)')
    .argument('[paths...]', 'scenario files, folders or globs')
    .option('--reporter <name>', `report format: ${REPORTERS.join(', ')}`, reporter, 'spec')
    .option('--out <file>', 'write the report to this file')
    .option('--grep <pattern>', 'only scenarios whose name or file matches this regular expression')
    .option('--bail', 'stop starting scenarios after the first failure')
    .option('--concurrency <n>', 'scenarios run at once (default: the number of cores)', count)
    .option(
      '--shard <i/n>',
      'run only shard i of n (by a hash of each file path: stable when files are added)',
      shard,
    )
    .action(async (paths: string[], o: RunCommandOptions) =>
      (await import('./run.ts')).runCommand(paths, o),
    )

  program
    .command('merge-reports')
    .description('merge the JSON or JUnit reports of several `run --shard` jobs into one')
    .argument('<reports...>', 'report files of one format (JSON or JUnit)')
    .option('--out <file>', 'write the merged report to this file (default: stdout)')
    .action(async (...a: Parameters<typeof mergeReportsCommand>) =>
      (await import('./merge-reports.ts')).mergeReportsCommand(...a),
    )

  program
    .command('repro')
    .description('reproduce a known bug side by side with its fix (drafts-bug)')
    .argument('<bug>', 'drafts-bug')
    .option('--ticks <n>', '2-minute ticks to run', count, 5)
    .option('--no-halves', 'leave out the variants with one half of the bug removed')
    .option('--json', 'print the timelines as JSON')
    .option('--html <file>', 'also write the timelines as charts to this HTML file')
    .action(async (...a: Parameters<typeof reproCommand>) =>
      (await import('./repro.ts')).reproCommand(...a),
    )
  return program
}
