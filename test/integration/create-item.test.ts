import { expect } from 'chai'
import type { EwsApp } from '../../mock-ews/index.ts'
import {
  call,
  createFolderIn,
  distinguished,
  folderId,
  folderIdOf,
  missedConversationsId,
  testApp,
} from '../helpers/ews.ts'
import type { SoapAnswer } from '../helpers/ews.ts'
import {
  ALICE,
  allStoredItems,
  BOB,
  CAROL,
  CLASS,
  createItemXml,
  getItemXml,
  itemId,
  itemRefsOf,
  messageXml,
  saveItem,
  storedItems,
  subjectsIn,
  xmlText,
} from '../helpers/items.ts'

/** A message to bob with the given subject. */
const toBob = (subject: string): string => messageXml({ subject, to: [BOB] })

/** CreateItem; MessageDisposition is SaveOnly unless told ('' leaves it out). */
const createXml = (
  items: string,
  options: { disposition?: string; savedFolder?: string } = {},
): string => {
  const { disposition = 'SaveOnly', savedFolder } = options
  const xml = createItemXml(disposition || 'SaveOnly', items, savedFolder)
  return disposition ? xml : xml.replace(' MessageDisposition="SaveOnly"', '')
}

/** GetItem (AllProperties) of one item. */
const getAll = (app: EwsApp['app'], id: string): Promise<SoapAnswer> =>
  call(app, getItemXml(itemId(id)))

/** The id of the one item an answer names. */
const onlyId = (res: SoapAnswer): string => {
  const [ref, ...rest] = itemRefsOf(res)
  if (!ref || rest.length > 0) throw new Error(`expected one item id: ${res.text}`)
  return ref.id
}

