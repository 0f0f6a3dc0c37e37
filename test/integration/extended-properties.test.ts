import { expect } from 'chai'
import type { EwsApp } from '../../mock-ews/index.ts'
import {
  call,
  createFolderXml,
  distinguished,
  folderId,
  getFolderXml,
  testApp,
} from '../helpers/ews.ts'
import {
  BOB,
  createItemXml,
  findItemXml,
  getItemXml,
  itemChange,
  itemId,
  moveItemXml,
  updateItemXml,
} from '../helpers/items.ts'

/** `<t:ExtendedFieldURI …/>` from attributes. */
const uri = (attrs: Record<string, string>): string =>
  `<t:ExtendedFieldURI ${Object.entries(attrs)
    .map(([k, v]) => `${k}="${v}"`)
    .join(' ')}/>`

const prop = (attrs: Record<string, string>, value: string | string[]): string =>
  `<t:ExtendedProperty>${uri(attrs)}${
    Array.isArray(value)
      ? `<t:Values>${value.map((v) => `<t:Value>${v}</t:Value>`).join('')}</t:Values>`
      : `<t:Value>${value}</t:Value>`
  }</t:ExtendedProperty>`

/** A draft with a subject and the given ExtendedProperty elements (types.xsd order). */
const draft = (props: string): string =>
  createItemXml('SaveOnly', `<t:Message><t:Subject>S</t:Subject>${props}</t:Message>`)

const FLAG = { PropertyTag: '0x1090', PropertyType: 'Integer' }
const NAMED = {
  DistinguishedPropertySetId: 'PublicStrings',
  PropertyName: 'Colour',
  PropertyType: 'String',
}
const BY_GUID = {
  PropertySetId: '00020329-0000-0000-C000-000000000046',
  PropertyName: 'Colour',
  PropertyType: 'String',
}

