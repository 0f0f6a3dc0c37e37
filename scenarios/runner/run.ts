/**
 * Running scenarios: each in its own world (world.ts), its steps in order on the virtual clock,
 * stopping at the first failed expectation or step. Scenarios are independent, so several run at
 * once (`concurrency`).
 */
import { cpus } from 'node:os'
import { SkypeConfigError } from '../../mock-ews/index.ts'
import { loadScenarioFile, ScenarioError } from './load.ts'
import { describeMatcher, matchText } from './matchers.ts'
import type { Scenario, ScenarioResult, Step } from './model.ts'
import { formatEvent, traceEvents } from './observe.ts'
import { StepError } from './registry.ts'
import type { StepDef } from './registry.ts'
import { ShellError } from './shell.ts'
import { STEPS } from './steps.ts'
import { ObservedClock, TimelineRecorder } from './timeline.ts'
import { ScenarioWorld, UnexpectedHalt } from './world.ts'

const TRACE_TAIL = 12

/** With `timeline`, the result carries what happened on virtual time (timeline.ts). */
export async function runScenario(
  scenario: Scenario,
  options: { timeline?: boolean } = {},
): Promise<ScenarioResult> {
  const started = performance.now()
  const world = await ScenarioWorld.start(
    scenario,
    options.timeline ? new ObservedClock(scenario.start) : undefined,
  )
  const recorder = options.timeline ? await TimelineRecorder.start(world) : undefined
  let stepsRun = 0
  const result = (failure?: ScenarioResult['failure']): ScenarioResult => ({
    file: scenario.file,
    name: scenario.name,
    passed: !failure,
    durationMs: performance.now() - started,
    stepsRun,
    ...(failure ? { failure } : {}),
    ...(recorder ? { timeline: recorder.timeline } : {}),
  })
  try {
    for (const step of scenario.steps) {
      stepsRun += 1
      recorder?.stepBegins(stepsRun - 1, step)
      let failure: Awaited<ReturnType<typeof runStep>>
      try {
        failure = await runStep(world, step)
        await recorder?.stepEnded()
        // A client that died of a bug during the step (a timer tick's error has nowhere else to go).
        const halt = world.unexpectedHalt()
        if (halt) throw halt
      } catch (error) {
        await recorder?.stepEnded()
        const message = errorText(error)
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

/**
 * Runs a step by its entry in the step table; a step with `fails-with` must fail so. Only a
 * deliberate refusal (isRefusal, or a refused send) can satisfy it, matched on its message; any
 * other error is a bug and fails the step with its stack.
 */
async function runStep(world: ScenarioWorld, step: Step) {
  const def = STEPS[step.kind] as StepDef<Step>
  if (!step.failsWith) return def.run(world, step)
  let refusal: string | undefined
  try {
    await def.run(world, step)
  } catch (e) {
    if (!isRefusal(e)) throw e
    refusal = e.message
  }
  // A group send fails when any recipient's IM was refused: the first refusal that matches, else
  // the first refusal (to say what it failed with).
  const refused = step.kind === 'send' ? refusedReasons(world, step.from, step.to) : []
  const text = refusal ?? refused.find((r) => matchText(step.failsWith!, r)) ?? refused[0]
  if (text === undefined) {
    throw new ExpectedFailureMissing(
      `expected it to fail ${describeMatcher(step.failsWith)}, but it did not`,
    )
  }
  if (!matchText(step.failsWith, text)) {
    throw new ExpectedFailureMissing(
      `expected it to fail ${describeMatcher(step.failsWith)}; it failed: ${text}`,
    )
  }
  return undefined
}

/** What the sender was told for each recipient whose IM was refused, in the order sent. */
function refusedReasons(world: ScenarioWorld, from: string, to: string[]): string[] {
  const c = world.client(from)
  return to.flatMap((t) => {
    const told = c.toldAbout.get(t)
    return told?.kind === 'refused' ? [told.reason] : []
  })
}

/** A step with `fails-with` that did not fail, or failed otherwise. */
class ExpectedFailureMissing extends Error {}

/** A refusal is reported by its message; anything else is unexpected and reported with its stack. */
function errorText(error: unknown): string {
  if (isRefusal(error) || error instanceof ExpectedFailureMissing) return error.message
  return error instanceof Error
    ? `unexpected error: ${error.stack ?? error.message}`
    : `unexpected error: ${String(error)}`
}

/**
 * What a step refuses on purpose (the only errors `fails-with` may expect): a line the shell or the
 * Skype directory refuses, a step that cannot do what it says (StepError).
 */
const isRefusal = (error: unknown): error is Error =>
  error instanceof SkypeConfigError || error instanceof ShellError || error instanceof StepError

function usersOf(step: Step): string[] {
  const def = STEPS[step.kind] as StepDef<Step>
  return def.users?.(step) ?? []
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
  /** Record each scenario's timeline (for the HTML report). */
  timeline?: boolean
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
        r = await runScenario(loadScenarioFile(file), { timeline: options.timeline === true })
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
