/**
 * Issue 17, contacts and private distribution lists: CreateItem of t:Contact / t:DistributionList
 * into Contacts, GetItem and FindItem read them back, UpdateItem sets and deletes plain and indexed
 * fields (contacts:EmailAddress, contacts:PhoneNumber, contacts:PhysicalAddress:Street), DeleteItem.
 */
import { expect } from 'chai'
import { call, distinguished, envelope, post, testApp } from '../helpers/ews.ts'
import { createItemXml, findItemXml, getItemXml, itemChange, itemId } from '../helpers/items.ts'

const CONTACT =
  '<t:Contact><t:Subject>Dana Fisher</t:Subject>' +
  '<t:FileAs>Fisher, Dana</t:FileAs><t:DisplayName>Dana Fisher</t:DisplayName>' +
  '<t:GivenName>Dana</t:GivenName><t:Initials>DF</t:Initials><t:MiddleName>Q</t:MiddleName>' +
  '<t:Nickname>Dee</t:Nickname><t:CompanyName>Fabrikam</t:CompanyName>' +
  '<t:EmailAddresses><t:Entry Key="EmailAddress1" Name="Dana">dana@fabrikam.com</t:Entry>' +
  '<t:Entry Key="EmailAddress2">dana.home@example.org</t:Entry></t:EmailAddresses>' +
  '<t:PhysicalAddresses><t:Entry Key="Business"><t:Street>1 Main St</t:Street><t:City>Springfield</t:City>' +
  '<t:PostalCode>12345</t:PostalCode></t:Entry></t:PhysicalAddresses>' +
  '<t:PhoneNumbers><t:Entry Key="BusinessPhone">+1 555 0100</t:Entry><t:Entry Key="MobilePhone">+1 555 0199</t:Entry></t:PhoneNumbers>' +
  '<t:Birthday>1980-05-17T11:59:00Z</t:Birthday><t:Department>Sales</t:Department>' +
  '<t:JobTitle>Buyer</t:JobTitle><t:Surname>Fisher</t:Surname></t:Contact>'

const noDisposition = (items: string): string =>
  `<m:CreateItem><m:Items>${items}</m:Items></m:CreateItem>`

