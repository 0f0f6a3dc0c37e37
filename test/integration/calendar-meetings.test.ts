// Issue 17, meetings inside one organisation over raw SOAP: invitations (MeetingRequest in the
// attendee's Inbox, a tentative copy in their calendar), Accept / Tentative / Decline
// (MeetingResponse to the organizer, the answer on the organizer's item), updates reaching the
// attendees, CancelCalendarItem and DeleteItem with cancellations (MeetingCancellation).
import { expect } from 'chai'
import type { Element } from '@xmldom/xmldom'
import { call, distinguished, testApp } from '../helpers/ews.ts'
import type { SoapAnswer } from '../helpers/ews.ts'
import { getItemXml, itemChange, itemId } from '../helpers/items.ts'

const ALICE = 'alice@contoso.com'
const BOB = 'bob@contoso.com'
const mailbox = (a: string) => `<t:Mailbox><t:EmailAddress>${a}</t:EmailAddress></t:Mailbox>`

const findAll = (folder: string, extra = '') =>
  `<m:FindItem Traversal="Shallow"><m:ItemShape><t:BaseShape>AllProperties</t:BaseShape>${extra}</m:ItemShape><m:ParentFolderIds>${distinguished(folder)}</m:ParentFolderIds></m:FindItem>`
const idIn = (res: SoapAnswer, element: string): string =>
  (res.select(`//t:${element}/t:ItemId`)[0] as unknown as Element).getAttribute('Id')!

