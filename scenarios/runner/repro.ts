/**
 * `ews-lab repro drafts-bug`: the 2016 Drafts bug and its fix side by side (DESIGN.md "The Drafts
 * bug"; docs/drafts-bug.md). alice (contoso.com, on-premises Exchange 2016) sends bob, who is
 * offline, one IM; the clock then moves tick by tick (2 minutes) and each column shows, after
 * every tick, alice's History Spooler, alice's Drafts, bob's Inbox and what EWS answered.
 *
 * Variants: the bug build 16.0.6965.2053, the fixed build 16.0.6965.2058, and (with `halves`) the
 * bug build with each half removed — the client sending in one step, or the server accepting the
 * SendItem. The repro holds when the bug reproduces (Drafts grows by one per tick, nothing
 * arrives, the message stays spooled) and every other variant delivers once, at the first tick.
 */
import { demoTopology } from '../../mock-ews/index.ts'
import type { Scenario } from './model.ts'
import { ScenarioWorld } from './world.ts'
import { traceEvents } from './expectations.ts'

export const BUG_BUILD = '16.0.6965.2053'
export const FIXED_BUILD = '16.0.6965.2058'
const TICK_MS = 2 * 60_000
const SENDER = 'alice@contoso.com'
const RECIPIENT = 'bob@contoso.com'

export interface Variant {
  key: 'bug' | 'fix' | 'client-half-off' | 'server-half-off'
  title: string
  build: string
  sendPath?: 'one-step'
  serverRefusesDraftSend: boolean
}

export const VARIANTS: readonly Variant[] = [
  { key: 'bug', title: `bug: ${BUG_BUILD}`, build: BUG_BUILD, serverRefusesDraftSend: true },
  { key: 'fix', title: `fix: ${FIXED_BUILD}`, build: FIXED_BUILD, serverRefusesDraftSend: true },
  {
    key: 'client-half-off',
    title: `${BUG_BUILD}, one-step send`,
    build: BUG_BUILD,
    sendPath: 'one-step',
    serverRefusesDraftSend: true,
  },
  {
    key: 'server-half-off',
    title: `${BUG_BUILD}, server accepts SendItem`,
    build: BUG_BUILD,
    serverRefusesDraftSend: false,
  },
]

export interface Row {
  /** Minutes:seconds after the send. */
  time: string
  spooled: number
  drafts: number
  inbox: number
  /** What EWS answered during the tick, e.g. `CreateItem NoError, SendItem ErrorMessageSubmissionBlocked`. */
  ews: string
}

export interface VariantRun {
  variant: Variant
  rows: Row[]
  /** Whether this variant behaved as the model says it must. */
  holds: boolean
  verdict: string
}

export async function runVariant(variant: Variant, ticks: number): Promise<VariantRun> {
  const topology = demoTopology()
  const contoso = topology.organisations.find((o) => o.domain === 'contoso.com')!
  contoso.quirks = { refuseSkypeDraftSend: variant.serverRefusesDraftSend }
  const scenario: Scenario = {
    file: '<repro drafts-bug>',
    name: variant.title,
    description: undefined,
    topology,
    clients: new Map([[SENDER, { build: variant.build }]]),
    start: new Date('2016-06-10T09:00:00Z'),
    steps: [],
  }
  const world = await ScenarioWorld.start(scenario)
  try {
    if (variant.sendPath) world.client(SENDER).sendPath = variant.sendPath
    const alice = world.engine(SENDER)
    await alice.signIn()
    const outcome = await alice.sendIm(RECIPIENT, 'Are you free at 10?')
    if (outcome.kind !== 'spooled')
      throw new Error(`the IM was not spooled: ${JSON.stringify(outcome)}`)
    let seen = (await traceEvents(world, SENDER)).length
    const rows: Row[] = [await sample(world, 0, '(sent; spooled)')]
    for (let t = 1; t <= ticks; t++) {
      await world.clock.advance(TICK_MS)
      const events = await traceEvents(world, SENDER)
      const answers = events
        .slice(seen)
        .filter((e) => e.event === 'ews.response')
        .map((e) => `${String(e.operation)} ${String(e.responseCode ?? e.failure)}`)
      seen = events.length
      rows.push(await sample(world, t * TICK_MS, answers.join(', ') || '-'))
    }
    return { variant, rows, ...judge(variant, rows, ticks) }
  } finally {
    await world.close()
  }
}

