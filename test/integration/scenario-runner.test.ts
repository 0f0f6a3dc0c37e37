/**
 * The runner on small scenarios: each expectation kind fails with what it expected and found, a
 * step that throws fails at its position, a client that halts of a bug fails the scenario with its
 * stack, every crash point loses nothing (and, for a fixed build, sends once), latency faults take
 * no real time, and scenarios run side by side.
 */
import { expect } from 'chai'
import { HistorySpooler } from '../../client/engine/index.ts'
import { parseScenario } from '../../scenarios/runner/load.ts'
import type { ScenarioResult } from '../../scenarios/runner/model.ts'
import { failureText } from '../../scenarios/runner/reporters.ts'
import { runScenario } from '../../scenarios/runner/run.ts'

const topology = (alice = '16.0.6965.2058', carol = '16.0.6965.2053'): string => `topology:
  organisations:
    - domain: contoso.com
      exchange: exchange-2016
      users:
        - { address: alice@contoso.com, password: P@ssw0rd, client: { build: ${alice} } }
        - { address: bob@contoso.com, password: P@ssw0rd, client: { build: 16.0.7571.2072 } }
    - domain: fabrikam.com
      exchange: exchange-online
      users:
        - { address: carol@fabrikam.com, password: P@ssw0rd, client: { build: ${carol} } }
        - { address: dave@fabrikam.com, password: P@ssw0rd }
`
const SENT = `  - sign-in: alice@contoso.com
  - send: { from: alice@contoso.com, to: bob@contoso.com, text: Hello there }
  - advance: 2m
`

function run(steps: string, alice?: string): Promise<ScenarioResult> {
  return runScenario(parseScenario(`${topology(alice)}steps:\n${steps}`, 'inline.yaml'))
}

function failure(r: ScenarioResult): { expected: string; found: string; line: number } {
  expect(r.passed, 'the scenario should fail').to.equal(false)
  const f = r.failure!
  return {
    expected: f.expectation?.expected ?? '',
    found: f.expectation?.found ?? f.message,
    line: f.at.line,
  }
}

