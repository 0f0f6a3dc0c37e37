// exchangelib's free/busy API (account.protocol.get_free_busy_info) against mock-ews on a loopback
// port: test/exchangelib/availability.py runs it and prints JSON; the tests below assert on it.
import { expect } from 'chai'
import { runExchangelibScript } from '../helpers/exchangelib.ts'
import type { Checks } from '../helpers/exchangelib.ts'

describe('exchangelib against mock-ews: availability', function () {
  this.timeout(60_000)
  let results: Checks

  before(async function () {
    results = await runExchangelibScript(
      this,
      'availability.py',
      'the exchangelib availability suite',
    )
  })

  it('get_free_busy_info: DetailedMerged for herself, free/busy for bob and federated carol, an error for an unknown address', () => {
    const check = results['free_busy']
    expect(check?.error, check?.trace).to.equal(undefined)
    const hours = {
      working_days: [[1, 2, 3, 4, 5]],
      working_start: ['08:00:00'],
    }
    // Times in the request's zone (Berlin, UTC+2 in June): alice's 10:00 Berlin, bob's 12:00Z = 14:00.
    expect(check?.ok).to.deep.equal([
      {
        type: 'DetailedMerged',
        merged: '000000000020000000000000',
        events: [['2016-06-13T10:00:00', '2016-06-13T11:00:00', 'Busy', 'Design review']],
        ...hours,
      },
      {
        type: 'FreeBusyMerged',
        merged: '000000000000003000000000',
        events: [['2016-06-13T14:00:00', '2016-06-13T15:00:00', 'OOF', null]],
        ...hours,
      },
      { type: 'FreeBusyMerged', merged: '0'.repeat(24), events: [], ...hours },
      { error: 'ErrorMailRecipientNotFound' },
    ])
  })
})
