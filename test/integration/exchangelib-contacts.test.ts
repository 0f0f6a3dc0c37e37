// exchangelib (Debian's python3-exchangelib) through its high-level API for issue 17: Contact,
// DistributionList, Task and account.oof_settings against mock-ews on a loopback port. One Python
// process (test/exchangelib/contacts.py) runs every check and prints JSON; the tests assert on it.
import { expect } from 'chai'
import { captureExchange } from '../helpers/capture.ts'
import { testApp } from '../helpers/ews.ts'
import { okOf, runExchangelibScript } from '../helpers/exchangelib.ts'
import type { Checks } from '../helpers/exchangelib.ts'

describe('exchangelib: contacts, distribution lists, tasks, out of office (issue 17)', function () {
  this.timeout(60_000)
  let results: Checks

  before(async function () {
    results = await runExchangelibScript(
      this,
      'contacts.py',
      'the exchangelib suite',
      testApp({ observe: captureExchange }).app,
    )
  })

  const ok = (name: string): Record<string, unknown> =>
    okOf(results, name) as Record<string, unknown>

  it('saves a Contact, reads every part back, updates a field, filters on company, deletes it', () => {
    expect(ok('contact')).to.deep.equal({
      names: ['Dana', 'Fisher', 'Dana Fisher', 'Fabrikam'],
      job_title: 'Head buyer',
      birthday: '1980-05-17',
      emails: ['dana@fabrikam.com'],
      phones: ['+1 555 0199'],
      city: 'Springfield',
      found: ['Dana Fisher'],
      item_class: 'IPM.Contact',
      left: 0,
    })
  })

  it('saves a private DistributionList with its members and reads them back', () => {
    expect(ok('distribution_list')).to.deep.equal({
      item_class: 'IPM.DistList',
      display_name: 'Bowling team',
      members: ['bob@contoso.com', 'pat@example.org'],
    })
  })

  it('saves a Task, completes it (100 percent, is_complete) and finds it', () => {
    expect(ok('task')).to.deep.equal({
      first: { status: 'InProgress', percent: '50', due: '2016-06-20' },
      done: { status: 'Completed', percent: '100', is_complete: true },
      found: ['File the report'],
    })
  })

  it('sets and reads account.oof_settings; a message to the away user gets one automatic reply', () => {
    expect(ok('oof')).to.deep.equal({
      before: 'Disabled',
      after: ['Enabled', 'Known', 'Away until Monday', 'Away'],
      replies: ['Automatic reply: Lunch?'],
      disabled: 'Disabled',
    })
  })
})
