/**
 * Mail flow through the transport (DESIGN.md "Domain decisions": delivery inside one organisation,
 * across organisations, item classes): what lands in which mailbox when a message is sent with
 * CreateItem (one step) or CreateItem SaveOnly + SendItem (two steps).
 */
import { expect } from 'chai'
import { FakeClock, MemoryMailboxStore, parseTopology, seededIds } from '../../mock-ews/index.ts'
import type { EwsApp, MailboxInfo } from '../../mock-ews/index.ts'
import type { NewMailbox } from '../../mock-ews/store/mailbox-store.ts'
import type { MemoryStoreOptions } from '../../mock-ews/store/memory/memory-store.ts'
import {
  call,
  distinguished,
  envelope,
  folderId,
  getFolderXml,
  post,
  PASSWORD,
  testApp,
} from '../helpers/ews.ts'
import type { SoapAnswer } from '../helpers/ews.ts'
import {
  ALICE,
  BOB,
  CAROL,
  CLASS,
  countsOf,
  findItemXml,
  getItemOf,
  itemId,
  itemsIn,
  missedConversationsIdOf,
  readItems,
  saveItem,
  sendItemXml,
  sendMessage,
} from '../helpers/items.ts'
import type { MessageSpec, ReadItem } from '../helpers/items.ts'

const NOBODY = 'nobody@contoso.com'
const DAVE = 'dave@fabrikam.com'

/** An offline IM as the fixed Skype for Business client writes it. */
const offlineIm = (to: string[], text = 'Are you free for a call at 10?'): MessageSpec => ({
  itemClass: CLASS.missed,
  subject: 'Alice Wood sent you a message in Skype for Business',
  body: text,
  to,
})

/** The one-step send of the fixed client: SendAndSaveCopy into its own Conversation History. */
const sendOfflineIm = (app: EwsApp['app'], spec: MessageSpec, user = ALICE): Promise<SoapAnswer> =>
  sendMessage(app, spec, { savedFolder: distinguished('conversationhistory'), user })

const inboxOf = (app: EwsApp['app'], user: string): Promise<ReadItem[]> =>
  itemsIn(app, distinguished('inbox'), user)

const historyOf = (app: EwsApp['app'], user: string): Promise<ReadItem[]> =>
  itemsIn(app, distinguished('conversationhistory'), user)

async function missedOf(app: EwsApp['app'], user: string): Promise<ReadItem[]> {
  return itemsIn(app, folderId(await missedConversationsIdOf(app, user)), user)
}

/** What a delivered message carries, without what differs between two sends (ids, message ids). */
const content = (i: ReadItem): Partial<ReadItem> => ({
  itemClass: i.itemClass,
  subject: i.subject,
  body: i.body,
  bodyType: i.bodyType,
  isRead: i.isRead,
  isDraft: i.isDraft,
  from: i.from,
  to: i.to,
  cc: i.cc,
  dateTimeSent: i.dateTimeSent,
  dateTimeReceived: i.dateTimeReceived,
})

/** Inbox items of `user` read with GetItem (so the body comes along). */
async function fullInboxOf(app: EwsApp['app'], user: string): Promise<ReadItem[]> {
  const listed = await inboxOf(app, user)
  return Promise.all(listed.map((i) => getItemOf(app, i.id, user)))
}

const user = (address: string, displayName: string): string =>
  `      - { address: ${address}, password: '${PASSWORD}', displayName: ${displayName} }\n`

