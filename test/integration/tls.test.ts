// HTTPS (`startEwsServer(app, { tls })`, `serve --tls`, `--cert/--key`): EWS, Autodiscover, the
// token endpoint and the admin API over TLS on a loopback port, with two real clients —
// ews-javascript-api (its XHR api with an https agent that trusts the certificate, or none that
// does) and exchangelib (an HTTP adapter with the certificate as CA bundle, or NoVerifyHTTPAdapter).
import { execFile, spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { Agent, request } from 'node:https'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { connect } from 'node:tls'
import { fileURLToPath } from 'node:url'
import { expect } from 'chai'
import { XhrApi } from '@ewsjs/xhr'
import * as ews from 'ews-javascript-api'
import { startEwsServer } from '../../mock-ews/index.ts'
import type { RunningServer } from '../../mock-ews/index.ts'
import { selfSignedTls } from '../../mock-ews/support/tls.ts'
import type { TlsMaterial } from '../../mock-ews/support/tls.ts'
import { call, distinguished, PASSWORD, testApp } from '../helpers/ews.ts'
import { saveItem } from '../helpers/items.ts'
import { inFrame, openStream } from '../helpers/streams.ts'
import { needsExchangelib } from '../helpers/needs.ts'

const SCRIPT = fileURLToPath(new URL('../exchangelib/tls.py', import.meta.url))
const ROOT = fileURLToPath(new URL('../..', import.meta.url))

/** One HTTPS request trusting `ca`; the answer's status and text. */
function https(
  url: string,
  ca: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: init.method ?? 'GET', headers: init.headers, ca }, (res) => {
      let text = ''
      res.setEncoding('utf8')
      res.on('data', (d: string) => (text += d))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }))
    })
    req.on('error', reject)
    req.end(init.body)
  })
}

/** The SHA-256 fingerprint of the certificate a TLS server on `port` presents. */
function servedFingerprint(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port, rejectUnauthorized: false }, () => {
      resolve(socket.getPeerCertificate().fingerprint256)
      socket.end()
    })
    socket.on('error', reject)
  })
}

describe('mock-ews over HTTPS', function () {
  this.timeout(30_000)
  let tls: TlsMaterial
  let server: RunningServer

  before(async () => {
    tls = await selfSignedTls()
    server = await startEwsServer(testApp().app, { port: 0, tls })
  })
  after(() => server?.close())

  function service(xhr: XhrApi): ews.ExchangeService {
    const svc = new ews.ExchangeService(ews.ExchangeVersion.Exchange2013)
    svc.Credentials = new ews.WebCredentials('alice@contoso.com', PASSWORD)
    svc.Url = new ews.Uri(server.ewsUrl)
    svc.XHRApi = xhr
    return svc
  }

  it('serves the certificate it was given, on an https:// URL', async () => {
    expect(server.ewsUrl).to.match(/^https:\/\/127\.0\.0\.1:\d+\/EWS\/Exchange\.asmx$/)
    expect(await servedFingerprint(server.port)).to.equal(tls.fingerprint256)
  })

  it('ews-javascript-api trusting the certificate (an https agent with it as CA) binds the Inbox', async () => {
    const xhr = new XhrApi({ httpsAgent: new Agent({ ca: tls.cert }) })
    const inbox = await ews.Folder.Bind(service(xhr), ews.WellKnownFolderName.Inbox)
    expect(inbox.DisplayName).to.equal('Inbox')
  })

  it('ews-javascript-api with rejectUnauthorized off (its README’s way) binds the Inbox; with neither it refuses the certificate', async () => {
    const inbox = await ews.Folder.Bind(
      service(new XhrApi({ rejectUnauthorized: false })),
      ews.WellKnownFolderName.Inbox,
    )
    expect(inbox.DisplayName).to.equal('Inbox')
    const refused = await ews.Folder.Bind(
      service(new XhrApi()),
      ews.WellKnownFolderName.Inbox,
    ).then(
      () => 'bound',
      (e: unknown) => String((e as { message?: string }).message ?? e),
    )
    expect(refused).to.match(/self[- ]signed|certificate/i)
  })

  it('Autodiscover over TLS hands out the https EWS URL (ews-javascript-api AutodiscoverService)', async () => {
    const ad = new ews.AutodiscoverService(
      new ews.Uri(`${server.url}/autodiscover/autodiscover.svc`),
      ews.ExchangeVersion.Exchange2013,
    )
    ad.Credentials = new ews.WebCredentials('alice@contoso.com', PASSWORD)
    ad.XHRApi = new XhrApi({ httpsAgent: new Agent({ ca: tls.cert }) })
    const response = await ad.GetUserSettings('alice@contoso.com', [
      ews.UserSettingName.ExternalEwsUrl,
    ])
    expect(response.ErrorCode).to.equal(ews.AutodiscoverErrorCode.NoError)
    expect(response.Settings.get(ews.UserSettingName.ExternalEwsUrl)).to.equal(server.ewsUrl)
  })

  it('issues a token and answers the admin API over TLS', async () => {
    const token = await https(`${server.url}/oauth2/token`, tls.cert, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `grant_type=password&username=carol%40fabrikam.com&password=${encodeURIComponent(PASSWORD)}`,
    })
    expect(token.status, token.text).to.equal(200)
    expect(JSON.parse(token.text)).to.have.property('access_token')
    const topology = await https(`${server.url}/__admin/topology`, tls.cert)
    expect(topology.status, topology.text).to.equal(200)
    expect(topology.text).to.contain('contoso.com')
  })

  it('ends an open streaming answer over TLS when the server closes', async () => {
    const mock = testApp()
    const own = await startEwsServer(mock.app, { port: 0, tls })
    const subscribed = await call(
      mock.app,
      `<m:Subscribe><m:StreamingSubscriptionRequest><t:FolderIds>${distinguished('inbox')}</t:FolderIds>` +
        '<t:EventTypes><t:EventType>CreatedEvent</t:EventType></t:EventTypes></m:StreamingSubscriptionRequest></m:Subscribe>',
    )
    const stream = openStream(
      own.ewsUrl,
      [subscribed.value('//m:SubscriptionId')],
      30,
      undefined,
      tls.cert,
    )
    await saveItem(mock.app, { subject: 'over TLS' }, distinguished('inbox'))
    await stream.frame(1)
    await own.close()
    await stream.ended
    expect(inFrame(stream.frames.at(-1)!, '//m:ConnectionStatus')).to.deep.equal(['Closed'])
  })

  describe('exchangelib', () => {
    let python: string
    let dir: string
    before(function () {
      python = needsExchangelib(this, 'exchangelib over TLS')
      dir = mkdtempSync(join(tmpdir(), 'ews-lab-tls-'))
      writeFileSync(join(dir, 'ca.pem'), tls.cert)
    })
    after(() => dir && rmSync(dir, { recursive: true, force: true }))

    function run(
      mode: string,
    ): Promise<{ ok?: { inbox: string; drafts: string[] }; error?: string }> {
      return new Promise((resolve, reject) => {
        execFile(
          python,
          [SCRIPT, mode, server.ewsUrl, PASSWORD, join(dir, 'ca.pem')],
          { timeout: 25_000 },
          (err, stdout, stderr) => {
            if (err) reject(new Error(`${err.message}\n${stderr}`))
            else resolve(JSON.parse(stdout) as { ok?: { inbox: string; drafts: string[] } })
          },
        )
      })
    }

    it('with the certificate as CA bundle (HTTP_ADAPTER_CLS) saves a draft and reads it back', async () => {
      const r = await run('ca')
      expect(r.error).to.equal(undefined)
      expect(r.ok?.inbox).to.equal('Inbox')
      expect(r.ok?.drafts).to.include('over TLS (ca)')
    })

    it('with NoVerifyHTTPAdapter works; as it comes it refuses the certificate', async () => {
      const r = await run('noverify')
      expect(r.error).to.equal(undefined)
      expect(r.ok?.drafts).to.include('over TLS (noverify)')
      const refused = await run('default')
      expect(refused.error).to.match(/SSL|CERTIFICATE_VERIFY_FAILED|certificate/i)
    })
  })
})

