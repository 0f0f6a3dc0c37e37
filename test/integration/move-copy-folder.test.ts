// MoveFolder (the folder and its subtree move, ids kept) and CopyFolder (a deep copy, new ids).
import { expect } from 'chai'
import type { EwsApp } from '../../mock-ews/index.ts'
import {
  call,
  childNames,
  createFolderIn,
  distinguished,
  folderId,
  getFolderXml,
  missedConversationsId,
  testApp,
} from '../helpers/ews.ts'
import type { SoapAnswer } from '../helpers/ews.ts'
import {
  getEventsXml,
  subscribeXml,
  syncFolderHierarchyXml,
  syncFolderItemsXml,
} from '../helpers/hardening.ts'
import { itemsIn, saveItem } from '../helpers/items.ts'

const moveCopyXml = (op: string, to: string, folders: string): string =>
  `<m:${op}><m:ToFolderId>${to}</m:ToFolderId><m:FolderIds>${folders}</m:FolderIds></m:${op}>`

describe('MoveFolder and CopyFolder', () => {
  let ews: EwsApp
  beforeEach(() => {
    ews = testApp()
  })
  const inbox = distinguished('inbox')
  const move = (to: string, folders: string): Promise<SoapAnswer> =>
    call(ews.app, moveCopyXml('MoveFolder', to, folders))
  const copy = (to: string, folders: string): Promise<SoapAnswer> =>
    call(ews.app, moveCopyXml('CopyFolder', to, folders))
  const returnedId = (res: SoapAnswer, n = 1): string =>
    res.value(
      `//m:CopyFolderResponseMessage[${n}]/m:Folders/*/t:FolderId/@Id | //m:MoveFolderResponseMessage[${n}]/m:Folders/*/t:FolderId/@Id`,
    )
  const subjects = async (folder: string): Promise<string[]> =>
    (await itemsIn(ews.app, folder)).map((i) => i.subject ?? '')

  describe('MoveFolder', () => {
    it('moves a folder with its subfolders and items; its id stays', async () => {
      const projects = await createFolderIn(ews.app, inbox, 'Projects')
      const alpha = await createFolderIn(ews.app, folderId(projects), 'Alpha')
      await saveItem(ews.app, { subject: 'plan' }, folderId(alpha))
      const res = await move(distinguished('drafts'), folderId(projects))
      expect(res.codes()).to.deep.equal(['NoError'])
      expect(returnedId(res)).to.equal(projects)
      expect(await childNames(ews.app, inbox)).to.deep.equal([])
      expect(await childNames(ews.app, distinguished('drafts'))).to.deep.equal(['Projects'])
      expect(await childNames(ews.app, folderId(projects))).to.deep.equal(['Alpha'])
      expect(await subjects(folderId(alpha))).to.deep.equal(['plan'])
      const read = await call(ews.app, getFolderXml(folderId(projects), 'AllProperties'))
      const drafts = await call(ews.app, getFolderXml(distinguished('drafts')))
      expect(read.value('//t:Folder/t:ParentFolderId/@Id')).to.equal(
        drafts.value('//t:Folder/t:FolderId/@Id'),
      )
    })

    it('refuses a well-known folder (ErrorMoveDistinguishedFolder)', async () => {
      const res = await move(distinguished('drafts'), inbox)
      expect(res.codes()).to.deep.equal(['ErrorMoveDistinguishedFolder'])
      expect(await childNames(ews.app, distinguished('drafts'))).to.deep.equal([])
    })

    it('refuses a move into the folder itself or below it (ErrorMoveCopyFailed)', async () => {
      const a = await createFolderIn(ews.app, inbox, 'A')
      const b = await createFolderIn(ews.app, folderId(a), 'B')
      const res = await call(ews.app, moveCopyXml('MoveFolder', folderId(b), folderId(a)))
      expect(res.codes()).to.deep.equal(['ErrorMoveCopyFailed'])
      expect((await move(folderId(a), folderId(a))).codes()).to.deep.equal(['ErrorMoveCopyFailed'])
      expect(await childNames(ews.app, inbox)).to.deep.equal(['A'])
    })

    it('refuses a name taken in the target (ErrorFolderExists) and a search folder target', async () => {
      const a = await createFolderIn(ews.app, inbox, 'Same')
      await createFolderIn(ews.app, distinguished('drafts'), 'same')
      expect((await move(distinguished('drafts'), folderId(a))).codes()).to.deep.equal([
        'ErrorFolderExists',
      ])
      const search = folderId(await missedConversationsId(ews.app))
      expect((await move(search, folderId(a))).codes()).to.deep.equal(['ErrorInvalidParentFolder'])
      expect(await childNames(ews.app, inbox)).to.deep.equal(['Same'])
    })

    it('shows the move in SyncFolderHierarchy as an Update with the new parent', async () => {
      const a = await createFolderIn(ews.app, inbox, 'Moving')
      const before = await call(ews.app, syncFolderHierarchyXml())
      await move(distinguished('drafts'), folderId(a))
      const after = await call(
        ews.app,
        syncFolderHierarchyXml(undefined, before.value('//m:SyncState')),
      )
      expect(
        after.select('//m:Changes/t:Update/*/t:FolderId/@Id').map((n) => n.nodeValue),
      ).to.include(a)
    })
  })

  describe('CopyFolder', () => {
    it('copies the subtree and its items with new ids, leaving the original', async () => {
      const projects = await createFolderIn(ews.app, inbox, 'Projects')
      const alpha = await createFolderIn(ews.app, folderId(projects), 'Alpha')
      await saveItem(ews.app, { subject: 'top' }, folderId(projects))
      const original = await saveItem(ews.app, { subject: 'deep' }, folderId(alpha))
      const res = await copy(distinguished('drafts'), folderId(projects))
      expect(res.codes()).to.deep.equal(['NoError'])
      const copyId = returnedId(res)
      expect(copyId).to.not.equal(projects)
      expect(await childNames(ews.app, distinguished('drafts'))).to.deep.equal(['Projects'])
      expect(await subjects(folderId(copyId))).to.deep.equal(['top'])
      const found = await call(
        ews.app,
        `<m:FindFolder Traversal="Shallow"><m:FolderShape><t:BaseShape>IdOnly</t:BaseShape></m:FolderShape><m:ParentFolderIds>${folderId(copyId)}</m:ParentFolderIds></m:FindFolder>`,
      )
      const alphaCopy = found.value('//t:Folders/t:Folder/t:FolderId/@Id')
      expect(alphaCopy).to.not.equal(alpha)
      const copied = await itemsIn(ews.app, folderId(alphaCopy))
      expect(copied.map((i) => i.subject)).to.deep.equal(['deep'])
      expect(copied[0]!.id).to.not.equal(original.id)
      expect(await subjects(folderId(alpha))).to.deep.equal(['deep'])
      expect(await childNames(ews.app, inbox)).to.deep.equal(['Projects'])
    })

    it('copies a well-known folder as a plain folder', async () => {
      await saveItem(ews.app, { subject: 'mail' }, inbox)
      const archive = await createFolderIn(ews.app, distinguished('msgfolderroot'), 'Archive')
      const res = await copy(folderId(archive), inbox)
      expect(res.codes()).to.deep.equal(['NoError'])
      expect(await subjects(folderId(returnedId(res)))).to.deep.equal(['mail'])
      const read = await call(ews.app, getFolderXml(folderId(returnedId(res)), 'AllProperties'))
      expect(read.select('//t:Folder/t:DistinguishedFolderId')).to.have.length(0)
    })

    it('refuses a copy into itself (ErrorMoveCopyFailed) and a name taken (ErrorFolderExists)', async () => {
      const a = await createFolderIn(ews.app, inbox, 'A')
      expect((await copy(folderId(a), folderId(a))).codes()).to.deep.equal(['ErrorMoveCopyFailed'])
      expect((await copy(inbox, folderId(a))).codes()).to.deep.equal(['ErrorFolderExists'])
      expect(await childNames(ews.app, folderId(a))).to.deep.equal([])
    })

    it('refuses a subtree past the request work limit up front, creating nothing', async () => {
      const small = testApp({ limits: { searchBudget: 200 } })
      const big = await createFolderIn(small.app, inbox, 'Big')
      for (let i = 0; i < 6; i++) await saveItem(small.app, { subject: `m${i}` }, folderId(big))
      const res = await call(
        small.app,
        moveCopyXml('CopyFolder', distinguished('drafts'), folderId(big)),
      )
      expect(res.codes()).to.deep.equal(['ErrorTimeoutExpired'])
      expect(await childNames(small.app, distinguished('drafts'))).to.deep.equal([])
    })

    it('shows the copy in SyncFolderHierarchy, SyncFolderItems and a subscription', async () => {
      const a = await createFolderIn(ews.app, inbox, 'A')
      const item = await saveItem(ews.app, { subject: 'x' }, folderId(a))
      const before = await call(ews.app, syncFolderHierarchyXml())
      const subscribed = await call(ews.app, subscribeXml('all'))
      const res = await copy(distinguished('drafts'), folderId(a))
      const copyId = returnedId(res)
      const after = await call(
        ews.app,
        syncFolderHierarchyXml(undefined, before.value('//m:SyncState')),
      )
      expect(
        after.select('//m:Changes/t:Create/*/t:FolderId/@Id').map((n) => n.nodeValue),
      ).to.include(copyId)
      const items = await call(ews.app, syncFolderItemsXml(folderId(copyId)))
      expect(
        items.select('//m:Changes/t:Create/t:Message/t:Subject').map((n) => n.textContent),
      ).to.deep.equal(['x'])
      const events = await call(
        ews.app,
        getEventsXml(subscribed.value('//m:SubscriptionId'), subscribed.value('//m:Watermark')),
      )
      expect(
        events.select('//t:CopiedEvent/t:OldItemId/@Id').map((n) => n.nodeValue),
      ).to.deep.equal([item.id])
    })
  })
})
