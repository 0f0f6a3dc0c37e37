// exchangelib's ordinary Message(...) fields for reminders, culture and IsResponseRequested, and the
// sender / received_by a recipient reads (test/exchangelib/elements.py, one Python process).
import { expect } from 'chai'
import { runExchangelibScript } from '../helpers/exchangelib.ts'
import type { Checks } from '../helpers/exchangelib.ts'

describe('exchangelib item elements against mock-ews', function () {
  this.timeout(60_000)
  let results: Checks

  before(async function () {
    results = await runExchangelibScript(
      this,
      'elements.py',
      'the exchangelib item-elements checks',
    )
  })

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
