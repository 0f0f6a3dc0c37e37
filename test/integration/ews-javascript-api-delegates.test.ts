// Delegates and folder permissions as an application writes them with ews-javascript-api:
// ExchangeService.AddDelegates / GetDelegates / UpdateDelegates / RemoveDelegates, Folder.Permissions,
// and Folder.Bind of another mailbox's Inbox (FolderId(WellKnownFolderName.Inbox, Mailbox)).
import { expect } from 'chai'
import * as ews from 'ews-javascript-api'
import { startEwsServer } from '../../mock-ews/index.ts'
import type { EwsApp, RunningServer } from '../../mock-ews/index.ts'
import { distinguished, PASSWORD, testApp } from '../helpers/ews.ts'
import { ALICE, BOB, itemsIn, saveItem } from '../helpers/items.ts'

describe('ews-javascript-api delegates and folder permissions against mock-ews', () => {
  let mock: EwsApp
  let server: RunningServer
  const as = (user: string): ews.ExchangeService => {
    const svc = new ews.ExchangeService(ews.ExchangeVersion.Exchange2013)
    svc.Credentials = new ews.WebCredentials(user, PASSWORD)
    svc.Url = new ews.Uri(server.ewsUrl)
    return svc
  }
  beforeEach(async () => {
    mock = testApp()
    server = await startEwsServer(mock.app, { port: 0 })
  })
  afterEach(() => server.close())

  const aliceInbox = (): ews.FolderId =>
    new ews.FolderId(ews.WellKnownFolderName.Inbox, new ews.Mailbox(ALICE))
  const bindAsBob = (): Promise<ews.Folder> => ews.Folder.Bind(as(BOB), aliceInbox())

  it('AddDelegates lets the delegate bind the Inbox; GetDelegates reads her back; RemoveDelegates closes it', async () => {
    await saveItem(mock.app, { subject: 'For alice' }, distinguished('inbox'))
    const alice = as(ALICE)
    let error: unknown
    await bindAsBob().catch((e: unknown) => (error = e))
    expect((error as ews.ServiceResponseException).ErrorCode).to.equal(
      ews.ServiceError.ErrorAccessDenied,
    )

    const bob = new ews.DelegateUser(BOB)
    bob.Permissions.InboxFolderPermissionLevel = ews.DelegateFolderPermissionLevel.Reviewer
    bob.Permissions.CalendarFolderPermissionLevel = ews.DelegateFolderPermissionLevel.Editor
    bob.ReceiveCopiesOfMeetingMessages = true
    const added = await alice.AddDelegates(
      new ews.Mailbox(ALICE),
      ews.MeetingRequestsDeliveryScope.DelegatesAndMe,
      [bob],
    )
    expect(added.map((r) => r.Result)).to.deep.equal([ews.ServiceResult.Success])

    const info = await alice.GetDelegates(new ews.Mailbox(ALICE), true)
    expect(info.MeetingRequestsDeliveryScope).to.equal(
      ews.MeetingRequestsDeliveryScope.DelegatesAndMe,
    )
    const got = info.DelegateUserResponses[0]!.DelegateUser
    expect(got.UserId.PrimarySmtpAddress).to.equal(BOB)
    expect(got.Permissions.InboxFolderPermissionLevel).to.equal(
      ews.DelegateFolderPermissionLevel.Reviewer,
    )
    expect(got.Permissions.CalendarFolderPermissionLevel).to.equal(
      ews.DelegateFolderPermissionLevel.Editor,
    )
    expect(got.ReceiveCopiesOfMeetingMessages).to.equal(true)

    const inbox = await bindAsBob()
    expect(inbox.DisplayName).to.equal('Inbox')
    expect(inbox.TotalCount).to.equal(1)
    const found = await as(BOB).FindItems(aliceInbox(), new ews.ItemView(10))
    expect(found.Items.map((i) => i.Subject)).to.deep.equal(['For alice'])

    const removed = await alice.RemoveDelegates(new ews.Mailbox(ALICE), [new ews.UserId(BOB)])
    expect(removed.map((r) => r.Result)).to.deep.equal([ews.ServiceResult.Success])
    error = undefined
    await bindAsBob().catch((e: unknown) => (error = e))
    expect((error as ews.ServiceResponseException).ErrorCode).to.equal(
      ews.ServiceError.ErrorAccessDenied,
    )
  })

  it('UpdateDelegates changes a level; adding the same delegate twice is ErrorDelegateAlreadyExists', async () => {
    const alice = as(ALICE)
    const box = new ews.Mailbox(ALICE)
    await alice.AddDelegates(box, ews.MeetingRequestsDeliveryScope.DelegatesOnly, [
      new ews.DelegateUser(BOB),
    ])
    const again = await alice.AddDelegates(box, ews.MeetingRequestsDeliveryScope.DelegatesOnly, [
      new ews.DelegateUser(BOB),
    ])
    expect(again[0]!.ErrorCode).to.equal(ews.ServiceError.ErrorDelegateAlreadyExists)
    const bob = new ews.DelegateUser(BOB)
    bob.Permissions.InboxFolderPermissionLevel = ews.DelegateFolderPermissionLevel.Editor
    const updated = await alice.UpdateDelegates(
      box,
      ews.MeetingRequestsDeliveryScope.DelegatesOnly,
      [bob],
    )
    expect(updated.map((r) => r.Result)).to.deep.equal([ews.ServiceResult.Success])
    const message = new ews.EmailMessage(as(BOB))
    message.Subject = 'Left by bob'
    await message.Save(aliceInbox())
    expect((await itemsIn(mock.app, distinguished('inbox'))).map((i) => i.subject)).to.deep.equal([
      'Left by bob',
    ])
  })

  it('Folder.Permissions: read, a permission added and saved with Update, then used by the grantee', async () => {
    const alice = as(ALICE)
    const props = new ews.PropertySet(ews.BasePropertySet.FirstClassProperties, [
      ews.FolderSchema.Permissions,
    ])
    const inbox = await ews.Folder.Bind(alice, ews.WellKnownFolderName.Inbox, props)
    const levels = (f: ews.Folder): string[] =>
      f.Permissions.GetEnumerator().map(
        (p) =>
          `${p.UserId.PrimarySmtpAddress ?? ews.StandardUser[p.UserId.StandardUser]}:${ews.FolderPermissionLevel[p.PermissionLevel]}`,
      )
    expect(levels(inbox)).to.deep.equal(['Default:None', 'Anonymous:None'])
    inbox.Permissions.Add(new ews.FolderPermission(BOB, ews.FolderPermissionLevel.Author))
    await inbox.Update()
    const again = await ews.Folder.Bind(alice, ews.WellKnownFolderName.Inbox, props)
    expect(levels(again)).to.deep.equal(['Default:None', 'Anonymous:None', `${BOB}:Author`])
    const message = new ews.EmailMessage(as(BOB))
    message.Subject = 'By the author'
    await message.Save(aliceInbox())
    expect((await itemsIn(mock.app, distinguished('inbox'))).map((i) => i.subject)).to.deep.equal([
      'By the author',
    ])
  })

  it("a calendar's Permissions carry the free/busy levels (CalendarPermissionLevel)", async () => {
    const alice = as(ALICE)
    const props = new ews.PropertySet(ews.BasePropertySet.IdOnly, [ews.FolderSchema.Permissions])
    const calendar = await ews.CalendarFolder.Bind(alice, ews.WellKnownFolderName.Calendar, props)
    const levels = (f: ews.Folder): string[] =>
      f.Permissions.GetEnumerator().map((p) => ews.FolderPermissionLevel[p.PermissionLevel])
    expect(levels(calendar)).to.deep.equal(['FreeBusyTimeOnly', 'None'])
    calendar.Permissions.Add(
      new ews.FolderPermission(BOB, ews.FolderPermissionLevel.FreeBusyTimeAndSubjectAndLocation),
    )
    await calendar.Update()
    const again = await ews.CalendarFolder.Bind(alice, ews.WellKnownFolderName.Calendar, props)
    expect(levels(again)).to.deep.equal([
      'FreeBusyTimeOnly',
      'None',
      'FreeBusyTimeAndSubjectAndLocation',
    ])
  })
})
