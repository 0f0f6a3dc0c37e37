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
  allStoredItems,
  BOB,
  itemChange,
  itemId,
  saveItem,
  sendItemXml,
  setItemField,
  storedItems,
  subjectsIn,
  updateItemXml,
} from '../helpers/items.ts'

describe('SendItem', () => {
  let ews: EwsApp
  beforeEach(() => {
    ews = testApp()
  })

  describe('success', () => {
    it('sends a draft: it leaves drafts, a copy goes to sentitems, bob receives it', async () => {
      const draft = await saveItem(ews.app, { subject: 'Report', to: [BOB] })
      const res = await call(ews.app, sendItemXml(itemId(draft.id, draft.changeKey)))
      expect(res.status).to.equal(200)
      expect(res.codes()).to.deep.equal(['NoError'])
      expect(res.value('//m:SendItemResponseMessage/@ResponseClass')).to.equal('Success')
      expect(await subjectsIn(ews.app, distinguished('drafts'))).to.deep.equal([])
      expect(await subjectsIn(ews.app, distinguished('sentitems'))).to.deep.equal(['Report'])
      expect(await subjectsIn(ews.app, distinguished('inbox'), BOB)).to.deep.equal(['Report'])
    })

    it('answers with nothing but the ResponseCode', async () => {
      const draft = await saveItem(ews.app, { subject: 'Report', to: [BOB] })
      const res = await call(ews.app, sendItemXml(itemId(draft.id, draft.changeKey)))
      const children = res
        .select('//m:SendItemResponseMessage/*')
        .map((n) => (n as Element).localName)
      expect(children).to.deep.equal(['ResponseCode'])
    })

    it('marks the sent copy as sent: not a draft, with DateTimeSent', async () => {
      const draft = await saveItem(ews.app, { subject: 'Report', to: [BOB] })
      await call(ews.app, sendItemXml(itemId(draft.id, draft.changeKey)))
      const [copy] = storedItems(ews, ALICE, 'sentitems')
      expect(copy?.isDraft).to.equal(false)
      expect(copy?.dateTimeSent?.toISOString()).to.equal('2016-06-10T09:00:00.000Z')
      const [received] = storedItems(ews, BOB, 'inbox')
      expect(received?.isDraft).to.equal(false)
      expect(received?.isRead).to.equal(false)
      expect(received?.from?.address).to.equal(ALICE)
    })

    it('removes the draft, so its id is no longer found', async () => {
      const draft = await saveItem(ews.app, { subject: 'Report', to: [BOB] })
      await call(ews.app, sendItemXml(itemId(draft.id, draft.changeKey)))
      expect(() => ews.store.getItem(ALICE, draft.id))
        .to.throw()
        .with.property('code', 'ErrorItemNotFound')
    })

    it('files the copy in the SavedItemFolderId when one is given', async () => {
      const archive = await createFolderIn(ews.app, distinguished('inbox'), 'Sent archive')
      const draft = await saveItem(ews.app, { subject: 'Report', to: [BOB] })
      const res = await call(
        ews.app,
        sendItemXml(itemId(draft.id, draft.changeKey), true, folderId(archive)),
      )
      expect(res.codes()).to.deep.equal(['NoError'])
      expect(await subjectsIn(ews.app, folderId(archive))).to.deep.equal(['Report'])
      expect(await subjectsIn(ews.app, distinguished('sentitems'))).to.deep.equal([])
    })

    it('keeps no copy with SaveItemToFolder="false"', async () => {
      const draft = await saveItem(ews.app, { subject: 'Report', to: [BOB] })
      const res = await call(ews.app, sendItemXml(itemId(draft.id, draft.changeKey), false))
      expect(res.codes()).to.deep.equal(['NoError'])
      expect(allStoredItems(ews, ALICE)).to.deep.equal([])
      expect(storedItems(ews, BOB, 'inbox')).to.have.length(1)
    })

    it('sends several drafts, one response message each', async () => {
      const a = await saveItem(ews.app, { subject: 'A', to: [BOB] })
      const b = await saveItem(ews.app, { subject: 'B', to: [BOB] })
      const res = await call(
        ews.app,
        sendItemXml(itemId(a.id, a.changeKey) + itemId(b.id, b.changeKey)),
      )
      expect(res.codes()).to.deep.equal(['NoError', 'NoError'])
      expect(
        storedItems(ews, BOB, 'inbox')
          .map((i) => i.subject)
          .sort(),
      ).to.deep.equal(['A', 'B'])
    })
  })

  describe('per-item errors (HTTP 200)', () => {
    it('answers ErrorStaleObject for an outdated ChangeKey, and sends nothing', async () => {
      const draft = await saveItem(ews.app, { subject: 'Report', to: [BOB] })
      await call(
        ews.app,
        updateItemXml(
          itemChange(
            itemId(draft.id, draft.changeKey),
            setItemField('item:Subject', { subject: 'Report v2' }),
          ),
        ),
      )
      const res = await call(ews.app, sendItemXml(itemId(draft.id, draft.changeKey)))
      expect(res.status).to.equal(200)
      expect(res.codes()).to.deep.equal(['ErrorStaleObject'])
      expect(res.value('//m:SendItemResponseMessage/@ResponseClass')).to.equal('Error')
      expect(storedItems(ews, BOB, 'inbox')).to.deep.equal([])
      expect(await subjectsIn(ews.app, distinguished('drafts'))).to.deep.equal(['Report v2'])
      expect(await subjectsIn(ews.app, distinguished('sentitems'))).to.deep.equal([])
    })

    it('answers ErrorStaleObject for an id without a ChangeKey, and sends nothing', async () => {
      const draft = await saveItem(ews.app, { subject: 'Report', to: [BOB] })
      const res = await call(ews.app, sendItemXml(itemId(draft.id)))
      expect(res.codes()).to.deep.equal(['ErrorStaleObject'])
      expect(storedItems(ews, BOB, 'inbox')).to.deep.equal([])
    })

    it('answers ErrorInvalidItemForOperationSendItem for a received message', async () => {
      const draft = await saveItem(ews.app, { subject: 'Report', to: [BOB] })
      await call(ews.app, sendItemXml(itemId(draft.id, draft.changeKey)))
      const [received] = storedItems(ews, BOB, 'inbox')
      const res = await call(ews.app, sendItemXml(itemId(received!.itemId.id)), BOB)
      expect(res.codes()).to.deep.equal(['ErrorInvalidItemForOperationSendItem'])
      expect(storedItems(ews, ALICE, 'inbox')).to.deep.equal([])
      expect(storedItems(ews, BOB, 'inbox')).to.have.length(1)
    })

    it('answers ErrorInvalidItemForOperationSendItem for the sent copy', async () => {
      const draft = await saveItem(ews.app, { subject: 'Report', to: [BOB] })
      await call(ews.app, sendItemXml(itemId(draft.id, draft.changeKey)))
      const [copy] = storedItems(ews, ALICE, 'sentitems')
      const res = await call(ews.app, sendItemXml(itemId(copy!.itemId.id)))
      expect(res.codes()).to.deep.equal(['ErrorInvalidItemForOperationSendItem'])
      expect(storedItems(ews, BOB, 'inbox')).to.have.length(1)
    })

    it('answers ErrorInvalidSendItemSaveSettings for SaveItemToFolder="false" with a SavedItemFolderId', async () => {
      const draft = await saveItem(ews.app, { subject: 'Report', to: [BOB] })
      const res = await call(
        ews.app,
        sendItemXml(itemId(draft.id, draft.changeKey), false, distinguished('sentitems')),
      )
      expect(res.status).to.equal(200)
      expect(res.codes()).to.deep.equal(['ErrorInvalidSendItemSaveSettings'])
      expect(storedItems(ews, BOB, 'inbox')).to.deep.equal([])
      expect(await subjectsIn(ews.app, distinguished('drafts'))).to.deep.equal(['Report'])
    })

    it('answers ErrorInvalidRecipients for a draft without recipients, and keeps the draft', async () => {
      const draft = await saveItem(ews.app, { subject: 'To nobody' })
      const res = await call(ews.app, sendItemXml(itemId(draft.id, draft.changeKey)))
      expect(res.codes()).to.deep.equal(['ErrorInvalidRecipients'])
      expect(await subjectsIn(ews.app, distinguished('drafts'))).to.deep.equal(['To nobody'])
      expect(await subjectsIn(ews.app, distinguished('sentitems'))).to.deep.equal([])
    })

    it('answers ErrorItemNotFound for a well-formed id of no item', async () => {
      const draft = await saveItem(ews.app, { subject: 'Report', to: [BOB] })
      const unknown = withByteChanged(draft.id, LAST_OBJECT_BYTE)
      const res = await call(ews.app, sendItemXml(itemId(unknown)))
      expect(res.codes()).to.deep.equal(['ErrorItemNotFound'])
      expect(storedItems(ews, BOB, 'inbox')).to.deep.equal([])
    })

    it('answers ErrorInvalidIdMalformed for an id that is not one', async () => {
      const res = await call(ews.app, sendItemXml(itemId('bm90LWFuLWlk')))
      expect(res.status).to.equal(200)
      expect(res.codes()).to.deep.equal(['ErrorInvalidIdMalformed'])
    })

    it('answers ErrorCannotUseFolderIdForItemId for a folder id', async () => {
      const drafts = await folderIdOf(ews.app, 'drafts')
      const res = await call(ews.app, sendItemXml(itemId(drafts)))
      expect(res.codes()).to.deep.equal(['ErrorCannotUseFolderIdForItemId'])
    })

    it('answers each id on its own: a bad id does not stop the good draft', async () => {
      const draft = await saveItem(ews.app, { subject: 'Report', to: [BOB] })
      const res = await call(
        ews.app,
        sendItemXml(itemId('bm90LWFuLWlk') + itemId(draft.id, draft.changeKey)),
      )
      expect(res.codes()).to.deep.equal(['ErrorInvalidIdMalformed', 'NoError'])
      expect(storedItems(ews, BOB, 'inbox')).to.have.length(1)
    })
  })

  describe('schema errors (SOAP fault, HTTP 500)', () => {
    it('faults with ErrorSchemaValidation without SaveItemToFolder', async () => {
      const draft = await saveItem(ews.app, { subject: 'Report', to: [BOB] })
      const res = await call(
        ews.app,
        `<m:SendItem><m:ItemIds>${itemId(draft.id)}</m:ItemIds></m:SendItem>`,
      )
      expect(res.status).to.equal(500)
      expect(res.faultCode()).to.equal('ErrorSchemaValidation')
      expect(storedItems(ews, BOB, 'inbox')).to.deep.equal([])
    })

    it('faults with ErrorSchemaValidation on an empty m:ItemIds', async () => {
      const res = await call(
        ews.app,
        '<m:SendItem SaveItemToFolder="true"><m:ItemIds/></m:SendItem>',
      )
      expect(res.status).to.equal(500)
      expect(res.faultCode()).to.equal('ErrorSchemaValidation')
    })
  })
})
