// `ews-lab serve` as a user runs it: a child process on a loopback port, stopped by its process id.
import { once } from 'node:events'
import { createServer } from 'node:net'
import type { AddressInfo } from 'node:net'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect } from 'chai'
import { answer, distinguished, envelope, getFolderXml } from '../helpers/ews.ts'
import { ewsLab, waitForLine } from '../helpers/cli.ts'
import type { Run } from '../helpers/cli.ts'

describe('ews-lab serve', function () {
  this.timeout(30_000)
  let run: Run | undefined
  afterEach(() => {
    if (run && run.child.exitCode === null) run.child.kill('SIGKILL')
    run = undefined
  })

  it('prints the EWS URL, answers EWS on it, and stops cleanly on SIGTERM', async () => {
    run = ewsLab('serve', '--port', '0', '--quiet')
    const [, url] = await waitForLine(
      run,
      /^EWS: (http:\/\/127\.0\.0\.1:\d+\/EWS\/Exchange\.asmx)$/m,
    )
    const res = await fetch(url!, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from('bob@contoso.com:P@ssw0rd').toString('base64')}`,
      },
      body: envelope(getFolderXml(distinguished('inbox'))),
    })
    expect(answer(res.status, {}, await res.text()).codes()).to.deep.equal(['NoError'])
    expect(run.stdout).to.contain('carol@fabrikam.com')
    expect(run.stdout).to.match(/^Inspector: http:\/\/127\.0\.0\.1:\d+\/__admin\/ui$/m)
    run.child.kill('SIGTERM')
    expect(await run.exit).to.equal(0)
    expect(run.stderr, '--quiet: no request log').to.not.match(/POST \/EWS/)
  })

  it('stops cleanly on SIGINT', async () => {
    run = ewsLab('serve', '--port', '0', '--quiet')
    await waitForLine(run, /^EWS: /m)
    run.child.kill('SIGINT')
    expect(await run.exit).to.equal(0)
  })

  it('serves the users of a topology file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ews-topology-'))
    try {
      const file = join(dir, 'topology.yaml')
      writeFileSync(
        file,
        'organisations:\n  - domain: example.org\n    exchange: exchange-2013\n    users:\n      - address: dave@example.org\n        password: s3cret\n',
      )
      run = ewsLab('serve', '--port', '0', '--topology', file)
      const [, url] = await waitForLine(run, /^EWS: (\S+)$/m)
      const res = await fetch(url!, {
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from('EXAMPLE\\dave:s3cret').toString('base64')}`,
        },
        body: envelope(getFolderXml(distinguished('conversationhistory'))),
      })
      const body = answer(res.status, {}, await res.text())
      expect(body.codes()).to.deep.equal(['NoError'])
      expect(body.value('/s:Envelope/s:Header/t:ServerVersionInfo/@MajorBuildNumber')).to.equal(
        '1497',
      )
      run.child.kill('SIGTERM')
      expect(await run.exit).to.equal(0)
      // Without --quiet, a line per request on stderr.
      expect(run.stderr).to.match(
        /^\[mock-ews\] info POST \/EWS\/Exchange\.asmx GetFolder 200 [\d.]+ ms$/m,
      )
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('refuses an invalid topology file naming the file, line, field and what was expected', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ews-topology-'))
    try {
      const file = join(dir, 'bad.yaml')
      writeFileSync(
        file,
        'organisations:\n  - domain: example.org\n    exchange: exchange-2003\n    users: []\n',
      )
      run = ewsLab('serve', '--port', '0', '--topology', file)
      expect(await run.exit).to.equal(2)
      expect(run.stderr).to.contain(
        `${file}:3:15: organisations[0].exchange: expected one of exchange-2010-sp3,`,
      )
      expect(run.stdout).to.not.contain('EWS:')
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('exits 2 with one line for a usage error and for a port in use (no stack trace)', async () => {
    const usage = ewsLab('serve', '--fault-seed', '1.5')
    expect(await usage.exit).to.equal(2)
    expect(usage.stderr.trim().split('\n')).to.deep.equal([
      "error: option '--fault-seed <n>' argument '1.5' is invalid. expected a whole number 0-4294967295",
    ])
    const taken = createServer().listen(0, '127.0.0.1')
    await once(taken, 'listening')
    try {
      const { port } = taken.address() as AddressInfo
      run = ewsLab('serve', '--port', String(port), '--quiet')
      expect(await run.exit).to.equal(2)
      expect(run.stderr).to.equal(
        `ews-lab: cannot listen on 127.0.0.1:${port}: the port is in use (--port 0 picks a free one)\n`,
      )
      expect(run.stdout).to.equal('')
    } finally {
      taken.close()
    }
  })
})
