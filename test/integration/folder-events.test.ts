// Folder events of a pull subscription (types.xsd BaseObjectChangedEventType with a FolderId):
// what CreateFolder, UpdateFolder, MoveFolder, CopyFolder, DeleteFolder and EmptyFolder raise.
import { expect } from 'chai'
import type { EwsApp } from '../../mock-ews/index.ts'
import {
  call,
  createFolderIn,
  deleteFolderXml,
  distinguished,
  folderId,
  folderIdOf,
  renameFolderXml,
  testApp,
} from '../helpers/ews.ts'
import { getEventsXml, subscribeXml } from '../helpers/hardening.ts'

interface FolderEventSeen {
  type: string
  folder: string
  parent: string
  oldFolder: string
  oldParent: string
}

describe('Folder events', () => {
  let ews: EwsApp
  let subscription: { id: string; watermark: string }
  beforeEach(async () => {
    ews = testApp()
    const res = await call(ews.app, subscribeXml('all'))
    subscription = { id: res.value('//m:SubscriptionId'), watermark: res.value('//m:Watermark') }
  })

  /** The folder events since subscribing, in order. */
  const folderEvents = async (): Promise<FolderEventSeen[]> => {
    const res = await call(ews.app, getEventsXml(subscription.id, subscription.watermark))
    expect(res.codes()).to.deep.equal(['NoError'])
    return res.select('//m:Notification/*[t:FolderId]').map((node) => {
      const e = node as Element
      const id = (name: string): string =>
        e
          .getElementsByTagNameNS(
            'http://schemas.microsoft.com/exchange/services/2006/types',
            name,
          )[0]
          ?.getAttribute('Id') ?? ''
      return {
        type: e.localName,
        folder: id('FolderId'),
        parent: id('ParentFolderId'),
        oldFolder: id('OldFolderId'),
        oldParent: id('OldParentFolderId'),
      }
    })
  }

  it('reports CreateFolder and a rename as CreatedEvent and ModifiedEvent of the folder', async () => {
    const inbox = await folderIdOf(ews.app, 'inbox')
    const a = await createFolderIn(ews.app, distinguished('inbox'), 'A')
    await call(ews.app, renameFolderXml(folderId(a), 'B'))
    expect(await folderEvents()).to.deep.equal([
      { type: 'CreatedEvent', folder: a, parent: inbox, oldFolder: '', oldParent: '' },
      { type: 'ModifiedEvent', folder: a, parent: inbox, oldFolder: '', oldParent: '' },
    ])
  })

  it('reports MoveFolder as MovedEvent (same id, old parent) and CopyFolder as CopiedEvent', async () => {
    const inbox = await folderIdOf(ews.app, 'inbox')
    const drafts = await folderIdOf(ews.app, 'drafts')
    const a = await createFolderIn(ews.app, distinguished('inbox'), 'A')
    await call(
      ews.app,
      `<m:MoveFolder><m:ToFolderId>${distinguished('drafts')}</m:ToFolderId><m:FolderIds>${folderId(a)}</m:FolderIds></m:MoveFolder>`,
    )
    const copied = await call(
      ews.app,
      `<m:CopyFolder><m:ToFolderId>${distinguished('inbox')}</m:ToFolderId><m:FolderIds>${folderId(a)}</m:FolderIds></m:CopyFolder>`,
    )
    const copy = copied.value('//m:Folders/*/t:FolderId/@Id')
    expect((await folderEvents()).slice(1)).to.deep.equal([
      { type: 'MovedEvent', folder: a, parent: drafts, oldFolder: a, oldParent: inbox },
      { type: 'CopiedEvent', folder: copy, parent: inbox, oldFolder: a, oldParent: drafts },
    ])
  })

  it('reports DeleteFolder as DeletedEvent, or MovedEvent into Deleted Items', async () => {
    const inbox = await folderIdOf(ews.app, 'inbox')
    const trash = await folderIdOf(ews.app, 'deleteditems')
    const a = await createFolderIn(ews.app, distinguished('inbox'), 'A')
    const b = await createFolderIn(ews.app, distinguished('inbox'), 'B')
    await call(ews.app, deleteFolderXml(folderId(a), 'MoveToDeletedItems'))
    await call(ews.app, deleteFolderXml(folderId(b), 'HardDelete'))
    expect((await folderEvents()).slice(2)).to.deep.equal([
      { type: 'MovedEvent', folder: a, parent: trash, oldFolder: a, oldParent: inbox },
      { type: 'DeletedEvent', folder: b, parent: inbox, oldFolder: '', oldParent: '' },
    ])
  })

  it('reports the subfolders EmptyFolder deletes', async () => {
    const inbox = await folderIdOf(ews.app, 'inbox')
    const a = await createFolderIn(ews.app, distinguished('inbox'), 'A')
    await call(
      ews.app,
      `<m:EmptyFolder DeleteType="HardDelete" DeleteSubFolders="true"><m:FolderIds>${distinguished('inbox')}</m:FolderIds></m:EmptyFolder>`,
    )
    expect((await folderEvents()).slice(1)).to.deep.equal([
      { type: 'DeletedEvent', folder: a, parent: inbox, oldFolder: '', oldParent: '' },
    ])
  })
})
