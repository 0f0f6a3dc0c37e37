// Recording a scenario's timeline (for the HTML report): what it holds for the Drafts bug, that
// it is recorded only when asked, and that recording changes no scenario's outcome.
import { expect } from 'chai'
import { loadScenarioFile, parseScenario } from '../../scenarios/runner/load.ts'
import type { ScenarioResult } from '../../scenarios/runner/model.ts'
import { runScenario } from '../../scenarios/runner/run.ts'

const DRAFTS_BUG = 'scenarios/drafts-bug-fills-drafts-with-build-16.0.6965.2053-on-premises.yaml'
/** Scenarios whose timers, crashes and faults interleave with the steps; an Exchange 2010 mailbox. */
const TRICKY = [
  'scenarios/offline-im-reaches-an-exchange-2010-mailbox.yaml',
  'scenarios/crash-after-create-item-and-restart-delivers-exactly-once.yaml',
  'scenarios/offline-im-goes-out-on-the-first-tick-after-an-ews-outage.yaml',
  'scenarios/offline-im-is-sent-once-when-the-answer-to-createitem-is-cut-off.yaml',
]

const FAILING = `topology:
  organisations:
    - domain: contoso.com
      exchange: exchange-2016
      users:
        - { address: alice@contoso.com, password: P@ssw0rd, client: { build: 16.0.6965.2053 } }
        - { address: bob@contoso.com, password: P@ssw0rd }
steps:
  - sign-in: alice@contoso.com
  - send: { from: alice@contoso.com, to: bob@contoso.com, text: Hello }
  - advance: 3m
  - expect:
      - mailbox: { user: bob@contoso.com, folder: inbox, count: 1 }
  - advance: 2m
`

/** What a run decides (not wall time, nor temporary paths in the trace tail). */
const outcome = (r: ScenarioResult) => ({
  passed: r.passed,
  stepsRun: r.stepsRun,
  message: r.failure?.message,
  found: r.failure?.expectation?.found,
})

describe('scenario timelines', function () {
  this.timeout(30_000)

  it("holds the Drafts bug: one more draft and a refused SendItem at each tick, the steps' stops", async () => {
    const r = await runScenario(loadScenarioFile(DRAFTS_BUG), { timeline: true })
    expect(r.passed).to.equal(true)
    const t = r.timeline!
    expect(t.users).to.deep.equal([
      { address: 'alice@contoso.com', client: true },
      { address: 'bob@contoso.com', client: true },
    ])
    const ticks = t.stops.filter((s) => s.kind === 'timer')
    expect(ticks.map((s) => s.time.slice(11, 19))).to.deep.equal([
      '09:02:00',
      '09:04:00',
      '09:06:00',
      '09:08:00',
      '09:10:00',
    ])
    expect(ticks.map((s) => s.counts['alice@contoso.com']!.drafts)).to.deep.equal([1, 2, 3, 4, 5])
    expect(ticks.every((s) => s.counts['alice@contoso.com']!.spooler === 1)).to.equal(true)
    expect(ticks.every((s) => s.counts['bob@contoso.com']!.inbox === 0)).to.equal(true)
    for (const s of ticks) {
      expect(
        s.calls.map((c) => `${c.user} ${c.operation} ${c.responseCodes.join()}`),
      ).to.deep.equal([
        'alice@contoso.com CreateItem NoError',
        'alice@contoso.com SendItem ErrorMessageSubmissionBlocked',
      ])
      expect(s.events.map((e) => e.event)).to.include('spool.pickup')
    }
    // 8 steps; `advance: 6m` (the 7th) runs from 09:04 to 09:10 through three ticks.
    expect(t.steps).to.have.length(8)
    const advance = t.steps[6]!
    expect(advance.source).to.equal('advance: 6m')
    expect(t.stops[advance.from]!.time).to.equal('2016-06-10T09:04:00.000Z')
    expect(t.stops[advance.to]!.time).to.equal('2016-06-10T09:10:00.000Z')
    expect(t.stops.slice(advance.from + 1, advance.to).map((s) => s.kind)).to.deep.equal([
      'timer',
      'timer',
      'timer',
    ])
    expect(t.problems).to.deep.equal([])
  })

  it('ends a failing scenario at the failing step, and is recorded only when asked', async () => {
    const plain = await runScenario(parseScenario(FAILING, 'inline.yaml'))
    expect(plain.timeline).to.equal(undefined)
    const r = await runScenario(parseScenario(FAILING, 'inline.yaml'), { timeline: true })
    expect(outcome(r)).to.deep.equal(outcome(plain))
    expect(r.stepsRun).to.equal(4)
    // The bug build's tick at 09:02 left a draft; the expect step (the last recorded) ends at 09:03.
    const t = r.timeline!
    expect(t.steps).to.have.length(4)
    const last = t.stops[t.steps[3]!.to]!
    expect(last).to.include({ time: '2016-06-10T09:03:00.000Z', kind: 'step', step: 3 })
    expect(last.counts['alice@contoso.com']).to.include({ drafts: 1, spooler: 1 })
    expect(t.stops.at(-1)).to.equal(last)
  })

  it('changes no outcome: scenarios with crashes, outages and cut-off answers end the same', async () => {
    for (const file of TRICKY) {
      const plain = await runScenario(loadScenarioFile(file))
      const recorded = await runScenario(loadScenarioFile(file), { timeline: true })
      expect(outcome(recorded), file).to.deep.equal(outcome(plain))
      expect(recorded.timeline!.stops.length, file).to.be.greaterThan(recorded.stepsRun)
      expect(recorded.timeline!.problems, file).to.deep.equal([])
    }
  })
})
