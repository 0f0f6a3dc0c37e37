// exchangelib's free/busy API (account.protocol.get_free_busy_info) against mock-ews on a loopback
// port: test/exchangelib/availability.py runs it and prints JSON; the tests below assert on it.
import { expect } from 'chai'
import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { startEwsServer } from '../../mock-ews/index.ts'
import type { RunningServer } from '../../mock-ews/index.ts'
import { PASSWORD, testApp } from '../helpers/ews.ts'
import { needsExchangelib } from '../helpers/needs.ts'

const SCRIPT = fileURLToPath(new URL('../exchangelib/availability.py', import.meta.url))

type Check = { ok?: unknown; error?: string; trace?: string }

describe('exchangelib against mock-ews: availability', function () {
  this.timeout(60_000)
  let server: RunningServer | undefined
  let results: Record<string, Check>

  before(async function () {
    const python = needsExchangelib(this, 'the exchangelib availability suite')
    server = await startEwsServer(testApp().app, { port: 0 })
    const { stdout } = await promisify(execFile)(python, [SCRIPT, server.ewsUrl, PASSWORD], {
      timeout: 50_000,
    })
    results = JSON.parse(stdout) as Record<string, Check>
  })
  after(() => server?.close())

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