describe('ews-lab serve --tls, --cert/--key', function () {
  this.timeout(60_000)
  let dir: string
  before(() => (dir = mkdtempSync(join(tmpdir(), 'ews-lab-tls-cli-'))))
  after(() => rmSync(dir, { recursive: true, force: true }))

  /** Runs `ews-lab serve … ARGS`, calls `whileUp` once it printed its TLS line, then stops it by its pid. */
  async function serving(
    args: string[],
    whileUp: (port: number, stdout: string) => Promise<void>,
  ): Promise<void> {
    const child = spawn(
      process.execPath,
      ['bin/ews-lab.js', 'serve', '--port', '0', '--quiet', ...args],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    )
    let stdout = ''
    let stderr = ''
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    const exited = new Promise((done) => child.once('exit', done))
    try {
      const port = await new Promise<number>((resolve, reject) => {
        child.stdout.on('data', (d: Buffer) => {
          stdout += d.toString()
          const m = /^EWS: https:\/\/127\.0\.0\.1:(\d+)\/[\s\S]*^TLS: .*$/m.exec(stdout)
          if (m) resolve(Number(m[1]))
        })
        child.once('exit', (code) => reject(new Error(`exited ${code}: ${stderr}`)))
      })
      await whileUp(port, stdout)
    } finally {
      if (child.exitCode === null) child.kill('SIGTERM')
      await exited
    }
  }

  it('--tls makes a certificate at start and prints the SHA-256 fingerprint of the one it serves', async () => {
    await serving(['--tls'], async (port, stdout) => {
      expect(stdout).to.match(/^Admin: https:\/\//m)
      const printed = /^TLS: self-signed .*fingerprint ([0-9A-F:]{95})$/m.exec(stdout)?.[1]
      expect(await servedFingerprint(port)).to.equal(printed)
    })
  })

  it('--cert/--key serve the given certificate; a key of another certificate is refused', async () => {
    const mine = await selfSignedTls()
    const other = await selfSignedTls()
    writeFileSync(join(dir, 'cert.pem'), mine.cert)
    writeFileSync(join(dir, 'key.pem'), mine.key)
    writeFileSync(join(dir, 'other-key.pem'), other.key)
    await serving(
      ['--cert', join(dir, 'cert.pem'), '--key', join(dir, 'key.pem')],
      async (port, stdout) => {
        expect(stdout).to.contain(`fingerprint ${mine.fingerprint256}`)
        expect(await servedFingerprint(port)).to.equal(mine.fingerprint256)
      },
    )
    const refused = await new Promise<{ code: number | null; stderr: string }>((resolve) =>
      execFile(
        process.execPath,
        [
          'bin/ews-lab.js',
          'serve',
          '--port',
          '0',
          '--cert',
          join(dir, 'cert.pem'),
          '--key',
          join(dir, 'other-key.pem'),
        ],
        { cwd: ROOT },
        (err, _out, stderr) => resolve({ code: err ? Number(err.code) : 0, stderr }),
      ),
    )
    expect(refused.code).to.equal(2)
    expect(refused.stderr).to.match(
      /^ews-lab: TLS: .*other-key\.pem is not the private key of .*cert\.pem\n$/,
    )
  })
})