describe('Contacts and private distribution lists (issue 17)', () => {
  const ews = testApp()
  const app = ews.app

  async function create(xml: string): Promise<string> {
    const res = await call(app, noDisposition(xml))
    expect(res.codes()).to.deep.equal(['NoError'])
    return res.value('string(//m:Items/*/t:ItemId/@Id)')
  }
  const get = (id: string, shape = 'AllProperties', additional = '') =>
    call(app, getItemXml(itemId(id), shape, additional))

  it('CreateItem (no MessageDisposition) files a t:Contact in Contacts as IPM.Contact; GetItem reads every part back', async () => {
    const id = await create(CONTACT)
    const res = await get(id)
    expect(res.codes()).to.deep.equal(['NoError'])
    const c = (x: string) => res.value(`string(//t:Contact/t:${x})`)
    expect(c('ItemClass')).to.equal('IPM.Contact')
    expect([
      c('FileAs'),
      c('DisplayName'),
      c('GivenName'),
      c('MiddleName'),
      c('Surname'),
    ]).to.deep.equal(['Fisher, Dana', 'Dana Fisher', 'Dana', 'Q', 'Fisher'])
    expect([
      c('Initials'),
      c('Nickname'),
      c('CompanyName'),
      c('Department'),
      c('JobTitle'),
    ]).to.deep.equal(['DF', 'Dee', 'Fabrikam', 'Sales', 'Buyer'])
    expect(c('Birthday')).to.equal('1980-05-17T11:59:00Z')
    expect(c('EmailAddresses/t:Entry[@Key="EmailAddress1"]')).to.equal('dana@fabrikam.com')
    expect(c('EmailAddresses/t:Entry[@Key="EmailAddress1"]/@Name')).to.equal('Dana')
    expect(c('EmailAddresses/t:Entry[@Key="EmailAddress2"]')).to.equal('dana.home@example.org')
    expect(c('PhoneNumbers/t:Entry[@Key="MobilePhone"]')).to.equal('+1 555 0199')
    expect(c('PhysicalAddresses/t:Entry[@Key="Business"]/t:City')).to.equal('Springfield')
    const contacts = await call(app, findItemXml(distinguished('contacts')))
    expect(contacts.select('//t:Contact/t:ItemId/@Id').map((n) => n.nodeValue)).to.include(id)
    const inbox = await call(app, findItemXml(distinguished('inbox')))
    expect(inbox.select('//t:Contact')).to.have.length(0)
  })

  it('leaves out the elements an older RequestServerVersion lacks (ContactSource, the phonetic names)', async () => {
    const id = await create(
      '<t:Contact><t:GivenName>Old</t:GivenName><t:PhoneticFullName>Oh-ld</t:PhoneticFullName></t:Contact>',
    )
    const old = await post(app, envelope(getItemXml(itemId(id)), 'Exchange2007_SP1'))
    expect(old.codes()).to.deep.equal(['NoError'])
    expect(old.value('string(//t:Contact/t:GivenName)')).to.equal('Old')
    expect(
      old.select('//t:Contact/t:ContactSource | //t:Contact/t:PhoneticFullName'),
    ).to.have.length(0)
    const now = await get(id)
    expect(
      now.select('//t:Contact/t:ContactSource | //t:Contact/t:PhoneticFullName'),
    ).to.have.length(2)
  })

  it('IdOnly plus AdditionalProperties returns only the named contact fields', async () => {
    const id = await create(CONTACT)
    const res = await get(
      id,
      'IdOnly',
      '<t:AdditionalProperties><t:FieldURI FieldURI="contacts:GivenName"/>' +
        '<t:IndexedFieldURI FieldURI="contacts:PhoneNumber" FieldIndex="BusinessPhone"/></t:AdditionalProperties>',
    )
    expect(res.value('string(//t:Contact/t:GivenName)')).to.equal('Dana')
    expect(res.select('//t:Contact/t:PhoneNumbers/t:Entry')).to.have.length(2)
    expect(res.select('//t:Contact/t:Surname')).to.have.length(0)
  })

  it('FindItem restricts and sorts on contacts: fields', async () => {
    await create(
      '<t:Contact><t:GivenName>Zed</t:GivenName><t:CompanyName>Contoso</t:CompanyName></t:Contact>',
    )
    await create(
      '<t:Contact><t:GivenName>Amy</t:GivenName><t:CompanyName>Contoso</t:CompanyName></t:Contact>',
    )
    const res = await call(
      app,
      findItemXml(distinguished('contacts'), {
        restriction:
          '<m:Restriction><t:IsEqualTo><t:FieldURI FieldURI="contacts:CompanyName"/>' +
          '<t:FieldURIOrConstant><t:Constant Value="Contoso"/></t:FieldURIOrConstant></t:IsEqualTo></m:Restriction>',
        sort: '<m:SortOrder><t:FieldOrder Order="Ascending"><t:FieldURI FieldURI="contacts:GivenName"/></t:FieldOrder></m:SortOrder>',
      }),
    )
    expect(res.codes()).to.deep.equal(['NoError'])
    expect(res.select('//t:Contact/t:GivenName').map((n) => n.textContent)).to.deep.equal([
      'Amy',
      'Zed',
    ])
  })

  it('UpdateItem sets and deletes plain and indexed contact fields; the rest stays', async () => {
    const id = await create(CONTACT)
    const set = (path: string, contact: string) =>
      `<t:SetItemField>${path}<t:Contact>${contact}</t:Contact></t:SetItemField>`
    const del = (path: string) => `<t:DeleteItemField>${path}</t:DeleteItemField>`
    const res = await call(
      app,
      `<m:UpdateItem ConflictResolution="AlwaysOverwrite"><m:ItemChanges>${itemChange(
        itemId(id),
        set('<t:FieldURI FieldURI="contacts:JobTitle"/>', '<t:JobTitle>Head buyer</t:JobTitle>') +
          set(
            '<t:IndexedFieldURI FieldURI="contacts:EmailAddress" FieldIndex="EmailAddress3"/>',
            '<t:EmailAddresses><t:Entry Key="EmailAddress3">dana@contoso.com</t:Entry></t:EmailAddresses>',
          ) +
          set(
            '<t:IndexedFieldURI FieldURI="contacts:PhysicalAddress:Street" FieldIndex="Business"/>',
            '<t:PhysicalAddresses><t:Entry Key="Business"><t:Street>2 High St</t:Street></t:Entry></t:PhysicalAddresses>',
          ) +
          del('<t:IndexedFieldURI FieldURI="contacts:PhoneNumber" FieldIndex="MobilePhone"/>') +
          del('<t:FieldURI FieldURI="contacts:Nickname"/>'),
      )}</m:ItemChanges></m:UpdateItem>`,
    )
    expect(res.codes()).to.deep.equal(['NoError'])
    const after = await get(id)
    const c = (x: string) => after.value(`string(//t:Contact/t:${x})`)
    expect(c('JobTitle')).to.equal('Head buyer')
    expect(c('EmailAddresses/t:Entry[@Key="EmailAddress3"]')).to.equal('dana@contoso.com')
    expect(c('EmailAddresses/t:Entry[@Key="EmailAddress1"]')).to.equal('dana@fabrikam.com')
    expect(c('PhysicalAddresses/t:Entry[@Key="Business"]/t:Street')).to.equal('2 High St')
    expect(c('PhysicalAddresses/t:Entry[@Key="Business"]/t:City')).to.equal('Springfield')
    expect(
      after.select('//t:PhoneNumbers/t:Entry').map((n) => (n as Element).getAttribute('Key')),
    ).to.deep.equal(['BusinessPhone'])
    expect(after.select('//t:Contact/t:Nickname')).to.have.length(0)
    expect(c('GivenName')).to.equal('Dana')
  })

  it('a bad entry key, a read-only or not-yet element is refused naming it, and nothing is stored', async () => {
    const bad = await call(
      app,
      noDisposition(
        '<t:Contact><t:EmailAddresses><t:Entry Key="EmailAddress9">x@y.z</t:Entry></t:EmailAddresses></t:Contact>',
      ),
    )
    expect(bad.value('string(//faultstring)')).to.contain('EmailAddresses Key')
    const readOnly = await call(
      app,
      noDisposition('<t:Contact><t:HasPicture>true</t:HasPicture></t:Contact>'),
    )
    expect(readOnly.codes()).to.deep.equal(['ErrorInvalidPropertySet'])
    expect(readOnly.value('string(//m:MessageText)')).to.contain('contacts:HasPicture')
    const notYet = await call(app, noDisposition('<t:Contact><t:ImAddresses/></t:Contact>'))
    expect(notYet.codes()).to.deep.equal(['ErrorInvalidPropertySet'])
    expect(notYet.value('string(//m:MessageText)')).to.contain('ImAddresses')
    const demoted = await call(
      app,
      noDisposition(
        '<t:DistributionList><t:Members><t:Member><t:Mailbox><t:EmailAddress>x@y.z</t:EmailAddress></t:Mailbox>' +
          '<t:Status>Demoted</t:Status></t:Member></t:Members></t:DistributionList>',
      ),
    )
    expect(demoted.codes()).to.deep.equal(['ErrorInvalidPropertySet'])
    expect(demoted.value('string(//m:MessageText)')).to.contain('Status Demoted')
    const notContact = await call(
      app,
      noDisposition(
        `<t:DistributionList><t:Members><t:Member><t:Mailbox>${itemId(await create('<t:Task/>'))}</t:Mailbox></t:Member></t:Members></t:DistributionList>`,
      ),
    )
    expect(notContact.codes()).to.deep.equal(['ErrorInvalidPropertySet'])
    const sent = await call(
      app,
      createItemXml('SendAndSaveCopy', '<t:Contact><t:GivenName>X</t:GivenName></t:Contact>'),
    )
    expect(sent.codes()).to.deep.equal(['ErrorInvalidItemForOperationSendItem'])
  })

  it('a private t:DistributionList keeps its members (IPM.DistList); UpdateItem appends one; DeleteItem removes it', async () => {
    const member = (a: string, n: string) =>
      `<t:Member><t:Mailbox><t:Name>${n}</t:Name><t:EmailAddress>${a}</t:EmailAddress></t:Mailbox></t:Member>`
    const id = await create(
      `<t:DistributionList><t:DisplayName>Buyers</t:DisplayName><t:Members>${member('dana@fabrikam.com', 'Dana')}${member('bob@contoso.com', 'Bob')}</t:Members></t:DistributionList>`,
    )
    const res = await call(
      app,
      `<m:UpdateItem ConflictResolution="AlwaysOverwrite"><m:ItemChanges>${itemChange(
        itemId(id),
        `<t:AppendToItemField><t:FieldURI FieldURI="distributionlist:Members"/><t:DistributionList><t:Members>${member('carol@fabrikam.com', 'Carol')}</t:Members></t:DistributionList></t:AppendToItemField>`,
      )}</m:ItemChanges></m:UpdateItem>`,
    )
    expect(res.codes()).to.deep.equal(['NoError'])
    // Deleting one member by its Key is not implemented: refused, and every member stays.
    const one = await call(
      app,
      `<m:UpdateItem ConflictResolution="AlwaysOverwrite"><m:ItemChanges>${itemChange(
        itemId(id),
        '<t:DeleteItemField><t:IndexedFieldURI FieldURI="distributionlist:Members:Member" FieldIndex="k1"/></t:DeleteItemField>',
      )}</m:ItemChanges></m:UpdateItem>`,
    )
    expect(one.codes()).to.deep.equal(['ErrorInvalidPropertySet'])
    const back = await get(id)
    expect(back.value('string(//t:DistributionList/t:ItemClass)')).to.equal('IPM.DistList')
    expect(back.value('string(//t:DistributionList/t:DisplayName)')).to.equal('Buyers')
    expect(
      back
        .select('//t:DistributionList/t:Members/t:Member/t:Mailbox/t:EmailAddress')
        .map((n) => n.textContent),
    ).to.deep.equal(['dana@fabrikam.com', 'bob@contoso.com', 'carol@fabrikam.com'])
    const del = await call(
      app,
      `<m:DeleteItem DeleteType="HardDelete"><m:ItemIds>${itemId(id)}</m:ItemIds></m:DeleteItem>`,
    )
    expect(del.codes()).to.deep.equal(['NoError'])
    expect((await get(id)).codes()).to.deep.equal(['ErrorItemNotFound'])
  })

  describe('ResolveNames and ExpandDL with contacts', () => {
    const resolveXml = (entry: string, scope: string, full = false) =>
      `<m:ResolveNames ReturnFullContactData="${full}" SearchScope="${scope}"><m:UnresolvedEntry>${entry}</m:UnresolvedEntry></m:ResolveNames>`
    const resolved = (res: Awaited<ReturnType<typeof call>>, path = '//t:Resolution/t:Mailbox') =>
      res.select(path).map((m) => {
        const el = m as Element
        const v = (n: string) => el.getElementsByTagNameNS('*', n)[0]?.textContent ?? ''
        return `${v('MailboxType')}:${v('EmailAddress') || v('Name')}`
      })
    let listId = ''
    before(async () => {
      // Bob is in Alice's directory and her contacts ("Bob Contact", another address).
      await create(
        '<t:Contact><t:DisplayName>Bob Contact</t:DisplayName><t:EmailAddresses>' +
          '<t:Entry Key="EmailAddress1">bob.private@example.org</t:Entry></t:EmailAddresses></t:Contact>',
      )
      listId = await create(
        '<t:DistributionList><t:DisplayName>Bowling team</t:DisplayName><t:Members>' +
          '<t:Member><t:Mailbox><t:EmailAddress>bob@contoso.com</t:EmailAddress></t:Mailbox></t:Member>' +
          '<t:Member><t:Mailbox><t:Name>Pat</t:Name><t:EmailAddress>pat@example.org</t:EmailAddress></t:Mailbox></t:Member>' +
          '</t:Members></t:DistributionList>',
      )
    })

    it('searches the contacts in the order the SearchScope gives', async () => {
      expect(resolved(await call(app, resolveXml('bob', 'ActiveDirectory')))).to.deep.equal([
        'Mailbox:bob@contoso.com',
      ])
      expect(resolved(await call(app, resolveXml('bob', 'Contacts')))).to.deep.equal([
        'Contact:bob.private@example.org',
      ])
      expect(resolved(await call(app, resolveXml('bob', 'ActiveDirectoryContacts')))).to.deep.equal(
        ['Mailbox:bob@contoso.com', 'Contact:bob.private@example.org'],
      )
      expect(resolved(await call(app, resolveXml('bob', 'ContactsActiveDirectory')))).to.deep.equal(
        ['Contact:bob.private@example.org', 'Mailbox:bob@contoso.com'],
      )
      expect(resolved(await call(app, resolveXml('bowling', 'Contacts')))).to.deep.equal([
        'PrivateDL:Bowling team',
      ])
    })

    it("returns a contact's own data with ReturnFullContactData", async () => {
      const res = await call(app, resolveXml('bob.private', 'Contacts', true))
      expect(res.codes()).to.deep.equal(['NoError'])
      expect(res.value('string(//t:Resolution/t:Contact/t:DisplayName)')).to.equal('Bob Contact')
      expect(res.value('string(//t:Resolution/t:Contact/t:ContactSource)')).to.equal('Store')
      expect(res.value('string(//t:Resolution/t:Mailbox/t:ItemId/@Id)')).to.not.equal('')
    })

    it('ExpandDL expands a private distribution list by its ItemId', async () => {
      const res = await call(
        app,
        `<m:ExpandDL><m:Mailbox>${itemId(listId)}</m:Mailbox></m:ExpandDL>`,
      )
      expect(res.codes()).to.deep.equal(['NoError'])
      expect(resolved(res, '//m:DLExpansion/t:Mailbox')).to.deep.equal([
        'Mailbox:bob@contoso.com',
        'OneOff:pat@example.org',
      ])
    })
  })
})
