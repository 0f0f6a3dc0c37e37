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
import type { SoapAnswer } from '../helpers/ews.ts'
import {
  ALICE,
  BOB,
  CLASS,
  countsOf,
  findItemXml,
  getItemXml,
  itemChange,
  itemId,
  itemRefsOf,
  moveItemXml,
  saveItem,
  setItemField,
  subjectsIn,
  updateItemXml,
} from '../helpers/items.ts'

const INBOX = distinguished('inbox')
const DRAFTS = distinguished('drafts')

/** Subjects of the items a FindItem answer lists. */
const subjects = (res: SoapAnswer): string[] =>
  res.select('//m:RootFolder/t:Items/t:Message/t:Subject').map((n) => n.textContent ?? '')

describe('MoveItem', () => {
  let ews: EwsApp
  beforeEach(() => {
    ews = testApp()
  })

  it('moves the item and answers with its new id', async () => {
    const draft = await saveItem(ews.app, { subject: 'Filed' })
    const res = await call(ews.app, moveItemXml(INBOX, itemId(draft.id, draft.changeKey)))
    expect(res.status).to.equal(200)
    expect(res.codes()).to.deep.equal(['NoError'])
    expect(res.value('//m:MoveItemResponseMessage/@ResponseClass')).to.equal('Success')
    const [moved, ...rest] = itemRefsOf(res)
    expect(rest).to.deep.equal([])
    expect(moved?.id).to.not.equal(draft.id)
    expect(moved?.changeKey).to.not.equal('')
    expect(ews.store.getItem(ALICE, moved!.id).parentFolderId.id).to.equal(
      await folderIdOf(ews.app, 'inbox'),
    )
    expect(await subjectsIn(ews.app, INBOX)).to.deep.equal(['Filed'])
    expect(await subjectsIn(ews.app, DRAFTS)).to.deep.equal([])
  })

  it('answers ErrorItemNotFound for the old id afterwards', async () => {
    const draft = await saveItem(ews.app, { subject: 'Filed' })
    await call(ews.app, moveItemXml(INBOX, itemId(draft.id, draft.changeKey)))
    const res = await call(ews.app, getItemXml(itemId(draft.id)))
    expect(res.codes()).to.deep.equal(['ErrorItemNotFound'])
  })

  it('changes the TotalCount of both folders', async () => {
    const a = await saveItem(ews.app, { subject: 'A' })
    await saveItem(ews.app, { subject: 'B' })
    await call(ews.app, moveItemXml(INBOX, itemId(a.id)))
    expect((await countsOf(ews.app, DRAFTS)).total).to.equal(1)
    expect((await countsOf(ews.app, INBOX)).total).to.equal(1)
  })

  it('carries the unread count with an unread item', async () => {
    const unread = await saveItem(ews.app, { subject: 'Unread', isRead: false }, INBOX)
    const archive = await createFolderIn(ews.app, INBOX, 'Archive')
    await call(ews.app, moveItemXml(folderId(archive), itemId(unread.id)))
    expect(await countsOf(ews.app, INBOX)).to.deep.equal({ total: 0, unread: 0 })
    expect(await countsOf(ews.app, folderId(archive))).to.deep.equal({ total: 1, unread: 1 })
  })

  it('keeps the properties of the item', async () => {
    const draft = await saveItem(ews.app, {
      subject: 'Kept',
      body: 'Body',
      to: [BOB],
      importance: 'High',
    })
    const res = await call(ews.app, moveItemXml(INBOX, itemId(draft.id)))
    const moved = ews.store.getItem(ALICE, itemRefsOf(res)[0]!.id)
    expect(moved.subject).to.equal('Kept')
    expect(moved.body).to.deep.equal({ type: 'Text', text: 'Body' })
    expect(moved.importance).to.equal('High')
    expect(moved.toRecipients.map((r) => r.address)).to.deep.equal([BOB])
    expect(moved.isDraft).to.equal(true)
  })

  it('moves several items, one response message each', async () => {
    const a = await saveItem(ews.app, { subject: 'A' })
    const b = await saveItem(ews.app, { subject: 'B' })
    const res = await call(ews.app, moveItemXml(INBOX, itemId(a.id) + itemId(b.id)))
    expect(res.codes()).to.deep.equal(['NoError', 'NoError'])
    expect(itemRefsOf(res)).to.have.length(2)
    expect((await subjectsIn(ews.app, INBOX)).sort()).to.deep.equal(['A', 'B'])
  })

  it('moves a missed IM into Deleted Items, out of the Missed Conversations view', async () => {
    const im = await saveItem(ews.app, { subject: 'IM', itemClass: CLASS.missed }, INBOX)
    const missed = await missedConversationsId(ews.app)
    expect(subjects(await call(ews.app, findItemXml(folderId(missed))))).to.deep.equal(['IM'])
    await call(ews.app, moveItemXml(distinguished('deleteditems'), itemId(im.id)))
    expect(subjects(await call(ews.app, findItemXml(folderId(missed))))).to.deep.equal([])
  })

  it('answers an empty m:Items with ReturnNewItemIds false', async () => {
    const draft = await saveItem(ews.app, { subject: 'Filed' })
    const res = await call(ews.app, moveItemXml(INBOX, itemId(draft.id), 'MoveItem', false))
    expect(res.codes()).to.deep.equal(['NoError'])
    expect(res.select('//m:MoveItemResponseMessage/m:Items')).to.have.length(1)
    expect(res.select('//m:MoveItemResponseMessage/m:Items/*')).to.have.length(0)
    expect(await subjectsIn(ews.app, INBOX)).to.deep.equal(['Filed'])
  })

  it('answers the new id with ReturnNewItemIds true', async () => {
    const draft = await saveItem(ews.app, { subject: 'Filed' })
    const res = await call(ews.app, moveItemXml(INBOX, itemId(draft.id), 'MoveItem', true))
    expect(itemRefsOf(res)).to.have.length(1)
  })

  describe('per-item errors (HTTP 200)', () => {
    it('answers ErrorInvalidParentFolder for the Missed Conversations search folder, and moves nothing', async () => {
      const im = await saveItem(ews.app, { subject: 'IM', itemClass: CLASS.missed }, INBOX)
      const missed = await missedConversationsId(ews.app)
      const res = await call(ews.app, moveItemXml(folderId(missed), itemId(im.id)))
      expect(res.status).to.equal(200)
      expect(res.codes()).to.deep.equal(['ErrorInvalidParentFolder'])
      expect(res.value('//m:MoveItemResponseMessage/@ResponseClass')).to.equal('Error')
      expect(await subjectsIn(ews.app, INBOX)).to.deep.equal(['IM'])
      expect(ews.store.getItem(ALICE, im.id).subject).to.equal('IM')
    })

    it("gives every item the target folder's error for an unknown target", async () => {
      const a = await saveItem(ews.app, { subject: 'A' })
      const b = await saveItem(ews.app, { subject: 'B' })
      const inbox = await folderIdOf(ews.app, 'inbox')
      const res = await call(
        ews.app,
        moveItemXml(
          folderId(withByteChanged(inbox, LAST_OBJECT_BYTE)),
          itemId(a.id) + itemId(b.id),
        ),
      )
      expect(res.codes()).to.deep.equal(['ErrorFolderNotFound', 'ErrorFolderNotFound'])
      expect(res.select('//m:MoveItemResponseMessage/m:Items/*')).to.have.length(0)
      expect((await subjectsIn(ews.app, DRAFTS)).sort()).to.deep.equal(['A', 'B'])
    })

    it('answers ErrorFolderNotFound for a distinguished folder the mailbox lacks', async () => {
      const a = await saveItem(ews.app, { subject: 'A' })
      const res = await call(ews.app, moveItemXml(distinguished('archiveinbox'), itemId(a.id)))
      expect(res.codes()).to.deep.equal(['ErrorFolderNotFound'])
    })

    it("answers ErrorAccessDenied for a target in bob's mailbox", async () => {
      const a = await saveItem(ews.app, { subject: 'A' })
      const bobsInbox = await folderIdOf(ews.app, 'inbox', BOB)
      const res = await call(ews.app, moveItemXml(folderId(bobsInbox), itemId(a.id)))
      expect(res.codes()).to.deep.equal(['ErrorAccessDenied'])
      expect(await subjectsIn(ews.app, DRAFTS)).to.deep.equal(['A'])
    })

    it('answers each item on its own: an unknown item does not stop the others', async () => {
      const a = await saveItem(ews.app, { subject: 'A' })
      const res = await call(
        ews.app,
        moveItemXml(INBOX, itemId(withByteChanged(a.id, LAST_OBJECT_BYTE)) + itemId(a.id)),
      )
      expect(res.codes()).to.deep.equal(['ErrorItemNotFound', 'NoError'])
      expect(await subjectsIn(ews.app, INBOX)).to.deep.equal(['A'])
    })

    it('answers ErrorInvalidIdMalformed for an item id that is not one', async () => {
      const res = await call(ews.app, moveItemXml(INBOX, itemId('bm90LWFuLWlk')))
      expect(res.codes()).to.deep.equal(['ErrorInvalidIdMalformed'])
    })

    it('answers ErrorCannotUseItemIdForFolderId for an item id as the target', async () => {
      const a = await saveItem(ews.app, { subject: 'A' })
      const res = await call(ews.app, moveItemXml(folderId(a.id), itemId(a.id)))
      expect(res.codes()).to.deep.equal(['ErrorCannotUseItemIdForFolderId'])
    })
  })

  describe('schema errors (SOAP fault, HTTP 500)', () => {
    it('faults without m:ToFolderId', async () => {
      const a = await saveItem(ews.app, { subject: 'A' })
      const res = await call(
        ews.app,
        `<m:MoveItem><m:ItemIds>${itemId(a.id)}</m:ItemIds></m:MoveItem>`,
      )
      expect(res.status).to.equal(500)
      expect(res.faultCode()).to.equal('ErrorSchemaValidation')
    })

    it('faults on a ReturnNewItemIds that is not a boolean', async () => {
      const a = await saveItem(ews.app, { subject: 'A' })
      const res = await call(
        ews.app,
        moveItemXml(INBOX, itemId(a.id)).replace(
          '</m:ItemIds>',
          '</m:ItemIds><m:ReturnNewItemIds>maybe</m:ReturnNewItemIds>',
        ),
      )
      expect(res.status).to.equal(500)
      expect(res.faultCode()).to.equal('ErrorSchemaValidation')
      expect(await subjectsIn(ews.app, DRAFTS)).to.deep.equal(['A'])
    })
  })
})

