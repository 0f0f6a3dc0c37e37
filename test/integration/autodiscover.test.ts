// Autodiscover: POX (Outlook provider, responseschema/2006a) and SOAP GetUserSettings
// (reference/ews-protocol.md §5), the per-organisation addressing of one loopback server, and a
// real client (ews-javascript-api) discovering its EWS URL and using it.
import { expect } from 'chai'
import * as ews from 'ews-javascript-api'
import request from 'supertest'
import { parseTopology, startEwsServer } from '../../mock-ews/index.ts'
import type { EwsApp, RunningServer } from '../../mock-ews/index.ts'
import { EXCHANGE_PROFILES } from '../../mock-ews/topology/profiles.ts'
import {
  AD_NS,
  getUserSettingsRequest,
  poxErrorCode,
  poxRequest,
  postPox,
  postSoap,
  userResponses,
  xmlAnswer,
} from '../helpers/autodiscover.ts'
import { answer, distinguished, envelope, getFolderXml, PASSWORD, testApp } from '../helpers/ews.ts'

/** An organisation on Exchange 2013, beside one on Exchange 2016. */
const MIXED = parseTopology(
  [
    'organisations:',
    '  - domain: litware.com',
    '    exchange: exchange-2013',
    '    users:',
    '      - address: dave@litware.com',
    '        password: P@ssw0rd',
    '        displayName: Dave Hill',
    '  - domain: contoso.com',
    '    exchange: exchange-2016',
    '    users:',
    '      - address: alice@contoso.com',
    '        password: P@ssw0rd',
    '',
  ].join('\n'),
)

const ACCOUNT = '/r:Autodiscover/o:Response/o:Account'

