/**
 * Authentication schemes by deployment (reference/ews-protocol.md §5.3): on-premises Exchange takes
 * Basic and no bearer tokens; Exchange Online takes OAuth bearer tokens from `POST /oauth2/token`
 * (resource-owner password grant, expiring on the virtual clock) and Basic only before 2020-10-13.
 */
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http'
import { expect } from 'chai'
import * as ews from 'ews-javascript-api'
import { FakeClock, memoryLogger, startEwsServer } from '../../mock-ews/index.ts'
import type { EwsApp, RunningServer } from '../../mock-ews/index.ts'
import { distinguished, envelope, getFolderXml, PASSWORD, testApp } from '../helpers/ews.ts'
import { ALICE, CAROL } from '../helpers/items.ts'
import {
  basic,
  bearer,
  ewsAs,
  ON_PREMISES_PROFILES,
  profileTopology,
  requestToken,
  tokenFor,
  userOf,
} from '../helpers/deployments.ts'

const BASE64URL = /^[A-Za-z0-9_-]+$/
const HOUR = 3600 * 1000
/** GetFolder of Inbox without a RequestServerVersion header (which Exchange 2010 would refuse). */
const NO_VERSION_INBOX = envelope(getFolderXml(distinguished('inbox'), 'IdOnly'), '')

/** The Inbox id of `user` as the store has it. */
const inboxIdOf = (app: EwsApp, user: string): string =>
  app.store.getDistinguishedFolder(user, 'inbox').folderId.id

/** The challenges of a WWW-Authenticate header, by scheme (`Basic realm="x", Bearer` → Basic, Bearer). */
const schemesOf = (challenge: string): string[] =>
  [...challenge.matchAll(/(?:^|,\s*)([A-Za-z]+)(?=\s|,|$)/g)].map((m) => m[1]!)

