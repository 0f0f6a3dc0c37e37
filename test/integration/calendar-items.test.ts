// Issue 17, calendar: CalendarItem create / get / update / delete over raw SOAP (times, time zones,
// TimeZoneContext, Exchange 2007's MeetingTimeZone, the errors Exchange gives), on the virtual clock.
import { expect } from 'chai'
import type { Element } from '@xmldom/xmldom'
import { call, distinguished, NS, post, testApp } from '../helpers/ews.ts'
import type { SoapAnswer } from '../helpers/ews.ts'
import { getItemXml, itemChange, itemId } from '../helpers/items.ts'

const BOB = '<t:Mailbox><t:EmailAddress>bob@contoso.com</t:EmailAddress></t:Mailbox>'

/** An envelope with a TimeZoneContext header (as ews-javascript-api and exchangelib send it). */
function zoned(body: string, zone: string, version = 'Exchange2013'): string {
  return (
    `<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:m="${NS.m}" xmlns:t="${NS.t}">` +
    `<soap:Header><t:RequestServerVersion Version="${version}"/>` +
    `<t:TimeZoneContext><t:TimeZoneDefinition Id="${zone}"/></t:TimeZoneContext></soap:Header>` +
    `<soap:Body>${body}</soap:Body></soap:Envelope>`
  )
}

function createCal(
  inner: string,
  attrs = 'SendMeetingInvitations="SendToNone"',
  folder = '',
): string {
  return `<m:CreateItem ${attrs}>${folder}<m:Items><t:CalendarItem>${inner}</t:CalendarItem></m:Items></m:CreateItem>`
}

const idOf = (res: SoapAnswer): string =>
  (res.select('//t:CalendarItem/t:ItemId')[0] as unknown as Element).getAttribute('Id')!

