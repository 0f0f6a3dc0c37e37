/**
 * The expectation kinds, one entry each: how the YAML value is read (the schema has checked its
 * shape) and how it is checked against the world: mailbox folders, History Spooler folders and
 * trace files on disk, what senders were told, the last shell output and the clients' Recent lists.
 * A check returns undefined, or what it expected and what it found.
 */
import { readFile } from 'node:fs/promises'
import { historySpoolerFolder, nodeFileSystem } from '../../client/engine/index.ts'
import type { Expectation, ExpectationFailure } from './model.ts'
import { counted } from './counted.ts'
import { mailboxExpectation } from './mailbox-expectation.ts'
import {
  describeField,
  describeMatcher,
  matchField,
  matchText,
  readCount,
  readFieldMatcher,
  readTextMatcher,
} from './matchers.ts'
import { sipOf, traceEvents } from './observe.ts'
import { defineExpectation, summary, address } from './registry.ts'
import type { Path, ReadContext } from './registry.ts'
import type { ScenarioWorld } from './world.ts'

type Obj = Record<string, unknown>

const str = (o: Obj, k: string): string | undefined =>
  o[k] === undefined ? undefined : String(o[k])
const num = (o: Obj, k: string): number | undefined =>
  o[k] === undefined ? undefined : Number(o[k])

export const EXPECTATIONS = {
  mailbox: mailboxExpectation,
  spooler: defineExpectation({
    read: (o: Obj, p, ctx) => ({
      user: address(o.user),
      count: readCount(o.count, [...p, 'count'], ctx),
      contains: str(o, 'contains'),
    }),
    async check(world, e) {
      const dir = historySpoolerFolder(world.localAppData, sipOf(world, e.user))
      const files = (await nodeFileSystem.list(dir)).filter((f) => f.endsWith('.json'))
      const texts = await Promise.all(files.map((f) => readFile(`${dir}/${f}`, 'utf8')))
      const matching = texts.filter((t) => e.contains === undefined || t.includes(e.contains))
      const wrong = counted(world, e, matching.length, (n) => (n === 1 ? 'entry' : 'entries'))
      return wrong
        ? {
            expected: `${wrong} in ${e.user}'s History Spooler`,
            found: `${matching.length} (of ${files.length} files)`,
          }
        : undefined
    },
  }),
  trace: defineExpectation({
    read: (o: Obj, p, ctx) => ({
      user: address(o.user),
      event: String(o.event),
      count: readCount(o.count, [...p, 'count'], ctx),
      where: Object.entries((o.where as Obj | undefined) ?? {}).map(
        ([field, v]) => [field, readFieldMatcher(v, [...p, 'where', field], ctx)] as const,
      ),
    }),
    async check(world, e) {
      const events = await traceEvents(world, e.user)
      const matching = events.filter(
        (ev) => ev.event === e.event && e.where.every(([k, m]) => matchField(m, ev[k])),
      )
      const wrong = counted(world, e, matching.length, `"${e.event}" event(s)`)
      const where = e.where.length
        ? `{${e.where.map(([k, m]) => `${JSON.stringify(k)}:${describeField(m)}`).join(',')}}`
        : ''
      return wrong
        ? {
            expected: `${wrong}${where ? ` with ${where}` : ''} in ${e.user}'s trace`,
            found: `${matching.length}`,
          }
        : undefined
    },
  }),
  told: defineExpectation({
    read: (o: Obj) => ({
      user: address(o.user),
      to: str(o, 'to')?.toLowerCase(),
      outcome: o.outcome as 'live' | 'spooled' | 'refused' | undefined,
      contains: str(o, 'contains'),
    }),
    async check(world, e) {
      const c = world.clients.get(e.user)
      const told = e.to === undefined ? c?.told : c?.toldAbout.get(e.to)
      if (!told) {
        const about = e.to === undefined ? '' : ` about an IM to ${e.to}`
        return { expected: `${e.user} to have been told something${about}`, found: 'no IM sent' }
      }
      const text =
        told.kind === 'refused'
          ? told.reason
          : told.kind === 'spooled'
            ? told.notice
            : `delivered live (${told.presence})`
      if (e.outcome !== undefined && told.kind !== e.outcome)
        return { expected: `outcome ${e.outcome}`, found: `${told.kind}: ${text}` }
      if (e.contains !== undefined && !text.includes(e.contains))
        return { expected: `a message containing "${e.contains}"`, found: `${told.kind}: ${text}` }
      return undefined
    },
  }),
  'shell-output': defineExpectation({
    read: (v: unknown, p, ctx) => ({ output: readTextMatcher(v, p, ctx) }),
    async check(world, e) {
      const out = world.lastShellOutput
      return out !== undefined && matchText(e.output, out)
        ? undefined
        : {
            expected: `shell output ${describeMatcher(e.output)}`,
            found: out === undefined ? 'no Get- line has run' : JSON.stringify(out),
          }
    },
  }),
  client: defineExpectation({
    read: (o: Obj) => ({
      user: address(o.user),
      recent: num(o, 'recent'),
      missed: num(o, 'missed'),
    }),
    async check(world, e) {
      const engine = world.clients.get(e.user)?.engine
      if (!engine) return { expected: `${e.user}'s client to be running`, found: 'never started' }
      if (e.recent !== undefined && engine.recent.length !== e.recent)
        return {
          expected: `${e.recent} entries in the Recent list`,
          found: `${engine.recent.length}`,
        }
      if (e.missed !== undefined && engine.missedCount !== e.missed)
        return { expected: `${e.missed} missed conversations`, found: `${engine.missedCount}` }
      return undefined
    },
  }),
}

export type ExpectationKind = keyof typeof EXPECTATIONS

export function readExpectations(list: Obj[], path: Path, ctx: ReadContext): Expectation[] {
  return list.map((raw, i) => {
    const at: Path = [...path, i]
    const kind = Object.keys(raw)[0] as ExpectationKind
    const def = EXPECTATIONS[kind]
    const fields = def.read(raw[kind] as never, [...at, kind], ctx)
    return {
      kind,
      ...fields,
      at: ctx.at(at),
      source: `${kind}: ${summary(raw[kind])}`,
    } as Expectation
  })
}

export async function check(
  world: ScenarioWorld,
  e: Expectation,
): Promise<ExpectationFailure | undefined> {
  const def = EXPECTATIONS[e.kind] as {
    check(
      w: ScenarioWorld,
      e: Expectation,
    ): Promise<{ expected: string; found: string } | undefined>
  }
  const wrong = await def.check(world, e)
  return wrong && { expectation: e, ...wrong }
}

export { formatEvent, traceEvents } from './observe.ts'
