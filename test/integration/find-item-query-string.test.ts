// FindItem with m:QueryString (AQS), raw SOAP and through ews-javascript-api's
// FindItems(folder, queryString, view): answered from the same restriction evaluator and limits.
import { expect } from 'chai'
import * as ews from 'ews-javascript-api'
import { FakeClock, startEwsServer } from '../../mock-ews/index.ts'
import type { EwsApp } from '../../mock-ews/index.ts'
import { call, distinguished, envelope, PASSWORD, post, testApp } from '../helpers/ews.ts'
import type { SoapAnswer } from '../helpers/ews.ts'
import { comparison, restriction, saveItem } from '../helpers/items.ts'

const INBOX = distinguished('inbox')

/** FindItem in the inbox with a QueryString (and any other elements before ParentFolderIds). */
function findXml(query: string, attributes = '', before = ''): string {
  return (
    `<m:FindItem Traversal="Shallow"><m:ItemShape><t:BaseShape>AllProperties</t:BaseShape>` +
    `</m:ItemShape>${before}<m:ParentFolderIds>${INBOX}</m:ParentFolderIds>` +
    `<m:QueryString${attributes}>${query}</m:QueryString></m:FindItem>`
  )
}

const subjects = (res: SoapAnswer): string[] =>
  res.select('//m:RootFolder/t:Items/t:Message/t:Subject').map((s) => s.textContent ?? '')

describe('FindItem QueryString', () => {
  let ews_: EwsApp
  let clock: FakeClock
  beforeEach(async () => {
    clock = new FakeClock('2016-06-10T09:00:00Z')
    ews_ = testApp({ clock })
    await saveItem(ews_.app, { subject: 'Lunch on Friday?', body: 'At the usual place' }, INBOX)
    clock.advance(60_000)
    await saveItem(ews_.app, { subject: 'Budget review', importance: 'High' }, INBOX)
    clock.advance(60_000)
    await saveItem(ews_.app, { subject: 'brunch', isRead: true }, INBOX)
  })

  it('answers only the items the query matches, not every item', async () => {
    const res = await call(ews_.app, findXml('subject:lunch'))
    expect(res.codes()).to.deep.equal(['NoError'])
    expect(subjects(res)).to.deep.equal(['Lunch on Friday?'])
    expect(res.value('//m:RootFolder/@TotalItemsInView')).to.equal('1')
  })

  it('reads free text, AND / OR / NOT, property restrictions and dates', async () => {
    const q = async (query: string): Promise<string[]> =>
      subjects(await call(ews_.app, findXml(query)))
    expect(await q('usual')).to.deep.equal(['Lunch on Friday?'])
    expect(await q('brunch OR budget')).to.deep.equal(['brunch', 'Budget review'])
    expect(await q('NOT brunch')).to.deep.equal(['Budget review', 'Lunch on Friday?'])
    expect(await q('importance:high')).to.deep.equal(['Budget review'])
    expect(await q('received:today hasattachment:false')).to.have.length(3)
    expect(await q('received:yesterday')).to.deep.equal([])
    expect(await q('')).to.have.length(3)
  })

  it('is a schema error before Exchange2010, whose schema has no QueryString', async () => {
    const res = await post(ews_.app, envelope(findXml('lunch'), 'Exchange2007_SP1'))
    expect(res.value('//s:Fault/faultcode')).to.equal('a:ErrorSchemaValidation')
    const ok = await post(ews_.app, envelope(findXml('lunch'), 'Exchange2010'))
    expect(subjects(ok)).to.deep.equal(['Lunch on Friday?'])
  })

  it('refuses a QueryString together with a Restriction', async () => {
    const both = restriction(comparison('IsEqualTo', 'item:Subject', 'brunch'))
    const res = await call(ews_.app, findXml('lunch', '', both))
    expect(res.codes()).to.deep.equal(['ErrorInvalidRequest'])
  })

  it('refuses ReturnHighlightTerms, which mock-ews does not answer', async () => {
    const res = await call(ews_.app, findXml('lunch', ' ReturnHighlightTerms="true"'))
    expect(res.codes()).to.deep.equal(['ErrorInvalidRequest'])
    const ok = await call(ews_.app, findXml('lunch', ' ResetCache="true"'))
    expect(subjects(ok)).to.deep.equal(['Lunch on Friday?'])
  })

  it('refuses a query over the limits with ErrorRestrictionTooLong', async () => {
    const deep = '('.repeat(300) + 'a' + ')'.repeat(300)
    expect((await call(ews_.app, findXml(deep))).codes()).to.deep.equal(['ErrorRestrictionTooLong'])
    const words = Array.from({ length: 100 }, (_, i) => `w${i}`).join(' ')
    expect((await call(ews_.app, findXml(words))).codes()).to.deep.equal([
      'ErrorRestrictionTooLong',
    ])
  })

  it("is what ews-javascript-api's FindItems(folder, queryString, view) sends", async () => {
    const server = await startEwsServer(ews_.app, { port: 0 })
    try {
      const svc = new ews.ExchangeService(ews.ExchangeVersion.Exchange2013)
      svc.Credentials = new ews.WebCredentials('alice@contoso.com', PASSWORD)
      svc.Url = new ews.Uri(server.ewsUrl)
      const found = await svc.FindItems(
        ews.WellKnownFolderName.Inbox,
        'subject:lunch OR subject:budget',
        new ews.ItemView(10),
      )
      expect(found.Items.map((i) => i.Subject)).to.deep.equal(['Budget review', 'Lunch on Friday?'])
    } finally {
      await server.close()
    }
  })
})
