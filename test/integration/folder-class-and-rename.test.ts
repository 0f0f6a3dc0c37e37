// A folder's FolderClass as Exchange gives it back, and the rename exchangelib sends
// (Folder.save(): every updatable field, so SetFolderField folder:DisplayName, folder:FolderClass
// when the folder has one, and DeleteFolderField folder:PermissionSet).
import { expect } from 'chai'
import type { EwsApp } from '../../mock-ews/index.ts'
import {
  call,
  createFolderXml,
  distinguished,
  folder,
  folderChange,
  folderId,
  getFolderXml,
  setDisplayName,
  testApp,
  updateFolderXml,
} from '../helpers/ews.ts'
import type { SoapAnswer } from '../helpers/ews.ts'

const DELETE_PERMISSIONS =
  '<t:DeleteFolderField><t:FieldURI FieldURI="folder:PermissionSet"/></t:DeleteFolderField>'
const setFolderClass = (folderClass: string): string =>
  `<t:SetFolderField><t:FieldURI FieldURI="folder:FolderClass"/><t:Folder><t:FolderClass>${folderClass}</t:FolderClass></t:Folder></t:SetFolderField>`

describe('Folder class and the exchangelib rename', () => {
  let ews: EwsApp
  beforeEach(() => {
    ews = testApp()
  })

  const create = async (element: string): Promise<string> => {
    const res = await call(ews.app, createFolderXml(distinguished('msgfolderroot'), element))
    expect(res.codes()).to.deep.equal(['NoError'])
    return res.value('//m:Folders/*/t:FolderId/@Id')
  }
  const read = (id: string): Promise<SoapAnswer> =>
    call(ews.app, getFolderXml(folderId(id), 'AllProperties'))

  it('gives no FolderClass back for a t:Folder created without one', async () => {
    const res = await read(await create(folder('Plain')))
    expect(res.select('//t:Folder/t:FolderClass')).to.have.length(0)
    expect(res.value('//t:Folder/t:DisplayName')).to.equal('Plain')
  })

  it('keeps the FolderClass a folder was created with, and the class of a typed folder', async () => {
    const notes = await read(await create(folder('Mail', 'Folder', 'IPF.Note')))
    expect(notes.value('//t:Folder/t:FolderClass')).to.equal('IPF.Note')
    const calendar = await read(await create(folder('Dates', 'CalendarFolder')))
    expect(calendar.value('//t:CalendarFolder/t:FolderClass')).to.equal('IPF.Appointment')
  })

  it('renames with SetFolderField DisplayName plus DeleteFolderField PermissionSet', async () => {
    const id = await create(folder('Before'))
    const res = await call(
      ews.app,
      updateFolderXml(folderChange(folderId(id), setDisplayName('After') + DELETE_PERMISSIONS)),
    )
    expect(res.codes()).to.deep.equal(['NoError'])
    expect((await read(id)).value('//t:Folder/t:DisplayName')).to.equal('After')
  })

  it('accepts SetFolderField FolderClass of the class the folder has, alongside a rename', async () => {
    const id = await create(folder('Mail', 'Folder', 'IPF.Note'))
    const res = await call(
      ews.app,
      updateFolderXml(
        folderChange(
          folderId(id),
          setDisplayName('Post') + setFolderClass('IPF.Note') + DELETE_PERMISSIONS,
        ),
      ),
    )
    expect(res.codes()).to.deep.equal(['NoError'])
    const after = await read(id)
    expect(after.value('//t:Folder/t:DisplayName')).to.equal('Post')
    expect(after.value('//t:Folder/t:FolderClass')).to.equal('IPF.Note')
  })

  it('refuses a FolderClass given to a folder that has none, changing nothing', async () => {
    const id = await create(folder('Plain'))
    const res = await call(
      ews.app,
      updateFolderXml(folderChange(folderId(id), setDisplayName('X') + setFolderClass('IPF.Note'))),
    )
    expect(res.codes()).to.deep.equal(['ErrorInvalidPropertySet'])
    const after = await read(id)
    expect(after.value('//t:Folder/t:DisplayName')).to.equal('Plain')
    expect(after.select('//t:Folder/t:FolderClass')).to.have.length(0)
  })

  it('still refuses deleting another field (folder:DisplayName)', async () => {
    const id = await create(folder('Kept'))
    const res = await call(
      ews.app,
      updateFolderXml(
        folderChange(
          folderId(id),
          '<t:DeleteFolderField><t:FieldURI FieldURI="folder:DisplayName"/></t:DeleteFolderField>',
        ),
      ),
    )
    expect(res.codes()).to.deep.equal(['ErrorInvalidPropertySet'])
  })
})
