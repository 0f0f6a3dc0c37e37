// MIME through ews-javascript-api's ordinary API: an EmailMessage created from MimeContent and
// sent, and MimeContent loaded with a PropertySet (IncludeMimeContent) by the recipient.
import { expect } from 'chai'
import * as ews from 'ews-javascript-api'
import { FakeClock, startEwsServer } from '../../mock-ews/index.ts'
import type { RunningServer } from '../../mock-ews/index.ts'
import { PASSWORD, testApp } from '../helpers/ews.ts'

const ALICE = 'alice@contoso.com'
const BOB = 'bob@contoso.com'

describe('ews-javascript-api MimeContent against mock-ews', () => {
  let server: RunningServer
  beforeEach(async () => {
    server = await startEwsServer(testApp({ clock: new FakeClock('2016-06-10T09:00:00Z') }).app, {
      port: 0,
    })
  })
  afterEach(() => server.close())

  function service(user: string): ews.ExchangeService {
    const svc = new ews.ExchangeService(ews.ExchangeVersion.Exchange2013)
    svc.Credentials = new ews.WebCredentials(user, PASSWORD)
    svc.Url = new ews.Uri(server.ewsUrl)
    return svc
  }

  it('creates a message from MimeContent, sends it, and the recipient loads its MimeContent', async () => {
    const raw = [
      `From: Alice <${ALICE}>`,
      `To: Bob <${BOB}>`,
      'Subject: Quarterly numbers',
      'X-Report-Id: q3',
      'Content-Type: text/html; charset=utf-8',
      '',
      '<p>See <b>attached</b></p>',
      '',
    ].join('\r\n')
    const msg = new ews.EmailMessage(service(ALICE))
    msg.MimeContent = new ews.MimeContent('UTF-8', Buffer.from(raw).toString('base64'))
    await msg.SendAndSaveCopy()

    const bob = service(BOB)
    const found = await bob.FindItems(ews.WellKnownFolderName.Inbox, new ews.ItemView(5))
    const props = new ews.PropertySet(ews.BasePropertySet.FirstClassProperties, [
      ews.ItemSchema.MimeContent,
    ])
    const got = await ews.EmailMessage.Bind(bob, found.Items[0]!.Id, props)
    expect(got.Subject).to.equal('Quarterly numbers')
    expect(got.Body.BodyType).to.equal(ews.BodyType.HTML)
    expect(got.Body.Text).to.contain('<b>attached</b>')
    expect(got.From.Address).to.equal(ALICE)
    const mime = Buffer.from(got.MimeContent.Content as unknown as string, 'base64').toString()
    expect(mime).to.match(/^Subject: Quarterly numbers\r$/m)
    expect(mime).to.match(/^X-Report-Id: q3\r$/im)
    expect(mime).to.contain('multipart/alternative')
    expect(mime).not.to.match(/^Bcc:/m)
  })
})
