/** GetUserAvailability requests for the schema conformance check (issue 17): every answer shape. */
import { call } from '../helpers/ews.ts'
import type { EwsApp } from '../../mock-ews/index.ts'

type Send = (name: string, op: string) => Promise<void>

const PST =
  '<t:TimeZone><t:Bias>480</t:Bias>' +
  '<t:StandardTime><t:Bias>0</t:Bias><t:Time>02:00:00</t:Time><t:DayOrder>1</t:DayOrder><t:Month>11</t:Month><t:DayOfWeek>Sunday</t:DayOfWeek></t:StandardTime>' +
  '<t:DaylightTime><t:Bias>-60</t:Bias><t:Time>02:00:00</t:Time><t:DayOrder>2</t:DayOrder><t:Month>3</t:Month><t:DayOfWeek>Sunday</t:DayOfWeek></t:DaylightTime></t:TimeZone>'

function request(
  addresses: string[],
  view: string,
  end = '2016-08-02T00:00:00',
  extra = '',
): string {
  const data = addresses
    .map(
      (a) =>
        `<t:MailboxData><t:Email><t:Address>${a}</t:Address></t:Email><t:AttendeeType>Required</t:AttendeeType></t:MailboxData>`,
    )
    .join('')
  return (
    `<m:GetUserAvailabilityRequest>${PST}<m:MailboxDataArray>${data}</m:MailboxDataArray>` +
    `<t:FreeBusyViewOptions><t:TimeWindow><t:StartTime>2016-07-01T00:00:00</t:StartTime><t:EndTime>${end}</t:EndTime></t:TimeWindow>` +
    `<t:MergedFreeBusyIntervalInMinutes>60</t:MergedFreeBusyIntervalInMinutes><t:RequestedView>${view}</t:RequestedView></t:FreeBusyViewOptions>` +
    `${extra}</m:GetUserAvailabilityRequest>`
  )
}

export async function availabilityAnswers(app: EwsApp['app'], send: Send): Promise<void> {
  await call(
    app,
    '<m:CreateItem SendMeetingInvitations="SendToNone"><m:Items><t:CalendarItem><t:Subject>Private</t:Subject>' +
      '<t:Sensitivity>Private</t:Sensitivity><t:ReminderIsSet>true</t:ReminderIsSet>' +
      '<t:Start>2016-07-04T16:00:00Z</t:Start><t:End>2016-07-04T17:00:00Z</t:End></t:CalendarItem></m:Items></m:CreateItem>',
  )
  await send(
    'GetUserAvailability DetailedMerged: own, another, federated, unknown; suggestions',
    request(
      ['alice@contoso.com', 'bob@contoso.com', 'carol@fabrikam.com', 'nobody@contoso.com'],
      'DetailedMerged',
      undefined,
      '<t:SuggestionsViewOptions><t:DetailedSuggestionsWindow><t:StartTime>2016-07-01T00:00:00</t:StartTime><t:EndTime>2016-07-02T00:00:00</t:EndTime></t:DetailedSuggestionsWindow></t:SuggestionsViewOptions>',
    ),
  )
  await send('GetUserAvailability MergedOnly', request(['alice@contoso.com'], 'MergedOnly'))
  await send(
    'GetUserAvailability ErrorTimeIntervalTooBig',
    request(['alice@contoso.com'], 'FreeBusy', '2016-09-01T00:00:00'),
  )
}
