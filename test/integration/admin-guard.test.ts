// What stands in front of the admin API and the token endpoint (docs/decisions/0022): no empty
// token, no foreign Host (DNS rebinding), JSON for every error; expires_in as a number, clamped;
// a 401 that says why; and the request log of `serve`.
import { expect } from 'chai'
import request from 'supertest'
import { createEwsApp, FakeClock, memoryLogger, startEwsServer } from '../../mock-ews/index.ts'
import type { EwsApp } from '../../mock-ews/index.ts'
import { MAX_TOKEN_LIFETIME_SECONDS } from '../../mock-ews/auth/token-endpoint.ts'
import { basic, bearer, ewsAs, requestToken } from '../helpers/deployments.ts'
import { distinguished, envelope, getFolderXml, PASSWORD, testApp } from '../helpers/ews.ts'
import { CAROL } from '../helpers/items.ts'
import { poxRequest } from '../helpers/autodiscover.ts'

describe('admin API guard', () => {
  it('refuses an empty (or blank) admin token: it would leave the API open', () => {
    for (const adminToken of ['', '  ']) {
      expect(() => createEwsApp({ adminToken }), JSON.stringify(adminToken)).to.throw(/empty/)
    }
  })

  describe('Host header (DNS rebinding)', () => {
    let mock: EwsApp
    beforeEach(() => {
      mock = testApp({ adminHosts: ['ews-lab.test'] })
    })

    for (const host of [
      'evil.example',
      'evil.example:8080',
      '127.0.0.1.evil.example',
      '[::2]:80',
    ]) {
      it(`answers Host ${host} with 403 JSON, on the EWS app and on adminApp`, async () => {
        for (const app of [mock.app, mock.adminApp]) {
          const res = await request(app).get('/__admin/topology').set('Host', host)
          expect(res.status).to.equal(403)
          expect(res.headers['content-type']).to.match(/^application\/json/)
          expect(res.body.error.message).to.match(/host/)
          expect(res.text).to.not.contain('contoso')
        }
        // Changes are refused too, and change nothing.
        const post = await request(mock.app)
          .post('/__admin/faults')
          .set('Host', host)
          .send({ when: {}, action: { type: 'reset' } })
        expect(post.status).to.equal(403)
        expect(mock.faults.list()).to.have.length(0)
      })
    }

    for (const host of [
      'localhost:8080',
      'LOCALHOST',
      '127.0.0.1:1234',
      '127.3.4.5',
      '[::1]:8080',
      'ews-lab.test:80',
    ]) {
      it(`answers Host ${host}`, async () => {
        const res = await request(mock.app).get('/__admin/topology').set('Host', host)
        expect(res.status).to.equal(200)
      })
    }

    it('answers the address the request arrived on (a server bound to one address)', async () => {
      const server = await startEwsServer(mock.app, { port: 0 })
      try {
        const res = await fetch(`${server.url}/__admin/topology`)
        expect(res.status).to.equal(200)
      } finally {
        await server.close()
      }
    })
  })

  describe('cross-site requests from a browser (CSRF on loopback)', () => {
    it('refuses a POST whose Origin is another site, or that a browser marks cross-site; changes nothing', async () => {
      const mock = testApp()
      for (const headers of [
        { Origin: 'https://evil.example' },
        { Origin: 'null' },
        { 'Sec-Fetch-Site': 'cross-site' },
        { 'Sec-Fetch-Site': 'same-site' },
      ]) {
        const res = await request(mock.app)
          .post('/__admin/faults')
          .set('Host', '127.0.0.1:8080')
          .set(headers)
          .send({ when: {}, action: { type: 'reset' } })
        expect([res.status, res.body.error?.code], JSON.stringify(headers)).to.deep.equal([
          403,
          'ForbiddenOrigin',
        ])
      }
      expect(mock.faults.list()).to.have.length(0)
    })

    it("answers the admin API's own pages (same Origin, same-origin) and clients that send no Origin", async () => {
      const mock = testApp()
      for (const headers of [
        { Origin: 'http://127.0.0.1:8080', 'Sec-Fetch-Site': 'same-origin' },
        {},
      ]) {
        const res = await request(mock.app)
          .get('/__admin/topology')
          .set('Host', '127.0.0.1:8080')
          .set(headers)
        expect(res.status, JSON.stringify(headers)).to.equal(200)
      }
    })
  })

  describe('errors are JSON', () => {
    let mock: EwsApp
    beforeEach(() => {
      mock = testApp()
    })

    it('a body over the limit: 413 JSON on the EWS app and on adminApp (not a SOAP fault, not HTML)', async () => {
      const big = JSON.stringify({
        when: {},
        action: { type: 'reset' },
        pad: 'x'.repeat(1_100_000),
      })
      for (const app of [mock.app, mock.adminApp]) {
        const res = await request(app)
          .post('/__admin/faults')
          .set('Content-Type', 'application/json')
          .send(big)
        expect(res.status).to.equal(413)
        expect(res.headers['content-type']).to.match(/^application\/json/)
        expect(res.body.error.message).to.match(/larger/)
      }
    })

    it('an unknown admin route: 404 JSON; anything else on adminApp: 404 JSON', async () => {
      for (const [app, path] of [
        [mock.app, '/__admin/nothing'],
        [mock.adminApp, '/__admin/nothing'],
        [mock.adminApp, '/EWS/Exchange.asmx'],
      ] as const) {
        const res = await request(app).post(path).send({})
        expect(res.status, path).to.equal(404)
        expect(res.headers['content-type'], path).to.match(/^application\/json/)
        expect(res.body.error.message, path).to.be.a('string')
      }
    })
  })
})