describe('scenario runner', function () {
  this.timeout(20_000)

  it('passes when every expectation holds', async () => {
    const r = await run(`${SENT}  - expect:
      - mailbox: { user: bob@contoso.com, folder: inbox, count: 1, subject-contains: Alice sent you, from: alice@contoso.com, to: bob@contoso.com }
      - spooler: { user: alice@contoso.com, count: 0 }
      - trace: { user: alice@contoso.com, event: delivered, count: 1 }
      - told: { user: alice@contoso.com, outcome: spooled, contains: bob@contoso.com is offline }
`)
    expect(r.passed, r.failure?.message).to.equal(true)
    expect(r.stepsRun).to.equal(4)
  })

  const wrong: [string, string, RegExp, RegExp][] = [
    [
      'mailbox',
      'mailbox: { user: bob@contoso.com, folder: inbox, count: 2 }',
      /^2 matching item\(s\) in bob@contoso.com's inbox$/,
      /^1 matching of 1: \[IPM\.Note\.Microsoft\.Missed "Alice sent you a message in Skype for Business" from alice@contoso\.com\]$/,
    ],
    [
      'mailbox filter',
      'mailbox: { user: bob@contoso.com, folder: inbox, body-contains: Goodbye }',
      /^at least one matching item\(s\)/,
      /^0 matching of 1/,
    ],
    [
      'spooler',
      'spooler: { user: alice@contoso.com, count: 1 }',
      /^1 entry in alice@contoso.com's History Spooler$/,
      /^0 \(of 0 files\)$/,
    ],
    [
      'trace',
      'trace: { user: alice@contoso.com, event: delivered, where: { path: two-step } }',
      /^at least one "delivered" event\(s\) with \{"path":"two-step"\}/,
      /^0$/,
    ],
    [
      'told',
      'told: { user: alice@contoso.com, outcome: refused }',
      /^outcome refused$/,
      /^spooled: bob@contoso.com is offline/,
    ],
    [
      'shell-output',
      'shell-output: { contains: EnableOfflineIm }',
      /^shell output containing "EnableOfflineIm"$/,
      /^no Get- line has run$/,
    ],
    [
      'client',
      'client: { user: bob@contoso.com, missed: 1 }',
      /^bob@contoso.com's client to be running$/,
      /^never started$/,
    ],
  ]
  for (const [kind, expectation, expected, found] of wrong) {
    it(`fails a wrong ${kind} expectation with what it expected and found`, async () => {
      const f = failure(await run(`${SENT}  - expect:\n      - ${expectation}\n`))
      expect(f.expected).to.match(expected)
      expect(f.found).to.match(found)
      expect(f.line).to.equal(18)
    })
  }

  it('fails a shell line the organisation refuses, at its step', async () => {
    const r = await run(
      '  - advance: 1m\n  - shell: Set-CsClientPolicy -Identity NoSuchPolicy -EnableIMAutoArchiving $False\n',
    )
    const f = failure(r)
    expect(f.found).to.match(/NoSuchPolicy/)
    expect(f.line).to.equal(15)
    expect(r.stepsRun).to.equal(2)
  })

  it('fails a shell line naming a user the organisation does not have with the shell message, no stack', async () => {
    const r = await run(
      '  - shell: Grant-CsClientPolicy -Identity "Nobody Here" -PolicyName Tag:NoArchiving\n',
    )
    const f = failure(r)
    expect(f.found).to.match(/Management object not found for identity "Nobody Here"/)
    expect(f.found).not.to.match(/\n\s+at /)
    expect(f.line).to.equal(14)
  })

  it('reads the Recent list and the missed count of a recipient who signs in after delivery', async () => {
    const r = await run(`${SENT}  - sign-in: bob@contoso.com
  - expect:
      - client: { user: bob@contoso.com, recent: 1, missed: 1 }
      - trace: { user: bob@contoso.com, event: history, where: { recent: 1, missedUnread: 1 } }
`)
    expect(r.passed, r.failure?.message).to.equal(true)
  })

  const crashes: [string, string, string][] = [
    ['after-spool-write', 'alice@contoso.com', 'bob@contoso.com'],
    ['after-create-item', 'alice@contoso.com', 'bob@contoso.com'],
    ['before-spool-removal', 'alice@contoso.com', 'bob@contoso.com'],
    ['after-send-item', 'carol@fabrikam.com', 'dave@fabrikam.com'],
  ]
  for (const [point, from, to] of crashes) {
    it(`loses nothing when the client crashes ${point}${from.startsWith('alice') ? ', and sends once' : ''}`, async () => {
      const r = await run(`  - sign-in: ${from}
  - crash: { user: ${from}, at: ${point} }
  - send: { from: ${from}, to: ${to}, text: Crash test }
  - advance: 2m
  - restart: ${from}
  - advance: 4m
  - expect:
      - spooler: { user: ${from}, count: 0 }
      - mailbox: { user: ${to}, folder: inbox, ${from.startsWith('alice') ? 'count: 1, ' : ''}body-contains: Crash test }
      - trace: { user: ${from}, event: spool.load, count: 1 }
`)
      expect(
        r.passed,
        r.failure && `${r.failure.message}\n${JSON.stringify(r.failure.trace)}`,
      ).to.equal(true)
    })
  }

  it('fails a scenario whose client halts of a bug (a TypeError in a timer tick), with its stack', async () => {
    // A bug after every delivery: the IM is delivered, then the engine dies removing the spool file.
    const remove = Object.getOwnPropertyDescriptor(HistorySpooler.prototype, 'remove')!
    HistorySpooler.prototype.remove = function () {
      return Promise.reject(new TypeError('Cannot read properties of undefined (reading "id")'))
    }
    let r: ScenarioResult
    try {
      r = await run(`${SENT}  - expect:
      - mailbox: { user: bob@contoso.com, folder: inbox, count: 1 }
`)
    } finally {
      Object.defineProperty(HistorySpooler.prototype, 'remove', remove)
    }
    expect(r.passed, 'the scenario should fail').to.equal(false)
    expect(r.failure!.at.line).to.equal(16) // the advance during which it halted
    expect(r.failure!.message).to.match(
      /^during step "advance: 2m", alice@contoso\.com's client halted, and no crash step asked for it: TypeError: Cannot read properties of undefined \(reading "id"\)\n\s+at /,
    )
    expect(failureText(r)).to.include('TypeError: Cannot read properties')
  })

  it('takes latency faults in virtual time only', async () => {
    const r = await run(`  - fault: { kind: latency, latency: 1h, times: 5 }
${SENT}  - expect:
      - mailbox: { user: bob@contoso.com, folder: inbox, count: 1 }
`)
    // A real hour's wait would time the test out long before.
    expect(r.passed, r.failure?.message).to.equal(true)
  })

  it('runs scenarios side by side without sharing anything', async () => {
    const results = await Promise.all(
      [1, 2, 3].map(() =>
        run(
          `${SENT}  - expect:\n      - mailbox: { user: bob@contoso.com, folder: inbox, count: 1 }\n`,
        ),
      ),
    )
    expect(results.map((r) => r.passed)).to.deep.equal([true, true, true])
  })
})
