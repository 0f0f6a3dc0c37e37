// The request shapes exchangelib 5.6 sends on its own (reference/ews-protocol.md §0.11, §2.6, §7.2),
// written out by hand: the version probe, the first GetFolder, and the folder walk.
import { expect } from 'chai'
import type { EwsApp } from '../../mock-ews/index.ts'
import {
  additionalProperties,
  EXCHANGELIB_PROBE,
  exchangelibEnvelope,
  NS,
  post,
  testApp,
} from '../helpers/ews.ts'

const mailbox =
  '<t:Mailbox><t:EmailAddress>alice@contoso.com</t:EmailAddress><t:RoutingType>SMTP</t:RoutingType><t:MailboxType>Mailbox</t:MailboxType></t:Mailbox>'
const folderFields = [
  'ChildFolderCount',
  'DisplayName',
  'DistinguishedFolderId',
  'EffectiveRights',
  'FolderClass',
  'FolderId',
  'ParentFolderId',
  'TotalCount',
  'UnreadCount',
]
const shape = `<m:FolderShape><t:BaseShape>IdOnly</t:BaseShape>${additionalProperties(...folderFields.map((f) => `folder:${f}`))}</m:FolderShape>`

// The distinguished folders exchangelib asks for in one GetFolder during its walk (Exchange 2016).
const WALK = [
  'archivedeleteditems',
  'archiveinbox',
  'archivemsgfolderroot',
  'archiverecoverableitemsdeletions',
  'archiverecoverableitemspurges',
  'archiverecoverableitemsroot',
  'archiverecoverableitemsversions',
  'archiveroot',
  'calendar',
  'conflicts',
  'contacts',
  'conversationhistory',
  'deleteditems',
  'directory',
  'drafts',
  'favorites',
  'imcontactlist',
  'inbox',
  'journal',
  'junkemail',
  'localfailures',
  'msgfolderroot',
  'mycontacts',
  'notes',
  'outbox',
  'peopleconnect',
  'quickcontacts',
  'recipientcache',
  'recoverableitemsdeletions',
  'recoverableitemspurges',
  'recoverableitemsroot',
  'recoverableitemsversions',
  'searchfolders',
  'sentitems',
  'serverfailures',
  'syncissues',
  'tasks',
  'todosearch',
  'voicemail',
]

describe('exchangelib request shapes', () => {
  let ews: EwsApp
  beforeEach(() => {
    ews = testApp()
  })

  it('answers the version probe (ConvertId on DUMMY) with an error message and a ServerVersionInfo header', async () => {
    const res = await post(ews.app, exchangelibEnvelope(EXCHANGELIB_PROBE))
    expect(res.status).to.equal(200)
    expect(res.codes()).to.deep.equal(['ErrorInvalidIdMalformed'])
    expect(res.value('/s:Envelope/s:Header/t:ServerVersionInfo/@MajorVersion')).to.equal('15')
  })

  it('answers the first GetFolder on root with a Mailbox element', async () => {
    const res = await post(
      ews.app,
      exchangelibEnvelope(
        `<m:GetFolder>${shape}<m:FolderIds><t:DistinguishedFolderId Id="root">${mailbox}</t:DistinguishedFolderId></m:FolderIds></m:GetFolder>`,
      ),
    )
    expect(res.codes()).to.deep.equal(['NoError'])
    expect(res.value('//t:Folder/t:DistinguishedFolderId')).to.equal('root')
    expect(res.select('//t:Folder/t:ParentFolderId')).to.have.length(0)
  })

  it('answers the batch GetFolder of the walk: one message per id, ErrorFolderNotFound for folders this mailbox lacks', async () => {
    const ids = WALK.map(
      (n) => `<t:DistinguishedFolderId Id="${n}">${mailbox}</t:DistinguishedFolderId>`,
    ).join('')
    const res = await post(
      ews.app,
      exchangelibEnvelope(`<m:GetFolder>${shape}<m:FolderIds>${ids}</m:FolderIds></m:GetFolder>`),
    )
    const codes = res.codes()
    expect(codes).to.have.length(WALK.length)
    const missing = WALK.filter((_, i) => codes[i] === 'ErrorFolderNotFound')
    expect(missing).to.deep.equal(
      WALK.filter(
        (n) =>
          n.startsWith('archive') ||
          ['directory', 'favorites', 'mycontacts', 'voicemail'].includes(n),
      ),
    )
    expect(codes.filter((c) => c !== 'NoError' && c !== 'ErrorFolderNotFound')).to.deep.equal([])
    // Each answer is the folder asked for, in request order.
    const answered = res
      .select('//m:GetFolderResponseMessage')
      .map(
        (m) =>
          (m as Element).getElementsByTagNameNS(NS.t, 'DistinguishedFolderId')[0]?.textContent ??
          null,
      )
    expect(answered).to.deep.equal(WALK.map((n) => (missing.includes(n) ? null : n)))
  })

  it('answers FindFolder Deep from root with every folder of the mailbox', async () => {
    const res = await post(
      ews.app,
      exchangelibEnvelope(
        `<m:FindFolder Traversal="Deep">${shape}<m:IndexedPageFolderView MaxEntriesReturned="100" Offset="0" BasePoint="Beginning"/><m:ParentFolderIds><t:DistinguishedFolderId Id="root">${mailbox}</t:DistinguishedFolderId></m:ParentFolderIds></m:FindFolder>`,
      ),
    )
    const total = Number(res.value('//m:RootFolder/@TotalItemsInView'))
    const root = ews.store.getDistinguishedFolder('alice@contoso.com', 'root')
    expect(total).to.equal(
      ews.store.findFolders('alice@contoso.com', root.folderId.id, true).length,
    )
    expect(res.select('//t:Folders/*')).to.have.length(total)
    expect(res.value('//m:RootFolder/@IncludesLastItemInRange')).to.equal('true')
    expect(res.value('//m:RootFolder/@IndexedPagingOffset')).to.equal(String(total))
  })
})
