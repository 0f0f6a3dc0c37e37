// Distribution groups of the topology: mail to a group reaches each member once, ExpandDL lists the
// members, ResolveNames finds the group as a PublicDL.
import { expect } from 'chai'
import * as ews from 'ews-javascript-api'
import { startEwsServer } from '../../mock-ews/index.ts'
import type { EwsApp, RunningServer } from '../../mock-ews/index.ts'
import { demoTopology } from '../../mock-ews/topology/topology.ts'
import type { Topology } from '../../mock-ews/topology/topology.ts'
import { call, distinguished, PASSWORD, testApp } from '../helpers/ews.ts'
import { ALICE, BOB, CAROL, itemId, itemsIn, saveItem, sendMessage } from '../helpers/items.ts'

const DAN = 'dan@contoso.com'
const TEAM = 'team@contoso.com'
const ALL = 'all@contoso.com'
const EMPTY = 'empty@contoso.com'
const SALES = 'sales@fabrikam.com'

/** contoso: team = {bob, dan}; all = {team, bob, alice} (bob twice); fabrikam: sales = {carol}. */
function topology(): Topology {
  const t = demoTopology()
  const [contoso, fabrikam] = t.organisations
  contoso!.users.push({ ...contoso!.users[1]!, address: DAN, displayName: 'Dan Park' })
  contoso!.groups = [
    { address: TEAM, displayName: 'Team', members: [BOB, DAN] },
    { address: ALL, displayName: 'All Contoso', members: [TEAM, BOB, ALICE] },
    { address: EMPTY, displayName: 'Nobody', members: [] },
  ]
  fabrikam!.groups = [{ address: SALES, displayName: 'Sales', members: [CAROL] }]
  return t
}

const expandXml = (address: string): string =>
  `<m:ExpandDL><m:Mailbox><t:EmailAddress>${address}</t:EmailAddress></m:Mailbox></m:ExpandDL>`

