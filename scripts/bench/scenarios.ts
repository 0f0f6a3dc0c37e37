/**
 * Benchmark (not a test): how fast scenarios run. (1) The bundled catalogue, every file in its own
 * mock-ews, as `ews-lab run` runs it (as many at once as there are cores): scenarios per second and
 * wall time. (2) A generated scenario: 50 users of one organisation exchanging offline IMs over
 * 24 hours of virtual time — 25 signed-in senders each write to an offline colleague every hour,
 * then the 25 recipients sign in — with its mailboxes checked at the end. (3) The Drafts bug over
 * 24 virtual hours: 720 two-minute ticks, each leaving one more draft (~1,440 EWS calls). Targets:
 * 100 scenarios/s for the catalogue, each 24-hour scenario under 1 s.
 *
 *   npm run bench:scenarios [-- --rounds 3 --users 50 --hours 24]
 */
import { performance } from 'node:perf_hooks'
import { expandScenarioPaths } from '../../scenarios/runner/files.ts'
import type { Scenario, Step } from '../../scenarios/runner/model.ts'
import { parseScenario } from '../../scenarios/runner/load.ts'
import { runFiles, runScenario } from '../../scenarios/runner/run.ts'
import { demoTopology } from '../../mock-ews/index.ts'
import { log, machine, options, result } from './lib.ts'

const o = options({ rounds: 3, users: 50, hours: 24, catalogue: 1 })
// Counts missed conversations (from 16.0.7571.2072 on, release notes).
const FIXED = '16.0.7571.2072'

function generated(users: number, hours: number): { scenario: Scenario; messages: number } {
  const topology = demoTopology()
  const contoso = topology.organisations[0]!
  const template = contoso.users[0]!
  contoso.users = Array.from({ length: users }, (_, i) => ({
    ...template,
    address: `user${i}@contoso.com`,
    sip: `user${i}@contoso.com`,
    displayName: `User ${i}`,
  }))
  const senders = contoso.users.slice(0, users / 2).map((u) => u.address)
  const recipients = contoso.users.slice(users / 2).map((u) => u.address)
  const at = { file: '<generated>', line: 1, column: 1 }
  const step = (body: Record<string, unknown>): Step =>
    ({ ...body, at, source: String(body.kind) }) as Step
  const steps: Step[] = [step({ kind: 'sign-in', users: senders })]
  let messages = 0
  for (let h = 0; h < hours; h++) {
    senders.forEach((from, i) => {
      steps.push(
        step({
          kind: 'send',
          from,
          to: [recipients[(i + h) % recipients.length]!],
          text: `hour ${h} from ${from}`,
        }),
      )
      messages += 1
    })
    steps.push(step({ kind: 'advance', ms: 3_600_000 }))
  }
  steps.push(step({ kind: 'sign-in', users: recipients }))
  const perRecipient = messages / recipients.length
  steps.push(
    step({
      kind: 'expect',
      expectations: recipients.flatMap((user) => [
        {
          kind: 'mailbox',
          user,
          folder: 'inbox',
          count: { exact: perRecipient },
          itemClass: 'IPM.Note.Microsoft.Missed',
          subjectContains: undefined,
          bodyContains: undefined,
          from: undefined,
          to: undefined,
          at,
          source: 'inbox',
        },
        { kind: 'client', user, recent: perRecipient, missed: perRecipient, at, source: 'client' },
      ]),
    }),
  )
  for (const from of senders) {
    steps.push(
      step({
        kind: 'expect',
        expectations: [
          {
            kind: 'spooler',
            user: from,
            count: { exact: 0 },
            contains: undefined,
            at,
            source: 'spooler',
          },
        ],
      }),
    )
  }
  return {
    scenario: {
      file: '<generated>',
      name: `${users} users, ${hours} h`,
      description: undefined,
      topology,
      clients: new Map(contoso.users.map((u) => [u.address, { build: FIXED }])),
      start: new Date('2016-06-15T08:00:00Z'),
      steps,
    },
    messages,
  }
}