describe('CreateItem', () => {
  let ews: EwsApp
  beforeEach(() => {
    ews = testApp()
  })

  describe('SaveOnly', () => {
    it('saves the message in drafts when no SavedItemFolderId is given', async () => {
      const res = await call(ews.app, createXml(messageXml({ subject: 'Draft' })))
      expect(res.status).to.equal(200)
      expect(res.codes()).to.deep.equal(['NoError'])
      expect(res.value('//m:CreateItemResponseMessage/@ResponseClass')).to.equal('Success')
      const id = onlyId(res)
      expect(await subjectsIn(ews.app, distinguished('drafts'))).to.deep.equal(['Draft'])
      expect(ews.store.getItem(ALICE, id).parentFolderId.id).to.equal(
        await folderIdOf(ews.app, 'drafts'),
      )
    })

    it('answers with the new ItemId and ChangeKey in m:Items/t:Message', async () => {
      const res = await call(ews.app, createXml(messageXml({ subject: 'Draft' })))
      const children = res.select('//m:Items/t:Message/*').map((n) => (n as Element).localName)
      expect(children).to.deep.equal(['ItemId'])
      const [ref] = itemRefsOf(res)
      expect(ref?.changeKey).to.not.equal('')
      const { id, changeKey } = ref!
      expect(ews.store.getItem(ALICE, id).itemId.changeKey).to.equal(changeKey)
    })

    it('saves in the folder a distinguished SavedItemFolderId names', async () => {
      await call(
        ews.app,
        createXml(messageXml({ subject: 'Filed' }), { savedFolder: distinguished('inbox') }),
      )
      expect(await subjectsIn(ews.app, distinguished('inbox'))).to.deep.equal(['Filed'])
      expect(await subjectsIn(ews.app, distinguished('drafts'))).to.deep.equal([])
    })

    it('saves in the folder a real SavedItemFolderId names', async () => {
      const projects = await createFolderIn(ews.app, distinguished('inbox'), 'Projects')
      const res = await call(
        ews.app,
        createXml(messageXml({ subject: 'Filed' }), { savedFolder: folderId(projects) }),
      )
      expect(res.codes()).to.deep.equal(['NoError'])
      expect(await subjectsIn(ews.app, folderId(projects))).to.deep.equal(['Filed'])
      expect(ews.store.getItem(ALICE, onlyId(res)).parentFolderId.id).to.equal(projects)
    })

    it('creates several items in one request, one response message each', async () => {
      const res = await call(
        ews.app,
        createXml(
          messageXml({ subject: 'One' }) +
            messageXml({ subject: 'Two' }) +
            messageXml({ subject: 'Three' }),
        ),
      )
      expect(res.codes()).to.deep.equal(['NoError', 'NoError', 'NoError'])
      const refs = itemRefsOf(res)
      expect(refs).to.have.length(3)
      expect(new Set(refs.map((r) => r.id)).size).to.equal(3)
      expect(refs.map((r) => ews.store.getItem(ALICE, r.id).subject)).to.deep.equal([
        'One',
        'Two',
        'Three',
      ])
    })

    it('stores ItemClass, Subject, a Text Body, recipients, Importance and Categories', async () => {
      const { id } = await saveItem(ews.app, {
        itemClass: 'IPM.Note.Custom',
        subject: 'All of it',
        body: xmlText('Plain & simple'),
        categories: ['Red', 'Blue'],
        importance: 'High',
        to: [BOB],
        cc: [CAROL],
        bcc: ['dave@contoso.com'],
      })
      const res = await getAll(ews.app, id)
      expect(res.codes()).to.deep.equal(['NoError'])
      expect(res.value('//t:Message/t:ItemClass')).to.equal('IPM.Note.Custom')
      expect(res.value('//t:Message/t:Subject')).to.equal('All of it')
      expect(res.value('//t:Message/t:Body/@BodyType')).to.equal('Text')
      expect(res.value('//t:Message/t:Body')).to.equal('Plain & simple')
      expect(res.value('//t:Message/t:Importance')).to.equal('High')
      expect(
        res.select('//t:Message/t:Categories/t:String').map((n) => n.textContent),
      ).to.deep.equal(['Red', 'Blue'])
      expect(res.value('//t:Message/t:ToRecipients/t:Mailbox/t:EmailAddress')).to.equal(BOB)
      expect(res.value('//t:Message/t:CcRecipients/t:Mailbox/t:EmailAddress')).to.equal(CAROL)
      expect(res.value('//t:Message/t:BccRecipients/t:Mailbox/t:EmailAddress')).to.equal(
        'dave@contoso.com',
      )
      expect(res.value('//t:Message/t:IsDraft')).to.equal('true')
    })

    it('stores an HTML Body as HTML', async () => {
      const html = '<html><body><p>Hello <b>Bob</b></p></body></html>'
      const { id } = await saveItem(ews.app, { body: xmlText(html), bodyType: 'HTML' })
      const res = await getAll(ews.app, id)
      expect(res.value('//t:Message/t:Body/@BodyType')).to.equal('HTML')
      expect(res.value('//t:Message/t:Body')).to.equal(html)
    })

    it('gives a draft the defaults Exchange gives: IPM.Note, Normal importance, read', async () => {
      const { id } = await saveItem(ews.app, { subject: 'Bare' })
      const res = await getAll(ews.app, id)
      expect(res.value('//t:Message/t:ItemClass')).to.equal('IPM.Note')
      expect(res.value('//t:Message/t:Importance')).to.equal('Normal')
      expect(res.value('//t:Message/t:IsRead')).to.equal('true')
      expect(res.value('//t:Message/t:DateTimeCreated')).to.equal('2016-06-10T09:00:00Z')
    })

    it('generates an InternetMessageId in the sender’s domain when none is given', async () => {
      const a = await saveItem(ews.app, { subject: 'A' })
      const b = await saveItem(ews.app, { subject: 'B' })
      const idA = (await getAll(ews.app, a.id)).value('//t:Message/t:InternetMessageId')
      const idB = (await getAll(ews.app, b.id)).value('//t:Message/t:InternetMessageId')
      expect(idA).to.match(/^<[^<>@]+@contoso\.com>$/)
      expect(idB).to.match(/^<[^<>@]+@contoso\.com>$/)
      expect(idA).to.not.equal(idB)
    })

    it('keeps an InternetMessageId the client gives', async () => {
      const { id } = await saveItem(ews.app, {
        internetMessageId: xmlText('<given-1@example.com>'),
      })
      const res = await getAll(ews.app, id)
      expect(res.value('//t:Message/t:InternetMessageId')).to.equal('<given-1@example.com>')
    })

    it('sends nothing: the recipients receive no mail', async () => {
      await saveItem(ews.app, { subject: 'Not yet', to: [BOB] })
      expect(storedItems(ews, BOB, 'inbox')).to.deep.equal([])
    })
  })

  describe('SendOnly', () => {
    it('answers with an empty m:Items', async () => {
      const res = await call(ews.app, createXml(toBob('Hi'), { disposition: 'SendOnly' }))
      expect(res.status).to.equal(200)
      expect(res.codes()).to.deep.equal(['NoError'])
      expect(res.select('//m:CreateItemResponseMessage/m:Items')).to.have.length(1)
      expect(res.select('//m:CreateItemResponseMessage/m:Items/*')).to.have.length(0)
    })

    it('delivers the message to the recipient, unread and no longer a draft', async () => {
      await call(ews.app, createXml(toBob('Hi'), { disposition: 'SendOnly' }))
      const [received, ...rest] = storedItems(ews, BOB, 'inbox')
      expect(rest).to.deep.equal([])
      expect(received?.subject).to.equal('Hi')
      expect(received?.isRead).to.equal(false)
      expect(received?.isDraft).to.equal(false)
      expect(received?.from?.address).to.equal(ALICE)
    })

    it("keeps no copy anywhere in the sender's mailbox", async () => {
      await call(ews.app, createXml(toBob('Hi'), { disposition: 'SendOnly' }))
      expect(allStoredItems(ews, ALICE)).to.deep.equal([])
      expect(await subjectsIn(ews.app, distinguished('sentitems'))).to.deep.equal([])
      expect(await subjectsIn(ews.app, distinguished('drafts'))).to.deep.equal([])
    })

    it('answers ErrorInvalidSendItemSaveSettings with a SavedItemFolderId, and sends nothing', async () => {
      const res = await call(
        ews.app,
        createXml(toBob('Hi'), {
          disposition: 'SendOnly',
          savedFolder: distinguished('sentitems'),
        }),
      )
      expect(res.status).to.equal(200)
      expect(res.codes()).to.deep.equal(['ErrorInvalidSendItemSaveSettings'])
      expect(res.value('//m:CreateItemResponseMessage/@ResponseClass')).to.equal('Error')
      expect(storedItems(ews, BOB, 'inbox')).to.deep.equal([])
      expect(allStoredItems(ews, ALICE)).to.deep.equal([])
    })
  })

  describe('SendAndSaveCopy', () => {
    it('files a copy in sentitems and delivers the message', async () => {
      const res = await call(ews.app, createXml(toBob('Hi'), { disposition: 'SendAndSaveCopy' }))
      expect(res.codes()).to.deep.equal(['NoError'])
      expect(res.select('//m:CreateItemResponseMessage/m:Items/*')).to.have.length(0)
      const [copy, ...rest] = storedItems(ews, ALICE, 'sentitems')
      expect(rest).to.deep.equal([])
      expect(copy?.subject).to.equal('Hi')
      expect(copy?.isDraft).to.equal(false)
      expect(copy?.isRead).to.equal(true)
      expect(storedItems(ews, BOB, 'inbox').map((i) => i.subject)).to.deep.equal(['Hi'])
      expect(storedItems(ews, ALICE, 'drafts')).to.deep.equal([])
    })

    it('files the copy in the SavedItemFolderId instead, when one is given', async () => {
      const archive = await createFolderIn(ews.app, distinguished('msgfolderroot'), 'Sent archive')
      const res = await call(
        ews.app,
        createXml(toBob('Hi'), {
          disposition: 'SendAndSaveCopy',
          savedFolder: folderId(archive),
        }),
      )
      expect(res.codes()).to.deep.equal(['NoError'])
      expect(await subjectsIn(ews.app, folderId(archive))).to.deep.equal(['Hi'])
      expect(await subjectsIn(ews.app, distinguished('sentitems'))).to.deep.equal([])
      expect(storedItems(ews, BOB, 'inbox')).to.have.length(1)
    })

    it('gives the copy and the delivered message the same InternetMessageId', async () => {
      await call(
        ews.app,
        createXml(
          messageXml({ subject: 'Hi', to: [BOB], internetMessageId: xmlText('<m1@contoso.com>') }),
          {
            disposition: 'SendAndSaveCopy',
          },
        ),
      )
      expect(storedItems(ews, ALICE, 'sentitems')[0]?.internetMessageId).to.equal(
        '<m1@contoso.com>',
      )
      expect(storedItems(ews, BOB, 'inbox')[0]?.internetMessageId).to.equal('<m1@contoso.com>')
    })
  })

  describe('per-item errors (HTTP 200)', () => {
    it('answers ErrorMessageDispositionRequired when MessageDisposition is missing', async () => {
      const res = await call(ews.app, createXml(toBob('Hi'), { disposition: '' }))
      expect(res.status).to.equal(200)
      expect(res.codes()).to.deep.equal(['ErrorMessageDispositionRequired'])
      expect(res.value('//m:CreateItemResponseMessage/@ResponseClass')).to.equal('Error')
      expect(res.select('//m:CreateItemResponseMessage/m:Items/*')).to.have.length(0)
      expect(allStoredItems(ews, ALICE)).to.deep.equal([])
      expect(storedItems(ews, BOB, 'inbox')).to.deep.equal([])
    })

    it('refuses an item kind mock-ews does not store, and still creates the message beside it', async () => {
      const post = '<t:PostItem><t:Subject>Bob</t:Subject></t:PostItem>'
      const res = await call(ews.app, createXml(post + messageXml({ subject: 'Kept' })))
      expect(res.status).to.equal(200)
      expect(res.codes()).to.deep.equal(['ErrorInvalidRequest', 'NoError'])
      expect(res.value('//m:CreateItemResponseMessage[1]/@ResponseClass')).to.equal('Error')
      expect(res.select('//m:CreateItemResponseMessage[1]/m:Items/*')).to.have.length(0)
      expect(await subjectsIn(ews.app, distinguished('drafts'))).to.deep.equal(['Kept'])
    })

    it('answers ErrorInvalidRecipients for a send without recipients, and stores nothing', async () => {
      const res = await call(
        ews.app,
        createXml(messageXml({ subject: 'To nobody' }), { disposition: 'SendAndSaveCopy' }),
      )
      expect(res.status).to.equal(200)
      expect(res.codes()).to.deep.equal(['ErrorInvalidRecipients'])
      expect(allStoredItems(ews, ALICE)).to.deep.equal([])
    })

    it('answers ErrorInvalidParentFolder when saving into the Missed Conversations search folder', async () => {
      const missed = await missedConversationsId(ews.app)
      const res = await call(
        ews.app,
        createXml(messageXml({ subject: 'IM', itemClass: CLASS.missed }), {
          savedFolder: folderId(missed),
        }),
      )
      expect(res.status).to.equal(200)
      expect(res.codes()).to.deep.equal(['ErrorInvalidParentFolder'])
      expect(allStoredItems(ews, ALICE)).to.deep.equal([])
    })

    it('answers ErrorFolderNotFound for a SavedItemFolderId of a folder the mailbox lacks', async () => {
      const res = await call(
        ews.app,
        createXml(messageXml({ subject: 'X' }), { savedFolder: distinguished('archiveinbox') }),
      )
      expect(res.codes()).to.deep.equal(['ErrorFolderNotFound'])
    })

    it("answers ErrorAccessDenied for a SavedItemFolderId in another user's mailbox", async () => {
      const bobsInbox = await folderIdOf(ews.app, 'inbox', BOB)
      const res = await call(
        ews.app,
        createXml(messageXml({ subject: 'X' }), { savedFolder: folderId(bobsInbox) }),
      )
      expect(res.codes()).to.deep.equal(['ErrorAccessDenied'])
      expect(storedItems(ews, BOB, 'inbox')).to.deep.equal([])
    })
  })

  describe('schema errors (SOAP fault, HTTP 500)', () => {
    it('faults with ErrorSchemaValidation on an Importance outside the enumeration', async () => {
      const res = await call(
        ews.app,
        createXml(
          '<t:Message><t:Subject>X</t:Subject><t:Importance>Urgent</t:Importance></t:Message>',
        ),
      )
      expect(res.status).to.equal(500)
      expect(res.faultCode()).to.equal('ErrorSchemaValidation')
      expect(allStoredItems(ews, ALICE)).to.deep.equal([])
    })

    it('faults with ErrorSchemaValidation on a MessageDisposition outside the enumeration', async () => {
      const res = await call(ews.app, createXml(toBob('X'), { disposition: 'SendLater' }))
      expect(res.status).to.equal(500)
      expect(res.faultCode()).to.equal('ErrorSchemaValidation')
    })

    it('faults with ErrorSchemaValidation on an empty m:Items', async () => {
      const res = await call(
        ews.app,
        '<m:CreateItem MessageDisposition="SaveOnly"><m:Items/></m:CreateItem>',
      )
      expect(res.status).to.equal(500)
      expect(res.faultCode()).to.equal('ErrorSchemaValidation')
    })
  })
})