describe('Distribution groups', () => {
  let mock: EwsApp
  beforeEach(() => {
    mock = testApp({ topology: topology() })
  })

  const inbox = (user: string) => itemsIn(mock.app, distinguished('inbox'), user)

  describe('mail to a group', () => {
    it('is delivered to each member, nested groups included, each once', async () => {
      const res = await sendMessage(mock.app, { subject: 'Hello all', to: [ALL], cc: [DAN] })
      expect(res.codes()).to.deep.equal(['NoError'])
      for (const user of [ALICE, BOB, DAN]) {
        const items = await inbox(user)
        expect(
          items.map((i) => i.subject),
          user,
        ).to.deep.equal(['Hello all'])
        expect(items[0]!.to, 'the group stays the recipient').to.deep.equal([ALL])
      }
      expect(await inbox(CAROL)).to.deep.equal([])
    })

    it('gives the group no mailbox and the sender no NDR', async () => {
      await sendMessage(mock.app, { subject: 'Team', to: [TEAM] })
      expect(mock.store.getMailbox(TEAM)).to.equal(undefined)
      expect(await inbox(ALICE)).to.deep.equal([])
    })

    it('to an empty group is sent and delivered to nobody', async () => {
      const res = await sendMessage(mock.app, { subject: 'Void', to: [EMPTY] })
      expect(res.codes()).to.deep.equal(['NoError'])
      for (const user of [ALICE, BOB, DAN]) expect(await inbox(user), user).to.deep.equal([])
    })

    it('of a federated organisation reaches its members as a plain IPM.Note', async () => {
      await sendMessage(mock.app, {
        subject: 'IM',
        to: [SALES],
        itemClass: 'IPM.Note.Microsoft.Missed',
      })
      const items = await inbox(CAROL)
      expect(items.map((i) => [i.itemClass, i.subject])).to.deep.equal([['IPM.Note', 'IM']])
    })

    it('sent from a draft with SendItem reaches each member', async () => {
      const draft = await saveItem(mock.app, { subject: 'Draft to team', to: [TEAM] })
      const res = await call(
        mock.app,
        `<m:SendItem SaveItemToFolder="false"><m:ItemIds>${itemId(draft.id, draft.changeKey)}</m:ItemIds></m:SendItem>`,
      )
      expect(res.codes()).to.deep.equal(['NoError'])
      for (const user of [BOB, DAN])
        expect(
          (await inbox(user)).map((i) => i.subject),
          user,
        ).to.deep.equal(['Draft to team'])
    })
  })

  describe('ExpandDL (raw SOAP)', () => {
    it('lists the direct members: users as Mailbox, groups as PublicDL', async () => {
      const res = await call(mock.app, expandXml(ALL))
      expect(res.codes()).to.deep.equal(['NoError'])
      expect(res.value('//m:DLExpansion/@TotalItemsInView')).to.equal('3')
      expect(res.value('//m:DLExpansion/@IncludesLastItemInRange')).to.equal('true')
      const members = res
        .select('//m:DLExpansion/t:Mailbox')
        .map((m) => [
          String((m as Element).getElementsByTagNameNS('*', 'EmailAddress')[0]?.textContent),
          String((m as Element).getElementsByTagNameNS('*', 'MailboxType')[0]?.textContent),
        ])
      expect(members).to.deep.equal([
        [TEAM, 'PublicDL'],
        [BOB, 'Mailbox'],
        [ALICE, 'Mailbox'],
      ])
    })

    it('answers an address that is no group with ErrorNameResolutionNoResults', async () => {
      for (const address of ['nobody@contoso.com', BOB]) {
        const res = await call(mock.app, expandXml(address))
        expect(res.codes(), address).to.deep.equal(['ErrorNameResolutionNoResults'])
        expect(res.select('//m:DLExpansion')).to.have.length(0)
      }
    })

    it("does not expand another organisation's group, federated or not", async () => {
      const res = await call(mock.app, expandXml(SALES))
      expect(res.codes()).to.deep.equal(['ErrorNameResolutionNoResults'])
      const fromCarol = await call(mock.app, expandXml(SALES), CAROL)
      expect(fromCarol.codes()).to.deep.equal(['NoError'])
    })

    it('refuses an item id that is no distribution list with ErrorInvalidItemForOperationExpandDL', async () => {
      const draft = await saveItem(mock.app, { subject: 'Not a group' })
      const res = await call(
        mock.app,
        `<m:ExpandDL><m:Mailbox>${itemId(draft.id)}</m:Mailbox></m:ExpandDL>`,
      )
      expect(res.codes()).to.deep.equal(['ErrorInvalidItemForOperationExpandDL'])
    })

    it('refuses a Mailbox with neither address nor item id with ErrorSchemaValidation', async () => {
      const res = await call(mock.app, '<m:ExpandDL><m:Mailbox/></m:ExpandDL>')
      expect(res.faultCode()).to.equal('ErrorSchemaValidation')
    })
  })

  describe('through ews-javascript-api', () => {
    let server: RunningServer
    let svc: ews.ExchangeService
    beforeEach(async () => {
      server = await startEwsServer(mock.app, { port: 0 })
      svc = new ews.ExchangeService(ews.ExchangeVersion.Exchange2013)
      svc.Credentials = new ews.WebCredentials(ALICE, PASSWORD)
      svc.Url = new ews.Uri(server.ewsUrl)
    })
    afterEach(() => server.close())

    it('ExpandGroup returns the members with their mailbox types', async () => {
      const result = await svc.ExpandGroup(TEAM)
      expect(result.Count).to.equal(2)
      const members = result.Members
      expect(members.map((m) => [m.Address, m.Name, m.MailboxType])).to.deep.equal([
        [BOB, 'Bob Kelly', ews.MailboxType.Mailbox],
        [DAN, 'Dan Park', ews.MailboxType.Mailbox],
      ])
      const all = await svc.ExpandGroup(ALL)
      expect(all.IncludesAllMembers).to.equal(true)
      expect(all.Members[0]!.MailboxType).to.equal(ews.MailboxType.PublicGroup)
    })

    it('ResolveName finds a group as a PublicDL', async () => {
      const found = await svc.ResolveName('Team')
      expect(found.Count).to.equal(1)
      expect(found._getItem(0).Mailbox.Address).to.equal(TEAM)
      expect(found._getItem(0).Mailbox.MailboxType).to.equal(ews.MailboxType.PublicGroup)
    })
  })
})
