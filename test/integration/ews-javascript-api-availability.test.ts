// GetUserAvailability driven by a real, unmodified EWS client (ews-javascript-api) against mock-ews
// on a loopback port: ExchangeService.GetUserAvailability with AvailabilityData.FreeBusy.
import { expect } from 'chai'
import * as ews from 'ews-javascript-api'
import { startEwsServer } from '../../mock-ews/index.ts'
import type { RunningServer } from '../../mock-ews/index.ts'
import { PASSWORD, testApp } from '../helpers/ews.ts'

describe('ews-javascript-api: GetUserAvailability', () => {
  let server: RunningServer
  const service = (address: string): ews.ExchangeService => {
    const svc = new ews.ExchangeService(ews.ExchangeVersion.Exchange2013)
    svc.Credentials = new ews.WebCredentials(address, PASSWORD)
    svc.Url = new ews.Uri(server.ewsUrl)
    return svc
  }
  before(async () => {
    server = await startEwsServer(testApp().app, { port: 0 })
  })
  after(() => server.close())

  async function appointment(svc: ews.ExchangeService, subject: string, hour: number) {
    const a = new ews.Appointment(svc)
    a.Subject = subject
    a.Start = new ews.DateTime(Date.UTC(2016, 5, 13, hour))
    a.End = a.Start.AddHours(1)
    a.LegacyFreeBusyStatus = ews.LegacyFreeBusyStatus.Busy
    await a.Save(ews.SendInvitationsMode.SendToNone)
  }

  it('FreeBusy for alice, bob and federated carol; ErrorMailRecipientNotFound for an unknown address', async () => {
    const alice = service('alice@contoso.com')
    await appointment(alice, 'Review', 9)
    await appointment(service('bob@contoso.com'), 'Dentist', 14)
    const attendees = [
      'alice@contoso.com',
      'bob@contoso.com',
      'carol@fabrikam.com',
      'nobody@contoso.com',
    ]
    const window = new ews.TimeWindow(
      new ews.DateTime(Date.UTC(2016, 5, 13)),
      new ews.DateTime(Date.UTC(2016, 5, 14)),
    )
    const results = await alice.GetUserAvailability(
      attendees.map((a) => new ews.AttendeeInfo(a)),
      window,
      ews.AvailabilityData.FreeBusy,
    )
    const all = results.AttendeesAvailability.Responses.map((r) => ({
      code: ews.ServiceError[r.ErrorCode],
      view: ews.FreeBusyViewType[r.ViewType],
      events: r.CalendarEvents.map((e) => [
        e.StartTime.ToISOString(),
        e.EndTime.ToISOString(),
        ews.LegacyFreeBusyStatus[e.FreeBusyStatus],
        e.Details?.Subject,
      ]),
    }))
    expect(all.map((r) => r.code)).to.deep.equal([
      'NoError',
      'NoError',
      'NoError',
      'ErrorMailRecipientNotFound',
    ])
    // The default view is Detailed: alice sees her own subjects, the others' calendars answer FreeBusy.
    expect(all.map((r) => r.view).slice(0, 3)).to.deep.equal(['Detailed', 'FreeBusy', 'FreeBusy'])
    expect(all[0]!.events).to.deep.equal([
      ['2016-06-13T09:00:00.000Z', '2016-06-13T10:00:00.000Z', 'Busy', 'Review'],
    ])
    expect(all[1]!.events).to.deep.equal([
      ['2016-06-13T14:00:00.000Z', '2016-06-13T15:00:00.000Z', 'Busy', undefined],
    ])
    expect(all[2]!.events).to.deep.equal([])
    const hours = results.AttendeesAvailability.Responses[0]!.WorkingHours
    expect(hours.StartTime.TotalMinutes).to.equal(480)
    expect(hours.EndTime.TotalMinutes).to.equal(1020)
    expect(hours.DaysOfTheWeek.map((d) => ews.DayOfTheWeek[d])).to.deep.equal([
      'Monday',
      'Tuesday',
      'Wednesday',
      'Thursday',
      'Friday',
    ])
  })
})
