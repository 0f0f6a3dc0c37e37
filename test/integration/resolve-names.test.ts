// ResolveNames over the caller's organisation's address list: raw SOAP for the answers' shape and
// errors, ews-javascript-api's ResolveName for what an application sees.
import { expect } from 'chai'
import * as ews from 'ews-javascript-api'
import { startEwsServer } from '../../mock-ews/index.ts'
import type { EwsApp, RunningServer } from '../../mock-ews/index.ts'
import { demoTopology } from '../../mock-ews/topology/topology.ts'
import type { Topology } from '../../mock-ews/topology/topology.ts'
import { call, envelope, PASSWORD, post, testApp } from '../helpers/ews.ts'

/** The demo topology with Alan Woods beside Alice Wood, so "al" and "wood" are ambiguous. */
function topology(): Topology {
  const t = demoTopology()
  const contoso = t.organisations[0]!
  contoso.users.push({
    ...contoso.users[0]!,
    address: 'alan@contoso.com',
    displayName: 'Alan Woods',
  })
  return t
}

const resolveXml = (entry: string, attrs = 'ReturnFullContactData="false"'): string =>
  `<m:ResolveNames ${attrs}><m:UnresolvedEntry>${entry}</m:UnresolvedEntry></m:ResolveNames>`

const addresses = (res: Awaited<ReturnType<typeof call>>): string[] =>
  res.select('//t:Resolution/t:Mailbox/t:EmailAddress').map((n) => n.textContent ?? '')