describe('Authentication schemes', () => {
  describe('on-premises Exchange', () => {
    let mock: EwsApp
    beforeEach(() => {
      mock = testApp({ topology: profileTopology() })
    })

    for (const profile of ON_PREMISES_PROFILES) {
      describe(profile, () => {
        const user = userOf(profile)

        it('accepts Basic', async () => {
          // Every profile takes a request without RequestServerVersion, so one body serves all four.
          const res = await ewsAs(mock.app, basic(user), NO_VERSION_INBOX)
          expect(res.status).to.equal(200)
          expect(res.value('//t:FolderId/@Id')).to.equal(inboxIdOf(mock, user))
        })

        it('issues no token: POST /oauth2/token answers 400 unauthorized_client', async () => {
          const res = await requestToken(mock.app, {
            grant_type: 'password',
            username: user,
            password: PASSWORD,
          })
          expect(res.status).to.equal(400)
          expect(res.body.error).to.equal('unauthorized_client')
          expect(res.body).to.not.have.property('access_token')
        })

        it('refuses a bearer token with 401, even a valid one issued to the user', async () => {
          const directoryUser = mock.directory.user(user)
          if (!directoryUser) throw new Error(`${user} is not in the directory`)
          const { access_token } = mock.tokens.issue(directoryUser)
          const res = await ewsAs(mock.app, bearer(access_token))
          expect(res.status).to.equal(401)
          expect(res.select('//t:FolderId')).to.have.length(0)
        })
      })
    }

    it('the demo contoso.com (Exchange 2016) takes Basic for alice and no token', async () => {
      const demo = testApp()
      expect((await ewsAs(demo.app, basic(ALICE))).status).to.equal(200)
      const token = await requestToken(demo.app, {
        grant_type: 'password',
        username: ALICE,
        password: PASSWORD,
      })
      expect([token.status, token.body.error]).to.deep.equal([400, 'unauthorized_client'])
      const { access_token } = demo.tokens.issue(demo.directory.user(ALICE)!)
      expect((await ewsAs(demo.app, bearer(access_token))).status).to.equal(401)
    })
  })

  describe('Exchange Online: POST /oauth2/token', () => {
    let mock: EwsApp
    beforeEach(() => {
      mock = testApp()
    })

    for (const encoding of ['form', 'json'] as const) {
      it(`issues a bearer token for carol (${encoding === 'form' ? 'form-encoded' : 'JSON'} body)`, async () => {
        const res = await requestToken(
          mock.app,
          { grant_type: 'password', username: CAROL, password: PASSWORD },
          encoding,
        )
        expect(res.status).to.equal(200)
        expect(res.contentType).to.match(/^application\/json/)
        expect(Object.keys(res.body).sort()).to.deep.equal([
          'access_token',
          'expires_in',
          'token_type',
        ])
        expect(res.body.token_type).to.equal('Bearer')
        const parts = String(res.body.access_token).split('.')
        expect(parts).to.have.length(3)
        for (const part of parts) expect(part).to.match(BASE64URL)
        expect(res.body.expires_in).to.be.a('number').and.to.be.greaterThan(0)
      })
    }

    it('issues a different token on each request', async () => {
      expect(await tokenFor(mock.app, CAROL)).to.not.equal(await tokenFor(mock.app, CAROL))
    })

    it("opens carol's mailbox with the token", async () => {
      const res = await ewsAs(mock.app, bearer(await tokenFor(mock.app, CAROL)))
      expect(res.status).to.equal(200)
      expect(res.codes()).to.deep.equal(['NoError'])
      expect(res.value('//t:FolderId/@Id')).to.equal(inboxIdOf(mock, CAROL))
    })

    it('refuses a wrong password with 400 invalid_grant', async () => {
      const res = await requestToken(mock.app, {
        grant_type: 'password',
        username: CAROL,
        password: 'wrong',
      })
      expect(res.status).to.equal(400)
      expect(res.body.error).to.equal('invalid_grant')
      expect(res.body).to.not.have.property('access_token')
    })

    it('refuses an unknown user with 400 invalid_grant', async () => {
      const res = await requestToken(mock.app, {
        grant_type: 'password',
        username: 'mallory@fabrikam.com',
        password: PASSWORD,
      })
      expect([res.status, res.body.error]).to.deep.equal([400, 'invalid_grant'])
    })

    for (const grant of ['client_credentials', 'authorization_code', 'refresh_token', undefined]) {
      it(`refuses grant_type ${grant ?? '(none)'} with 400 unsupported_grant_type`, async () => {
        const fields: Record<string, string> = { username: CAROL, password: PASSWORD }
        if (grant !== undefined) fields.grant_type = grant
        const res = await requestToken(mock.app, fields)
        expect(res.status).to.equal(400)
        expect(res.body.error).to.equal('unsupported_grant_type')
        expect(res.body).to.not.have.property('access_token')
      })
    }

    it('answers an unexpected failure with 500 server_error as JSON, its stack logged once and not sent', async () => {
      const logger = memoryLogger()
      const failing = testApp({ logger })
      failing.tokens.issue = () => {
        throw new TypeError('token signing broke')
      }
      const res = await requestToken(failing.app, {
        grant_type: 'password',
        username: CAROL,
        password: PASSWORD,
      })
      expect(res.status).to.equal(500)
      expect(res.contentType).to.match(/^application\/json/)
      expect(Object.keys(res.body).sort()).to.deep.equal(['error', 'error_description'])
      expect(res.body.error).to.equal('server_error')
      expect(String(res.body.error_description)).to.not.match(/token signing broke|\bat /)
      expect(logger.lines).to.have.length(1)
      expect(logger.lines[0]).to.match(
        /^error .*POST \/oauth2\/token.*TypeError: token signing broke/s,
      )
    })
  })

  describe('Exchange Online: bearer tokens at the EWS endpoint', () => {
    let clock: FakeClock
    let mock: EwsApp
    beforeEach(() => {
      clock = new FakeClock('2016-06-10T09:00:00Z')
      mock = testApp({ clock })
    })

    it('takes a token until expires_in has passed on the clock, then answers 401 invalid_token', async () => {
      const res = await requestToken(mock.app, {
        grant_type: 'password',
        username: CAROL,
        password: PASSWORD,
      })
      const token = String(res.body.access_token)
      const lifetime = Number(res.body.expires_in) * 1000
      clock.advance(lifetime - 1000)
      expect((await ewsAs(mock.app, bearer(token))).status).to.equal(200)
      clock.advance(1000)
      const expired = await ewsAs(mock.app, bearer(token))
      expect(expired.status).to.equal(401)
      expect(expired.challenge).to.match(/^Bearer error="invalid_token"/)
      expect(expired.select('//t:FolderId')).to.have.length(0)
    })

    it('refuses an unknown token with 401 invalid_token', async () => {
      const token = await tokenFor(mock.app, CAROL)
      const [head, claims] = token.split('.')
      const forged = `${head}.${claims}.${Buffer.alloc(32, 7).toString('base64url')}`
      for (const unknown of [forged, 'abc.def.ghi']) {
        const res = await ewsAs(mock.app, bearer(unknown))
        expect(res.status, unknown).to.equal(401)
        expect(res.challenge, unknown).to.match(/^Bearer error="invalid_token"/)
      }
    })

    it('refuses a token issued by another mock-ews instance', async () => {
      const other = testApp({ clock })
      const res = await ewsAs(mock.app, bearer(await tokenFor(other.app, CAROL)))
      expect(res.status).to.equal(401)
    })

    it('keeps taking tokens after Basic was switched off (2021)', async () => {
      clock.set('2021-01-04T09:00:00Z')
      const res = await ewsAs(mock.app, bearer(await tokenFor(mock.app, CAROL)))
      expect(res.status).to.equal(200)
      expect(res.value('//t:FolderId/@Id')).to.equal(inboxIdOf(mock, CAROL))
    })
  })

  describe('Exchange Online: Basic, switched off on 2020-10-13', () => {
    it('accepts Basic for carol on 2020-10-12 (virtual clock)', async () => {
      const mock = testApp({ clock: new FakeClock('2020-10-12T23:59:59Z') })
      const res = await ewsAs(mock.app, basic(CAROL))
      expect(res.status).to.equal(200)
      expect(res.value('//t:FolderId/@Id')).to.equal(inboxIdOf(mock, CAROL))
    })

    it('refuses Basic for carol from 2020-10-13T00:00:00Z on, with a challenge that offers Bearer only', async () => {
      const clock = new FakeClock('2020-10-12T23:59:59Z')
      const mock = testApp({ clock })
      clock.advance(1000)
      const res = await ewsAs(mock.app, basic(CAROL))
      expect(res.status).to.equal(401)
      expect(schemesOf(res.challenge)).to.deep.equal(['Bearer'])
      expect(res.select('//t:FolderId')).to.have.length(0)
    })

    it('still accepts Basic for the on-premises alice after that date', async () => {
      const mock = testApp({ clock: new FakeClock('2020-10-13T00:00:00Z') })
      expect((await ewsAs(mock.app, basic(ALICE))).status).to.equal(200)
    })
  })

  describe('the default challenge', () => {
    it('offers both Basic and Bearer on a request without credentials', async () => {
      const res = await ewsAs(testApp().app, undefined)
      expect(res.status).to.equal(401)
      expect(schemesOf(res.challenge)).to.deep.equal(['Basic', 'Bearer'])
      expect(res.challenge).to.match(/Basic realm="[^"]+"/)
    })

    it('offers both on a wrong password', async () => {
      const res = await ewsAs(testApp().app, basic(CAROL, 'wrong'))
      expect(res.status).to.equal(401)
      expect(schemesOf(res.challenge)).to.deep.equal(['Basic', 'Bearer'])
    })
  })

  describe('a real client (ews-javascript-api) with OAuthCredentials', () => {
    let clock: FakeClock
    let mock: EwsApp
    let server: RunningServer
    beforeEach(async () => {
      clock = new FakeClock('2016-06-10T09:00:00Z')
      mock = testApp({ clock })
      server = await startEwsServer(mock.app, { port: 0 })
    })
    afterEach(() => server.close())

    /** A token from the running server's token endpoint, over real HTTP. */
    async function fetchToken(): Promise<string> {
      const res = await fetch(`${server.url}/oauth2/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'password', username: CAROL, password: PASSWORD }),
      })
      expect(res.status).to.equal(200)
      return ((await res.json()) as { access_token: string }).access_token
    }

    function service(token: string): ews.ExchangeService {
      const svc = new ews.ExchangeService(ews.ExchangeVersion.Exchange2013)
      svc.Credentials = new ews.OAuthCredentials(token)
      svc.Url = new ews.Uri(server.ewsUrl)
      return svc
    }

    it("binds carol's Inbox", async () => {
      const inbox = await ews.Folder.Bind(
        service(await fetchToken()),
        ews.WellKnownFolderName.Inbox,
      )
      expect(inbox.Id.UniqueId).to.equal(inboxIdOf(mock, CAROL))
      expect(inbox.DisplayName).to.equal('Inbox')
    })

    it('fails to bind once the token has expired: 401 with Bearer error="invalid_token"', async () => {
      const svc = service(await fetchToken())
      clock.advance(HOUR)
      // What went over the wire to the client (ews-javascript-api keeps no response headers).
      const answers: { status: number; challenge: unknown }[] = []
      server.server.prependListener('request', (_req: IncomingMessage, res: ServerResponse) => {
        const writeHead = res.writeHead.bind(res) as (s: number, h?: OutgoingHttpHeaders) => void
        res.writeHead = ((status: number, headers: OutgoingHttpHeaders = {}) => {
          const challenge = Object.entries(headers).find(([k]) => /^www-authenticate$/i.test(k))
          answers.push({ status, challenge: challenge?.[1] })
          writeHead(status, headers)
          return res
        }) as ServerResponse['writeHead']
      })
      const error = await ews.Folder.Bind(svc, ews.WellKnownFolderName.Inbox).then(
        () => undefined,
        (e: unknown) => e,
      )
      expect(error, 'Folder.Bind with an expired token').to.be.instanceOf(ews.SoapFaultDetails)
      expect((error as ews.SoapFaultDetails).HttpStatusCode).to.equal(401)
      expect(answers).to.deep.equal([
        {
          status: 401,
          challenge: [
            'Bearer error="invalid_token", error_description="The access token has expired"',
          ],
        },
      ])
    })
  })
})
