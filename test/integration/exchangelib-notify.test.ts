// exchangelib's streaming and push notification APIs (test/exchangelib/notify.py) against mock-ews
// on a loopback port, as test/integration/exchangelib.test.ts runs mail.py.
import { expect } from 'chai'
import { okOf, runExchangelibScript } from '../helpers/exchangelib.ts'
import type { Checks } from '../helpers/exchangelib.ts'

describe('exchangelib notifications against mock-ews', function () {
  this.timeout(60_000)
  let results: Checks

  before(async function () {
    results = await runExchangelibScript(this, 'notify.py', 'the exchangelib notification checks')
  })

  const ok = (name: string): unknown => okOf(results, name)

  it('streams the events of two subscriptions on one GetStreamingEvents connection', () => {
    expect(ok('streaming')).to.deep.equal([
      { subscription: 'a', type: 'CreatedEvent', ours: true },
      { subscription: 'b', type: 'CreatedEvent', ours: true },
    ])
  })

  it('raises ErrorSubscriptionNotFound for an unknown streaming subscription', () => {
    expect(results.streaming_unknown?.error).to.match(/^ErrorSubscriptionNotFound/)
  })

  it('receives push notifications on a loopback receiver: a StatusEvent, then the new item', () => {
    expect(ok('push')).to.deep.equal({
      first: ['StatusEvent'],
      same_subscription: true,
      second: ['CreatedEvent'],
      ours: true,
    })
  })
})
