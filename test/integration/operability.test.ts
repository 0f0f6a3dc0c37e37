// Operating mock-ews in a test suite: strict schema mode, the admin API's token and own port, and
// making the whole server unreachable (connections refused) and reachable again.
import { appendFileSync, copyFileSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect } from 'chai'
import request from 'supertest'
import { memoryLogger, startEwsServer } from '../../mock-ews/index.ts'
import { call, distinguished, getFolderXml, testApp } from '../helpers/ews.ts'
import { needsSchema } from '../helpers/needs.ts'

const basic = `Basic ${Buffer.from('alice@contoso.com:P@ssw0rd').toString('base64')}`

describe('Strict mode (schemaDir)', function () {
  this.timeout(30_000)

  describe('with the EWS schema', () => {
    let SCHEMA_DIR: string
    before(function () {
      SCHEMA_DIR = needsSchema(this, 'strict mode (schemaDir)')
    })

    it('answers a request the EWS schema refuses with ErrorSchemaValidation and the validator message', async () => {
      const ews = testApp({ schemaDir: SCHEMA_DIR })
      // Valid for mock-ews's lenient reader (it ignores unknown children), invalid for messages.xsd.
      const res = await call(
        ews.app,
        getFolderXml(distinguished('inbox')).replace('</m:FolderIds>', '</m:FolderIds><m:Bogus/>'),
      )
      expect(res.status).to.equal(500)
      expect(res.faultCode()).to.equal('ErrorSchemaValidation')
      expect(res.value('//s:Fault/faultstring')).to.contain('Bogus')
    })

    it('shares one compiled schema between apps: closing one leaves the others strict', async () => {
      const bogus = getFolderXml(distinguished('inbox')).replace(
        '</m:FolderIds>',
        '</m:FolderIds><m:Bogus/>',
      )
      // A folder of its own contents: no other test's app holds a share of its compiled schema.
      const dir = mkdtempSync(join(tmpdir(), 'ews-schema-'))
      for (const file of ['messages.xsd', 'types.xsd', 'xml.xsd'])
        copyFileSync(join(SCHEMA_DIR, file), join(dir, file))
      appendFileSync(join(dir, 'messages.xsd'), '<!-- a copy -->\n')
      try {
        const first = testApp({ schemaDir: dir })
        const second = testApp({ schemaDir: dir })
        first.close()
        first.close() // twice gives back one share only
        expect((await call(second.app, bogus)).faultCode()).to.equal('ErrorSchemaValidation')
        expect(
          (await call(second.app, getFolderXml(distinguished('inbox')))).codes(),
        ).to.deep.equal(['NoError'])
        second.close()
        // The last share freed the compiled schema; a new app compiles it again.
        const third = testApp({ schemaDir: dir })
        expect((await call(third.app, bogus)).faultCode()).to.equal('ErrorSchemaValidation')
        third.close()
      } finally {
        rmSync(dir, { recursive: true, force: true })
      }
    })

    it('answers schema-valid requests as usual', async () => {
      const ews = testApp({ schemaDir: SCHEMA_DIR })
      expect((await call(ews.app, getFolderXml(distinguished('inbox')))).codes()).to.deep.equal([
        'NoError',
      ])
    })
  })

  it('without strict mode, the same request is served', async () => {
    const res = await call(
      testApp().app,
      getFolderXml(distinguished('inbox')).replace('</m:FolderIds>', '</m:FolderIds><m:Bogus/>'),
    )
    expect(res.codes()).to.deep.equal(['NoError'])
  })

  it('refuses a folder that is not an EWS schema folder when the app is made', () => {
    expect(() => testApp({ schemaDir: '/nonexistent' })).to.throw(/messages\.xsd not found/)
  })
})

describe('Admin API protection', () => {
  it('needs the token when one is set, as a bearer token or X-Admin-Token', async () => {
    const { app } = testApp({ adminToken: 's3cret' })
    expect((await request(app).get('/__admin/topology')).status).to.equal(401)
    expect(
      (await request(app).get('/__admin/topology').set('Authorization', 'Bearer nope')).status,
    ).to.equal(401)
    expect(
      (await request(app).get('/__admin/topology').set('Authorization', 'Bearer s3cret')).status,
    ).to.equal(200)
    expect(
      (await request(app).get('/__admin/topology').set('X-Admin-Token', 's3cret')).status,
    ).to.equal(200)
  })

  it('is open without a token (the documented default, for loopback use)', async () => {
    expect((await request(testApp().app).get('/__admin/topology')).status).to.equal(200)
  })

  it('can live on its own app (port) and not on the EWS one', async () => {
    const { app, adminApp } = testApp({ mountAdmin: false })
    expect((await request(app).get('/__admin/topology')).status).to.equal(404)
    expect((await request(adminApp).get('/__admin/topology')).status).to.equal(200)
    expect(
      (await request(adminApp).post('/EWS/Exchange.asmx').set('Authorization', basic)).status,
    ).to.equal(404)
  })
})

describe('Whole-server unreachability', () => {
  it('refuses connections after refuseConnections() and serves again after acceptConnections(), on the same port', async () => {
    const ews = testApp()
    const server = await startEwsServer(ews.app, { port: 0 })
    const get = () =>
      fetch(server.ewsUrl, {
        method: 'POST',
        headers: { authorization: basic },
        body: '<x/>',
      }).then(
        (r) => r.status,
        (e: { cause?: { code?: string } }) => e.cause?.code ?? 'error',
      )
    try {
      expect(await get()).to.equal(500)
      await server.refuseConnections()
      expect(await get()).to.equal('ECONNREFUSED')
      await server.acceptConnections()
      expect(await get()).to.equal(500)
    } finally {
      await server.close()
    }
  })
})

describe('Unexpected failures', () => {
  it('answer ErrorInternalServerError with a request id, log it, and keep serving', async () => {
    const logger = memoryLogger()
    const ews = testApp({ logger })
    const store = ews.store as { getDistinguishedFolder: (...args: unknown[]) => unknown }
    const original = store.getDistinguishedFolder.bind(ews.store)
    store.getDistinguishedFolder = () => {
      throw new TypeError('store exploded')
    }
    const res = await call(ews.app, getFolderXml(distinguished('inbox')))
    expect(res.status).to.equal(500)
    expect(res.faultCode()).to.equal('ErrorInternalServerError')
    const id = /Request id (\d+)/.exec(res.value('//s:Fault/faultstring'))?.[1]
    expect(id).to.be.a('string')
    expect(
      logger.lines.some((l) => l.includes(`request ${id}`) && l.includes('store exploded')),
    ).to.equal(true)
    store.getDistinguishedFolder = original
    expect((await call(ews.app, getFolderXml(distinguished('inbox')))).codes()).to.deep.equal([
      'NoError',
    ])
  })
})
