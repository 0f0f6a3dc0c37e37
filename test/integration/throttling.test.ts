// Throttling (EWSMaxConcurrency): a user with too many requests in flight gets the ErrorServerBusy
// fault with BackOffMilliseconds, per user. Requests are kept in flight by a latency fault whose
// delay waits until the test releases it: no timers anywhere.
import { expect } from 'chai'
import type { EwsApp } from '../../mock-ews/index.ts'
import { THROTTLE_BACKOFF_MS } from '../../mock-ews/ews-endpoint.ts'
import { call, distinguished, getFolderXml, testApp } from '../helpers/ews.ts'
import type { SoapAnswer } from '../helpers/ews.ts'
import { answeredAtOnce, captureSoapAnswers, HeldDelay, heldInFlight } from '../helpers/faults.ts'
import { ALICE, BOB } from '../helpers/items.ts'

const INBOX = getFolderXml(distinguished('inbox'))

describe('throttling: requests in flight per user', () => {
  let ews: EwsApp
  let held: HeldDelay
  beforeEach(() => {
    held = new HeldDelay()
    ews = testApp({
      maxConcurrentRequestsPerUser: 2,
      delay: held.delay,
      observe: captureSoapAnswers,
    })
    ews.faults.add({ match: { operation: 'GetFolder' }, action: { type: 'latency', ms: 5000 } })
  })
  afterEach(() => held.release())

  const expectServerBusy = (res: SoapAnswer): void => {
    expect(res.status).to.equal(500)
    expect(res.faultCode()).to.equal('ErrorServerBusy')
    expect(
      res.value('//s:Fault/detail/t:MessageXml/t:Value[@Name="BackOffMilliseconds"]'),
    ).to.equal(String(THROTTLE_BACKOFF_MS))
  }
  const expectServed = (res: SoapAnswer): void => {
    expect(res.status).to.equal(200)
    expect(res.codes()).to.deep.equal(['NoError'])
  }

  it('refuses the third concurrent request of a user with ErrorServerBusy and BackOffMilliseconds', async () => {
    const slow = [call(ews.app, INBOX, ALICE), call(ews.app, INBOX, ALICE)]
    await heldInFlight(held, 2, slow)
    const third = await answeredAtOnce(held, call(ews.app, INBOX, ALICE))
    expectServerBusy(third)
    expect(held.calls, 'the refused request is not delayed').to.have.length(2)

    held.release()
    for (const res of await Promise.all(slow)) expectServed(res)
    expect(ews.journal.entries().map((e) => [e.status, e.responseCodes])).to.deep.equal([
      [500, ['ErrorServerBusy']],
      [200, ['NoError']],
      [200, ['NoError']],
    ])
    expect(ews.journal.entries()[0], 'throttling is not an injected fault').to.not.have.property(
      'fault',
    )
  })

  it('counts requests that are not delayed as well: any operation of the user is refused', async () => {
    const slow = [call(ews.app, INBOX, ALICE), call(ews.app, INBOX, ALICE)]
    await heldInFlight(held, 2, slow)
    const findFolder = await call(
      ews.app,
      `<m:FindFolder Traversal="Shallow"><m:FolderShape><t:BaseShape>IdOnly</t:BaseShape></m:FolderShape><m:ParentFolderIds>${distinguished('msgfolderroot')}</m:ParentFolderIds></m:FindFolder>`,
      ALICE,
    )
    expectServerBusy(findFolder)
    held.release()
    await Promise.all(slow)
  })

  it('keeps a budget per user: bob is served while alice is at her limit', async () => {
    const alice = [call(ews.app, INBOX, ALICE), call(ews.app, INBOX, ALICE)]
    await heldInFlight(held, 2, alice)
    const bob = [call(ews.app, INBOX, BOB), call(ews.app, INBOX, BOB)]
    await heldInFlight(held, 4, bob)
    expectServerBusy(await answeredAtOnce(held, call(ews.app, INBOX, ALICE)))

    held.release()
    for (const res of await Promise.all([...alice, ...bob])) expectServed(res)
    expect(
      ews.journal
        .entries()
        .filter((e) => e.user === BOB)
        .map((e) => e.status),
    ).to.deep.equal([200, 200])
  })

  it('gives the budget back when the slow requests finish: alice can send again', async () => {
    const first = [call(ews.app, INBOX, ALICE), call(ews.app, INBOX, ALICE)]
    await heldInFlight(held, 2, first)
    expectServerBusy(await answeredAtOnce(held, call(ews.app, INBOX, ALICE)))
    held.release()
    for (const res of await Promise.all(first)) expectServed(res)

    // Two may be in flight again (none leaked), and still no more than two.
    const second = [call(ews.app, INBOX, ALICE), call(ews.app, INBOX, ALICE)]
    await heldInFlight(held, 4, second)
    expectServerBusy(await answeredAtOnce(held, call(ews.app, INBOX, ALICE)))
    held.release()
    for (const res of await Promise.all(second)) expectServed(res)

    ews.faults.clear()
    expectServed(await call(ews.app, INBOX, ALICE))
  })

  it('frees the place of each finished request: sequential requests pass beside one in flight', async () => {
    const slow = call(ews.app, INBOX, ALICE)
    await heldInFlight(held, 1, [slow])
    ews.faults.clear()
    for (let i = 0; i < 3; i++) expectServed(await call(ews.app, INBOX, ALICE))
    held.release()
    expectServed(await slow)
  })
})