describe('token endpoint (POST /oauth2/token)', () => {
  let clock: FakeClock
  let mock: EwsApp
  beforeEach(() => {
    clock = new FakeClock('2021-01-04T09:00:00Z')
    mock = testApp({ clock })
  })
  const grant = { grant_type: 'password', username: CAROL, password: PASSWORD }

  it('takes "expires_in": 60 as a JSON number: the token ends 60 s later on the clock', async () => {
    const res = await requestToken(mock.app, { ...grant, expires_in: 60 } as never, 'json')
    expect(res.body.expires_in).to.equal(60)
    const token = bearer(String(res.body.access_token))
    clock.advance(59_000)
    expect((await ewsAs(mock.app, token)).status).to.equal(200)
    clock.advance(1_000)
    expect((await ewsAs(mock.app, token)).status).to.equal(401)
  })

  it('clamps a lifetime over a day to a day, and says so in expires_in', async () => {
    for (const expires_in of [1e15, '1000000000000000', MAX_TOKEN_LIFETIME_SECONDS + 1]) {
      const res = await requestToken(mock.app, { ...grant, expires_in } as never, 'json')
      expect(res.status).to.equal(200)
      expect(res.body.expires_in, String(expires_in)).to.equal(MAX_TOKEN_LIFETIME_SECONDS)
    }
    const res = await requestToken(mock.app, { ...grant, expires_in: 1e15 } as never, 'json')
    const token = bearer(String(res.body.access_token))
    clock.advance(MAX_TOKEN_LIFETIME_SECONDS * 1000)
    expect((await ewsAs(mock.app, token)).status).to.equal(401)
  })

  for (const expires_in of ['abc', 0, -5, 1.5, '1e3', true]) {
    it(`refuses expires_in ${JSON.stringify(expires_in)} with 400 invalid_request`, async () => {
      const res = await requestToken(mock.app, { ...grant, expires_in } as never, 'json')
      expect(res.status).to.equal(400)
      expect(res.body.error).to.equal('invalid_request')
    })
  }

  it('answers a body over the limit and malformed JSON with OAuth JSON errors, not SOAP faults', async () => {
    const big = await request(mock.app)
      .post('/oauth2/token')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ ...grant, pad: 'x'.repeat(1_100_000) }))
    expect(big.status).to.equal(413)
    expect(big.headers['content-type']).to.match(/^application\/json/)
    expect(big.body.error).to.equal('invalid_request')
    const bad = await request(mock.app)
      .post('/oauth2/token')
      .set('Content-Type', 'application/json')
      .send('{"grant_type":')
    expect(bad.status).to.equal(400)
    expect(bad.headers['content-type']).to.match(/^application\/json/)
    expect(bad.body.error).to.equal('invalid_request')
  })
})

