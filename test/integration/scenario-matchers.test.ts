/**
 * The scenario language's matchers, counts, order and times (issue 14): `text-contains` beside
 * `body-contains`, `contains`/`matches` on mailbox text and trace fields, counts as ranges and
 * `grew-by`, `in-order`, `received-at` and `received-within`; each refused when written wrong,
 * with file:line:column.
 */
import { expect } from 'chai'
import type { ScenarioResult } from '../../scenarios/runner/model.ts'
import { inlineScenarios, passes as passed } from '../helpers/inline-scenarios.ts'

const TOPOLOGY = `topology:
  organisations:
    - domain: contoso.com
      exchange: exchange-2016
      users:
        - { address: alice@contoso.com, password: P@ssw0rd, client: { build: 16.0.6965.2058 } }
        - { address: bob@contoso.com, password: P@ssw0rd, client: { build: 16.0.6965.2058 } }
        - { address: dave@contoso.com, password: P@ssw0rd, client: { build: 16.0.6965.2058 } }
    - domain: fabrikam.com
      exchange: exchange-online
      users:
        - { address: carol@fabrikam.com, password: P@ssw0rd, client: { build: 16.0.6965.2058 } }
    - domain: tailspin.com
      exchange: exchange-2016
      skype: { server: sfb-server-2015-rtm }
      users:
        - { address: erin@tailspin.com, password: P@ssw0rd }
`

const { run, loadError } = inlineScenarios(TOPOLOGY)
const passes = passed