describe('Meetings (invitations, answers, updates, cancellations)', () => {
  const { app } = testApp()
  let meeting: string

  it('SendToAllAndSaveCopy: a MeetingRequest in the attendee Inbox, a tentative copy in their calendar, a copy in Sent Items', async () => {
    const res = await call(
      app,
      '<m:CreateItem SendMeetingInvitations="SendToAllAndSaveCopy"><m:Items><t:CalendarItem>' +
        '<t:Subject>Budget</t:Subject><t:Start>2016-07-01T10:00:00Z</t:Start><t:End>2016-07-01T11:00:00Z</t:End>' +
        `<t:Location>Room 1</t:Location><t:RequiredAttendees><t:Attendee>${mailbox(BOB)}</t:Attendee></t:RequiredAttendees>` +
        '</t:CalendarItem></m:Items></m:CreateItem>',
    )
    expect(res.codes(), res.value('//m:MessageText')).to.deep.equal(['NoError'])
    meeting = idIn(res, 'CalendarItem')
    const inbox = await call(app, findAll('inbox'), BOB)
    expect(inbox.value('//t:MeetingRequest/t:ItemClass')).to.equal('IPM.Schedule.Meeting.Request')
    expect(inbox.value('//t:MeetingRequest/t:Subject')).to.equal('Budget')
    const request = await call(app, getItemXml(itemId(idIn(inbox, 'MeetingRequest'))), BOB)
    expect(request.value('//t:MeetingRequest/t:Start')).to.equal('2016-07-01T10:00:00Z')
    expect(request.value('//t:MeetingRequest/t:Organizer/t:Mailbox/t:EmailAddress')).to.equal(ALICE)
    expect(request.value('//t:MeetingRequest/t:MeetingRequestType')).to.equal('NewMeetingRequest')
    const bobs = await call(app, findAll('calendar'), BOB)
    expect(bobs.value('//t:CalendarItem/t:LegacyFreeBusyStatus')).to.equal('Tentative')
    expect(bobs.value('//t:CalendarItem/t:MyResponseType')).to.equal('NoResponseReceived')
    const sent = await call(app, findAll('sentitems'))
    expect(sent.select('//t:MeetingRequest')).to.have.length(1)
    const mine = await call(app, getItemXml(itemId(meeting)))
    expect(mine.value('//t:CalendarItem/t:MeetingRequestWasSent')).to.equal('true')
    expect(mine.value('//t:CalendarItem/t:MyResponseType')).to.equal('Organizer')
  })

  it('AcceptItem: a MeetingResponse to the organizer, the answer on her item, the attendee busy', async () => {
    const inbox = await call(app, findAll('inbox'), BOB)
    const request = idIn(inbox, 'MeetingRequest')
    const res = await call(
      app,
      `<m:CreateItem MessageDisposition="SendAndSaveCopy"><m:Items><t:AcceptItem><t:ReferenceItemId Id="${request}"/></t:AcceptItem></m:Items></m:CreateItem>`,
      BOB,
    )
    expect(res.codes(), res.value('//m:MessageText')).to.deep.equal(['NoError'])
    const alices = await call(app, findAll('inbox'))
    expect(alices.value('//t:MeetingResponse/t:ItemClass')).to.equal(
      'IPM.Schedule.Meeting.Resp.Pos',
    )
    expect(alices.value('//t:MeetingResponse/t:Subject')).to.equal('Accepted: Budget')
    const mine = await call(app, getItemXml(itemId(meeting)))
    expect(mine.value('//t:CalendarItem/t:RequiredAttendees/t:Attendee/t:ResponseType')).to.equal(
      'Accept',
    )
    const bobs = await call(app, findAll('calendar'), BOB)
    expect(bobs.value('//t:CalendarItem/t:MyResponseType')).to.equal('Accept')
    expect(bobs.value('//t:CalendarItem/t:LegacyFreeBusyStatus')).to.equal('Busy')
    const after = await call(app, findAll('inbox'), BOB)
    expect(after.select('//t:MeetingRequest'), 'the request leaves the Inbox').to.have.length(0)
    const self = await call(
      app,
      `<m:CreateItem MessageDisposition="SendAndSaveCopy"><m:Items><t:DeclineItem><t:ReferenceItemId Id="${meeting}"/></t:DeclineItem></m:Items></m:CreateItem>`,
    )
    expect(self.codes()).to.deep.equal(['ErrorCalendarIsOrganizerForDecline'])
  })

  it("an organizer's update reaches the attendee; CancelCalendarItem sends a MeetingCancellation", async () => {
    const key = (await call(app, getItemXml(itemId(meeting)))).value(
      '//t:CalendarItem/t:ItemId/@ChangeKey',
    )
    const upd = await call(
      app,
      `<m:UpdateItem ConflictResolution="AutoResolve" SendMeetingInvitationsOrCancellations="SendToAllAndSaveCopy"><m:ItemChanges>${itemChange(
        itemId(meeting, key),
        '<t:SetItemField><t:FieldURI FieldURI="calendar:Location"/><t:CalendarItem><t:Location>Room 9</t:Location></t:CalendarItem></t:SetItemField>',
      )}</m:ItemChanges></m:UpdateItem>`,
    )
    expect(upd.codes(), upd.value('//m:MessageText')).to.deep.equal(['NoError'])
    const bobs = await call(app, findAll('calendar'), BOB)
    expect(bobs.value('//t:CalendarItem/t:Location')).to.equal('Room 9')
    expect((await call(app, findAll('inbox'), BOB)).select('//t:MeetingRequest')).to.have.length(1)
    const cancel = await call(
      app,
      `<m:CreateItem MessageDisposition="SendAndSaveCopy"><m:Items><t:CancelCalendarItem><t:ReferenceItemId Id="${meeting}"/><t:NewBodyContent BodyType="Text">Sorry</t:NewBodyContent></t:CancelCalendarItem></m:Items></m:CreateItem>`,
    )
    expect(cancel.codes(), cancel.value('//m:MessageText')).to.deep.equal(['NoError'])
    const inbox = await call(app, findAll('inbox'), BOB)
    expect(inbox.value('//t:MeetingCancellation/t:Subject')).to.equal('Canceled: Budget')
    const cancelled = await call(app, findAll('calendar'), BOB)
    expect(cancelled.value('//t:CalendarItem/t:IsCancelled')).to.equal('true')
    // The organizer's item moves to Deleted Items (a moved item has a new id, as on Exchange).
    expect((await call(app, findAll('calendar'))).select('//t:CalendarItem')).to.have.length(0)
    expect((await call(app, findAll('deleteditems'))).value('//t:CalendarItem/t:Subject')).to.equal(
      'Budget',
    )
  })

  it('TentativelyAcceptItem and DeleteItem with SendMeetingCancellations', async () => {
    const { app: own } = testApp()
    const res = await call(
      own,
      '<m:CreateItem SendMeetingInvitations="SendOnlyToAll"><m:Items><t:CalendarItem>' +
        '<t:Subject>Retro</t:Subject><t:Start>2016-07-02T10:00:00Z</t:Start><t:End>2016-07-02T11:00:00Z</t:End>' +
        `<t:OptionalAttendees><t:Attendee>${mailbox(BOB)}</t:Attendee></t:OptionalAttendees>` +
        '</t:CalendarItem></m:Items></m:CreateItem>',
    )
    const id = idIn(res, 'CalendarItem')
    expect((await call(own, findAll('sentitems'))).select('//t:MeetingRequest')).to.have.length(0)
    const bobsItem = idIn(await call(own, findAll('calendar'), BOB), 'CalendarItem')
    const tent = await call(
      own,
      `<m:CreateItem MessageDisposition="SendOnly"><m:Items><t:TentativelyAcceptItem><t:ReferenceItemId Id="${bobsItem}"/></t:TentativelyAcceptItem></m:Items></m:CreateItem>`,
      BOB,
    )
    expect(tent.codes()).to.deep.equal(['NoError'])
    const mine = await call(own, getItemXml(itemId(id)))
    expect(mine.value('//t:OptionalAttendees/t:Attendee/t:ResponseType')).to.equal('Tentative')
    const del = await call(
      own,
      `<m:DeleteItem DeleteType="MoveToDeletedItems" SendMeetingCancellations="SendToAllAndSaveCopy"><m:ItemIds>${itemId(id)}</m:ItemIds></m:DeleteItem>`,
    )
    expect(del.codes()).to.deep.equal(['NoError'])
    const inbox = await call(own, findAll('inbox'), BOB)
    expect(inbox.select('//t:MeetingCancellation')).to.have.length(1)
  })
})

