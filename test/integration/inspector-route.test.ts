/**
 * How /__admin/ui is served: its files under a strict CSP, behind the Host guard but not the token
 * (they hold no data; the page sends the token for every API call), and no script that writes
 * markup. The page itself is driven in inspector-browser.test.ts.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { expect } from 'chai'
import request from 'supertest'
import { testApp } from '../helpers/ews.ts'

const DIR = new URL('../../mock-ews/admin/inspector/', import.meta.url)

describe('web inspector files (/__admin/ui)', () => {
  it('serves the page and every module it imports, each under a strict content security policy', async () => {
    const { app } = testApp()
    const page = await request(app).get('/__admin/ui')
    expect(page.status).to.equal(200)
    expect(page.headers['content-type']).to.match(/^text\/html/)
    const csp = String(page.headers['content-security-policy'])
    expect(csp).to.contain("default-src 'none'")
    expect(csp).to.match(/script-src 'self'(;|$)/)
    expect(csp).to.contain("frame-ancestors 'none'")
    expect(page.headers['x-content-type-options']).to.equal('nosniff')
    const pending = [...page.text.matchAll(/(?:src|href)="\/__admin\/ui\/([\w.-]+)"/g)].map(
      (m) => m[1]!,
    )
    const seen = new Set<string>()
    while (pending.length > 0) {
      const name = pending.pop()!
      if (seen.has(name)) continue
      seen.add(name)
      const res = await request(app).get(`/__admin/ui/${name}`)
      expect(res.status, name).to.equal(200)
      expect(res.headers['content-security-policy'], name).to.equal(csp)
      if (name.endsWith('.js')) {
        expect(res.headers['content-type']).to.match(/^text\/javascript/)
        for (const m of res.text.matchAll(/from '\.\/([\w.-]+)'/g)) pending.push(m[1]!)
      }
    }
    expect([...seen].sort()).to.deep.equal(
      readdirSync(DIR)
        .filter((f) => f !== 'index.html')
        .sort(),
    )
  })

  it('answers the files without the admin token, but not the data; other Hosts get nothing', async () => {
    const { app } = testApp({ adminToken: 's3cret' })
    expect((await request(app).get('/__admin/ui')).status).to.equal(200)
    expect((await request(app).get('/__admin/ui/inspector.js')).status).to.equal(200)
    expect((await request(app).get('/__admin/topology')).status).to.equal(401)
    const rebound = await request(app).get('/__admin/ui').set('Host', 'evil.example')
    expect(rebound.status).to.equal(403)
  })

  it('answers nothing but its own files', async () => {
    const { app } = testApp()
    for (const path of [
      '/__admin/ui/package.json',
      '/__admin/ui/..%2f..%2fapp.ts',
      '/__admin/ui/x/index.html',
    ]) {
      const res = await request(app).get(path)
      expect(res.status, path).to.equal(404)
      expect(res.headers['content-type'], path).to.match(/^application\/json/)
    }
  })

  it('writes no markup from data: no innerHTML, outerHTML, insertAdjacentHTML or document.write', () => {
    for (const file of readdirSync(DIR).filter((f) => f.endsWith('.js'))) {
      const text = readFileSync(new URL(file, DIR), 'utf8')
      expect(text, file).to.not.match(
        /innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(|new Function/,
      )
    }
    // The one place a message's markup goes: the srcdoc of a frame sandboxed without scripts.
    const all = readdirSync(DIR)
      .filter((f) => f.endsWith('.js'))
      .map((f) => readFileSync(new URL(f, DIR), 'utf8'))
      .join('\n')
    expect(all.match(/\.srcdoc\s*=/g)).to.have.length(1)
    expect(all.match(/sandbox: ''/g)).to.have.length(1)
  })
})
