import { expect } from 'chai'
import type { EwsApp } from '../../mock-ews/index.ts'
import {
  call,
  createFolderIn,
  deleteFolderXml,
  distinguished,
  findFolderXml,
  folderId,
  folderIdOf,
  LAST_OBJECT_BYTE,
  renameFolderXml,
  testApp,
  withByteChanged,
} from '../helpers/ews.ts'
import type { SoapAnswer } from '../helpers/ews.ts'

interface SyncOptions {
  state?: string
  /** Inner XML of m:SyncFolderId. */
  folder?: string
  shape?: string
}

const syncXml = ({ state, folder, shape = 'IdOnly' }: SyncOptions = {}): string =>
  `<m:SyncFolderHierarchy><m:FolderShape><t:BaseShape>${shape}</t:BaseShape></m:FolderShape>` +
  (folder === undefined ? '' : `<m:SyncFolderId>${folder}</m:SyncFolderId>`) +
  (state === undefined ? '' : `<m:SyncState>${state}</m:SyncState>`) +
  '</m:SyncFolderHierarchy>'

interface Sync {
  res: SoapAnswer
  state: string
  creates: string[]
  updates: string[]
  deletes: string[]
}

const attrs = (res: SoapAnswer, expr: string): string[] =>
  res.select(expr).map((n) => n.nodeValue ?? '')

async function sync(app: EwsApp['app'], options: SyncOptions = {}, user?: string): Promise<Sync> {
  const res = await call(app, syncXml(options), user)
  return {
    res,
    state: res.value('//m:SyncFolderHierarchyResponseMessage/m:SyncState'),
    creates: attrs(res, '//m:Changes/t:Create/*/t:FolderId/@Id'),
    updates: attrs(res, '//m:Changes/t:Update/*/t:FolderId/@Id'),
    deletes: attrs(res, '//m:Changes/t:Delete/t:FolderId/@Id'),
  }
}

const deleteFolder = (
  app: EwsApp['app'],
  id: string,
  deleteType = 'HardDelete',
): Promise<SoapAnswer> => call(app, deleteFolderXml(folderId(id), deleteType))

const rename = (app: EwsApp['app'], id: string, name: string): Promise<SoapAnswer> =>
  call(app, renameFolderXml(folderId(id), name))

async function deepIds(app: EwsApp['app'], parent: string): Promise<string[]> {
  const res = await call(app, findFolderXml(parent, { traversal: 'Deep', shape: 'IdOnly' }))
  return attrs(res, '//t:Folders/*/t:FolderId/@Id')
}

