// The JSON control plane under /__admin/: the topology as served (without passwords) and the
// Skype for Business routes, which change the same SkypeDirectory the server provisions from.
import { expect } from 'chai'
import request from 'supertest'
import type { EwsApp } from '../../mock-ews/index.ts'
import { parseTopology } from '../../mock-ews/topology/load.ts'
import { EXCHANGE_PROFILES } from '../../mock-ews/topology/profiles.ts'
import { PASSWORD, testApp } from '../helpers/ews.ts'

const PASSWORDS = ['Alice-Secret-1', 'Bob-Secret-2', 'Carol-Secret-3']

/** contoso.com with sites Redmond and Dublin (alice in Redmond); fabrikam.com on Online. */
const SITES = parseTopology(
  [
    'organisations:',
    '  - domain: contoso.com',
    '    exchange: exchange-2016',
    '    federation: [fabrikam.com]',
    '    skype:',
    '      server: sfb-server-2015-cu3',
    '      sites: [Redmond, Dublin]',
    '      clientPolicies:',
    '        SalesPolicy: { enableIMAutoArchiving: false }',
    '    users:',
    '      - address: alice@contoso.com',
    `        password: ${PASSWORDS[0]}`,
    '        displayName: Alice Wood',
    '        site: Redmond',
    '      - address: bob@contoso.com',
    `        password: ${PASSWORDS[1]}`,
    '        sip: sip:robert@contoso.com',
    '        clientPolicy: SalesPolicy',
    '  - domain: fabrikam.com',
    '    exchange: exchange-online',
    '    federation: [contoso.com]',
    '    quirks: { refuseSkypeDraftSend: true }',
    '    users:',
    '      - address: carol@fabrikam.com',
    `        password: ${PASSWORDS[2]}`,
    '',
  ].join('\n'),
)

/** Every key of a JSON value, at any depth. */
function keysOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(keysOf)
  if (typeof value === 'object' && value !== null)
    return Object.entries(value).flatMap(([k, v]) => [k, ...keysOf(v)])
  return []
}

/** The message of an admin error (`{ error: { code, message } }`). */
function errorOf(res: { body: unknown }): string {
  return (res.body as { error: { message: string } }).error.message
}

interface Json {
  [key: string]: unknown
}

