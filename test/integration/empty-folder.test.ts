// EmptyFolder: a folder's items (and with DeleteSubFolders its subfolders) go, as DeleteType says.
import { expect } from 'chai'
import type { EwsApp } from '../../mock-ews/index.ts'
import {
  call,
  childNames,
  createFolderIn,
  distinguished,
  folderId,
  folderIdOf,
  testApp,
} from '../helpers/ews.ts'
import type { SoapAnswer } from '../helpers/ews.ts'
import {
  getEventsXml,
  subscribeXml,
  syncFolderHierarchyXml,
  syncFolderItemsXml,
} from '../helpers/hardening.ts'
import { countsOf, itemsIn, saveItem } from '../helpers/items.ts'
import { missedConversationsId } from '../helpers/ews.ts'

const emptyXml = (folders: string, deleteType = 'HardDelete', deleteSubFolders = false): string =>
  `<m:EmptyFolder DeleteType="${deleteType}" DeleteSubFolders="${deleteSubFolders}">` +
  `<m:FolderIds>${folders}</m:FolderIds></m:EmptyFolder>`

describe('EmptyFolder', () => {
  let ews: EwsApp
  beforeEach(() => {
    ews = testApp()
  })
  const empty = (folders: string, deleteType?: string, sub?: boolean): Promise<SoapAnswer> =>
    call(ews.app, emptyXml(folders, deleteType, sub))
  const inbox = distinguished('inbox')

  it('hard-deletes every item of the Inbox and keeps its subfolders', async () => {
    await saveItem(ews.app, { subject: 'one' }, inbox)
    await saveItem(ews.app, { subject: 'two' }, inbox)
    const sub = await createFolderIn(ews.app, inbox, 'Keep')
    await saveItem(ews.app, { subject: 'below' }, folderId(sub))
    const res = await empty(inbox)
    expect(res.status).to.equal(200)
    expect(res.codes()).to.deep.equal(['NoError'])
    expect(await itemsIn(ews.app, inbox)).to.deep.equal([])
    expect(await childNames(ews.app, inbox)).to.deep.equal(['Keep'])
    expect((await itemsIn(ews.app, folderId(sub))).map((i) => i.subject)).to.deep.equal(['below'])
    expect((await countsOf(ews.app, distinguished('deleteditems'))).total).to.equal(0)
  })

  it('deletes the subfolders and their items with DeleteSubFolders', async () => {
    await saveItem(ews.app, { subject: 'top' }, inbox)
    const sub = await createFolderIn(ews.app, inbox, 'Gone')
    await createFolderIn(ews.app, folderId(sub), 'Deeper')
    await saveItem(ews.app, { subject: 'below' }, folderId(sub))
    const res = await empty(inbox, 'HardDelete', true)
    expect(res.codes()).to.deep.equal(['NoError'])
    expect(await itemsIn(ews.app, inbox)).to.deep.equal([])
    expect(await childNames(ews.app, inbox)).to.deep.equal([])
  })

  it('moves items and subfolders to Deleted Items with MoveToDeletedItems', async () => {
    await saveItem(ews.app, { subject: 'top' }, inbox)
    await createFolderIn(ews.app, inbox, 'Old')
    const res = await empty(inbox, 'MoveToDeletedItems', true)
    expect(res.codes()).to.deep.equal(['NoError'])
    const trash = distinguished('deleteditems')
    expect((await itemsIn(ews.app, trash)).map((i) => i.subject)).to.deep.equal(['top'])
    expect(await childNames(ews.app, trash)).to.deep.equal(['Old'])
    expect(await childNames(ews.app, inbox)).to.deep.equal([])
  })

  it('empties Deleted Items for good even with MoveToDeletedItems', async () => {
    await saveItem(ews.app, { subject: 'trash' }, distinguished('deleteditems'))
    const res = await empty(distinguished('deleteditems'), 'MoveToDeletedItems')
    expect(res.codes()).to.deep.equal(['NoError'])
    expect(await itemsIn(ews.app, distinguished('deleteditems'))).to.deep.equal([])
  })

  it('refuses to delete a well-known subfolder (ErrorDeleteDistinguishedFolder), changing nothing', async () => {
    await saveItem(ews.app, { subject: 'kept' }, distinguished('msgfolderroot'))
    const res = await empty(distinguished('msgfolderroot'), 'HardDelete', true)
    expect(res.codes()).to.deep.equal(['ErrorDeleteDistinguishedFolder'])
    expect(
      (await itemsIn(ews.app, distinguished('msgfolderroot'))).map((i) => i.subject),
    ).to.deep.equal(['kept'])
    expect(await childNames(ews.app, distinguished('msgfolderroot'))).to.include('Inbox')
  })

  it('empties msgfolderroot of its own items when its subfolders stay', async () => {
    await saveItem(ews.app, { subject: 'x' }, distinguished('msgfolderroot'))
    const res = await empty(distinguished('msgfolderroot'))
    expect(res.codes()).to.deep.equal(['NoError'])
    expect(await itemsIn(ews.app, distinguished('msgfolderroot'))).to.deep.equal([])
  })

  it('refuses a search folder with ErrorCannotEmptyFolder', async () => {
    const res = await empty(folderId(await missedConversationsId(ews.app)))
    expect(res.codes()).to.deep.equal(['ErrorCannotEmptyFolder'])
  })

  it('answers each folder on its own, in order', async () => {
    await saveItem(ews.app, { subject: 'd' }, distinguished('drafts'))
    const res = await empty(
      `${folderId(await missedConversationsId(ews.app))}${distinguished('drafts')}`,
    )
    expect(res.codes()).to.deep.equal(['ErrorCannotEmptyFolder', 'NoError'])
    expect(await itemsIn(ews.app, distinguished('drafts'))).to.deep.equal([])
  })

  it('refuses a folder past the request work limit up front, leaving it whole', async () => {
    const small = testApp({ limits: { searchBudget: 200 } })
    for (let i = 0; i < 6; i++) await saveItem(small.app, { subject: `m${i}` }, inbox)
    const res = await call(small.app, emptyXml(inbox))
    expect(res.codes()).to.deep.equal(['ErrorTimeoutExpired'])
    expect(await itemsIn(small.app, inbox)).to.have.length(6)
  })

  it('refuses a request without DeleteSubFolders with an ErrorSchemaValidation fault', async () => {
    const res = await call(
      ews.app,
      `<m:EmptyFolder DeleteType="HardDelete"><m:FolderIds>${inbox}</m:FolderIds></m:EmptyFolder>`,
    )
    expect(res.status).to.equal(500)
    expect(res.faultCode()).to.equal('ErrorSchemaValidation')
  })

  it('shows the emptied items in SyncFolderItems, SyncFolderHierarchy and a subscription', async () => {
    const item = await saveItem(ews.app, { subject: 'watched' }, inbox)
    const sub = await createFolderIn(ews.app, inbox, 'Sub')
    const items = await call(ews.app, syncFolderItemsXml(inbox))
    const hierarchy = await call(ews.app, syncFolderHierarchyXml())
    const subscribed = await call(ews.app, subscribeXml(inbox))
    const subscriptionId = subscribed.value('//m:SubscriptionId')
    const watermark = subscribed.value('//m:Watermark')

    expect((await empty(inbox, 'HardDelete', true)).codes()).to.deep.equal(['NoError'])

    const itemsAfter = await call(ews.app, syncFolderItemsXml(inbox, items.value('//m:SyncState')))
    expect(
      itemsAfter.select('//m:Changes/t:Delete/t:ItemId/@Id').map((n) => n.nodeValue),
    ).to.deep.equal([item.id])
    const hierarchyAfter = await call(
      ews.app,
      syncFolderHierarchyXml(undefined, hierarchy.value('//m:SyncState')),
    )
    expect(
      hierarchyAfter.select('//m:Changes/t:Delete/t:FolderId/@Id').map((n) => n.nodeValue),
    ).to.deep.equal([sub])
    const events = await call(ews.app, getEventsXml(subscriptionId, watermark))
    expect(events.select('//t:DeletedEvent/t:ItemId/@Id').map((n) => n.nodeValue)).to.deep.equal([
      item.id,
    ])
  })

  it('is refused for a folder of another mailbox (ErrorAccessDenied)', async () => {
    const bobsInbox = await folderIdOf(ews.app, 'inbox', 'bob@contoso.com')
    const res = await empty(folderId(bobsInbox))
    expect(res.codes()).to.deep.equal(['ErrorAccessDenied'])
  })
})
