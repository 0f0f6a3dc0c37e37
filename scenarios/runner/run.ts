/**
 * Running scenarios: each in its own world (world.ts), its steps in order on the virtual clock,
 * stopping at the first failed expectation or step. Scenarios are independent, so several run at
 * once (`concurrency`).
 */
import { cpus } from 'node:os'
import { FaultDefinitionError, SkypeConfigError } from '../../mock-ews/index.ts'
import type { FaultDefinition } from '../../mock-ews/index.ts'
import { check, formatEvent, traceEvents } from './expectations.ts'
import { loadScenarioFile, ScenarioError } from './load.ts'
import type { Scenario, ScenarioResult, Step } from './model.ts'
import { parseShellLine, runShellCommand, ShellError } from './shell.ts'
import { ScenarioWorld, SimulatedCrash, UnexpectedHalt } from './world.ts'

const TRACE_TAIL = 12

export async function runScenario(scenario: Scenario): Promise<ScenarioResult> {
  const started = performance.now()
  const world = await ScenarioWorld.start(scenario)
  let stepsRun = 0
  const result = (failure?: ScenarioResult['failure']): ScenarioResult => ({
    file: scenario.file,
    name: scenario.name,
    passed: !failure,
    durationMs: performance.now() - started,
    stepsRun,
    ...(failure ? { failure } : {}),
  })
  try {
    for (const step of scenario.steps) {
      stepsRun += 1
      let failure: Awaited<ReturnType<typeof runStep>>
      try {
        failure = await runStep(world, step)
        // A client that died of a bug during the step (a timer tick's error has nowhere else to go).
        const halt = world.unexpectedHalt()
        if (halt) throw halt
      } catch (error) {
        const message =
          error instanceof SkypeConfigError ||
          error instanceof FaultDefinitionError ||
          error instanceof ShellError
            ? error.message
            : error instanceof Error
              ? (error.stack ?? error.message)
              : String(error)
        return result({
          at: step.at,
          message:
            error instanceof UnexpectedHalt
              ? `during step "${step.source}", ${error.message}`
              : `step "${step.source}" failed: ${message}`,
          trace: await tails(world, involved(world, usersOf(step))),
        })
      }
      if (failure) {
        return result({
          at: failure.expectation.at,
          message: `expected ${failure.expected}, found ${failure.found}`,
          expectation: failure,
          trace: await tails(
            world,
            involved(world, [
              'user' in failure.expectation ? failure.expectation.user : undefined,
              ...usersOf(step),
            ]),
          ),
        })
      }
    }
    return result()
  } finally {
    await world.close()
  }
}

async function runStep(world: ScenarioWorld, step: Step) {
  switch (step.kind) {
    case 'at':
      await world.clock.advanceTo(step.time)
      return
    case 'advance':
      await world.clock.advance(step.ms)
      return
    case 'shell': {
      const domain = step.org ?? world.scenario.topology.organisations[0]!.domain
      const output = runShellCommand(parseShellLine(step.line), {
        directory: world.mock.skype,
        domain,
        topology: world.scenario.topology,
      })
      if (output !== undefined) world.lastShellOutput = output
      return
    }
    case 'sign-in':
      for (const u of step.users) await survive(() => world.engine(u).signIn())
      return
    case 'sign-out':
      for (const u of step.users) await survive(() => world.engine(u).signOut())
      return
    case 'presence':
      await world.engine(step.user).setPresence(step.presence)
      return
    case 'send': {
      const c = world.client(step.from)
      c.told = undefined
      const outcome = await survive(() => world.engine(step.from).sendIm(step.to, step.text))
      c.told = outcome
      return
    }
    case 'upgrade': {
      const c = world.client(step.user)
      const wasSignedIn = c.engine?.status === 'signed-in'
      if (wasSignedIn) await c.engine!.signOut()
      world.upgrade(step.user, step.client)
      if (wasSignedIn) await survive(() => world.engine(step.user).signIn())
      return
    }
    case 'crash':
      if (step.point === undefined) world.crash(step.user)
      else world.client(step.user).crashAt = step.point
      return
    case 'restart':
      world.crash(step.user)
      await survive(() => world.engine(step.user).signIn())
      return
    case 'fault':
      world.mock.faults.add(faultDefinition(world, step))
      return
    case 'expect':
      for (const e of step.expectations) {
        const failure = await check(world, e)
        if (failure) return failure
      }
      return
  }
}