/** The catalogue's Drafts-bug scenario (build 16.0.6965.2053, on-premises) run for `hours`. */
function draftsBug(hours: number): { scenario: Scenario; ticks: number } {
  const ticks = (hours * 60) / 2
  const text = `name: Drafts bug for ${hours} h
topology:
  organisations:
    - domain: contoso.com
      exchange: exchange-2016
      users:
        - { address: alice@contoso.com, password: P@ssw0rd, client: { build: 16.0.6965.2053 } }
        - { address: bob@contoso.com, password: P@ssw0rd, client: { build: 16.0.6965.2058 } }
steps:
  - sign-in: alice@contoso.com
  - send: { from: alice@contoso.com, to: bob@contoso.com, text: Are you free at 10? }
  - advance: ${hours}h
  - expect:
      - mailbox: { user: alice@contoso.com, folder: drafts, count: ${ticks} }
      - mailbox: { user: bob@contoso.com, folder: inbox, count: 0 }
      - spooler: { user: alice@contoso.com, count: 1 }
`
  return { scenario: parseScenario(text, '<drafts bug>'), ticks }
}

async function main(): Promise<void> {
  machine()
  const files = expandScenarioPaths([])
  log(
    `parameters: catalogue of ${files.length} scenarios × ${o.rounds} rounds; generated scenario of ${o.users} users over ${o.hours} h (best of ${o.rounds})`,
  )
  const figures: Record<string, number> = {}
  let best = Infinity
  for (let round = 0; round < (o.catalogue ? o.rounds : 0); round++) {
    const t0 = performance.now()
    const results = await runFiles(files)
    const wall = performance.now() - t0
    const failed = results.filter((r) => !r.passed)
    if (failed.length)
      throw new Error(`${failed.length} catalogue scenarios failed: ${failed[0]!.failure?.message}`)
    best = Math.min(best, wall)
    log(
      `catalogue round ${round + 1}: ${files.length} scenarios in ${wall.toFixed(0)} ms = ${((files.length * 1000) / wall).toFixed(1)} scenarios/s`,
    )
  }
  figures.catalogue_scenarios = files.length
  figures.catalogue_wall_ms = Number(best.toFixed(0))
  figures.catalogue_scenarios_per_s = Number(((files.length * 1000) / best).toFixed(1))

  let bestGen = Infinity
  for (let round = 0; round < o.rounds; round++) {
    const { scenario, messages } = generated(o.users, o.hours)
    const t0 = performance.now()
    const r = await runScenario(scenario)
    const wall = performance.now() - t0
    if (!r.passed) throw new Error(`generated scenario failed: ${r.failure?.message}`)
    bestGen = Math.min(bestGen, wall)
    log(
      `generated round ${round + 1}: ${o.users} users, ${o.hours} h, ${messages} offline IMs delivered and checked in ${wall.toFixed(0)} ms`,
    )
  }
  figures.generated_wall_ms = Number(bestGen.toFixed(0))

  let bestDrafts = Infinity
  for (let round = 0; round < o.rounds; round++) {
    const { scenario, ticks } = draftsBug(o.hours)
    const t0 = performance.now()
    const r = await runScenario(scenario)
    const wall = performance.now() - t0
    if (!r.passed) throw new Error(`Drafts-bug scenario failed: ${r.failure?.message}`)
    bestDrafts = Math.min(bestDrafts, wall)
    log(
      `Drafts bug round ${round + 1}: ${o.hours} h, ${ticks} ticks, ${ticks} drafts checked in ${wall.toFixed(0)} ms (${(wall / ticks).toFixed(2)} ms per tick)`,
    )
  }
  figures.drafts_bug_wall_ms = Number(bestDrafts.toFixed(0))
  result({
    ...figures,
    target_catalogue_ge_100_per_s: figures.catalogue_scenarios_per_s! >= 100 ? 'met' : 'not_met',
    target_generated_lt_1s: bestGen < 1000 ? 'met' : 'not_met',
    target_drafts_bug_lt_1s: bestDrafts < 1000 ? 'met' : 'not_met',
  })
}

await main()