describe('POX Autodiscover (POST /autodiscover/autodiscover.xml)', () => {
  let mock: EwsApp
  beforeEach(() => {
    mock = testApp()
  })

  describe('for an on-premises user', () => {
    let server: RunningServer
    beforeEach(async () => {
      server = await startEwsServer(mock.app, { port: 0 })
    })
    afterEach(() => server.close())

    async function discoverAlice() {
      const res = await fetch(`${server.url}/autodiscover/autodiscover.xml`, {
        method: 'POST',
        headers: {
          'content-type': 'text/xml; charset=utf-8',
          authorization: `Basic ${Buffer.from(`alice@contoso.com:${PASSWORD}`).toString('base64')}`,
        },
        body: poxRequest('alice@contoso.com'),
      })
      return xmlAnswer(
        res.status,
        { 'content-type': res.headers.get('content-type') ?? '' },
        await res.text(),
      )
    }

    it('answers 200 with the user, MicrosoftOnline False, and EXCH and EXPR protocols', async () => {
      const res = await discoverAlice()
      expect(res.status).to.equal(200)
      expect(res.headers['content-type']).to.match(/^text\/xml/)
      expect(poxErrorCode(res)).to.equal('')
      expect(res.value('/r:Autodiscover/o:Response/o:User/o:DisplayName')).to.equal('Alice Wood')
      expect(res.value('/r:Autodiscover/o:Response/o:User/o:AutoDiscoverSMTPAddress')).to.equal(
        'alice@contoso.com',
      )
      expect(res.value('/r:Autodiscover/o:Response/o:User/o:LegacyDN')).to.match(
        /^\/o=CONTOSO\/.*\/cn=Recipients\/cn=alice$/,
      )
      expect(res.value('/r:Autodiscover/o:Response/o:User/o:DeploymentId')).to.match(
        /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
      )
      expect(res.value(`${ACCOUNT}/o:AccountType`)).to.equal('email')
      expect(res.value(`${ACCOUNT}/o:Action`)).to.equal('settings')
      expect(res.value(`${ACCOUNT}/o:MicrosoftOnline`)).to.equal('False')
      const types = res.select(`${ACCOUNT}/o:Protocol/o:Type`).map((n) => n.textContent)
      expect(types).to.deep.equal(['EXCH', 'EXPR'])
    })

    it('gives an EwsUrl (in EXCH and EXPR) that points back at this server and answers EWS', async () => {
      const res = await discoverAlice()
      const exch = res.value(`${ACCOUNT}/o:Protocol[o:Type='EXCH']/o:EwsUrl`)
      const expr = res.value(`${ACCOUNT}/o:Protocol[o:Type='EXPR']/o:EwsUrl`)
      expect(exch).to.equal(server.ewsUrl)
      expect(expr).to.equal(server.ewsUrl)
      const ewsRes = await fetch(expr, {
        method: 'POST',
        headers: {
          'content-type': 'text/xml; charset=utf-8',
          authorization: `Basic ${Buffer.from(`alice@contoso.com:${PASSWORD}`).toString('base64')}`,
        },
        body: envelope(getFolderXml(distinguished('inbox'))),
      })
      const folder = answer(ewsRes.status, {}, await ewsRes.text())
      expect(folder.status).to.equal(200)
      expect(folder.codes()).to.deep.equal(['NoError'])
      expect(folder.value('//t:Folder/t:DisplayName')).to.equal('Inbox')
    })

    it('encodes the Exchange build as the hex ServerVersion (15.1.2507 → 73C189CB)', async () => {
      const res = await discoverAlice()
      // 0x70000000 | 15 << 22 | 1 << 16 | 0x8000 | 2507, as 15.0.516 → 73C08204 in the reference.
      expect(res.value(`${ACCOUNT}/o:Protocol[o:Type='EXCH']/o:ServerVersion`)).to.equal('73C189CB')
      expect(res.value(`${ACCOUNT}/o:Protocol[o:Type='EXPR']/o:SSL`)).to.equal('Off')
    })
  })

  it('answers for an Exchange Online user with MicrosoftOnline True', async () => {
    const res = await postPox(mock.app, poxRequest('carol@fabrikam.com'), {
      user: 'carol@fabrikam.com',
    })
    expect(res.status).to.equal(200)
    expect(res.value(`${ACCOUNT}/o:MicrosoftOnline`)).to.equal('True')
    expect(res.value('/r:Autodiscover/o:Response/o:User/o:DisplayName')).to.equal('Carol Ruiz')
    expect(res.value(`${ACCOUNT}/o:Protocol[o:Type='EXPR']/o:EwsUrl`)).to.match(
      /^http:\/\/127\.0\.0\.1:\d+\/EWS\/Exchange\.asmx$/,
    )
  })

  it('answers an unknown address with Error 500', async () => {
    const res = await postPox(mock.app, poxRequest('nobody@contoso.com'))
    expect(res.status).to.equal(200)
    expect(poxErrorCode(res)).to.equal('500')
    expect(res.select(`${ACCOUNT}`)).to.have.length(0)
    const error = res.select("//*[local-name()='Error']")[0] as Element | undefined
    expect(error?.getAttribute('Time')).to.match(/^\d\d:\d\d:\d\d/)
    expect(error?.getAttribute('Id')).to.match(/^\d+$/)
    expect(res.value("//*[local-name()='Error']/*[local-name()='Message']")).to.not.equal('')
  })

  for (const [what, body] of [
    ['malformed XML', '<Autodiscover xmlns="x"><Request>'],
    ['an empty body', ''],
    ['text that is not XML', 'hello'],
    [
      'an Autodiscover element in another namespace',
      poxRequest('alice@contoso.com').replace(AD_NS.req, 'urn:not-autodiscover'),
    ],
    ['a SOAP envelope', getUserSettingsRequest(['alice@contoso.com'], ['ExternalEwsUrl'])],
    [
      'a request without EMailAddress',
      `<Autodiscover xmlns="${AD_NS.req}"><Request><AcceptableResponseSchema>${AD_NS.o}</AcceptableResponseSchema></Request></Autodiscover>`,
    ],
  ] as const) {
    it(`answers ${what} with Error 600 Invalid Request`, async () => {
      const res = await postPox(mock.app, body)
      expect(res.status).to.equal(200)
      expect(poxErrorCode(res)).to.equal('600')
      expect(res.select(`${ACCOUNT}`)).to.have.length(0)
    })
  }

  it('answers another AcceptableResponseSchema with Error 601', async () => {
    const res = await postPox(
      mock.app,
      poxRequest(
        'alice@contoso.com',
        'http://schemas.microsoft.com/exchange/autodiscover/mobilesync/responseschema/2006',
      ),
    )
    expect(res.status).to.equal(200)
    expect(poxErrorCode(res)).to.equal('601')
    expect(res.select(`${ACCOUNT}`)).to.have.length(0)
  })

  it('challenges a request without credentials with 401', async () => {
    const res = await postPox(mock.app, poxRequest('alice@contoso.com'), { user: null })
    expect(res.status).to.equal(401)
    expect(res.headers['www-authenticate']).to.match(/Basic realm="[^"]+"/)
    expect(res.text).to.not.contain('EwsUrl')
  })

  it('refuses wrong credentials with 401', async () => {
    const res = await postPox(mock.app, poxRequest('alice@contoso.com'), {
      authorization: `Basic ${Buffer.from('alice@contoso.com:wrong').toString('base64')}`,
    })
    expect(res.status).to.equal(401)
  })

  describe('refuses a DOCTYPE with 600 without processing it', () => {
    it('does not expand an internal entity', async () => {
      // Were the DTD processed, &who; would be alice's address and the answer her settings.
      const body = poxRequest('&who;').replace(
        '<Autodiscover',
        '<!DOCTYPE Autodiscover [<!ENTITY who "alice@contoso.com">]>\n<Autodiscover',
      )
      const res = await postPox(mock.app, body)
      expect(res.status).to.equal(200)
      expect(poxErrorCode(res)).to.equal('600')
      expect(res.text).to.not.contain('EwsUrl')
    })

    it('does not read an external entity', async () => {
      const body = poxRequest('&file;').replace(
        '<Autodiscover',
        '<!DOCTYPE Autodiscover [<!ENTITY file SYSTEM "file:///etc/passwd">]>\n<Autodiscover',
      )
      const res = await postPox(mock.app, body)
      expect(poxErrorCode(res)).to.equal('600')
      expect(res.text).to.not.match(/root:/)
    })
  })
})

