/**
 * The EWS endpoint as a real server runs it: startEwsServer hands POSTs to the EWS path to the
 * endpoint before Express (app.ts `serverListener`), everything else goes through Express, whose
 * EWS route is the same endpoint. Both ways must answer alike, and the endpoint's own edge (401,
 * 405, 413, 415) must hold without Express's body parser.
 */
import { Agent, request } from 'node:http'
import type { IncomingHttpHeaders } from 'node:http'
import { expect } from 'chai'
import { createEwsApp, FakeClock, seededIds, startEwsServer } from '../../mock-ews/index.ts'
import type { EwsApp, RunningServer } from '../../mock-ews/index.ts'
import { basic } from '../helpers/deployments.ts'
import { distinguished, envelope, getFolderXml } from '../helpers/ews.ts'

const ALICE = basic('alice@contoso.com')
const GET_INBOX = envelope(getFolderXml(distinguished('inbox'), 'IdOnly'))

interface Answer {
  status: number
  headers: IncomingHttpHeaders
  body: string
  socket: number
}

describe('EWS listener on a real server', function () {
  this.timeout(20_000)
  let ews: EwsApp
  let server: RunningServer
  let agent: Agent
  let sockets: Map<object, number>

  beforeEach(async () => {
    ews = createEwsApp({
      ids: seededIds(1),
      clock: new FakeClock('2016-06-10T09:00:00Z'),
      maxBodyBytes: 4096,
    })
    server = await startEwsServer(ews.app, { port: 0 })
    agent = new Agent({ keepAlive: true, maxSockets: 1 })
    sockets = new Map()
  })
  afterEach(async () => {
    agent.destroy()
    await server.close()
  })

  /** One request; `body` as chunks sends it chunked (no content-length). */
  function send(
    path: string,
    o: { method?: string; headers?: Record<string, string>; body?: string | string[] } = {},
  ): Promise<Answer> {
    return new Promise((resolve, reject) => {
      const chunked = Array.isArray(o.body)
      const headers: Record<string, string> = {
        'content-type': 'text/xml; charset=utf-8',
        ...o.headers,
      }
      if (typeof o.body === 'string') headers['content-length'] = String(Buffer.byteLength(o.body))
      const req = request(
        `${server.url}${path}`,
        { method: o.method ?? 'POST', headers, agent },
        (res) => {
          const s: object = res.socket!
          let body = ''
          res.setEncoding('utf8')
          res.on('data', (c: string) => (body += c))
          res.on('end', () => {
            if (!sockets.has(s)) sockets.set(s, sockets.size + 1)
            resolve({
              status: res.statusCode!,
              headers: res.headers,
              body,
              socket: sockets.get(s)!,
            })
          })
        },
      )
      req.on('error', reject)
      if (chunked) for (const c of o.body as string[]) req.write(c)
      req.end(typeof o.body === 'string' ? o.body : undefined)
    })
  }

  it('answers a GetFolder at the EWS path in any letter case, with or without a query string', async () => {
    for (const path of ['/EWS/Exchange.asmx', '/ews/exchange.asmx', '/EWS/Exchange.asmx?x=1']) {
      const a = await send(path, { headers: { authorization: ALICE }, body: GET_INBOX })
      expect(a.status, path).to.equal(200)
      expect(a.headers['content-type']).to.equal('text/xml; charset=utf-8')
      expect(a.body, path).to.contain('ResponseClass="Success"')
    }
    expect(ews.journal.entries().map((e) => e.operation)).to.deep.equal([
      'GetFolder',
      'GetFolder',
      'GetFolder',
    ])
  })

  it('refuses a request without credentials with 401 and both challenges, and the connection serves the retry', async () => {
    const refused = await send('/EWS/Exchange.asmx', { body: GET_INBOX })
    expect(refused.status).to.equal(401)
    expect(refused.headers['www-authenticate']).to.include('Basic realm="mock-ews"')
    const retried = await send('/EWS/Exchange.asmx', {
      headers: { authorization: ALICE },
      body: GET_INBOX,
    })
    expect(retried.status).to.equal(200)
    expect(retried.socket).to.equal(refused.socket)
  })

  it('answers 401 at once and closes when an unauthenticated body is announced over the limit', async () => {
    const a = await send('/EWS/Exchange.asmx', {
      body: envelope(`<m:GetFolder><!--${'x'.repeat(5000)}--></m:GetFolder>`),
    })
    expect([a.status, a.headers.connection]).to.deep.equal([401, 'close'])
    expect(a.headers['www-authenticate']).to.include('Basic realm="mock-ews"')
  })

  it('logs what throws after the answer went out (a failing observer), keeps the answer, and lives on', async () => {
    const logged: string[] = []
    const failing = createEwsApp({
      ids: seededIds(1),
      clock: new FakeClock('2016-06-10T09:00:00Z'),
      logger: { info() {}, warn() {}, error: (m: string) => logged.push(m) },
      observe: () => {
        throw new Error('observer failed')
      },
    })
    const other = await startEwsServer(failing.app, { port: 0 })
    try {
      for (let i = 0; i < 2; i++) {
        const res = await fetch(other.ewsUrl, {
          method: 'POST',
          headers: { authorization: ALICE, 'content-type': 'text/xml' },
          body: GET_INBOX,
        })
        const text = await res.text()
        expect(res.status).to.equal(200)
        expect(text).to.contain('ResponseClass="Success"')
      }
      expect(logged).to.have.length(2)
      expect(logged[0]).to.contain('observer failed')
    } finally {
      await other.close()
    }
  })

  it('refuses methods other than POST with 405 and Allow: POST', async () => {
    const a = await send('/EWS/Exchange.asmx', { method: 'GET', headers: { authorization: ALICE } })
    expect([a.status, a.headers.allow]).to.deep.equal([405, 'POST'])
  })

  it('refuses a body over the limit with 413 and an ErrorInvalidRequest fault, announced or chunked, and closes the connection', async () => {
    const big = envelope(`<m:GetFolder><!--${'x'.repeat(5000)}--></m:GetFolder>`)
    const half = Math.floor(big.length / 2)
    for (const body of [big, [big.slice(0, half), big.slice(half)]]) {
      const a = await send('/EWS/Exchange.asmx', { headers: { authorization: ALICE }, body })
      expect(a.status).to.equal(413)
      expect(a.headers.connection).to.equal('close')
      expect(a.body).to.contain('<faultcode')
      expect(a.body).to.contain('ErrorInvalidRequest')
      expect(a.body).to.contain('larger than the limit of 4096 bytes')
    }
    const after = await send('/EWS/Exchange.asmx', {
      headers: { authorization: ALICE },
      body: GET_INBOX,
    })
    expect(after.status).to.equal(200)
  })

  it('refuses an encoded (compressed) body with 415 and an ErrorInvalidRequest fault', async () => {
    const a = await send('/EWS/Exchange.asmx', {
      headers: { authorization: ALICE, 'content-encoding': 'gzip' },
      body: GET_INBOX,
    })
    expect(a.status).to.equal(415)
    expect(a.body).to.contain('ErrorInvalidRequest')
    expect(a.body).to.contain('encoded (gzip)')
  })

  it('leaves other paths to Express: Autodiscover answers, an unknown path is a 404', async () => {
    const auto = await send('/autodiscover/autodiscover.xml', {
      headers: { authorization: ALICE },
      body: '<?xml version="1.0" encoding="utf-8"?><Autodiscover xmlns="http://schemas.microsoft.com/exchange/autodiscover/outlook/requestschema/2006"><Request><EMailAddress>alice@contoso.com</EMailAddress><AcceptableResponseSchema>http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a</AcceptableResponseSchema></Request></Autodiscover>',
    })
    expect(auto.status).to.equal(200)
    expect(auto.body).to.contain('/EWS/Exchange.asmx')
    const missing = await send('/nothing-here', { headers: { authorization: ALICE }, body: 'x' })
    expect(missing.status).to.equal(404)
  })
})
