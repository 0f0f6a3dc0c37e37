// exchangelib's streaming and push notification APIs (test/exchangelib/notify.py) against mock-ews
// on a loopback port, as test/integration/exchangelib.test.ts runs mail.py.
import { expect } from 'chai'
import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { startEwsServer } from '../../mock-ews/index.ts'
import type { RunningServer } from '../../mock-ews/index.ts'
import { PASSWORD, testApp } from '../helpers/ews.ts'
import { needsExchangelib } from '../helpers/needs.ts'

const SCRIPT = fileURLToPath(new URL('../exchangelib/notify.py', import.meta.url))

type Check = { ok?: unknown; error?: string; trace?: string }

describe('exchangelib notifications against mock-ews', function () {
  this.timeout(60_000)
  let server: RunningServer | undefined
  let results: Record<string, Check>

  before(async function () {
    const python = needsExchangelib(this, 'the exchangelib notification checks')
    server = await startEwsServer(testApp().app, { port: 0 })
    const { stdout } = await promisify(execFile)(python, [SCRIPT, server.ewsUrl, PASSWORD], {
      timeout: 50_000,
    })
    results = JSON.parse(stdout) as Record<string, Check>
  })
  after(() => server?.close())

  function ok(name: string): unknown {
    const check = results[name]
    expect(check, name).to.not.equal(undefined)
    expect(check?.error, `${name}: ${check?.trace ?? ''}`).to.equal(undefined)
    return check?.ok
  }

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