describe('scenario language: matchers, counts, order and time', function () {
  this.timeout(20_000)

  /** alice writes to bob (offline) at 09:00, dave at 09:01; delivered at 09:02 and 09:03. */
  const TWO = `  - sign-in: [alice@contoso.com, dave@contoso.com]
  - send: { from: alice@contoso.com, to: bob@contoso.com, text: "Fish & <chips> first" }
  - advance: 1m
  - send: { from: dave@contoso.com, to: bob@contoso.com, text: Peas second }
  - advance: 2m
`
  function failed(r: ScenarioResult): { expected: string; found: string } {
    expect(r.passed, 'the scenario should fail').to.equal(false)
    const f = r.failure!
    return { expected: f.expectation?.expected ?? f.message, found: f.expectation?.found ?? '' }
  }

  describe('text, counts, order and time', () => {
    it('text-contains reads the body as a person does (tags removed, entities decoded); body-contains the raw body', async () => {
      passes(
        await run(`${TWO}  - expect:
      - mailbox: { user: bob@contoso.com, folder: inbox, count: 1, text-contains: "Fish & <chips> first" }
      - mailbox: { user: bob@contoso.com, folder: inbox, count: 1, body-contains: ": Fish &amp; &lt;chips&gt; first</div>" }
      - mailbox: { user: bob@contoso.com, folder: inbox, count: 0, body-contains: "Fish & <chips>" }
      - mailbox: { user: bob@contoso.com, folder: inbox, count: 0, text-contains: "<div>" }
      - mailbox: { user: bob@contoso.com, folder: inbox, count: 2, subject-contains: { matches: "^(Alice|Dave) sent you" } }
`),
      )
    })

    it('counts in a range, and fails outside it saying the range', async () => {
      passes(
        await run(`${TWO}  - expect:
      - mailbox: { user: bob@contoso.com, folder: inbox, count: { min: 1, max: 2 } }
      - mailbox: { user: bob@contoso.com, folder: inbox, count: { max: 2 } }
      - spooler: { user: alice@contoso.com, count: { max: 0 } }
`),
      )
      const f = failed(
        await run(
          `${TWO}  - expect:\n      - mailbox: { user: bob@contoso.com, folder: inbox, count: { min: 3 } }\n`,
        ),
      )
      expect(f.expected).to.equal("at least 3 matching item(s) in bob@contoso.com's inbox")
      expect(f.found).to.match(/^2 matching of 2/)
    })

    it('counts what grew since the last check of the same things', async () => {
      passes(
        await run(`  - sign-in: [alice@contoso.com, dave@contoso.com]
  - expect:
      - mailbox: { user: bob@contoso.com, folder: inbox, count: 0 }
      - trace: { user: alice@contoso.com, event: spool.write, count: 0 }
  - send: { from: alice@contoso.com, to: bob@contoso.com, text: one }
  - send: { from: dave@contoso.com, to: bob@contoso.com, text: two }
  - advance: 2m
  - expect:
      - mailbox: { user: bob@contoso.com, folder: inbox, count: { grew-by: 2 } }
      - trace: { user: alice@contoso.com, event: spool.write, count: { grew-by: 1 } }
      - mailbox: { user: bob@contoso.com, folder: inbox, count: { grew-by: 0 } }
`),
      )
      const f = failed(
        await run(`${TWO}  - expect:
      - mailbox: { user: bob@contoso.com, folder: inbox, count: 1, text-contains: first }
  - expect:
      - mailbox: { user: bob@contoso.com, folder: inbox, count: { grew-by: 1 }, text-contains: first }
`),
      )
      expect(f.expected).to.equal(
        "2 matching item(s) (1 at the last check, grown by 1) in bob@contoso.com's inbox",
      )
    })

    it('fails grew-by with no earlier check of the same things', async () => {
      const f = failed(
        await run(`${TWO}  - expect:
      - mailbox: { user: bob@contoso.com, folder: inbox, count: 2 }
      - mailbox: { user: bob@contoso.com, folder: drafts, count: { grew-by: 0 } }
`),
      )
      expect(f.expected).to.match(
        /^an earlier check of the same matching item\(s\) \(grew-by counts from it\)/,
      )
    })

    it('keeps items received in the same second in the order they arrived', async () => {
      passes(
        await run(`  - sign-in: [alice@contoso.com, dave@contoso.com]
  - send: { from: alice@contoso.com, to: bob@contoso.com, text: first }
  - send: { from: dave@contoso.com, to: bob@contoso.com, text: second }
  - advance: 2m
  - expect:
      - mailbox: { user: bob@contoso.com, folder: inbox, count: 2, received-at: 2016-06-10T09:02:00Z }
      - mailbox: { user: bob@contoso.com, folder: inbox, in-order: [first, second] }
`),
      )
    })

    it('expects the items of a folder oldest first, and shows the order found when it differs', async () => {
      passes(
        await run(`${TWO}  - expect:
      - mailbox: { user: bob@contoso.com, folder: inbox, in-order: [first, { matches: "P[a-z]+ second" }] }
`),
      )
      const f = failed(
        await run(
          `${TWO}  - expect:\n      - mailbox: { user: bob@contoso.com, folder: inbox, in-order: [second, first] }\n`,
        ),
      )
      expect(f.expected).to.equal(
        'matching item(s) in bob@contoso.com\'s inbox, oldest first: containing "second", then containing "first"'.replace(
          /^/,
          '2 ',
        ),
      )
      expect(f.found).to.match(
        /^2, oldest first: \[09:02:00 .*"Alice 09:00:00 UTC: Fish & <chips> first"\] \[09:03:00 .*"Dave 09:01:00 UTC: Peas second"\]$/,
      )
    })

    it('checks when items were received on the virtual clock', async () => {
      passes(
        await run(`${TWO}  - expect:
      - mailbox: { user: bob@contoso.com, folder: inbox, count: 1, received-at: 2016-06-10T09:03:00Z, text-contains: second }
      - mailbox: { user: bob@contoso.com, folder: inbox, count: 0, received-at: 2016-06-10T09:02:30Z }
      - mailbox: { user: bob@contoso.com, folder: inbox, count: 1, received-within: 30s }
      - mailbox: { user: bob@contoso.com, folder: inbox, count: 2, received-within: 1m }
  - advance: 10m
  - expect:
      - mailbox: { user: bob@contoso.com, folder: inbox, count: 0, received-within: 5m }
`),
      )
    })

    it('matches trace fields with contains and matches beside plain values', async () => {
      const r = await run(`${TWO}  - expect:
      - trace: { user: alice@contoso.com, event: spool.write, count: 1, where: { to: { matches: "^bob@" }, file: { contains: History Spooler } } }
      - trace: { user: alice@contoso.com, event: spool.write, count: 0, where: { to: { contains: carol } } }
`)
      passes(r)
      const f = failed(
        await run(
          `${TWO}  - expect:\n      - trace: { user: alice@contoso.com, event: spool.write, where: { to: { matches: "^carol" } } }\n`,
        ),
      )
      expect(f.expected).to.equal(
        'at least one "spool.write" event(s) with {"to":matching /^carol/} in alice@contoso.com\'s trace',
      )
    })

    const errors: [string, string, RegExp][] = [
      [
        'a range whose maximum is below its minimum',
        '  - expect:\n      - mailbox: { user: bob@contoso.com, folder: inbox, count: { min: 3, max: 1 } }\n',
        /^test\.yaml:20:80: steps\[0\]\.expect\[0\]\.mailbox\.count\.max: a maximum not below the minimum \(3\)/,
      ],
      [
        'a count that is neither a number, a range nor grew-by',
        '  - expect:\n      - spooler: { user: alice@contoso.com, count: { at-least: 1 } }\n',
        /^test\.yaml:20:\d+: steps\[0\]\.expect\[0\]\.spooler\.count.*\(schema: #\/definitions\/count\//,
      ],
      [
        'a bad regular expression in a trace field',
        '  - expect:\n      - trace: { user: alice@contoso.com, event: x, where: { to: { matches: "[" } } }\n',
        /^test\.yaml:20:\d+: steps\[0\]\.expect\[0\]\.trace\.where\.to\.matches: a regular expression/,
      ],
      [
        'a received-within that is no duration',
        '  - expect:\n      - mailbox: { user: bob@contoso.com, folder: inbox, received-within: soon }\n',
        /^test\.yaml:20:75: steps\[0\]\.expect\[0\]\.mailbox\.received-within: .*\(schema: #\/definitions\/duration\/pattern\)/,
      ],
      [
        'a received-at that is no time',
        '  - expect:\n      - mailbox: { user: bob@contoso.com, folder: inbox, received-at: 9am }\n',
        /^test\.yaml:20:71: steps\[0\]\.expect\[0\]\.mailbox\.received-at: .*\(schema: #\/definitions\/time\/pattern\)/,
      ],
      [
        'an empty in-order',
        '  - expect:\n      - mailbox: { user: bob@contoso.com, folder: inbox, in-order: [] }\n',
        /^test\.yaml:20:68: steps\[0\]\.expect\[0\]\.mailbox\.in-order: a value that must NOT have fewer than 1 items/,
      ],
      [
        'a bad regular expression in text-contains',
        '  - expect:\n      - mailbox: { user: bob@contoso.com, folder: inbox, text-contains: { matches: "(" } }\n',
        /^test\.yaml:20:\d+: steps\[0\]\.expect\[0\]\.mailbox\.text-contains\.matches: a regular expression/,
      ],
    ]
    for (const [what, steps, message] of errors) {
      it(`refuses ${what} with file:line:column`, () => {
        expect(loadError(steps)).to.match(message)
      })
    }
  })
})