describe('An attendee removed from a meeting', () => {
  it('gets a MeetingCancellation and their copy is cancelled; the others get the update', async () => {
    const { app } = testApp()
    const res = await call(
      app,
      '<m:CreateItem SendMeetingInvitations="SendToAllAndSaveCopy"><m:Items><t:CalendarItem><t:Subject>Trim</t:Subject>' +
        '<t:Start>2016-07-05T09:00:00Z</t:Start><t:End>2016-07-05T10:00:00Z</t:End>' +
        `<t:RequiredAttendees><t:Attendee>${mailbox(BOB)}</t:Attendee><t:Attendee>${mailbox('carol@fabrikam.com')}</t:Attendee></t:RequiredAttendees>` +
        '</t:CalendarItem></m:Items></m:CreateItem>',
    )
    const id = idIn(res, 'CalendarItem')
    const upd = await call(
      app,
      `<m:UpdateItem ConflictResolution="AlwaysOverwrite" SendMeetingInvitationsOrCancellations="SendToAllAndSaveCopy"><m:ItemChanges>${itemChange(
        itemId(id),
        `<t:SetItemField><t:FieldURI FieldURI="calendar:RequiredAttendees"/><t:CalendarItem><t:RequiredAttendees><t:Attendee>${mailbox('carol@fabrikam.com')}</t:Attendee></t:RequiredAttendees></t:CalendarItem></t:SetItemField>`,
      )}</m:ItemChanges></m:UpdateItem>`,
    )
    expect(upd.codes(), upd.value('//m:MessageText')).to.deep.equal(['NoError'])
    expect(
      (await call(app, findAll('inbox'), BOB)).select('//t:MeetingCancellation'),
    ).to.have.length(1)
    expect(
      (await call(app, findAll('calendar'), BOB)).value('//t:CalendarItem/t:IsCancelled'),
    ).to.equal('true')
    expect(
      (await call(app, findAll('inbox'), 'carol@fabrikam.com')).select('//t:MeetingRequest'),
    ).to.have.length(2)
    // The last attendee removed: a cancellation, though the item is no longer a meeting.
    const last = await call(
      app,
      `<m:UpdateItem ConflictResolution="AlwaysOverwrite" SendMeetingInvitationsOrCancellations="SendToAllAndSaveCopy"><m:ItemChanges>${itemChange(
        itemId(id),
        '<t:DeleteItemField><t:FieldURI FieldURI="calendar:RequiredAttendees"/></t:DeleteItemField>',
      )}</m:ItemChanges></m:UpdateItem>`,
    )
    expect(last.codes(), last.value('//m:MessageText')).to.deep.equal(['NoError'])
    expect(
      (await call(app, findAll('inbox'), 'carol@fabrikam.com')).select('//t:MeetingCancellation'),
    ).to.have.length(1)
  })
})