describe('Mail flow', () => {
  let clock: FakeClock
  let ews: EwsApp
  beforeEach(() => {
    clock = new FakeClock('2016-06-10T09:00:00Z')
    ews = testApp({ clock })
  })

  describe('an offline IM inside one organisation (alice → bob, one CreateItem)', () => {
    let answer: SoapAnswer
    beforeEach(async () => {
      clock.advance(7 * 60_000)
      answer = await sendOfflineIm(ews.app, offlineIm([BOB]))
    })

    it('answers NoError with an empty m:Items', () => {
      expect(answer.status).to.equal(200)
      expect(answer.codes()).to.deep.equal(['NoError'])
      expect(answer.select('//m:CreateItemResponseMessage/m:Items')).to.have.length(1)
      expect(answer.select('//m:CreateItemResponseMessage/m:Items/*')).to.have.length(0)
    })

    it("puts an unread IPM.Note.Microsoft.Missed in bob's Inbox, with the message as written", async () => {
      const inbox = await fullInboxOf(ews.app, BOB)
      expect(inbox).to.have.length(1)
      const im = inbox[0]!
      expect(im.itemClass).to.equal(CLASS.missed)
      expect(im.isRead).to.equal('false')
      expect(im.isDraft).to.equal('false')
      expect(im.subject).to.equal('Alice Wood sent you a message in Skype for Business')
      expect(im.body).to.equal('Are you free for a call at 10?')
      expect(im.from).to.equal(ALICE)
      expect(im.to).to.deep.equal([BOB])
    })

    it('dates it from the fake clock (DateTimeSent and DateTimeReceived)', async () => {
      const [im] = await inboxOf(ews.app, BOB)
      expect(im!.dateTimeSent).to.equal('2016-06-10T09:07:00Z')
      expect(im!.dateTimeReceived).to.equal('2016-06-10T09:07:00Z')
    })

    it("files an IPM.Note.Microsoft.Conversation entry in bob's Conversation History", async () => {
      const history = await historyOf(ews.app, BOB)
      expect(history).to.have.length(1)
      expect(history[0]!.itemClass).to.equal(CLASS.conversation)
      expect(history[0]!.subject).to.equal('Alice Wood sent you a message in Skype for Business')
      expect(history[0]!.from).to.equal(ALICE)
      expect(history[0]!.dateTimeReceived).to.equal('2016-06-10T09:07:00Z')
      const [im] = await inboxOf(ews.app, BOB)
      expect(history[0]!.id).to.not.equal(im!.id)
    })

    it("shows it in bob's Missed Conversations search folder (FindItem)", async () => {
      const [im] = await inboxOf(ews.app, BOB)
      const missed = await missedOf(ews.app, BOB)
      expect(missed.map((i) => [i.id, i.itemClass, i.isRead])).to.deep.equal([
        [im!.id, CLASS.missed, 'false'],
      ])
    })

    it("counts it in the Missed Conversations folder's TotalCount and UnreadCount (GetFolder)", async () => {
      const id = await missedConversationsIdOf(ews.app, BOB)
      expect(await countsOf(ews.app, folderId(id), BOB)).to.deep.equal({ total: 1, unread: 1 })
      expect(await countsOf(ews.app, distinguished('inbox'), BOB)).to.deep.equal({
        total: 1,
        unread: 1,
      })
      const res = await call(ews.app, getFolderXml(folderId(id)), BOB)
      expect(res.value('//m:Folders/t:SearchFolder/t:DisplayName')).to.equal('Missed Conversations')
    })

    it("keeps alice's copy in her Conversation History, and nothing in her Sent Items or Drafts", async () => {
      const history = await historyOf(ews.app, ALICE)
      expect(history).to.have.length(1)
      const copy = await getItemOf(ews.app, history[0]!.id, ALICE)
      expect(copy.itemClass).to.equal(CLASS.missed)
      expect(copy.subject).to.equal('Alice Wood sent you a message in Skype for Business')
      expect(copy.body).to.equal('Are you free for a call at 10?')
      expect(copy.to).to.deep.equal([BOB])
      expect(copy.isDraft).to.equal('false')
      expect(copy.dateTimeSent).to.equal('2016-06-10T09:07:00Z')
      expect(await itemsIn(ews.app, distinguished('sentitems'), ALICE)).to.deep.equal([])
      expect(await itemsIn(ews.app, distinguished('drafts'), ALICE)).to.deep.equal([])
      expect(await inboxOf(ews.app, ALICE)).to.deep.equal([])
    })

    it('delivers nothing to anyone else', async () => {
      expect(await inboxOf(ews.app, CAROL)).to.deep.equal([])
      expect(await historyOf(ews.app, CAROL)).to.deep.equal([])
    })
  })

  describe('an offline IM across organisations (alice → carol, federated)', () => {
    beforeEach(async () => {
      clock.advance(3 * 60_000)
      const res = await sendOfflineIm(ews.app, offlineIm([CAROL]))
      expect(res.codes()).to.deep.equal(['NoError'])
    })

    it("puts a plain IPM.Note in carol's Inbox with the same subject and body", async () => {
      const inbox = await fullInboxOf(ews.app, CAROL)
      expect(inbox).to.have.length(1)
      expect(inbox[0]!.itemClass).to.equal(CLASS.note)
      expect(inbox[0]!.subject).to.equal('Alice Wood sent you a message in Skype for Business')
      expect(inbox[0]!.body).to.equal('Are you free for a call at 10?')
      expect(inbox[0]!.from).to.equal(ALICE)
      expect(inbox[0]!.isRead).to.equal('false')
      expect(inbox[0]!.dateTimeSent).to.equal('2016-06-10T09:03:00Z')
    })

    it("files nothing in carol's Conversation History or Missed Conversations", async () => {
      expect(await historyOf(ews.app, CAROL)).to.deep.equal([])
      expect(await missedOf(ews.app, CAROL)).to.deep.equal([])
      const id = await missedConversationsIdOf(ews.app, CAROL)
      expect(await countsOf(ews.app, folderId(id), CAROL)).to.deep.equal({ total: 0, unread: 0 })
    })

    it("keeps alice's copy in her Conversation History as she wrote it", async () => {
      const history = await historyOf(ews.app, ALICE)
      expect(history.map((i) => [i.itemClass, i.to])).to.deep.equal([[CLASS.missed, [CAROL]]])
    })

    it('strips the class the other way too (carol → alice)', async () => {
      const res = await sendMessage(
        ews.app,
        {
          itemClass: CLASS.missed,
          subject: 'Carol Ruiz sent you a message',
          body: 'hi',
          to: [ALICE],
        },
        { user: CAROL, savedFolder: distinguished('conversationhistory') },
      )
      expect(res.codes()).to.deep.equal(['NoError'])
      const inbox = await inboxOf(ews.app, ALICE)
      expect(inbox.map((i) => i.itemClass)).to.deep.equal([CLASS.note])
      // (Alice's own sent copy, class Missed, is in her Conversation History and so in her
      // Missed Conversations; what carol sent must not be.)
      const missed = await missedOf(ews.app, ALICE)
      expect(missed.map((i) => i.id)).to.not.include(inbox[0]!.id)
      expect(missed.map((i) => i.from)).to.not.include(CAROL)
    })
  })

  describe('plain mail (IPM.Note) inside one organisation', () => {
    it("lands in bob's Inbox only: no Conversation History entry, nothing in Missed Conversations", async () => {
      const res = await sendMessage(ews.app, { subject: 'Minutes', body: 'Attached.', to: [BOB] })
      expect(res.codes()).to.deep.equal(['NoError'])
      const inbox = await inboxOf(ews.app, BOB)
      expect(inbox.map((i) => [i.itemClass, i.subject, i.isRead])).to.deep.equal([
        [CLASS.note, 'Minutes', 'false'],
      ])
      expect(await historyOf(ews.app, BOB)).to.deep.equal([])
      expect(await missedOf(ews.app, BOB)).to.deep.equal([])
      const sent = await itemsIn(ews.app, distinguished('sentitems'), ALICE)
      expect(sent.map((i) => [i.itemClass, i.subject])).to.deep.equal([[CLASS.note, 'Minutes']])
    })

    it('delivers to every To, Cc and Bcc recipient once, and to nobody twice', async () => {
      const res = await sendMessage(ews.app, {
        subject: 'All hands',
        to: [BOB, BOB.toUpperCase()],
        cc: [CAROL],
        bcc: [BOB],
      })
      expect(res.codes()).to.deep.equal(['NoError'])
      expect(await inboxOf(ews.app, BOB)).to.have.length(1)
      expect(await inboxOf(ews.app, CAROL)).to.have.length(1)
    })

    it('does not show Bcc recipients to the recipients', async () => {
      await sendMessage(ews.app, { subject: 'Secret', to: [CAROL], bcc: [BOB] })
      const [forBob] = await inboxOf(ews.app, BOB)
      const res = await call(
        ews.app,
        findItemXml(distinguished('inbox'), { shape: 'AllProperties' }),
        BOB,
      )
      expect(forBob!.subject).to.equal('Secret')
      expect(res.select('//t:Message/t:BccRecipients')).to.have.length(0)
    })

    it('refuses a message without recipients with ErrorInvalidRecipients and saves nothing', async () => {
      const res = await sendMessage(ews.app, { subject: 'To nobody' })
      expect(res.codes()).to.deep.equal(['ErrorInvalidRecipients'])
      expect(await itemsIn(ews.app, distinguished('sentitems'), ALICE)).to.deep.equal([])
    })
  })

  describe('non-delivery reports', () => {
    const ndrsOf = async (app: EwsApp['app'], address: string): Promise<ReadItem[]> =>
      (await fullInboxOf(app, address)).filter((i) => i.itemClass === CLASS.ndr)

    it('answers a send to an unknown address in the organisation with a REPORT.IPM.Note.NDR naming it', async () => {
      clock.advance(60_000)
      const res = await sendMessage(ews.app, { subject: 'Hello?', body: 'x', to: [NOBODY] })
      expect(res.codes()).to.deep.equal(['NoError'])
      const inbox = await fullInboxOf(ews.app, ALICE)
      expect(inbox).to.have.length(1)
      const ndr = inbox[0]!
      expect(ndr.itemClass).to.equal(CLASS.ndr)
      expect(ndr.body).to.contain(NOBODY)
      expect(ndr.subject).to.contain('Hello?')
      expect(ndr.isRead).to.equal('false')
      expect(ndr.to).to.deep.equal([ALICE])
      expect(ndr.dateTimeReceived).to.equal('2016-06-10T09:01:00Z')
      // The sender's copy is kept all the same.
      const sent = await itemsIn(ews.app, distinguished('sentitems'), ALICE)
      expect(sent.map((i) => i.subject)).to.deep.equal(['Hello?'])
    })

    it('delivers to bob AND reports nobody when a message names both', async () => {
      const res = await sendOfflineIm(ews.app, offlineIm([BOB, NOBODY]))
      expect(res.codes()).to.deep.equal(['NoError'])
      expect((await inboxOf(ews.app, BOB)).map((i) => i.itemClass)).to.deep.equal([CLASS.missed])
      expect(await historyOf(ews.app, BOB)).to.have.length(1)
      const ndrs = await ndrsOf(ews.app, ALICE)
      expect(ndrs).to.have.length(1)
      expect(ndrs[0]!.body).to.contain(NOBODY)
      expect(ndrs[0]!.body).to.not.contain(BOB)
    })

    it('answers a send to an unknown external domain with an NDR naming the address', async () => {
      const res = await sendMessage(ews.app, { subject: 'Out there', to: ['someone@example.org'] })
      expect(res.codes()).to.deep.equal(['NoError'])
      const ndrs = await ndrsOf(ews.app, ALICE)
      expect(ndrs).to.have.length(1)
      expect(ndrs[0]!.body).to.contain('someone@example.org')
    })

    it('sends one NDR naming every failed recipient', async () => {
      await sendMessage(ews.app, { subject: 'Two wrong', to: [NOBODY, 'x@example.org'] })
      const ndrs = await ndrsOf(ews.app, ALICE)
      expect(ndrs).to.have.length(1)
      expect(ndrs[0]!.body).to.contain(NOBODY)
      expect(ndrs[0]!.body).to.contain('x@example.org')
    })

    describe('organisations that are not federated', () => {
      const topology = (contosoLists: string, fabrikamLists: string): string =>
        'organisations:\n' +
        '  - domain: contoso.com\n    exchange: exchange-2016\n' +
        `    federation: [${contosoLists}]\n    users:\n` +
        user(ALICE, 'Alice Wood') +
        user(BOB, 'Bob Kelly') +
        '  - domain: fabrikam.com\n    exchange: exchange-online\n' +
        `    federation: [${fabrikamLists}]\n    users:\n` +
        user(CAROL, 'Carol Ruiz')

      const cases = [
        { name: 'only contoso lists fabrikam', contoso: 'fabrikam.com', fabrikam: '' },
        { name: 'only fabrikam lists contoso', contoso: '', fabrikam: 'contoso.com' },
        { name: 'neither lists the other', contoso: '', fabrikam: '' },
      ]
      for (const c of cases) {
        it(`answers alice → carol with an NDR and delivers nothing when ${c.name}`, async () => {
          const app = testApp({ topology: parseTopology(topology(c.contoso, c.fabrikam)) }).app
          const res = await sendOfflineIm(app, offlineIm([CAROL]))
          expect(res.codes()).to.deep.equal(['NoError'])
          expect(await inboxOf(app, CAROL)).to.deep.equal([])
          const ndrs = await ndrsOf(app, ALICE)
          expect(ndrs).to.have.length(1)
          expect(ndrs[0]!.body).to.contain(CAROL)
        })
      }

      it('still delivers inside the organisation', async () => {
        const app = testApp({ topology: parseTopology(topology('', '')) }).app
        await sendOfflineIm(app, offlineIm([BOB, CAROL]))
        expect((await inboxOf(app, BOB)).map((i) => i.itemClass)).to.deep.equal([CLASS.missed])
        expect(await ndrsOf(app, ALICE)).to.have.length(1)
      })
    })
  })

  describe('a recipient on Exchange 2010 (no conversationhistory folder)', () => {
    const VERSION = 'Exchange2010_SP2'
    let app: EwsApp['app']
    const as2010 = (body: string, who: string): Promise<SoapAnswer> =>
      post(app, envelope(body, VERSION), who)

    beforeEach(() => {
      app = testApp({
        clock,
        topology: parseTopology(
          'organisations:\n  - domain: contoso.com\n    exchange: exchange-2010-sp3\n    users:\n' +
            user(ALICE, 'Alice Wood') +
            user(BOB, 'Bob Kelly'),
        ),
      }).app
    })

    it('still lands the missed IM in the Inbox, and shows it in Missed Conversations', async () => {
      const send = await as2010(
        `<m:CreateItem MessageDisposition="SendAndSaveCopy"><m:SavedItemFolderId>${distinguished('sentitems')}</m:SavedItemFolderId>` +
          `<m:Items><t:Message><t:ItemClass>${CLASS.missed}</t:ItemClass><t:Subject>IM</t:Subject>` +
          `<t:Body BodyType="Text">hello</t:Body><t:ToRecipients><t:Mailbox><t:EmailAddress>${BOB}</t:EmailAddress></t:Mailbox></t:ToRecipients></t:Message></m:Items></m:CreateItem>`,
        ALICE,
      )
      expect(send.codes()).to.deep.equal(['NoError'])
      const inbox = await as2010(findItemXml(distinguished('inbox')), BOB)
      expect(readItems(inbox).map((i) => [i.itemClass, i.subject, i.isRead])).to.deep.equal([
        [CLASS.missed, 'IM', 'false'],
      ])
      const history = await as2010(getFolderXml(distinguished('conversationhistory')), BOB)
      expect(history.codes()).to.deep.equal(['ErrorFolderNotFound'])
      const folders = await as2010(
        `<m:FindFolder Traversal="Shallow"><m:FolderShape><t:BaseShape>Default</t:BaseShape></m:FolderShape>` +
          `<m:ParentFolderIds>${distinguished('searchfolders')}</m:ParentFolderIds></m:FindFolder>`,
        BOB,
      )
      const missed = folders.value(
        '//t:SearchFolder[t:DisplayName="Missed Conversations"]/t:FolderId/@Id',
      )
      expect(missed).to.not.equal('')
      const shown = await as2010(findItemXml(folderId(missed)), BOB)
      expect(readItems(shown).map((i) => i.itemClass)).to.deep.equal([CLASS.missed])
    })

    it('refuses conversationhistory as the place for the sender copy, and sends nothing', async () => {
      const res = await as2010(
        `<m:CreateItem MessageDisposition="SendAndSaveCopy"><m:SavedItemFolderId>${distinguished('conversationhistory')}</m:SavedItemFolderId>` +
          `<m:Items><t:Message><t:ItemClass>${CLASS.missed}</t:ItemClass><t:Subject>IM</t:Subject>` +
          `<t:ToRecipients><t:Mailbox><t:EmailAddress>${BOB}</t:EmailAddress></t:Mailbox></t:ToRecipients></t:Message></m:Items></m:CreateItem>`,
        ALICE,
      )
      expect(res.codes()).to.deep.equal(['ErrorFolderNotFound'])
      const inbox = await as2010(findItemXml(distinguished('inbox')), BOB)
      expect(readItems(inbox)).to.deep.equal([])
    })
  })

  describe('atomicity', () => {
    /** A store whose mailbox database for one address is down: that mailbox is never created. */
    class StoreWithout extends MemoryMailboxStore {
      readonly missing: string
      constructor(missing: string, options: MemoryStoreOptions) {
        super(options)
        this.missing = missing
      }
      override createMailbox(spec: NewMailbox): MailboxInfo {
        if (spec.address.toLowerCase() !== this.missing) return super.createMailbox(spec)
        return { ...spec, address: this.missing, key: '00'.repeat(16) }
      }
    }

    let app: EwsApp['app']
    beforeEach(() => {
      const store = new StoreWithout(BOB, { ids: seededIds(1), clock })
      store.createMailbox({ address: ALICE, displayName: 'Alice Wood', generation: 2016 })
      store.createMailbox({ address: CAROL, displayName: 'Carol Ruiz', generation: 'online' })
      app = testApp({ store, clock }).app
    })

    for (const to of [
      [CAROL, BOB],
      [BOB, CAROL],
    ]) {
      it(`SendItem of a draft to ${to.join(' + ')} fails whole: nobody gets it, the draft stays as it was`, async () => {
        const draft = await saveItem(app, { subject: 'Both of you', body: 'x', to })
        const res = await call(app, sendItemXml(itemId(draft.id, draft.changeKey)))
        expect(res.status).to.equal(200)
        expect(res.codes()).to.deep.equal(['ErrorMailboxStoreUnavailable'])
        expect(res.value('//m:SendItemResponseMessage/@ResponseClass')).to.equal('Error')
        const drafts = await itemsIn(app, distinguished('drafts'))
        expect(drafts.map((i) => [i.id, i.changeKey, i.isDraft])).to.deep.equal([
          [draft.id, draft.changeKey, 'true'],
        ])
        expect(await inboxOf(app, CAROL)).to.deep.equal([])
        expect(await itemsIn(app, distinguished('sentitems'))).to.deep.equal([])
        expect(await inboxOf(app, ALICE)).to.deep.equal([])
      })
    }

    it('a one-step send to carol + bob fails whole too', async () => {
      const res = await sendOfflineIm(app, offlineIm([CAROL, BOB]))
      expect(res.codes()).to.deep.equal(['ErrorMailboxStoreUnavailable'])
      expect(await inboxOf(app, CAROL)).to.deep.equal([])
      expect(await historyOf(app, ALICE)).to.deep.equal([])
      expect(await inboxOf(app, ALICE)).to.deep.equal([])
    })

    it('the same draft sends once bob is no longer named', async () => {
      const draft = await saveItem(app, { subject: 'Carol only', to: [CAROL] })
      const res = await call(app, sendItemXml(itemId(draft.id, draft.changeKey)))
      expect(res.codes()).to.deep.equal(['NoError'])
      expect((await inboxOf(app, CAROL)).map((i) => i.subject)).to.deep.equal(['Carol only'])
    })
  })

  describe('the two-step send (CreateItem SaveOnly + SendItem)', () => {
    it('delivers a plain message exactly as the one-step send does', async () => {
      const spec: MessageSpec = {
        subject: 'Two steps',
        body: 'Same result',
        to: [BOB],
        cc: [CAROL],
      }
      clock.advance(2 * 60_000)
      const draft = await saveItem(ews.app, spec)
      const res = await call(ews.app, sendItemXml(itemId(draft.id, draft.changeKey)))
      expect(res.codes()).to.deep.equal(['NoError'])

      const oneStepClock = new FakeClock('2016-06-10T09:02:00Z')
      const oneStep = testApp({ clock: oneStepClock }).app
      expect((await sendMessage(oneStep, spec)).codes()).to.deep.equal(['NoError'])

      for (const who of [BOB, CAROL]) {
        const two = await fullInboxOf(ews.app, who)
        const one = await fullInboxOf(oneStep, who)
        expect(two, who).to.have.length(1)
        expect(two.map(content), who).to.deep.equal(one.map(content))
      }
      expect(await itemsIn(ews.app, distinguished('drafts'))).to.deep.equal([])
      const sent = await itemsIn(ews.app, distinguished('sentitems'))
      expect(sent.map((i) => [i.subject, i.isDraft])).to.deep.equal([['Two steps', 'false']])
    })

    it('delivers an offline IM on Exchange Online exactly as the one-step send does', async () => {
      const topology = parseTopology(
        'organisations:\n  - domain: fabrikam.com\n    exchange: exchange-online\n    users:\n' +
          user(CAROL, 'Carol Ruiz') +
          user(DAVE, 'Dave Lee'),
      )
      const spec = { ...offlineIm([DAVE]), subject: 'Carol Ruiz sent you a message' }
      const two = testApp({ topology, clock: new FakeClock('2016-06-10T10:00:00Z') }).app
      const draft = await saveItem(two, spec, undefined, CAROL)
      const res = await call(
        two,
        sendItemXml(itemId(draft.id, draft.changeKey), true, distinguished('conversationhistory')),
        CAROL,
      )
      expect(res.codes()).to.deep.equal(['NoError'])
      const one = testApp({ topology, clock: new FakeClock('2016-06-10T10:00:00Z') }).app
      expect((await sendOfflineIm(one, spec, CAROL)).codes()).to.deep.equal(['NoError'])

      const twoInbox = await fullInboxOf(two, DAVE)
      expect(twoInbox.map((i) => i.itemClass)).to.deep.equal([CLASS.missed])
      expect(twoInbox.map(content)).to.deep.equal((await fullInboxOf(one, DAVE)).map(content))
      expect((await historyOf(two, DAVE)).map((i) => i.itemClass)).to.deep.equal([
        CLASS.conversation,
      ])
      expect((await missedOf(two, DAVE)).map((i) => i.id)).to.deep.equal(twoInbox.map((i) => i.id))
      expect((await historyOf(two, CAROL)).map((i) => i.itemClass)).to.deep.equal([CLASS.missed])
      expect(await itemsIn(two, distinguished('drafts'), CAROL)).to.deep.equal([])
    })

    it('refuses to send a draft twice', async () => {
      const draft = await saveItem(ews.app, { subject: 'Once', to: [BOB] })
      const ref = itemId(draft.id, draft.changeKey)
      expect((await call(ews.app, sendItemXml(ref))).codes()).to.deep.equal(['NoError'])
      const again = await call(ews.app, sendItemXml(ref))
      expect(again.codes()).to.deep.equal(['ErrorItemNotFound'])
      expect(await inboxOf(ews.app, BOB)).to.have.length(1)
    })

    it('refuses a stale ChangeKey with ErrorStaleObject and sends nothing', async () => {
      const draft = await saveItem(ews.app, { subject: 'Stale', to: [BOB] })
      const other = await saveItem(ews.app, { subject: 'Other', to: [BOB] })
      const res = await call(ews.app, sendItemXml(itemId(draft.id, other.changeKey)))
      expect(res.codes()).to.deep.equal(['ErrorStaleObject'])
      expect(await inboxOf(ews.app, BOB)).to.deep.equal([])
      expect(await itemsIn(ews.app, distinguished('drafts'))).to.have.length(2)
    })

    it('on-premises: refuses the SendItem of an offline IM draft and delivers nothing (DESIGN.md, the Drafts bug)', async () => {
      const draft = await saveItem(ews.app, offlineIm([BOB]))
      const res = await call(ews.app, sendItemXml(itemId(draft.id, draft.changeKey)))
      expect(res.codes()).to.deep.equal(['ErrorMessageSubmissionBlocked'])
      expect(await inboxOf(ews.app, BOB)).to.deep.equal([])
      expect((await itemsIn(ews.app, distinguished('drafts'))).map((i) => i.id)).to.deep.equal([
        draft.id,
      ])
    })
  })
})
