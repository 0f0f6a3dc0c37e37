/**
 * Scenario files as mocha tests: one `it` per file, failing with the spec reporter's account of
 * what was expected, what was found and the last trace events.
 * @example
 * // test/my-scenarios.test.ts
 * import { registerScenarios } from 'ews-lab/scenarios/mocha' // or a relative path
 * registerScenarios('scenarios/*.yaml', { describe: 'my offline-IM scenarios' })
 */
import { basename } from 'node:path'
import { expandScenarioPaths } from './runner/files.ts'
import { loadScenarioFile } from './runner/load.ts'
import { failureText } from './runner/reporters.ts'
import { runScenario } from './runner/run.ts'

export function registerScenarios(
  patterns: string | readonly string[],
  options: { describe?: string; cwd?: string } = {},
): void {
  const files = expandScenarioPaths(
    typeof patterns === 'string' ? [patterns] : patterns,
    options.cwd,
  )
  describe(options.describe ?? 'scenarios', () => {
    if (files.length === 0) {
      it('finds scenario files', () => {
        throw new Error(`no scenario files match ${JSON.stringify(patterns)}`)
      })
    }
    for (const file of files) {
      it(basename(file).replace(/\.ya?ml$/, ''), async () => {
        const result = await runScenario(loadScenarioFile(file))
        if (!result.passed) throw new Error(`${result.failure?.message}\n${failureText(result)}`)
      })
    }
  })
}
