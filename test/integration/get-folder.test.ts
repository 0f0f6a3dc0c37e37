import { expect } from 'chai'
import { parseTopology } from '../../mock-ews/index.ts'
import type { EwsApp } from '../../mock-ews/index.ts'
import {
  additionalProperties,
  call,
  distinguished,
  envelope,
  FIRST_MAILBOX_BYTE,
  folderId,
  folderIdOf,
  getFolderXml,
  KIND_BYTE,
  LAST_OBJECT_BYTE,
  missedConversationsId,
  post,
  testApp,
  withByteChanged,
} from '../helpers/ews.ts'
import type { SoapAnswer } from '../helpers/ews.ts'

/** GetFolder with the IdOnly shape plus AdditionalProperties of the given field URIs. */
const idOnlyPlus = (ids: string, ...uris: string[]): string =>
  getFolderXml(ids, 'IdOnly', additionalProperties(...uris))

/** Local names of the folder elements of every response message, in order. */
const folderElements = (res: SoapAnswer): string[] =>
  res.select('//m:GetFolderResponseMessage/m:Folders/*').map((n) => (n as Element).localName)

describe('GetFolder', () => {
  let ews: EwsApp
  beforeEach(() => {
    ews = testApp()
  })

  describe('success', () => {
    it('returns the inbox by its distinguished id', async () => {
      const res = await call(ews.app, getFolderXml(distinguished('inbox')))
      expect(res.status).to.equal(200)
      expect(res.codes()).to.deep.equal(['NoError'])
      expect(res.value('//m:GetFolderResponseMessage/@ResponseClass')).to.equal('Success')
      expect(res.value('//t:Folder/t:DisplayName')).to.equal('Inbox')
      expect(res.value('//t:Folder/t:FolderId/@Id')).to.not.equal('')
      expect(res.value('//t:Folder/t:FolderId/@ChangeKey')).to.not.equal('')
    })

    it('puts ServerVersionInfo of the mailbox server in the SOAP header', async () => {
      const res = await call(ews.app, getFolderXml(distinguished('inbox')))
      expect(res.text.startsWith('<?xml')).to.equal(true)
      expect(res.value('/s:Envelope/s:Header/t:ServerVersionInfo/@MajorVersion')).to.equal('15')
      expect(res.value('/s:Envelope/s:Header/t:ServerVersionInfo/@MinorVersion')).to.equal('1')
      expect(res.value('/s:Envelope/s:Header/t:ServerVersionInfo/@Version')).to.equal('V2017_07_11')
    })

    it('answers several ids in request order', async () => {
      const res = await call(
        ews.app,
        getFolderXml(distinguished('sentitems', 'inbox', 'drafts', 'deleteditems')),
      )
      expect(res.codes()).to.deep.equal(['NoError', 'NoError', 'NoError', 'NoError'])
      const names = res
        .select('//m:GetFolderResponseMessage/m:Folders/t:Folder/t:DisplayName')
        .map((n) => n.textContent)
      expect(names).to.deep.equal(['Sent Items', 'Inbox', 'Drafts', 'Deleted Items'])
    })

    it('answers each id on its own, so one unknown folder does not fail the others', async () => {
      const res = await call(
        ews.app,
        getFolderXml(distinguished('inbox', 'publicfoldersroot', 'drafts')),
      )
      expect(res.status).to.equal(200)
      expect(res.codes()).to.deep.equal(['NoError', 'ErrorFolderNotFound', 'NoError'])
      expect(res.value('//m:GetFolderResponseMessage[2]/@ResponseClass')).to.equal('Error')
      expect(
        res.value('//m:GetFolderResponseMessage[3]/m:Folders/t:Folder/t:DisplayName'),
      ).to.equal('Drafts')
    })

    it('returns the folder a real FolderId names', async () => {
      const id = await folderIdOf(ews.app, 'drafts')
      const res = await call(ews.app, getFolderXml(folderId(id)))
      expect(res.codes()).to.deep.equal(['NoError'])
      expect(res.value('//t:Folder/t:FolderId/@Id')).to.equal(id)
      expect(res.value('//t:Folder/t:DisplayName')).to.equal('Drafts')
    })

    it('ignores the ChangeKey of a FolderId when reading', async () => {
      const id = await folderIdOf(ews.app, 'inbox')
      const res = await call(ews.app, getFolderXml(folderId(id, 'AQAAAAAAAAAAAAAB')))
      expect(res.codes()).to.deep.equal(['NoError'])
      expect(res.value('//t:Folder/t:DisplayName')).to.equal('Inbox')
    })

    it('accepts a t:Mailbox naming the caller, as exchangelib always sends', async () => {
      const res = await call(
        ews.app,
        getFolderXml(
          '<t:DistinguishedFolderId Id="root"><t:Mailbox><t:EmailAddress>Alice@Contoso.com</t:EmailAddress>' +
            '<t:RoutingType>SMTP</t:RoutingType><t:MailboxType>Mailbox</t:MailboxType></t:Mailbox></t:DistinguishedFolderId>',
        ),
      )
      expect(res.codes()).to.deep.equal(['NoError'])
      expect(res.value('//t:Folder/t:DisplayName')).to.equal('Root')
    })

    it("answers exchangelib's first request (IdOnly plus nine folder fields on root)", async () => {
      const res = await call(
        ews.app,
        idOnlyPlus(
          distinguished('root'),
          'folder:ChildFolderCount',
          'folder:DisplayName',
          'folder:DistinguishedFolderId',
          'folder:EffectiveRights',
          'folder:FolderClass',
          'folder:FolderId',
          'folder:ParentFolderId',
          'folder:TotalCount',
          'folder:UnreadCount',
        ),
      )
      expect(res.codes()).to.deep.equal(['NoError'])
      expect(res.value('//t:Folder/t:DisplayName')).to.equal('Root')
      expect(res.value('//t:Folder/t:DistinguishedFolderId')).to.equal('root')
      expect(res.value('//t:Folder/t:ChildFolderCount')).to.equal('4')
      expect(res.select('//t:Folder/t:EffectiveRights')).to.have.length(1)
    })
  })

  describe('shapes', () => {
    it('returns only the FolderId for IdOnly', async () => {
      const res = await call(ews.app, getFolderXml(distinguished('inbox'), 'IdOnly'))
      expect(res.select('//t:Folder/t:FolderId')).to.have.length(1)
      expect(res.select('//t:Folder/*').map((n) => (n as Element).localName)).to.deep.equal([
        'FolderId',
      ])
      expect(res.select('//t:Folder/t:DisplayName')).to.have.length(0)
    })

    it('returns FolderId, DisplayName and the counts for Default', async () => {
      const res = await call(ews.app, getFolderXml(distinguished('inbox'), 'Default'))
      expect(res.select('//t:Folder/*').map((n) => (n as Element).localName)).to.deep.equal([
        'FolderId',
        'DisplayName',
        'TotalCount',
        'ChildFolderCount',
        'UnreadCount',
      ])
      expect(res.value('//t:Folder/t:TotalCount')).to.equal('0')
      expect(res.value('//t:Folder/t:UnreadCount')).to.equal('0')
    })

    it('adds ParentFolderId, FolderClass and EffectiveRights for AllProperties', async () => {
      const parent = await folderIdOf(ews.app, 'msgfolderroot')
      const res = await call(ews.app, getFolderXml(distinguished('inbox'), 'AllProperties'))
      expect(res.value('//t:Folder/t:ParentFolderId/@Id')).to.equal(parent)
      expect(res.value('//t:Folder/t:FolderClass')).to.equal('IPF.Note')
      expect(res.value('//t:Folder/t:DisplayName')).to.equal('Inbox')
      expect(res.value('//t:Folder/t:EffectiveRights/t:Read')).to.equal('true')
      expect(res.value('//t:Folder/t:EffectiveRights/t:CreateHierarchy')).to.equal('true')
    })

    it('writes the properties in schema order for AllProperties', async () => {
      const res = await call(ews.app, getFolderXml(distinguished('inbox'), 'AllProperties'))
      expect(res.select('//t:Folder/*').map((n) => (n as Element).localName)).to.deep.equal([
        'FolderId',
        'ParentFolderId',
        'FolderClass',
        'DisplayName',
        'TotalCount',
        'ChildFolderCount',
        'EffectiveRights',
        'UnreadCount',
      ])
    })

    it('adds folder:DistinguishedFolderId when asked for in AdditionalProperties', async () => {
      const res = await call(
        ews.app,
        idOnlyPlus(distinguished('sentitems'), 'folder:DistinguishedFolderId'),
      )
      expect(res.value('//t:Folder/t:DistinguishedFolderId')).to.equal('sentitems')
      expect(res.select('//t:Folder/t:DisplayName')).to.have.length(0)
    })

    it('does not return DistinguishedFolderId unless asked for', async () => {
      const res = await call(ews.app, getFolderXml(distinguished('sentitems'), 'AllProperties'))
      expect(res.select('//t:Folder/t:DistinguishedFolderId')).to.have.length(0)
    })

    it('adds folder:FolderClass when asked for in AdditionalProperties', async () => {
      const res = await call(ews.app, idOnlyPlus(distinguished('calendar'), 'folder:FolderClass'))
      expect(res.value('//t:CalendarFolder/t:FolderClass')).to.equal('IPF.Appointment')
      expect(res.select('//t:CalendarFolder/t:DisplayName')).to.have.length(0)
    })

    it('ignores AdditionalProperties that do not apply to folders', async () => {
      const res = await call(
        ews.app,
        idOnlyPlus(distinguished('inbox'), 'item:Subject', 'message:IsRead'),
      )
      expect(res.codes()).to.deep.equal(['NoError'])
      expect(res.select('//t:Folder/*').map((n) => (n as Element).localName)).to.deep.equal([
        'FolderId',
      ])
    })

    it('refuses an unknown BaseShape with an ErrorSchemaValidation fault', async () => {
      const res = await call(ews.app, getFolderXml(distinguished('inbox'), 'Everything'))
      expect(res.status).to.equal(500)
      expect(res.faultCode()).to.equal('ErrorSchemaValidation')
    })

    it('refuses a request without FolderShape with an ErrorSchemaValidation fault', async () => {
      const res = await call(
        ews.app,
        `<m:GetFolder><m:FolderIds>${distinguished('inbox')}</m:FolderIds></m:GetFolder>`,
      )
      expect(res.status).to.equal(500)
      expect(res.faultCode()).to.equal('ErrorSchemaValidation')
    })
  })

  describe('folder types', () => {
    it('returns calendar as t:CalendarFolder, contacts as t:ContactsFolder and tasks as t:TasksFolder', async () => {
      const res = await call(
        ews.app,
        getFolderXml(distinguished('calendar', 'contacts', 'tasks', 'inbox')),
      )
      expect(folderElements(res)).to.deep.equal([
        'CalendarFolder',
        'ContactsFolder',
        'TasksFolder',
        'Folder',
      ])
    })

    it('gives each folder type its FolderClass', async () => {
      const res = await call(
        ews.app,
        getFolderXml(distinguished('calendar', 'contacts', 'tasks'), 'AllProperties'),
      )
      const classes = res.select('//m:Folders/*/t:FolderClass').map((n) => n.textContent)
      expect(classes).to.deep.equal(['IPF.Appointment', 'IPF.Contact', 'IPF.Task'])
    })

    it('omits UnreadCount on calendar and contacts folders, whose schema types have none', async () => {
      const res = await call(ews.app, getFolderXml(distinguished('calendar', 'contacts', 'tasks')))
      expect(res.select('//t:CalendarFolder/t:UnreadCount')).to.have.length(0)
      expect(res.select('//t:ContactsFolder/t:UnreadCount')).to.have.length(0)
      expect(res.select('//t:TasksFolder/t:UnreadCount')).to.have.length(1)
    })

    it('returns the Missed Conversations folder as a t:SearchFolder', async () => {
      const id = await missedConversationsId(ews.app)
      const res = await call(ews.app, getFolderXml(folderId(id)))
      expect(res.codes()).to.deep.equal(['NoError'])
      expect(folderElements(res)).to.deep.equal(['SearchFolder'])
      expect(res.value('//t:SearchFolder/t:DisplayName')).to.equal('Missed Conversations')
    })

    it('includes SearchParameters for IPM.Note.Microsoft.Missed items with AllProperties', async () => {
      const id = await missedConversationsId(ews.app)
      const res = await call(ews.app, getFolderXml(folderId(id), 'AllProperties'))
      const contains = '//t:SearchFolder/t:SearchParameters/t:Restriction//t:Contains'
      expect(res.value(`${contains}/t:Constant/@Value`)).to.equal('IPM.Note.Microsoft.Missed')
      expect(res.value(`${contains}/@ContainmentMode`)).to.equal('Prefixed')
      expect(res.value(`${contains}/t:FieldURI/@FieldURI`)).to.equal('item:ItemClass')
      expect(res.value('//t:SearchFolder/t:SearchParameters/@Traversal')).to.equal('Deep')
      expect(
        res.value('//t:SearchParameters/t:BaseFolderIds/t:DistinguishedFolderId/@Id'),
      ).to.equal('msgfolderroot')
    })

    it('does not return SearchParameters with the Default shape', async () => {
      const id = await missedConversationsId(ews.app)
      const res = await call(ews.app, getFolderXml(folderId(id)))
      expect(res.select('//t:SearchFolder/t:SearchParameters')).to.have.length(0)
    })
  })

  describe('errors', () => {
    it('returns ErrorInvalidIdMalformed with an empty Folders element when the id is malformed', async () => {
      const res = await call(ews.app, getFolderXml(folderId('not-an-id')))
      expect(res.status).to.equal(200)
      expect(res.codes()).to.deep.equal(['ErrorInvalidIdMalformed'])
      expect(res.value('//m:GetFolderResponseMessage/@ResponseClass')).to.equal('Error')
      expect(res.value('//m:GetFolderResponseMessage/m:MessageText')).to.equal('Id is malformed.')
      expect(res.select('//m:GetFolderResponseMessage/m:Folders')).to.have.length(1)
      expect(res.select('//m:GetFolderResponseMessage/m:Folders/*')).to.have.length(0)
    })

    it('returns ErrorInvalidIdMalformed for base64 that is not a folder id', async () => {
      const res = await call(ews.app, getFolderXml(folderId('SVRFTTox')))
      expect(res.codes()).to.deep.equal(['ErrorInvalidIdMalformed'])
    })

    it('returns ErrorInvalidIdEmpty when the folder id is empty', async () => {
      const res = await call(ews.app, getFolderXml(folderId('')))
      expect(res.status).to.equal(200)
      expect(res.codes()).to.deep.equal(['ErrorInvalidIdEmpty'])
    })

    it('refuses a FolderId without an Id attribute with an ErrorSchemaValidation fault', async () => {
      const res = await call(ews.app, getFolderXml('<t:FolderId/>'))
      expect(res.status).to.equal(500)
      expect(res.faultCode()).to.equal('ErrorSchemaValidation')
    })

    it('returns ErrorFolderNotFound when the folder id is unknown', async () => {
      const real = await folderIdOf(ews.app, 'inbox')
      const res = await call(
        ews.app,
        getFolderXml(folderId(withByteChanged(real, LAST_OBJECT_BYTE))),
      )
      expect(res.status).to.equal(200)
      expect(res.codes()).to.deep.equal(['ErrorFolderNotFound'])
      expect(res.value('//m:GetFolderResponseMessage/@ResponseClass')).to.equal('Error')
    })

    it('returns ErrorFolderNotFound when the id names a mailbox that does not exist', async () => {
      const real = await folderIdOf(ews.app, 'inbox')
      const res = await call(
        ews.app,
        getFolderXml(folderId(withByteChanged(real, FIRST_MAILBOX_BYTE))),
      )
      expect(res.codes()).to.deep.equal(['ErrorFolderNotFound'])
    })

    it('returns ErrorCannotUseItemIdForFolderId when given an item id', async () => {
      const real = await folderIdOf(ews.app, 'inbox')
      const itemId = withByteChanged(real, KIND_BYTE, () => 0x49)
      const res = await call(ews.app, getFolderXml(folderId(itemId)))
      expect(res.codes()).to.deep.equal(['ErrorCannotUseItemIdForFolderId'])
    })

    it('returns ErrorFolderNotFound for a distinguished folder the mailbox does not have', async () => {
      const res = await call(ews.app, getFolderXml(distinguished('archiveroot')))
      expect(res.status).to.equal(200)
      expect(res.codes()).to.deep.equal(['ErrorFolderNotFound'])
    })

    it("returns ErrorAccessDenied for bob's folder id used by alice", async () => {
      const bobsInbox = await folderIdOf(ews.app, 'inbox', 'bob@contoso.com')
      const res = await call(ews.app, getFolderXml(folderId(bobsInbox)))
      expect(res.status).to.equal(200)
      expect(res.codes()).to.deep.equal(['ErrorAccessDenied'])
    })

    it("returns ErrorAccessDenied for a t:Mailbox naming bob's mailbox", async () => {
      const res = await call(
        ews.app,
        getFolderXml(
          '<t:DistinguishedFolderId Id="inbox"><t:Mailbox><t:EmailAddress>bob@contoso.com</t:EmailAddress></t:Mailbox></t:DistinguishedFolderId>',
        ),
      )
      expect(res.status).to.equal(200)
      expect(res.codes()).to.deep.equal(['ErrorAccessDenied'])
      expect(res.select('//t:Folder')).to.have.length(0)
    })

    it('returns ErrorNonExistentMailbox for a t:Mailbox with an unknown address', async () => {
      const res = await call(
        ews.app,
        getFolderXml(
          '<t:DistinguishedFolderId Id="inbox"><t:Mailbox><t:EmailAddress>nobody@contoso.com</t:EmailAddress></t:Mailbox></t:DistinguishedFolderId>',
        ),
      )
      expect(res.status).to.equal(200)
      expect(res.codes()).to.deep.equal(['ErrorNonExistentMailbox'])
    })

    it('refuses a distinguished id in the wrong case with an ErrorSchemaValidation fault', async () => {
      const res = await call(ews.app, getFolderXml('<t:DistinguishedFolderId Id="Inbox"/>'))
      expect(res.status).to.equal(500)
      expect(res.faultCode()).to.equal('ErrorSchemaValidation')
      expect(res.value('//s:Fault/faultcode')).to.equal('a:ErrorSchemaValidation')
      expect(res.select('//m:ResponseMessages')).to.have.length(0)
    })

    it('refuses an unknown distinguished name with an ErrorSchemaValidation fault', async () => {
      const res = await call(ews.app, getFolderXml(distinguished('inbox', 'mailbox')))
      expect(res.status).to.equal(500)
      expect(res.faultCode()).to.equal('ErrorSchemaValidation')
    })

    it('refuses an empty FolderIds element with an ErrorSchemaValidation fault', async () => {
      const res = await call(ews.app, getFolderXml(''))
      expect(res.status).to.equal(500)
      expect(res.faultCode()).to.equal('ErrorSchemaValidation')
    })
  })

  describe('Exchange generations', () => {
    it('serves carol on Exchange Online, with conversationhistory and the Online version header', async () => {
      const res = await call(
        ews.app,
        getFolderXml(distinguished('inbox', 'conversationhistory')),
        'carol@fabrikam.com',
      )
      expect(res.codes()).to.deep.equal(['NoError', 'NoError'])
      expect(res.value('//m:GetFolderResponseMessage[2]//t:DisplayName')).to.equal(
        'Conversation History',
      )
      expect(res.value('//t:ServerVersionInfo/@MinorVersion')).to.equal('20')
      expect(res.value('//t:ServerVersionInfo/@Version')).to.equal('V2018_01_08')
    })

    it("keeps carol's folders apart from alice's", async () => {
      const alicesInbox = await folderIdOf(ews.app, 'inbox')
      const res = await call(ews.app, getFolderXml(folderId(alicesInbox)), 'carol@fabrikam.com')
      expect(res.codes()).to.deep.equal(['ErrorAccessDenied'])
    })

    describe('on Exchange 2010 SP3', () => {
      const topology = parseTopology(
        [
          'organisations:',
          '  - domain: litware.com',
          '    exchange: exchange-2010-sp3',
          '    users:',
          '      - address: dave@litware.com',
          '        password: P@ssw0rd',
        ].join('\n'),
      )
      const dave = 'dave@litware.com'
      let old: EwsApp
      beforeEach(() => {
        old = testApp({ topology })
      })

      it('returns the inbox with a 2010 version header that has no Version attribute', async () => {
        const res = await post(
          old.app,
          envelope(getFolderXml(distinguished('inbox')), 'Exchange2010_SP2'),
          dave,
        )
        expect(res.status).to.equal(200)
        expect(res.codes()).to.deep.equal(['NoError'])
        expect(res.value('//t:ServerVersionInfo/@MajorVersion')).to.equal('14')
        expect(res.select('//t:ServerVersionInfo/@Version')).to.have.length(0)
      })

      it('returns ErrorFolderNotFound for conversationhistory, which arrived with Exchange 2013', async () => {
        const res = await post(
          old.app,
          envelope(getFolderXml(distinguished('inbox', 'conversationhistory')), 'Exchange2010_SP2'),
          dave,
        )
        expect(res.status).to.equal(200)
        expect(res.codes()).to.deep.equal(['NoError', 'ErrorFolderNotFound'])
      })

      it('refuses RequestServerVersion Exchange2013 with an ErrorInvalidServerVersion fault', async () => {
        const res = await post(
          old.app,
          envelope(getFolderXml(distinguished('inbox')), 'Exchange2013'),
          dave,
        )
        expect(res.status).to.equal(500)
        expect(res.faultCode()).to.equal('ErrorInvalidServerVersion')
      })
    })
  })
})
