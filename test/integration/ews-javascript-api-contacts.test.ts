// Issue 17 through a real, unmodified EWS client (ews-javascript-api) on a loopback port: Contact
// and Task Save / Bind / FindItems / Update / Delete, a private ContactGroup, ResolveNames over
// contacts, and GetUserOofSettings / SetUserOofSettings with an automatic reply.
import { expect } from 'chai'
import * as ews from 'ews-javascript-api'
import { FakeClock, startEwsServer } from '../../mock-ews/index.ts'
import type { EwsApp, RunningServer } from '../../mock-ews/index.ts'
import { PASSWORD, testApp } from '../helpers/ews.ts'

const ALICE = 'alice@contoso.com'
const BOB = 'bob@contoso.com'

function service(server: RunningServer, user = ALICE): ews.ExchangeService {
  const svc = new ews.ExchangeService(ews.ExchangeVersion.Exchange2013)
  svc.Credentials = new ews.WebCredentials(user, PASSWORD)
  svc.Url = new ews.Uri(server.ewsUrl)
  return svc
}

describe('ews-javascript-api: contacts, tasks and out of office (issue 17)', () => {
  let clock: FakeClock
  let mock: EwsApp
  let server: RunningServer
  beforeEach(async () => {
    clock = new FakeClock('2016-06-10T09:00:00Z')
    mock = testApp({ clock })
    server = await startEwsServer(mock.app, { port: 0 })
  })
  afterEach(() => server.close())

  it('saves a Contact in Contacts, binds it back, finds it, updates an e-mail entry and deletes it', async () => {
    const svc = service(server)
    const c = new ews.Contact(svc)
    c.GivenName = 'Dana'
    c.Surname = 'Fisher'
    c.DisplayName = 'Dana Fisher'
    c.CompanyName = 'Fabrikam'
    c.JobTitle = 'Buyer'
    c.EmailAddresses._setItem(
      ews.EmailAddressKey.EmailAddress1,
      new ews.EmailAddress('dana@fabrikam.com'),
    )
    c.PhoneNumbers._setItem(ews.PhoneNumberKey.MobilePhone, '+1 555 0199')
    const address = new ews.PhysicalAddressEntry()
    address.City = 'Springfield'
    address.Street = '1 Main St'
    c.PhysicalAddresses._setItem(ews.PhysicalAddressKey.Business, address)
    await c.Save()
    expect(c.Id.UniqueId).to.be.a('string').and.not.equal('')

    const bound = await ews.Contact.Bind(svc, c.Id)
    expect([
      bound.GivenName,
      bound.Surname,
      bound.DisplayName,
      bound.CompanyName,
      bound.JobTitle,
    ]).to.deep.equal(['Dana', 'Fisher', 'Dana Fisher', 'Fabrikam', 'Buyer'])
    expect(bound.EmailAddresses._getItem(ews.EmailAddressKey.EmailAddress1).Address).to.equal(
      'dana@fabrikam.com',
    )
    expect(bound.PhoneNumbers._getItem(ews.PhoneNumberKey.MobilePhone)).to.equal('+1 555 0199')
    expect(bound.PhysicalAddresses._getItem(ews.PhysicalAddressKey.Business).City).to.equal(
      'Springfield',
    )

    const found = await svc.FindItems(ews.WellKnownFolderName.Contacts, new ews.ItemView(10))
    expect(found.Items.map((i) => i.Id.UniqueId)).to.deep.equal([c.Id.UniqueId])
    expect(found.Items[0]).to.be.instanceOf(ews.Contact)

    bound.EmailAddresses._setItem(
      ews.EmailAddressKey.EmailAddress2,
      new ews.EmailAddress('dana@contoso.com'),
    )
    bound.JobTitle = 'Head buyer'
    await bound.Update(ews.ConflictResolutionMode.AlwaysOverwrite)
    const again = await ews.Contact.Bind(svc, c.Id)
    expect(again.JobTitle).to.equal('Head buyer')
    expect(again.EmailAddresses._getItem(ews.EmailAddressKey.EmailAddress2).Address).to.equal(
      'dana@contoso.com',
    )
    expect(again.EmailAddresses._getItem(ews.EmailAddressKey.EmailAddress1).Address).to.equal(
      'dana@fabrikam.com',
    )

    const resolved = await svc.ResolveName(
      'dana',
      ews.ResolveNameSearchLocation.ContactsThenDirectory,
      true,
    )
    expect(resolved.Count).to.equal(1)
    expect(resolved._getItem(0).Mailbox.Address).to.equal('dana@fabrikam.com')

    await again.Delete(ews.DeleteMode.HardDelete)
    const after = await svc.FindItems(ews.WellKnownFolderName.Contacts, new ews.ItemView(10))
    expect(after.Items).to.have.length(0)
  })

  it('saves a private ContactGroup with a one-off member and a personal contact, and expands it', async () => {
    const svc = service(server)
    const group = new ews.ContactGroup(svc)
    group.DisplayName = 'Bowling team'
    group.Members.AddOneOff('Pat', 'pat@example.org')
    const dana = new ews.Contact(svc)
    dana.DisplayName = 'Dana Fisher'
    dana.EmailAddresses._setItem(
      ews.EmailAddressKey.EmailAddress1,
      new ews.EmailAddress('dana@fabrikam.com'),
    )
    await dana.Save()
    group.Members.AddPersonalContact(dana.Id)
    await group.Save()
    const bound = await ews.ContactGroup.Bind(svc, group.Id)
    expect(bound.DisplayName).to.equal('Bowling team')
    const expanded = await svc.ExpandGroup(group.Id)
    expect(expanded.Members.map((m) => [m.Name, m.Address])).to.deep.equal([
      ['Pat', 'pat@example.org'],
      ['Dana Fisher', 'dana@fabrikam.com'],
    ])
    expect(expanded.Members[1]!.MailboxType).to.equal(ews.MailboxType.Contact)
    expect(expanded.Members[1]!.Id.UniqueId).to.equal(dana.Id.UniqueId)
  })

  it('saves a Task in Tasks, completes it and finds it', async () => {
    const svc = service(server)
    const task = new ews.Task(svc)
    task.Subject = 'File the report'
    task.DueDate = new ews.DateTime('2016-06-20T17:00:00Z')
    task.StartDate = new ews.DateTime('2016-06-13T09:00:00Z')
    task.PercentComplete = 50
    await task.Save()
    const bound = await ews.Task.Bind(svc, task.Id)
    expect(bound.Subject).to.equal('File the report')
    expect(bound.PercentComplete).to.equal(50)
    expect(bound.Status).to.equal(ews.TaskStatus.InProgress)
    expect(bound.DueDate.ToISOString()).to.equal('2016-06-20T17:00:00.000Z')
    bound.Status = ews.TaskStatus.Completed
    await bound.Update(ews.ConflictResolutionMode.AlwaysOverwrite)
    const done = await ews.Task.Bind(svc, task.Id)
    expect([done.Status, done.PercentComplete, done.IsComplete]).to.deep.equal([
      ews.TaskStatus.Completed,
      100,
      true,
    ])
    const found = await svc.FindItems(ews.WellKnownFolderName.Tasks, new ews.ItemView(10))
    expect(found.Items.map((i) => i.Subject)).to.deep.equal(['File the report'])
  })

  it('sets and gets the out-of-office settings; a message to the away user gets one automatic reply', async () => {
    const bob = service(server, BOB)
    const settings = new ews.OofSettings()
    settings.State = ews.OofState.Enabled
    settings.ExternalAudience = ews.OofExternalAudience.All
    settings.InternalReply = new ews.OofReply('Away until Monday')
    settings.ExternalReply = new ews.OofReply('Away')
    await bob.SetUserOofSettings(BOB, settings)
    const back = await bob.GetUserOofSettings(BOB)
    expect(back.State).to.equal(ews.OofState.Enabled)
    expect(back.InternalReply.Message).to.equal('Away until Monday')

    const alice = service(server)
    for (const subject of ['Lunch?', 'Lunch again?']) {
      const msg = new ews.EmailMessage(alice)
      msg.Subject = subject
      msg.ToRecipients.Add(BOB)
      await msg.Send()
    }
    const inbox = await alice.FindItems(ews.WellKnownFolderName.Inbox, new ews.ItemView(10))
    expect(inbox.Items.map((i) => i.Subject)).to.deep.equal(['Automatic reply: Lunch?'])
  })
})