describe('token endpoint methods', () => {
  it('answers GET with 405 OAuth JSON, not an HTML page', async () => {
    const res = await request(testApp().app).get('/oauth2/token')
    expect(res.status).to.equal(405)
    expect(res.headers.allow).to.equal('POST')
    expect(res.headers['content-type']).to.match(/^application\/json/)
    expect(res.body.error).to.equal('invalid_request')
  })
})

describe('the body of a 401', () => {
  it('tells carol that Exchange Online switched Basic off on 2020-10-13 and to use a token', async () => {
    const mock = testApp({ clock: new FakeClock('2021-01-04T09:00:00Z') })
    const res = await ewsAs(mock.app, basic(CAROL))
    expect(res.status).to.equal(401)
    expect(res.headers['content-type']).to.match(/^text\/plain/)
    expect(res.text).to.match(/Basic authentication off on 2020-10-13/)
    expect(res.text).to.contain('/oauth2/token')
    const autodiscover = await request(mock.app)
      .post('/autodiscover/autodiscover.xml')
      .auth(CAROL, PASSWORD)
      .send(poxRequest(CAROL))
    expect(autodiscover.status).to.equal(401)
    expect(autodiscover.text).to.match(/2020-10-13/)
  })

  it('says a wrong password is wrong, without telling whether the user exists', async () => {
    const mock = testApp()
    const wrong = await ewsAs(mock.app, basic('alice@contoso.com', 'nope'))
    const unknown = await ewsAs(mock.app, basic('nobody@contoso.com', 'nope'))
    expect(wrong.text).to.match(/^401 Unauthorized: wrong user name or password/)
    expect(unknown.text.replace('nobody', 'alice')).to.equal(wrong.text)
  })
})

describe('request log (logRequests, what `serve` prints unless --quiet)', () => {
  it('writes a line per request: method, path, EWS operation, status, ms', async () => {
    const logger = memoryLogger()
    const { app } = createEwsApp({
      clock: new FakeClock('2016-06-10T09:00:00Z'),
      logger,
      logRequests: true,
    })
    const server = await startEwsServer(app, { port: 0 })
    try {
      const auth = `Basic ${Buffer.from(`alice@contoso.com:${PASSWORD}`).toString('base64')}`
      await (
        await fetch(server.ewsUrl, {
          method: 'POST',
          headers: { authorization: auth },
          body: envelope(getFolderXml(distinguished('inbox'))),
        })
      ).text()
      await (await fetch(server.ewsUrl, { method: 'POST', body: '<x/>' })).text()
      await (await fetch(`${server.url}/__admin/topology`)).text()
      await new Promise((resolve) => setImmediate(resolve))
    } finally {
      await server.close()
    }
    const lines = logger.lines.filter((l) => / ms$/.test(l))
    expect(lines[0]).to.match(/^info POST \/EWS\/Exchange\.asmx GetFolder 200 \d+\.\d ms$/)
    expect(lines[1]).to.match(/^info POST \/EWS\/Exchange\.asmx - 401 \d+\.\d ms$/)
    expect(lines[2]).to.match(/^info GET \/__admin\/topology - 200 \d+\.\d ms$/)
    expect(lines).to.have.length(3)
  })

  it('writes nothing without logRequests', async () => {
    const logger = memoryLogger()
    const { app } = createEwsApp({ logger })
    const server = await startEwsServer(app, { port: 0 })
    try {
      await (await fetch(`${server.url}/__admin/topology`)).text()
    } finally {
      await server.close()
    }
    expect(logger.lines.filter((l) => / ms$/.test(l))).to.deep.equal([])
  })
})
