// The fault action table (mock-ews/faults/actions.ts), one kind at a time, on a fake exchange that
// records what the action did: whether the request was processed, what was sent, and what the
// journal is told went out. The same kinds on real sockets are in test/integration/faults.test.ts.
import { expect } from 'chai'
import { UNAUTHORIZED_CHALLENGE } from '../../../mock-ews/auth/authenticate.ts'
import type { DispatchResult } from '../../../mock-ews/dispatcher.ts'
import type { EwsError } from '../../../mock-ews/domain/errors.ts'
import { answer, FAULT_ACTIONS } from '../../../mock-ews/faults/actions.ts'
import type { FaultExchange, Sent } from '../../../mock-ews/faults/actions.ts'
import type { FaultAction } from '../../../mock-ews/faults/definitions.ts'
import { isWellFormed } from '../../helpers/faults.ts'

const PROCESSED: DispatchResult = {
  status: 200,
  body: '<answer>processed</answer>',
  operation: 'CreateItem',
  responseCodes: ['NoError'],
}

/** A FaultExchange that records, in order, what an action did with it. */
function fakeExchange(): FaultExchange & { did: string[]; refused: EwsError[] } {
  const did: string[] = []
  const refused: EwsError[] = []
  return {
    did,
    refused,
    operation: 'CreateItem',
    wait: (ms) => {
      did.push(`wait ${ms}`)
      return Promise.resolve()
    },
    process: () => {
      did.push('process')
      return Promise.resolve(PROCESSED)
    },
    refuse: (error, level) => {
      did.push(`refuse ${error.code} as ${level}`)
      refused.push(error)
      return {
        status: level === 'fault' ? 500 : 200,
        body: `<refused>${error.code}</refused>`,
        operation: 'CreateItem',
        responseCodes: [error.code],
      }
    },
    sendXml: (status, text) => did.push(`sendXml ${status} ${text}`),
    sendStatus: (status, headers) => did.push(`sendStatus ${status} ${JSON.stringify(headers)}`),
    sendCutShort: (status, text) => did.push(`sendCutShort ${status} ${text}`),
    drop: () => did.push('drop'),
  }
}

async function run(
  action: FaultAction | undefined,
): Promise<{ sent: Sent; did: string[]; refused: EwsError[] }> {
  const ex = fakeExchange()
  const sent = await answer(action, ex)
  return { sent, did: ex.did, refused: ex.refused }
}

const CHALLENGE = JSON.stringify({ 'WWW-Authenticate': UNAUTHORIZED_CHALLENGE })

describe('fault actions', () => {
  it('has one implementation for every kind of action', () => {
    expect(Object.keys(FAULT_ACTIONS).sort()).to.deep.equal([
      'close-mid-body',
      'ews-error',
      'http-status',
      'latency',
      'malformed-xml',
      'reset',
      'unauthorized',
    ])
  })

  it('no fault: processes the request and sends its answer whole', async () => {
    const { sent, did } = await run(undefined)
    expect(did).to.deep.equal(['process', `sendXml 200 ${PROCESSED.body}`])
    expect(sent).to.deep.equal({ status: 200, body: PROCESSED.body, responseCodes: ['NoError'] })
  })

  describe('ews-error', () => {
    it('refuses without processing, as a fault for a fault-level code, with BackOffMilliseconds', async () => {
      const { sent, did, refused } = await run({
        type: 'ews-error',
        code: 'ErrorServerBusy',
        backOffMs: 1500,
      })
      expect(did).to.deep.equal([
        'refuse ErrorServerBusy as fault',
        'sendXml 500 <refused>ErrorServerBusy</refused>',
      ])
      expect(refused[0]!.detail?.values).to.deep.equal({ BackOffMilliseconds: '1500' })
      expect(sent).to.deep.equal({
        status: 500,
        body: '<refused>ErrorServerBusy</refused>',
        responseCodes: ['ErrorServerBusy'],
      })
    })

    it('refuses in every message for other codes, with the message given and no values', async () => {
      const { did, refused } = await run({
        type: 'ews-error',
        code: 'ErrorMailboxStoreUnavailable',
        message: 'Down for a while.',
      })
      expect(did[0]).to.equal('refuse ErrorMailboxStoreUnavailable as message')
      expect(refused[0]!.message).to.equal('Down for a while.')
      expect(refused[0]!.detail).to.equal(undefined)
    })

    it('lets an explicit level win', async () => {
      const { did } = await run({ type: 'ews-error', code: 'ErrorServerBusy', level: 'message' })
      expect(did[0]).to.equal('refuse ErrorServerBusy as message')
    })
  })

  it('http-status: a bare status, not processed, with no SOAP answer to validate', async () => {
    const { sent, did } = await run({ type: 'http-status', status: 503 })
    expect(did).to.deep.equal(['sendStatus 503 {}'])
    expect(sent).to.deep.equal({ status: 503, body: '', responseCodes: [], broken: true })
  })

  it('http-status 401 carries the same challenge as a real refusal', async () => {
    const { did } = await run({ type: 'http-status', status: 401 })
    expect(did).to.deep.equal([`sendStatus 401 ${CHALLENGE}`])
  })

  it('unauthorized: 401 with the challenge, not processed', async () => {
    const { sent, did } = await run({ type: 'unauthorized' })
    expect(did).to.deep.equal([`sendStatus 401 ${CHALLENGE}`])
    expect(sent).to.deep.equal({ status: 401, body: '', responseCodes: [], broken: true })
  })

  it('latency: waits, then processes and answers whole', async () => {
    const { sent, did } = await run({ type: 'latency', ms: 2500 })
    expect(did).to.deep.equal(['wait 2500', 'process', `sendXml 200 ${PROCESSED.body}`])
    expect(sent.broken).to.equal(undefined)
  })

  it('reset: drops the connection without processing; the journal sees status 0', async () => {
    const { sent, did } = await run({ type: 'reset' })
    expect(did).to.deep.equal(['drop'])
    expect(sent).to.deep.equal({ status: 0, body: '', responseCodes: [], broken: true })
  })

  it('close-mid-body: processes, then sends the answer cut short; the answer itself is sound', async () => {
    const { sent, did } = await run({ type: 'close-mid-body' })
    expect(did).to.deep.equal(['process', `sendCutShort 200 ${PROCESSED.body}`])
    expect(sent).to.deep.equal({ status: 200, body: PROCESSED.body, responseCodes: ['NoError'] })
  })

  it('malformed-xml: 200 with XML that is not well-formed, naming the operation, not processed', async () => {
    const { sent, did } = await run({ type: 'malformed-xml' })
    expect(did).to.have.length(1)
    expect(did[0]).to.match(/^sendXml 200 <\?xml/)
    expect(sent.body).to.contain('<m:CreateItemResponse ')
    expect(isWellFormed(sent.body)).to.equal(false)
    expect(sent).to.include({ status: 200, broken: true })
  })
})
