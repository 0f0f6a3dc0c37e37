import { expect } from 'chai'
import type { EwsApp } from '../../mock-ews/index.ts'
import {
  call,
  childNames,
  createFolderIn,
  distinguished,
  folderChange,
  folderId,
  folderIdOf,
  getFolderXml,
  LAST_OBJECT_BYTE,
  renameFolderXml,
  setDisplayName,
  testApp,
  updateFolderXml,
  withByteChanged,
} from '../helpers/ews.ts'

/** UpdateFolder with one FolderChange of the folder with this id. */
const updateOf = (id: string, updates: string): string =>
  updateFolderXml(folderChange(folderId(id), updates))

const setFolderClass = (folderClass: string): string =>
  `<t:SetFolderField><t:FieldURI FieldURI="folder:FolderClass"/><t:Folder><t:FolderClass>${folderClass}</t:FolderClass></t:Folder></t:SetFolderField>`

interface FolderState {
  displayName: string
  folderClass: string
  changeKey: string
}

async function stateOf(app: EwsApp['app'], id: string): Promise<FolderState> {
  const res = await call(app, getFolderXml(folderId(id), 'AllProperties'))
  return {
    displayName: res.value('//m:Folders/*/t:DisplayName'),
    folderClass: res.value('//m:Folders/*/t:FolderClass'),
    changeKey: res.value('//m:Folders/*/t:FolderId/@ChangeKey'),
  }
}

