/** Calendar requests for the schema conformance check (issue 17): every calendar answer kind. */
import { call, envelope, post } from '../helpers/ews.ts'
import type { EwsApp } from '../../mock-ews/index.ts'

type Send = (name: string, op: string) => Promise<void>
type Push = (name: string, xml: string) => void

export async function calendarAnswers(app: EwsApp['app'], send: Send, push: Push): Promise<void> {
  const BOB =
    '<t:Mailbox><t:Name>Bob</t:Name><t:EmailAddress>bob@contoso.com</t:EmailAddress></t:Mailbox>'
  const item =
    '<t:CalendarItem><t:Subject>Review</t:Subject><t:Categories><t:String>Blue</t:String></t:Categories>' +
    '<t:Start>2016-07-01T10:00:00</t:Start><t:End>2016-07-01T11:00:00</t:End><t:Location>Room 1</t:Location>' +
    `<t:RequiredAttendees><t:Attendee>${BOB}<t:ResponseType>Unknown</t:ResponseType></t:Attendee></t:RequiredAttendees>` +
    '<t:StartTimeZone Id="W. Europe Standard Time"/></t:CalendarItem>'
  const created = await call(
    app,
    `<m:CreateItem SendMeetingInvitations="SendToNone"><m:Items>${item}<t:CalendarItem><t:Start>2016-07-01T10:00:00Z</t:Start><t:End>2016-07-01T09:00:00Z</t:End></t:CalendarItem></m:Items></m:CreateItem>`,
  )
  push('CreateItem CalendarItem + ErrorCalendarEndDateIsEarlierThanStartDate', created.text)
  const id = created.value('//t:CalendarItem/t:ItemId/@Id')
  const get = `<m:GetItem><m:ItemShape><t:BaseShape>AllProperties</t:BaseShape><t:AdditionalProperties><t:FieldURI FieldURI="calendar:StartTimeZoneId"/></t:AdditionalProperties></m:ItemShape><m:ItemIds><t:ItemId Id="${id}"/></m:ItemIds></m:GetItem>`
  await send('GetItem CalendarItem AllProperties', get)
  push(
    'GetItem CalendarItem AllProperties Exchange2007_SP1 (MeetingTimeZone)',
    (await post(app, envelope(get, 'Exchange2007_SP1'))).text,
  )
  await send(
    'UpdateItem CalendarItem',
    `<m:UpdateItem ConflictResolution="AlwaysOverwrite" SendMeetingInvitationsOrCancellations="SendToNone"><m:ItemChanges><t:ItemChange><t:ItemId Id="${id}"/><t:Updates><t:SetItemField><t:FieldURI FieldURI="calendar:Location"/><t:CalendarItem><t:Location>Room 2</t:Location></t:CalendarItem></t:SetItemField></t:Updates></t:ItemChange></m:ItemChanges></m:UpdateItem>`,
  )
  await send('GetServerTimeZones', '<m:GetServerTimeZones/>')
  await send(
    'GetServerTimeZones ids, not full',
    '<m:GetServerTimeZones ReturnFullTimeZoneData="false"><m:Ids><t:Id>UTC</t:Id></m:Ids></m:GetServerTimeZones>',
  )
  await send(
    'GetServerTimeZones unknown id',
    '<m:GetServerTimeZones><m:Ids><t:Id>Mars Standard Time</t:Id></m:Ids></m:GetServerTimeZones>',
  )
  await send(
    'DeleteItem CalendarItem without SendMeetingCancellations',
    `<m:DeleteItem DeleteType="HardDelete"><m:ItemIds><t:ItemId Id="${id}"/></m:ItemIds></m:DeleteItem>`,
  )
}
