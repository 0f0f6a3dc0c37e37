/**
 * A scenario as the runner executes it (after loading and checking, load.ts): its topology, the
 * client build of each user, and its steps in order. Every step keeps where it came from in the
 * file, so a failure can point at the line. The YAML format is documented in
 * scenarios/scenario.schema.json and README.md ("Scenarios").
 */
import type { SettablePresence } from '../../client/engine/presence.ts'
import type { Topology } from '../../mock-ews/index.ts'

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

export type FaultKind = 'unreachable' | 'server-busy' | 'latency' | 'http-500'

export type StepBody =
  | { kind: 'at'; time: Date }
  | { kind: 'advance'; ms: number }
  | { kind: 'shell'; org: string | undefined; line: string }
  | { kind: 'sign-in'; users: string[] }
  | { kind: 'sign-out'; users: string[] }
  | { kind: 'presence'; user: string; presence: SettablePresence }
  | { kind: 'send'; from: string; to: string; text: string }
  | { kind: 'upgrade'; user: string; client: ClientSpec }
  /** `point` undefined: the client dies now; else it dies the next time it reaches that point. */
  | { kind: 'crash'; user: string; point: CrashPoint | undefined }
  | { kind: 'restart'; user: string }
  | {
      kind: 'fault'
      fault: FaultKind
      org: string | undefined
      user: string | undefined
      operation: string | undefined
      /** The fault lasts this long from now (virtual time)… */
      forMs: number | undefined
      /** …or applies to this many requests. */
      times: number | undefined
      /** server-busy: BackOffMilliseconds; latency: the delay. */
      ms: number | undefined
    }
  | { kind: 'expect'; expectations: Expectation[] }

export type Step = StepBody & { at: Position; source: string }

export type ExpectationBody =
  | {
      kind: 'mailbox'
      user: string
      folder: string
      count: number | undefined
      itemClass: string | undefined
      subjectContains: string | undefined
      bodyContains: string | undefined
      from: string | undefined
      to: string | undefined
    }
  | { kind: 'spooler'; user: string; count: number | undefined; contains: string | undefined }
  | {
      kind: 'trace'
      user: string
      event: string
      count: number | undefined
      where: Record<string, unknown>
    }
  | {
      kind: 'told'
      user: string
      outcome: 'live' | 'spooled' | 'refused' | undefined
      contains: string | undefined
    }
  | { kind: 'shell-output'; contains: string }
  | { kind: 'client'; user: string; recent: number | undefined; missed: number | undefined }

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
}