describe('SyncFolderHierarchy', () => {
  let ews: EwsApp
  beforeEach(() => {
    ews = testApp()
  })

  describe('first sync', () => {
    it('returns every folder under root as t:Create', async () => {
      const first = await sync(ews.app)
      expect(first.res.status).to.equal(200)
      expect(first.res.codes()).to.deep.equal(['NoError'])
      expect(first.creates).to.have.length(29)
      expect(first.creates).to.have.members(await deepIds(ews.app, distinguished('root')))
      expect(first.creates).to.not.include(await folderIdOf(ews.app, 'root'))
      expect(first.updates).to.deep.equal([])
      expect(first.deletes).to.deep.equal([])
    })

    it('returns a SyncState and IncludesLastFolderInRange true', async () => {
      const first = await sync(ews.app)
      expect(first.state).to.not.equal('')
      expect(
        first.res.value('//m:SyncFolderHierarchyResponseMessage/m:IncludesLastFolderInRange'),
      ).to.equal('true')
    })

    it('writes SyncState, IncludesLastFolderInRange and Changes in schema order', async () => {
      const first = await sync(ews.app)
      const children = first.res
        .select('//m:SyncFolderHierarchyResponseMessage/*')
        .map((n) => (n as Element).localName)
      expect(children).to.deep.equal([
        'ResponseCode',
        'SyncState',
        'IncludesLastFolderInRange',
        'Changes',
      ])
    })

    it('renders each folder with its type and the requested shape', async () => {
      const first = await sync(ews.app, { shape: 'Default' })
      const elementOf = (name: string): string =>
        first.res.value(`local-name(//m:Changes/t:Create/*[t:DisplayName="${name}"])`)
      expect(elementOf('Inbox')).to.equal('Folder')
      expect(elementOf('Calendar')).to.equal('CalendarFolder')
      expect(elementOf('Contacts')).to.equal('ContactsFolder')
      expect(elementOf('Tasks')).to.equal('TasksFolder')
      expect(elementOf('Missed Conversations')).to.equal('SearchFolder')
    })

    it('returns only FolderIds for IdOnly', async () => {
      const first = await sync(ews.app)
      expect(first.res.select('//m:Changes/t:Create/*/t:DisplayName')).to.have.length(0)
    })

    it('treats an empty SyncState like no SyncState', async () => {
      const first = await sync(ews.app, { state: '' })
      expect(first.res.codes()).to.deep.equal(['NoError'])
      expect(first.creates).to.have.length(29)
    })
  })

  describe('incremental sync', () => {
    it('returns no changes when nothing changed', async () => {
      const first = await sync(ews.app)
      const second = await sync(ews.app, { state: first.state })
      expect(second.res.codes()).to.deep.equal(['NoError'])
      expect(second.res.select('//m:Changes/*')).to.have.length(0)
      expect(second.state).to.not.equal('')
      expect(second.res.value('//m:IncludesLastFolderInRange')).to.equal('true')
    })

    it('reports a created folder as Create, and its parent as Update', async () => {
      const inbox = await folderIdOf(ews.app, 'inbox')
      const first = await sync(ews.app)
      const id = await createFolderIn(ews.app, distinguished('inbox'), 'Projects')
      const next = await sync(ews.app, { state: first.state, shape: 'Default' })
      expect(next.creates).to.deep.equal([id])
      expect(next.updates).to.deep.equal([inbox])
      expect(next.deletes).to.deep.equal([])
      expect(next.res.value('//t:Create/t:Folder/t:DisplayName')).to.equal('Projects')
    })

    it('reports a renamed folder as Update with its new name', async () => {
      const id = await createFolderIn(ews.app, distinguished('inbox'), 'Projects')
      const first = await sync(ews.app)
      await rename(ews.app, id, 'Archive')
      const next = await sync(ews.app, { state: first.state, shape: 'Default' })
      expect(next.creates).to.deep.equal([])
      expect(next.updates).to.deep.equal([id])
      expect(next.deletes).to.deep.equal([])
      expect(next.res.value('//t:Update/t:Folder/t:DisplayName')).to.equal('Archive')
    })

    it('reports a hard-deleted folder as Delete, and its parent as Update', async () => {
      const inbox = await folderIdOf(ews.app, 'inbox')
      const id = await createFolderIn(ews.app, distinguished('inbox'), 'Projects')
      const first = await sync(ews.app)
      await deleteFolder(ews.app, id)
      const next = await sync(ews.app, { state: first.state })
      expect(next.creates).to.deep.equal([])
      expect(next.updates).to.deep.equal([inbox])
      expect(next.deletes).to.deep.equal([id])
    })

    it('reports every folder of a deleted subtree as Delete', async () => {
      const parent = await createFolderIn(ews.app, distinguished('inbox'), 'Projects')
      const child = await createFolderIn(ews.app, folderId(parent), '2016')
      const first = await sync(ews.app)
      await deleteFolder(ews.app, parent)
      const next = await sync(ews.app, { state: first.state })
      expect(next.deletes).to.have.members([parent, child])
      expect(next.deletes).to.have.length(2)
    })

    it('reports a folder moved to deleteditems as Update', async () => {
      const id = await createFolderIn(ews.app, distinguished('inbox'), 'Projects')
      const first = await sync(ews.app)
      await deleteFolder(ews.app, id, 'MoveToDeletedItems')
      const next = await sync(ews.app, { state: first.state })
      expect(next.updates).to.include(id)
      expect(next.creates).to.deep.equal([])
      expect(next.deletes).to.deep.equal([])
    })

    it('reports the old parent as Update after MoveToDeletedItems, as after a hard delete', async () => {
      const inbox = await folderIdOf(ews.app, 'inbox')
      const deletedItems = await folderIdOf(ews.app, 'deleteditems')
      const id = await createFolderIn(ews.app, distinguished('inbox'), 'Projects')
      const first = await sync(ews.app)
      await deleteFolder(ews.app, id, 'MoveToDeletedItems')
      const next = await sync(ews.app, { state: first.state })
      expect(next.updates).to.have.members([id, deletedItems, inbox])
    })

    it('does not report a folder created and deleted between two syncs', async () => {
      const first = await sync(ews.app)
      const id = await createFolderIn(ews.app, distinguished('inbox'), 'Fleeting')
      await deleteFolder(ews.app, id)
      const next = await sync(ews.app, { state: first.state })
      expect(next.creates).to.not.include(id)
      expect(next.updates).to.not.include(id)
      expect(next.deletes).to.not.include(id)
    })

    it('reports a folder created and renamed between two syncs once, as Create with the new name', async () => {
      const first = await sync(ews.app)
      const id = await createFolderIn(ews.app, distinguished('inbox'), 'Draft name')
      await rename(ews.app, id, 'Final name')
      const next = await sync(ews.app, { state: first.state, shape: 'Default' })
      expect(next.creates).to.deep.equal([id])
      expect(next.updates).to.not.include(id)
      expect(next.res.value('//t:Create/t:Folder/t:DisplayName')).to.equal('Final name')
    })

    it('can be resumed from any earlier SyncState', async () => {
      const first = await sync(ews.app)
      const a = await createFolderIn(ews.app, distinguished('drafts'), 'A')
      const second = await sync(ews.app, { state: first.state })
      const b = await createFolderIn(ews.app, distinguished('drafts'), 'B')
      const fromFirst = await sync(ews.app, { state: first.state })
      const fromSecond = await sync(ews.app, { state: second.state })
      expect(fromFirst.creates).to.have.members([a, b])
      expect(fromSecond.creates).to.deep.equal([b])
    })

    it('does not report changes made in another mailbox', async () => {
      const first = await sync(ews.app)
      await createFolderIn(ews.app, distinguished('inbox'), 'Bobs', 'bob@contoso.com')
      const next = await sync(ews.app, { state: first.state })
      expect(next.res.select('//m:Changes/*')).to.have.length(0)
    })
  })

  describe('SyncFolderId', () => {
    it('limits the first sync to the folders below msgfolderroot', async () => {
      const first = await sync(ews.app, {
        folder: distinguished('msgfolderroot'),
        shape: 'Default',
      })
      expect(first.res.codes()).to.deep.equal(['NoError'])
      expect(first.creates).to.have.members(await deepIds(ews.app, distinguished('msgfolderroot')))
      const names = first.res.select('//t:Create/*/t:DisplayName').map((n) => n.textContent)
      expect(names).to.include('Inbox')
      expect(names).to.not.include('Top of Information Store')
      expect(names).to.not.include('Finder')
      expect(names).to.not.include('Recoverable Items')
    })

    it('does not report changes outside the synced folder', async () => {
      const first = await sync(ews.app, { folder: distinguished('inbox') })
      const outside = await createFolderIn(ews.app, distinguished('calendar'), 'Team')
      const inside = await createFolderIn(ews.app, distinguished('inbox'), 'Projects')
      const next = await sync(ews.app, { folder: distinguished('inbox'), state: first.state })
      expect(next.creates).to.deep.equal([inside])
      expect(next.creates).to.not.include(outside)
    })

    it('does not report a deletion outside the synced folder', async () => {
      const outside = await createFolderIn(ews.app, distinguished('calendar'), 'Team')
      const first = await sync(ews.app, { folder: distinguished('inbox') })
      await deleteFolder(ews.app, outside)
      const next = await sync(ews.app, { folder: distinguished('inbox'), state: first.state })
      expect(next.deletes).to.deep.equal([])
    })

    it('accepts a real FolderId as SyncFolderId', async () => {
      const inbox = await folderIdOf(ews.app, 'inbox')
      const id = await createFolderIn(ews.app, distinguished('inbox'), 'Projects')
      const first = await sync(ews.app, { folder: folderId(inbox) })
      expect(first.creates).to.deep.equal([id])
    })

    it('reports a folder moved out of the synced folder as Delete', async () => {
      const id = await createFolderIn(ews.app, distinguished('inbox'), 'Projects')
      const first = await sync(ews.app, { folder: distinguished('inbox') })
      expect(first.creates).to.deep.equal([id])
      await deleteFolder(ews.app, id, 'MoveToDeletedItems')
      const next = await sync(ews.app, { folder: distinguished('inbox'), state: first.state })
      expect(next.deletes).to.deep.equal([id])
    })

    it('reports a folder moved into the synced folder as Create', async () => {
      const id = await createFolderIn(ews.app, distinguished('inbox'), 'Projects')
      const first = await sync(ews.app, { folder: distinguished('deleteditems') })
      expect(first.creates).to.deep.equal([])
      await deleteFolder(ews.app, id, 'MoveToDeletedItems')
      const next = await sync(ews.app, {
        folder: distinguished('deleteditems'),
        state: first.state,
      })
      expect(next.creates).to.deep.equal([id])
      expect(next.updates).to.not.include(id)
    })
  })

  describe('errors', () => {
    it('returns ErrorInvalidSyncStateData for a garbage SyncState', async () => {
      const res = await call(ews.app, syncXml({ state: 'not a sync state' }))
      expect(res.status).to.equal(200)
      expect(res.codes()).to.deep.equal(['ErrorInvalidSyncStateData'])
      expect(res.value('//m:SyncFolderHierarchyResponseMessage/@ResponseClass')).to.equal('Error')
      expect(res.select('//m:Changes')).to.have.length(0)
    })

    it('returns ErrorInvalidSyncStateData for well-formed base64 that is not a SyncState', async () => {
      const res = await call(
        ews.app,
        syncXml({ state: Buffer.from('{"hello":"world"}').toString('base64') }),
      )
      expect(res.codes()).to.deep.equal(['ErrorInvalidSyncStateData'])
    })

    it('returns ErrorInvalidSyncStateData for a SyncState of another SyncFolderId', async () => {
      const first = await sync(ews.app, { folder: distinguished('msgfolderroot') })
      const res = await call(ews.app, syncXml({ state: first.state }))
      expect(res.status).to.equal(200)
      expect(res.codes()).to.deep.equal(['ErrorInvalidSyncStateData'])
      const other = await call(
        ews.app,
        syncXml({ state: first.state, folder: distinguished('inbox') }),
      )
      expect(other.codes()).to.deep.equal(['ErrorInvalidSyncStateData'])
    })

    it("returns ErrorInvalidSyncStateData for a SyncState of bob's mailbox", async () => {
      const bobs = await sync(ews.app, {}, 'bob@contoso.com')
      const res = await call(ews.app, syncXml({ state: bobs.state }))
      expect(res.codes()).to.deep.equal(['ErrorInvalidSyncStateData'])
    })

    it('returns ErrorFolderNotFound when the SyncFolderId is unknown', async () => {
      const unknown = withByteChanged(await folderIdOf(ews.app, 'inbox'), LAST_OBJECT_BYTE)
      const res = await call(ews.app, syncXml({ folder: folderId(unknown) }))
      expect(res.status).to.equal(200)
      expect(res.codes()).to.deep.equal(['ErrorFolderNotFound'])
    })

    it('returns ErrorInvalidIdMalformed when the SyncFolderId is malformed', async () => {
      const res = await call(ews.app, syncXml({ folder: folderId('xyz') }))
      expect(res.codes()).to.deep.equal(['ErrorInvalidIdMalformed'])
    })

    it("returns ErrorAccessDenied for a SyncFolderId in bob's mailbox", async () => {
      const bobsInbox = await folderIdOf(ews.app, 'inbox', 'bob@contoso.com')
      const res = await call(ews.app, syncXml({ folder: folderId(bobsInbox) }))
      expect(res.codes()).to.deep.equal(['ErrorAccessDenied'])
    })

    it('refuses a request without FolderShape with an ErrorSchemaValidation fault', async () => {
      const res = await call(ews.app, '<m:SyncFolderHierarchy/>')
      expect(res.status).to.equal(500)
      expect(res.faultCode()).to.equal('ErrorSchemaValidation')
    })

    it('refuses two SyncFolderIds with an ErrorSchemaValidation fault', async () => {
      const res = await call(ews.app, syncXml({ folder: distinguished('inbox', 'drafts') }))
      expect(res.status).to.equal(500)
      expect(res.faultCode()).to.equal('ErrorSchemaValidation')
    })
  })
})