describe('SOAP Autodiscover (POST /autodiscover/autodiscover.svc, GetUserSettings)', () => {
  let mock: EwsApp
  beforeEach(() => {
    mock = testApp()
  })

  it('answers the documented settings for an Exchange 2016 user', async () => {
    const res = await postSoap(
      mock.app,
      getUserSettingsRequest(
        ['alice@contoso.com'],
        [
          'InternalEwsUrl',
          'ExternalEwsUrl',
          'UserDisplayName',
          'UserDN',
          'EwsSupportedSchemas',
          'CasVersion',
        ],
      ),
    )
    expect(res.status).to.equal(200)
    expect(res.headers['content-type']).to.match(/^text\/xml/)
    expect(res.value('//a:GetUserSettingsResponseMessage/a:Response/a:ErrorCode')).to.equal(
      'NoError',
    )
    const [alice, ...rest] = userResponses(res)
    expect(rest).to.have.length(0)
    expect(alice!.errorCode).to.equal('NoError')
    expect(alice!.settingErrors).to.deep.equal({})
    const s = alice!.settings
    expect(Object.keys(s)).to.have.members([
      'InternalEwsUrl',
      'ExternalEwsUrl',
      'UserDisplayName',
      'UserDN',
      'EwsSupportedSchemas',
      'CasVersion',
    ])
    expect(s.InternalEwsUrl).to.match(/^http:\/\/127\.0\.0\.1:\d+\/EWS\/Exchange\.asmx$/)
    expect(s.ExternalEwsUrl).to.equal(s.InternalEwsUrl)
    expect(s.UserDisplayName).to.equal('Alice Wood')
    expect(s.UserDN).to.match(/^\/o=CONTOSO\/.*\/cn=Recipients\/cn=alice$/)
    const schemas = s.EwsSupportedSchemas!.split(/,\s*/)
    expect(schemas[0]).to.equal('Exchange2007')
    expect(schemas.at(-1)).to.equal('Exchange2016')
    expect(schemas).to.include.members([
      'Exchange2007_SP1',
      'Exchange2010',
      'Exchange2010_SP1',
      'Exchange2010_SP2',
      'Exchange2013',
      'Exchange2013_SP1',
    ])
    expect(schemas.every((x) => x.startsWith('Exchange'))).to.equal(true)
    const v = EXCHANGE_PROFILES['exchange-2016'].serverVersionInfo
    expect(s.CasVersion).to.match(/^\d+\.\d{2}\.\d{4}\.\d{3}$/)
    expect(s.CasVersion!.split('.').map(Number)).to.deep.equal([
      v.majorVersion,
      v.minorVersion,
      v.majorBuildNumber,
      v.minorBuildNumber,
    ])
  })

  it('gives the same UserDN as the POX LegacyDN', async () => {
    const soap = await postSoap(mock.app, getUserSettingsRequest(['bob@contoso.com'], ['UserDN']))
    const pox = await postPox(mock.app, poxRequest('bob@contoso.com'), { user: 'bob@contoso.com' })
    expect(userResponses(soap)[0]!.settings.UserDN).to.equal(
      pox.value('/r:Autodiscover/o:Response/o:User/o:LegacyDN'),
    )
  })

  it('carries the WS-Addressing action and the ServerVersionInfo of the profile in the header', async () => {
    const res = await postSoap(
      mock.app,
      getUserSettingsRequest(['alice@contoso.com'], ['CasVersion']),
    )
    expect(res.value('/s:Envelope/s:Header/wsa:Action')).to.equal(
      `${AD_NS.a}/Autodiscover/GetUserSettingsResponse`,
    )
    const v = EXCHANGE_PROFILES['exchange-2016'].serverVersionInfo
    expect(res.value('//s:Header/a:ServerVersionInfo/a:MajorVersion')).to.equal(
      String(v.majorVersion),
    )
    expect(res.value('//s:Header/a:ServerVersionInfo/a:MinorVersion')).to.equal(
      String(v.minorVersion),
    )
    expect(res.value('//s:Header/a:ServerVersionInfo/a:MajorBuildNumber')).to.equal(
      String(v.majorBuildNumber),
    )
  })

  it('reports Version Exchange2015 in ServerVersionInfo for a 15.1 (Exchange 2016) server', async () => {
    const res = await postSoap(
      mock.app,
      getUserSettingsRequest(['alice@contoso.com'], ['CasVersion']),
    )
    expect(res.value('//s:Header/a:ServerVersionInfo/a:Version')).to.equal('Exchange2015')
  })

  it('lists schemas up to Exchange2013_SP1 for an Exchange 2013 organisation', async () => {
    const litware = testApp({ topology: MIXED })
    const res = await postSoap(
      litware.app,
      getUserSettingsRequest(['dave@litware.com'], ['EwsSupportedSchemas', 'CasVersion']),
      { user: 'dave@litware.com' },
    )
    const dave = userResponses(res)[0]!
    expect(dave.errorCode).to.equal('NoError')
    const schemas = dave.settings.EwsSupportedSchemas!.split(/,\s*/)
    expect(schemas[0]).to.equal('Exchange2007')
    expect(schemas.at(-1)).to.equal('Exchange2013_SP1')
    expect(schemas).to.include('Exchange2013')
    expect(schemas).to.not.include('Exchange2016')
    expect(dave.settings.CasVersion).to.match(/^15\.00\.1497\.\d{3}$/)
    const alice = await postSoap(
      litware.app,
      getUserSettingsRequest(['alice@contoso.com'], ['EwsSupportedSchemas']),
    )
    expect(userResponses(alice)[0]!.settings.EwsSupportedSchemas).to.match(/Exchange2016$/)
  })

  it('answers an unknown setting with SettingIsNotAvailable and still gives the known ones', async () => {
    const res = await postSoap(
      mock.app,
      getUserSettingsRequest(['alice@contoso.com'], ['ActiveDirectoryServer', 'ExternalEwsUrl']),
    )
    expect(res.status).to.equal(200)
    const [alice] = userResponses(res)
    expect(alice!.errorCode).to.equal('NoError')
    expect(alice!.settingErrors).to.deep.equal({ ActiveDirectoryServer: 'SettingIsNotAvailable' })
    expect(Object.keys(alice!.settings)).to.deep.equal(['ExternalEwsUrl'])
  })

  it('answers an unknown mailbox with UserResponse ErrorCode InvalidUser', async () => {
    const res = await postSoap(
      mock.app,
      getUserSettingsRequest(['nobody@contoso.com'], ['ExternalEwsUrl']),
    )
    expect(res.status).to.equal(200)
    const [nobody] = userResponses(res)
    expect(nobody!.errorCode).to.equal('InvalidUser')
    expect(nobody!.settings).to.deep.equal({})
  })

  it("answers several mailboxes in one request, in order (another organisation is not the caller's)", async () => {
    const res = await postSoap(
      mock.app,
      getUserSettingsRequest(
        ['bob@contoso.com', 'nobody@contoso.com', 'carol@fabrikam.com', 'alice@contoso.com'],
        ['UserDisplayName'],
      ),
    )
    const users = userResponses(res)
    expect(users.map((u) => u.errorCode)).to.deep.equal([
      'NoError',
      'InvalidUser',
      'InvalidUser',
      'NoError',
    ])
    expect(users.map((u) => u.settings.UserDisplayName)).to.deep.equal([
      'Bob Kelly',
      undefined,
      undefined,
      'Alice Wood',
    ])
  })

  for (const [what, body] of [
    [
      'another Autodiscover operation',
      getUserSettingsRequest(['alice@contoso.com'], ['ExternalEwsUrl']).replace(
        /GetUserSettingsRequestMessage/g,
        'GetDomainSettingsRequestMessage',
      ),
    ],
    ['a POX request', poxRequest('alice@contoso.com')],
    ['malformed XML', '<soap:Envelope'],
  ] as const) {
    it(`answers ${what} with an HTTP 500 SOAP fault`, async () => {
      const res = await postSoap(mock.app, body)
      expect(res.status).to.equal(500)
      expect(res.select('/s:Envelope/s:Body/s:Fault')).to.have.length(1)
      expect(res.value('//s:Fault/faultstring')).to.not.equal('')
      expect(userResponses(res)).to.have.length(0)
    })
  }

  it('challenges a request without credentials with 401', async () => {
    const res = await postSoap(
      mock.app,
      getUserSettingsRequest(['alice@contoso.com'], ['ExternalEwsUrl']),
      { user: null },
    )
    expect(res.status).to.equal(401)
    expect(res.headers['www-authenticate']).to.match(/Basic/)
  })
})

