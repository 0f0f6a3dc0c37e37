import { expect } from 'chai'
import type { EwsApp } from '../../mock-ews/index.ts'
import {
  additionalProperties,
  call,
  createFolderIn,
  distinguished,
  findFolderXml,
  folderId,
  folderIdOf,
  testApp,
  withByteChanged,
} from '../helpers/ews.ts'
import type { FindFolderOptions, SoapAnswer } from '../helpers/ews.ts'

const indexed = (offset: number, max?: number, basePoint = 'Beginning'): string =>
  `<m:IndexedPageFolderView${max === undefined ? '' : ` MaxEntriesReturned="${max}"`} Offset="${offset}" BasePoint="${basePoint}"/>`

const fractional = (numerator: number, denominator: number, max?: number): string =>
  `<m:FractionalPageFolderView${max === undefined ? '' : ` MaxEntriesReturned="${max}"`} Numerator="${numerator}" Denominator="${denominator}"/>`

/** DisplayNames of the folders in response message `n` (1-based). */
const names = (res: SoapAnswer, n = 1): string[] =>
  res
    .select(`//m:FindFolderResponseMessage[${n}]/m:RootFolder/t:Folders/*/t:DisplayName`)
    .map((node) => node.textContent ?? '')

const ids = (res: SoapAnswer, n = 1): string[] =>
  res
    .select(`//m:FindFolderResponseMessage[${n}]/m:RootFolder/t:Folders/*/t:FolderId/@Id`)
    .map((node) => node.nodeValue ?? '')

const paging = (res: SoapAnswer, n = 1): Record<string, string> => {
  const root = `//m:FindFolderResponseMessage[${n}]/m:RootFolder`
  const out: Record<string, string> = {}
  for (const attr of res.select(`${root}/@*`)) out[(attr as Attr).name] = attr.nodeValue ?? ''
  return out
}

/** Direct children of msgfolderroot in a 2016 mailbox. */
const TOP_OF_STORE = [
  'Inbox',
  'Drafts',
  'Sent Items',
  'Deleted Items',
  'Outbox',
  'Junk Email',
  'Calendar',
  'Contacts',
  'Tasks',
  'Notes',
  'Journal',
  'Conversation History',
  'Sync Issues',
  'IM Contact List',
]

