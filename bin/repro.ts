/** `ews-lab repro drafts-bug`: the Drafts bug and its fix side by side, as a timeline. */
import { writeFileSync } from 'node:fs'
import { reproHtml } from '../scenarios/runner/html/repro.ts'
import { formatTimeline, INTRO, reproDraftsBug } from '../scenarios/runner/repro.ts'

export async function reproCommand(
  name: string,
  options: { ticks: number; halves: boolean; json?: boolean; html?: string },
): Promise<void> {
  if (name !== 'drafts-bug') {
    process.stderr.write(`ews-lab: unknown repro "${name}" (known: drafts-bug)\n`)
    process.exitCode = 2
    return
  }
  const { runs, holds } = await reproDraftsBug({ ticks: options.ticks, halves: options.halves })
  // The charts go to the file; stdout still says what happened (text or JSON).
  if (options.html) writeFileSync(options.html, reproHtml(runs, holds, INTRO))
  if (options.json) process.stdout.write(`${JSON.stringify({ holds, runs }, null, 2)}\n`)
  else {
    process.stdout.write(`${formatTimeline(runs)}\n`)
    process.stdout.write(
      holds
        ? `The bug reproduces with the bug build and not with the fix${options.halves ? ', nor with either half of it removed' : ''}.\n`
        : 'The repro did NOT hold: see UNEXPECTED above.\n',
    )
  }
  process.exitCode = holds ? 0 : 1
}
