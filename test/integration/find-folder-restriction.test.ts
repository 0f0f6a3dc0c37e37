// FindFolder with m:Restriction: how exchangelib finds a folder by name (folder:DisplayName).
import { expect } from 'chai'
import type { EwsApp } from '../../mock-ews/index.ts'
import {
  call,
  createFolderIn,
  distinguished,
  findFolderXml,
  folderId,
  testApp,
} from '../helpers/ews.ts'
import type { SoapAnswer } from '../helpers/ews.ts'

const names = (res: SoapAnswer): string[] =>
  res.select('//m:RootFolder/t:Folders/*/t:DisplayName').map((n) => n.textContent ?? '')

const constant = (value: string): string =>
  `<t:FieldURIOrConstant><t:Constant Value="${value}"/></t:FieldURIOrConstant>`

const compare = (op: string, field: string, value: string): string =>
  `<t:${op}><t:FieldURI FieldURI="${field}"/>${constant(value)}</t:${op}>`

const restriction = (expression: string): string => `<m:Restriction>${expression}</m:Restriction>`

describe('FindFolder with a Restriction', () => {
  let ews: EwsApp
  beforeEach(() => {
    ews = testApp()
  })

  const find = (
    expression: string,
    parent = distinguished('msgfolderroot'),
    traversal = 'Shallow',
  ) => call(ews.app, findFolderXml(parent, { traversal, restriction: restriction(expression) }))

  it('finds a folder by folder:DisplayName IsEqualTo, case-insensitively as Exchange does', async () => {
    const res = await find(compare('IsEqualTo', 'folder:DisplayName', 'inbox'))
    expect(res.codes()).to.deep.equal(['NoError'])
    expect(names(res)).to.deep.equal(['Inbox'])
    expect(res.value('//m:RootFolder/@TotalItemsInView')).to.equal('1')
    expect(res.value('//m:RootFolder/@IncludesLastItemInRange')).to.equal('true')
  })

  it('finds a folder deep in the tree by name (Traversal Deep)', async () => {
    const projects = await createFolderIn(ews.app, distinguished('inbox'), 'Projects')
    await createFolderIn(ews.app, folderId(projects), 'Alpha')
    const res = await find(
      compare('IsEqualTo', 'folder:DisplayName', 'Alpha'),
      distinguished('msgfolderroot'),
      'Deep',
    )
    expect(names(res)).to.deep.equal(['Alpha'])
    const shallow = await find(compare('IsEqualTo', 'folder:DisplayName', 'Alpha'))
    expect(names(shallow)).to.deep.equal([])
    expect(shallow.codes()).to.deep.equal(['NoError'])
  })

  it('evaluates Contains with its ContainmentMode and ContainmentComparison', async () => {
    const contains = (mode: string, comparison: string, value: string): string =>
      `<t:Contains ContainmentMode="${mode}" ContainmentComparison="${comparison}">` +
      `<t:FieldURI FieldURI="folder:DisplayName"/><t:Constant Value="${value}"/></t:Contains>`
    expect(names(await find(contains('Substring', 'IgnoreCase', 'ITEMS')))).to.have.members([
      'Sent Items',
      'Deleted Items',
    ])
    expect(names(await find(contains('Substring', 'Exact', 'ITEMS')))).to.deep.equal([])
    expect(names(await find(contains('Prefixed', 'IgnoreCase', 'junk')))).to.deep.equal([
      'Junk Email',
    ])
  })

  it('filters on folder:FolderClass and the counts, combined with And / Not', async () => {
    await createFolderIn(ews.app, distinguished('msgfolderroot'), 'Empty one')
    const res = await find(
      `<t:And>${compare('IsEqualTo', 'folder:FolderClass', 'IPF.Appointment')}` +
        `<t:Not>${compare('IsGreaterThan', 'folder:TotalCount', '0')}</t:Not></t:And>`,
    )
    expect(names(res)).to.deep.equal(['Calendar'])
    const withChildren = await find(compare('IsGreaterThan', 'folder:ChildFolderCount', '0'))
    expect(names(withChildren)).to.include('Contacts') // Recipient Cache and friends live below it
    expect(names(withChildren)).to.not.include('Empty one')
  })

  it('refuses a field it cannot query with ErrorUnsupportedPathForQuery, per response message', async () => {
    const res = await call(
      ews.app,
      findFolderXml(distinguished('inbox', 'drafts'), {
        restriction: restriction(compare('IsEqualTo', 'item:Subject', 'x')),
      }),
    )
    expect(res.status).to.equal(200)
    expect(res.codes()).to.deep.equal([
      'ErrorUnsupportedPathForQuery',
      'ErrorUnsupportedPathForQuery',
    ])
  })

  it('refuses a restriction over the size limits with ErrorRestrictionTooLong', async () => {
    const tiny = testApp({ limits: { maxRestrictionNodes: 2 } })
    const or = `<t:Or>${['a', 'b', 'c'].map((v) => compare('IsEqualTo', 'folder:DisplayName', v)).join('')}</t:Or>`
    const res = await call(
      tiny.app,
      findFolderXml(distinguished('msgfolderroot'), { restriction: restriction(or) }),
    )
    expect(res.codes()).to.deep.equal(['ErrorRestrictionTooLong'])
  })
})
