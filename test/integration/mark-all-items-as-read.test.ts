import { expect } from 'chai'
import type { EwsApp } from '../../mock-ews/index.ts'
import {
  call,
  createFolderIn,
  distinguished,
  folderId,
  folderIdOf,
  LAST_OBJECT_BYTE,
  testApp,
  withByteChanged,
} from '../helpers/ews.ts'
import {
  ALICE,
  BOB,
  countsOf,
  itemsIn,
  markAllItemsAsReadXml,
  saveItem,
  sendMessage,
  storedItems,
} from '../helpers/items.ts'

const INBOX = distinguished('inbox')
const DRAFTS = distinguished('drafts')

describe('MarkAllItemsAsRead', () => {
  let ews: EwsApp
  beforeEach(() => {
    ews = testApp()
  })

  /** Saves unread and read messages in a folder. */
  async function fill(folder: string, unread: number, read: number): Promise<void> {
    for (let i = 0; i < unread; i++)
      await saveItem(ews.app, { subject: `U${i}`, isRead: false }, folder)
    for (let i = 0; i < read; i++)
      await saveItem(ews.app, { subject: `R${i}`, isRead: true }, folder)
  }

  /** IsRead of every item of a folder, read through FindItem. */
  const readFlags = async (folder: string): Promise<string[]> =>
    (await itemsIn(ews.app, folder)).map((i) => i.isRead)

  it('marks every item read with ReadFlag true, and UnreadCount drops to 0', async () => {
    await fill(INBOX, 3, 1)
    expect(await countsOf(ews.app, INBOX)).to.deep.equal({ total: 4, unread: 3 })
    const res = await call(ews.app, markAllItemsAsReadXml(INBOX, true))
    expect(res.status).to.equal(200)
    expect(res.codes()).to.deep.equal(['NoError'])
    expect(res.value('//m:MarkAllItemsAsReadResponseMessage/@ResponseClass')).to.equal('Success')
    expect(await countsOf(ews.app, INBOX)).to.deep.equal({ total: 4, unread: 0 })
    expect(await readFlags(INBOX)).to.deep.equal(['true', 'true', 'true', 'true'])
  })

  it('marks every item unread with ReadFlag false, and UnreadCount rises to TotalCount', async () => {
    await fill(INBOX, 1, 2)
    const res = await call(ews.app, markAllItemsAsReadXml(INBOX, false))
    expect(res.codes()).to.deep.equal(['NoError'])
    expect(await countsOf(ews.app, INBOX)).to.deep.equal({ total: 3, unread: 3 })
    expect(await readFlags(INBOX)).to.deep.equal(['false', 'false', 'false'])
  })

  it('answers with nothing but the ResponseCode', async () => {
    const res = await call(ews.app, markAllItemsAsReadXml(INBOX, true))
    const children = res
      .select('//m:MarkAllItemsAsReadResponseMessage/*')
      .map((n) => (n as Element).localName)
    expect(children).to.deep.equal(['ResponseCode'])
  })

  it('changes the ChangeKey of the items whose flag it changes', async () => {
    const unread = await saveItem(ews.app, { subject: 'U', isRead: false }, INBOX)
    const read = await saveItem(ews.app, { subject: 'R', isRead: true }, INBOX)
    await call(ews.app, markAllItemsAsReadXml(INBOX, true))
    expect(ews.store.getItem(ALICE, unread.id).itemId.changeKey).to.not.equal(unread.changeKey)
    expect(ews.store.getItem(ALICE, read.id).itemId.changeKey).to.equal(read.changeKey)
  })

  it('marks delivered mail read', async () => {
    await sendMessage(
      ews.app,
      { subject: 'Hi', to: [ALICE] },
      { disposition: 'SendOnly', user: BOB },
    )
    expect((await countsOf(ews.app, INBOX)).unread).to.equal(1)
    await call(ews.app, markAllItemsAsReadXml(INBOX, true))
    expect(storedItems(ews, ALICE, 'inbox').map((i) => i.isRead)).to.deep.equal([true])
  })

  it('marks only the folders named, not their subfolders or other folders', async () => {
    const sub = await createFolderIn(ews.app, INBOX, 'Sub')
    await fill(INBOX, 1, 0)
    await fill(folderId(sub), 2, 0)
    await fill(DRAFTS, 1, 0)
    await call(ews.app, markAllItemsAsReadXml(INBOX, true))
    expect((await countsOf(ews.app, INBOX)).unread).to.equal(0)
    expect((await countsOf(ews.app, folderId(sub))).unread).to.equal(2)
    expect((await countsOf(ews.app, DRAFTS)).unread).to.equal(1)
  })

  it('marks several folders, one response message each', async () => {
    const sub = await createFolderIn(ews.app, INBOX, 'Sub')
    await fill(INBOX, 2, 0)
    await fill(folderId(sub), 1, 0)
    const res = await call(ews.app, markAllItemsAsReadXml(INBOX + folderId(sub), true))
    expect(res.codes()).to.deep.equal(['NoError', 'NoError'])
    expect((await countsOf(ews.app, INBOX)).unread).to.equal(0)
    expect((await countsOf(ews.app, folderId(sub))).unread).to.equal(0)
  })

  it('succeeds on an empty folder', async () => {
    const res = await call(ews.app, markAllItemsAsReadXml(DRAFTS, true))
    expect(res.codes()).to.deep.equal(['NoError'])
    expect(await countsOf(ews.app, DRAFTS)).to.deep.equal({ total: 0, unread: 0 })
  })

  describe('per-folder errors (HTTP 200)', () => {
    it('answers ErrorFolderNotFound for a well-formed id of no folder', async () => {
      const inbox = await folderIdOf(ews.app, 'inbox')
      const res = await call(
        ews.app,
        markAllItemsAsReadXml(folderId(withByteChanged(inbox, LAST_OBJECT_BYTE)), true),
      )
      expect(res.status).to.equal(200)
      expect(res.codes()).to.deep.equal(['ErrorFolderNotFound'])
      expect(res.value('//m:MarkAllItemsAsReadResponseMessage/@ResponseClass')).to.equal('Error')
    })

    it('answers each folder on its own: an unknown folder does not stop the others', async () => {
      await fill(INBOX, 2, 0)
      const res = await call(
        ews.app,
        markAllItemsAsReadXml(distinguished('archiveinbox') + INBOX, true),
      )
      expect(res.codes()).to.deep.equal(['ErrorFolderNotFound', 'NoError'])
      expect((await countsOf(ews.app, INBOX)).unread).to.equal(0)
    })

    it('answers ErrorInvalidIdMalformed for a folder id that is not one', async () => {
      const res = await call(ews.app, markAllItemsAsReadXml(folderId('bm90LWFuLWlk'), true))
      expect(res.codes()).to.deep.equal(['ErrorInvalidIdMalformed'])
    })

    it("answers ErrorAccessDenied for bob's inbox, and leaves it unread", async () => {
      await sendMessage(ews.app, { subject: 'Hi', to: [BOB] }, { disposition: 'SendOnly' })
      const bobsInbox = await folderIdOf(ews.app, 'inbox', BOB)
      const res = await call(ews.app, markAllItemsAsReadXml(folderId(bobsInbox), true))
      expect(res.codes()).to.deep.equal(['ErrorAccessDenied'])
      expect((await countsOf(ews.app, INBOX, BOB)).unread).to.equal(1)
    })
  })

  describe('schema errors (SOAP fault, HTTP 500)', () => {
    it('faults on a ReadFlag that is not a boolean, and changes nothing', async () => {
      await fill(INBOX, 1, 0)
      const res = await call(
        ews.app,
        markAllItemsAsReadXml(INBOX, true).replace(
          '<m:ReadFlag>true</m:ReadFlag>',
          '<m:ReadFlag>yes</m:ReadFlag>',
        ),
      )
      expect(res.status).to.equal(500)
      expect(res.faultCode()).to.equal('ErrorSchemaValidation')
      expect((await countsOf(ews.app, INBOX)).unread).to.equal(1)
    })

    it('faults without SuppressReadReceipts', async () => {
      const res = await call(
        ews.app,
        markAllItemsAsReadXml(INBOX, true).replace(
          '<m:SuppressReadReceipts>true</m:SuppressReadReceipts>',
          '',
        ),
      )
      expect(res.status).to.equal(500)
      expect(res.faultCode()).to.equal('ErrorSchemaValidation')
    })

    it('faults on an empty m:FolderIds', async () => {
      const res = await call(ews.app, markAllItemsAsReadXml('', true))
      expect(res.status).to.equal(500)
      expect(res.faultCode()).to.equal('ErrorSchemaValidation')
    })
  })
})
