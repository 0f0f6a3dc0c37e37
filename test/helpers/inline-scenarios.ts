/**
 * Scenarios written inline in a test: a topology (YAML text ending in a newline) and the steps,
 * run or loaded as a scenario file would be. Shared by the scenario-language test files.
 */
import { expect } from 'chai'
import { parseScenario, ScenarioError } from '../../scenarios/runner/load.ts'
import type { ScenarioResult } from '../../scenarios/runner/model.ts'
import { runScenario } from '../../scenarios/runner/run.ts'

export interface InlineScenarios {
  /** Runs the steps (YAML list items, indented two spaces) on the topology. */
  run(steps: string): Promise<ScenarioResult>
  /** The loading error the steps make (file `test.yaml`); fails when they load. */
  loadError(steps: string): string
}

export function inlineScenarios(topology: string): InlineScenarios {
  return {
    run: (steps) => runScenario(parseScenario(`${topology}steps:\n${steps}`, 'inline.yaml')),
    loadError(steps) {
      try {
        parseScenario(`${topology}steps:\n${steps}`, 'test.yaml')
      } catch (e) {
        if (e instanceof ScenarioError) return e.message
        throw e
      }
      throw new Error('expected a ScenarioError')
    },
  }
}

/** Asserts the scenario passed, showing its failure (and, with `trace`, the trace tail) if not. */
export function passes(r: ScenarioResult, trace = false): void {
  const why =
    r.failure && `${r.failure.message}${trace ? `\n${JSON.stringify(r.failure.trace)}` : ''}`
  expect(r.passed, why).to.equal(true)
}