describe('Autodiscover of one organisation on one loopback server', () => {
  let mock: EwsApp
  beforeEach(() => {
    mock = testApp()
  })

  describe('by path prefix (/contoso.com/autodiscover/…)', () => {
    it('POX answers for a contoso user and refuses a fabrikam user with 500', async () => {
      const path = '/contoso.com/autodiscover/autodiscover.xml'
      const alice = await postPox(mock.app, poxRequest('alice@contoso.com'), { path })
      expect(poxErrorCode(alice)).to.equal('')
      expect(alice.value('/r:Autodiscover/o:Response/o:User/o:AutoDiscoverSMTPAddress')).to.equal(
        'alice@contoso.com',
      )
      const carol = await postPox(mock.app, poxRequest('carol@fabrikam.com'), {
        path,
        user: 'carol@fabrikam.com',
      })
      expect(carol.status).to.equal(200)
      expect(poxErrorCode(carol)).to.equal('500')
      const asAlice = await postPox(mock.app, poxRequest('carol@fabrikam.com'), { path })
      expect(poxErrorCode(asAlice)).to.equal('500')
    })

    it('SOAP answers for a contoso user and gives InvalidUser for a fabrikam user', async () => {
      const res = await postSoap(
        mock.app,
        getUserSettingsRequest(['alice@contoso.com', 'carol@fabrikam.com'], ['ExternalEwsUrl']),
        { path: '/contoso.com/autodiscover/autodiscover.svc' },
      )
      expect(res.status).to.equal(200)
      expect(userResponses(res).map((u) => u.errorCode)).to.deep.equal(['NoError', 'InvalidUser'])
    })

    it('the fabrikam prefix answers for carol', async () => {
      const res = await postPox(mock.app, poxRequest('carol@fabrikam.com'), {
        path: '/fabrikam.com/autodiscover/autodiscover.xml',
        user: 'carol@fabrikam.com',
      })
      expect(poxErrorCode(res)).to.equal('')
      expect(res.value(`${ACCOUNT}/o:MicrosoftOnline`)).to.equal('True')
    })
  })

  describe('by Host header', () => {
    it('autodiscover.fabrikam.com answers for carol and refuses alice (POX)', async () => {
      const host = 'autodiscover.fabrikam.com'
      const carol = await postPox(mock.app, poxRequest('carol@fabrikam.com'), {
        host,
        user: 'carol@fabrikam.com',
      })
      expect(poxErrorCode(carol)).to.equal('')
      expect(carol.value('/r:Autodiscover/o:Response/o:User/o:AutoDiscoverSMTPAddress')).to.equal(
        'carol@fabrikam.com',
      )
      const alice = await postPox(mock.app, poxRequest('alice@contoso.com'), { host })
      expect(alice.status).to.equal(200)
      expect(poxErrorCode(alice)).to.equal('500')
    })

    it('autodiscover.fabrikam.com answers for carol and refuses alice (SOAP)', async () => {
      const res = await postSoap(
        mock.app,
        getUserSettingsRequest(['carol@fabrikam.com', 'alice@contoso.com'], ['UserDisplayName']),
        { host: 'autodiscover.fabrikam.com:8443', user: 'carol@fabrikam.com' },
      )
      expect(userResponses(res).map((u) => u.errorCode)).to.deep.equal(['NoError', 'InvalidUser'])
    })

    it('autodiscover.contoso.com answers for alice and refuses carol', async () => {
      const res = await postSoap(
        mock.app,
        getUserSettingsRequest(['alice@contoso.com', 'carol@fabrikam.com'], ['UserDisplayName']),
        { host: 'autodiscover.contoso.com' },
      )
      expect(userResponses(res).map((u) => u.errorCode)).to.deep.equal(['NoError', 'InvalidUser'])
    })

    it("an unknown host falls back to the caller's own organisation", async () => {
      for (const host of ['autodiscover.example.org', 'localhost:1234']) {
        const alice = await postPox(mock.app, poxRequest('alice@contoso.com'), { host })
        expect(poxErrorCode(alice), host).to.equal('')
        const carol = await postPox(mock.app, poxRequest('carol@fabrikam.com'), {
          host,
          user: 'carol@fabrikam.com',
        })
        expect(poxErrorCode(carol), host).to.equal('')
        const soap = await postSoap(
          mock.app,
          getUserSettingsRequest(['alice@contoso.com', 'carol@fabrikam.com'], ['UserDisplayName']),
          { host },
        )
        // alice signed in: her organisation answers, and carol is not one of its users.
        expect(
          userResponses(soap).map((u) => u.errorCode),
          host,
        ).to.deep.equal(['NoError', 'InvalidUser'])
      }
    })
  })
})

