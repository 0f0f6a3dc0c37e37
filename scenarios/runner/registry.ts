/**
 * What a step or expectation kind is: one entry of a table keyed by its YAML key (steps.ts,
 * expectations.ts), giving how its value is read (after the JSON Schema has checked its shape) and
 * what it does. Adding a kind is one entry there plus its schema in scenarios/scenario.schema.json;
 * the loader checks that the schema and the tables name the same kinds (load.ts).
 */
import type { Document } from 'yaml'
import type { Topology } from '../../mock-ews/index.ts'
import type { ClientSpec, ExpectationFailure, Position } from './model.ts'
import type { ScenarioWorld } from './world.ts'

export type Path = (string | number)[]

/** What reading a step or expectation may use: positions, the topology, checks that fail at a path. */
export interface ReadContext {
  doc: Document
  file: string
  at(path: Path, atKey?: boolean, offset?: number): Position
  fail(path: Path, expected: string, atKey?: boolean): never
  /** Fails `offset` characters into the value at `path` (a column inside a shell line). */
  failAt(path: Path, offset: number, expected: string): never
  /** The step being read expects to fail (`fails-with`): what only running can refuse is left to run. */
  failing: boolean
  topology: Topology
  clients: Map<string, ClientSpec>
  /** The domain of an organisation of the topology (lower case), or undefined when not given. */
  org(value: unknown, path: Path): string | undefined
}

/** Where a step or expectation came from, for failures. */
export interface Origin {
  at: Position
  source: string
}

export interface StepDef<F> {
  /** The step's value (checked by the schema) → its fields. `path` is the path of the value. */
  read(value: never, path: Path, ctx: ReadContext): F
  /** Does it; an expect step returns the first failed expectation. Throwing fails the step. */
  run(world: ScenarioWorld, step: F & Origin): Promise<ExpectationFailure | undefined | void>
  /** The users the step concerns (their trace is printed when it fails). */
  users?(step: F): string[]
}

export interface ExpectationDef<F> {
  read(value: never, path: Path, ctx: ReadContext): F
  /** undefined when it holds, else what was expected and what was found (in words). */
  check(
    world: ScenarioWorld,
    e: F & Origin,
  ): Promise<{ expected: string; found: string } | undefined>
}

export const defineStep = <F>(def: StepDef<F>): StepDef<F> => def
export const defineExpectation = <F>(def: ExpectationDef<F>): ExpectationDef<F> => def

/**
 * An address as the scenario gives it, lower-cased. Whether it names a user of the topology (with
 * a client) is checked by the loader wherever the schema says `x-topology` (load.ts).
 */
export const address = (v: unknown): string => String(v).toLowerCase()

/** `[a, b]` or `a` → lower-case addresses. */
export const addressList = (v: unknown): string[] =>
  (Array.isArray(v) ? v : [v]).map((a) => String(a).toLowerCase())

const UNITS: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1 }

/** `1h30m`, `2m`, `90s`, `500ms` → milliseconds. */
export function parseDuration(text: string): number {
  let total = 0
  for (const m of text.matchAll(/(\d+)(ms|h|m|s)/g)) total += Number(m[1]) * UNITS[m[2]!]!
  return total
}

export function summary(v: unknown): string {
  const s = typeof v === 'string' ? v : JSON.stringify(v)
  return s.length > 120 ? `${s.slice(0, 117)}...` : s
}

/** A step that cannot do what it says (no item matches, say): its message, without a stack. */
export class StepError extends Error {
  override name = 'StepError'
}
