// Text comes back exactly as it was stored: entities, markup, and whitespace a parser would normalise.
import { expect } from 'chai'
import type { EwsApp } from '../../mock-ews/index.ts'
import { call, testApp } from '../helpers/ews.ts'

describe('Text fidelity', () => {
  let ews: EwsApp
  beforeEach(() => {
    ews = testApp()
  })

  it('returns a subject and body with CR, LF, TAB, & and < exactly as they were sent', async () => {
    const subject = 'a\tb & <c> &amp; "d"'
    const body = 'line 1\r\nline 2\r\n\tindented &nbsp; <b>x</b>'
    const esc = (s: string): string =>
      s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;')
    const created = await call(
      ews.app,
      `<m:CreateItem MessageDisposition="SaveOnly"><m:Items><t:Message><t:Subject>${esc(subject)}</t:Subject><t:Body BodyType="Text">${esc(body)}</t:Body></t:Message></m:Items></m:CreateItem>`,
    )
    const id = created.value('//t:ItemId/@Id')
    const stored = ews.store.getItem('alice@contoso.com', id)
    expect(stored.subject).to.equal(subject)
    expect(stored.body.text).to.equal(body)
    const got = await call(
      ews.app,
      `<m:GetItem><m:ItemShape><t:BaseShape>AllProperties</t:BaseShape></m:ItemShape><m:ItemIds><t:ItemId Id="${id}"/></m:ItemIds></m:GetItem>`,
    )
    expect(got.value('//t:Message/t:Subject')).to.equal(subject)
    expect(got.value('//t:Message/t:Body')).to.equal(body)
  })
})