describe('UpdateFolder', () => {
  let ews: EwsApp
  beforeEach(() => {
    ews = testApp()
  })

  describe('rename', () => {
    it('returns the FolderId with the same Id and a new ChangeKey', async () => {
      const id = await createFolderIn(ews.app, distinguished('inbox'), 'Projects')
      const before = await stateOf(ews.app, id)
      const res = await call(
        ews.app,
        renameFolderXml(folderId(id, before.changeKey), 'Projects 2016'),
      )
      expect(res.status).to.equal(200)
      expect(res.codes()).to.deep.equal(['NoError'])
      expect(res.value('//m:UpdateFolderResponseMessage/@ResponseClass')).to.equal('Success')
      expect(
        res.value('//m:UpdateFolderResponseMessage/m:Folders/t:Folder/t:FolderId/@Id'),
      ).to.equal(id)
      const changeKey = res.value(
        '//m:UpdateFolderResponseMessage/m:Folders/t:Folder/t:FolderId/@ChangeKey',
      )
      expect(changeKey).to.not.equal('')
      expect(changeKey).to.not.equal(before.changeKey)
    })

    it('makes the new name visible through GetFolder, with the ChangeKey it returned', async () => {
      const id = await createFolderIn(ews.app, distinguished('inbox'), 'Projects')
      const res = await call(ews.app, renameFolderXml(folderId(id), 'Archive'))
      const after = await stateOf(ews.app, id)
      expect(after.displayName).to.equal('Archive')
      expect(after.changeKey).to.equal(res.value('//t:FolderId/@ChangeKey'))
    })

    it('makes the new name visible through FindFolder on the parent', async () => {
      const id = await createFolderIn(ews.app, distinguished('inbox'), 'Projects')
      await call(ews.app, renameFolderXml(folderId(id), 'Archive'))
      expect(await childNames(ews.app, distinguished('inbox'))).to.deep.equal(['Archive'])
    })

    it('gives a new ChangeKey on every change', async () => {
      const id = await createFolderIn(ews.app, distinguished('inbox'), 'One')
      const first = (await call(ews.app, renameFolderXml(folderId(id), 'Two'))).value(
        '//t:FolderId/@ChangeKey',
      )
      const second = (await call(ews.app, renameFolderXml(folderId(id), 'Three'))).value(
        '//t:FolderId/@ChangeKey',
      )
      expect(second).to.not.equal(first)
    })

    it('allows changing only the case of the name', async () => {
      const id = await createFolderIn(ews.app, distinguished('inbox'), 'projects')
      const res = await call(ews.app, renameFolderXml(folderId(id), 'Projects'))
      expect(res.codes()).to.deep.equal(['NoError'])
      expect((await stateOf(ews.app, id)).displayName).to.equal('Projects')
    })

    it('allows the name of a folder under another parent', async () => {
      await createFolderIn(ews.app, distinguished('drafts'), 'Archive')
      const id = await createFolderIn(ews.app, distinguished('inbox'), 'Projects')
      const res = await call(ews.app, renameFolderXml(folderId(id), 'Archive'))
      expect(res.codes()).to.deep.equal(['NoError'])
    })

    it('renames a folder given by its distinguished id', async () => {
      const res = await call(ews.app, renameFolderXml(distinguished('journal'), 'Diary'))
      expect(res.codes()).to.deep.equal(['NoError'])
      expect((await stateOf(ews.app, await folderIdOf(ews.app, 'journal'))).displayName).to.equal(
        'Diary',
      )
    })

    it('answers with the element of the folder type', async () => {
      const res = await call(
        ews.app,
        updateFolderXml(
          folderChange(distinguished('calendar'), setDisplayName('Agenda', 'CalendarFolder')),
        ),
      )
      expect(res.codes()).to.deep.equal(['NoError'])
      expect(
        res.select('//m:UpdateFolderResponseMessage/m:Folders/t:CalendarFolder/t:FolderId'),
      ).to.have.length(1)
    })

    it('applies several FolderChanges in one request, one response message each, in order', async () => {
      const a = await createFolderIn(ews.app, distinguished('inbox'), 'A')
      const b = await createFolderIn(ews.app, distinguished('inbox'), 'B')
      const res = await call(
        ews.app,
        updateFolderXml(
          folderChange(folderId(b), setDisplayName('B2')) +
            folderChange(folderId(a), setDisplayName('A2')),
        ),
      )
      expect(res.codes()).to.deep.equal(['NoError', 'NoError'])
      const returned = res
        .select('//m:UpdateFolderResponseMessage/m:Folders/t:Folder/t:FolderId/@Id')
        .map((n) => n.nodeValue)
      expect(returned).to.deep.equal([b, a])
      expect((await stateOf(ews.app, a)).displayName).to.equal('A2')
      expect((await stateOf(ews.app, b)).displayName).to.equal('B2')
    })
  })

  describe('errors', () => {
    it('returns ErrorFolderExists with an empty Folders element for the name of a sibling', async () => {
      await createFolderIn(ews.app, distinguished('inbox'), 'Archive')
      const id = await createFolderIn(ews.app, distinguished('inbox'), 'Projects')
      const before = await stateOf(ews.app, id)
      const res = await call(ews.app, renameFolderXml(folderId(id), 'ARCHIVE'))
      expect(res.status).to.equal(200)
      expect(res.codes()).to.deep.equal(['ErrorFolderExists'])
      expect(res.value('//m:UpdateFolderResponseMessage/@ResponseClass')).to.equal('Error')
      expect(res.select('//m:UpdateFolderResponseMessage/m:Folders/*')).to.have.length(0)
      expect(await stateOf(ews.app, id)).to.deep.equal(before)
    })

    it('returns ErrorFolderExists for the name of a well-known sibling', async () => {
      const res = await call(ews.app, renameFolderXml(distinguished('drafts'), 'Inbox'))
      expect(res.codes()).to.deep.equal(['ErrorFolderExists'])
    })

    it('returns ErrorInvalidPropertySet for folder:FolderClass and changes nothing', async () => {
      const id = await createFolderIn(ews.app, distinguished('inbox'), 'Projects')
      const before = await stateOf(ews.app, id)
      const res = await call(ews.app, updateOf(id, setFolderClass('IPF.Contact')))
      expect(res.status).to.equal(200)
      expect(res.codes()).to.deep.equal(['ErrorInvalidPropertySet'])
      expect(await stateOf(ews.app, id)).to.deep.equal(before)
    })

    it('applies none of the updates of a FolderChange that has an unsupported one', async () => {
      const id = await createFolderIn(ews.app, distinguished('inbox'), 'Projects')
      const before = await stateOf(ews.app, id)
      const res = await call(
        ews.app,
        updateOf(id, setDisplayName('Renamed') + setFolderClass('IPF.Contact')),
      )
      expect(res.codes()).to.deep.equal(['ErrorInvalidPropertySet'])
      expect(await stateOf(ews.app, id)).to.deep.equal(before)
    })

    it('returns ErrorInvalidPropertySet for DeleteFolderField', async () => {
      const id = await createFolderIn(ews.app, distinguished('inbox'), 'Projects')
      const res = await call(
        ews.app,
        updateOf(
          id,
          '<t:DeleteFolderField><t:FieldURI FieldURI="folder:DisplayName"/></t:DeleteFolderField>',
        ),
      )
      expect(res.codes()).to.deep.equal(['ErrorInvalidPropertySet'])
      expect((await stateOf(ews.app, id)).displayName).to.equal('Projects')
    })

    it('applies the other FolderChanges of a request when one fails', async () => {
      const a = await createFolderIn(ews.app, distinguished('inbox'), 'A')
      const res = await call(
        ews.app,
        updateFolderXml(
          folderChange(folderId(a), setFolderClass('IPF.Task')) +
            folderChange(distinguished('notes'), setDisplayName('Sticky')),
        ),
      )
      expect(res.codes()).to.deep.equal(['ErrorInvalidPropertySet', 'NoError'])
      expect((await stateOf(ews.app, await folderIdOf(ews.app, 'notes'))).displayName).to.equal(
        'Sticky',
      )
    })

    it('returns ErrorFolderNotFound when the folder id is unknown', async () => {
      const real = await createFolderIn(ews.app, distinguished('inbox'), 'Real')
      const unknown = withByteChanged(real, LAST_OBJECT_BYTE)
      const res = await call(ews.app, renameFolderXml(folderId(unknown), 'Other'))
      expect(res.status).to.equal(200)
      expect(res.codes()).to.deep.equal(['ErrorFolderNotFound'])
    })

    it('returns ErrorInvalidIdMalformed when the folder id is malformed', async () => {
      const res = await call(ews.app, renameFolderXml(folderId('***'), 'Other'))
      expect(res.codes()).to.deep.equal(['ErrorInvalidIdMalformed'])
    })

    it('returns ErrorInvalidIdEmpty when the folder id is empty', async () => {
      const res = await call(ews.app, renameFolderXml(folderId(''), 'Other'))
      expect(res.codes()).to.deep.equal(['ErrorInvalidIdEmpty'])
    })

    it("returns ErrorAccessDenied for bob's folder and leaves its name alone", async () => {
      const bobs = await createFolderIn(
        ews.app,
        distinguished('inbox'),
        'Private',
        'bob@contoso.com',
      )
      const res = await call(ews.app, renameFolderXml(folderId(bobs), 'Mine now'))
      expect(res.codes()).to.deep.equal(['ErrorAccessDenied'])
      const got = await call(ews.app, getFolderXml(folderId(bobs)), 'bob@contoso.com')
      expect(got.value('//t:Folder/t:DisplayName')).to.equal('Private')
    })

    it('refuses SetFolderField for folder:DisplayName without a DisplayName with an ErrorSchemaValidation fault', async () => {
      const id = await createFolderIn(ews.app, distinguished('inbox'), 'Projects')
      const res = await call(
        ews.app,
        updateOf(
          id,
          '<t:SetFolderField><t:FieldURI FieldURI="folder:DisplayName"/><t:Folder/></t:SetFolderField>',
        ),
      )
      expect(res.status).to.equal(500)
      expect(res.faultCode()).to.equal('ErrorSchemaValidation')
    })

    it('refuses a FolderChange without Updates with an ErrorSchemaValidation fault', async () => {
      const id = await createFolderIn(ews.app, distinguished('inbox'), 'Projects')
      const res = await call(
        ews.app,
        updateFolderXml(`<t:FolderChange>${folderId(id)}</t:FolderChange>`),
      )
      expect(res.status).to.equal(500)
      expect(res.faultCode()).to.equal('ErrorSchemaValidation')
    })

    it('refuses an empty FolderChanges element with an ErrorSchemaValidation fault', async () => {
      const res = await call(ews.app, updateFolderXml(''))
      expect(res.status).to.equal(500)
      expect(res.faultCode()).to.equal('ErrorSchemaValidation')
    })
  })
})
