/** The `ews-lab` command line: usage errors exit 2 (commander's message already printed). */
import { CommanderError } from 'commander'
import { createProgram } from './program.ts'

try {
  await createProgram().parseAsync(process.argv)
} catch (e) {
  if (!(e instanceof CommanderError)) throw e
  process.exitCode = e.exitCode === 0 ? 0 : 2
}