describe('CopyItem', () => {
  let ews: EwsApp
  beforeEach(() => {
    ews = testApp()
  })

  it('copies the item and keeps the original', async () => {
    const draft = await saveItem(ews.app, { subject: 'Twice' })
    const res = await call(ews.app, moveItemXml(INBOX, itemId(draft.id), 'CopyItem'))
    expect(res.status).to.equal(200)
    expect(res.codes()).to.deep.equal(['NoError'])
    expect(res.value('//m:CopyItemResponseMessage/@ResponseClass')).to.equal('Success')
    const [copy] = itemRefsOf(res)
    expect(copy?.id).to.not.equal(draft.id)
    expect(ews.store.getItem(ALICE, draft.id).subject).to.equal('Twice')
    expect(ews.store.getItem(ALICE, copy!.id).subject).to.equal('Twice')
    expect(await subjectsIn(ews.app, INBOX)).to.deep.equal(['Twice'])
    expect(await subjectsIn(ews.app, DRAFTS)).to.deep.equal(['Twice'])
  })

  it('adds to the target TotalCount and leaves the source count', async () => {
    const draft = await saveItem(ews.app, { subject: 'Twice' })
    await call(ews.app, moveItemXml(INBOX, itemId(draft.id), 'CopyItem'))
    expect((await countsOf(ews.app, DRAFTS)).total).to.equal(1)
    expect((await countsOf(ews.app, INBOX)).total).to.equal(1)
  })

  it('makes a copy that changes on its own', async () => {
    const draft = await saveItem(ews.app, { subject: 'Original' })
    const res = await call(ews.app, moveItemXml(DRAFTS, itemId(draft.id), 'CopyItem'))
    const copy = itemRefsOf(res)[0]!
    await call(
      ews.app,
      updateItemXml(itemChange(itemId(copy.id), setItemField('item:Subject', { subject: 'Copy' }))),
    )
    expect(ews.store.getItem(ALICE, draft.id).subject).to.equal('Original')
    expect(ews.store.getItem(ALICE, copy.id).subject).to.equal('Copy')
  })

  it('copies a missed IM into the Missed Conversations view once more', async () => {
    const im = await saveItem(ews.app, { subject: 'IM', itemClass: CLASS.missed }, INBOX)
    const archive = await createFolderIn(ews.app, INBOX, 'Archive')
    await call(ews.app, moveItemXml(folderId(archive), itemId(im.id), 'CopyItem'))
    const missed = await missedConversationsId(ews.app)
    expect(subjects(await call(ews.app, findItemXml(folderId(missed))))).to.deep.equal(['IM', 'IM'])
  })

  it('answers an empty m:Items with ReturnNewItemIds false', async () => {
    const draft = await saveItem(ews.app, { subject: 'Twice' })
    const res = await call(ews.app, moveItemXml(INBOX, itemId(draft.id), 'CopyItem', false))
    expect(res.codes()).to.deep.equal(['NoError'])
    expect(res.select('//m:CopyItemResponseMessage/m:Items/*')).to.have.length(0)
    expect(await subjectsIn(ews.app, INBOX)).to.deep.equal(['Twice'])
  })

  it('answers ErrorInvalidParentFolder for the Missed Conversations search folder', async () => {
    const im = await saveItem(ews.app, { subject: 'IM', itemClass: CLASS.missed }, INBOX)
    const missed = await missedConversationsId(ews.app)
    const res = await call(ews.app, moveItemXml(folderId(missed), itemId(im.id), 'CopyItem'))
    expect(res.codes()).to.deep.equal(['ErrorInvalidParentFolder'])
    expect((await countsOf(ews.app, INBOX)).total).to.equal(1)
  })

  it("gives every item the target folder's error for an unknown target", async () => {
    const a = await saveItem(ews.app, { subject: 'A' })
    const b = await saveItem(ews.app, { subject: 'B' })
    const res = await call(
      ews.app,
      moveItemXml(distinguished('archiveinbox'), itemId(a.id) + itemId(b.id), 'CopyItem'),
    )
    expect(res.codes()).to.deep.equal(['ErrorFolderNotFound', 'ErrorFolderNotFound'])
    expect((await countsOf(ews.app, DRAFTS)).total).to.equal(2)
  })

  it('answers ErrorItemNotFound for a well-formed id of no item', async () => {
    const a = await saveItem(ews.app, { subject: 'A' })
    const res = await call(
      ews.app,
      moveItemXml(INBOX, itemId(withByteChanged(a.id, LAST_OBJECT_BYTE)), 'CopyItem'),
    )
    expect(res.codes()).to.deep.equal(['ErrorItemNotFound'])
    expect((await countsOf(ews.app, INBOX)).total).to.equal(0)
  })

  it("answers ErrorAccessDenied for an item of bob's mailbox", async () => {
    const bobs = await saveItem(ews.app, { subject: 'Bob’s' }, undefined, BOB)
    const res = await call(ews.app, moveItemXml(INBOX, itemId(bobs.id), 'CopyItem'))
    expect(res.codes()).to.deep.equal(['ErrorAccessDenied'])
    expect((await countsOf(ews.app, INBOX)).total).to.equal(0)
  })
})
