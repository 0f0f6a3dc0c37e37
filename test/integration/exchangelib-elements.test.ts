// exchangelib's ordinary Message(...) fields for reminders, culture and IsResponseRequested, and the
// sender / received_by a recipient reads (test/exchangelib/elements.py, one Python process).
import { expect } from 'chai'
import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { startEwsServer } from '../../mock-ews/index.ts'
import type { RunningServer } from '../../mock-ews/index.ts'
import { PASSWORD, testApp } from '../helpers/ews.ts'
import { needsExchangelib } from '../helpers/needs.ts'

const SCRIPT = fileURLToPath(new URL('../exchangelib/elements.py', import.meta.url))

describe('exchangelib item elements against mock-ews', function () {
  this.timeout(60_000)
  let server: RunningServer | undefined
  let results: Record<string, { ok?: unknown; error?: string; trace?: string }>

  before(async function () {
    const python = needsExchangelib(this, 'the exchangelib item-elements checks')
    server = await startEwsServer(testApp().app, { port: 0 })
    const { stdout } = await promisify(execFile)(python, [SCRIPT, server.ewsUrl, PASSWORD], {
      timeout: 50_000,
    })
    results = JSON.parse(stdout) as typeof results
  })
  after(() => server?.close())

  it("keeps reminders, culture and is_response_requested through save(), save(update_fields) and send(); the recipient's copy has sender and received_by", () => {
    const check = results.reminders_culture_sender
    expect(check?.error, check?.trace).to.equal(undefined)
    expect(check?.ok).to.deep.equal({
      saved: [true, '2016-07-01T10:00:00+00:00', 15, 'de-DE', true],
      updated: ['fr-FR', 5, true],
      received: {
        sender: 'alice@contoso.com',
        received_by: 'bob@contoso.com',
        received_representing: 'bob@contoso.com',
        culture: 'fr-FR',
        reminder_is_set: true,
        is_response_requested: true,
      },
      defaults: [false, 0, 'en-US'],
    })
  })

  it('refuses a message whose author (From) is another mailbox: ErrorSendAsDenied', () => {
    expect(results.send_as_denied).to.deep.equal({ ok: 'ErrorSendAsDenied' })
  })
})
