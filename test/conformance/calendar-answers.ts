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

/** Meeting messages, occurrences and CalendarView answers (issue 17). */
export async function meetingAnswers(app: EwsApp['app'], push: Push): Promise<void> {
  const BOB = 'bob@contoso.com'
  const CAROL = 'carol@fabrikam.com'
  const attendee = (a: string) =>
    `<t:Attendee><t:Mailbox><t:EmailAddress>${a}</t:EmailAddress></t:Mailbox></t:Attendee>`
  const created = await call(
    app,
    '<m:CreateItem SendMeetingInvitations="SendToAllAndSaveCopy"><m:Items><t:CalendarItem><t:Subject>Conformance meeting</t:Subject>' +
      '<t:Start>2016-07-04T09:00:00Z</t:Start><t:End>2016-07-04T10:00:00Z</t:End>' +
      '<t:Recurrence><t:WeeklyRecurrence><t:Interval>1</t:Interval><t:DaysOfWeek>Monday Wednesday</t:DaysOfWeek></t:WeeklyRecurrence><t:NumberedRecurrence><t:StartDate>2016-07-04</t:StartDate><t:NumberOfOccurrences>4</t:NumberOfOccurrences></t:NumberedRecurrence></t:Recurrence>' +
      `<t:RequiredAttendees>${attendee(BOB)}</t:RequiredAttendees></t:CalendarItem></m:Items></m:CreateItem>`,
  )
  push('CreateItem recurring meeting with invitations', created.text)
  const master = created.value('//t:CalendarItem/t:ItemId/@Id')
  const all = '<m:ItemShape><t:BaseShape>AllProperties</t:BaseShape></m:ItemShape>'
  const occurrence = `<t:OccurrenceItemId RecurringMasterId="${master}" InstanceIndex="2"/>`
  push(
    'DeleteItem an occurrence',
    (
      await call(
        app,
        `<m:DeleteItem DeleteType="HardDelete" SendMeetingCancellations="SendToNone"><m:ItemIds>${occurrence}</m:ItemIds></m:DeleteItem>`,
      )
    ).text,
  )
  const third = `<t:OccurrenceItemId RecurringMasterId="${master}" InstanceIndex="3"/>`
  push(
    'UpdateItem an occurrence (exception)',
    (
      await call(
        app,
        `<m:UpdateItem ConflictResolution="AlwaysOverwrite" SendMeetingInvitationsOrCancellations="SendToNone"><m:ItemChanges><t:ItemChange>${third}<t:Updates><t:SetItemField><t:FieldURI FieldURI="item:Subject"/><t:CalendarItem><t:Subject>Moved</t:Subject></t:CalendarItem></t:SetItemField></t:Updates></t:ItemChange></m:ItemChanges></m:UpdateItem>`,
      )
    ).text,
  )
  push(
    'GetItem master, occurrence, exception, deleted occurrence',
    (
      await call(
        app,
        `<m:GetItem>${all}<m:ItemIds><t:ItemId Id="${master}"/>${third}<t:OccurrenceItemId RecurringMasterId="${master}" InstanceIndex="1"/>${occurrence}</m:ItemIds></m:GetItem>`,
      )
    ).text,
  )
  push(
    'FindItem CalendarView',
    (
      await call(
        app,
        `<m:FindItem Traversal="Shallow">${all}<m:CalendarView MaxEntriesReturned="2" StartDate="2016-07-01T00:00:00Z" EndDate="2016-07-31T00:00:00Z"/><m:ParentFolderIds><t:DistinguishedFolderId Id="calendar"/></m:ParentFolderIds></m:FindItem>`,
      )
    ).text,
  )
  push(
    'FindItem CalendarView too big',
    (
      await call(
        app,
        `<m:FindItem Traversal="Shallow">${all}<m:CalendarView StartDate="2016-01-01T00:00:00Z" EndDate="2019-01-01T00:00:00Z"/><m:ParentFolderIds><t:DistinguishedFolderId Id="calendar"/></m:ParentFolderIds></m:FindItem>`,
      )
    ).text,
  )
  const single = await call(
    app,
    '<m:CreateItem SendMeetingInvitations="SendOnlyToAll"><m:Items><t:CalendarItem><t:Subject>Across</t:Subject>' +
      '<t:Start>2016-07-05T09:00:00Z</t:Start><t:End>2016-07-05T10:00:00Z</t:End>' +
      `<t:RequiredAttendees>${attendee(CAROL)}${attendee(BOB)}</t:RequiredAttendees></t:CalendarItem></m:Items></m:CreateItem>`,
  )
  const find = `<m:FindItem Traversal="Shallow">${all}<m:ParentFolderIds><t:DistinguishedFolderId Id="inbox"/></m:ParentFolderIds></m:FindItem>`
  const bobInbox = await call(app, find, BOB)
  push('FindItem MeetingRequest AllProperties', bobInbox.text)
  const request = bobInbox.value('(//t:MeetingRequest/t:ItemId/@Id)[1]')
  push(
    'GetItem MeetingRequest',
    (
      await call(
        app,
        `<m:GetItem>${all}<m:ItemIds><t:ItemId Id="${request}"/></m:ItemIds></m:GetItem>`,
        BOB,
      )
    ).text,
  )
  push(
    'CreateItem AcceptItem',
    (
      await call(
        app,
        `<m:CreateItem MessageDisposition="SendAndSaveCopy"><m:Items><t:AcceptItem><t:ReferenceItemId Id="${request}"/></t:AcceptItem><t:DeclineItem/></m:Items></m:CreateItem>`,
        BOB,
      )
    ).text,
  )
  const carolInbox = await call(app, find, CAROL)
  push('FindItem MeetingRequest from iCalendar', carolInbox.text)
  push(
    'CreateItem CancelCalendarItem',
    (
      await call(
        app,
        `<m:CreateItem MessageDisposition="SendAndSaveCopy"><m:Items><t:CancelCalendarItem><t:ReferenceItemId Id="${single.value('//t:CalendarItem/t:ItemId/@Id')}"/></t:CancelCalendarItem></m:Items></m:CreateItem>`,
      )
    ).text,
  )
  push('FindItem MeetingResponse', (await call(app, find)).text)
  push('FindItem MeetingCancellation', (await call(app, find, BOB)).text)
}
