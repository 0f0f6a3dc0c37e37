// Folder navigation as an application writes it with ews-javascript-api's high-level API.
import { expect } from 'chai'
import * as ews from 'ews-javascript-api'
import { startEwsServer } from '../../mock-ews/index.ts'
import type { EwsApp, RunningServer } from '../../mock-ews/index.ts'
import { childNames, distinguished, PASSWORD, testApp } from '../helpers/ews.ts'
import { itemsIn, saveItem } from '../helpers/items.ts'

const INBOX = new ews.FolderId(ews.WellKnownFolderName.Inbox)

describe('ews-javascript-api folders against mock-ews', () => {
  let mock: EwsApp
  let server: RunningServer
  let svc: ews.ExchangeService
  beforeEach(async () => {
    mock = testApp()
    server = await startEwsServer(mock.app, { port: 0 })
    svc = new ews.ExchangeService(ews.ExchangeVersion.Exchange2013)
    svc.Credentials = new ews.WebCredentials('alice@contoso.com', PASSWORD)
    svc.Url = new ews.Uri(server.ewsUrl)
  })
  afterEach(() => server.close())

  const saveIn = async (parent: ews.FolderId, name: string): Promise<ews.Folder> => {
    const folder = new ews.Folder(svc)
    folder.DisplayName = name
    await folder.Save(parent)
    return folder
  }

  it('finds a folder by name with FindFolders and a SearchFilter', async () => {
    const projects = await saveIn(INBOX, 'Projects')
    await saveIn(projects.Id, 'Alpha')
    await saveIn(INBOX, 'Archive')
    const view = new ews.FolderView(10)
    view.Traversal = ews.FolderTraversal.Deep
    const found = await svc.FindFolders(
      ews.WellKnownFolderName.MsgFolderRoot,
      new ews.SearchFilter.IsEqualTo(ews.FolderSchema.DisplayName, 'Alpha'),
      view,
    )
    expect(found.Folders.map((f) => f.DisplayName)).to.deep.equal(['Alpha'])
    expect(found.TotalCount).to.equal(1)

    const byPart = await svc.FindFolders(
      ews.WellKnownFolderName.Inbox,
      new ews.SearchFilter.ContainsSubstring(
        ews.FolderSchema.DisplayName,
        'ar',
        ews.ContainmentMode.Substring,
        ews.ComparisonMode.IgnoreCase,
      ),
      new ews.FolderView(10),
    )
    expect(byPart.Folders.map((f) => f.DisplayName)).to.deep.equal(['Archive'])
  })

  it('empties the Inbox with Folder.Empty, subfolders too', async () => {
    await saveItem(mock.app, { subject: 'old news' }, distinguished('inbox'))
    await saveItem(mock.app, { subject: 'older news' }, distinguished('inbox'))
    await saveIn(INBOX, 'Projects')
    const inbox = await ews.Folder.Bind(svc, ews.WellKnownFolderName.Inbox)
    await inbox.Empty(ews.DeleteMode.HardDelete, true)
    expect(await itemsIn(mock.app, distinguished('inbox'))).to.deep.equal([])
    expect(await childNames(mock.app, distinguished('inbox'))).to.deep.equal([])
    await inbox.Load()
    expect(inbox.TotalCount).to.equal(0)
    expect(inbox.ChildFolderCount).to.equal(0)
  })

  it('moves and copies a folder with Folder.Move and Folder.Copy', async () => {
    const projects = await saveIn(INBOX, 'Projects')
    await saveIn(projects.Id, 'Alpha')
    await saveItem(mock.app, { subject: 'plan' }, `<t:FolderId Id="${projects.Id.UniqueId}"/>`)
    const moved = await projects.Move(ews.WellKnownFolderName.Drafts)
    expect(moved.Id.UniqueId).to.equal(projects.Id.UniqueId)
    expect(await childNames(mock.app, distinguished('drafts'))).to.deep.equal(['Projects'])
    const copy = await moved.Copy(ews.WellKnownFolderName.Inbox)
    expect(copy.Id.UniqueId).to.not.equal(projects.Id.UniqueId)
    const loaded = await ews.Folder.Bind(svc, copy.Id)
    expect(loaded.DisplayName).to.equal('Projects')
    expect(loaded.TotalCount).to.equal(1)
    expect(loaded.ChildFolderCount).to.equal(1)
    expect(await childNames(mock.app, distinguished('drafts'))).to.deep.equal(['Projects'])
  })
})
