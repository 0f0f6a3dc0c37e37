/**
 * The `fault` step reaches every fault action mock-ews has (issue 14): 401, close mid-body,
 * malformed XML, any EWS error code, any HTTP status, as well as the shorthands; and matches
 * requests by folder and item class. Each is refused when written wrong, with file:line:column.
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
        - { address: bob@contoso.com, password: P@ssw0rd }
`

const { run, loadError } = inlineScenarios(TOPOLOGY)
const passes = (r: ScenarioResult): void => passed(r, true)

/** The fault hits the first delivery (09:02): the entry is kept, and goes out at 09:04, once. */
const kept = (fault: string, reason: string): string => `  - sign-in: alice@contoso.com
  - fault: ${fault}
  - send: { from: alice@contoso.com, to: bob@contoso.com, text: Through the fault }
  - advance: 2m
  - expect:
      - spooler: { user: alice@contoso.com, count: 1 }
      - trace: { user: alice@contoso.com, event: spool.keep, count: 1, where: { reason: { contains: "${reason}" } } }
  - advance: 2m
  - expect:
      - spooler: { user: alice@contoso.com, count: 0 }
      - mailbox: { user: bob@contoso.com, folder: inbox, count: 1, text-contains: Through the fault }
`

/** The fault does not match: delivered at 09:02 on the first attempt. */
const untouched = (fault: string): string => `  - sign-in: alice@contoso.com
  - fault: ${fault}
  - send: { from: alice@contoso.com, to: bob@contoso.com, text: Past the fault }
  - advance: 2m
  - expect:
      - spooler: { user: alice@contoso.com, count: 0 }
      - trace: { user: alice@contoso.com, event: spool.keep, count: 0 }
`

describe('scenario language: faults', function () {
  this.timeout(20_000)

  const actions: [string, string, string][] = [
    ['401', '{ kind: unauthorized, operation: CreateItem, times: 1 }', 'unauthorized (HTTP 401)'],
    [
      'a connection closed mid-answer (the item was created: sent once all the same)',
      '{ kind: close-mid-body, operation: CreateItem, times: 1 }',
      'network reset',
    ],
    [
      'malformed XML',
      '{ kind: malformed-xml, operation: CreateItem, times: 1 }',
      'malformed answer',
    ],
    [
      'any EWS error code, as a response message',
      '{ kind: ews-error, code: ErrorMailboxStoreUnavailable, level: message, message: Store offline, operation: CreateItem, times: 1 }',
      'ews ErrorMailboxStoreUnavailable (message): Store offline',
    ],
    [
      'any HTTP status',
      '{ kind: http-status, status: 503, operation: CreateItem, times: 1 }',
      'HTTP 503',
    ],
    [
      'a request naming a folder',
      '{ kind: http-500, folder: conversationhistory, times: 1 }',
      'HTTP 500',
    ],
    [
      'a request writing an item class',
      '{ kind: http-500, item-class: IPM.Note.Microsoft, times: 1 }',
      'HTTP 500',
    ],
    [
      'server-busy with its back-off',
      '{ kind: server-busy, back-off: 30s, operation: CreateItem, times: 1 }',
      'ErrorServerBusy',
    ],
  ]
  for (const [what, fault, reason] of actions) {
    it(`reaches ${what}`, async () => {
      passes(await run(kept(fault, reason)))
    })
  }

  it('leaves requests alone that name another folder or item class', async () => {
    passes(await run(untouched('{ kind: http-500, folder: inbox, times: 5 }')))
    passes(await run(untouched('{ kind: http-500, item-class: IPM.Appointment, times: 5 }')))
  })

  it('applies a fault with a probability (1: every matching request; 0: none)', async () => {
    passes(await run(untouched('{ kind: unauthorized, operation: CreateItem, probability: 0 }')))
    passes(
      await run(`  - sign-in: alice@contoso.com
  - fault: { kind: unauthorized, operation: CreateItem, probability: 1 }
  - send: { from: alice@contoso.com, to: bob@contoso.com, text: Never }
  - advance: 10m
  - expect:
      - spooler: { user: alice@contoso.com, count: 1 }
      - trace: { user: alice@contoso.com, event: spool.keep, count: 5 }
`),
    )
  })

  const errors: [string, string, RegExp][] = [
    [
      'an EWS code messages.xsd does not have',
      '  - fault: { kind: ews-error, code: ErrorNoSuchThing, times: 1 }\n',
      /^test\.yaml:9:37: steps\[0\]\.fault\.code: an EWS ResponseCode of messages\.xsd such as ErrorServerBusy$/,
    ],
    [
      'an ews-error without a code',
      '  - fault: { kind: ews-error, times: 1 }\n',
      /^test\.yaml:9:12: steps\[0\]\.fault: a "code" for a ews-error fault$/,
    ],
    [
      'a key the kind does not take',
      '  - fault: { kind: http-500, status: 503, times: 1 }\n',
      /^test\.yaml:9:30: steps\[0\]\.fault\.status: no "status" for a http-500 fault \(only for http-status\)$/,
    ],
    [
      'a status that is no error',
      '  - fault: { kind: http-status, status: 200, times: 1 }\n',
      /^test\.yaml:9:41: steps\[0\]\.fault\.status: a value that must be >= 400/,
    ],
    [
      'an unknown kind',
      '  - fault: { kind: tls-error, times: 1 }\n',
      /^test\.yaml:9:20: steps\[0\]\.fault\.kind: one of unreachable, server-busy, latency, http-500, ews-error, http-status, unauthorized, close-mid-body, malformed-xml/,
    ],
    [
      'a probability above 1',
      '  - fault: { kind: unauthorized, probability: 1.5 }\n',
      /^test\.yaml:9:\d+: steps\[0\]\.fault\.probability: a value that must be <= 1/,
    ],
  ]
  for (const [what, steps, message] of errors) {
    it(`refuses ${what} with file:line:column`, () => {
      expect(loadError(steps)).to.match(message)
    })
  }
})