describe('Extended properties', () => {
  let ews: EwsApp
  beforeEach(() => {
    ews = testApp()
  })

  async function create(props: string): Promise<string> {
    const res = await call(ews.app, draft(props))
    expect(res.codes(), res.text).to.deep.equal(['NoError'])
    return res.value('//m:Items/t:Message/t:ItemId/@Id')
  }

  async function read(id: string, ...uris: Record<string, string>[]) {
    const res = await call(
      ews.app,
      getItemXml(
        itemId(id),
        'IdOnly',
        `<t:AdditionalProperties>${uris.map(uri).join('')}</t:AdditionalProperties>`,
      ),
    )
    expect(res.codes(), res.text).to.deep.equal(['NoError'])
    return res
  }

  it('stores a tagged property from CreateItem and returns it when named, as the client named it', async () => {
    const id = await create(prop(FLAG, '2'))
    const res = await read(id, FLAG)
    expect(res.value('//t:ExtendedProperty/t:ExtendedFieldURI/@PropertyTag')).to.equal('0x1090')
    expect(res.value('//t:ExtendedProperty/t:Value')).to.equal('2')
    // The same tag in decimal names the same property.
    const dec = await read(id, { PropertyTag: '4240', PropertyType: 'Integer' })
    expect(dec.value('//t:ExtendedProperty/t:Value')).to.equal('2')
    expect(dec.value('//t:ExtendedProperty/t:ExtendedFieldURI/@PropertyTag')).to.equal('4240')
  })

  it('is not returned by AllProperties (Exchange returns extended properties only when named)', async () => {
    const id = await create(prop(FLAG, '2'))
    const res = await call(ews.app, getItemXml(itemId(id), 'AllProperties'))
    expect(res.select('//t:ExtendedProperty')).to.have.length(0)
  })

  it('names a property of a distinguished set or by its GUID alike', async () => {
    const id = await create(prop(NAMED, 'blue'))
    expect((await read(id, BY_GUID)).value('//t:ExtendedProperty/t:Value')).to.equal('blue')
    const byId = {
      DistinguishedPropertySetId: 'Common',
      PropertyId: '0x8501',
      PropertyType: 'Integer',
    }
    const id2 = await create(prop(byId, '15'))
    const res = await read(id2, {
      PropertySetId: '00062008-0000-0000-c000-000000000046',
      PropertyId: '34049',
      PropertyType: 'Integer',
    })
    expect(res.value('//t:ExtendedProperty/t:Value')).to.equal('15')
  })

  it('keeps every type, arrays as Values, in canonical form', async () => {
    const cases: [string, string | string[], string | string[]][] = [
      ['Boolean', '1', 'true'],
      ['Short', '-5', '-5'],
      ['Long', '9007199254740993', '9007199254740993'],
      ['Double', '1.5', '1.5'],
      ['SystemTime', '2026-01-02T03:04:05Z', '2026-01-02T03:04:05Z'],
      ['Binary', 'AQID', 'AQID'],
      ['CLSID', '{6ED8DA90-450B-101B-98DA-00AA003F1305}', '6ed8da90-450b-101b-98da-00aa003f1305'],
      ['String', ' spaced ', ' spaced '],
      ['StringArray', ['a', 'b'], ['a', 'b']],
      ['IntegerArray', ['1', '2', '3'], ['1', '2', '3']],
    ]
    for (const [type, given, back] of cases) {
      const def = {
        DistinguishedPropertySetId: 'PublicStrings',
        PropertyName: `p-${type}`,
        PropertyType: type,
      }
      const id = await create(prop(def, given))
      const res = await read(id, def)
      const got = res.select('//t:ExtendedProperty//t:Value').map((n) => n.textContent)
      expect(got, type).to.deep.equal(Array.isArray(back) ? back : [back])
      expect(res.select('//t:ExtendedProperty/t:Values'), type).to.have.length(
        Array.isArray(back) ? 1 : 0,
      )
    }
  })

  it('returns nothing for a property the item does not have, or asked with another type', async () => {
    const id = await create(prop(FLAG, '2'))
    const res = await read(
      id,
      { PropertyTag: '0x1091', PropertyType: 'Integer' },
      { PropertyTag: '0x1090', PropertyType: 'String' },
    )
    expect(res.select('//t:ExtendedProperty')).to.have.length(0)
  })

  it('refuses a value its type does not allow, storing nothing', async () => {
    for (const [type, value] of [
      ['Integer', 'two'],
      ['Integer', '99999999999'],
      ['Boolean', 'yes'],
      ['SystemTime', 'yesterday'],
      ['Binary', 'not base64!'],
      ['CLSID', '1234'],
      ['Double', '1,5'],
    ]) {
      const res = await call(
        ews.app,
        draft(prop({ PropertyTag: '0x1090', PropertyType: type! }, value!)),
      )
      expect(res.codes(), `${type} ${value}`).to.deep.equal(['ErrorInvalidExtendedPropertyValue'])
    }
    const arrayAsValue = await call(
      ews.app,
      draft(prop({ PropertyTag: '0x1090', PropertyType: 'IntegerArray' }, '1')),
    )
    expect(arrayAsValue.codes()).to.deep.equal(['ErrorInvalidExtendedPropertyValue'])
    const drafts = await call(
      ews.app,
      '<m:FindItem Traversal="Shallow"><m:ItemShape><t:BaseShape>IdOnly</t:BaseShape></m:ItemShape><m:ParentFolderIds><t:DistinguishedFolderId Id="drafts"/></m:ParentFolderIds></m:FindItem>',
    )
    expect(drafts.select('//t:Message')).to.have.length(0)
  })

  it('refuses a malformed ExtendedFieldURI with ErrorInvalidExtendedProperty', async () => {
    const bads: Record<string, string>[] = [
      { PropertyTag: '0x8001', PropertyType: 'Integer' },
      { PropertyTag: 'zz', PropertyType: 'Integer' },
      { PropertyTag: '0x1090', PropertySetId: BY_GUID.PropertySetId, PropertyType: 'Integer' },
      { DistinguishedPropertySetId: 'PublicStrings', PropertyType: 'String' },
      { PropertySetId: 'nope', PropertyName: 'x', PropertyType: 'String' },
      {
        DistinguishedPropertySetId: 'PublicStrings',
        PropertyName: 'x',
        PropertyId: '1',
        PropertyType: 'String',
      },
    ]
    for (const bad of bads) {
      const res = await call(ews.app, draft(prop(bad, '1')))
      expect(res.codes(), JSON.stringify(bad)).to.deep.equal(['ErrorInvalidExtendedProperty'])
    }
  })

  it('aliases PR_MESSAGE_CLASS, PR_SUBJECT and PR_IMPORTANCE to ItemClass, Subject and Importance', async () => {
    const id = await create(
      prop({ PropertyTag: '0x001A', PropertyType: 'String' }, 'IPM.Note.Custom') +
        prop({ PropertyTag: '0x0017', PropertyType: 'Integer' }, '2'),
    )
    const res = await call(ews.app, getItemXml(itemId(id), 'AllProperties'))
    expect(res.value('//t:Message/t:ItemClass')).to.equal('IPM.Note.Custom')
    expect(res.value('//t:Message/t:Importance')).to.equal('High')
    const back = await read(
      id,
      { PropertyTag: '0x0037', PropertyType: 'String' },
      { PropertyTag: '26', PropertyType: 'String' },
    )
    expect(back.select('//t:ExtendedProperty/t:Value').map((n) => n.textContent)).to.deep.equal([
      'S',
      'IPM.Note.Custom',
    ])
  })

  it('reads PR_MESSAGE_FLAGS from IsRead and IsDraft; set on CreateItem without MSGFLAG_UNSENT, the message is no draft', async () => {
    const FLAGS = { PropertyTag: '0x0E07', PropertyType: 'Integer' }
    const received = await create(prop(FLAGS, '1'))
    const res = await call(ews.app, getItemXml(itemId(received), 'AllProperties'))
    expect(res.value('//t:Message/t:IsDraft')).to.equal('false')
    expect(res.value('//t:Message/t:IsRead')).to.equal('true')
    const unread = await create(prop(FLAGS, '0'))
    expect((await read(unread, FLAGS)).value('//t:ExtendedProperty/t:Value')).to.equal('0')
    const plain = await create('')
    // A new draft: MSGFLAG_READ | MSGFLAG_UNSENT.
    expect((await read(plain, FLAGS)).value('//t:ExtendedProperty/t:Value')).to.equal('9')
  })

  describe('UpdateItem', () => {
    const setField = (attrs: Record<string, string>, value: string | string[]): string =>
      `<t:SetItemField>${uri(attrs)}<t:Message>${prop(attrs, value)}</t:Message></t:SetItemField>`
    const deleteField = (attrs: Record<string, string>): string =>
      `<t:DeleteItemField>${uri(attrs)}</t:DeleteItemField>`
    const update = (id: string, updates: string) =>
      call(ews.app, updateItemXml(itemChange(itemId(id), updates)))

    it('sets, replaces and deletes a property by its ExtendedFieldURI', async () => {
      const id = await create(prop(NAMED, 'blue'))
      expect((await update(id, setField(FLAG, '1'))).codes()).to.deep.equal(['NoError'])
      expect((await update(id, setField(BY_GUID, 'red'))).codes()).to.deep.equal(['NoError'])
      const res = await read(id, FLAG, NAMED)
      expect(res.select('//t:ExtendedProperty/t:Value').map((n) => n.textContent)).to.deep.equal([
        '1',
        'red',
      ])
      expect((await update(id, deleteField(FLAG))).codes()).to.deep.equal(['NoError'])
      const after = await read(id, FLAG, NAMED)
      expect(after.select('//t:ExtendedProperty/t:Value').map((n) => n.textContent)).to.deep.equal([
        'red',
      ])
    })

    it('changes the first-class field through an aliased tag', async () => {
      const id = await create('')
      const res = await update(
        id,
        setField({ PropertyTag: '0x0037', PropertyType: 'String' }, 'New subject'),
      )
      expect(res.codes(), res.text).to.deep.equal(['NoError'])
      const got = await call(ews.app, getItemXml(itemId(id), 'Default'))
      expect(got.value('//t:Message/t:Subject')).to.equal('New subject')
    })

    it('PR_MESSAGE_FLAGS on a saved item changes IsRead, never IsDraft (MSGFLAG_UNSENT is fixed at the first save)', async () => {
      const FLAGS = { PropertyTag: '0x0E07', PropertyType: 'Integer' }
      const id = await create('')
      expect((await update(id, setField(FLAGS, '0'))).codes()).to.deep.equal(['NoError'])
      const res = await call(ews.app, getItemXml(itemId(id), 'AllProperties'))
      expect(res.value('//t:Message/t:IsDraft')).to.equal('true')
      expect(res.value('//t:Message/t:IsRead')).to.equal('false')
    })

    it('refuses a bad value per item and changes nothing', async () => {
      const id = await create(prop(FLAG, '7'))
      const res = await update(id, setField(FLAG, 'seven'))
      expect(res.codes()).to.deep.equal(['ErrorInvalidExtendedPropertyValue'])
      const mismatched = await update(
        id,
        `<t:SetItemField>${uri(FLAG)}<t:Message>${prop(NAMED, 'x')}</t:Message></t:SetItemField>`,
      )
      expect(mismatched.codes()).to.deep.equal(['ErrorIncorrectUpdatePropertyCount'])
      expect((await read(id, FLAG)).value('//t:ExtendedProperty/t:Value')).to.equal('7')
    })
  })

  it('counts toward item:Size', async () => {
    const plain = await create('')
    const big = await create(
      prop({ PropertyTag: '0x1091', PropertyType: 'Binary' }, 'A'.repeat(4000)),
    )
    const sizeOf = async (id: string): Promise<number> =>
      Number((await call(ews.app, getItemXml(itemId(id), 'Default'))).value('//t:Message/t:Size'))
    expect((await sizeOf(big)) - (await sizeOf(plain))).to.be.at.least(4000)
  })

  it('is copied and moved with the item', async () => {
    const id = await create(prop(FLAG, '3'))
    const inbox = '<t:DistinguishedFolderId Id="inbox"/>'
    const copy = await call(ews.app, moveItemXml(inbox, itemId(id), 'CopyItem', true))
    const moved = await call(ews.app, moveItemXml(inbox, itemId(id), 'MoveItem', true))
    for (const res of [copy, moved]) {
      expect(res.codes(), res.text).to.deep.equal(['NoError'])
      const got = await read(res.value('//t:ItemId/@Id'), FLAG)
      expect(got.value('//t:ExtendedProperty/t:Value')).to.equal('3')
    }
  })

  it("travels with a sent message to the recipient's copy", async () => {
    const send = createItemXml(
      'SendAndSaveCopy',
      `<t:Message><t:Subject>S</t:Subject>${prop(NAMED, 'green')}<t:ToRecipients><t:Mailbox><t:EmailAddress>${BOB}</t:EmailAddress></t:Mailbox></t:ToRecipients></t:Message>`,
    )
    expect((await call(ews.app, send)).codes()).to.deep.equal(['NoError'])
    const inbox = await call(
      ews.app,
      findItemXml('<t:DistinguishedFolderId Id="inbox"/>', {
        shape: 'IdOnly',
        additional: `<t:AdditionalProperties>${uri(NAMED)}</t:AdditionalProperties>`,
      }),
      BOB,
    )
    expect(
      inbox.select('//t:Message/t:ExtendedProperty/t:Value').map((n) => n.textContent),
    ).to.deep.equal(['green'])
  })

  describe('FindItem restriction and sort', () => {
    const drafts = '<t:DistinguishedFolderId Id="drafts"/>'
    const TAGS = {
      DistinguishedPropertySetId: 'PublicStrings',
      PropertyName: 'Tags',
      PropertyType: 'StringArray',
    }
    const WHEN = { PropertyTag: '0x3007', PropertyType: 'SystemTime' }

    async function subjects(restriction: string, sort = ''): Promise<string[]> {
      const res = await call(
        ews.app,
        findItemXml(drafts, {
          shape: 'Default',
          restriction: restriction && `<m:Restriction>${restriction}</m:Restriction>`,
          sort,
        }),
      )
      expect(res.codes(), res.text).to.deep.equal(['NoError'])
      return res.select('//t:Message/t:Subject').map((n) => n.textContent ?? '')
    }
    const cmp = (op: string, attrs: Record<string, string>, value: string): string =>
      `<t:${op}>${uri(attrs)}<t:FieldURIOrConstant><t:Constant Value="${value}"/></t:FieldURIOrConstant></t:${op}>`

    beforeEach(async () => {
      for (const [subject, flag, tags, when] of [
        ['one', '1', ['red'], '2026-01-01T00:00:00Z'],
        ['ten', '10', ['red', 'blue'], '2026-03-01T00:00:00Z'],
        ['two', '2', ['blue'], '2026-02-01T00:00:00Z'],
      ] as const) {
        const res = await call(
          ews.app,
          createItemXml(
            'SaveOnly',
            `<t:Message><t:Subject>${subject}</t:Subject>${prop(FLAG, flag)}${prop(TAGS, [...tags])}${prop(WHEN, when)}</t:Message>`,
          ),
        )
        expect(res.codes()).to.deep.equal(['NoError'])
      }
      await call(
        ews.app,
        createItemXml('SaveOnly', '<t:Message><t:Subject>none</t:Subject></t:Message>'),
      )
    })

    it('compares numbers as numbers, dates as dates, and array members', async () => {
      expect(await subjects(cmp('IsGreaterThan', FLAG, '1'))).to.have.members(['ten', 'two'])
      expect(
        await subjects(cmp('IsEqualTo', { PropertyTag: '4240', PropertyType: 'Integer' }, '10')),
      ).to.deep.equal(['ten'])
      expect(await subjects(cmp('IsLessThan', WHEN, '2026-02-15T00:00:00Z'))).to.have.members([
        'one',
        'two',
      ])
      expect(await subjects(cmp('IsEqualTo', TAGS, 'blue'))).to.have.members(['ten', 'two'])
      expect(await subjects(`<t:Exists>${uri(FLAG)}</t:Exists>`)).to.have.members([
        'one',
        'ten',
        'two',
      ])
      expect(await subjects(`<t:Not><t:Exists>${uri(FLAG)}</t:Exists></t:Not>`)).to.deep.equal([
        'none',
      ])
    })

    it('sorts on an extended property, numerically', async () => {
      const sort = `<m:SortOrder><t:FieldOrder Order="Descending">${uri(FLAG)}</t:FieldOrder></m:SortOrder>`
      expect(await subjects('', sort)).to.deep.equal(['ten', 'two', 'one', 'none'])
    })

    it('reads an aliased tag as its field', async () => {
      const cls = { PropertyTag: '0x001A', PropertyType: 'String' }
      expect(
        await subjects(cmp('IsEqualTo', { PropertyTag: '0x0037', PropertyType: 'String' }, 'two')),
      ).to.deep.equal(['two'])
      expect(await subjects(cmp('IsEqualTo', cls, 'IPM.Note'))).to.have.length(4)
    })
  })

  describe('folders', () => {
    const newFolder = (name: string, props: string): string =>
      createFolderXml(
        distinguished('inbox'),
        `<t:Folder><t:DisplayName>${name}</t:DisplayName>${props}</t:Folder>`,
      )
    const readFolder = (id: string, ...uris: Record<string, string>[]) =>
      call(
        ews.app,
        getFolderXml(
          folderId(id),
          'IdOnly',
          `<t:AdditionalProperties>${uris.map(uri).join('')}</t:AdditionalProperties>`,
        ),
      )

    it('keeps extended properties given to CreateFolder, returns them when named, and copies them', async () => {
      const res = await call(ews.app, newFolder('Tagged', prop(FLAG, '4') + prop(NAMED, 'teal')))
      expect(res.codes(), res.text).to.deep.equal(['NoError'])
      const id = res.value('//t:FolderId/@Id')
      const got = await readFolder(id, FLAG, BY_GUID)
      expect(got.codes(), got.text).to.deep.equal(['NoError'])
      expect(got.select('//t:ExtendedProperty/t:Value').map((n) => n.textContent)).to.deep.equal([
        '4',
        'teal',
      ])
      const plain = await call(ews.app, getFolderXml(folderId(id), 'AllProperties'))
      expect(plain.select('//t:ExtendedProperty')).to.have.length(0)
      const copy = await call(
        ews.app,
        `<m:CopyFolder><m:ToFolderId>${distinguished('drafts')}</m:ToFolderId><m:FolderIds>${folderId(id)}</m:FolderIds></m:CopyFolder>`,
      )
      expect(copy.codes(), copy.text).to.deep.equal(['NoError'])
      const copied = await readFolder(copy.value('//t:FolderId/@Id'), FLAG)
      expect(copied.value('//t:ExtendedProperty/t:Value')).to.equal('4')
    })

    it('sets, replaces and deletes a folder property with UpdateFolder', async () => {
      const made = await call(ews.app, newFolder('Tagged', prop(FLAG, '4')))
      const id = made.value('//t:FolderId/@Id')
      const update = (updates: string) =>
        call(
          ews.app,
          `<m:UpdateFolder><m:FolderChanges><t:FolderChange>${folderId(id)}<t:Updates>${updates}</t:Updates></t:FolderChange></m:FolderChanges></m:UpdateFolder>`,
        )
      const set = (attrs: Record<string, string>, value: string): string =>
        `<t:SetFolderField>${uri(attrs)}<t:Folder>${prop(attrs, value)}</t:Folder></t:SetFolderField>`
      const res = await update(set(FLAG, '5') + set(NAMED, 'navy'))
      expect(res.codes(), res.text).to.deep.equal(['NoError'])
      expect(res.value('//t:FolderId/@ChangeKey')).to.not.equal(
        made.value('//t:FolderId/@ChangeKey'),
      )
      const got = await readFolder(id, FLAG, NAMED)
      expect(got.select('//t:ExtendedProperty/t:Value').map((n) => n.textContent)).to.deep.equal([
        '5',
        'navy',
      ])
      const bad = await update(set(FLAG, 'five'))
      expect(bad.codes()).to.deep.equal(['ErrorInvalidExtendedPropertyValue'])
      const del = await update(`<t:DeleteFolderField>${uri(FLAG)}</t:DeleteFolderField>`)
      expect(del.codes(), del.text).to.deep.equal(['NoError'])
      const after = await readFolder(id, FLAG, NAMED)
      expect(after.select('//t:ExtendedProperty/t:Value').map((n) => n.textContent)).to.deep.equal([
        'navy',
      ])
    })

    it('refuses a bad value per folder, creating nothing for it', async () => {
      const res = await call(
        ews.app,
        createFolderXml(
          distinguished('inbox'),
          `<t:Folder><t:DisplayName>Bad</t:DisplayName>${prop(FLAG, 'four')}</t:Folder><t:Folder><t:DisplayName>Good</t:DisplayName></t:Folder>`,
        ),
      )
      expect(res.codes()).to.deep.equal(['ErrorInvalidExtendedPropertyValue', 'NoError'])
    })
  })
})