describe('ResolveNames', () => {
  let mock: EwsApp
  beforeEach(() => {
    mock = testApp({ topology: topology() })
  })

  for (const entry of [
    'alice@contoso.com',
    'SMTP:Alice@Contoso.com',
    'alice',
    'Alice Wood',
    'ALICE WOOD',
  ]) {
    it(`resolves "${entry}" to Alice alone with NoError`, async () => {
      const res = await call(mock.app, resolveXml(entry))
      expect(res.codes()).to.deep.equal(['NoError'])
      expect(res.value('//m:ResolveNamesResponseMessage/@ResponseClass')).to.equal('Success')
      expect(res.value('//m:ResolutionSet/@TotalItemsInView')).to.equal('1')
      expect(res.value('//m:ResolutionSet/@IncludesLastItemInRange')).to.equal('true')
      expect(res.value('//t:Resolution/t:Mailbox/t:Name')).to.equal('Alice Wood')
      expect(addresses(res)).to.deep.equal(['alice@contoso.com'])
      expect(res.value('//t:Mailbox/t:RoutingType')).to.equal('SMTP')
      expect(res.value('//t:Mailbox/t:MailboxType')).to.equal('Mailbox')
      expect(res.select('//t:Resolution/t:Contact')).to.have.length(0)
    })
  }

  it('resolves a unique prefix of a surname', async () => {
    const res = await call(mock.app, resolveXml('kel'))
    expect(res.codes()).to.deep.equal(['NoError'])
    expect(addresses(res)).to.deep.equal(['bob@contoso.com'])
  })

  it('answers an ambiguous name with a Warning, ErrorNameResolutionMultipleResults and every match', async () => {
    const res = await call(mock.app, resolveXml('al'))
    expect(res.value('//m:ResolveNamesResponseMessage/@ResponseClass')).to.equal('Warning')
    expect(res.codes()).to.deep.equal(['ErrorNameResolutionMultipleResults'])
    expect(res.value('//m:MessageText')).to.equal('Multiple results were found.')
    expect(res.value('//m:ResolutionSet/@TotalItemsInView')).to.equal('2')
    expect(addresses(res)).to.deep.equal(['alan@contoso.com', 'alice@contoso.com'])
  })

  it('answers a name nobody has with ErrorNameResolutionNoResults and no ResolutionSet', async () => {
    const res = await call(mock.app, resolveXml('zoe'))
    expect(res.value('//m:ResolveNamesResponseMessage/@ResponseClass')).to.equal('Error')
    expect(res.codes()).to.deep.equal(['ErrorNameResolutionNoResults'])
    expect(res.value('//m:MessageText')).to.equal('No results were found.')
    expect(res.select('//m:ResolutionSet')).to.have.length(0)
  })

  it("does not resolve another organisation's users, federated or not", async () => {
    for (const entry of ['carol', 'Carol Ruiz', 'SMTP:carol@fabrikam.com', 'carol@fabrikam.com']) {
      const res = await call(mock.app, resolveXml(entry))
      expect(res.codes(), entry).to.deep.equal(['ErrorNameResolutionNoResults'])
    }
    const fromCarol = await call(mock.app, resolveXml('carol'), 'carol@fabrikam.com')
    expect(addresses(fromCarol)).to.deep.equal(['carol@fabrikam.com'])
  })

  it('searches no directory with SearchScope Contacts (this caller has no contacts)', async () => {
    const res = await call(
      mock.app,
      resolveXml('alice', 'ReturnFullContactData="false" SearchScope="Contacts"'),
    )
    expect(res.codes()).to.deep.equal(['ErrorNameResolutionNoResults'])
  })

  it('accepts ParentFolderIds, SearchScope and ContactDataShape', async () => {
    const res = await call(
      mock.app,
      '<m:ResolveNames ReturnFullContactData="true" SearchScope="ActiveDirectory" ContactDataShape="AllProperties">' +
        '<m:ParentFolderIds><t:DistinguishedFolderId Id="contacts"/></m:ParentFolderIds>' +
        '<m:UnresolvedEntry>bob</m:UnresolvedEntry></m:ResolveNames>',
    )
    expect(res.codes()).to.deep.equal(['NoError'])
    expect(addresses(res)).to.deep.equal(['bob@contoso.com'])
  })

  it('returns the contact data with ReturnFullContactData', async () => {
    const res = await call(mock.app, resolveXml('bob', 'ReturnFullContactData="true"'))
    expect(res.value('//t:Resolution/t:Contact/t:DisplayName')).to.equal('Bob Kelly')
    expect(res.value('//t:Contact/t:EmailAddresses/t:Entry[@Key="EmailAddress1"]')).to.equal(
      'SMTP:bob@contoso.com',
    )
    expect(res.value('//t:Contact/t:ContactSource')).to.equal('ActiveDirectory')
  })

  it('leaves ContactSource out for an Exchange 2007 client', async () => {
    const res = await post(
      mock.app,
      envelope(resolveXml('bob', 'ReturnFullContactData="true"'), 'Exchange2007_SP1'),
    )
    expect(res.value('//t:Contact/t:DisplayName')).to.equal('Bob Kelly')
    expect(res.select('//t:Contact/t:ContactSource')).to.have.length(0)
  })

  it('answers an entry longer than any address with ErrorNameResolutionNoResults', async () => {
    const res = await call(mock.app, resolveXml('a'.repeat(100_000)))
    expect(res.codes()).to.deep.equal(['ErrorNameResolutionNoResults'])
  })

  for (const [what, body, violation] of [
    ['an empty entry', resolveXml(''), 'NonEmptyStringType'],
    ['no entry', '<m:ResolveNames ReturnFullContactData="false"/>', 'UnresolvedEntry'],
    [
      'no ReturnFullContactData',
      '<m:ResolveNames><m:UnresolvedEntry>a</m:UnresolvedEntry></m:ResolveNames>',
      'ReturnFullContactData',
    ],
    [
      'a bad SearchScope',
      resolveXml('a', 'ReturnFullContactData="false" SearchScope="Everywhere"'),
      'Everywhere',
    ],
  ] as const) {
    it(`refuses ${what} with ErrorSchemaValidation`, async () => {
      const res = await call(mock.app, body)
      expect(res.faultCode()).to.equal('ErrorSchemaValidation')
      expect(res.text).to.contain(violation)
    })
  }

  describe('through ews-javascript-api', () => {
    let server: RunningServer
    let svc: ews.ExchangeService
    beforeEach(async () => {
      server = await startEwsServer(mock.app, { port: 0 })
      svc = new ews.ExchangeService(ews.ExchangeVersion.Exchange2013)
      svc.Credentials = new ews.WebCredentials('alice@contoso.com', PASSWORD)
      svc.Url = new ews.Uri(server.ewsUrl)
    })
    afterEach(() => server.close())

    it('resolves a name with its contact data', async () => {
      const found = await svc.ResolveName('bob', ews.ResolveNameSearchLocation.DirectoryOnly, true)
      expect(found.Count).to.equal(1)
      const r = found._getItem(0)
      expect(r.Mailbox.Address).to.equal('bob@contoso.com')
      expect(r.Mailbox.Name).to.equal('Bob Kelly')
      expect(r.Mailbox.MailboxType).to.equal(ews.MailboxType.Mailbox)
      expect(r.Contact.DisplayName).to.equal('Bob Kelly')
    })

    it('returns every match of an ambiguous name (the warning is not an error)', async () => {
      const found = await svc.ResolveName('wood')
      expect(found.Count).to.equal(2)
      expect(
        Array.from({ length: found.Count }, (_, i) => found._getItem(i).Mailbox.Address),
      ).to.deep.equal(['alan@contoso.com', 'alice@contoso.com'])
    })

    it('returns no resolutions for an unknown name', async () => {
      const found = await svc.ResolveName('zoe')
      expect(found.Count).to.equal(0)
    })
  })
})
