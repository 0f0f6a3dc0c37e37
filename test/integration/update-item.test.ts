import { expect } from 'chai'
import { FakeClock } from '../../mock-ews/index.ts'
import type { EwsApp } from '../../mock-ews/index.ts'
import {
  additionalProperties,
  call,
  createFolderIn,
  distinguished,
  folderId,
  LAST_OBJECT_BYTE,
  testApp,
  withByteChanged,
} from '../helpers/ews.ts'
import type { SoapAnswer } from '../helpers/ews.ts'
import {
  ALICE,
  appendToItemField,
  BOB,
  countsOf,
  deleteItemField,
  getItemOf,
  getItemXml,
  itemChange,
  itemId,
  saveItem,
  sendMessage,
  setItemField,
  storedItems,
  subjectsIn,
  updateItemXml,
  xmlText,
} from '../helpers/items.ts'

/** UpdateItem of one item's updates with AutoResolve (the default of exchangelib), SaveOnly. */
const update = (id: string, changeKey: string | undefined, updates: string): string =>
  updateItemXml(itemChange(itemId(id, changeKey), updates), 'AutoResolve')

/** `<m:SavedItemFolderId>` put into an UpdateItem request. */
const withSavedFolder = (xml: string, folder: string): string =>
  xml.replace(
    '<m:ItemChanges>',
    `<m:SavedItemFolderId>${folder}</m:SavedItemFolderId><m:ItemChanges>`,
  )

const subjectTo = (subject: string): string => setItemField('item:Subject', { subject })

