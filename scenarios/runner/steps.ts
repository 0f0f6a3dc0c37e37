/**
 * The step kinds, one entry each: how the YAML value is read (the schema has checked its shape)
 * and what the step does in the world. The fault step is in fault-step.ts.
 */
import type { OfflineImEngine } from '../../client/engine/index.ts'
import type { SettablePresence } from '../../client/engine/presence.ts'
import { readClient } from './builds.ts'
import { faultStep } from './fault-step.ts'
import { MAILBOX_STEPS } from './mailbox-steps.ts'
import type { CrashPoint, Expectation } from './model.ts'
import { address, addressList, defineStep, parseDuration } from './registry.ts'
import type { Path, ReadContext } from './registry.ts'
import { check, readExpectations } from './expectations.ts'
import { parseShellLine, ShellError } from './shell.ts'
import { runShellCommand } from './shell-commands.ts'
import { survive } from './survive.ts'
import type { ScenarioWorld } from './world.ts'

type Obj = Record<string, unknown>

const signInOut = (action: (e: OfflineImEngine) => Promise<unknown>) =>
  defineStep({
    read: (v: unknown) => ({
      users: addressList(v),
    }),
    async run(world, step) {
      for (const u of step.users) await survive(() => action(world.engine(u)))
    },
    users: (s) => s.users,
  })

/** Checks a shell line when loading; a step that expects to fail checks it when it runs. */
function readShellLine(line: string, linePath: Path, ctx: ReadContext): void {
  try {
    parseShellLine(line)
  } catch (e) {
    if (!(e instanceof ShellError)) throw e
    const node = ctx.doc.getIn(linePath, true) as { type?: string } | undefined
    const quoted = node?.type === 'QUOTE_DOUBLE' || node?.type === 'QUOTE_SINGLE' ? 1 : 0
    ctx.failAt(linePath, quoted + e.column - 1, e.message)
  }
}

export const STEPS = {
  at: defineStep({
    read: (v: string) => ({ time: new Date(v) }),
    run: (world, step) => world.clock.advanceTo(step.time),
  }),
  advance: defineStep({
    read: (v: string) => ({ ms: parseDuration(v) }),
    run: (world, step) => world.clock.advance(step.ms),
  }),
  shell: defineStep({
    read(v: string | Obj, p, ctx) {
      const line = typeof v === 'string' ? v : String(v.run)
      const org = typeof v === 'string' ? undefined : ctx.org(v.org, [...p, 'org'])
      if (!ctx.failing) readShellLine(line, typeof v === 'string' ? p : [...p, 'run'], ctx)
      return { org, line }
    },
    async run(world, step) {
      const domain = step.org ?? world.scenario.topology.organisations[0]!.domain
      const output = runShellCommand(parseShellLine(step.line), {
        directory: world.mock.skype,
        domain,
        topology: world.scenario.topology,
      })
      if (output !== undefined) world.lastShellOutput = output
    },
  }),
  'sign-in': signInOut((e) => e.signIn()),
  'sign-out': signInOut((e) => e.signOut()),
  presence: defineStep({
    read: (v: Obj) => ({
      user: address(v.user),
      presence: v.set as SettablePresence,
    }),
    run: (world, step) => world.engine(step.user).setPresence(step.presence),
    users: (s) => [s.user],
  }),
  send: defineStep({
    /** Several recipients: one IM to each, in order (a group IM; decision 0024). */
    read: (v: Obj) => ({
      from: address(v.from),
      to: addressList(v.to),
      text: String(v.text),
    }),
    async run(world, step) {
      const c = world.client(step.from)
      c.told = undefined
      // Every recipient's last outcome goes, reached or not: a crash stops the loop part way.
      for (const to of step.to) c.toldAbout.delete(to)
      for (const to of step.to) {
        const outcome = await survive(() => world.engine(step.from).sendIm(to, step.text))
        c.told = outcome
        // A crash (asked for by a crash step) ends the send: the dead client writes to nobody else.
        if (!outcome) break
        c.toldAbout.set(to, outcome)
      }
    },
    users: (s) => [s.from, ...s.to],
  }),
  upgrade: defineStep({
    read: (v: Obj, p, ctx) => ({
      user: address(v.user),
      client: readClient(v as { build?: string }, p, ctx.fail),
    }),
    async run(world, step) {
      const c = world.client(step.user)
      const wasSignedIn = c.engine?.status === 'signed-in'
      if (wasSignedIn) await c.engine!.signOut()
      world.upgrade(step.user, step.client)
      if (wasSignedIn) await survive(() => world.engine(step.user).signIn())
    },
    users: (s) => [s.user],
  }),
  crash: defineStep({
    /** `point` undefined: the client dies now; else it dies the next time it reaches that point. */
    read: (v: string | Obj) =>
      typeof v === 'string'
        ? { user: address(v), point: undefined as CrashPoint | undefined }
        : { user: address(v.user), point: v.at as CrashPoint | undefined },
    async run(world, step) {
      if (step.point === undefined) world.crash(step.user)
      else world.client(step.user).crashAt = step.point
    },
    users: (s) => [s.user],
  }),
  restart: defineStep({
    read: (v: string) => ({ user: address(v) }),
    async run(world, step) {
      world.crash(step.user)
      await survive(() => world.engine(step.user).signIn())
    },
    users: (s) => [s.user],
  }),
  fault: faultStep,
  ...MAILBOX_STEPS,
  expect: defineStep({
    read: (v: Obj[], p, ctx) => ({ expectations: readExpectations(v, p, ctx) }),
    async run(world: ScenarioWorld, step: { expectations: Expectation[] }) {
      for (const e of step.expectations) {
        const failure = await check(world, e)
        if (failure) return failure
      }
      return undefined
    },
    users: (s) => [...new Set(s.expectations.flatMap((e) => ('user' in e ? [e.user] : [])))],
  }),
}
