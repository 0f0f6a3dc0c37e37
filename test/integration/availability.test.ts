// Issue 17, availability: GetUserAvailability over raw SOAP — free/busy views from the users'
// calendars (occurrences expanded), detail only for the owner, federated and unknown mailboxes,
// the request's time zone, Exchange's bounds (42 days, 100 mailboxes, merged interval).
import { expect } from 'chai'
import type { Element } from '@xmldom/xmldom'
import {
  call,
  distinguished,
  envelope,
  folderChange,
  NS,
  post,
  testApp,
  updateFolderXml,
} from '../helpers/ews.ts'
import type { SoapAnswer } from '../helpers/ews.ts'
import { parseTopology } from '../../mock-ews/topology/load.ts'
import { demoTopology } from '../../mock-ews/topology/topology.ts'
import { PASSWORD } from '../helpers/ews.ts'

const PST =
  '<t:TimeZone><t:Bias>480</t:Bias>' +
  '<t:StandardTime><t:Bias>0</t:Bias><t:Time>02:00:00</t:Time><t:DayOrder>1</t:DayOrder><t:Month>11</t:Month><t:DayOfWeek>Sunday</t:DayOfWeek></t:StandardTime>' +
  '<t:DaylightTime><t:Bias>-60</t:Bias><t:Time>02:00:00</t:Time><t:DayOrder>2</t:DayOrder><t:Month>3</t:Month><t:DayOfWeek>Sunday</t:DayOfWeek></t:DaylightTime></t:TimeZone>'

const mailbox = (address: string, type = 'Required'): string =>
  `<t:MailboxData><t:Email><t:Address>${address}</t:Address></t:Email><t:AttendeeType>${type}</t:AttendeeType><t:ExcludeConflicts>false</t:ExcludeConflicts></t:MailboxData>`

function availability(
  addresses: string[],
  start: string,
  end: string,
  view: string,
  extra: { zone?: string; interval?: number; suggestions?: boolean } = {},
): string {
  return (
    `<m:GetUserAvailabilityRequest>${extra.zone ?? ''}` +
    `<m:MailboxDataArray>${addresses.map((a) => mailbox(a)).join('')}</m:MailboxDataArray>` +
    `<t:FreeBusyViewOptions><t:TimeWindow><t:StartTime>${start}</t:StartTime><t:EndTime>${end}</t:EndTime></t:TimeWindow>` +
    `<t:MergedFreeBusyIntervalInMinutes>${extra.interval ?? 30}</t:MergedFreeBusyIntervalInMinutes>` +
    `<t:RequestedView>${view}</t:RequestedView></t:FreeBusyViewOptions>` +
    (extra.suggestions
      ? '<t:SuggestionsViewOptions><t:DetailedSuggestionsWindow><t:StartTime>2016-06-13T00:00:00</t:StartTime><t:EndTime>2016-06-14T00:00:00</t:EndTime></t:DetailedSuggestionsWindow></t:SuggestionsViewOptions>'
      : '') +
    '</m:GetUserAvailabilityRequest>'
  )
}

const createCal = (inner: string): string =>
  `<m:CreateItem SendMeetingInvitations="SendToNone"><m:Items><t:CalendarItem>${inner}</t:CalendarItem></m:Items></m:CreateItem>`

/** Each FreeBusyResponse: its code, view type, merged string and events (start, end, busy, subject). */
function responses(res: SoapAnswer) {
  return res.select('//m:FreeBusyResponse').map((n) => {
    const el = n as unknown as Element
    const at = (x: string) => res.select(x).filter((e) => isIn(e as unknown as Element, el))
    const one = (x: string) => at(x)[0]?.textContent ?? undefined
    return {
      code: one('//m:FreeBusyResponse/m:ResponseMessage/m:ResponseCode'),
      view: one('//m:FreeBusyView/t:FreeBusyViewType'),
      merged: one('//m:FreeBusyView/t:MergedFreeBusy'),
      events: at('//t:CalendarEvent').map((e) => {
        const ev = e as unknown as Element
        const f = (name: string) => ev.getElementsByTagNameNS(ev.namespaceURI, name)[0]?.textContent
        return [f('StartTime'), f('EndTime'), f('BusyType'), f('Subject')].filter(
          (x) => x !== undefined,
        )
      }),
      hours: one('//t:WorkingPeriod/t:DayOfWeek'),
    }
  })
}

