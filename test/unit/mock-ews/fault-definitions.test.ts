// Fault definitions as data (STYLE.md point 10): parseFaultDefinition checks untrusted JSON and
// names the path of what is wrong; describeFault gives the one line logs and the journal show;
// errorLevel says whether an ews-error is a SOAP fault or every response message.
import { expect } from 'chai'
import {
  describeFault,
  errorLevel,
  FaultDefinitionError,
  parseFaultDefinition,
} from '../../../mock-ews/faults/definitions.ts'
import type { FaultAction, FaultDefinition } from '../../../mock-ews/faults/definitions.ts'

const BUSY = { type: 'ews-error', code: 'ErrorServerBusy' }

/** The message of the FaultDefinitionError that parsing `json` throws. */
function refusal(json: unknown): string {
  try {
    parseFaultDefinition(json)
  } catch (e) {
    expect(e).to.be.instanceOf(FaultDefinitionError)
    return (e as Error).message
  }
  expect.fail(`accepted ${JSON.stringify(json)}`)
}

describe('parseFaultDefinition', () => {
  describe('accepts', () => {
    it('every action type, keeping its parameters', () => {
      const actions: FaultAction[] = [
        {
          type: 'ews-error',
          code: 'ErrorServerBusy',
          message: 'Try later.',
          backOffMs: 297749,
          level: 'fault',
        },
        { type: 'ews-error', code: 'ErrorMailboxStoreUnavailable', level: 'message' },
        { type: 'ews-error', code: 'ErrorServerBusy', backOffMs: 0 },
        { type: 'http-status', status: 503 },
        { type: 'http-status', status: 400 },
        { type: 'http-status', status: 599 },
        { type: 'unauthorized' },
        { type: 'latency', ms: 250 },
        { type: 'latency', ms: 0 },
        { type: 'reset' },
        { type: 'close-mid-body' },
        { type: 'malformed-xml' },
      ]
      for (const action of actions) {
        expect(parseFaultDefinition({ action }).action, JSON.stringify(action)).to.deep.equal(
          action,
        )
      }
    })

    it('every match field, kept as given', () => {
      const match = {
        operation: 'FindItem',
        mailbox: 'alice@contoso.com',
        organisation: 'contoso.com',
        folder: 'inbox',
        itemClass: 'IPM.Note.Microsoft',
      }
      expect(parseFaultDefinition({ match, action: BUSY }).match).to.deep.equal(match)
    })

    it('every rule: always, times, window and probability', () => {
      const rules = [
        { type: 'always' },
        { type: 'times', count: 3 },
        { type: 'window', from: '2016-06-10T09:00:00Z', to: '2016-06-10T09:00:30Z' },
        { type: 'probability', p: 0 },
        { type: 'probability', p: 0.25 },
        { type: 'probability', p: 1 },
      ]
      for (const when of rules)
        expect(parseFaultDefinition({ action: BUSY, when }).when, when.type).to.deep.equal(when)
    })

    it('turns once into times with a count of 1', () => {
      expect(parseFaultDefinition({ action: BUSY, when: { type: 'once' } }).when).to.deep.equal({
        type: 'times',
        count: 1,
      })
    })

    it('fills in an empty match and the always rule when they are left out', () => {
      expect(parseFaultDefinition({ action: { type: 'reset' } })).to.deep.equal({
        match: {},
        action: { type: 'reset' },
        when: { type: 'always' },
      })
    })

    it('returns new objects: changing the JSON afterwards does not change the definition', () => {
      const json = {
        match: { operation: 'GetItem' },
        action: { type: 'latency', ms: 10 },
        when: { type: 'times', count: 2 },
      }
      const def = parseFaultDefinition(json)
      json.match.operation = 'DeleteItem'
      json.action.ms = 99
      json.when.count = 7
      expect(def).to.deep.equal({
        match: { operation: 'GetItem' },
        action: { type: 'latency', ms: 10 },
        when: { type: 'times', count: 2 },
      })
    })
  })

  describe('refuses, naming the path', () => {
    it('a definition that is not an object', () => {
      for (const json of [null, undefined, 'reset', 42, [{ action: { type: 'reset' } }]])
        expect(refusal(json), String(json)).to.equal('fault: expected an object')
    })

    it('an unknown key at any level', () => {
      expect(refusal({ action: BUSY, then: 'succeed' })).to.match(/^fault\.then: /)
      expect(refusal({ action: BUSY, match: { user: 'alice@contoso.com' } })).to.match(
        /^fault\.match\.user: .*no such key/,
      )
      expect(refusal({ action: { ...BUSY, retryAfter: 5 } })).to.match(
        /^fault\.action\.retryAfter: .*no such key/,
      )
      expect(refusal({ action: BUSY, when: { type: 'times', count: 2, max: 3 } })).to.match(
        /^fault\.when\.max: .*no such key/,
      )
    })

    it('a missing or misshapen action', () => {
      expect(refusal({})).to.equal('fault.action: expected an object')
      expect(refusal({ action: 'reset' })).to.equal('fault.action: expected an object')
      expect(refusal({ action: {} })).to.match(/^fault\.action\.type: expected a string/)
      expect(refusal({ action: { type: 'explode' } })).to.match(
        /^fault\.action\.type: expected one of ews-error, http-status, unauthorized, latency, reset, close-mid-body, malformed-xml/,
      )
    })

    it('match fields that are not non-empty strings', () => {
      expect(refusal({ action: BUSY, match: 'inbox' })).to.equal('fault.match: expected an object')
      expect(refusal({ action: BUSY, match: { operation: 7 } })).to.equal(
        'fault.match.operation: expected a string',
      )
      expect(refusal({ action: BUSY, match: { mailbox: '' } })).to.equal(
        'fault.match.mailbox: expected a string',
      )
      expect(refusal({ action: BUSY, match: { folder: '  ' } })).to.equal(
        'fault.match.folder: expected a string',
      )
      expect(refusal({ action: BUSY, match: { itemClass: ['IPM.Note'] } })).to.equal(
        'fault.match.itemClass: expected a string',
      )
    })

    it('an ews-error code that is missing, not a string, or not an Error… ResponseCode', () => {
      expect(refusal({ action: { type: 'ews-error' } })).to.equal(
        'fault.action.code: expected a string',
      )
      expect(refusal({ action: { type: 'ews-error', code: 503 } })).to.equal(
        'fault.action.code: expected a string',
      )
      for (const code of [
        'ServerBusy',
        'NoError',
        'Error',
        'Error503',
        'errorServerBusy',
        'Error Server',
      ])
        expect(refusal({ action: { type: 'ews-error', code } }), code).to.match(
          /^fault\.action\.code: expected an EWS ResponseCode/,
        )
    })

    it('an ews-error code that is not an EWS ResponseCode', () => {
      expect(refusal({ action: { type: 'ews-error', code: 'ErrorServerBussy' } })).to.match(
        /^fault\.action\.code: /,
      )
    })

    it('a bad message, back-off or level of an ews-error', () => {
      expect(refusal({ action: { ...BUSY, message: '' } })).to.equal(
        'fault.action.message: expected a string',
      )
      for (const backOffMs of [-1, '1000', Number.NaN, Infinity, 86_400_001])
        expect(refusal({ action: { ...BUSY, backOffMs } }), String(backOffMs)).to.equal(
          'fault.action.backOffMs: expected a whole number from 0 to 86400000',
        )
      expect(refusal({ action: { ...BUSY, level: 'soap' } })).to.equal(
        'fault.action.level: expected "fault" or "message"',
      )
    })

    it('an HTTP status outside 400-599 or not a number', () => {
      for (const status of [399, 600, 200, 0, '503', undefined])
        expect(refusal({ action: { type: 'http-status', status } }), String(status)).to.equal(
          'fault.action.status: expected a whole number from 400 to 599',
        )
    })

    it('an HTTP status that is not a whole number', () => {
      expect(refusal({ action: { type: 'http-status', status: 503.5 } })).to.match(
        /^fault\.action\.status: /,
      )
    })

    it('a latency that is negative, too long or not a number', () => {
      for (const ms of [-1, 3_600_001, '250', null])
        expect(refusal({ action: { type: 'latency', ms } }), String(ms)).to.equal(
          'fault.action.ms: expected a whole number from 0 to 3600000',
        )
    })

    it('a key that belongs to another action type or rule', () => {
      expect(refusal({ action: { type: 'reset', ms: 500 } })).to.match(/^fault\.action\.ms: /)
      expect(refusal({ action: { type: 'latency', ms: 5, status: 503 } })).to.match(
        /^fault\.action\.status: /,
      )
      expect(refusal({ action: BUSY, when: { type: 'always', count: 3 } })).to.match(
        /^fault\.when\.count: /,
      )
    })

    it('an unknown rule', () => {
      expect(refusal({ action: BUSY, when: 'once' })).to.equal('fault.when: expected an object')
      expect(refusal({ action: BUSY, when: { type: 'twice' } })).to.equal(
        'fault.when.type: expected one of always, once, times, window, probability',
      )
    })

    it('a count below 1 or not a number', () => {
      for (const count of [0, -2, '3', undefined])
        expect(refusal({ action: BUSY, when: { type: 'times', count } }), String(count)).to.equal(
          'fault.when.count: expected a whole number from 1 to 1000000000',
        )
    })

    it('a count that is not a whole number', () => {
      expect(refusal({ action: BUSY, when: { type: 'times', count: 1.5 } })).to.match(
        /^fault\.when\.count: /,
      )
    })

    it('a probability outside 0..1 or not a number', () => {
      for (const p of [-0.01, 1.01, 50, '0.5', Number.NaN])
        expect(refusal({ action: BUSY, when: { type: 'probability', p } }), String(p)).to.equal(
          'fault.when.p: expected a number from 0 to 1',
        )
    })

    it('a window whose bounds are missing or not date-times', () => {
      const to = '2016-06-10T09:10:00Z'
      const from = '2016-06-10T09:00:00Z'
      expect(refusal({ action: BUSY, when: { type: 'window', to } })).to.equal(
        'fault.when.from: expected a string',
      )
      expect(refusal({ action: BUSY, when: { type: 'window', from } })).to.equal(
        'fault.when.to: expected a string',
      )
      expect(refusal({ action: BUSY, when: { type: 'window', from: 'soon', to } })).to.equal(
        'fault.when.from: expected an ISO date-time such as 2016-06-10T09:00:00Z',
      )
      expect(refusal({ action: BUSY, when: { type: 'window', from, to: 'later' } })).to.equal(
        'fault.when.to: expected an ISO date-time such as 2016-06-10T09:00:00Z',
      )
    })

    it('a window whose end is not after its start', () => {
      const from = '2016-06-10T09:00:00Z'
      for (const to of [from, '2016-06-10T08:59:59.999Z'])
        expect(refusal({ action: BUSY, when: { type: 'window', from, to } }), to).to.equal(
          'fault.when.to: expected an ISO date-time after from',
        )
    })

    it('window bounds that are dates but not ISO date-times', () => {
      expect(
        refusal({
          action: BUSY,
          when: { type: 'window', from: 'June 10, 2016', to: '2016-06-11T00:00:00Z' },
        }),
      ).to.match(/^fault\.when\.from: /)
    })
  })
})

