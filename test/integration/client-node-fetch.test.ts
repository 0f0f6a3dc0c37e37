/**
 * The client's default fetch (client/ews/node-fetch.ts) against a plain node:http server on
 * 127.0.0.1: what it sends, the Response it builds, aborts, what it refuses, and that idle
 * kept-alive sockets do not keep a process alive. (Refused, reset, cut-off and timed-out exchanges
 * against mock-ews are in client-ews.test.ts, which runs on this fetch.)
 */
import { execFile } from 'node:child_process'
import { createServer } from 'node:http'
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import { createServer as createNetServer } from 'node:net'
import type { AddressInfo } from 'node:net'
import { expect } from 'chai'
import { httpProvisioning } from '../../client/engine/index.ts'
import { nodeFetch } from '../../client/ews/index.ts'

interface Seen {
  method: string
  url: string
  headers: IncomingMessage['headers']
  body: string
}

describe('client nodeFetch', function () {
  this.timeout(15_000)
  let server: Server
  let base: string
  let seen: Seen[]
  let answer: (req: IncomingMessage, res: ServerResponse) => void

  before(async () => {
    server = createServer((req, res) => {
      let body = ''
      req.setEncoding('utf8')
      req.on('data', (c: string) => (body += c))
      req.on('end', () => {
        seen.push({ method: req.method!, url: req.url!, headers: req.headers, body })
        answer(req, res)
      })
    })
    server.keepAliveTimeout = 60_000
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  after(async () => {
    server.closeAllConnections()
    await new Promise((done) => server.close(done))
  })
  beforeEach(() => {
    seen = []
    answer = (_req, res) => res.end('ok')
  })

  it('POSTs a string body with its headers and a content-length, and builds the Response', async () => {
    answer = (_req, res) => {
      res.setHeader('Set-Cookie', ['a=1', 'b=2'])
      res.writeHead(207, 'Multi-Status', { 'Content-Type': 'text/xml; charset=utf-8' })
      res.end('<é/>')
    }
    const res = await nodeFetch(`${base}/EWS/Exchange.asmx?x=1`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/xml', Authorization: 'Basic YTpi' },
      body: '<r>ü</r>',
    })
    expect(seen).to.have.length(1)
    expect(seen[0]).to.deep.include({
      method: 'POST',
      url: '/EWS/Exchange.asmx?x=1',
      body: '<r>ü</r>',
    })
    expect(seen[0]!.headers).to.include({
      'content-type': 'text/xml',
      authorization: 'Basic YTpi',
      'content-length': '9',
    })
    expect([res.status, res.statusText, res.ok]).to.deep.equal([207, 'Multi-Status', true])
    expect(res.headers.get('content-type')).to.equal('text/xml; charset=utf-8')
    expect(res.headers.getSetCookie()).to.deep.equal(['a=1', 'b=2'])
    expect(await res.text()).to.equal('<é/>')
  })

  it('GETs by default and gives a 204 no body; a 3xx comes back as it is, not followed', async () => {
    answer = (_req, res) => res.writeHead(204).end()
    const empty = await nodeFetch(new URL(`${base}/a`))
    expect([seen[0]!.method, empty.status, empty.body]).to.deep.equal(['GET', 204, null])
    answer = (_req, res) => res.writeHead(302, { Location: '/elsewhere' }).end('moved')
    const moved = await nodeFetch(`${base}/b`, { method: 'POST', body: 'x', redirect: 'manual' })
    expect([moved.status, moved.headers.get('location'), await moved.text()]).to.deep.equal([
      302,
      '/elsewhere',
      'moved',
    ])
    expect(seen.map((s) => s.url)).to.deep.equal(['/a', '/b'])
  })

  it('reuses one kept-alive connection for requests in sequence', async () => {
    const ports = new Set<number>()
    answer = (req, res) => {
      ports.add(req.socket.remotePort!)
      res.end('ok')
    }
    for (let i = 0; i < 5; i++) await (await nodeFetch(`${base}/k`)).text()
    expect(ports.size).to.equal(1)
  })

  it('rejects with the signal’s reason when aborted, before or while waiting for the answer', async () => {
    const before = new AbortController()
    before.abort(new Error('gave up early'))
    await expectRejection(nodeFetch(`${base}/x`, { signal: before.signal }), /gave up early/)
    expect(seen).to.have.length(0)

    answer = () => {} // never answers
    const during = new AbortController()
    const pending = nodeFetch(`${base}/y`, { method: 'POST', body: 'x', signal: during.signal })
    while (seen.length === 0) await new Promise((r) => setImmediate(r))
    during.abort(new Error('gave up waiting'))
    await expectRejection(pending, /gave up waiting/)
  })

  it('refuses bodies other than strings and protocols other than http and https', async () => {
    await expectRejection(
      nodeFetch(`${base}/z`, { method: 'POST', body: new Uint8Array([1]) }),
      /only string bodies/,
    )
    await expectRejection(nodeFetch('ftp://127.0.0.1/z'), /unsupported protocol ftp:/)
    expect(seen).to.have.length(0)
  })

  it('a refused connection rejects with ECONNREFUSED', async () => {
    const closed = createServer()
    await new Promise<void>((done) => closed.listen(0, '127.0.0.1', done))
    const port = (closed.address() as AddressInfo).port
    await new Promise((done) => closed.close(done))
    const error = await nodeFetch(`http://127.0.0.1:${port}/`).then(
      () => undefined,
      (e: unknown) => e as { code?: string },
    )
    expect(error?.code).to.equal('ECONNREFUSED')
  })

  it('rejects, rather than throwing out of an event handler, an answer no Response can hold (status 600)', async () => {
    const odd = createNetServer((socket) =>
      socket.once('data', () =>
        socket.end('HTTP/1.1 600 Weird\r\nContent-Length: 2\r\nConnection: close\r\n\r\nno'),
      ),
    )
    await new Promise<void>((done) => odd.listen(0, '127.0.0.1', done))
    try {
      const port = (odd.address() as AddressInfo).port
      const error = await nodeFetch(`http://127.0.0.1:${port}/`).then(
        () => undefined,
        (e: unknown) => e,
      )
      // Exactly the Response constructor's refusal (its wording is the runtime's own).
      const refusal = ((): unknown => {
        try {
          return new Response(null, { status: 600 })
        } catch (e) {
          return e
        }
      })()
      expect(refusal).to.be.instanceOf(RangeError)
      expect(error).to.be.instanceOf(RangeError)
      expect((error as RangeError).message).to.equal((refusal as RangeError).message)
    } finally {
      await new Promise((done) => odd.close(done))
    }
  })

  it('a provisioning read gives up after its time limit instead of waiting for ever', async () => {
    answer = () => {} // never answers
    const read = httpProvisioning(base, { timeoutMs: 100 })
    const error = await read('alice@contoso.com').then(
      () => undefined,
      (e: unknown) => e as Error,
    )
    expect(error?.name).to.match(/TimeoutError|AbortError/)
    expect(seen.map((s) => s.url)).to.deep.equal(['/__admin/skype/users/alice%40contoso.com'])
  })

  it('an idle kept-alive connection does not keep a process alive', async () => {
    // The server keeps the connection open for a minute; the child must still exit on its own.
    const script = `import { nodeFetch } from './client/ews/index.ts'
const res = await nodeFetch(${JSON.stringify(`${base}/child`)})
console.log(res.status, await res.text())`
    const out = await new Promise<string>((resolve, reject) =>
      execFile(
        process.execPath,
        ['--import', 'tsx', '--input-type=module', '-e', script],
        { timeout: 12_000 },
        (err, stdout, stderr) =>
          err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(stdout),
      ),
    )
    expect(out.trim()).to.equal('200 ok')
    expect(seen.map((s) => s.url)).to.deep.equal(['/child'])
  })
})

async function expectRejection(p: Promise<unknown>, message: RegExp): Promise<void> {
  const error = await p.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error, 'should reject').to.be.instanceOf(Error)
  expect((error as Error).message).to.match(message)
}