function isIn(node: Element, ancestor: Element): boolean {
  for (let n: Element | null = node; n; n = n.parentNode as Element | null)
    if (n === ancestor) return true
  return false
}

describe('GetUserAvailability (free/busy from the calendars)', () => {
  const { app } = testApp()

  before(async () => {
    // alice: a busy meeting, a tentative one, a free one, a weekly series (three occurrences).
    for (const [subject, start, end, status] of [
      ['Planning', '2016-06-13T09:00:00Z', '2016-06-13T10:00:00Z', 'Busy'],
      ['Maybe', '2016-06-13T09:30:00Z', '2016-06-13T11:00:00Z', 'Tentative'],
      ['Lunch', '2016-06-13T12:00:00Z', '2016-06-13T13:00:00Z', 'Free'],
      ['Away', '2016-06-14T00:00:00Z', '2016-06-15T00:00:00Z', 'OOF'],
    ])
      expect(
        (
          await call(
            app,
            createCal(
              `<t:Subject>${subject}</t:Subject><t:Start>${start}</t:Start><t:End>${end}</t:End><t:LegacyFreeBusyStatus>${status}</t:LegacyFreeBusyStatus><t:Location>Room ${subject}</t:Location>`,
            ),
          )
        ).codes(),
      ).to.deep.equal(['NoError'])
    const weekly =
      '<t:Subject>Standup</t:Subject><t:Start>2016-06-06T15:00:00Z</t:Start><t:End>2016-06-06T15:15:00Z</t:End>' +
      '<t:Recurrence><t:WeeklyRecurrence><t:Interval>1</t:Interval><t:DaysOfWeek>Monday</t:DaysOfWeek></t:WeeklyRecurrence>' +
      '<t:NumberedRecurrence><t:StartDate>2016-06-06</t:StartDate><t:NumberOfOccurrences>3</t:NumberOfOccurrences></t:NumberedRecurrence></t:Recurrence>'
    expect((await call(app, createCal(weekly))).codes()).to.deep.equal(['NoError'])
    // bob: one busy item; carol (fabrikam.com, federated): one.
    const bobs = createCal(
      '<t:Subject>Bob private</t:Subject><t:Start>2016-06-13T14:00:00Z</t:Start><t:End>2016-06-13T15:00:00Z</t:End>',
    )
    expect((await call(app, bobs, 'bob@contoso.com')).codes()).to.deep.equal(['NoError'])
    const carols = createCal(
      '<t:Subject>Carol</t:Subject><t:Start>2016-06-13T16:00:00Z</t:Start><t:End>2016-06-13T17:00:00Z</t:End>',
    )
    expect((await call(app, carols, 'carol@fabrikam.com')).codes()).to.deep.equal(['NoError'])
  })

  it("DetailedMerged of the caller's own calendar: events with details, occurrences expanded, free time left out, merged digits", async () => {
    const res = await call(
      app,
      availability(
        ['alice@contoso.com'],
        '2016-06-13T00:00:00Z',
        '2016-06-14T00:00:00Z',
        'DetailedMerged',
        { interval: 60 },
      ),
    )
    const [alice] = responses(res)
    expect(alice!.code).to.equal('NoError')
    expect(alice!.view).to.equal('DetailedMerged')
    expect(alice!.events).to.deep.equal([
      ['2016-06-13T09:00:00', '2016-06-13T10:00:00', 'Busy', 'Planning'],
      ['2016-06-13T09:30:00', '2016-06-13T11:00:00', 'Tentative', 'Maybe'],
      ['2016-06-13T15:00:00', '2016-06-13T15:15:00', 'Busy', 'Standup'],
    ])
    // 09–10 busy (wins over tentative), 10–11 tentative, 15–16 busy; Lunch is free.
    expect(alice!.merged).to.equal('000000000210000200000000')
    expect(res.value('//t:CalendarEvent[3]//t:IsRecurring')).to.equal('true')
    expect(res.value('//t:CalendarEvent[1]//t:Location')).to.equal('Room Planning')
    expect(alice!.hours).to.equal('Monday Tuesday Wednesday Thursday Friday')
    expect(res.value('//t:WorkingPeriod/t:StartTimeInMinutes')).to.equal('480')
  })

  it('another user of the organisation and a federated one: free/busy only (Detailed answers FreeBusy), in order', async () => {
    const res = await call(
      app,
      availability(
        ['bob@contoso.com', 'carol@fabrikam.com'],
        '2016-06-13T00:00:00Z',
        '2016-06-14T00:00:00Z',
        'Detailed',
      ),
    )
    const [bob, carol] = responses(res)
    expect(bob).to.deep.include({ code: 'NoError', view: 'FreeBusy', merged: undefined })
    expect(bob!.events).to.deep.equal([['2016-06-13T14:00:00', '2016-06-13T15:00:00', 'Busy']])
    expect(carol).to.deep.include({ code: 'NoError', view: 'FreeBusy' })
    expect(carol!.events).to.deep.equal([['2016-06-13T16:00:00', '2016-06-13T17:00:00', 'Busy']])
    expect(res.select('//t:CalendarEventDetails')).to.have.length(0)
  })

  it('an unknown mailbox and one of an organisation that is not federated: ErrorMailRecipientNotFound for that mailbox only', async () => {
    const user = (a: string) =>
      `      - { address: ${a}, password: '${PASSWORD}', displayName: ${a} }\n`
    const topology = parseTopology(
      'organisations:\n' +
        '  - domain: contoso.com\n    exchange: exchange-2016\n    federation: []\n    users:\n' +
        user('alice@contoso.com') +
        '  - domain: fabrikam.com\n    exchange: exchange-online\n    federation: []\n    users:\n' +
        user('carol@fabrikam.com'),
    )
    const lone = testApp({ topology }).app
    const res = await call(
      lone,
      availability(
        ['nobody@contoso.com', 'carol@fabrikam.com', 'alice@contoso.com'],
        '2016-06-13T00:00:00Z',
        '2016-06-14T00:00:00Z',
        'FreeBusy',
      ),
    )
    const out = responses(res)
    expect(out.map((r) => r.code)).to.deep.equal([
      'ErrorMailRecipientNotFound',
      'ErrorMailRecipientNotFound',
      'NoError',
    ])
    expect(out.map((r) => r.view)).to.deep.equal(['None', 'None', 'FreeBusy'])
  })

  it("answers in the request's t:TimeZone (Pacific, daylight time in June) and reads its window there", async () => {
    const res = await call(
      app,
      availability(
        ['alice@contoso.com'],
        '2016-06-13T00:00:00',
        '2016-06-14T00:00:00',
        'FreeBusy',
        { zone: PST },
      ),
    )
    const [alice] = responses(res)
    // 09:00Z is 02:00 PDT; the window is 07:00Z–07:00Z next day, so the OOF day (from 00:00Z on the 14th) is in it.
    expect(alice!.events[0]).to.deep.equal([
      '2016-06-13T02:00:00',
      '2016-06-13T03:00:00',
      'Busy',
      'Planning',
    ])
    expect(alice!.events.at(-1)).to.deep.equal([
      '2016-06-13T17:00:00',
      '2016-06-14T17:00:00',
      'OOF',
      'Away',
    ])
  })

  it('MergedOnly: the merged string and no events', async () => {
    const res = await call(
      app,
      availability(
        ['alice@contoso.com'],
        '2016-06-14T00:00:00Z',
        '2016-06-14T02:00:00Z',
        'MergedOnly',
      ),
    )
    const [alice] = responses(res)
    expect(alice).to.deep.include({ view: 'MergedOnly', merged: '3333' })
    expect(res.select('//t:CalendarEventArray')).to.have.length(0)
  })

  it("Exchange's bounds: a window over 42 days, an empty one, a bad merged interval, 101 mailboxes — SOAP faults", async () => {
    const fault = async (xml: string) => (await call(app, xml)).faultCode()
    expect(
      await fault(
        availability(
          ['alice@contoso.com'],
          '2016-06-01T00:00:00Z',
          '2016-07-14T00:00:00Z',
          'FreeBusy',
        ),
      ),
    ).to.equal('ErrorTimeIntervalTooBig')
    expect(
      await fault(
        availability(
          ['alice@contoso.com'],
          '2016-06-01T00:00:00Z',
          '2016-07-13T00:00:00Z',
          'FreeBusy',
        ),
      ),
    ).to.equal('')
    expect(
      await fault(
        availability(
          ['alice@contoso.com'],
          '2016-06-02T00:00:00Z',
          '2016-06-01T00:00:00Z',
          'FreeBusy',
        ),
      ),
    ).to.equal('ErrorInvalidTimeInterval')
    expect(
      await fault(
        availability(
          ['alice@contoso.com'],
          '2016-06-01T00:00:00Z',
          '2016-06-02T00:00:00Z',
          'FreeBusy',
          { interval: 4 },
        ),
      ),
    ).to.equal('ErrorInvalidMergedFreeBusyInterval')
    const many = Array.from({ length: 101 }, () => 'bob@contoso.com')
    expect(
      await fault(availability(many, '2016-06-01T00:00:00Z', '2016-06-02T00:00:00Z', 'FreeBusy')),
    ).to.equal('ErrorMailboxDataArrayTooBig')
    const hundred = await call(
      app,
      availability(many.slice(1), '2016-06-13T00:00:00Z', '2016-06-14T00:00:00Z', 'FreeBusy'),
    )
    expect(responses(hundred)).to.have.length(100)
  })

  it('SuggestionsViewOptions: the free/busy answer and an error in SuggestionsResponse (suggestions are not built)', async () => {
    const res = await call(
      app,
      availability(
        ['alice@contoso.com'],
        '2016-06-13T00:00:00Z',
        '2016-06-14T00:00:00Z',
        'FreeBusy',
        { suggestions: true },
      ),
    )
    expect(responses(res)[0]!.code).to.equal('NoError')
    expect(res.value('//m:SuggestionsResponse/m:ResponseMessage/m:ResponseCode')).to.equal(
      'ErrorMeetingSuggestionGenerationFailed',
    )
  })

  it("reads the window and answers in the TimeZoneContext header's zone when there is no t:TimeZone", async () => {
    const body = availability(
      ['alice@contoso.com'],
      '2016-06-13T00:00:00',
      '2016-06-14T00:00:00',
      'FreeBusy',
    )
    const res = await post(
      app,
      `<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:m="${NS.m}" xmlns:t="${NS.t}">` +
        '<soap:Header><t:RequestServerVersion Version="Exchange2013"/>' +
        '<t:TimeZoneContext><t:TimeZoneDefinition Id="W. Europe Standard Time"/></t:TimeZoneContext></soap:Header>' +
        `<soap:Body>${body}</soap:Body></soap:Envelope>`,
    )
    // Berlin is UTC+2 in June: 09:00Z is 11:00; the window starts at 22:00Z the day before.
    expect(responses(res)[0]!.events[0]).to.deep.equal([
      '2016-06-13T11:00:00',
      '2016-06-13T12:00:00',
      'Busy',
      'Planning',
    ])
  })

  it("a distribution group: its members' merged free/busy only (MergedOnly, no working hours)", async () => {
    const topology = demoTopology()
    topology.organisations[0]!.groups = [
      {
        address: 'team@contoso.com',
        displayName: 'Team',
        members: ['alice@contoso.com', 'bob@contoso.com'],
      },
    ]
    const teamApp = testApp({ topology }).app
    const item = (subject: string, start: string, end: string) =>
      createCal(`<t:Subject>${subject}</t:Subject><t:Start>${start}</t:Start><t:End>${end}</t:End>`)
    await call(teamApp, item('A', '2016-06-13T01:00:00Z', '2016-06-13T02:00:00Z'))
    await call(
      teamApp,
      item('B', '2016-06-13T03:00:00Z', '2016-06-13T04:00:00Z'),
      'bob@contoso.com',
    )
    const res = await call(
      teamApp,
      availability(
        ['team@contoso.com'],
        '2016-06-13T00:00:00Z',
        '2016-06-13T05:00:00Z',
        'Detailed',
        { interval: 60 },
      ),
    )
    const [team] = responses(res)
    expect(team).to.deep.include({ code: 'NoError', view: 'MergedOnly', merged: '02020' })
    expect(team!.events).to.deep.equal([])
    expect(res.select('//t:WorkingHours')).to.have.length(0)
  })

  it("another user's detail follows his Calendar's permissions: Reviewer full (a private item's time only), FreeBusyTimeAndSubjectAndLocation subject and location, None ErrorNoFreeBusyAccess", async () => {
    const own = testApp().app
    const BOB = 'bob@contoso.com'
    for (const [subject, start, sensitivity] of [
      ['Budget', '2016-06-13T09:00:00Z', 'Normal'],
      ['Doctor', '2016-06-13T11:00:00Z', 'Private'],
    ] as const)
      await call(
        own,
        createCal(
          `<t:Subject>${subject}</t:Subject><t:Sensitivity>${sensitivity}</t:Sensitivity><t:Start>${start}</t:Start><t:End>${start.replace(':00:00Z', ':30:00Z')}</t:End><t:Location>Room ${subject}</t:Location>`,
        ),
        BOB,
      )
    const permissions = (entries: [string, string][]) =>
      call(
        own,
        updateFolderXml(
          folderChange(
            distinguished('calendar'),
            '<t:SetFolderField><t:FieldURI FieldURI="folder:PermissionSet"/><t:CalendarFolder><t:PermissionSet><t:CalendarPermissions>' +
              entries
                .map(
                  ([user, level]) =>
                    `<t:CalendarPermission><t:UserId>${user.includes('@') ? `<t:PrimarySmtpAddress>${user}</t:PrimarySmtpAddress>` : `<t:DistinguishedUser>${user}</t:DistinguishedUser>`}</t:UserId><t:CalendarPermissionLevel>${level}</t:CalendarPermissionLevel></t:CalendarPermission>`,
                )
                .join('') +
              '</t:CalendarPermissions></t:PermissionSet></t:CalendarFolder></t:SetFolderField>',
          ),
        ),
        BOB,
      )
    const ask = () =>
      call(own, availability([BOB], '2016-06-13T00:00:00Z', '2016-06-14T00:00:00Z', 'Detailed'))
    const detail = (res: SoapAnswer) =>
      res.select('//t:CalendarEventDetails').map((d) => {
        const el = d as unknown as Element
        const f = (n: string) => el.getElementsByTagNameNS(el.namespaceURI, n)[0]?.textContent
        return [f('ID') === undefined ? 'no id' : 'id', f('Subject'), f('Location'), f('IsPrivate')]
      })

    expect(
      (
        await permissions([
          ['alice@contoso.com', 'Reviewer'],
          ['Default', 'None'],
        ])
      ).codes(),
    ).to.deep.equal(['NoError'])
    let res = await ask()
    expect(responses(res)[0]!.view).to.equal('Detailed')
    expect(detail(res)).to.deep.equal([
      ['id', 'Budget', 'Room Budget', 'false'],
      ['no id', undefined, undefined, 'true'],
    ])

    await permissions([
      ['alice@contoso.com', 'FreeBusyTimeAndSubjectAndLocation'],
      ['Default', 'None'],
    ])
    res = await ask()
    expect(responses(res)[0]!.view).to.equal('Detailed')
    expect(detail(res)).to.deep.equal([
      ['no id', 'Budget', 'Room Budget', 'false'],
      ['no id', undefined, undefined, 'true'],
    ])

    await permissions([['Default', 'None']])
    res = await ask()
    expect(responses(res).map((r) => [r.code, r.view])).to.deep.equal([
      ['ErrorNoFreeBusyAccess', 'None'],
    ])
  })

  it('BusyType WorkingElsewhere from Exchange2013 on; Busy (and merged 2) for an older RequestServerVersion, whose schema lacks it', async () => {
    const own = testApp().app
    await call(
      own,
      createCal(
        '<t:Subject>Home office</t:Subject><t:Start>2016-06-13T08:00:00Z</t:Start><t:End>2016-06-13T09:00:00Z</t:End><t:LegacyFreeBusyStatus>WorkingElsewhere</t:LegacyFreeBusyStatus>',
      ),
    )
    const body = availability(
      ['alice@contoso.com'],
      '2016-06-13T08:00:00Z',
      '2016-06-13T09:00:00Z',
      'FreeBusyMerged',
    )
    const [now] = responses(await post(own, envelope(body, 'Exchange2013')))
    const [old] = responses(await post(own, envelope(body, 'Exchange2010_SP2')))
    expect([now!.events[0]![2], now!.merged]).to.deep.equal(['WorkingElsewhere', '44'])
    expect([old!.events[0]![2], old!.merged]).to.deep.equal(['Busy', '22'])
  })

  it("a user's workingHours from the topology: his zone (as a SerializableTimeZone), hours and days", async () => {
    const user = (a: string, extra = '') =>
      `      - { address: ${a}, password: '${PASSWORD}', displayName: ${a}${extra} }\n`
    const topology = parseTopology(
      'organisations:\n' +
        '  - domain: contoso.com\n    exchange: exchange-2016\n    users:\n' +
        user('alice@contoso.com') +
        user(
          'bob@contoso.com',
          ", workingHours: { timeZone: W. Europe Standard Time, start: '09:30', end: '18:00', days: [Tuesday, Monday] }",
        ),
    )
    const res = await call(
      testApp({ topology }).app,
      availability(
        ['bob@contoso.com', 'alice@contoso.com'],
        '2016-06-13T00:00:00Z',
        '2016-06-14T00:00:00Z',
        'FreeBusy',
      ),
    )
    const hours = res.select('//t:WorkingHours').map((h) => {
      const el = h as unknown as Element
      const all = (n: string) =>
        Array.from(el.getElementsByTagNameNS(el.namespaceURI, n)).map((e) => e.textContent)
      return {
        bias: all('Bias'),
        time: all('Time'),
        order: all('DayOrder'),
        month: all('Month'),
        days: all('DayOfWeek'),
        start: all('StartTimeInMinutes'),
        end: all('EndTimeInMinutes'),
      }
    })
    // Berlin: UTC+1, daylight (+60) from the last Sunday of March 02:00 to the last of October 03:00.
    expect(hours[0]).to.deep.equal({
      bias: ['-60', '0', '-60'],
      time: ['03:00:00', '02:00:00'],
      order: ['5', '5'],
      month: ['10', '3'],
      days: ['Sunday', 'Sunday', 'Monday Tuesday'],
      start: ['570'],
      end: ['1080'],
    })
    expect(hours[1]!.start).to.deep.equal(['480'])
    expect(hours[1]!.days.at(-1)).to.equal('Monday Tuesday Wednesday Thursday Friday')
    expect(() =>
      parseTopology(
        'organisations:\n  - domain: contoso.com\n    exchange: exchange-2016\n    users:\n' +
          user('alice@contoso.com', ', workingHours: { timeZone: Mars Standard Time }'),
      ),
    ).to.throw(/workingHours.timeZone: expected a Windows time zone id/)
  })
})