describe('describeFault', () => {
  const describeJson = (json: unknown): string => describeFault(parseFaultDefinition(json))

  it('an ErrorServerBusy fault with a back-off, on one operation, twice', () => {
    expect(
      describeJson({
        match: { operation: 'FindItem' },
        action: { ...BUSY, backOffMs: 297749 },
        when: { type: 'times', count: 2 },
      }),
    ).to.equal('ErrorServerBusy (BackOffMilliseconds 297749) as a SOAP fault on FindItem, 2 times')
  })

  it('a message-level error on any operation, once', () => {
    expect(
      describeJson({
        action: { type: 'ews-error', code: 'ErrorMailboxStoreUnavailable' },
        when: { type: 'once' },
      }),
    ).to.equal('ErrorMailboxStoreUnavailable as every response message on any operation, once')
  })

  it('a reset of one organisation during a window', () => {
    expect(
      describeJson({
        match: { organisation: 'fabrikam.com' },
        action: { type: 'reset' },
        when: { type: 'window', from: '2016-06-10T09:00:00Z', to: '2016-06-10T09:00:30Z' },
      }),
    ).to.equal(
      'connection reset before processing on any operation in fabrikam.com, from 2016-06-10T09:00:00Z to 2016-06-10T09:00:30Z',
    )
  })

  it('every match field, in order', () => {
    expect(
      describeJson({
        match: {
          itemClass: 'IPM.Note.Microsoft',
          folder: 'inbox',
          organisation: 'contoso.com',
          mailbox: 'alice@contoso.com',
          operation: 'GetItem',
        },
        action: { type: 'http-status', status: 503 },
        when: { type: 'probability', p: 0.25 },
      }),
    ).to.equal(
      'HTTP 503 on GetItem for alice@contoso.com in contoso.com naming folder inbox with item class IPM.Note.Microsoft*, with probability 0.25',
    )
  })

  it('every other action', () => {
    const line = (action: unknown) => describeJson({ action })
    expect(line({ type: 'unauthorized' })).to.equal('HTTP 401 on any operation, always')
    expect(line({ type: 'latency', ms: 250 })).to.equal('250 ms latency on any operation, always')
    expect(line({ type: 'close-mid-body' })).to.equal(
      'connection closed mid-answer after processing on any operation, always',
    )
    expect(line({ type: 'malformed-xml' })).to.equal('malformed XML on any operation, always')
    expect(line({ type: 'ews-error', code: 'ErrorServerBusy', level: 'message' })).to.equal(
      'ErrorServerBusy as every response message on any operation, always',
    )
  })

  it('a definition written in code without match or when: any operation, always', () => {
    const def: FaultDefinition = { action: { type: 'reset' } }
    expect(describeFault(def)).to.equal(
      'connection reset before processing on any operation, always',
    )
  })
})

describe('errorLevel', () => {
  const level = (code: string, explicit?: 'fault' | 'message') =>
    errorLevel({ type: 'ews-error', code, ...(explicit && { level: explicit }) })

  it('answers ErrorServerBusy and the other request-level codes as a SOAP fault', () => {
    for (const code of [
      'ErrorServerBusy',
      'ErrorInvalidServerVersion',
      'ErrorSchemaValidation',
      'ErrorInvalidRequest',
    ])
      expect(level(code), code).to.equal('fault')
  })

  it('answers ErrorMailboxStoreUnavailable and other codes as every response message', () => {
    for (const code of ['ErrorMailboxStoreUnavailable', 'ErrorItemNotFound', 'ErrorAccessDenied'])
      expect(level(code), code).to.equal('message')
  })

  it('lets an explicit level win', () => {
    expect(level('ErrorServerBusy', 'message')).to.equal('message')
    expect(level('ErrorMailboxStoreUnavailable', 'fault')).to.equal('fault')
    expect(level('ErrorServerBusy', 'fault')).to.equal('fault')
  })
})