describe('Autodiscover across organisations (a caller sees only its own organisation)', () => {
  let mock: EwsApp
  beforeEach(() => {
    mock = testApp()
  })

  async function tokenOf(username: string): Promise<string> {
    const res = await request(mock.app)
      .post('/oauth2/token')
      .type('form')
      .send({ grant_type: 'password', username, password: PASSWORD })
    return `Bearer ${(res.body as { access_token: string }).access_token}`
  }

  const ways = [
    {
      how: 'path prefix',
      pox: { path: '/fabrikam.com/autodiscover/autodiscover.xml' },
      soap: { path: '/fabrikam.com/autodiscover/autodiscover.svc' },
    },
    {
      how: 'Host header',
      pox: { host: 'autodiscover.fabrikam.com' },
      soap: { host: 'autodiscover.fabrikam.com' },
    },
    { how: 'no address', pox: {}, soap: {} },
  ]
  for (const { how, pox, soap } of ways) {
    it(`POX (${how}): alice's Basic credentials asking for carol get Error 500 and nothing of carol's`, async () => {
      const res = await postPox(mock.app, poxRequest('carol@fabrikam.com'), pox)
      expect(res.status).to.equal(200)
      expect(poxErrorCode(res)).to.equal('500')
      expect(res.text).to.not.contain('Carol')
      expect(res.text).to.not.contain('EwsUrl')
    })

    it(`SOAP (${how}): alice asking for carol gets InvalidUser, no UserDN and no display name`, async () => {
      const res = await postSoap(
        mock.app,
        getUserSettingsRequest(
          ['carol@fabrikam.com'],
          ['UserDisplayName', 'UserDN', 'ExternalEwsUrl'],
        ),
        soap,
      )
      expect(res.status).to.equal(200)
      const [carol] = userResponses(res)
      expect(carol!.errorCode).to.equal('InvalidUser')
      expect(carol!.settings).to.deep.equal({})
      expect(res.text).to.not.contain('Carol')
    })
  }

  it("carol's token does not open alice's settings (SOAP and POX, any addressing)", async () => {
    const authorization = await tokenOf('carol@fabrikam.com')
    for (const path of [undefined, '/contoso.com/autodiscover/autodiscover.svc']) {
      const res = await postSoap(
        mock.app,
        getUserSettingsRequest(
          ['alice@contoso.com', 'carol@fabrikam.com'],
          ['UserDisplayName', 'UserDN'],
        ),
        { authorization, ...(path ? { path } : {}) },
      )
      expect(
        userResponses(res).map((u) => u.errorCode),
        path,
      ).to.deep.equal(path ? ['InvalidUser', 'InvalidUser'] : ['InvalidUser', 'NoError'])
      expect(res.text).to.not.contain('Alice')
    }
    for (const options of [{}, { host: 'autodiscover.contoso.com' }]) {
      const res = await postPox(mock.app, poxRequest('alice@contoso.com'), {
        authorization,
        ...options,
      })
      expect(poxErrorCode(res)).to.equal('500')
      expect(res.text).to.not.contain('Alice')
    }
  })

  it('a token still discovers its own user at its own organisation, and colleagues are visible', async () => {
    const carol = await postPox(mock.app, poxRequest('carol@fabrikam.com'), {
      authorization: await tokenOf('carol@fabrikam.com'),
      host: 'autodiscover.fabrikam.com',
    })
    expect(poxErrorCode(carol)).to.equal('')
    const bob = await postPox(mock.app, poxRequest('bob@contoso.com'), {
      path: '/contoso.com/autodiscover/autodiscover.xml',
    })
    expect(bob.value('/r:Autodiscover/o:Response/o:User/o:DisplayName')).to.equal('Bob Kelly')
  })
})