describe('FindFolder', () => {
  let ews: EwsApp
  beforeEach(() => {
    ews = testApp()
  })

  /** FindFolder on msgfolderroot, the top of the store. */
  const findTop = (options?: FindFolderOptions): Promise<SoapAnswer> =>
    call(ews.app, findFolderXml(distinguished('msgfolderroot'), options))

  describe('traversal', () => {
    it('returns the direct children only for Shallow', async () => {
      const res = await findTop()
      expect(res.status).to.equal(200)
      expect(res.codes()).to.deep.equal(['NoError'])
      expect(names(res)).to.have.members(TOP_OF_STORE)
      expect(names(res)).to.not.include('Conflicts')
    })

    it('returns grandchildren too for Deep', async () => {
      const res = await findTop({ traversal: 'Deep' })
      expect(names(res)).to.include.members([
        ...TOP_OF_STORE,
        'Conflicts',
        'Local Failures',
        'Recipient Cache',
      ])
      expect(names(res)).to.have.length(TOP_OF_STORE.length + 5)
      expect(names(res)).to.not.include('Top of Information Store')
    })

    it('returns the four top folders for Shallow from root', async () => {
      const res = await call(ews.app, findFolderXml(distinguished('root')))
      expect(names(res)).to.have.members([
        'Top of Information Store',
        'Finder',
        'PeopleConnect',
        'Recoverable Items',
      ])
    })

    it('returns every folder but root, each with its own element, for Deep from root', async () => {
      const res = await call(ews.app, findFolderXml(distinguished('root'), { traversal: 'Deep' }))
      expect(names(res)).to.have.length(29)
      expect(names(res)).to.not.include('Root')
      const elementOf = (name: string): string =>
        res.value(`local-name(//t:Folders/*[t:DisplayName="${name}"])`)
      expect(elementOf('Calendar')).to.equal('CalendarFolder')
      expect(elementOf('Contacts')).to.equal('ContactsFolder')
      expect(elementOf('Tasks')).to.equal('TasksFolder')
      expect(elementOf('Missed Conversations')).to.equal('SearchFolder')
      expect(elementOf('Inbox')).to.equal('Folder')
    })

    it('finds a folder created below inbox with Deep from msgfolderroot but not with Shallow', async () => {
      await createFolderIn(ews.app, distinguished('inbox'), 'Projects')
      const shallow = await findTop()
      const deep = await findTop({ traversal: 'Deep' })
      expect(names(shallow)).to.not.include('Projects')
      expect(names(deep)).to.include('Projects')
    })

    it('finds the folders below a parent given by its real FolderId', async () => {
      const inbox = await folderIdOf(ews.app, 'inbox')
      const child = await createFolderIn(ews.app, folderId(inbox), 'Receipts')
      const res = await call(ews.app, findFolderXml(folderId(inbox), { shape: 'AllProperties' }))
      expect(ids(res)).to.deep.equal([child])
      expect(res.value('//t:Folders/t:Folder/t:ParentFolderId/@Id')).to.equal(inbox)
    })

    it('applies the shape: IdOnly has no DisplayName', async () => {
      const res = await findTop({ shape: 'IdOnly' })
      expect(ids(res)).to.have.length(TOP_OF_STORE.length)
      expect(res.select('//t:Folders/*/t:DisplayName')).to.have.length(0)
    })

    it("answers exchangelib's folder walk (Deep from root, IdOnly plus fields, page of 100)", async () => {
      const additional = additionalProperties(
        'folder:DisplayName',
        'folder:FolderClass',
        'folder:ParentFolderId',
        'folder:ChildFolderCount',
      )
      const res = await call(
        ews.app,
        findFolderXml(distinguished('root'), {
          traversal: 'Deep',
          shape: 'IdOnly',
          additional,
          view: indexed(0, 100),
        }),
      )
      expect(res.codes()).to.deep.equal(['NoError'])
      expect(paging(res)).to.deep.equal({
        IndexedPagingOffset: '29',
        TotalItemsInView: '29',
        IncludesLastItemInRange: 'true',
      })
      expect(res.value('//t:Folders/*[t:DisplayName="Calendar"]/t:FolderClass')).to.equal(
        'IPF.Appointment',
      )
    })
  })

  describe('paging', () => {
    it('always writes IndexedPagingOffset, TotalItemsInView and IncludesLastItemInRange', async () => {
      const res = await findTop()
      expect(paging(res)).to.deep.equal({
        IndexedPagingOffset: String(TOP_OF_STORE.length),
        TotalItemsInView: String(TOP_OF_STORE.length),
        IncludesLastItemInRange: 'true',
      })
    })

    it('returns one page of an IndexedPageFolderView with the next offset', async () => {
      const res = await findTop({ view: indexed(0, 5) })
      expect(names(res)).to.have.length(5)
      expect(paging(res)).to.deep.equal({
        IndexedPagingOffset: '5',
        TotalItemsInView: '14',
        IncludesLastItemInRange: 'false',
      })
    })

    it('returns every folder exactly once across consecutive pages', async () => {
      const all = names(await findTop())
      const seen: string[] = []
      let offset = 0
      let last = 'false'
      for (let page = 0; page < 5 && last === 'false'; page++) {
        const res = await findTop({ view: indexed(offset, 5) })
        seen.push(...names(res))
        offset = Number(paging(res).IndexedPagingOffset)
        last = paging(res).IncludesLastItemInRange ?? ''
      }
      expect(last).to.equal('true')
      expect(offset).to.equal(14)
      expect(seen).to.deep.equal(all)
    })

    it('starts an IndexedPageFolderView at its Offset', async () => {
      const all = names(await findTop())
      const res = await findTop({ view: indexed(12, 5) })
      expect(names(res)).to.deep.equal(all.slice(12))
      expect(paging(res)).to.deep.equal({
        IndexedPagingOffset: '14',
        TotalItemsInView: '14',
        IncludesLastItemInRange: 'true',
      })
    })

    it('returns no folders, the total and IncludesLastItemInRange for an offset past the end', async () => {
      const res = await findTop({ view: indexed(50, 5) })
      expect(res.codes()).to.deep.equal(['NoError'])
      expect(names(res)).to.deep.equal([])
      expect(paging(res)).to.include({ TotalItemsInView: '14', IncludesLastItemInRange: 'true' })
      expect(paging(res)).to.have.property('IndexedPagingOffset')
    })

    it('returns the last folders for BasePoint End, in the same order as from the beginning', async () => {
      const all = names(await findTop())
      const res = await findTop({ view: indexed(0, 3, 'End') })
      expect(names(res)).to.deep.equal(all.slice(-3))
      expect(paging(res)).to.deep.equal({
        IndexedPagingOffset: '3',
        TotalItemsInView: '14',
        IncludesLastItemInRange: 'false',
      })
    })

    it('counts the Offset of BasePoint End back from the last folder', async () => {
      const all = names(await findTop())
      const res = await findTop({ view: indexed(3, 3, 'End') })
      expect(names(res)).to.deep.equal(all.slice(-6, -3))
    })

    it('reports IncludesLastItemInRange once BasePoint End paging reaches the first folder', async () => {
      const all = names(await findTop())
      const res = await findTop({ view: indexed(12, 5, 'End') })
      expect(names(res)).to.deep.equal(all.slice(0, 2))
      expect(paging(res).IncludesLastItemInRange).to.equal('true')
    })

    it('returns a FractionalPageFolderView page with NumeratorOffset and AbsoluteDenominator', async () => {
      const all = names(await findTop())
      const res = await findTop({ view: fractional(1, 2, 3) })
      expect(names(res)).to.deep.equal(all.slice(7, 10))
      expect(paging(res)).to.deep.equal({
        NumeratorOffset: '10',
        AbsoluteDenominator: '14',
        TotalItemsInView: '14',
        IncludesLastItemInRange: 'false',
      })
    })

    it('returns the rest of the folders for a FractionalPageFolderView without MaxEntriesReturned', async () => {
      const all = names(await findTop())
      const res = await findTop({ view: fractional(1, 2) })
      expect(names(res)).to.deep.equal(all.slice(7))
      expect(paging(res)).to.include({ NumeratorOffset: '14', IncludesLastItemInRange: 'true' })
    })

    it('answers an empty folder with TotalItemsInView 0 and no folders', async () => {
      const empty = await createFolderIn(ews.app, distinguished('inbox'), 'Empty')
      const res = await call(ews.app, findFolderXml(folderId(empty), { view: indexed(0, 10) }))
      expect(res.codes()).to.deep.equal(['NoError'])
      expect(paging(res)).to.deep.equal({
        IndexedPagingOffset: '0',
        TotalItemsInView: '0',
        IncludesLastItemInRange: 'true',
      })
      expect(res.select('//m:RootFolder/t:Folders')).to.have.length(1)
      expect(res.select('//m:RootFolder/t:Folders/*')).to.have.length(0)
    })

    it('refuses an IndexedPageFolderView without Offset with an ErrorSchemaValidation fault', async () => {
      const view = '<m:IndexedPageFolderView MaxEntriesReturned="5" BasePoint="Beginning"/>'
      const res = await call(ews.app, findFolderXml(distinguished('inbox'), { view }))
      expect(res.status).to.equal(500)
      expect(res.faultCode()).to.equal('ErrorSchemaValidation')
    })

    it('refuses an IndexedPageFolderView without BasePoint with an ErrorSchemaValidation fault', async () => {
      const view = '<m:IndexedPageFolderView MaxEntriesReturned="5" Offset="0"/>'
      const res = await call(ews.app, findFolderXml(distinguished('inbox'), { view }))
      expect(res.status).to.equal(500)
      expect(res.faultCode()).to.equal('ErrorSchemaValidation')
    })
  })

  describe('several parents', () => {
    it('answers one message per ParentFolderId, in request order', async () => {
      await createFolderIn(ews.app, distinguished('inbox'), 'Projects')
      const res = await call(
        ews.app,
        findFolderXml(distinguished('calendar', 'inbox', 'syncissues')),
      )
      expect(res.codes()).to.deep.equal(['NoError', 'NoError', 'NoError'])
      expect(names(res, 1)).to.deep.equal([])
      expect(names(res, 2)).to.deep.equal(['Projects'])
      expect(names(res, 3)).to.have.members(['Conflicts', 'Local Failures', 'Server Failures'])
    })

    it('answers a malformed parent id with its own error message, keeping the others', async () => {
      const res = await call(
        ews.app,
        findFolderXml(`${distinguished('inbox')}${folderId('bm90LWFuLWlk')}`),
      )
      expect(res.status).to.equal(200)
      expect(res.codes()).to.deep.equal(['NoError', 'ErrorInvalidIdMalformed'])
      expect(res.value('//m:FindFolderResponseMessage[2]/@ResponseClass')).to.equal('Error')
      expect(res.select('//m:FindFolderResponseMessage[2]/m:RootFolder')).to.have.length(0)
    })
  })

  describe('errors', () => {
    it('returns ErrorFolderNotFound for a distinguished parent the mailbox does not have', async () => {
      const res = await call(ews.app, findFolderXml(distinguished('publicfoldersroot')))
      expect(res.status).to.equal(200)
      expect(res.codes()).to.deep.equal(['ErrorFolderNotFound'])
    })

    it('returns ErrorFolderNotFound when the parent folder id is unknown', async () => {
      const inbox = withByteChanged(await folderIdOf(ews.app, 'inbox'), 20, (byte) => byte ^ 0x01)
      const res = await call(ews.app, findFolderXml(folderId(inbox)))
      expect(res.codes()).to.deep.equal(['ErrorFolderNotFound'])
    })

    it("returns ErrorAccessDenied for a parent in bob's mailbox", async () => {
      const bobsInbox = await folderIdOf(ews.app, 'inbox', 'bob@contoso.com')
      const res = await call(ews.app, findFolderXml(folderId(bobsInbox)))
      expect(res.codes()).to.deep.equal(['ErrorAccessDenied'])
    })

    it('returns ErrorInvalidOperation for SoftDeleted traversal', async () => {
      const res = await call(
        ews.app,
        findFolderXml(distinguished('inbox'), { traversal: 'SoftDeleted' }),
      )
      expect(res.status).to.equal(200)
      expect(res.codes()).to.deep.equal(['ErrorInvalidOperation'])
    })

    it('refuses a request without Traversal with an ErrorSchemaValidation fault', async () => {
      const res = await call(ews.app, findFolderXml(distinguished('inbox'), { traversal: '' }))
      expect(res.status).to.equal(500)
      expect(res.faultCode()).to.equal('ErrorSchemaValidation')
    })

    it('refuses an unknown Traversal with an ErrorSchemaValidation fault', async () => {
      const res = await call(
        ews.app,
        findFolderXml(distinguished('inbox'), { traversal: 'Sideways' }),
      )
      expect(res.status).to.equal(500)
      expect(res.faultCode()).to.equal('ErrorSchemaValidation')
    })

    it('refuses a request without ParentFolderIds with an ErrorSchemaValidation fault', async () => {
      const res = await call(
        ews.app,
        '<m:FindFolder Traversal="Shallow"><m:FolderShape><t:BaseShape>Default</t:BaseShape></m:FolderShape></m:FindFolder>',
      )
      expect(res.status).to.equal(500)
      expect(res.faultCode()).to.equal('ErrorSchemaValidation')
    })
  })
})
