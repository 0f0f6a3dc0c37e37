// A real, unmodified EWS client (ews-javascript-api) against mock-ews on a loopback port.
import { expect } from 'chai'
import * as ews from 'ews-javascript-api'
import { startEwsServer } from '../../mock-ews/index.ts'
import type { EwsApp, RunningServer } from '../../mock-ews/index.ts'
import { PASSWORD, testApp } from '../helpers/ews.ts'

function service(
  server: RunningServer,
  user = 'alice@contoso.com',
  password = PASSWORD,
): ews.ExchangeService {
  const svc = new ews.ExchangeService(ews.ExchangeVersion.Exchange2013)
  svc.Credentials = new ews.WebCredentials(user, password)
  svc.Url = new ews.Uri(server.ewsUrl)
  return svc
}

describe('ews-javascript-api against mock-ews', () => {
  let mock: EwsApp
  let server: RunningServer
  beforeEach(async () => {
    mock = testApp()
    server = await startEwsServer(mock.app, { port: 0 })
  })
  afterEach(() => server.close())

  it('binds Inbox, Drafts, Deleted Items and Conversation History', async () => {
    const svc = service(server)
    const names: string[] = []
    for (const wellKnown of [
      ews.WellKnownFolderName.Inbox,
      ews.WellKnownFolderName.Drafts,
      ews.WellKnownFolderName.DeletedItems,
      ews.WellKnownFolderName.ConversationHistory,
    ]) {
      const folder = await ews.Folder.Bind(svc, wellKnown)
      expect(folder.Id.UniqueId).to.equal(
        mock.store.getDistinguishedFolder(
          'alice@contoso.com',
          ews.WellKnownFolderName[wellKnown].toLowerCase(),
        ).folderId.id,
      )
      expect(folder.TotalCount).to.equal(0)
      names.push(folder.DisplayName)
    }
    expect(names).to.deep.equal(['Inbox', 'Drafts', 'Deleted Items', 'Conversation History'])
  })

  it('lists the child folders of msgfolderroot with their paging information', async () => {
    const result = await service(server).FindFolders(
      ews.WellKnownFolderName.MsgFolderRoot,
      new ews.FolderView(100),
    )
    const names = result.Folders.map((f) => f.DisplayName)
    expect(names).to.include.members([
      'Inbox',
      'Drafts',
      'Sent Items',
      'Deleted Items',
      'Conversation History',
      'Calendar',
      'Contacts',
    ])
    expect(result.TotalCount).to.equal(names.length)
    expect(result.MoreAvailable).to.equal(false)
    const calendar = result.Folders.find((f) => f.DisplayName === 'Calendar')
    expect(calendar).to.be.instanceOf(ews.CalendarFolder)
  })

  it('pages through child folders', async () => {
    const svc = service(server)
    const first = await svc.FindFolders(
      ews.WellKnownFolderName.MsgFolderRoot,
      new ews.FolderView(5, 0),
    )
    // ews-javascript-api 0.15.3 reads IndexedPagingOffset for FindFolders but never stores it in
    // NextPageOffset (FindFolderResponse.js; FindItem does), so the next offset is computed here.
    const second = await svc.FindFolders(
      ews.WellKnownFolderName.MsgFolderRoot,
      new ews.FolderView(5, 5),
    )
    expect(first.Folders).to.have.length(5)
    expect(first.MoreAvailable).to.equal(true)
    const firstIds = new Set(first.Folders.map((f) => f.Id.UniqueId))
    expect(second.Folders).to.not.have.length(0)
    expect(second.Folders.filter((f) => firstIds.has(f.Id.UniqueId))).to.deep.equal([])
  })

  it('creates, renames and deletes a folder', async () => {
    const svc = service(server)
    const folder = new ews.Folder(svc)
    folder.DisplayName = 'Projects'
    await folder.Save(ews.WellKnownFolderName.Inbox)
    const inbox = await ews.Folder.Bind(svc, ews.WellKnownFolderName.Inbox)
    expect(inbox.ChildFolderCount).to.equal(1)

    const bound = await ews.Folder.Bind(svc, folder.Id)
    bound.DisplayName = 'Projects 2016'
    await bound.Update()
    expect((await ews.Folder.Bind(svc, folder.Id)).DisplayName).to.equal('Projects 2016')

    await bound.Delete(ews.DeleteMode.HardDelete)
    expect((await ews.Folder.Bind(svc, ews.WellKnownFolderName.Inbox)).ChildFolderCount).to.equal(0)
  })

  it('surfaces per-item errors as ServiceResponseException with the EWS code', async () => {
    const svc = service(server)
    const folder = new ews.Folder(svc)
    folder.DisplayName = 'Inbox'
    try {
      await folder.Save(ews.WellKnownFolderName.MsgFolderRoot)
      expect.fail('saving a duplicate folder name should fail')
    } catch (e) {
      expect(e).to.be.instanceOf(ews.ServiceResponseException)
      expect((e as ews.ServiceResponseException).ErrorCode).to.equal(
        ews.ServiceError.ErrorFolderExists,
      )
    }
  })

  it('fails with wrong credentials', async () => {
    let error: unknown
    try {
      await ews.Folder.Bind(
        service(server, 'alice@contoso.com', 'wrong'),
        ews.WellKnownFolderName.Inbox,
      )
    } catch (e) {
      error = e
    }
    expect(error, 'Bind with a wrong password').to.not.equal(undefined)
    expect(String((error as { message?: string }).message ?? error)).to.match(/401|Unauthorized/i)
  })
})
