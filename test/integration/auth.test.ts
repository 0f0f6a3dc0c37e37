import { expect } from 'chai'
import request from 'supertest'
import { startEwsServer } from '../../mock-ews/index.ts'
import type { EwsApp } from '../../mock-ews/index.ts'
import { answer, distinguished, envelope, getFolderXml, PASSWORD, testApp } from '../helpers/ews.ts'

const inbox = envelope(getFolderXml(distinguished('inbox')))

function postAs(ews: EwsApp, authorization: string | undefined) {
  const req = request(ews.app)
    .post('/EWS/Exchange.asmx')
    .set('Content-Type', 'text/xml; charset=utf-8')
  if (authorization !== undefined) req.set('Authorization', authorization)
  return req.send(inbox)
}

const basic = (user: string, password: string): string =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`

describe('Basic authentication', () => {
  let ews: EwsApp
  beforeEach(() => {
    ews = testApp()
  })

  it('challenges a request without an Authorization header with 401 and a Basic realm', async () => {
    const res = await postAs(ews, undefined)
    expect(res.status).to.equal(401)
    expect(res.headers['www-authenticate']).to.match(/(^|, )Basic realm="[^"]+"(, |$)/)
  })

  it('keeps the connection open on 401 and on faults (exchangelib reads Connection: close as ErrorServerBusy)', async () => {
    const server = await startEwsServer(ews.app, { port: 0 })
    try {
      const unauthenticated = await fetch(server.ewsUrl, { method: 'POST', body: inbox })
      expect(unauthenticated.status).to.equal(401)
      expect(unauthenticated.headers.get('connection')).to.equal('keep-alive')
      const faulted = await fetch(server.ewsUrl, {
        method: 'POST',
        body: 'not xml',
        headers: { authorization: basic('alice@contoso.com', PASSWORD) },
      })
      expect(faulted.status).to.equal(500)
      expect(faulted.headers.get('connection')).to.equal('keep-alive')
    } finally {
      await server.close()
    }
  })

  it('accepts the UPN form of the user name', async () => {
    const res = await postAs(ews, basic('alice@contoso.com', PASSWORD))
    expect(res.status).to.equal(200)
    expect(answer(res.status, {}, res.text).codes()).to.deep.equal(['NoError'])
  })

  it('accepts the down-level DOMAIN\\user form, case-insensitively', async () => {
    const res = await postAs(ews, basic('contoso\\Bob', PASSWORD))
    expect(res.status).to.equal(200)
  })

  it('refuses a wrong password with 401', async () => {
    const res = await postAs(ews, basic('alice@contoso.com', 'wrong'))
    expect(res.status).to.equal(401)
    expect(res.headers['www-authenticate']).to.match(/^Basic /)
  })

  it('refuses an unknown user, and a user of one organisation named with another domain', async () => {
    expect((await postAs(ews, basic('mallory@contoso.com', PASSWORD))).status).to.equal(401)
    expect((await postAs(ews, basic('FABRIKAM\\alice', PASSWORD))).status).to.equal(401)
  })

  it('refuses malformed credentials and other schemes with 401', async () => {
    expect((await postAs(ews, 'Basic !!!')).status).to.equal(401)
    expect(
      (await postAs(ews, `Basic ${Buffer.from('no-colon').toString('base64')}`)).status,
    ).to.equal(401)
    expect((await postAs(ews, 'Bearer abc.def.ghi')).status).to.equal(401)
  })

  it("opens the caller's own mailbox: the same distinguished name gives each user a different folder", async () => {
    const alice = answer(200, {}, (await postAs(ews, basic('alice@contoso.com', PASSWORD))).text)
    const carol = answer(200, {}, (await postAs(ews, basic('carol@fabrikam.com', PASSWORD))).text)
    expect(alice.value('//t:FolderId/@Id')).to.not.equal('')
    expect(alice.value('//t:FolderId/@Id')).to.not.equal(carol.value('//t:FolderId/@Id'))
  })

  it("reports each user's own Exchange in ServerVersionInfo", async () => {
    const alice = answer(200, {}, (await postAs(ews, basic('alice@contoso.com', PASSWORD))).text)
    const carol = answer(200, {}, (await postAs(ews, basic('carol@fabrikam.com', PASSWORD))).text)
    expect(alice.value('/s:Envelope/s:Header/t:ServerVersionInfo/@MinorVersion')).to.equal('1')
    expect(carol.value('/s:Envelope/s:Header/t:ServerVersionInfo/@MinorVersion')).to.equal('20')
  })
})
