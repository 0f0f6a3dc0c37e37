// Calendar items and GetServerTimeZones driven by a real, unmodified EWS client (ews-javascript-api)
// against mock-ews on a loopback port: Appointment.Save / Bind / Update / Delete.
import { expect } from 'chai'
import * as ews from 'ews-javascript-api'
import { startEwsServer } from '../../mock-ews/index.ts'
import type { RunningServer } from '../../mock-ews/index.ts'
import { PASSWORD, testApp } from '../helpers/ews.ts'

describe('ews-javascript-api: calendar items and time zones', () => {
  let server: RunningServer
  let svc: ews.ExchangeService
  before(async () => {
    server = await startEwsServer(testApp().app, { port: 0 })
    svc = new ews.ExchangeService(ews.ExchangeVersion.Exchange2013)
    svc.Credentials = new ews.WebCredentials('alice@contoso.com', PASSWORD)
    svc.Url = new ews.Uri(server.ewsUrl)
  })
  after(() => server.close())

  it('Appointment.Save, Bind, Update and Delete', async () => {
    const a = new ews.Appointment(svc)
    a.Subject = 'Planning'
    a.Start = new ews.DateTime(Date.UTC(2016, 6, 1, 10))
    a.End = a.Start.AddHours(1)
    a.Location = 'Room 1'
    a.LegacyFreeBusyStatus = ews.LegacyFreeBusyStatus.Tentative
    a.Categories = new ews.StringList(['Blue'])
    await a.Save(ews.SendInvitationsMode.SendToNone)
    const b = await ews.Appointment.Bind(svc, a.Id)
    expect(b.Subject).to.equal('Planning')
    expect(b.Start.ToISOString()).to.equal('2016-07-01T10:00:00.000Z')
    expect(b.End.ToISOString()).to.equal('2016-07-01T11:00:00.000Z')
    expect(b.Location).to.equal('Room 1')
    expect(b.LegacyFreeBusyStatus).to.equal(ews.LegacyFreeBusyStatus.Tentative)
    expect(b.Categories.GetEnumerator()).to.deep.equal(['Blue'])
    expect(b.Organizer.Address).to.equal('alice@contoso.com')
    expect(b.AppointmentType).to.equal(ews.AppointmentType.Single)
    b.Location = 'Room 2'
    await b.Update(
      ews.ConflictResolutionMode.AlwaysOverwrite,
      ews.SendInvitationsOrCancellationsMode.SendToNone,
    )
    expect((await ews.Appointment.Bind(svc, a.Id)).Location).to.equal('Room 2')
    await b.Delete(ews.DeleteMode.HardDelete, ews.SendCancellationsMode.SendToNone)
    let code: unknown
    try {
      await ews.Appointment.Bind(svc, a.Id)
    } catch (e) {
      code = (e as ews.ServiceResponseException).ErrorCode
    }
    expect(code).to.equal(ews.ServiceError.ErrorItemNotFound)
  })

  it('a weekly Recurrence, expanded by FindAppointments (CalendarView); an occurrence deleted and bound', async () => {
    const a = new ews.Appointment(svc)
    a.Subject = 'Weekly sync'
    a.Start = new ews.DateTime(Date.UTC(2016, 7, 1, 14))
    a.End = a.Start.AddMinutes(30)
    const pattern = new ews.Recurrence.WeeklyPattern()
    pattern.StartDate = a.Start
    pattern.Interval = 1
    pattern.DaysOfTheWeek.AddRange([ews.DayOfTheWeek.Monday, ews.DayOfTheWeek.Thursday])
    pattern.NumberOfOccurrences = 4
    a.Recurrence = pattern
    await a.Save(ews.SendInvitationsMode.SendToNone)
    const view = new ews.CalendarView(
      new ews.DateTime(Date.UTC(2016, 7, 1)),
      new ews.DateTime(Date.UTC(2016, 8, 1)),
    )
    const found = await svc.FindAppointments(ews.WellKnownFolderName.Calendar, view)
    const mine = found.Items.filter((i) => i.Subject === 'Weekly sync')
    expect(mine.map((i) => i.Start.ToISOString())).to.deep.equal([
      '2016-08-01T14:00:00.000Z',
      '2016-08-04T14:00:00.000Z',
      '2016-08-08T14:00:00.000Z',
      '2016-08-11T14:00:00.000Z',
    ])
    expect(mine.map((i) => i.AppointmentType)).to.deep.equal(
      Array(4).fill(ews.AppointmentType.Occurrence),
    )
    const second = await ews.Appointment.BindToOccurrence(svc, a.Id, 2)
    expect(second.Start.ToISOString()).to.equal('2016-08-04T14:00:00.000Z')
    await second.Delete(ews.DeleteMode.HardDelete, ews.SendCancellationsMode.SendToNone)
    const master = await ews.Appointment.BindToRecurringMaster(svc, mine[0]!.Id)
    expect(master.AppointmentType).to.equal(ews.AppointmentType.RecurringMaster)
    expect(master.DeletedOccurrences.Count).to.equal(1)
    const after = await svc.FindAppointments(ews.WellKnownFolderName.Calendar, view)
    expect(after.Items.filter((i) => i.Subject === 'Weekly sync')).to.have.length(3)
  })

  it('a meeting: invitations sent, MeetingRequest.Accept, the answer on the organizer item', async () => {
    const bob = new ews.ExchangeService(ews.ExchangeVersion.Exchange2013)
    bob.Credentials = new ews.WebCredentials('bob@contoso.com', PASSWORD)
    bob.Url = new ews.Uri(server.ewsUrl)
    const a = new ews.Appointment(svc)
    a.Subject = 'Roadmap'
    a.Start = new ews.DateTime(Date.UTC(2016, 8, 1, 9))
    a.End = a.Start.AddHours(1)
    a.RequiredAttendees.Add('bob@contoso.com')
    await a.Save(ews.SendInvitationsMode.SendToAllAndSaveCopy)
    const inbox = await bob.FindItems(ews.WellKnownFolderName.Inbox, new ews.ItemView(10))
    const found = inbox.Items.find((i) => i.Subject === 'Roadmap')!
    expect(found).to.be.instanceOf(ews.MeetingRequest)
    const request = await ews.MeetingRequest.Bind(bob, found.Id)
    expect(request.Start.ToISOString()).to.equal('2016-09-01T09:00:00.000Z')
    await request.Accept(true)
    const mine = await ews.Appointment.Bind(svc, a.Id)
    expect(mine.RequiredAttendees._getItem(0).ResponseType).to.equal(ews.MeetingResponseType.Accept)
    const answers = await svc.FindItems(ews.WellKnownFolderName.Inbox, new ews.ItemView(10))
    expect(answers.Items.some((i) => i instanceof ews.MeetingResponse)).to.equal(true)
  })

  it('Exchange2007_SP1: Appointment.Save and Bind through MeetingTimeZone', async () => {
    const old = new ews.ExchangeService(ews.ExchangeVersion.Exchange2007_SP1)
    old.Credentials = new ews.WebCredentials('alice@contoso.com', PASSWORD)
    old.Url = new ews.Uri(server.ewsUrl)
    const a = new ews.Appointment(old)
    a.Subject = 'Old school'
    // ews-javascript-api itself insists on a zone before it writes a 2007 MeetingTimeZone.
    a.StartTimeZone = ews.TimeZoneInfo.Utc
    a.Start = new ews.DateTime(Date.UTC(2016, 6, 1, 10))
    a.End = a.Start.AddHours(1)
    await a.Save(ews.SendInvitationsMode.SendToNone)
    const b = await ews.Appointment.Bind(old, a.Id)
    expect(b.Subject).to.equal('Old school')
    expect(b.Start.ToISOString()).to.equal('2016-07-01T10:00:00.000Z')
  })

  it('GetServerTimeZones lists the Windows zones with their rules', async () => {
    const zones = await svc.GetServerTimeZones()
    const ids = zones.map((z) => z.Id)
    expect(ids).to.include.members(['Pacific Standard Time', 'W. Europe Standard Time', 'UTC'])
    const berlin = zones.find((z) => z.Id === 'W. Europe Standard Time')!
    expect(berlin.DisplayName).to.match(/^\(UTC\+01:00\)/)
  })
})
