// internalError (mock-ews/dispatcher.ts), the one answer to an unexpected exception wherever it is
// caught (dispatcher, SOAP endpoint, EWS listener, Express error handler): the stack goes to the
// log once, the client gets the ErrorInternalServerError fault and never the stack or the text.
import { expect } from 'chai'
import { DOMParser } from '@xmldom/xmldom'
import { internalError } from '../../../mock-ews/dispatcher.ts'
import { EwsError } from '../../../mock-ews/domain/errors.ts'
import { buildFault } from '../../../mock-ews/soap/envelope.ts'
import { memoryLogger } from '../../../mock-ews/support/logger.ts'
import { EXCHANGE_PROFILES } from '../../../mock-ews/topology/profiles.ts'

const SECRET = 'password=hunter2 at /srv/mailbox'

describe('internalError', () => {
  it('logs the stack once, naming the request and the operation', () => {
    const logger = memoryLogger()
    const e = new TypeError(SECRET)
    internalError(e, logger, { requestId: '7', operation: 'GetFolder' })
    expect(logger.lines).to.have.length(1)
    expect(logger.lines[0]).to.match(/^error request 7: GetFolder failed unexpectedly: TypeError/)
    expect(logger.lines[0]).to.contain(e.stack!)
  })

  it('answers the ErrorInternalServerError fault with HTTP 500, the request id and no trace of the exception', () => {
    const e = new TypeError(SECRET)
    const versionInfo = EXCHANGE_PROFILES['exchange-2010-sp3'].serverVersionInfo
    const result = internalError(e, memoryLogger(), {
      requestId: '7',
      operation: 'GetFolder',
      versionInfo,
    })
    expect(result).to.include({ status: 500, operation: 'GetFolder' })
    expect(result.responseCodes).to.deep.equal(['ErrorInternalServerError'])
    expect(result.body).to.equal(
      buildFault(
        new EwsError(
          'ErrorInternalServerError',
          'An internal server error occurred. The operation failed. Request id 7.',
        ),
        versionInfo,
      ),
    )
    expect(result.body).to.not.contain('hunter2')
    expect(result.body).to.not.contain('TypeError')
  })

  it('without a request id (caught at the edge): the default text, no header, still one log line', () => {
    const logger = memoryLogger()
    const result = internalError(new Error(SECRET), logger)
    expect(result.body).to.equal(buildFault(new EwsError('ErrorInternalServerError'), undefined))
    expect(logger.lines).to.have.length(1)
    expect(logger.lines[0]).to.match(/^error a request failed unexpectedly: Error: password/)
  })

  it('logs what is thrown even when it is not an Error, or cannot be made a string', () => {
    const logger = memoryLogger()
    internalError('plain text', logger)
    internalError(Object.create(null), logger)
    expect(logger.lines).to.deep.equal([
      'error a request failed unexpectedly: plain text',
      'error a request failed unexpectedly: [object Object]',
    ])
    const doc = new DOMParser().parseFromString(internalError(42, logger).body, 'text/xml')
    expect(doc.getElementsByTagName('faultcode')[0]?.textContent).to.equal(
      'a:ErrorInternalServerError',
    )
  })
})