describe('ews-javascript-api AutodiscoverService against mock-ews', () => {
  let mock: EwsApp
  let server: RunningServer
  beforeEach(async () => {
    mock = testApp()
    server = await startEwsServer(mock.app, { port: 0 })
  })
  afterEach(() => server.close())

  function autodiscover(): ews.AutodiscoverService {
    return new ews.AutodiscoverService(
      new ews.Uri(`${server.url}/autodiscover/autodiscover.svc`),
      ews.ExchangeVersion.Exchange2013,
    )
  }

  it('discovers alice’s ExternalEwsUrl with WebCredentials and binds her Inbox there', async () => {
    const ad = autodiscover()
    ad.Credentials = new ews.WebCredentials('alice@contoso.com', PASSWORD)
    const response = await ad.GetUserSettings('alice@contoso.com', [
      ews.UserSettingName.ExternalEwsUrl,
    ])
    expect(response.ErrorCode).to.equal(ews.AutodiscoverErrorCode.NoError)
    const url = response.Settings.get(ews.UserSettingName.ExternalEwsUrl)
    expect(url).to.equal(server.ewsUrl)
    const svc = new ews.ExchangeService(ews.ExchangeVersion.Exchange2013)
    svc.Credentials = new ews.WebCredentials('alice@contoso.com', PASSWORD)
    svc.Url = new ews.Uri(String(url))
    const inbox = await ews.Folder.Bind(svc, ews.WellKnownFolderName.Inbox)
    expect(inbox.DisplayName).to.equal('Inbox')
    expect(inbox.Id.UniqueId).to.equal(
      mock.store.getDistinguishedFolder('alice@contoso.com', 'inbox').folderId.id,
    )
  })

  it('discovers carol’s ExternalEwsUrl with a bearer token and binds her Inbox there', async () => {
    const token = await request(mock.app)
      .post('/oauth2/token')
      .type('form')
      .send({ grant_type: 'password', username: 'carol@fabrikam.com', password: PASSWORD })
    expect(token.status).to.equal(200)
    const accessToken = (token.body as { access_token: string }).access_token
    const ad = autodiscover()
    ad.Credentials = new ews.OAuthCredentials(accessToken)
    const response = await ad.GetUserSettings('carol@fabrikam.com', [
      ews.UserSettingName.ExternalEwsUrl,
      ews.UserSettingName.UserDisplayName,
    ])
    expect(response.ErrorCode).to.equal(ews.AutodiscoverErrorCode.NoError)
    expect(response.Settings.get(ews.UserSettingName.UserDisplayName)).to.equal('Carol Ruiz')
    const url = response.Settings.get(ews.UserSettingName.ExternalEwsUrl)
    expect(url).to.equal(server.ewsUrl)
    const svc = new ews.ExchangeService(ews.ExchangeVersion.Exchange2013)
    svc.Credentials = new ews.OAuthCredentials(accessToken)
    svc.Url = new ews.Uri(String(url))
    const inbox = await ews.Folder.Bind(svc, ews.WellKnownFolderName.Inbox)
    expect(inbox.Id.UniqueId).to.equal(
      mock.store.getDistinguishedFolder('carol@fabrikam.com', 'inbox').folderId.id,
    )
  })

  it('reports InvalidUser for an unknown mailbox', async () => {
    const ad = autodiscover()
    ad.Credentials = new ews.WebCredentials('alice@contoso.com', PASSWORD)
    const response = await ad.GetUserSettings('nobody@contoso.com', [
      ews.UserSettingName.ExternalEwsUrl,
    ])
    expect(response.ErrorCode).to.equal(ews.AutodiscoverErrorCode.InvalidUser)
  })
})
