// ews-javascript-api's inbox rules API (GetInboxRules, UpdateInboxRules with CreateRuleOperation /
// DeleteRuleOperation) against mock-ews on a loopback port; the rule acts on the next delivery.
import { expect } from 'chai'
import * as ews from 'ews-javascript-api'
import { startEwsServer } from '../../mock-ews/index.ts'
import type { EwsApp, RunningServer } from '../../mock-ews/index.ts'
import { PASSWORD, testApp } from '../helpers/ews.ts'

function service(server: RunningServer, user: string): ews.ExchangeService {
  const svc = new ews.ExchangeService(ews.ExchangeVersion.Exchange2013)
  svc.Credentials = new ews.WebCredentials(user, PASSWORD)
  svc.Url = new ews.Uri(server.ewsUrl)
  return svc
}

describe('ews-javascript-api inbox rules against mock-ews', () => {
  let mock: EwsApp
  let server: RunningServer
  beforeEach(async () => {
    mock = testApp()
    server = await startEwsServer(mock.app, { port: 0 })
  })
  afterEach(() => server.close())

  it('creates a rule that files and marks read, reads it back, and deletes it', async () => {
    const alice = service(server, 'alice@contoso.com')
    const bob = service(server, 'bob@contoso.com')
    const folder = new ews.Folder(alice)
    folder.DisplayName = 'Invoices'
    await folder.Save(ews.WellKnownFolderName.Inbox)

    const rule = new ews.Rule()
    rule.DisplayName = 'Invoices'
    rule.Priority = 1
    rule.IsEnabled = true
    rule.Conditions.ContainsSubjectStrings.Add('invoice')
    rule.Conditions.FromAddresses.Add(new ews.EmailAddress('bob@contoso.com'))
    rule.Actions.MoveToFolder = folder.Id
    rule.Actions.MarkAsRead = true
    await alice.UpdateInboxRules([new ews.CreateRuleOperation(rule)], true)

    const rules = await alice.GetInboxRules()
    expect(rules.Count).to.equal(1)
    const stored = rules._getItem(0)
    expect(stored.DisplayName).to.equal('Invoices')
    expect(stored.Conditions.ContainsSubjectStrings.GetEnumerator()).to.deep.equal(['invoice'])
    expect(stored.Actions.MoveToFolder.UniqueId).to.equal(folder.Id.UniqueId)

    for (const subject of ['Invoice 7', 'Coffee?']) {
      const message = new ews.EmailMessage(bob)
      message.Subject = subject
      message.Body = new ews.MessageBody(ews.BodyType.Text, 'hi')
      message.ToRecipients.Add('alice@contoso.com')
      await message.SendAndSaveCopy()
    }
    const filed = await alice.FindItems(folder.Id, new ews.ItemView(10))
    expect(filed.Items.map((i) => i.Subject)).to.deep.equal(['Invoice 7'])
    expect((filed.Items[0] as ews.EmailMessage).IsRead).to.equal(true)
    const inbox = await alice.FindItems(ews.WellKnownFolderName.Inbox, new ews.ItemView(10))
    expect(inbox.Items.map((i) => i.Subject)).to.deep.equal(['Coffee?'])

    await alice.UpdateInboxRules([new ews.DeleteRuleOperation(stored.Id)], true)
    expect((await alice.GetInboxRules()).Count).to.equal(0)
  })
})