describe('A single occurrence of a meeting', () => {
  it('is not sent to attendees yet: DeleteItem / UpdateItem with messages are refused, nothing changes', async () => {
    const { app } = testApp()
    const res = await call(
      app,
      '<m:CreateItem SendMeetingInvitations="SendToAllAndSaveCopy"><m:Items><t:CalendarItem>' +
        '<t:Subject>Daily</t:Subject><t:Start>2016-07-04T09:00:00Z</t:Start><t:End>2016-07-04T09:15:00Z</t:End>' +
        '<t:Recurrence><t:DailyRecurrence><t:Interval>1</t:Interval></t:DailyRecurrence><t:NumberedRecurrence><t:StartDate>2016-07-04</t:StartDate><t:NumberOfOccurrences>3</t:NumberOfOccurrences></t:NumberedRecurrence></t:Recurrence>' +
        `<t:RequiredAttendees><t:Attendee>${mailbox(BOB)}</t:Attendee></t:RequiredAttendees>` +
        '</t:CalendarItem></m:Items></m:CreateItem>',
    )
    const master = idIn(res, 'CalendarItem')
    const occurrence = `<t:OccurrenceItemId RecurringMasterId="${master}" InstanceIndex="2"/>`
    const del = await call(
      app,
      `<m:DeleteItem DeleteType="HardDelete" SendMeetingCancellations="SendToAllAndSaveCopy"><m:ItemIds>${occurrence}</m:ItemIds></m:DeleteItem>`,
    )
    expect(del.codes()).to.deep.equal(['ErrorInvalidRequest'])
    expect((await call(app, getItemXml(occurrence))).codes()).to.deep.equal(['NoError'])
  })
})

describe('Meeting messages are written by mock-ews only (nothing a client writes into one is dropped)', () => {
  const { app } = testApp()
  for (const type of ['MeetingRequest', 'MeetingResponse', 'MeetingCancellation']) {
    it(`CreateItem and UpdateItem refuse a t:${type}, naming it`, async () => {
      const created = await call(
        app,
        `<m:CreateItem MessageDisposition="SaveOnly"><m:Items><t:${type}><t:Subject>x</t:Subject></t:${type}></m:Items></m:CreateItem>`,
      )
      expect(created.codes()).to.deep.equal(['ErrorInvalidRequest'])
      expect(created.value('//m:MessageText')).to.include(type)
      const draft = await call(
        app,
        '<m:CreateItem MessageDisposition="SaveOnly"><m:Items><t:Message><t:Subject>d</t:Subject></t:Message></m:Items></m:CreateItem>',
      )
      const id = (draft.select('//t:ItemId')[0] as unknown as Element).getAttribute('Id')!
      const upd = await call(
        app,
        `<m:UpdateItem ConflictResolution="AlwaysOverwrite" MessageDisposition="SaveOnly"><m:ItemChanges>${itemChange(
          itemId(id),
          `<t:SetItemField><t:FieldURI FieldURI="item:Subject"/><t:${type}><t:Subject>y</t:Subject></t:${type}></t:SetItemField>`,
        )}</m:ItemChanges></m:UpdateItem>`,
      )
      expect(upd.codes()).to.deep.equal(['ErrorInvalidPropertySet'])
      expect(upd.value('//m:MessageText')).to.include(type)
    })
  }
})

