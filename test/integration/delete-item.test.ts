import { expect } from 'chai'
import type { EwsApp } from '../../mock-ews/index.ts'
import {
  call,
  createFolderIn,
  distinguished,
  folderId,
  folderIdOf,
  LAST_OBJECT_BYTE,
  missedConversationsId,
  testApp,
  withByteChanged,
} from '../helpers/ews.ts'
import {
  ALICE,
  allStoredItems,
  BOB,
  CLASS,
  countsOf,
  deleteItemXml,
  getItemXml,
  itemId,
  itemsIn,
  saveItem,
  subjectsIn,
} from '../helpers/items.ts'

const INBOX = distinguished('inbox')
const DELETED = distinguished('deleteditems')

describe('DeleteItem', () => {
  let ews: EwsApp
  beforeEach(() => {
    ews = testApp()
  })

  /** ResponseCode of a GetItem on one item id. */
  const getCode = async (id: string): Promise<string | undefined> =>
    (await call(ews.app, getItemXml(itemId(id), 'IdOnly'))).codes()[0]

  describe('HardDelete', () => {
    it('removes the item for good', async () => {
      const item = await saveItem(ews.app, { subject: 'Gone' }, INBOX)
      const res = await call(ews.app, deleteItemXml(itemId(item.id, item.changeKey)))
      expect(res.status).to.equal(200)
      expect(res.codes()).to.deep.equal(['NoError'])
      expect(res.value('//m:DeleteItemResponseMessage/@ResponseClass')).to.equal('Success')
      expect(await getCode(item.id)).to.equal('ErrorItemNotFound')
      expect(allStoredItems(ews, ALICE)).to.deep.equal([])
    })

    it('answers with nothing but the ResponseCode', async () => {
      const item = await saveItem(ews.app, { subject: 'Gone' })
      const res = await call(ews.app, deleteItemXml(itemId(item.id)))
      const children = res
        .select('//m:DeleteItemResponseMessage/*')
        .map((n) => (n as Element).localName)
      expect(children).to.deep.equal(['ResponseCode'])
    })

    it("lowers the folder's TotalCount and UnreadCount", async () => {
      await saveItem(ews.app, { subject: 'Stays', isRead: false }, INBOX)
      const item = await saveItem(ews.app, { subject: 'Gone', isRead: false }, INBOX)
      await call(ews.app, deleteItemXml(itemId(item.id)))
      expect(await countsOf(ews.app, INBOX)).to.deep.equal({ total: 1, unread: 1 })
      expect(await subjectsIn(ews.app, INBOX)).to.deep.equal(['Stays'])
    })

    it('deletes several items, one response message each', async () => {
      const a = await saveItem(ews.app, { subject: 'A' })
      const b = await saveItem(ews.app, { subject: 'B' })
      const res = await call(ews.app, deleteItemXml(itemId(a.id) + itemId(b.id)))
      expect(res.codes()).to.deep.equal(['NoError', 'NoError'])
      expect(allStoredItems(ews, ALICE)).to.deep.equal([])
    })
  })

  describe('SoftDelete', () => {
    it('removes the item from its folder, and not into Deleted Items', async () => {
      const item = await saveItem(ews.app, { subject: 'Soft' }, INBOX)
      const res = await call(ews.app, deleteItemXml(itemId(item.id), 'SoftDelete'))
      expect(res.codes()).to.deep.equal(['NoError'])
      expect(await subjectsIn(ews.app, INBOX)).to.deep.equal([])
      expect(await subjectsIn(ews.app, DELETED)).to.deep.equal([])
      expect(await getCode(item.id)).to.equal('ErrorItemNotFound')
    })
  })

  describe('MoveToDeletedItems', () => {
    it('moves the item into Deleted Items, under a new id', async () => {
      const item = await saveItem(ews.app, { subject: 'Binned' }, INBOX)
      const res = await call(ews.app, deleteItemXml(itemId(item.id), 'MoveToDeletedItems'))
      expect(res.codes()).to.deep.equal(['NoError'])
      expect(await subjectsIn(ews.app, INBOX)).to.deep.equal([])
      expect(await subjectsIn(ews.app, DELETED)).to.deep.equal(['Binned'])
      expect(await getCode(item.id)).to.equal('ErrorItemNotFound')
      expect((await countsOf(ews.app, DELETED)).total).to.equal(1)
    })

    it('removes an item already in Deleted Items for good', async () => {
      const item = await saveItem(ews.app, { subject: 'Twice' }, DELETED)
      const res = await call(ews.app, deleteItemXml(itemId(item.id), 'MoveToDeletedItems'))
      expect(res.codes()).to.deep.equal(['NoError'])
      expect(await subjectsIn(ews.app, DELETED)).to.deep.equal([])
      expect(allStoredItems(ews, ALICE)).to.deep.equal([])
    })

    it('removes an item of a folder below Deleted Items for good', async () => {
      const sub = await createFolderIn(ews.app, DELETED, 'Old stuff')
      const item = await saveItem(ews.app, { subject: 'Deep' }, folderId(sub))
      await call(ews.app, deleteItemXml(itemId(item.id), 'MoveToDeletedItems'))
      expect(allStoredItems(ews, ALICE)).to.deep.equal([])
    })

    it('deletes for good what an earlier MoveToDeletedItems moved', async () => {
      const item = await saveItem(ews.app, { subject: 'Binned' }, INBOX)
      await call(ews.app, deleteItemXml(itemId(item.id), 'MoveToDeletedItems'))
      const [binned] = (await itemsIn(ews.app, DELETED)).map((i) => i.id)
      const res = await call(ews.app, deleteItemXml(itemId(binned!), 'MoveToDeletedItems'))
      expect(res.codes()).to.deep.equal(['NoError'])
      expect(await subjectsIn(ews.app, DELETED)).to.deep.equal([])
      expect(allStoredItems(ews, ALICE)).to.deep.equal([])
    })
  })

  describe('Missed Conversations', () => {
    for (const mode of ['HardDelete', 'SoftDelete', 'MoveToDeletedItems']) {
      it(`removes a missed IM from the Missed Conversations view (${mode})`, async () => {
        const im = await saveItem(ews.app, { subject: 'IM', itemClass: CLASS.missed }, INBOX)
        await saveItem(ews.app, { subject: 'Other IM', itemClass: CLASS.missed }, INBOX)
        const missed = folderId(await missedConversationsId(ews.app))
        expect(await subjectsIn(ews.app, missed)).to.have.members(['IM', 'Other IM'])
        const res = await call(ews.app, deleteItemXml(itemId(im.id), mode))
        expect(res.codes()).to.deep.equal(['NoError'])
        expect(await subjectsIn(ews.app, missed)).to.deep.equal(['Other IM'])
        expect((await countsOf(ews.app, missed)).total).to.equal(1)
      })
    }
  })

  describe('per-item errors (HTTP 200)', () => {
    it('answers ErrorItemNotFound for a well-formed id of no item', async () => {
      const item = await saveItem(ews.app, { subject: 'Kept' })
      const res = await call(
        ews.app,
        deleteItemXml(itemId(withByteChanged(item.id, LAST_OBJECT_BYTE))),
      )
      expect(res.status).to.equal(200)
      expect(res.codes()).to.deep.equal(['ErrorItemNotFound'])
      expect(res.value('//m:DeleteItemResponseMessage/@ResponseClass')).to.equal('Error')
      expect(res.value('//m:MessageText')).to.equal(
        'The specified object was not found in the store.',
      )
      expect(await subjectsIn(ews.app, distinguished('drafts'))).to.deep.equal(['Kept'])
    })

    it('answers ErrorItemNotFound for an item deleted before', async () => {
      const item = await saveItem(ews.app, { subject: 'Gone' })
      await call(ews.app, deleteItemXml(itemId(item.id)))
      const res = await call(ews.app, deleteItemXml(itemId(item.id)))
      expect(res.codes()).to.deep.equal(['ErrorItemNotFound'])
    })

    it('answers each id on its own: an unknown item does not stop the others', async () => {
      const item = await saveItem(ews.app, { subject: 'Gone' })
      const res = await call(
        ews.app,
        deleteItemXml(itemId(withByteChanged(item.id, LAST_OBJECT_BYTE)) + itemId(item.id)),
      )
      expect(res.codes()).to.deep.equal(['ErrorItemNotFound', 'NoError'])
      expect(allStoredItems(ews, ALICE)).to.deep.equal([])
    })

    it('answers ErrorInvalidIdMalformed for an id that is not one', async () => {
      const res = await call(ews.app, deleteItemXml(itemId('bm90LWFuLWlk')))
      expect(res.codes()).to.deep.equal(['ErrorInvalidIdMalformed'])
    })

    it('answers ErrorCannotUseFolderIdForItemId for a folder id, and keeps the folder', async () => {
      const inbox = await folderIdOf(ews.app, 'inbox')
      const res = await call(ews.app, deleteItemXml(itemId(inbox)))
      expect(res.codes()).to.deep.equal(['ErrorCannotUseFolderIdForItemId'])
      expect(await folderIdOf(ews.app, 'inbox')).to.equal(inbox)
    })

    it("answers ErrorAccessDenied for an item of bob's mailbox, and keeps it", async () => {
      const bobs = await saveItem(ews.app, { subject: 'Bob’s' }, undefined, BOB)
      const res = await call(ews.app, deleteItemXml(itemId(bobs.id)))
      expect(res.codes()).to.deep.equal(['ErrorAccessDenied'])
      expect(ews.store.getItem(BOB, bobs.id).subject).to.equal('Bob’s')
    })
  })

  describe('schema errors (SOAP fault, HTTP 500)', () => {
    it('faults on a DeleteType outside the enumeration, and deletes nothing', async () => {
      const item = await saveItem(ews.app, { subject: 'Kept' })
      const res = await call(ews.app, deleteItemXml(itemId(item.id), 'Shred'))
      expect(res.status).to.equal(500)
      expect(res.faultCode()).to.equal('ErrorSchemaValidation')
      expect(allStoredItems(ews, ALICE)).to.have.length(1)
    })

    it('faults without DeleteType', async () => {
      const item = await saveItem(ews.app, { subject: 'Kept' })
      const res = await call(
        ews.app,
        `<m:DeleteItem><m:ItemIds>${itemId(item.id)}</m:ItemIds></m:DeleteItem>`,
      )
      expect(res.status).to.equal(500)
      expect(res.faultCode()).to.equal('ErrorSchemaValidation')
    })

    it('faults on an empty m:ItemIds', async () => {
      const res = await call(ews.app, deleteItemXml(''))
      expect(res.status).to.equal(500)
      expect(res.faultCode()).to.equal('ErrorSchemaValidation')
    })
  })
})