describe('Calendar items (CreateItem / GetItem / UpdateItem / DeleteItem of t:CalendarItem)', () => {
  const { app } = testApp()

  async function create(inner: string): Promise<string> {
    const res = await call(app, createCal(inner))
    expect(res.codes()).to.deep.equal(['NoError'])
    return idOf(res)
  }

  it('stores Start, End, IsAllDayEvent, Location, LegacyFreeBusyStatus, categories, attendees in the calendar', async () => {
    const id = await create(
      '<t:Subject>Planning</t:Subject><t:Categories><t:String>Blue</t:String></t:Categories>' +
        '<t:Start>2016-07-01T10:00:00Z</t:Start><t:End>2016-07-01T11:30:00Z</t:End>' +
        '<t:IsAllDayEvent>false</t:IsAllDayEvent><t:LegacyFreeBusyStatus>OOF</t:LegacyFreeBusyStatus>' +
        `<t:Location>Room 1</t:Location><t:RequiredAttendees><t:Attendee>${BOB}</t:Attendee></t:RequiredAttendees>`,
    )
    const got = await call(app, getItemXml(itemId(id)))
    const v = (p: string) => got.value(`//t:CalendarItem/t:${p}`)
    expect(v('ItemClass')).to.equal('IPM.Appointment')
    expect(v('Start')).to.equal('2016-07-01T10:00:00Z')
    expect(v('End')).to.equal('2016-07-01T11:30:00Z')
    expect(v('Duration')).to.equal('PT1H30M')
    expect(v('LegacyFreeBusyStatus')).to.equal('OOF')
    expect(v('Location')).to.equal('Room 1')
    expect(v('Categories/t:String')).to.equal('Blue')
    expect(v('IsMeeting')).to.equal('true')
    expect(v('Organizer/t:Mailbox/t:EmailAddress')).to.equal('alice@contoso.com')
    expect(v('RequiredAttendees/t:Attendee/t:Mailbox/t:EmailAddress')).to.equal('bob@contoso.com')
    const inCalendar = await call(
      app,
      `<m:FindItem Traversal="Shallow"><m:ItemShape><t:BaseShape>IdOnly</t:BaseShape></m:ItemShape><m:ParentFolderIds>${distinguished('calendar')}</m:ParentFolderIds></m:FindItem>`,
    )
    expect(inCalendar.select('//t:CalendarItem/t:ItemId').length).to.be.greaterThan(0)
  })

  it('reads a time without offset in the item StartTimeZone, else the TimeZoneContext, and answers in UTC', async () => {
    const inZone = await create(
      '<t:Start>2016-07-01T10:00:00</t:Start><t:End>2016-07-01T11:00:00</t:End>' +
        '<t:StartTimeZone Id="Pacific Standard Time"/>',
    )
    const res = await post(
      app,
      zoned(
        createCal('<t:Start>2016-07-01T10:00:00</t:Start><t:End>2016-07-01T11:00:00</t:End>'),
        'W. Europe Standard Time',
      ),
    )
    expect(res.codes()).to.deep.equal(['NoError'])
    const got = await call(app, getItemXml(itemId(inZone) + itemId(idOf(res))))
    expect(got.select('//t:CalendarItem/t:Start').map((n) => n.textContent)).to.deep.equal([
      '2016-07-01T17:00:00Z',
      '2016-07-01T08:00:00Z',
    ])
    expect(
      got
        .select('//t:CalendarItem/t:StartTimeZone')
        .map((n) => (n as unknown as Element).getAttribute('Id')),
    ).to.deep.equal(['Pacific Standard Time', 'W. Europe Standard Time'])
    const periods = got.select('(//t:CalendarItem)[1]/t:StartTimeZone/t:Periods/t:Period')
    expect(periods.map((p) => (p as unknown as Element).getAttribute('Bias'))).to.deep.equal([
      'PT480M',
      'PT420M',
    ])
  })

  it('takes and gives Exchange 2007 MeetingTimeZone', async () => {
    const body = createCal(
      '<t:Start>2016-01-05T09:00:00</t:Start><t:End>2016-01-05T10:00:00</t:End>' +
        '<t:MeetingTimeZone TimeZoneName="Eastern Standard Time"><t:BaseOffset>PT5H</t:BaseOffset></t:MeetingTimeZone>',
    )
    const res = await post(
      app,
      zoned(body, 'UTC', 'Exchange2007_SP1').replace(
        /<t:TimeZoneContext>.*<\/t:TimeZoneContext>/,
        '',
      ),
    )
    expect(res.codes()).to.deep.equal(['NoError'])
    const got = await post(
      app,
      zoned(getItemXml(itemId(idOf(res))), 'UTC', 'Exchange2007_SP1').replace(
        /<t:TimeZoneContext>.*<\/t:TimeZoneContext>/,
        '',
      ),
    )
    expect(got.value('//t:CalendarItem/t:Start')).to.equal('2016-01-05T14:00:00Z')
    expect(got.value('//t:CalendarItem/t:MeetingTimeZone/@TimeZoneName')).to.equal(
      'Eastern Standard Time',
    )
    expect(got.value('//t:CalendarItem/t:MeetingTimeZone/t:BaseOffset')).to.equal('PT300M')
    expect(got.select('//t:CalendarItem/t:StartTimeZone')).to.have.length(0)
  })

  it('refuses what Exchange refuses, storing nothing', async () => {
    const codes = async (xml: string) => (await call(app, xml)).codes()
    const times = '<t:Start>2016-07-01T10:00:00Z</t:Start><t:End>2016-07-01T11:00:00Z</t:End>'
    expect(await codes(createCal(times, ''))).to.deep.equal(['ErrorSendMeetingInvitationsRequired'])
    expect(
      await codes(
        createCal('<t:Start>2016-07-01T10:00:00Z</t:Start><t:End>2016-07-01T09:00:00Z</t:End>'),
      ),
    ).to.deep.equal(['ErrorCalendarEndDateIsEarlierThanStartDate'])
    expect(
      await codes(
        createCal(
          times,
          undefined,
          `<m:SavedItemFolderId>${distinguished('inbox')}</m:SavedItemFolderId>`,
        ),
      ),
    ).to.deep.equal(['ErrorCannotCreateCalendarItemInNonCalendarFolder'])
    expect(
      await codes(createCal(`${times}<t:StartTimeZone Id="Mars Standard Time"/>`)),
    ).to.deep.equal(['ErrorTimeZone'])
    // A recurring meeting does not cross an organisation yet: refused, never saved with it unsent.
    const carol = '<t:Mailbox><t:EmailAddress>carol@fabrikam.com</t:EmailAddress></t:Mailbox>'
    const meeting =
      `${times}<t:Recurrence><t:DailyRecurrence><t:Interval>1</t:Interval></t:DailyRecurrence><t:NoEndRecurrence><t:StartDate>2016-07-01</t:StartDate></t:NoEndRecurrence></t:Recurrence>` +
      `<t:RequiredAttendees><t:Attendee>${carol}</t:Attendee></t:RequiredAttendees>`
    expect(
      await codes(createCal(meeting, 'SendMeetingInvitations="SendToAllAndSaveCopy"')),
    ).to.deep.equal(['ErrorInvalidRequest'])
    expect(await codes(createCal(`${times}<t:InboxReminders/>`))).to.deep.equal([
      'ErrorInvalidPropertySet',
    ])
  })

  it('UpdateItem sets calendar fields (SendMeetingInvitationsOrCancellations required) and DeleteItem needs SendMeetingCancellations', async () => {
    const id = await create(
      '<t:Start>2016-07-01T10:00:00Z</t:Start><t:End>2016-07-01T11:00:00Z</t:End>',
    )
    const set = (uri: string, inner: string) =>
      `<t:SetItemField><t:FieldURI FieldURI="${uri}"/><t:CalendarItem>${inner}</t:CalendarItem></t:SetItemField>`
    const updates =
      set('calendar:Location', '<t:Location>Room 2</t:Location>') +
      set('calendar:End', '<t:End>2016-07-01T12:00:00Z</t:End>') +
      set('item:Subject', '<t:Subject>Moved</t:Subject>')
    const update = (attrs: string) =>
      `<m:UpdateItem ConflictResolution="AlwaysOverwrite" ${attrs}><m:ItemChanges>${itemChange(itemId(id), updates)}</m:ItemChanges></m:UpdateItem>`
    expect((await call(app, update(''))).codes()).to.deep.equal([
      'ErrorSendMeetingInvitationsOrCancellationsRequired',
    ])
    const ok = await call(app, update('SendMeetingInvitationsOrCancellations="SendToNone"'))
    expect(ok.codes()).to.deep.equal(['NoError'])
    expect(ok.select('//m:Items/t:CalendarItem/t:ItemId')).to.have.length(1)
    const got = await call(app, getItemXml(itemId(id)))
    expect(got.value('//t:CalendarItem/t:Location')).to.equal('Room 2')
    expect(got.value('//t:CalendarItem/t:End')).to.equal('2016-07-01T12:00:00Z')
    expect(got.value('//t:CalendarItem/t:Subject')).to.equal('Moved')
    const early = set('calendar:End', '<t:End>2016-07-01T09:00:00Z</t:End>')
    const bad = await call(
      app,
      `<m:UpdateItem ConflictResolution="AlwaysOverwrite" SendMeetingInvitationsOrCancellations="SendToNone"><m:ItemChanges>${itemChange(itemId(id), early)}</m:ItemChanges></m:UpdateItem>`,
    )
    expect(bad.codes()).to.deep.equal(['ErrorCalendarEndDateIsEarlierThanStartDate'])
    const del = (attrs: string) =>
      `<m:DeleteItem DeleteType="HardDelete" ${attrs}><m:ItemIds>${itemId(id)}</m:ItemIds></m:DeleteItem>`
    expect((await call(app, del(''))).codes()).to.deep.equal([
      'ErrorSendMeetingCancellationsRequired',
    ])
    expect((await call(app, del('SendMeetingCancellations="SendToNone"'))).codes()).to.deep.equal([
      'NoError',
    ])
    expect((await call(app, getItemXml(itemId(id)))).codes()).to.deep.equal(['ErrorItemNotFound'])
  })
})
