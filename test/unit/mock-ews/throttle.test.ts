// InFlightLimit (mock-ews/faults/throttle.ts): each user's requests in flight, counted from arrival
// until the answer's connection closes. The ErrorServerBusy answer on the wire is in
// test/integration/throttling.test.ts.
import { EventEmitter } from 'node:events'
import { expect } from 'chai'
import {
  InFlightLimit,
  serverBusy,
  THROTTLE_BACKOFF_MS,
} from '../../../mock-ews/faults/throttle.ts'

describe('InFlightLimit', () => {
  it('is over the limit from the request after the last one allowed, per user', () => {
    const limit = new InFlightLimit(2)
    const over = ['alice', 'alice', 'bob', 'alice', 'bob', 'bob'].map((user) =>
      limit.enter(user, new EventEmitter()),
    )
    expect(over).to.deep.equal([false, false, false, true, false, true])
  })

  it('counts a request until its response closes, once', () => {
    const limit = new InFlightLimit(2)
    const first = new EventEmitter()
    const second = new EventEmitter()
    expect([limit.enter('alice', first), limit.enter('alice', second)]).to.deep.equal([
      false,
      false,
    ])
    first.emit('close')
    first.emit('close')
    expect(limit.enter('alice', new EventEmitter()), 'second and this one').to.equal(false)
    expect(limit.enter('alice', new EventEmitter()), 'one too many').to.equal(true)
  })

  it('refuses with ErrorServerBusy and the back-off hint', () => {
    const error = serverBusy()
    expect(error.code).to.equal('ErrorServerBusy')
    expect(error.detail?.values).to.deep.equal({ BackOffMilliseconds: String(THROTTLE_BACKOFF_MS) })
  })
})
