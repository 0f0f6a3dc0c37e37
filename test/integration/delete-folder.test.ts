import { expect } from 'chai'
import type { EwsApp } from '../../mock-ews/index.ts'
import {
  call,
  childFolderCount,
  childNames,
  createFolderIn,
  deleteFolderXml,
  distinguished,
  folderId,
  folderIdOf,
  getFolderXml,
  LAST_OBJECT_BYTE,
  missedConversationsId,
  testApp,
  withByteChanged,
} from '../helpers/ews.ts'

/** ResponseCode of a GetFolder on one folder id. */
const getCode = async (
  app: EwsApp['app'],
  id: string,
  user?: string,
): Promise<string | undefined> => (await call(app, getFolderXml(folderId(id)), user)).codes()[0]

describe('DeleteFolder', () => {
  let ews: EwsApp
  beforeEach(() => {
    ews = testApp()
  })

  describe('HardDelete', () => {
    it('removes the folder, so GetFolder answers ErrorFolderNotFound', async () => {
      const id = await createFolderIn(ews.app, distinguished('inbox'), 'Old')
      const res = await call(ews.app, deleteFolderXml(folderId(id)))
      expect(res.status).to.equal(200)
      expect(res.codes()).to.deep.equal(['NoError'])
      expect(res.value('//m:DeleteFolderResponseMessage/@ResponseClass')).to.equal('Success')
      expect(await getCode(ews.app, id)).to.equal('ErrorFolderNotFound')
      expect(await childNames(ews.app, distinguished('inbox'))).to.deep.equal([])
    })

    it('removes the subtree of the folder too', async () => {
      const parent = await createFolderIn(ews.app, distinguished('inbox'), 'Old')
      const child = await createFolderIn(ews.app, folderId(parent), 'Older')
      const grandchild = await createFolderIn(ews.app, folderId(child), 'Oldest')
      await call(ews.app, deleteFolderXml(folderId(parent)))
      expect(await getCode(ews.app, child)).to.equal('ErrorFolderNotFound')
      expect(await getCode(ews.app, grandchild)).to.equal('ErrorFolderNotFound')
    })

    it('answers with nothing but the ResponseCode', async () => {
      const id = await createFolderIn(ews.app, distinguished('inbox'), 'Old')
      const res = await call(ews.app, deleteFolderXml(folderId(id)))
      const children = res
        .select('//m:DeleteFolderResponseMessage/*')
        .map((n) => (n as Element).localName)
      expect(children).to.deep.equal(['ResponseCode'])
    })

    it("decrements the parent's ChildFolderCount", async () => {
      const id = await createFolderIn(ews.app, distinguished('inbox'), 'Old')
      await createFolderIn(ews.app, distinguished('inbox'), 'Kept')
      await call(ews.app, deleteFolderXml(folderId(id)))
      expect(await childFolderCount(ews.app, 'inbox')).to.equal(1)
    })

    it('frees the name for a new folder', async () => {
      const id = await createFolderIn(ews.app, distinguished('inbox'), 'Reused')
      await call(ews.app, deleteFolderXml(folderId(id)))
      const again = await createFolderIn(ews.app, distinguished('inbox'), 'Reused')
      expect(again).to.not.equal(id)
    })

    it('deletes several folders in one request, one response message each', async () => {
      const a = await createFolderIn(ews.app, distinguished('inbox'), 'A')
      const b = await createFolderIn(ews.app, distinguished('drafts'), 'B')
      const res = await call(ews.app, deleteFolderXml(folderId(a) + folderId(b)))
      expect(res.codes()).to.deep.equal(['NoError', 'NoError'])
      expect(await getCode(ews.app, a)).to.equal('ErrorFolderNotFound')
      expect(await getCode(ews.app, b)).to.equal('ErrorFolderNotFound')
    })

    it('answers ErrorFolderNotFound for a folder named twice in one request', async () => {
      const id = await createFolderIn(ews.app, distinguished('inbox'), 'Old')
      const res = await call(ews.app, deleteFolderXml(folderId(id) + folderId(id)))
      expect(res.codes()).to.deep.equal(['NoError', 'ErrorFolderNotFound'])
    })
  })

  describe('SoftDelete', () => {
    it('removes the folder from the hierarchy', async () => {
      const id = await createFolderIn(ews.app, distinguished('inbox'), 'Old')
      const res = await call(ews.app, deleteFolderXml(folderId(id), 'SoftDelete'))
      expect(res.codes()).to.deep.equal(['NoError'])
      expect(await getCode(ews.app, id)).to.equal('ErrorFolderNotFound')
    })
  })

  describe('MoveToDeletedItems', () => {
    it('moves the folder under deleteditems, keeping its id', async () => {
      const deletedItems = await folderIdOf(ews.app, 'deleteditems')
      const id = await createFolderIn(ews.app, distinguished('inbox'), 'Old')
      const res = await call(ews.app, deleteFolderXml(folderId(id), 'MoveToDeletedItems'))
      expect(res.codes()).to.deep.equal(['NoError'])
      const got = await call(ews.app, getFolderXml(folderId(id), 'AllProperties'))
      expect(got.codes()).to.deep.equal(['NoError'])
      expect(got.value('//t:Folder/t:ParentFolderId/@Id')).to.equal(deletedItems)
      expect(await childNames(ews.app, distinguished('inbox'))).to.deep.equal([])
      expect(await childNames(ews.app, distinguished('deleteditems'))).to.deep.equal(['Old'])
    })

    it('moves the subfolders along with the folder', async () => {
      const parent = await createFolderIn(ews.app, distinguished('inbox'), 'Old')
      const child = await createFolderIn(ews.app, folderId(parent), 'Older')
      await call(ews.app, deleteFolderXml(folderId(parent), 'MoveToDeletedItems'))
      const got = await call(ews.app, getFolderXml(folderId(child), 'AllProperties'))
      expect(got.value('//t:Folder/t:ParentFolderId/@Id')).to.equal(parent)
    })

    it('updates the ChildFolderCount of both parents', async () => {
      const id = await createFolderIn(ews.app, distinguished('inbox'), 'Old')
      await call(ews.app, deleteFolderXml(folderId(id), 'MoveToDeletedItems'))
      const res = await call(ews.app, getFolderXml(distinguished('inbox', 'deleteditems')))
      const counts = res.select('//t:Folder/t:ChildFolderCount').map((n) => n.textContent)
      expect(counts).to.deep.equal(['0', '1'])
    })

    it('removes for good a folder that is already in deleteditems', async () => {
      const id = await createFolderIn(ews.app, distinguished('deleteditems'), 'Trash')
      const res = await call(ews.app, deleteFolderXml(folderId(id), 'MoveToDeletedItems'))
      expect(res.codes()).to.deep.equal(['NoError'])
      expect(await getCode(ews.app, id)).to.equal('ErrorFolderNotFound')
    })
  })

  describe('errors', () => {
    it('returns ErrorDeleteDistinguishedFolder for a distinguished folder and keeps it', async () => {
      const res = await call(ews.app, deleteFolderXml(distinguished('inbox')))
      expect(res.status).to.equal(200)
      expect(res.codes()).to.deep.equal(['ErrorDeleteDistinguishedFolder'])
      expect(res.value('//m:DeleteFolderResponseMessage/@ResponseClass')).to.equal('Error')
      expect(await getCode(ews.app, await folderIdOf(ews.app, 'inbox'))).to.equal('NoError')
    })

    it('returns ErrorDeleteDistinguishedFolder for a distinguished folder given by its real id', async () => {
      const calendar = await folderIdOf(ews.app, 'calendar')
      const res = await call(ews.app, deleteFolderXml(folderId(calendar), 'MoveToDeletedItems'))
      expect(res.codes()).to.deep.equal(['ErrorDeleteDistinguishedFolder'])
      expect(await childNames(ews.app, distinguished('deleteditems'))).to.deep.equal([])
    })

    it('returns ErrorDeleteDistinguishedFolder for root', async () => {
      const res = await call(ews.app, deleteFolderXml(distinguished('root')))
      expect(res.codes()).to.deep.equal(['ErrorDeleteDistinguishedFolder'])
    })

    it('returns ErrorDeleteDistinguishedFolder for the Missed Conversations search folder', async () => {
      const missed = await missedConversationsId(ews.app)
      const res = await call(ews.app, deleteFolderXml(folderId(missed)))
      expect(res.codes()).to.deep.equal(['ErrorDeleteDistinguishedFolder'])
      expect(await getCode(ews.app, missed)).to.equal('NoError')
    })

    it('returns ErrorFolderNotFound when the folder id is unknown', async () => {
      const real = await createFolderIn(ews.app, distinguished('inbox'), 'Real')
      const res = await call(
        ews.app,
        deleteFolderXml(folderId(withByteChanged(real, LAST_OBJECT_BYTE))),
      )
      expect(res.status).to.equal(200)
      expect(res.codes()).to.deep.equal(['ErrorFolderNotFound'])
      expect(await childNames(ews.app, distinguished('inbox'))).to.deep.equal(['Real'])
    })

    it('returns ErrorFolderNotFound for a distinguished folder the mailbox does not have', async () => {
      const res = await call(ews.app, deleteFolderXml(distinguished('archiveroot')))
      expect(res.codes()).to.deep.equal(['ErrorFolderNotFound'])
    })

    it('returns ErrorInvalidIdMalformed when the folder id is malformed', async () => {
      const res = await call(ews.app, deleteFolderXml(folderId('%%%')))
      expect(res.status).to.equal(200)
      expect(res.codes()).to.deep.equal(['ErrorInvalidIdMalformed'])
    })

    it('returns ErrorInvalidIdEmpty when the folder id is empty', async () => {
      const res = await call(ews.app, deleteFolderXml(folderId('')))
      expect(res.codes()).to.deep.equal(['ErrorInvalidIdEmpty'])
    })

    it("returns ErrorAccessDenied for bob's folder and leaves it alone", async () => {
      const bobs = await createFolderIn(
        ews.app,
        distinguished('inbox'),
        'Private',
        'bob@contoso.com',
      )
      const res = await call(ews.app, deleteFolderXml(folderId(bobs)))
      expect(res.codes()).to.deep.equal(['ErrorAccessDenied'])
      expect(await getCode(ews.app, bobs, 'bob@contoso.com')).to.equal('NoError')
    })

    it('deletes the other folders of a request when one fails', async () => {
      const a = await createFolderIn(ews.app, distinguished('inbox'), 'A')
      const res = await call(ews.app, deleteFolderXml(distinguished('drafts') + folderId(a)))
      expect(res.codes()).to.deep.equal(['ErrorDeleteDistinguishedFolder', 'NoError'])
      expect(await getCode(ews.app, a)).to.equal('ErrorFolderNotFound')
    })

    it('refuses a request without DeleteType with an ErrorSchemaValidation fault', async () => {
      const id = await createFolderIn(ews.app, distinguished('inbox'), 'Old')
      const res = await call(
        ews.app,
        `<m:DeleteFolder><m:FolderIds>${folderId(id)}</m:FolderIds></m:DeleteFolder>`,
      )
      expect(res.status).to.equal(500)
      expect(res.faultCode()).to.equal('ErrorSchemaValidation')
      expect(await getCode(ews.app, id)).to.equal('NoError')
    })

    it('refuses an unknown DeleteType with an ErrorSchemaValidation fault', async () => {
      const id = await createFolderIn(ews.app, distinguished('inbox'), 'Old')
      const res = await call(ews.app, deleteFolderXml(folderId(id), 'Shred'))
      expect(res.status).to.equal(500)
      expect(res.faultCode()).to.equal('ErrorSchemaValidation')
    })

    it('refuses an empty FolderIds element with an ErrorSchemaValidation fault', async () => {
      const res = await call(ews.app, deleteFolderXml(''))
      expect(res.status).to.equal(500)
      expect(res.faultCode()).to.equal('ErrorSchemaValidation')
    })
  })
})
