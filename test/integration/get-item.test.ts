import { DOMParser } from '@xmldom/xmldom'
import { expect } from 'chai'
import type { EwsApp } from '../../mock-ews/index.ts'
import {
  additionalProperties,
  call,
  folderIdOf,
  KIND_BYTE,
  LAST_OBJECT_BYTE,
  testApp,
  withByteChanged,
} from '../helpers/ews.ts'
import type { SoapAnswer } from '../helpers/ews.ts'
import {
  ALICE,
  BOB,
  getItemXml,
  itemId,
  saveItem,
  sendItemXml,
  storedItems,
  xmlText,
} from '../helpers/items.ts'

/** Local names of the children of the first t:Message of an answer, in order. */
const elementsOf = (res: SoapAnswer): string[] =>
  res.select('//m:Items/t:Message[1]/*').map((n) => (n as Element).localName)

/** `<t:BodyType>` for ItemShape. */
const bodyType = (type: string): string => `<t:BodyType>${type}</t:BodyType>`

describe('GetItem', () => {
  let ews: EwsApp
  beforeEach(() => {
    ews = testApp()
  })

  describe('shapes', () => {
    it('returns only the ItemId for IdOnly', async () => {
      const { id, changeKey } = await saveItem(ews.app, { subject: 'Hello', to: [BOB] })
      const res = await call(ews.app, getItemXml(itemId(id), 'IdOnly'))
      expect(res.status).to.equal(200)
      expect(res.codes()).to.deep.equal(['NoError'])
      expect(res.value('//m:GetItemResponseMessage/@ResponseClass')).to.equal('Success')
      expect(elementsOf(res)).to.deep.equal(['ItemId'])
      expect(res.value('//t:Message/t:ItemId/@Id')).to.equal(id)
      expect(res.value('//t:Message/t:ItemId/@ChangeKey')).to.equal(changeKey)
    })

    it('returns the default properties, without the body and recipients lists, for Default', async () => {
      const { id } = await saveItem(ews.app, { subject: 'Hello', body: 'Text', to: [BOB] })
      const res = await call(ews.app, getItemXml(itemId(id), 'Default'))
      const names = elementsOf(res)
      expect(names).to.include.members([
        'ItemId',
        'ParentFolderId',
        'ItemClass',
        'Subject',
        'DateTimeReceived',
        'Importance',
        'IsDraft',
        'DisplayTo',
        'IsRead',
      ])
      expect(names).to.not.include('ToRecipients')
      expect(names).to.not.include('InternetMessageId')
      expect(res.value('//t:Message/t:Subject')).to.equal('Hello')
      expect(res.value('//t:Message/t:DisplayTo')).to.equal(BOB)
      expect(res.value('//t:Message/t:ParentFolderId/@Id')).to.equal(
        await folderIdOf(ews.app, 'drafts'),
      )
    })

    it('returns every property mock-ews keeps for AllProperties, in schema order', async () => {
      const { id } = await saveItem(ews.app, {
        subject: 'Hello',
        body: 'Text',
        to: [BOB],
        cc: ['carol@fabrikam.com'],
        categories: ['Red'],
      })
      const res = await call(ews.app, getItemXml(itemId(id), 'AllProperties'))
      expect(elementsOf(res)).to.deep.equal([
        'ItemId',
        'ParentFolderId',
        'ItemClass',
        'Subject',
        'Sensitivity',
        'Body',
        'DateTimeReceived',
        'Size',
        'Categories',
        'Importance',
        'IsDraft',
        'IsFromMe',
        'DateTimeCreated',
        'ReminderIsSet',
        'ReminderMinutesBeforeStart',
        'DisplayCc',
        'DisplayTo',
        'HasAttachments',
        'Culture',
        'LastModifiedTime',
        'IsAssociated',
        'ConversationId',
        'Flag',
        'ToRecipients',
        'CcRecipients',
        'IsReadReceiptRequested',
        'IsDeliveryReceiptRequested',
        'ConversationIndex',
        'ConversationTopic',
        'InternetMessageId',
        'IsRead',
      ])
    })

    it('adds AdditionalProperties to IdOnly: item:ItemClass, item:Subject, message:InternetMessageId', async () => {
      const { id } = await saveItem(ews.app, {
        subject: 'Hello',
        internetMessageId: xmlText('<abc@contoso.com>'),
      })
      const res = await call(
        ews.app,
        getItemXml(
          itemId(id),
          'IdOnly',
          additionalProperties('item:ItemClass', 'item:Subject', 'message:InternetMessageId'),
        ),
      )
      expect(elementsOf(res)).to.deep.equal(['ItemId', 'ItemClass', 'Subject', 'InternetMessageId'])
      expect(res.value('//t:Message/t:ItemClass')).to.equal('IPM.Note')
      expect(res.value('//t:Message/t:InternetMessageId')).to.equal('<abc@contoso.com>')
    })

    it('ignores AdditionalProperties that do not apply to a message', async () => {
      const { id } = await saveItem(ews.app, { subject: 'Hello' })
      const res = await call(
        ews.app,
        getItemXml(
          itemId(id),
          'IdOnly',
          additionalProperties('calendar:Start', 'contacts:GivenName', 'item:Subject'),
        ),
      )
      expect(res.codes()).to.deep.equal(['NoError'])
      expect(elementsOf(res)).to.deep.equal(['ItemId', 'Subject'])
    })

    it('returns item:Body as stored when no BodyType is asked for', async () => {
      const { id } = await saveItem(ews.app, { body: xmlText('<p>Hi</p>'), bodyType: 'HTML' })
      const res = await call(
        ews.app,
        getItemXml(itemId(id), 'IdOnly', additionalProperties('item:Body')),
      )
      expect(res.value('//t:Message/t:Body/@BodyType')).to.equal('HTML')
      expect(res.value('//t:Message/t:Body')).to.equal('<p>Hi</p>')
    })

    it('converts an HTML body to text for BodyType Text', async () => {
      const html = '<html><body><p>Hello <b>Bob</b></p><p>Tom &amp; Jerry</p></body></html>'
      const { id } = await saveItem(ews.app, { body: xmlText(html), bodyType: 'HTML' })
      const res = await call(
        ews.app,
        getItemXml(itemId(id), 'IdOnly', bodyType('Text') + additionalProperties('item:Body')),
      )
      expect(res.value('//t:Message/t:Body/@BodyType')).to.equal('Text')
      expect(res.value('//t:Message/t:Body')).to.equal('Hello Bob\nTom & Jerry')
    })

    it('converts a text body to HTML for BodyType HTML', async () => {
      const { id } = await saveItem(ews.app, { body: 'line 1\nline 2' })
      const res = await call(
        ews.app,
        getItemXml(itemId(id), 'IdOnly', bodyType('HTML') + additionalProperties('item:Body')),
      )
      expect(res.value('//t:Message/t:Body/@BodyType')).to.equal('HTML')
      expect(res.value('//t:Message/t:Body')).to.equal('<html><body>line 1<br>line 2</body></html>')
    })

    it('returns an HTML body with character references exactly as stored', async () => {
      const html = '<p>Fish &amp; Chips &lt;3</p>'
      const { id } = await saveItem(ews.app, { body: xmlText(html), bodyType: 'HTML' })
      const res = await call(
        ews.app,
        getItemXml(itemId(id), 'IdOnly', additionalProperties('item:Body')),
      )
      expect(res.value('//t:Message/t:Body')).to.equal(html)
    })

    it('answers well-formed XML for an HTML body holding &nbsp;', async () => {
      const { id } = await saveItem(ews.app, {
        body: xmlText('<p>a&nbsp;b</p>'),
        bodyType: 'HTML',
      })
      const res = await call(
        ews.app,
        getItemXml(itemId(id), 'IdOnly', additionalProperties('item:Body')),
      )
      const errors: string[] = []
      new DOMParser({
        onError: (level, message) => errors.push(`${level}: ${message}`),
      }).parseFromString(res.text, 'text/xml')
      expect(errors).to.deep.equal([])
      expect(res.value('//t:Message/t:Body')).to.equal('<p>a&nbsp;b</p>')
    })

    it('escapes markup characters of a text body converted to HTML', async () => {
      const { id } = await saveItem(ews.app, { body: xmlText('a < b & c') })
      const res = await call(
        ews.app,
        getItemXml(itemId(id), 'IdOnly', bodyType('HTML') + additionalProperties('item:Body')),
      )
      expect(res.value('//t:Message/t:Body')).to.equal('<html><body>a &lt; b &amp; c</body></html>')
    })

    it('keeps the body type for BodyType Best', async () => {
      const { id } = await saveItem(ews.app, { body: 'plain' })
      const res = await call(
        ews.app,
        getItemXml(itemId(id), 'IdOnly', bodyType('Best') + additionalProperties('item:Body')),
      )
      expect(res.value('//t:Message/t:Body/@BodyType')).to.equal('Text')
      expect(res.value('//t:Message/t:Body')).to.equal('plain')
    })
  })

  describe('several ids', () => {
    it('answers several ids in request order', async () => {
      const a = await saveItem(ews.app, { subject: 'A' })
      const b = await saveItem(ews.app, { subject: 'B' })
      const c = await saveItem(ews.app, { subject: 'C' })
      const res = await call(
        ews.app,
        getItemXml(itemId(c.id) + itemId(a.id) + itemId(b.id), 'Default'),
      )
      expect(res.codes()).to.deep.equal(['NoError', 'NoError', 'NoError'])
      const subjects = res
        .select('//m:GetItemResponseMessage/m:Items/t:Message/t:Subject')
        .map((n) => n.textContent)
      expect(subjects).to.deep.equal(['C', 'A', 'B'])
    })

    it('answers each id on its own, so one unknown item does not fail the others', async () => {
      const a = await saveItem(ews.app, { subject: 'A' })
      const b = await saveItem(ews.app, { subject: 'B' })
      const unknown = withByteChanged(a.id, LAST_OBJECT_BYTE)
      const res = await call(
        ews.app,
        getItemXml(itemId(a.id) + itemId(unknown) + itemId(b.id), 'Default'),
      )
      expect(res.status).to.equal(200)
      expect(res.codes()).to.deep.equal(['NoError', 'ErrorItemNotFound', 'NoError'])
      expect(res.value('//m:GetItemResponseMessage[2]/@ResponseClass')).to.equal('Error')
      expect(res.value('//m:GetItemResponseMessage[3]/m:Items/t:Message/t:Subject')).to.equal('B')
    })

    it('ignores the ChangeKey of an ItemId when reading', async () => {
      const { id } = await saveItem(ews.app, { subject: 'A' })
      const res = await call(ews.app, getItemXml(itemId(id, 'AQAAAAAAAAAAAAAB'), 'Default'))
      expect(res.codes()).to.deep.equal(['NoError'])
      expect(res.value('//t:Message/t:Subject')).to.equal('A')
    })
  })

  describe('received mail', () => {
    it('shows From, DateTimeSent and IsRead="false" on a delivered message', async () => {
      const { id, changeKey } = await saveItem(ews.app, { subject: 'Hi', to: [BOB] })
      await call(ews.app, sendItemXml(itemId(id, changeKey)))
      const [received] = storedItems(ews, BOB, 'inbox')
      const res = await call(ews.app, getItemXml(itemId(received!.itemId.id)), BOB)
      expect(res.codes()).to.deep.equal(['NoError'])
      expect(res.value('//t:Message/t:From/t:Mailbox/t:EmailAddress')).to.equal(ALICE)
      expect(res.value('//t:Message/t:DateTimeSent')).to.equal('2016-06-10T09:00:00Z')
      expect(res.value('//t:Message/t:IsRead')).to.equal('false')
      expect(res.value('//t:Message/t:IsDraft')).to.equal('false')
      expect(res.value('//t:Message/t:IsFromMe')).to.equal('false')
    })
  })

  describe('per-item errors (HTTP 200)', () => {
    it('answers ErrorItemNotFound with an empty m:Items for a well-formed id of no item', async () => {
      const { id } = await saveItem(ews.app, { subject: 'A' })
      const res = await call(ews.app, getItemXml(itemId(withByteChanged(id, LAST_OBJECT_BYTE))))
      expect(res.status).to.equal(200)
      expect(res.codes()).to.deep.equal(['ErrorItemNotFound'])
      expect(res.value('//m:GetItemResponseMessage/@ResponseClass')).to.equal('Error')
      expect(res.value('//m:MessageText')).to.equal(
        'The specified object was not found in the store.',
      )
      expect(res.select('//m:GetItemResponseMessage/m:Items')).to.have.length(1)
      expect(res.select('//m:GetItemResponseMessage/m:Items/*')).to.have.length(0)
    })

    it('answers ErrorItemNotFound for the id of a deleted item', async () => {
      const { id } = await saveItem(ews.app, { subject: 'A' })
      await call(
        ews.app,
        `<m:DeleteItem DeleteType="HardDelete"><m:ItemIds>${itemId(id)}</m:ItemIds></m:DeleteItem>`,
      )
      const res = await call(ews.app, getItemXml(itemId(id)))
      expect(res.codes()).to.deep.equal(['ErrorItemNotFound'])
    })

    it('answers ErrorInvalidIdMalformed for an id that is not base64', async () => {
      const res = await call(ews.app, getItemXml(itemId('not an id!')))
      expect(res.status).to.equal(200)
      expect(res.codes()).to.deep.equal(['ErrorInvalidIdMalformed'])
      expect(res.value('//m:MessageText')).to.equal('Id is malformed.')
    })

    it('answers ErrorInvalidIdMalformed for base64 that is not an id', async () => {
      const res = await call(ews.app, getItemXml(itemId('AAMkADAwATMwAG=')))
      expect(res.codes()).to.deep.equal(['ErrorInvalidIdMalformed'])
    })

    it('answers ErrorInvalidIdEmpty for an empty Id', async () => {
      const res = await call(ews.app, getItemXml(itemId('')))
      expect(res.codes()).to.deep.equal(['ErrorInvalidIdEmpty'])
    })

    it('answers ErrorCannotUseFolderIdForItemId for a folder id', async () => {
      const inbox = await folderIdOf(ews.app, 'inbox')
      const res = await call(ews.app, getItemXml(itemId(inbox)))
      expect(res.codes()).to.deep.equal(['ErrorCannotUseFolderIdForItemId'])
    })

    it('answers ErrorInvalidIdMalformed for an id whose kind byte names neither item nor folder', async () => {
      const { id } = await saveItem(ews.app, { subject: 'A' })
      const res = await call(
        ews.app,
        getItemXml(itemId(withByteChanged(id, KIND_BYTE, () => 0x5a))),
      )
      expect(res.codes()).to.deep.equal(['ErrorInvalidIdMalformed'])
    })

    it("answers ErrorAccessDenied for an item of bob's mailbox", async () => {
      const bobs = await saveItem(ews.app, { subject: 'Private' }, undefined, BOB)
      const res = await call(ews.app, getItemXml(itemId(bobs.id)))
      expect(res.codes()).to.deep.equal(['ErrorAccessDenied'])
      expect(res.text).to.not.contain('Private')
    })
  })

  describe('schema errors (SOAP fault, HTTP 500)', () => {
    it('faults with ErrorSchemaValidation on a BaseShape outside the enumeration', async () => {
      const { id } = await saveItem(ews.app, { subject: 'A' })
      const res = await call(ews.app, getItemXml(itemId(id), 'Everything'))
      expect(res.status).to.equal(500)
      expect(res.faultCode()).to.equal('ErrorSchemaValidation')
    })

    it('faults with ErrorSchemaValidation on a BodyType outside the enumeration', async () => {
      const { id } = await saveItem(ews.app, { subject: 'A' })
      const res = await call(ews.app, getItemXml(itemId(id), 'IdOnly', bodyType('RTF')))
      expect(res.status).to.equal(500)
      expect(res.faultCode()).to.equal('ErrorSchemaValidation')
    })

    it('faults with ErrorSchemaValidation without m:ItemShape', async () => {
      const { id } = await saveItem(ews.app, { subject: 'A' })
      const res = await call(ews.app, `<m:GetItem><m:ItemIds>${itemId(id)}</m:ItemIds></m:GetItem>`)
      expect(res.status).to.equal(500)
      expect(res.faultCode()).to.equal('ErrorSchemaValidation')
    })

    it('faults with ErrorSchemaValidation on an empty m:ItemIds', async () => {
      const res = await call(ews.app, getItemXml(''))
      expect(res.status).to.equal(500)
      expect(res.faultCode()).to.equal('ErrorSchemaValidation')
    })
  })
})
