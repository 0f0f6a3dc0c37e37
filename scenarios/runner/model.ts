/**
 * A scenario as the runner executes it (after loading and checking, load.ts): its topology, the
 * client build of each user, and its steps in order. Every step keeps where it came from in the
 * file, so a failure can point at the line. The YAML format is documented in
 * scenarios/scenario.schema.json and README.md ("Scenarios").
 */
import type { Topology } from '../../mock-ews/index.ts'
import type { EXPECTATIONS } from './expectations.ts'
import type { TextMatcher } from './matchers.ts'
import type { ExpectationDef, StepDef } from './registry.ts'
import type { STEPS } from './steps.ts'
import type { Timeline } from './timeline.ts'

export interface Position {
  file: string
  line: number
  column: number
}

/** How a user's client build is given: a build, or the build a channel had on a day. */
export type ClientSpec = { build: string } | { channel: string; installed: string }

export interface Scenario {
  file: string
  name: string
  description: string | undefined
  topology: Topology
  /** The client of each user who has one, by lower-case address. */
  clients: Map<string, ClientSpec>
  /** The virtual time the scenario starts at. */
  start: Date
  steps: Step[]
}

export type CrashPoint =
  'after-spool-write' | 'after-create-item' | 'after-send-item' | 'before-spool-removal'

/** The fields a table entry's `read` gives, with its kind. */
type Fields<T> = {
  [K in keyof T & string]: { kind: K } & (T[K] extends StepDef<infer F>
    ? F
    : T[K] extends ExpectationDef<infer F>
      ? F
      : never)
}[keyof T & string]

/** A step as the step table (steps.ts) reads it. */
export type StepBody = Fields<typeof STEPS>

/** A step that expects to fail names what the error must say (`fails-with`). */
export type Step = StepBody & { at: Position; source: string; failsWith?: TextMatcher }

/** An expectation as the expectation table (expectations.ts) reads it. */
export type ExpectationBody = Fields<typeof EXPECTATIONS>

export type Expectation = ExpectationBody & { at: Position; source: string }

/** What one expectation found when it failed. */
export interface ExpectationFailure {
  expectation: Expectation
  /** What was expected, in words. */
  expected: string
  /** What was found, in words. */
  found: string
}

export interface ScenarioResult {
  file: string
  name: string
  passed: boolean
  /** Wall time, for reports only. */
  durationMs: number
  /** Steps run (all of them when passed). */
  stepsRun: number
  failure?: {
    /** The step that failed (an expect step, or the step that threw). */
    at: Position
    message: string
    expectation?: ExpectationFailure
    /** The last trace events of the users the failing step involves. */
    trace: { user: string; events: string[] }[]
  }
  /** What happened on virtual time (only when the run asked for it: the HTML report). */
  timeline?: Timeline
}
