// exchangelib's calendar API (CalendarItem save / get / update / delete, time zones, all-day items)
// against mock-ews on a loopback port. One Python process (test/exchangelib/appointments.py) runs the
// checks and prints JSON; the tests below assert on it.
import { expect } from 'chai'
import { okOf, runExchangelibScript } from '../helpers/exchangelib.ts'
import type { Checks } from '../helpers/exchangelib.ts'

describe('exchangelib against mock-ews: calendar', function () {
  this.timeout(60_000)
  let results: Checks

  before(async function () {
    results = await runExchangelibScript(this, 'appointments.py', 'the exchangelib calendar suite')
  })

  const ok = (name: string): Record<string, unknown> =>
    okOf(results, name) as Record<string, unknown>

  it('saves a CalendarItem in a time zone and reads it back', () => {
    expect(ok('save')).to.deep.equal({
      subject: 'Design review',
      start: '2016-07-01T08:00:00+00:00',
      end: '2016-07-01T09:30:00+00:00',
      location: 'Room 4',
      categories: ['Green'],
      free_busy: 'Tentative',
      start_timezone: 'Europe/Berlin',
      attachments: ['agenda.txt'],
      organizer: 'alice@contoso.com',
      is_all_day: false,
    })
  })

  it('updates fields of a CalendarItem and deletes it', () => {
    expect(ok('update_delete')).to.deep.equal({
      location: 'Kitchen',
      end: '2016-07-02T07:30:00+00:00',
      left: 0,
    })
  })

  it('saves a weekly recurrence and reads it through account.calendar.view; deletes an occurrence', () => {
    expect(ok('recurrence_view')).to.deep.equal({
      type: 'RecurringMaster',
      pattern:
        'Occurs on weekdays Monday, Wednesday of every 1 week(s) where the first day of the week is Monday',
      starts: [
        '2016-09-05T16:00:00+00:00',
        '2016-09-07T16:00:00+00:00',
        '2016-09-12T16:00:00+00:00',
        '2016-09-14T16:00:00+00:00',
      ],
      types: ['Occurrence', 'Occurrence', 'Occurrence', 'Occurrence'],
      after: 3,
      deleted: 1,
      last: '2016-09-14T16:00:00+00:00',
    })
  })

  it('sends invitations with the meeting; the attendee accepts the MeetingRequest', () => {
    expect(ok('meeting_accept')).to.deep.equal({
      request: ['Quarterly planning', '2016-10-03T08:00:00+00:00'],
      tentative_before: 'Tentative',
      organizer_sees: ['Accept'],
      bob_now: ['Accept', 'Busy'],
      responses: ['Accepted: Quarterly planning'],
    })
  })

  it('saves an all-day item', () => {
    expect(ok('all_day')).to.deep.equal({
      is_all_day: true,
      start: '2016-07-04',
      end: '2016-07-05',
    })
  })
})
