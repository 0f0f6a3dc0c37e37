import { expect } from 'chai'
import request from 'supertest'
import { memoryLogger } from '../../mock-ews/index.ts'
import type { EwsApp } from '../../mock-ews/index.ts'
import {
  call,
  distinguished,
  envelope,
  exchangelibEnvelope,
  getFolderXml,
  NS,
  post,
  testApp,
} from '../helpers/ews.ts'

const getInbox = getFolderXml(distinguished('inbox'))

describe('SOAP edge', () => {
  let ews: EwsApp
  beforeEach(() => {
    ews = testApp()
  })

  it('answers with the XML declaration, an s:Header with ServerVersionInfo, and text/xml; charset=utf-8', async () => {
    const res = await call(ews.app, getInbox)
    expect(res.status).to.equal(200)
    expect(res.text.startsWith('<?xml version="1.0" encoding="utf-8"?>')).to.equal(true)
    expect(res.headers['content-type']).to.equal('text/xml; charset=utf-8')
    expect(res.select('/s:Envelope/s:Header/t:ServerVersionInfo')).to.have.length(1)
    expect(res.value('/s:Envelope/s:Header/t:ServerVersionInfo/@Version')).to.equal('V2017_07_11')
  })

  it('accepts the exchangelib form: s: prefix, XML declaration, TimeZoneContext header', async () => {
    expect((await post(ews.app, exchangelibEnvelope(getInbox))).codes()).to.deep.equal(['NoError'])
  })

  it('accepts the operation in a default namespace, as the Microsoft Learn examples write it', async () => {
    const body =
      `<soap:Envelope xmlns:soap="${NS.s}" xmlns:t="${NS.t}"><soap:Body>` +
      `<GetFolder xmlns="${NS.m}"><FolderShape><t:BaseShape>Default</t:BaseShape></FolderShape>` +
      `<FolderIds><t:DistinguishedFolderId Id="drafts"/></FolderIds></GetFolder></soap:Body></soap:Envelope>`
    const res = await post(ews.app, body)
    expect(res.codes()).to.deep.equal(['NoError'])
    expect(res.value('//t:DisplayName')).to.equal('Drafts')
  })

  it('dispatches on the namespace, not the prefix: a GetFolder outside the messages namespace is not an operation', async () => {
    const res = await post(ews.app, envelope(`<x:GetFolder xmlns:x="urn:not-ews"/>`))
    expect(res.status).to.equal(500)
    expect(res.faultCode()).to.equal('ErrorInvalidOperation')
  })

  it('answers an unknown operation with a fault naming it and listing the supported ones, and logs it', async () => {
    const logger = memoryLogger()
    ews = testApp({ logger })
    const res = await call(ews.app, '<m:FrobnicateItem/>')
    expect(logger.lines.join('\n')).to.match(
      /unsupported operation .*FrobnicateItem; supported: .*GetFolder/,
    )
    expect(res.status).to.equal(500)
    expect(res.faultCode()).to.equal('ErrorInvalidOperation')
    const text = res.value('//s:Fault/faultstring')
    expect(text).to.contain("'FrobnicateItem'")
    expect(text).to.contain('GetFolder')
    expect(res.value('//s:Fault/faultcode')).to.equal('a:ErrorInvalidOperation')
  })

  it('accepts every RequestServerVersion value of the schema on Exchange 2016, and none other', async () => {
    for (const v of [
      'Exchange2007',
      'Exchange2010_SP2',
      'Exchange2013_SP1',
      'Exchange2016',
      'V2016_10_10',
    ]) {
      expect((await post(ews.app, envelope(getInbox, v))).status, v).to.equal(200)
    }
    for (const v of ['Exchange2007_SP2', 'Exchange2015_SP1', 'exchange2013', ' Exchange2013']) {
      const res = await post(ews.app, envelope(getInbox, v))
      expect(res.status, v).to.equal(500)
      expect(res.faultCode(), v).to.equal('ErrorInvalidServerVersion')
    }
  })

  it('answers a request without RequestServerVersion', async () => {
    expect((await post(ews.app, envelope(getInbox, ''))).codes()).to.deep.equal(['NoError'])
  })

  it('refuses ExchangeImpersonation, which no account here is granted', async () => {
    const body = envelope(getInbox).replace(
      '</soap:Header>',
      '<t:ExchangeImpersonation><t:ConnectingSID><t:PrimarySmtpAddress>bob@contoso.com</t:PrimarySmtpAddress></t:ConnectingSID></t:ExchangeImpersonation></soap:Header>',
    )
    const res = await post(ews.app, body)
    expect(res.status).to.equal(500)
    expect(res.faultCode()).to.equal('ErrorImpersonateUserDenied')
  })

  it('refuses methods other than POST once authenticated', async () => {
    const res = await request(ews.app)
      .get('/EWS/Exchange.asmx')
      .auth('alice@contoso.com', 'P@ssw0rd')
    expect(res.status).to.equal(405)
    expect(res.headers.allow).to.equal('POST')
  })
})