async function sample(world: ScenarioWorld, ms: number, ews: string): Promise<Row> {
  const store = world.mock.store
  const count = (user: string, folder: string): number =>
    store.getDistinguishedFolder(user, folder).totalCount
  const spooled = (await world.engine(SENDER).spooler.readAll()).length
  const mm = String(Math.floor(ms / 60_000)).padStart(2, '0')
  const ss = String(Math.floor((ms % 60_000) / 1000)).padStart(2, '0')
  return {
    time: `+${mm}:${ss}`,
    spooled,
    drafts: count(SENDER, 'drafts'),
    inbox: count(RECIPIENT, 'inbox'),
    ews,
  }
}

function judge(variant: Variant, rows: Row[], ticks: number): { holds: boolean; verdict: string } {
  const last = rows[rows.length - 1]!
  if (variant.key === 'bug') {
    const grows = rows.every((r, i) => r.drafts === i)
    const holds = grows && last.inbox === 0 && last.spooled === 1
    return {
      holds,
      verdict: holds
        ? `bug reproduced: ${ticks} drafts, nothing delivered, the message still spooled`
        : `bug NOT reproduced: drafts ${rows.map((r) => r.drafts).join(',')}, inbox ${last.inbox}, spooled ${last.spooled}`,
    }
  }
  const first = rows[1]
  const holds =
    first !== undefined &&
    first.inbox === 1 &&
    first.spooled === 0 &&
    rows.slice(1).every((r) => r.inbox === 1 && r.spooled === 0) &&
    (variant.key === 'server-half-off' ? last.drafts === 0 : rows.every((r) => r.drafts === 0))
  return {
    holds,
    verdict: holds
      ? 'delivered once at +02:00, Drafts empty, spooler empty'
      : `NOT delivered as expected: inbox ${rows.map((r) => r.inbox).join(',')}, drafts ${rows.map((r) => r.drafts).join(',')}, spooled ${rows.map((r) => r.spooled).join(',')}`,
  }
}

/** What the repro does, in words (the text timeline and the HTML page start with it). */
export const INTRO = [
  `Offline IM from ${SENDER} (on-premises Exchange 2016) to ${RECIPIENT} (offline), sent at 2016-06-10 09:00:00Z; one row per 2-minute tick.`,
  "spool = alice's History Spooler entries, drafts = alice's Drafts, inbox = bob's Inbox, EWS = what Exchange answered in that tick.",
]

/** The runs side by side (two per table), as text a person can read. */
export function formatTimeline(runs: readonly VariantRun[]): string {
  const lines: string[] = [...INTRO, '']
  for (let i = 0; i < runs.length; i += 2) {
    const pair = runs.slice(i, i + 2)
    const cells = pair.map((run) => run.rows.map(cell))
    const widths = pair.map((run, k) =>
      Math.max(run.variant.title.length, ...cells[k]!.map((c) => c.length), HEADER.length),
    )
    const row = (time: string, parts: string[]): string =>
      `${time.padEnd(7)}| ${parts.map((p, k) => p.padEnd(widths[k]!)).join(' | ')}`.trimEnd()
    lines.push(
      row(
        '',
        pair.map((r) => r.variant.title),
      ),
    )
    lines.push(
      row(
        'time',
        pair.map(() => HEADER),
      ),
    )
    pair[0]!.rows.forEach((r, j) =>
      lines.push(
        row(
          r.time,
          cells.map((c) => c[j] ?? ''),
        ),
      ),
    )
    for (const run of pair)
      lines.push(`=> ${run.variant.title}: ${run.holds ? 'OK' : 'UNEXPECTED'}: ${run.verdict}`)
    lines.push('')
  }
  return lines.join('\n')
}

const HEADER = 'spool drafts inbox  EWS'

function cell(r: Row): string {
  const ews = r.ews
    .replace(/CreateItem/g, 'Create')
    .replace(/SendItem/g, 'Send')
    .replace(/NoError/g, 'ok')
  return `${String(r.spooled).padStart(5)} ${String(r.drafts).padStart(6)} ${String(r.inbox).padStart(5)}  ${ews}`
}

export async function reproDraftsBug(
  options: { ticks?: number; halves?: boolean } = {},
): Promise<{ runs: VariantRun[]; holds: boolean }> {
  const ticks = options.ticks ?? 5
  const variants = options.halves === false ? VARIANTS.slice(0, 2) : VARIANTS
  const runs: VariantRun[] = []
  for (const v of variants) runs.push(await runVariant(v, ticks))
  return { runs, holds: runs.every((r) => r.holds) }
}