describe('Meetings across organisations (iCalendar)', () => {
  const CAROL = 'carol@fabrikam.com'
  it('a federated attendee gets a MeetingRequest and a tentative copy; her answer and a cancellation come back', async () => {
    const { app } = testApp()
    const res = await call(
      app,
      '<m:CreateItem SendMeetingInvitations="SendToAllAndSaveCopy"><m:Items><t:CalendarItem>' +
        '<t:Subject>Partner sync</t:Subject><t:Start>2016-07-05T13:00:00Z</t:Start><t:End>2016-07-05T14:00:00Z</t:End>' +
        `<t:Location>Bridge</t:Location><t:RequiredAttendees><t:Attendee>${mailbox(CAROL)}</t:Attendee><t:Attendee>${mailbox(BOB)}</t:Attendee></t:RequiredAttendees>` +
        '</t:CalendarItem></m:Items></m:CreateItem>',
    )
    expect(res.codes(), res.value('//m:MessageText')).to.deep.equal(['NoError'])
    const meetingId = idIn(res, 'CalendarItem')
    const inbox = await call(app, findAll('inbox'), CAROL)
    const request = idIn(inbox, 'MeetingRequest')
    const got = await call(app, getItemXml(itemId(request)), CAROL)
    expect(got.value('//t:MeetingRequest/t:Start')).to.equal('2016-07-05T13:00:00Z')
    expect(got.value('//t:MeetingRequest/t:Location')).to.equal('Bridge')
    expect(got.value('//t:MeetingRequest/t:Organizer/t:Mailbox/t:EmailAddress')).to.equal(ALICE)
    expect(got.select('//t:MeetingRequest/t:Attachments')).to.have.length(0)
    const copy = await call(app, findAll('calendar'), CAROL)
    expect(copy.value('//t:CalendarItem/t:LegacyFreeBusyStatus')).to.equal('Tentative')
    expect((await call(app, findAll('inbox'), BOB)).select('//t:MeetingRequest')).to.have.length(1)
    const accept = await call(
      app,
      `<m:CreateItem MessageDisposition="SendAndSaveCopy"><m:Items><t:TentativelyAcceptItem><t:ReferenceItemId Id="${request}"/></t:TentativelyAcceptItem></m:Items></m:CreateItem>`,
      CAROL,
    )
    expect(accept.codes(), accept.value('//m:MessageText')).to.deep.equal(['NoError'])
    const answers = await call(app, findAll('inbox'))
    expect(answers.value('//t:MeetingResponse/t:ItemClass')).to.equal(
      'IPM.Schedule.Meeting.Resp.Tent',
    )
    const mine = await call(app, getItemXml(itemId(meetingId)))
    const carolsAnswer = mine.select(
      `//t:RequiredAttendees/t:Attendee[t:Mailbox/t:EmailAddress="${CAROL}"]/t:ResponseType`,
    )
    expect(carolsAnswer.map((n) => n.textContent)).to.deep.equal(['Tentative'])
    const cancel = await call(
      app,
      `<m:CreateItem MessageDisposition="SendAndSaveCopy"><m:Items><t:CancelCalendarItem><t:ReferenceItemId Id="${meetingId}"/></t:CancelCalendarItem></m:Items></m:CreateItem>`,
    )
    expect(cancel.codes(), cancel.value('//m:MessageText')).to.deep.equal(['NoError'])
    expect(
      (await call(app, findAll('inbox'), CAROL)).select('//t:MeetingCancellation'),
    ).to.have.length(1)
    expect(
      (await call(app, findAll('calendar'), CAROL)).value('//t:CalendarItem/t:IsCancelled'),
    ).to.equal('true')
  })
})