/** Runs a client action; a simulated crash is what the scenario asked for, not a failure. */
async function survive<T>(action: () => Promise<T>): Promise<T | undefined> {
  try {
    return await action()
  } catch (error) {
    if (error instanceof SimulatedCrash) return undefined
    throw error
  }
}

function faultDefinition(
  world: ScenarioWorld,
  step: Extract<Step, { kind: 'fault' }>,
): FaultDefinition {
  const action: FaultDefinition['action'] =
    step.fault === 'unreachable'
      ? { type: 'reset' }
      : step.fault === 'server-busy'
        ? {
            type: 'ews-error',
            code: 'ErrorServerBusy',
            ...(step.ms === undefined ? {} : { backOffMs: step.ms }),
          }
        : step.fault === 'latency'
          ? { type: 'latency', ms: step.ms ?? 0 }
          : { type: 'http-status', status: 500 }
  const now = world.clock.now()
  const when: FaultDefinition['when'] =
    step.forMs !== undefined
      ? {
          type: 'window',
          from: now.toISOString(),
          to: new Date(now.getTime() + step.forMs).toISOString(),
        }
      : { type: 'times', count: step.times ?? 1 }
  const match: NonNullable<FaultDefinition['match']> = {
    ...(step.org === undefined ? {} : { organisation: step.org }),
    ...(step.user === undefined ? {} : { mailbox: step.user }),
    ...(step.operation === undefined ? {} : { operation: step.operation }),
  }
  return { match, action, when }
}

function usersOf(step: Step): string[] {
  switch (step.kind) {
    case 'sign-in':
    case 'sign-out':
      return step.users
    case 'presence':
    case 'upgrade':
    case 'crash':
    case 'restart':
      return [step.user]
    case 'send':
      return [step.from, step.to]
    case 'expect':
      return [...new Set(step.expectations.flatMap((e) => ('user' in e ? [e.user] : [])))]
    default:
      return []
  }
}

/** The users a failure concerns, then every user whose client has run (senders are usually the clue). */
function involved(world: ScenarioWorld, users: (string | undefined)[]): string[] {
  const started = [...world.clients.values()].filter((c) => c.engine).map((c) => c.address)
  return [...new Set([...users, ...started].filter((u): u is string => !!u))]
}

async function tails(
  world: ScenarioWorld,
  users: string[],
): Promise<{ user: string; events: string[] }[]> {
  const out = []
  for (const user of users) {
    const events = await traceEvents(world, user)
    out.push({ user, events: events.slice(-TRACE_TAIL).map(formatEvent) })
  }
  return out
}

export interface RunOptions {
  /** Scenarios run at once; the number of cores by default. */
  concurrency?: number
  /** Stop starting new scenarios after the first failure. */
  bail?: boolean
  /** Called as each scenario ends (in the order they end). */
  onResult?: (result: ScenarioResult) => void
}

/** Loads and runs files; a file that does not load is a failed result with the loading error. */
export async function runFiles(
  files: readonly string[],
  options: RunOptions = {},
): Promise<ScenarioResult[]> {
  const results: ScenarioResult[] = new Array(files.length)
  let next = 0
  let stop = false
  const worker = async (): Promise<void> => {
    while (!stop && next < files.length) {
      const i = next++
      const file = files[i]!
      let r: ScenarioResult
      try {
        r = await runScenario(loadScenarioFile(file))
      } catch (error) {
        r = {
          file,
          name: file,
          passed: false,
          durationMs: 0,
          stepsRun: 0,
          failure: {
            ...(error instanceof ScenarioError
              ? { at: error.at, message: error.reason }
              : { at: { file, line: 0, column: 0 }, message: (error as Error).message }),
            trace: [],
          },
        }
      }
      results[i] = r
      options.onResult?.(r)
      if (!r.passed && options.bail) stop = true
    }
  }
  const n = Math.max(1, Math.min(options.concurrency ?? cpus().length, files.length))
  await Promise.all(Array.from({ length: n }, worker))
  return results.filter((r) => r !== undefined)
}