describe('admin API: topology', () => {
  it('GET /__admin/topology describes organisations, profiles, federation, quirks, skype and users', async () => {
    const { app } = testApp({ topology: SITES })
    const res = await request(app).get('/__admin/topology')
    expect(res.status).to.equal(200)
    expect(res.headers['content-type']).to.match(/^application\/json/)
    const orgs = (res.body as { organisations: Json[] }).organisations
    expect(orgs.map((o) => o.domain)).to.deep.equal(['contoso.com', 'fabrikam.com'])
    const [contoso, fabrikam] = orgs
    expect(contoso!.exchange).to.deep.equal({
      profile: 'exchange-2016',
      title: EXCHANGE_PROFILES['exchange-2016'].title,
      deployment: 'on-premises',
    })
    expect(fabrikam!.exchange).to.include({ profile: 'exchange-online', deployment: 'online' })
    expect(contoso!.federation).to.deep.equal(['fabrikam.com'])
    expect(fabrikam!.federation).to.deep.equal(['contoso.com'])
    // The profile's quirks with the organisation's overrides (exchange-online's default is false).
    expect(contoso!.quirks).to.deep.equal({ refuseSkypeDraftSend: true })
    expect(fabrikam!.quirks).to.deep.equal({ refuseSkypeDraftSend: true })
    expect(contoso!.skype).to.deep.include({
      server: 'sfb-server-2015-cu3',
      sites: ['Redmond', 'Dublin'],
      imConfigurations: [{ identity: 'Global', enableOfflineIm: true }],
    })
    expect(
      (contoso!.skype as { clientPolicies: Json[] }).clientPolicies.map((p) => p.identity),
    ).to.deep.equal(['Global', 'SalesPolicy'])
    expect(fabrikam!.skype).to.deep.include({ server: 'sfb-online', imConfigurations: [] })
    expect(contoso!.users).to.deep.equal([
      {
        address: 'alice@contoso.com',
        sip: 'alice@contoso.com',
        displayName: 'Alice Wood',
        site: 'Redmond',
      },
      {
        address: 'bob@contoso.com',
        sip: 'robert@contoso.com',
        displayName: 'bob',
        clientPolicy: 'SalesPolicy',
      },
    ])
    expect((fabrikam!.users as Json[]).map((u) => u.address)).to.deep.equal(['carol@fabrikam.com'])
  })

  it('shows no password anywhere', async () => {
    const { app } = testApp({ topology: SITES })
    const res = await request(app).get('/__admin/topology')
    for (const password of PASSWORDS) expect(res.text).to.not.contain(password)
    expect(keysOf(res.body).map((k) => k.toLowerCase())).to.not.include('password')
    const demo = await request(testApp().app).get('/__admin/topology')
    expect(demo.status).to.equal(200)
    expect(demo.text).to.not.contain(PASSWORD)
    expect(keysOf(demo.body).map((k) => k.toLowerCase())).to.not.include('password')
  })

  it('GET /__admin/organisations/:domain describes one organisation, in any case', async () => {
    const { app } = testApp({ topology: SITES })
    const all = await request(app).get('/__admin/topology')
    const one = await request(app).get('/__admin/organisations/Contoso.COM')
    expect(one.status).to.equal(200)
    expect(one.body).to.deep.equal((all.body as { organisations: Json[] }).organisations[0])
    for (const password of PASSWORDS) expect(one.text).to.not.contain(password)
  })

  it('GET /__admin/organisations/:domain answers 404 with an error for an unknown domain', async () => {
    const { app } = testApp()
    const res = await request(app).get('/__admin/organisations/example.org')
    expect(res.status).to.equal(404)
    expect(res.headers['content-type']).to.match(/^application\/json/)
    expect(errorOf(res)).to.be.a('string').and.contain('example.org')
  })
})

