// SkypeDirectory: the live Skype for Business configuration, changed as the management shell changes
// it and read as a client is provisioned (reference/sfb-offline-im.md §3).
import { expect } from 'chai'
import { SKYPE_SERVER_NAMES } from '../../../mock-ews/skype/skype-config.ts'
import type { SkypeServerName } from '../../../mock-ews/skype/skype-config.ts'
import { SkypeConfigError, SkypeDirectory } from '../../../mock-ews/skype/skype-directory.ts'
import { parseTopology } from '../../../mock-ews/topology/load.ts'
import { demoTopology } from '../../../mock-ews/topology/topology.ts'

/** One organisation, contoso.com, with the given `skype:` block (YAML lines, indented 6) and users. */
function directory(skype: string[], users: string[] = []): SkypeDirectory {
  const yaml = [
    'organisations:',
    '  - domain: contoso.com',
    '    exchange: exchange-2016',
    ...(skype.length ? ['    skype:', ...skype.map((l) => `      ${l}`)] : []),
    '    users:',
    '      - address: alice@contoso.com',
    '        password: P@ssw0rd',
    ...users.map((l) => `        ${l}`),
    '      - address: bob@contoso.com',
    '        password: P@ssw0rd',
    '',
  ].join('\n')
  return new SkypeDirectory(parseTopology(yaml))
}

/** contoso.com on 2015 CU3 with sites Redmond and Dublin; alice in Redmond, bob in no site. */
function withSites(extra: string[] = [], aliceExtra: string[] = []): SkypeDirectory {
  return directory(
    ['server: sfb-server-2015-cu3', 'sites: [Redmond, Dublin]', ...extra],
    ['site: Redmond', ...aliceExtra],
  )
}

function refused(action: () => unknown, pattern?: RegExp): SkypeConfigError {
  let thrown: unknown
  try {
    action()
  } catch (e) {
    thrown = e
  }
  expect(thrown, 'expected a SkypeConfigError, nothing was thrown').to.not.equal(undefined)
  expect(thrown, String(thrown)).to.be.instanceOf(SkypeConfigError)
  if (pattern) expect((thrown as Error).message).to.match(pattern)
  return thrown as SkypeConfigError
}