describe('What a meeting answer carries', () => {
  it('keeps its Body in the MeetingResponse and refuses what it would not keep, naming it', async () => {
    const { app } = testApp()
    await call(
      app,
      '<m:CreateItem SendMeetingInvitations="SendOnlyToAll"><m:Items><t:CalendarItem><t:Subject>Body</t:Subject>' +
        '<t:Start>2016-07-05T09:00:00Z</t:Start><t:End>2016-07-05T10:00:00Z</t:End>' +
        `<t:RequiredAttendees><t:Attendee>${mailbox(BOB)}</t:Attendee></t:RequiredAttendees></t:CalendarItem></m:Items></m:CreateItem>`,
    )
    const request = idIn(await call(app, findAll('inbox'), BOB), 'MeetingRequest')
    const answer = (inner: string) =>
      call(
        app,
        `<m:CreateItem MessageDisposition="SendOnly"><m:Items><t:AcceptItem>${inner}<t:ReferenceItemId Id="${request}"/></t:AcceptItem></m:Items></m:CreateItem>`,
        BOB,
      )
    const refused = await answer('<t:Sensitivity>Private</t:Sensitivity>')
    expect(refused.codes()).to.deep.equal(['ErrorInvalidPropertySet'])
    expect(refused.value('//m:MessageText')).to.include('Sensitivity')
    const ok = await answer('<t:Body BodyType="Text">See you there</t:Body>')
    expect(ok.codes()).to.deep.equal(['NoError'])
    const response = idIn(await call(app, findAll('inbox')), 'MeetingResponse')
    const got = await call(app, getItemXml(itemId(response)))
    expect(got.value('//t:MeetingResponse/t:Body')).to.equal('See you there')
    // SaveOnly: the answer stays in Drafts, unsent.
    const bobsCopy = idIn(await call(app, findAll('calendar'), BOB), 'CalendarItem')
    const draft = await call(
      app,
      `<m:CreateItem MessageDisposition="SaveOnly"><m:Items><t:DeclineItem><t:ReferenceItemId Id="${bobsCopy}"/></t:DeclineItem></m:Items></m:CreateItem>`,
      BOB,
    )
    expect(draft.codes()).to.deep.equal(['NoError'])
    const drafts = await call(app, findAll('drafts'), BOB)
    expect(drafts.value('//t:MeetingResponse/t:ItemClass')).to.equal(
      'IPM.Schedule.Meeting.Resp.Neg',
    )
    expect(drafts.value('//t:MeetingResponse/t:IsDraft')).to.equal('true')
    expect(
      (await call(app, findAll('inbox'))).select('//t:MeetingResponse'),
      'the accept only: the saved decline is not sent',
    ).to.have.length(1)
  })
})

describe('A meeting message is a message to UpdateItem and DeleteItem', () => {
  it('marks a MeetingRequest read and deletes it without the calendar attributes', async () => {
    const { app } = testApp()
    await call(
      app,
      '<m:CreateItem SendMeetingInvitations="SendOnlyToAll"><m:Items><t:CalendarItem><t:Subject>Read me</t:Subject>' +
        '<t:Start>2016-07-05T09:00:00Z</t:Start><t:End>2016-07-05T10:00:00Z</t:End>' +
        `<t:RequiredAttendees><t:Attendee>${mailbox(BOB)}</t:Attendee></t:RequiredAttendees></t:CalendarItem></m:Items></m:CreateItem>`,
    )
    const request = idIn(await call(app, findAll('inbox'), BOB), 'MeetingRequest')
    const read = await call(
      app,
      `<m:UpdateItem ConflictResolution="AlwaysOverwrite" MessageDisposition="SaveOnly"><m:ItemChanges>${itemChange(
        itemId(request),
        '<t:SetItemField><t:FieldURI FieldURI="message:IsRead"/><t:Message><t:IsRead>true</t:IsRead></t:Message></t:SetItemField>',
      )}</m:ItemChanges></m:UpdateItem>`,
      BOB,
    )
    expect(read.codes(), read.value('//m:MessageText')).to.deep.equal(['NoError'])
    expect(read.select('//m:Items/t:MeetingRequest/t:ItemId')).to.have.length(1)
    const del = await call(
      app,
      `<m:DeleteItem DeleteType="HardDelete"><m:ItemIds>${itemId(request)}</m:ItemIds></m:DeleteItem>`,
      BOB,
    )
    expect(del.codes()).to.deep.equal(['NoError'])
  })
})