describe('admin API: Skype for Business', () => {
  let ews: EwsApp
  beforeEach(() => {
    ews = testApp({ topology: SITES })
  })
  const api = () => request(ews.app)

  it('GET /__admin/skype/:domain gives the organisation’s configuration', async () => {
    const res = await api().get('/__admin/skype/contoso.com')
    expect(res.status).to.equal(200)
    expect(res.body).to.deep.include({
      server: 'sfb-server-2015-cu3',
      sites: ['Redmond', 'Dublin'],
      imConfigurations: [{ identity: 'Global', enableOfflineIm: true }],
    })
    const online = await api().get('/__admin/skype/fabrikam.com')
    expect(online.body).to.deep.include({ server: 'sfb-online', imConfigurations: [] })
  })

  describe('im-configurations', () => {
    it('GET lists them; ?identity= picks one', async () => {
      const all = await api().get('/__admin/skype/contoso.com/im-configurations')
      expect(all.status).to.equal(200)
      expect(all.body).to.deep.equal([{ identity: 'Global', enableOfflineIm: true }])
      const one = await api().get('/__admin/skype/contoso.com/im-configurations?identity=global')
      expect(one.status).to.equal(200)
      expect(one.body).to.deep.equal([{ identity: 'Global', enableOfflineIm: true }])
      const missing = await api().get(
        '/__admin/skype/contoso.com/im-configurations?identity=Site:Dublin',
      )
      expect(missing.status).to.equal(400)
      expect(errorOf(missing)).to.contain('does not exist')
    })

    it('POST creates a Site configuration (201) that its users are provisioned with', async () => {
      const res = await api()
        .post('/__admin/skype/contoso.com/im-configurations')
        .send({ identity: 'Site:Redmond', enableOfflineIm: false })
      expect(res.status).to.equal(201)
      expect(res.body).to.deep.equal({ identity: 'Site:Redmond', enableOfflineIm: false })
      expect(ews.skype.effective('alice@contoso.com')).to.include({
        enableOfflineIm: false,
        imConfigurationIdentity: 'Site:Redmond',
      })
      expect(ews.skype.effective('bob@contoso.com').enableOfflineIm).to.equal(true)
      const list = await api().get('/__admin/skype/contoso.com/im-configurations')
      expect((list.body as Json[]).map((c) => c.identity)).to.deep.equal(['Global', 'Site:Redmond'])
    })

    it('POST without enableOfflineIm creates it enabled', async () => {
      const res = await api()
        .post('/__admin/skype/contoso.com/im-configurations')
        .send({ identity: 'site:dublin' })
      expect(res.status).to.equal(201)
      expect(res.body).to.deep.equal({ identity: 'Site:Dublin', enableOfflineIm: true })
    })

    it('POST of an identity that exists is a refused shell change: 400 with the error', async () => {
      await api()
        .post('/__admin/skype/contoso.com/im-configurations')
        .send({ identity: 'Site:Redmond', enableOfflineIm: false })
      const again = await api()
        .post('/__admin/skype/contoso.com/im-configurations')
        .send({ identity: 'Site:Redmond', enableOfflineIm: true })
      expect(again.status).to.equal(400)
      expect(errorOf(again)).to.match(/already exists/)
      expect(ews.skype.effective('alice@contoso.com').enableOfflineIm).to.equal(false)
    })

    it('POST of an unknown site is refused with 400', async () => {
      const res = await api()
        .post('/__admin/skype/contoso.com/im-configurations')
        .send({ identity: 'Site:Paris' })
      expect(res.status).to.equal(400)
      expect(errorOf(res)).to.be.a('string').and.contain('Paris')
    })

    for (const [how, path] of [
      ['URL-encoded', 'Site%3ARedmond'],
      ['as is', 'Site:Redmond'],
      ['in another case', 'site%3aredmond'],
    ] as const) {
      it(`PATCH and DELETE take the identity ${how} (${path})`, async () => {
        await api()
          .post('/__admin/skype/contoso.com/im-configurations')
          .send({ identity: 'Site:Redmond', enableOfflineIm: true })
        const patched = await api()
          .patch(`/__admin/skype/contoso.com/im-configurations/${path}`)
          .send({ enableOfflineIm: false })
        expect(patched.status).to.equal(200)
        expect(patched.body).to.deep.equal({ identity: 'Site:Redmond', enableOfflineIm: false })
        expect(ews.skype.effective('alice@contoso.com').enableOfflineIm).to.equal(false)
        const deleted = await api().delete(`/__admin/skype/contoso.com/im-configurations/${path}`)
        expect(deleted.status).to.equal(204)
        expect(deleted.text).to.equal('')
        expect(ews.skype.effective('alice@contoso.com')).to.include({
          enableOfflineIm: true,
          imConfigurationIdentity: 'Global',
        })
      })
    }

    it('PATCH of Global changes every user without a site configuration', async () => {
      const res = await api()
        .patch('/__admin/skype/contoso.com/im-configurations/Global')
        .send({ enableOfflineIm: false })
      expect(res.status).to.equal(200)
      expect(ews.skype.effective('alice@contoso.com').enableOfflineIm).to.equal(false)
      expect(ews.skype.effective('bob@contoso.com').enableOfflineIm).to.equal(false)
    })

    it('PATCH of a configuration that does not exist is refused with 400', async () => {
      const res = await api()
        .patch('/__admin/skype/contoso.com/im-configurations/Site%3ADublin')
        .send({ enableOfflineIm: false })
      expect(res.status).to.equal(400)
      expect(errorOf(res)).to.match(/does not exist/)
    })

    it('DELETE of Global resets it to enabled', async () => {
      ews.skype.setImConfiguration('contoso.com', 'Global', false)
      const res = await api().delete('/__admin/skype/contoso.com/im-configurations/Global')
      expect(res.status).to.equal(204)
      expect(ews.skype.getImConfiguration('contoso.com')).to.deep.equal([
        { identity: 'Global', enableOfflineIm: true },
      ])
    })

    it('DELETE of a configuration that does not exist is refused with 400', async () => {
      const res = await api().delete('/__admin/skype/contoso.com/im-configurations/Site%3ADublin')
      expect(res.status).to.equal(400)
      expect(errorOf(res)).to.match(/does not exist/)
    })

    it('refuses every im-configuration change on Skype for Business Online (no such cmdlet)', async () => {
      const get = await api().get('/__admin/skype/fabrikam.com/im-configurations')
      const post = await api()
        .post('/__admin/skype/fabrikam.com/im-configurations')
        .send({ identity: 'Global', enableOfflineIm: false })
      const patch = await api()
        .patch('/__admin/skype/fabrikam.com/im-configurations/Global')
        .send({ enableOfflineIm: false })
      const del = await api().delete('/__admin/skype/fabrikam.com/im-configurations/Global')
      for (const res of [get, post, patch, del]) {
        expect(res.status).to.equal(400)
        expect(errorOf(res)).to.match(/not recognized/)
      }
      expect(ews.skype.effective('carol@fabrikam.com').imConfigurationAvailable).to.equal(false)
    })
  })

  describe('client-policies', () => {
    it('GET lists them (Global always, unset); ?identity= picks one case-insensitively', async () => {
      const all = await api().get('/__admin/skype/contoso.com/client-policies')
      expect(all.status).to.equal(200)
      const list = all.body as Json[]
      expect(list.map((p) => p.identity)).to.deep.equal(['Global', 'SalesPolicy'])
      expect(list[0]!.enableIMAutoArchiving ?? null).to.equal(null)
      expect(list[1]!.enableIMAutoArchiving).to.equal(false)
      const one = await api().get('/__admin/skype/contoso.com/client-policies?identity=salespolicy')
      expect(one.body).to.deep.equal([{ identity: 'SalesPolicy', enableIMAutoArchiving: false }])
      const online = await api().get('/__admin/skype/fabrikam.com/client-policies')
      expect((online.body as Json[]).map((p) => p.identity)).to.deep.equal(['Global'])
    })

    it('POST creates a policy (201); a second POST of the name is refused with 400', async () => {
      const res = await api()
        .post('/__admin/skype/contoso.com/client-policies')
        .send({ identity: 'NoArchive', enableIMAutoArchiving: false })
      expect(res.status).to.equal(201)
      expect(res.body).to.deep.equal({ identity: 'NoArchive', enableIMAutoArchiving: false })
      expect(ews.skype.getClientPolicy('contoso.com', 'NoArchive')).to.deep.equal([
        { identity: 'NoArchive', enableIMAutoArchiving: false },
      ])
      const again = await api()
        .post('/__admin/skype/contoso.com/client-policies')
        .send({ identity: 'noarchive' })
      expect(again.status).to.equal(400)
      expect(errorOf(again)).to.match(/already exists/)
    })

    it('POST of a Site policy applies to that site’s users', async () => {
      const res = await api()
        .post('/__admin/skype/contoso.com/client-policies')
        .send({ identity: 'Site:Redmond', enableIMAutoArchiving: false })
      expect(res.status).to.equal(201)
      expect(ews.skype.effective('alice@contoso.com')).to.include({
        enableIMAutoArchiving: false,
        clientPolicyIdentity: 'Site:Redmond',
      })
    })

    it('PATCH sets enableIMAutoArchiving; null unsets it', async () => {
      const set = await api()
        .patch('/__admin/skype/contoso.com/client-policies/Global')
        .send({ enableIMAutoArchiving: true })
      expect(set.status).to.equal(200)
      expect(set.body).to.deep.equal({ identity: 'Global', enableIMAutoArchiving: true })
      expect(ews.skype.effective('alice@contoso.com')).to.include({
        enableIMAutoArchiving: true,
        clientPolicyIdentity: 'Global',
      })
      const unset = await api()
        .patch('/__admin/skype/contoso.com/client-policies/global')
        .send({ enableIMAutoArchiving: null })
      expect(unset.status).to.equal(200)
      expect((unset.body as Json).identity).to.equal('Global')
      expect((unset.body as Json).enableIMAutoArchiving ?? null).to.equal(null)
      expect(ews.skype.effective('alice@contoso.com').enableIMAutoArchiving).to.equal(undefined)
    })

    it('PATCH of a policy that does not exist is refused with 400', async () => {
      const res = await api()
        .patch('/__admin/skype/contoso.com/client-policies/Marketing')
        .send({ enableIMAutoArchiving: false })
      expect(res.status).to.equal(400)
      expect(errorOf(res)).to.match(/does not exist/)
    })
  })

  describe('users', () => {
    it('GET /__admin/skype/users/:address gives the effective settings', async () => {
      const alice = await api().get('/__admin/skype/users/alice@contoso.com')
      expect(alice.status).to.equal(200)
      expect(alice.body).to.deep.include({
        server: 'sfb-server-2015-cu3',
        online: false,
        imConfigurationAvailable: true,
        enableOfflineIm: true,
        imConfigurationIdentity: 'Global',
        clientPolicyIdentity: 'Global',
      })
      const bob = await api().get('/__admin/skype/users/bob@contoso.com')
      expect(bob.body).to.deep.include({
        enableIMAutoArchiving: false,
        clientPolicyIdentity: 'SalesPolicy',
      })
      const carol = await api().get('/__admin/skype/users/carol@fabrikam.com')
      expect(carol.body).to.deep.include({
        server: 'sfb-online',
        online: true,
        imConfigurationAvailable: false,
      })
      expect(alice.body).to.deep.equal(
        JSON.parse(JSON.stringify(ews.skype.effective('alice@contoso.com'))),
      )
    })

    it('GET of an unknown user is refused with an error', async () => {
      const res = await api().get('/__admin/skype/users/nobody@contoso.com')
      expect(res.status).to.be.oneOf([400, 404])
      expect(errorOf(res)).to.be.a('string').and.contain('nobody@contoso.com')
    })

    it('PUT …/client-policy grants a per-user policy; null removes the grant', async () => {
      const granted = await api()
        .put('/__admin/skype/users/alice@contoso.com/client-policy')
        .send({ policyName: 'SalesPolicy' })
      expect(granted.status).to.equal(200)
      expect(granted.body).to.deep.include({
        enableIMAutoArchiving: false,
        clientPolicyIdentity: 'SalesPolicy',
      })
      expect(ews.skype.effective('alice@contoso.com').clientPolicyIdentity).to.equal('SalesPolicy')
      const removed = await api()
        .put('/__admin/skype/users/bob@contoso.com/client-policy')
        .send({ policyName: null })
      expect(removed.status).to.equal(200)
      expect(removed.body).to.deep.include({ clientPolicyIdentity: 'Global' })
      expect(ews.skype.effective('bob@contoso.com')).to.include({
        enableIMAutoArchiving: undefined,
        clientPolicyIdentity: 'Global',
      })
    })

    for (const policyName of ['Marketing', 'Global', 'Site:Redmond']) {
      it(`PUT …/client-policy refuses ${policyName} with 400`, async () => {
        if (policyName === 'Site:Redmond') {
          ews.skype.newClientPolicy('contoso.com', 'Site:Redmond', {})
        }
        ews.skype.grantClientPolicy('alice@contoso.com', 'SalesPolicy')
        const res = await api()
          .put('/__admin/skype/users/alice@contoso.com/client-policy')
          .send({ policyName })
        expect(res.status).to.equal(400)
        expect(errorOf(res)).to.be.a('string').and.contain(policyName)
        // The refused grant leaves the one she had.
        expect(ews.skype.effective('alice@contoso.com').clientPolicyIdentity).to.equal(
          'SalesPolicy',
        )
      })
    }
  })

  describe('errors', () => {
    it('answers malformed JSON with 400 and an error', async () => {
      for (const [method, path] of [
        ['post', '/__admin/skype/contoso.com/im-configurations'],
        ['patch', '/__admin/skype/contoso.com/im-configurations/Global'],
        ['post', '/__admin/skype/contoso.com/client-policies'],
        ['patch', '/__admin/skype/contoso.com/client-policies/Global'],
        ['put', '/__admin/skype/users/alice@contoso.com/client-policy'],
      ] as const) {
        const res = await api()[method](path).type('json').send('{"enableOfflineIm": fal')
        expect(res.status, `${method} ${path}`).to.equal(400)
        expect(res.headers['content-type']).to.match(/^application\/json/)
        expect(errorOf(res), `${method} ${path}`).to.be.a('string')
      }
      expect(ews.skype.getImConfiguration('contoso.com')).to.deep.equal([
        { identity: 'Global', enableOfflineIm: true },
      ])
    })

    it('answers wrong types with 400 and changes nothing', async () => {
      const cases = [
        [
          'post',
          '/__admin/skype/contoso.com/im-configurations',
          { identity: 'Site:Redmond', enableOfflineIm: 'false' },
        ],
        ['patch', '/__admin/skype/contoso.com/im-configurations/Global', { enableOfflineIm: 0 }],
        ['patch', '/__admin/skype/contoso.com/im-configurations/Global', { enableOfflineIm: null }],
        ['patch', '/__admin/skype/contoso.com/im-configurations/Global', {}],
        [
          'post',
          '/__admin/skype/contoso.com/client-policies',
          { identity: 'X', enableIMAutoArchiving: 'yes' },
        ],
        [
          'patch',
          '/__admin/skype/contoso.com/client-policies/Global',
          { enableIMAutoArchiving: 'true' },
        ],
        ['patch', '/__admin/skype/contoso.com/client-policies/Global', {}],
        ['put', '/__admin/skype/users/alice@contoso.com/client-policy', { policyName: 42 }],
        ['put', '/__admin/skype/users/alice@contoso.com/client-policy', {}],
      ] as const
      for (const [method, path, body] of cases) {
        const res = await api()[method](path).send(body)
        const what = `${method} ${path} ${JSON.stringify(body)}`
        expect(res.status, what).to.equal(400)
        expect(errorOf(res), what).to.be.a('string')
      }
      expect(ews.skype.getImConfiguration('contoso.com')).to.deep.equal([
        { identity: 'Global', enableOfflineIm: true },
      ])
      expect(ews.skype.getClientPolicy('contoso.com').map((p) => p.identity)).to.deep.equal([
        'Global',
        'SalesPolicy',
      ])
      expect(ews.skype.effective('alice@contoso.com').clientPolicyIdentity).to.equal('Global')
    })

    it('answers a non-string identity with 400', async () => {
      const res = await api()
        .post('/__admin/skype/contoso.com/client-policies')
        .send({ identity: 5, enableIMAutoArchiving: false })
      expect(res.status).to.equal(400)
      expect(ews.skype.getClientPolicy('contoso.com').map((p) => p.identity)).to.deep.equal([
        'Global',
        'SalesPolicy',
      ])
    })

    it('answers a POST without a JSON body with 400 and an error', async () => {
      const res = await api().post('/__admin/skype/contoso.com/im-configurations')
      expect(res.status).to.equal(400)
      expect(res.headers['content-type']).to.match(/^application\/json/)
      expect(errorOf(res)).to.be.a('string')
    })

    it('answers an unknown organisation with 404 on every organisation route', async () => {
      const routes = [
        ['get', '/__admin/skype/example.org', undefined],
        ['get', '/__admin/skype/example.org/im-configurations', undefined],
        ['post', '/__admin/skype/example.org/im-configurations', { identity: 'Global' }],
        [
          'patch',
          '/__admin/skype/example.org/im-configurations/Global',
          { enableOfflineIm: false },
        ],
        ['delete', '/__admin/skype/example.org/im-configurations/Global', undefined],
        ['get', '/__admin/skype/example.org/client-policies', undefined],
        ['post', '/__admin/skype/example.org/client-policies', { identity: 'X' }],
        [
          'patch',
          '/__admin/skype/example.org/client-policies/Global',
          { enableIMAutoArchiving: true },
        ],
      ] as const
      for (const [method, path, body] of routes) {
        const req = api()[method](path)
        const res = body === undefined ? await req : await req.send(body)
        expect(res.status, `${method} ${path}`).to.equal(404)
        expect(errorOf(res), `${method} ${path}`).to.contain('example.org')
      }
    })
  })
})
