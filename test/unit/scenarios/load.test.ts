/**
 * Loading scenario files: every error names the file, line, column, field path and what was
 * expected (from the JSON Schema or the meaning checks); a good file becomes typed steps.
 */
import { expect } from 'chai'
import { parseScenario, parseDuration, ScenarioError } from '../../../scenarios/runner/load.ts'

const TOPOLOGY = `topology:
  organisations:
    - domain: contoso.com
      exchange: exchange-2016
      users:
        - { address: alice@contoso.com, password: P@ssw0rd, client: { build: 16.0.6965.2058 } }
        - { address: bob@contoso.com, password: P@ssw0rd }
`

function loadError(text: string): ScenarioError {
  try {
    parseScenario(text, 'test.yaml')
  } catch (e) {
    if (e instanceof ScenarioError) return e
    throw e
  }
  throw new Error('expected a ScenarioError')
}

describe('scenario loading', () => {
  it('reads every step kind into typed steps with their positions', () => {
    const s = parseScenario(
      `${TOPOLOGY}steps:
  - at: 2016-06-10T10:00:00Z
  - advance: 1h2m3s
  - shell: Set-CsImConfiguration -EnableOfflineIM $True
  - shell: { org: contoso.com, run: Get-CsImConfiguration }
  - sign-in: alice@contoso.com
  - presence: { user: alice@contoso.com, set: busy }
  - send: { from: alice@contoso.com, to: bob@contoso.com, text: Hi }
  - upgrade: { user: alice@contoso.com, channel: Current, installed: 2016-06-14 }
  - crash: { user: alice@contoso.com, at: after-create-item }
  - crash: alice@contoso.com
  - restart: alice@contoso.com
  - fault: { kind: server-busy, org: contoso.com, times: 3, back-off: 30s }
  - sign-out: [alice@contoso.com]
  - expect:
      - mailbox: { user: bob@contoso.com, folder: missed-conversations, count: 1, class: IPM.Note.Microsoft.Missed }
      - spooler: { user: alice@contoso.com, count: 0 }
      - trace: { user: alice@contoso.com, event: delivered, where: { path: one-step } }
      - told: { user: alice@contoso.com, outcome: spooled, contains: offline }
      - shell-output: { contains: "EnableOfflineIm : True" }
      - client: { user: alice@contoso.com, recent: 0, missed: 0 }
expect:
  - spooler: { user: alice@contoso.com, count: 0 }
`,
      'good.yaml',
    )
    expect(s.name).to.equal('good')
    expect(s.start.toISOString()).to.equal('2016-06-10T09:00:00.000Z')
    expect(s.clients.get('alice@contoso.com')).to.deep.equal({ build: '16.0.6965.2058' })
    expect(s.clients.has('bob@contoso.com')).to.equal(false)
    expect(s.steps.map((x) => x.kind)).to.deep.equal([
      'at',
      'advance',
      'shell',
      'shell',
      'sign-in',
      'presence',
      'send',
      'upgrade',
      'crash',
      'crash',
      'restart',
      'fault',
      'sign-out',
      'expect',
      'expect',
    ])
    expect(s.steps[1]).to.include({ kind: 'advance', ms: 3_723_000 })
    expect(s.steps[3]).to.include({
      kind: 'shell',
      org: 'contoso.com',
      line: 'Get-CsImConfiguration',
    })
    expect(s.steps[8]).to.include({ kind: 'crash', point: 'after-create-item' })
    expect(s.steps[9]).to.include({ kind: 'crash', point: undefined })
    expect(s.steps[11]).to.deep.include({
      kind: 'fault',
      fault: 'server-busy',
      times: 3,
      definition: {
        action: { type: 'ews-error', code: 'ErrorServerBusy', backOffMs: 30_000 },
        match: { organisation: 'contoso.com' },
      },
    })
    expect(s.steps[6]!.at).to.deep.equal({ file: 'good.yaml', line: 15, column: 5 })
    const expectations = s.steps[13]!.kind === 'expect' ? s.steps[13]!.expectations : []
    expect(expectations.map((e) => e.kind)).to.deep.equal([
      'mailbox',
      'spooler',
      'trace',
      'told',
      'shell-output',
      'client',
    ])
    expect(expectations[0]!.at.line).to.equal(23)
  })

  const cases: [string, string, RegExp][] = [
    [
      'an unknown top-level key',
      `${TOPOLOGY}steps: [{ advance: 1m }]\ncolour: red\n`,
      /^test\.yaml:9:1: colour: no key "colour"/,
    ],
    [
      'an unknown step kind',
      `${TOPOLOGY}steps:\n  - jump: 1m\n`,
      /^test\.yaml:9:5: steps\[0\]\.jump: no key "jump" here \(allowed: at, advance/,
    ],
    [
      'an unknown key in a step',
      `${TOPOLOGY}steps:\n  - send: { from: alice@contoso.com, to: bob@contoso.com, text: Hi, urgent: true }\n`,
      /^test\.yaml:9:69: steps\[0\]\.send\.urgent: no key "urgent"/,
    ],
    [
      'two kinds in one step',
      `${TOPOLOGY}steps:\n  - advance: 1m\n    at: 2016-06-10T10:00:00Z\n`,
      /^test\.yaml:9:5: steps\[0\]: exactly one key/,
    ],
    [
      'a bad duration',
      `${TOPOLOGY}steps:\n  - advance: two minutes\n`,
      /^test\.yaml:9:14: steps\[0\]\.advance: a value that must match pattern .*\(schema: #\/definitions\/duration\/pattern\)/,
    ],
    [
      'a bad expectation folder',
      `${TOPOLOGY}steps:\n  - expect:\n      - mailbox: { user: bob@contoso.com, folder: archive }\n`,
      /^test\.yaml:10:51: steps\[0\]\.expect\[0\]\.mailbox\.folder: one of inbox, drafts/,
    ],
    [
      'a user not in the topology',
      `${TOPOLOGY}steps:\n  - sign-in: zoe@contoso.com\n`,
      /^test\.yaml:9:14: steps\[0\]\.sign-in: a user of the topology, not "zoe@contoso\.com"/,
    ],
    [
      'a user not in the topology in a list (at that item)',
      `${TOPOLOGY}steps:\n  - sign-in: [alice@contoso.com, zoe@contoso.com]\n`,
      /^test\.yaml:9:34: steps\[0\]\.sign-in\[1\]: a user of the topology, not "zoe@contoso\.com"/,
    ],
    [
      'an expectation about a user not in the topology',
      `${TOPOLOGY}steps:\n  - expect:\n      - spooler: { user: Zoe@Contoso.com }\n`,
      /^test\.yaml:10:26: steps\[0\]\.expect\[0\]\.spooler\.user: a user of the topology, not "zoe@contoso\.com"/,
    ],
    [
      'a sender without a client',
      `${TOPOLOGY}steps:\n  - send: { from: bob@contoso.com, to: alice@contoso.com, text: Hi }\n`,
      /^test\.yaml:9:19: steps\[0\]\.send\.from: a user with a client/,
    ],
    [
      'a clock going back',
      `${TOPOLOGY}steps:\n  - advance: 2h\n  - at: 2016-06-10T10:00:00Z\n`,
      /^test\.yaml:10:9: steps\[1\]\.at: a time not before 2016-06-10T11:00:00\.000Z/,
    ],
    [
      'an unknown cmdlet',
      `${TOPOLOGY}steps:\n  - shell: Get-CsImConfig\n`,
      /^test\.yaml:9:12: steps\[0\]\.shell: The term 'Get-CsImConfig' is not recognized/,
    ],
    [
      'an unknown shell parameter',
      `${TOPOLOGY}steps:\n  - shell: "Set-CsImConfiguration -EnableOfflineIM $True -Colour red"\n`,
      /^test\.yaml:9:58: steps\[0\]\.shell: A parameter cannot be found that matches parameter name .Colour./,
    ],
    [
      'a topology error',
      TOPOLOGY.replace('exchange-2016', 'exchange-2003') + 'steps: [{ advance: 1m }]\n',
      /^test\.yaml:4:17: topology\.organisations\[0\]\.exchange: one of exchange-2010-sp3/,
    ],
    [
      'a channel day without a build',
      TOPOLOGY.replace('build: 16.0.6965.2058', 'channel: Current, installed: 2015-01-01') +
        'steps: [{ advance: 1m }]\n',
      /^test\.yaml:6:100: topology\.organisations\[0\]\.users\[0\]\.client\.installed: a day on which the Current channel had a 2016 build/,
    ],
    [
      'YAML that does not parse',
      `${TOPOLOGY}steps:\n  - advance: [1m\n`,
      /^test\.yaml:\d+:\d+: \(top level\): valid YAML/,
    ],
    [
      'duplicate keys',
      `${TOPOLOGY}steps: [{ advance: 1m }]\nsteps: [{ advance: 2m }]\n`,
      /^test\.yaml:9:1: \(top level\): valid YAML/,
    ],
  ]
  for (const [what, text, message] of cases) {
    it(`refuses ${what}, with file, line, column and path`, () => {
      expect(loadError(text).message).to.match(message)
    })
  }

  it('reads durations', () => {
    expect(parseDuration('2m')).to.equal(120_000)
    expect(parseDuration('90s')).to.equal(90_000)
    expect(parseDuration('1h30m')).to.equal(5_400_000)
    expect(parseDuration('500ms')).to.equal(500)
    expect(parseDuration('1m500ms')).to.equal(60_500)
  })
})