describe('UpdateItem', () => {
  let ews: EwsApp
  let clock: FakeClock
  beforeEach(() => {
    clock = new FakeClock('2016-06-10T09:00:00Z')
    ews = testApp({ clock })
  })

  /** A message bob sent to alice, as it is in alice's inbox. */
  async function received(subject = 'From bob'): Promise<{ id: string; changeKey: string }> {
    await sendMessage(ews.app, { subject, to: [ALICE] }, { disposition: 'SendOnly', user: BOB })
    const item = storedItems(ews, ALICE, 'inbox').find((i) => i.subject === subject)
    if (!item) throw new Error('not delivered')
    return item.itemId
  }

  /** Categories of an item, read through GetItem. */
  async function categoriesOf(id: string): Promise<string[]> {
    const res = await call(
      ews.app,
      getItemXml(itemId(id), 'IdOnly', additionalProperties('item:Categories')),
    )
    return res.select('//t:Message/t:Categories/t:String').map((n) => n.textContent ?? '')
  }

  /** The one ItemId an UpdateItem answer carries. */
  const newRef = (res: SoapAnswer): { id: string; changeKey: string } => ({
    id: res.value('//m:UpdateItemResponseMessage/m:Items/t:Message/t:ItemId/@Id'),
    changeKey: res.value('//m:UpdateItemResponseMessage/m:Items/t:Message/t:ItemId/@ChangeKey'),
  })

  describe('SetItemField', () => {
    it('sets item:Subject and answers with the same Id, a new ChangeKey and no conflicts', async () => {
      const draft = await saveItem(ews.app, { subject: 'Old' })
      const res = await call(ews.app, update(draft.id, draft.changeKey, subjectTo('New')))
      expect(res.status).to.equal(200)
      expect(res.codes()).to.deep.equal(['NoError'])
      expect(res.value('//m:UpdateItemResponseMessage/@ResponseClass')).to.equal('Success')
      const ref = newRef(res)
      expect(ref.id).to.equal(draft.id)
      expect(ref.changeKey).to.not.equal('')
      expect(ref.changeKey).to.not.equal(draft.changeKey)
      expect(res.value('//m:UpdateItemResponseMessage/m:ConflictResults/t:Count')).to.equal('0')
      expect((await getItemOf(ews.app, draft.id)).subject).to.equal('New')
      expect(ews.store.getItem(ALICE, draft.id).itemId.changeKey).to.equal(ref.changeKey)
    })

    it('answers with m:Items before m:ConflictResults, in schema order', async () => {
      const draft = await saveItem(ews.app, { subject: 'Old' })
      const res = await call(ews.app, update(draft.id, draft.changeKey, subjectTo('New')))
      const children = res
        .select('//m:UpdateItemResponseMessage/*')
        .map((n) => (n as Element).localName)
      expect(children).to.deep.equal(['ResponseCode', 'Items', 'ConflictResults'])
    })

    it('gives a new ChangeKey on every update, and accepts the one it gave', async () => {
      const draft = await saveItem(ews.app, { subject: 'v1' })
      const first = newRef(await call(ews.app, update(draft.id, draft.changeKey, subjectTo('v2'))))
      const res = await call(ews.app, update(draft.id, first.changeKey, subjectTo('v3')))
      expect(res.codes()).to.deep.equal(['NoError'])
      const second = newRef(res)
      expect(new Set([draft.changeKey, first.changeKey, second.changeKey]).size).to.equal(3)
      expect((await getItemOf(ews.app, draft.id)).subject).to.equal('v3')
    })

    it('sets item:Body, type and text', async () => {
      const draft = await saveItem(ews.app, { body: 'plain' })
      const html = '<p>rich</p>'
      const res = await call(
        ews.app,
        update(
          draft.id,
          draft.changeKey,
          setItemField('item:Body', { body: xmlText(html), bodyType: 'HTML' }),
        ),
      )
      expect(res.codes()).to.deep.equal(['NoError'])
      const item = await getItemOf(ews.app, draft.id)
      expect(item.bodyType).to.equal('HTML')
      expect(item.body).to.equal(html)
    })

    it('sets message:IsRead, and the folder’s UnreadCount follows', async () => {
      const mail = await received()
      expect((await countsOf(ews.app, distinguished('inbox'))).unread).to.equal(1)
      const res = await call(
        ews.app,
        update(mail.id, mail.changeKey, setItemField('message:IsRead', { isRead: true })),
      )
      expect(res.codes()).to.deep.equal(['NoError'])
      expect((await getItemOf(ews.app, mail.id)).isRead).to.equal('true')
      expect(await countsOf(ews.app, distinguished('inbox'))).to.deep.equal({ total: 1, unread: 0 })
    })

    it('replaces item:Categories', async () => {
      const draft = await saveItem(ews.app, { categories: ['Red', 'Blue'] })
      await call(
        ews.app,
        update(
          draft.id,
          draft.changeKey,
          setItemField('item:Categories', { categories: ['Green'] }),
        ),
      )
      expect(await categoriesOf(draft.id)).to.deep.equal(['Green'])
    })

    it('sets item:Importance', async () => {
      const draft = await saveItem(ews.app, { subject: 'X' })
      await call(
        ews.app,
        update(draft.id, draft.changeKey, setItemField('item:Importance', { importance: 'High' })),
      )
      expect(ews.store.getItem(ALICE, draft.id).importance).to.equal('High')
    })

    it('updates the LastModifiedTime to now, not the DateTimeCreated', async () => {
      const draft = await saveItem(ews.app, { subject: 'Old' })
      clock.advance(5 * 60_000)
      await call(ews.app, update(draft.id, draft.changeKey, subjectTo('New')))
      const item = ews.store.getItem(ALICE, draft.id)
      expect(item.lastModifiedTime.toISOString()).to.equal('2016-06-10T09:05:00.000Z')
      expect(item.dateTimeCreated.toISOString()).to.equal('2016-06-10T09:00:00.000Z')
    })

    it('changes the subject and read flag of a received message', async () => {
      const mail = await received()
      const res = await call(
        ews.app,
        update(
          mail.id,
          mail.changeKey,
          subjectTo('Filed: from bob') + setItemField('message:IsRead', { isRead: true }),
        ),
      )
      expect(res.codes()).to.deep.equal(['NoError'])
      const item = ews.store.getItem(ALICE, mail.id)
      expect(item.subject).to.equal('Filed: from bob')
      expect(item.isRead).to.equal(true)
    })
  })

  describe('AppendToItemField', () => {
    it('appends to item:Body', async () => {
      const draft = await saveItem(ews.app, { body: 'Hello' })
      const res = await call(
        ews.app,
        update(draft.id, draft.changeKey, appendToItemField('item:Body', { body: ', world' })),
      )
      expect(res.codes()).to.deep.equal(['NoError'])
      expect((await getItemOf(ews.app, draft.id)).body).to.equal('Hello, world')
    })

    it('appends to item:Categories', async () => {
      const draft = await saveItem(ews.app, { categories: ['Red'] })
      await call(
        ews.app,
        update(
          draft.id,
          draft.changeKey,
          appendToItemField('item:Categories', { categories: ['Blue'] }),
        ),
      )
      expect(await categoriesOf(draft.id)).to.deep.equal(['Red', 'Blue'])
    })

    it('appends to message:ToRecipients of a draft', async () => {
      const draft = await saveItem(ews.app, { to: [BOB] })
      const res = await call(
        ews.app,
        update(
          draft.id,
          draft.changeKey,
          appendToItemField('message:ToRecipients', { to: ['carol@fabrikam.com'] }),
        ),
      )
      expect(res.codes()).to.deep.equal(['NoError'])
      expect((await getItemOf(ews.app, draft.id)).to).to.deep.equal([BOB, 'carol@fabrikam.com'])
    })

    it('answers ErrorInvalidPropertyAppend for item:Subject, and changes nothing', async () => {
      const draft = await saveItem(ews.app, { subject: 'Kept' })
      const res = await call(
        ews.app,
        update(draft.id, draft.changeKey, appendToItemField('item:Subject', { subject: ' more' })),
      )
      expect(res.codes()).to.deep.equal(['ErrorInvalidPropertyAppend'])
      expect(ews.store.getItem(ALICE, draft.id).subject).to.equal('Kept')
    })
  })

  describe('DeleteItemField', () => {
    it('clears item:Categories', async () => {
      const draft = await saveItem(ews.app, { categories: ['Red', 'Blue'] })
      const res = await call(
        ews.app,
        update(draft.id, draft.changeKey, deleteItemField('item:Categories')),
      )
      expect(res.codes()).to.deep.equal(['NoError'])
      expect(await categoriesOf(draft.id)).to.deep.equal([])
    })

    it('answers ErrorInvalidPropertyDelete for message:IsRead', async () => {
      const draft = await saveItem(ews.app, { subject: 'X' })
      const res = await call(
        ews.app,
        update(draft.id, draft.changeKey, deleteItemField('message:IsRead')),
      )
      expect(res.codes()).to.deep.equal(['ErrorInvalidPropertyDelete'])
    })
  })

  describe('several changes', () => {
    it('applies the updates of one ItemChange in order', async () => {
      const draft = await saveItem(ews.app, { subject: 'S', categories: ['A'] })
      await call(
        ews.app,
        update(
          draft.id,
          draft.changeKey,
          deleteItemField('item:Categories') +
            appendToItemField('item:Categories', { categories: ['B'] }) +
            subjectTo('S2'),
        ),
      )
      expect(await categoriesOf(draft.id)).to.deep.equal(['B'])
      expect(ews.store.getItem(ALICE, draft.id).subject).to.equal('S2')
    })

    it('answers several ItemChanges, one response message each', async () => {
      const a = await saveItem(ews.app, { subject: 'A' })
      const b = await saveItem(ews.app, { subject: 'B' })
      const res = await call(
        ews.app,
        updateItemXml(
          itemChange(itemId(a.id, a.changeKey), subjectTo('A2')) +
            itemChange(
              itemId(withByteChanged(b.id, LAST_OBJECT_BYTE), b.changeKey),
              subjectTo('X'),
            ) +
            itemChange(itemId(b.id, b.changeKey), subjectTo('B2')),
          'AutoResolve',
        ),
      )
      expect(res.codes()).to.deep.equal(['NoError', 'ErrorItemNotFound', 'NoError'])
      expect(ews.store.getItem(ALICE, a.id).subject).to.equal('A2')
      expect(ews.store.getItem(ALICE, b.id).subject).to.equal('B2')
    })
  })

  describe('change keys and conflict resolution', () => {
    it('answers ErrorIrresolvableConflict for a stale ChangeKey with AutoResolve, and changes nothing', async () => {
      const draft = await saveItem(ews.app, { subject: 'v1' })
      const fresh = newRef(await call(ews.app, update(draft.id, draft.changeKey, subjectTo('v2'))))
      const res = await call(ews.app, update(draft.id, draft.changeKey, subjectTo('stale')))
      expect(res.status).to.equal(200)
      expect(res.codes()).to.deep.equal(['ErrorIrresolvableConflict'])
      expect(res.value('//m:UpdateItemResponseMessage/@ResponseClass')).to.equal('Error')
      expect(res.select('//m:UpdateItemResponseMessage/m:Items/*')).to.have.length(0)
      const item = ews.store.getItem(ALICE, draft.id)
      expect(item.subject).to.equal('v2')
      expect(item.itemId.changeKey).to.equal(fresh.changeKey)
    })

    it('answers ErrorIrresolvableConflict for a stale ChangeKey with NeverOverwrite', async () => {
      const draft = await saveItem(ews.app, { subject: 'v1' })
      await call(ews.app, update(draft.id, draft.changeKey, subjectTo('v2')))
      const res = await call(
        ews.app,
        updateItemXml(
          itemChange(itemId(draft.id, draft.changeKey), subjectTo('stale')),
          'NeverOverwrite',
        ),
      )
      expect(res.codes()).to.deep.equal(['ErrorIrresolvableConflict'])
      expect(ews.store.getItem(ALICE, draft.id).subject).to.equal('v2')
    })

    it('answers ErrorChangeKeyRequiredForWriteOperations without a ChangeKey', async () => {
      const draft = await saveItem(ews.app, { subject: 'v1' })
      const res = await call(ews.app, update(draft.id, undefined, subjectTo('v2')))
      expect(res.codes()).to.deep.equal(['ErrorChangeKeyRequiredForWriteOperations'])
      expect(ews.store.getItem(ALICE, draft.id).subject).to.equal('v1')
      expect(ews.store.getItem(ALICE, draft.id).itemId.changeKey).to.equal(draft.changeKey)
    })

    it('ignores a stale ChangeKey with AlwaysOverwrite', async () => {
      const draft = await saveItem(ews.app, { subject: 'v1' })
      await call(ews.app, update(draft.id, draft.changeKey, subjectTo('v2')))
      const res = await call(
        ews.app,
        updateItemXml(
          itemChange(itemId(draft.id, draft.changeKey), subjectTo('v3')),
          'AlwaysOverwrite',
        ),
      )
      expect(res.codes()).to.deep.equal(['NoError'])
      expect(ews.store.getItem(ALICE, draft.id).subject).to.equal('v3')
    })

    it('needs no ChangeKey with AlwaysOverwrite', async () => {
      const draft = await saveItem(ews.app, { subject: 'v1' })
      const res = await call(
        ews.app,
        updateItemXml(itemChange(itemId(draft.id), subjectTo('v2')), 'AlwaysOverwrite'),
      )
      expect(res.codes()).to.deep.equal(['NoError'])
      expect(ews.store.getItem(ALICE, draft.id).subject).to.equal('v2')
    })
  })

  describe('refused updates (HTTP 200)', () => {
    it('answers ErrorInvalidPropertySet for a property mock-ews cannot set, and changes nothing', async () => {
      const draft = await saveItem(ews.app, { subject: 'Kept' })
      const res = await call(
        ews.app,
        update(
          draft.id,
          draft.changeKey,
          subjectTo('Changed') +
            '<t:SetItemField><t:FieldURI FieldURI="item:DateTimeReceived"/><t:Message><t:DateTimeReceived>2020-01-01T00:00:00Z</t:DateTimeReceived></t:Message></t:SetItemField>',
        ),
      )
      expect(res.codes()).to.deep.equal(['ErrorInvalidPropertySet'])
      expect(ews.store.getItem(ALICE, draft.id).subject).to.equal('Kept')
    })

    it('answers ErrorInvalidPropertySet for message:InternetMessageId', async () => {
      const draft = await saveItem(ews.app, { subject: 'X' })
      const res = await call(
        ews.app,
        update(
          draft.id,
          draft.changeKey,
          setItemField('message:InternetMessageId', { internetMessageId: xmlText('<x@y>') }),
        ),
      )
      expect(res.codes()).to.deep.equal(['ErrorInvalidPropertySet'])
    })

    it('answers ErrorIncorrectUpdatePropertyCount when the message lacks the property', async () => {
      const draft = await saveItem(ews.app, { subject: 'Kept' })
      const res = await call(
        ews.app,
        update(draft.id, draft.changeKey, setItemField('item:Subject', { importance: 'Low' })),
      )
      expect(res.codes()).to.deep.equal(['ErrorIncorrectUpdatePropertyCount'])
      expect(ews.store.getItem(ALICE, draft.id).subject).to.equal('Kept')
    })

    it('answers ErrorInvalidPropertyUpdateSentMessage for the recipients of a received message', async () => {
      const mail = await received()
      const res = await call(
        ews.app,
        update(mail.id, mail.changeKey, setItemField('message:ToRecipients', { to: [BOB] })),
      )
      expect(res.codes()).to.deep.equal(['ErrorInvalidPropertyUpdateSentMessage'])
      const item = ews.store.getItem(ALICE, mail.id)
      expect(item.toRecipients.map((r) => r.address)).to.deep.equal([ALICE])
      expect(item.itemId.changeKey).to.equal(mail.changeKey)
    })

    it('answers ErrorItemNotFound for a well-formed id of no item', async () => {
      const draft = await saveItem(ews.app, { subject: 'X' })
      const res = await call(
        ews.app,
        update(withByteChanged(draft.id, LAST_OBJECT_BYTE), draft.changeKey, subjectTo('Y')),
      )
      expect(res.codes()).to.deep.equal(['ErrorItemNotFound'])
    })

    it('answers ErrorInvalidIdMalformed for an id that is not one', async () => {
      const res = await call(ews.app, update('bm90LWFuLWlk', 'AQAAAA==', subjectTo('Y')))
      expect(res.codes()).to.deep.equal(['ErrorInvalidIdMalformed'])
    })

    it("answers ErrorAccessDenied for an item of bob's mailbox", async () => {
      const bobs = await saveItem(ews.app, { subject: 'Bob’s' }, undefined, BOB)
      const res = await call(ews.app, update(bobs.id, bobs.changeKey, subjectTo('Mine')))
      expect(res.codes()).to.deep.equal(['ErrorAccessDenied'])
      expect(ews.store.getItem(BOB, bobs.id).subject).to.equal('Bob’s')
    })

    it('answers ErrorMessageDispositionRequired without MessageDisposition', async () => {
      const draft = await saveItem(ews.app, { subject: 'Kept' })
      const res = await call(
        ews.app,
        update(draft.id, draft.changeKey, subjectTo('Changed')).replace(
          ' MessageDisposition="SaveOnly"',
          '',
        ),
      )
      expect(res.codes()).to.deep.equal(['ErrorMessageDispositionRequired'])
      expect(ews.store.getItem(ALICE, draft.id).subject).to.equal('Kept')
    })
  })

  describe('MessageDisposition SendAndSaveCopy and SendOnly', () => {
    it('sends the updated draft: empty m:Items, copy in sentitems, bob receives it', async () => {
      const draft = await saveItem(ews.app, { subject: 'Draft', to: [BOB] })
      const res = await call(
        ews.app,
        updateItemXml(
          itemChange(itemId(draft.id, draft.changeKey), subjectTo('Final')),
          'AutoResolve',
          'SendAndSaveCopy',
        ),
      )
      expect(res.codes()).to.deep.equal(['NoError'])
      expect(res.select('//m:UpdateItemResponseMessage/m:Items/*')).to.have.length(0)
      expect(await subjectsIn(ews.app, distinguished('drafts'))).to.deep.equal([])
      expect(await subjectsIn(ews.app, distinguished('sentitems'))).to.deep.equal(['Final'])
      expect(await subjectsIn(ews.app, distinguished('inbox'), BOB)).to.deep.equal(['Final'])
    })

    it('files the copy in the SavedItemFolderId when one is given', async () => {
      const archive = await createFolderIn(ews.app, distinguished('inbox'), 'Archive')
      const draft = await saveItem(ews.app, { subject: 'Draft', to: [BOB] })
      const res = await call(
        ews.app,
        withSavedFolder(
          updateItemXml(
            itemChange(itemId(draft.id, draft.changeKey), subjectTo('Final')),
            'AutoResolve',
            'SendAndSaveCopy',
          ),
          folderId(archive),
        ),
      )
      expect(res.codes()).to.deep.equal(['NoError'])
      expect(await subjectsIn(ews.app, folderId(archive))).to.deep.equal(['Final'])
      expect(await subjectsIn(ews.app, distinguished('sentitems'))).to.deep.equal([])
    })

    it('sends without keeping a copy with SendOnly', async () => {
      const draft = await saveItem(ews.app, { subject: 'Draft', to: [BOB] })
      const res = await call(
        ews.app,
        updateItemXml(
          itemChange(itemId(draft.id, draft.changeKey), subjectTo('Final')),
          'AutoResolve',
          'SendOnly',
        ),
      )
      expect(res.codes()).to.deep.equal(['NoError'])
      expect(await subjectsIn(ews.app, distinguished('drafts'))).to.deep.equal([])
      expect(await subjectsIn(ews.app, distinguished('sentitems'))).to.deep.equal([])
      expect(storedItems(ews, BOB, 'inbox').map((i) => i.subject)).to.deep.equal(['Final'])
    })

    it('answers ErrorInvalidItemForOperationSendItem for a received message', async () => {
      const mail = await received()
      const res = await call(
        ews.app,
        updateItemXml(
          itemChange(itemId(mail.id, mail.changeKey), subjectTo('Fwd')),
          'AutoResolve',
          'SendAndSaveCopy',
        ),
      )
      expect(res.codes()).to.deep.equal(['ErrorInvalidItemForOperationSendItem'])
      expect(storedItems(ews, BOB, 'inbox')).to.deep.equal([])
    })

    it('leaves a received message unchanged when it refuses to send it', async () => {
      const mail = await received('From bob')
      await call(
        ews.app,
        updateItemXml(
          itemChange(itemId(mail.id, mail.changeKey), subjectTo('Fwd')),
          'AutoResolve',
          'SendAndSaveCopy',
        ),
      )
      const item = ews.store.getItem(ALICE, mail.id)
      expect(item.subject).to.equal('From bob')
      expect(item.itemId.changeKey).to.equal(mail.changeKey)
    })
  })

  describe('schema errors (SOAP fault, HTTP 500)', () => {
    const draftChange = async (updates: string): Promise<string> => {
      const draft = await saveItem(ews.app, { subject: 'X' })
      return itemChange(itemId(draft.id, draft.changeKey), updates)
    }

    it('faults without ConflictResolution', async () => {
      const xml = updateItemXml(await draftChange(subjectTo('Y')), 'AutoResolve').replace(
        ' ConflictResolution="AutoResolve"',
        '',
      )
      const res = await call(ews.app, xml)
      expect(res.status).to.equal(500)
      expect(res.faultCode()).to.equal('ErrorSchemaValidation')
    })

    it('faults on a MessageDisposition outside the enumeration', async () => {
      const res = await call(
        ews.app,
        updateItemXml(await draftChange(subjectTo('Y')), 'AutoResolve', 'Later'),
      )
      expect(res.status).to.equal(500)
      expect(res.faultCode()).to.equal('ErrorSchemaValidation')
    })

    it('faults on an update element that is not SetItemField, AppendToItemField or DeleteItemField', async () => {
      const res = await call(
        ews.app,
        updateItemXml(await draftChange('<t:ReplaceItemField/>'), 'AutoResolve'),
      )
      expect(res.status).to.equal(500)
      expect(res.faultCode()).to.equal('ErrorSchemaValidation')
    })

    it('faults on an ItemChange without an ItemId', async () => {
      const res = await call(
        ews.app,
        updateItemXml(
          `<t:ItemChange><t:Updates>${subjectTo('Y')}</t:Updates></t:ItemChange>`,
          'AutoResolve',
        ),
      )
      expect(res.status).to.equal(500)
      expect(res.faultCode()).to.equal('ErrorSchemaValidation')
    })

    it('faults on an empty m:ItemChanges', async () => {
      const res = await call(ews.app, updateItemXml('', 'AutoResolve'))
      expect(res.status).to.equal(500)
      expect(res.faultCode()).to.equal('ErrorSchemaValidation')
    })
  })
})