describe('SkypeDirectory', () => {
  describe('defaults', () => {
    for (const server of ['sfb-server-2015-cu3', 'sfb-server-2019'] as const) {
      it(`${server}: a Global CsImConfiguration with EnableOfflineIm true`, () => {
        const skype = directory([`server: ${server}`])
        expect(skype.getImConfiguration('contoso.com')).to.deep.equal([
          { identity: 'Global', enableOfflineIm: true },
        ])
        const e = skype.effective('alice@contoso.com')
        expect(e.server).to.equal(server)
        expect(e.online).to.equal(false)
        expect(e.imConfigurationAvailable).to.equal(true)
        expect(e.enableOfflineIm).to.equal(true)
        expect(e.imConfigurationIdentity).to.equal('Global')
      })
    }

    it('the demo topology: contoso on 2015 CU3 with Global true, fabrikam on Online', () => {
      const skype = new SkypeDirectory(demoTopology())
      expect(skype.effective('alice@contoso.com')).to.include({
        server: 'sfb-server-2015-cu3',
        imConfigurationAvailable: true,
        enableOfflineIm: true,
      })
      expect(skype.effective('carol@fabrikam.com')).to.include({
        server: 'sfb-online',
        online: true,
        imConfigurationAvailable: false,
        enableOfflineIm: undefined,
      })
    })

    const without: SkypeServerName[] = [
      'sfb-server-2015-rtm',
      'sfb-server-2015-cu1',
      'sfb-server-2015-cu2',
      'sfb-online',
    ]
    it('covers every server name', () => {
      expect([...without, 'sfb-server-2015-cu3', 'sfb-server-2019']).to.have.members(
        SKYPE_SERVER_NAMES,
      )
    })
    for (const server of without) {
      it(`${server}: no CsImConfiguration; its cmdlets are "not recognized"`, () => {
        const skype = directory([`server: ${server}`])
        refused(() => skype.getImConfiguration('contoso.com'), /not recognized/)
        refused(() => skype.getImConfiguration('contoso.com', 'Global'), /not recognized/)
        refused(() => skype.newImConfiguration('contoso.com', 'Global', false), /not recognized/)
        refused(() => skype.setImConfiguration('contoso.com', 'Global', false), /not recognized/)
        refused(() => skype.removeImConfiguration('contoso.com', 'Global'), /not recognized/)
        const e = skype.effective('alice@contoso.com')
        expect(e.server).to.equal(server)
        expect(e.online).to.equal(server === 'sfb-online')
        expect(e.imConfigurationAvailable).to.equal(false)
        expect(e.enableOfflineIm).to.equal(undefined)
        expect(e.imConfigurationIdentity).to.equal(undefined)
        expect(skype.spec('contoso.com').imConfigurations).to.deep.equal([])
      })
    }

    it('names the cmdlet in the "not recognized" error', () => {
      const skype = directory(['server: sfb-server-2015-cu2'])
      refused(
        () => skype.setImConfiguration('contoso.com', 'Global', true),
        /Set-CsImConfiguration/,
      )
      refused(() => skype.newImConfiguration('contoso.com', 'Global'), /New-CsImConfiguration/)
    })
  })

  describe('CsImConfiguration scopes', () => {
    it('takes the Site configuration over Global for a user of that site', () => {
      const skype = withSites([
        'imConfiguration:',
        '  Global: { enableOfflineIm: true }',
        '  Site:Redmond: { enableOfflineIm: false }',
      ])
      expect(skype.effective('alice@contoso.com')).to.include({
        enableOfflineIm: false,
        imConfigurationIdentity: 'Site:Redmond',
      })
      expect(skype.effective('bob@contoso.com')).to.include({
        enableOfflineIm: true,
        imConfigurationIdentity: 'Global',
      })
    })

    it('falls back to Global for a user whose site has no configuration', () => {
      const skype = withSites(['imConfiguration:', '  Global: { enableOfflineIm: false }'], [])
      expect(skype.effective('alice@contoso.com')).to.include({
        enableOfflineIm: false,
        imConfigurationIdentity: 'Global',
      })
    })

    it('New-CsImConfiguration for a site changes what that site’s users get', () => {
      const skype = withSites()
      const created = skype.newImConfiguration('contoso.com', 'Site:Redmond', false)
      expect(created).to.deep.equal({ identity: 'Site:Redmond', enableOfflineIm: false })
      expect(skype.effective('alice@contoso.com')).to.include({
        enableOfflineIm: false,
        imConfigurationIdentity: 'Site:Redmond',
      })
      expect(skype.effective('bob@contoso.com').enableOfflineIm).to.equal(true)
      expect(skype.getImConfiguration('contoso.com').map((c) => c.identity)).to.deep.equal([
        'Global',
        'Site:Redmond',
      ])
    })

    it('New-CsImConfiguration defaults EnableOfflineIm to true', () => {
      const skype = withSites()
      expect(skype.newImConfiguration('contoso.com', 'Site:Dublin').enableOfflineIm).to.equal(true)
    })

    it('refuses New-CsImConfiguration of an identity that exists', () => {
      const skype = withSites()
      skype.newImConfiguration('contoso.com', 'Site:Redmond', false)
      refused(() => skype.newImConfiguration('contoso.com', 'Site:Redmond', true), /already exists/)
      refused(() => skype.newImConfiguration('contoso.com', 'Global', true), /already exists/)
      expect(skype.getImConfiguration('contoso.com', 'Site:Redmond')[0]!.enableOfflineIm).to.equal(
        false,
      )
    })

    it('Set-CsImConfiguration changes an existing configuration', () => {
      const skype = withSites()
      expect(skype.setImConfiguration('contoso.com', 'Global', false)).to.deep.equal({
        identity: 'Global',
        enableOfflineIm: false,
      })
      expect(skype.effective('alice@contoso.com').enableOfflineIm).to.equal(false)
      expect(skype.getImConfiguration('contoso.com', 'Global')).to.deep.equal([
        { identity: 'Global', enableOfflineIm: false },
      ])
    })

    it('refuses Set-CsImConfiguration of an identity that does not exist', () => {
      const skype = withSites()
      refused(() => skype.setImConfiguration('contoso.com', 'Site:Dublin', false), /does not exist/)
      expect(skype.getImConfiguration('contoso.com')).to.have.length(1)
    })

    it('Remove-CsImConfiguration removes a Site configuration (its users fall back to Global)', () => {
      const skype = withSites()
      skype.newImConfiguration('contoso.com', 'Site:Redmond', false)
      skype.removeImConfiguration('contoso.com', 'Site:Redmond')
      expect(skype.getImConfiguration('contoso.com').map((c) => c.identity)).to.deep.equal([
        'Global',
      ])
      expect(skype.effective('alice@contoso.com')).to.include({
        enableOfflineIm: true,
        imConfigurationIdentity: 'Global',
      })
      refused(() => skype.removeImConfiguration('contoso.com', 'Site:Redmond'), /does not exist/)
    })

    it('Remove-CsImConfiguration of Global resets it to EnableOfflineIm true', () => {
      const skype = withSites()
      skype.setImConfiguration('contoso.com', 'Global', false)
      skype.removeImConfiguration('contoso.com', 'Global')
      expect(skype.getImConfiguration('contoso.com')).to.deep.equal([
        { identity: 'Global', enableOfflineIm: true },
      ])
      expect(skype.effective('bob@contoso.com').enableOfflineIm).to.equal(true)
    })

    it('refuses a site the organisation does not have, and a per-user identity', () => {
      const skype = withSites()
      refused(() => skype.newImConfiguration('contoso.com', 'Site:Paris', false), /Redmond/)
      refused(() => skype.setImConfiguration('contoso.com', 'Site:Paris', false))
      refused(() => skype.removeImConfiguration('contoso.com', 'Site:Paris'))
      refused(() => skype.newImConfiguration('contoso.com', 'SalesPolicy', false))
      refused(() => skype.getImConfiguration('contoso.com', 'Site:Paris'))
      expect(skype.getImConfiguration('contoso.com')).to.have.length(1)
    })

    it('takes identities case-insensitively in New, Set and Remove (site:redmond, GLOBAL)', () => {
      const skype = withSites()
      expect(skype.newImConfiguration('contoso.com', 'site:redmond', false).identity).to.equal(
        'Site:Redmond',
      )
      refused(() => skype.newImConfiguration('contoso.com', 'SITE:REDMOND', true), /already exists/)
      skype.setImConfiguration('contoso.com', 'site:REDMOND', true)
      expect(skype.effective('alice@contoso.com')).to.include({
        enableOfflineIm: true,
        imConfigurationIdentity: 'Site:Redmond',
      })
      skype.setImConfiguration('contoso.com', 'GLOBAL', false)
      expect(skype.effective('bob@contoso.com').enableOfflineIm).to.equal(false)
      skype.removeImConfiguration('contoso.com', 'site:redmond')
      expect(skype.getImConfiguration('contoso.com').map((c) => c.identity)).to.deep.equal([
        'Global',
      ])
    })

    it('Get-CsImConfiguration takes global case-insensitively', () => {
      const skype = withSites()
      expect(skype.getImConfiguration('contoso.com', 'global')).to.deep.equal([
        { identity: 'Global', enableOfflineIm: true },
      ])
    })

    it('Get-CsImConfiguration takes a site name case-insensitively (site:redmond)', () => {
      const skype = withSites()
      skype.newImConfiguration('contoso.com', 'Site:Redmond', false)
      expect(skype.getImConfiguration('contoso.com', 'site:redmond')).to.deep.equal([
        { identity: 'Site:Redmond', enableOfflineIm: false },
      ])
    })

    it('returns copies: changing what Get returned changes nothing', () => {
      const skype = withSites()
      skype.getImConfiguration('contoso.com')[0]!.enableOfflineIm = false
      skype.spec('contoso.com').imConfigurations[0]!.enableOfflineIm = false
      expect(skype.effective('alice@contoso.com').enableOfflineIm).to.equal(true)
    })

    it('keeps organisations apart', () => {
      const skype = new SkypeDirectory(demoTopology())
      refused(() => skype.setImConfiguration('fabrikam.com', 'Global', false), /not recognized/)
      skype.setImConfiguration('contoso.com', 'Global', false)
      expect(skype.effective('bob@contoso.com').enableOfflineIm).to.equal(false)
      expect(skype.effective('carol@fabrikam.com').enableOfflineIm).to.equal(undefined)
    })

    it('refuses an unknown organisation', () => {
      const skype = withSites()
      refused(() => skype.getImConfiguration('example.org'), /example\.org/)
      refused(() => skype.spec('example.org'))
    })
  })

  describe('client policies', () => {
    it('always has a Global policy, unset, even where the topology defines none', () => {
      for (const skype of [withSites(), new SkypeDirectory(demoTopology())]) {
        expect(skype.getClientPolicy('contoso.com')).to.deep.equal([
          { identity: 'Global', enableIMAutoArchiving: undefined },
        ])
      }
      const online = new SkypeDirectory(demoTopology())
      expect(online.getClientPolicy('fabrikam.com')).to.deep.equal([
        { identity: 'Global', enableIMAutoArchiving: undefined },
      ])
      expect(online.effective('carol@fabrikam.com')).to.include({
        enableIMAutoArchiving: undefined,
        clientPolicyIdentity: 'Global',
      })
    })

    it('EnableIMAutoArchiving is undefined when no policy sets it', () => {
      const skype = withSites()
      expect(skype.effective('alice@contoso.com')).to.include({
        enableIMAutoArchiving: undefined,
        clientPolicyIdentity: 'Global',
      })
    })

    it('takes the granted per-user policy, else the Site policy, else Global', () => {
      const skype = withSites(
        [
          'clientPolicies:',
          '  Global: { enableIMAutoArchiving: true }',
          '  Site:Redmond: { enableIMAutoArchiving: false }',
          '  SalesPolicy: { enableIMAutoArchiving: true }',
        ],
        [],
      )
      expect(skype.effective('alice@contoso.com')).to.include({
        enableIMAutoArchiving: false,
        clientPolicyIdentity: 'Site:Redmond',
      })
      expect(skype.effective('bob@contoso.com')).to.include({
        enableIMAutoArchiving: true,
        clientPolicyIdentity: 'Global',
      })
      skype.grantClientPolicy('alice@contoso.com', 'SalesPolicy')
      expect(skype.effective('alice@contoso.com')).to.include({
        enableIMAutoArchiving: true,
        clientPolicyIdentity: 'SalesPolicy',
      })
    })

    it('reads a grant from the topology', () => {
      const skype = directory(
        [
          'server: sfb-server-2015-cu3',
          'clientPolicies:',
          '  NoArchive: { enableIMAutoArchiving: false }',
        ],
        ['clientPolicy: NoArchive'],
      )
      expect(skype.effective('alice@contoso.com')).to.include({
        enableIMAutoArchiving: false,
        clientPolicyIdentity: 'NoArchive',
      })
      expect(skype.effective('bob@contoso.com')).to.include({ clientPolicyIdentity: 'Global' })
    })

    it('New-CsClientPolicy creates a per-user or Site policy; Set-CsClientPolicy changes it', () => {
      const skype = withSites()
      expect(
        skype.newClientPolicy('contoso.com', 'SalesPolicy', { enableIMAutoArchiving: false }),
      ).to.deep.equal({ identity: 'SalesPolicy', enableIMAutoArchiving: false })
      expect(skype.newClientPolicy('contoso.com', 'Site:Redmond', {})).to.deep.equal({
        identity: 'Site:Redmond',
        enableIMAutoArchiving: undefined,
      })
      expect(skype.effective('alice@contoso.com').clientPolicyIdentity).to.equal('Site:Redmond')
      skype.setClientPolicy('contoso.com', 'Site:Redmond', { enableIMAutoArchiving: false })
      expect(skype.effective('alice@contoso.com').enableIMAutoArchiving).to.equal(false)
      skype.setClientPolicy('contoso.com', 'global', { enableIMAutoArchiving: true })
      expect(skype.effective('bob@contoso.com')).to.include({
        enableIMAutoArchiving: true,
        clientPolicyIdentity: 'Global',
      })
      expect(skype.getClientPolicy('contoso.com', 'salespolicy')).to.deep.equal([
        { identity: 'SalesPolicy', enableIMAutoArchiving: false },
      ])
    })

    it('applies a Site policy named in another case (site:redmond) to that site’s users', () => {
      const skype = withSites()
      skype.newClientPolicy('contoso.com', 'site:redmond', { enableIMAutoArchiving: false })
      expect(skype.effective('alice@contoso.com').enableIMAutoArchiving).to.equal(false)
      expect(skype.effective('bob@contoso.com').enableIMAutoArchiving).to.equal(undefined)
      refused(() => skype.newClientPolicy('contoso.com', 'Site:Redmond', {}), /already exists/)
    })

    it('stores a Site policy under the site’s own name (site:redmond → Site:Redmond)', () => {
      const skype = withSites()
      expect(skype.newClientPolicy('contoso.com', 'site:redmond', {}).identity).to.equal(
        'Site:Redmond',
      )
      expect(skype.effective('alice@contoso.com').clientPolicyIdentity).to.equal('Site:Redmond')
    })

    it('Set-CsClientPolicy without the setting leaves it; with undefined unsets it', () => {
      const skype = withSites()
      skype.setClientPolicy('contoso.com', 'Global', { enableIMAutoArchiving: false })
      skype.setClientPolicy('contoso.com', 'Global', {})
      expect(skype.effective('bob@contoso.com').enableIMAutoArchiving).to.equal(false)
      skype.setClientPolicy('contoso.com', 'Global', { enableIMAutoArchiving: undefined })
      expect(skype.effective('bob@contoso.com').enableIMAutoArchiving).to.equal(undefined)
    })

    it('refuses New of a policy that exists (in any case), Set of one that does not, and an unknown site', () => {
      const skype = withSites()
      skype.newClientPolicy('contoso.com', 'SalesPolicy', {})
      refused(() => skype.newClientPolicy('contoso.com', 'salespolicy', {}), /already exists/)
      refused(() => skype.newClientPolicy('contoso.com', 'Global', {}), /already exists/)
      refused(() => skype.setClientPolicy('contoso.com', 'Marketing', {}), /does not exist/)
      refused(() => skype.newClientPolicy('contoso.com', 'Site:Paris', {}))
      refused(() => skype.getClientPolicy('contoso.com', 'Marketing'))
      expect(skype.getClientPolicy('contoso.com').map((p) => p.identity)).to.deep.equal([
        'Global',
        'SalesPolicy',
      ])
    })

    it('Grant-CsClientPolicy refuses an unknown policy, Global and a Site policy', () => {
      const skype = withSites([
        'clientPolicies:',
        '  Global: { enableIMAutoArchiving: true }',
        '  Site:Dublin: { enableIMAutoArchiving: false }',
      ])
      refused(() => skype.grantClientPolicy('alice@contoso.com', 'Marketing'))
      refused(() => skype.grantClientPolicy('alice@contoso.com', 'Global'))
      refused(() => skype.grantClientPolicy('alice@contoso.com', 'global'))
      refused(() => skype.grantClientPolicy('alice@contoso.com', 'Site:Dublin'))
      expect(skype.effective('alice@contoso.com')).to.include({
        enableIMAutoArchiving: true,
        clientPolicyIdentity: 'Global',
      })
    })

    it('Grant-CsClientPolicy with undefined ($null) removes the grant', () => {
      const skype = withSites([
        'clientPolicies:',
        '  Site:Redmond: { enableIMAutoArchiving: true }',
      ])
      skype.newClientPolicy('contoso.com', 'NoArchive', { enableIMAutoArchiving: false })
      skype.grantClientPolicy('alice@contoso.com', 'noarchive')
      expect(skype.effective('alice@contoso.com')).to.include({
        enableIMAutoArchiving: false,
        clientPolicyIdentity: 'NoArchive',
      })
      skype.grantClientPolicy('alice@contoso.com', undefined)
      expect(skype.effective('alice@contoso.com')).to.include({
        enableIMAutoArchiving: true,
        clientPolicyIdentity: 'Site:Redmond',
      })
    })

    it('Grant-CsClientPolicy works on Skype for Business Online (the Online way to turn offline IM off)', () => {
      const skype = new SkypeDirectory(demoTopology())
      skype.newClientPolicy('fabrikam.com', 'OfflineIM', {})
      skype.setClientPolicy('fabrikam.com', 'OfflineIM', { enableIMAutoArchiving: false })
      skype.grantClientPolicy('carol@fabrikam.com', 'OfflineIM')
      expect(skype.effective('carol@fabrikam.com')).to.include({
        enableIMAutoArchiving: false,
        clientPolicyIdentity: 'OfflineIM',
      })
    })

    it('refuses a grant to an unknown user', () => {
      const skype = withSites()
      skype.newClientPolicy('contoso.com', 'SalesPolicy', {})
      refused(() => skype.grantClientPolicy('nobody@contoso.com', 'SalesPolicy'))
    })
  })

  describe('effective()', () => {
    it('refuses an unknown user and a user of an unknown organisation', () => {
      const skype = new SkypeDirectory(demoTopology())
      refused(() => skype.effective('nobody@contoso.com'), /nobody@contoso\.com/)
      refused(() => skype.effective('alice@example.org'))
      refused(() => skype.effective('not-an-address'))
    })

    it('takes an address in any case and with a sip: prefix', () => {
      const skype = new SkypeDirectory(demoTopology())
      expect(skype.effective('Alice@Contoso.COM').server).to.equal('sfb-server-2015-cu3')
      expect(skype.effective('sip:bob@contoso.com').server).to.equal('sfb-server-2015-cu3')
    })

    it('does not change the topology it was built from', () => {
      const topology = demoTopology()
      const skype = new SkypeDirectory(topology)
      skype.setImConfiguration('contoso.com', 'Global', false)
      skype.newClientPolicy('contoso.com', 'SalesPolicy', {})
      skype.grantClientPolicy('alice@contoso.com', 'SalesPolicy')
      const contoso = topology.organisations[0]!
      expect(contoso.skype.imConfigurations).to.deep.equal([
        { identity: 'Global', enableOfflineIm: true },
      ])
      expect(contoso.skype.clientPolicies).to.deep.equal([])
      expect(contoso.users[0]!.clientPolicy).to.equal(undefined)
      expect(new SkypeDirectory(topology).effective('alice@contoso.com')).to.include({
        enableOfflineIm: true,
        clientPolicyIdentity: 'Global',
      })
    })
  })
})
