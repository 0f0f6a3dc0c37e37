// The RequestServerVersion the client speaks, from POX Autodiscover's ServerVersion (decision 0026).
import { expect } from 'chai'
import { decodeServerVersion } from '../../../client/ews/autodiscover.ts'
import { hasConversationHistoryFolder, requestServerVersionFor } from '../../../client/ews/index.ts'

const at = (major: number, minor: number) => ({
  ewsUrl: 'http://127.0.0.1/EWS/Exchange.asmx',
  microsoftOnline: false,
  serverVersion: { major, minor, build: 1 },
})

describe('client server version', () => {
  it('decodes POX ServerVersion (Outlook hex): 7383807B is 14.3.123, 73C08204 is 15.0.516', () => {
    expect(decodeServerVersion('7383807B')).to.deep.equal({ major: 14, minor: 3, build: 123 })
    expect(decodeServerVersion('73C08204')).to.deep.equal({ major: 15, minor: 0, build: 516 })
    expect(decodeServerVersion('not hex')).to.equal(undefined)
    expect(decodeServerVersion(undefined)).to.equal(undefined)
  })

  it('speaks the newest version the server takes, up to Exchange2013', () => {
    expect(requestServerVersionFor(at(14, 0))).to.equal('Exchange2010')
    expect(requestServerVersionFor(at(14, 1))).to.equal('Exchange2010_SP1')
    expect(requestServerVersionFor(at(14, 2))).to.equal('Exchange2010_SP2')
    expect(requestServerVersionFor(at(14, 3))).to.equal('Exchange2010_SP2')
    expect(requestServerVersionFor(at(15, 1))).to.equal('Exchange2013')
    expect(requestServerVersionFor(at(15, 20))).to.equal('Exchange2013')
    const unknown = { ewsUrl: 'http://127.0.0.1/EWS/Exchange.asmx', microsoftOnline: false }
    expect(requestServerVersionFor(unknown)).to.equal('Exchange2013')
  })

  it('knows conversationhistory is a distinguished folder from Exchange2013 on only', () => {
    expect(hasConversationHistoryFolder('Exchange2010_SP2')).to.equal(false)
    expect(hasConversationHistoryFolder('Exchange2013')).to.equal(true)
  })
})
