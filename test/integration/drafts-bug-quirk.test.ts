/**
 * The server half of the spring-2016 Drafts bug (DESIGN.md "The Drafts bug", docs/drafts-bug.md):
 * on-premises profiles refuse the SendItem of a saved Skype for Business draft (`IPM.Note.Microsoft.*`)
 * with ErrorMessageSubmissionBlocked and leave it in Drafts; Exchange Online submits it. The one-step
 * send of the fixed builds works everywhere. The quirk can be switched off per organisation in the
 * topology, or at run time through `PATCH /__admin/organisations/:domain/quirks`.
 */
import { expect } from 'chai'
import request from 'supertest'
import type { EwsApp } from '../../mock-ews/index.ts'
import { call, distinguished, folderId, testApp } from '../helpers/ews.ts'
import type { SoapAnswer } from '../helpers/ews.ts'
import {
  ALICE,
  BOB,
  CAROL,
  CLASS,
  createItemXml,
  findItemXml,
  getItemOf,
  itemId,
  itemsIn,
  messageXml,
  missedConversationsIdOf,
  readItems,
  saveItem,
  sendItemXml,
  sendMessage,
} from '../helpers/items.ts'
import type { MessageSpec, ReadItem } from '../helpers/items.ts'
import {
  callWith,
  DOMAIN_OF,
  ON_PREMISES_PROFILES,
  PROFILES,
  profileTopology,
  topologyOf,
  userOf,
  VERSION_FOR,
} from '../helpers/deployments.ts'
import type { OrganisationYaml, Profile } from '../helpers/deployments.ts'

const DAVE = 'dave@fabrikam.com'

/** An offline IM as the Skype for Business client writes it. */
const offlineIm = (to: string, itemClass: string = CLASS.missed): MessageSpec => ({
  itemClass,
  subject: 'You have a message in Skype for Business',
  body: 'Are you free for a call at 10?',
  to: [to],
})

const contoso = (quirks?: Record<string, boolean>): OrganisationYaml => ({
  domain: 'contoso.com',
  exchange: 'exchange-2016',
  federation: ['fabrikam.com'],
  users: ['alice', 'bob'],
  ...(quirks ? { quirks } : {}),
})
const fabrikam: OrganisationYaml = {
  domain: 'fabrikam.com',
  exchange: 'exchange-online',
  federation: ['contoso.com'],
  users: ['carol', 'dave'],
}

const inboxOf = (app: EwsApp['app'], user: string): Promise<ReadItem[]> =>
  itemsIn(app, distinguished('inbox'), user)
const draftsOf = (app: EwsApp['app'], user: string): Promise<ReadItem[]> =>
  itemsIn(app, distinguished('drafts'), user)
const sentOf = (app: EwsApp['app'], user: string): Promise<ReadItem[]> =>
  itemsIn(app, distinguished('sentitems'), user)
const historyOf = (app: EwsApp['app'], user: string): Promise<ReadItem[]> =>
  itemsIn(app, distinguished('conversationhistory'), user)
const classes = (items: ReadItem[]): string[] => items.map((i) => i.itemClass)

/** The two-step send of the buggy builds: CreateItem SaveOnly into Drafts, then SendItem with its ChangeKey. */
async function twoStepSend(
  app: EwsApp['app'],
  spec: MessageSpec,
  user: string,
  savedFolder?: string,
): Promise<{ draft: { id: string; changeKey: string }; res: SoapAnswer }> {
  const draft = await saveItem(app, spec, distinguished('drafts'), user)
  const res = await call(
    app,
    sendItemXml(itemId(draft.id, draft.changeKey), true, savedFolder),
    user,
  )
  return { draft, res }
}

/** The one-step send of the fixed builds: CreateItem SendAndSaveCopy into the sender's Conversation History. */
const oneStepSend = (app: EwsApp['app'], spec: MessageSpec, user: string): Promise<SoapAnswer> =>
  sendMessage(app, spec, { savedFolder: distinguished('conversationhistory'), user })

const patchQuirks = (app: EwsApp['app'], domain: string, body: unknown) =>
  request(app)
    .patch(`/__admin/organisations/${domain}/quirks`)
    .set('Content-Type', 'application/json')
    .send(JSON.stringify(body))

describe('The Drafts bug, server half (quirk refuseSkypeDraftSend)', () => {
  describe('on-premises (demo contoso.com, Exchange 2016): alice → bob in two steps', () => {
    let ews: EwsApp
    beforeEach(() => {
      ews = testApp()
    })

    const variants: [string, string | undefined][] = [
      ['saving the sent copy in Sent Items', undefined],
      ['saving the sent copy in Conversation History', distinguished('conversationhistory')],
    ]
    for (const [how, savedFolder] of variants) {
      it(`refuses the SendItem with ErrorMessageSubmissionBlocked (${how}) and delivers nothing`, async () => {
        const { res } = await twoStepSend(ews.app, offlineIm(BOB), ALICE, savedFolder)
        expect(res.status).to.equal(200)
        expect(res.codes()).to.deep.equal(['ErrorMessageSubmissionBlocked'])
        expect(res.value('//m:SendItemResponseMessage/@ResponseClass')).to.equal('Error')
        expect(await inboxOf(ews.app, BOB)).to.deep.equal([])
        expect(await historyOf(ews.app, BOB)).to.deep.equal([])
        expect(
          await itemsIn(ews.app, folderId(await missedConversationsIdOf(ews.app, BOB)), BOB),
        ).to.deep.equal([])
        expect(await sentOf(ews.app, ALICE)).to.deep.equal([])
        expect(await historyOf(ews.app, ALICE)).to.deep.equal([])
      })
    }

    it('leaves the draft in Drafts unchanged: same id, same change key, same content', async () => {
      const draft = await saveItem(ews.app, offlineIm(BOB), distinguished('drafts'), ALICE)
      const before = await getItemOf(ews.app, draft.id, ALICE)
      const res = await call(ews.app, sendItemXml(itemId(draft.id, draft.changeKey)), ALICE)
      expect(res.codes()).to.deep.equal(['ErrorMessageSubmissionBlocked'])
      const drafts = await draftsOf(ews.app, ALICE)
      expect(drafts.map((i) => [i.id, i.changeKey])).to.deep.equal([[draft.id, draft.changeKey]])
      const after = await getItemOf(ews.app, draft.id, ALICE)
      expect(after).to.deep.equal(before)
      expect([after.itemClass, after.isDraft, after.to]).to.deep.equal([
        CLASS.missed,
        'true',
        [BOB],
      ])
    })

    it('refuses the same draft again on a retry with the unchanged change key', async () => {
      const { draft, res } = await twoStepSend(ews.app, offlineIm(BOB), ALICE)
      expect(res.codes()).to.deep.equal(['ErrorMessageSubmissionBlocked'])
      const again = await call(ews.app, sendItemXml(itemId(draft.id, draft.changeKey)), ALICE)
      expect(again.codes()).to.deep.equal(['ErrorMessageSubmissionBlocked'])
      expect(await inboxOf(ews.app, BOB)).to.deep.equal([])
    })

    it('keeps every refused draft: two attempts leave two drafts and nothing delivered (Drafts fills up)', async () => {
      const first = await twoStepSend(ews.app, offlineIm(BOB), ALICE)
      const second = await twoStepSend(ews.app, offlineIm(BOB), ALICE)
      expect([...first.res.codes(), ...second.res.codes()]).to.deep.equal([
        'ErrorMessageSubmissionBlocked',
        'ErrorMessageSubmissionBlocked',
      ])
      const ids = (await draftsOf(ews.app, ALICE)).map((i) => i.id).sort()
      expect(ids).to.deep.equal([first.draft.id, second.draft.id].sort())
      expect(await inboxOf(ews.app, BOB)).to.deep.equal([])
    })

    it('sends the other messages of the same SendItem: only the Skype for Business draft is refused', async () => {
      const im = await saveItem(ews.app, offlineIm(BOB), distinguished('drafts'), ALICE)
      const note = await saveItem(
        ews.app,
        offlineIm(BOB, CLASS.note),
        distinguished('drafts'),
        ALICE,
      )
      const res = await call(
        ews.app,
        sendItemXml(itemId(im.id, im.changeKey) + itemId(note.id, note.changeKey)),
        ALICE,
      )
      expect(res.codes()).to.deep.equal(['ErrorMessageSubmissionBlocked', 'NoError'])
      expect(classes(await inboxOf(ews.app, BOB))).to.deep.equal([CLASS.note])
      expect((await draftsOf(ews.app, ALICE)).map((i) => i.id)).to.deep.equal([im.id])
    })
  })

  describe('the same two-step send on Exchange Online (fabrikam.com: carol → dave)', () => {
    let ews: EwsApp
    beforeEach(() => {
      ews = testApp({ topology: topologyOf([contoso(), fabrikam]) })
    })

    it('submits the draft and delivers an IPM.Note.Microsoft.Missed to dave', async () => {
      const { res } = await twoStepSend(ews.app, offlineIm(DAVE), CAROL)
      expect(res.codes()).to.deep.equal(['NoError'])
      expect(classes(await inboxOf(ews.app, DAVE))).to.deep.equal([CLASS.missed])
      expect(classes(await historyOf(ews.app, DAVE))).to.deep.equal([CLASS.conversation])
      expect(await draftsOf(ews.app, CAROL)).to.deep.equal([])
      expect(classes(await sentOf(ews.app, CAROL))).to.deep.equal([CLASS.missed])
    })

    it('saves the sent copy in Conversation History when told', async () => {
      const { res } = await twoStepSend(
        ews.app,
        offlineIm(DAVE),
        CAROL,
        distinguished('conversationhistory'),
      )
      expect(res.codes()).to.deep.equal(['NoError'])
      expect(classes(await historyOf(ews.app, CAROL))).to.deep.equal([CLASS.missed])
      expect(await sentOf(ews.app, CAROL)).to.deep.equal([])
      expect(classes(await inboxOf(ews.app, DAVE))).to.deep.equal([CLASS.missed])
    })

    it('while contoso.com in the same app still refuses it', async () => {
      const { res } = await twoStepSend(ews.app, offlineIm(BOB), ALICE)
      expect(res.codes()).to.deep.equal(['ErrorMessageSubmissionBlocked'])
      expect(await inboxOf(ews.app, BOB)).to.deep.equal([])
    })
  })

  describe('the one-step send (CreateItem SendAndSaveCopy into conversationhistory) works on both', () => {
    let ews: EwsApp
    beforeEach(() => {
      ews = testApp({ topology: topologyOf([contoso(), fabrikam]) })
    })

    const cases: [string, string, string][] = [
      ['on-premises (alice → bob)', ALICE, BOB],
      ['Exchange Online (carol → dave)', CAROL, DAVE],
    ]
    for (const [where, from, to] of cases) {
      it(where, async () => {
        const res = await oneStepSend(ews.app, offlineIm(to), from)
        expect(res.codes()).to.deep.equal(['NoError'])
        expect(classes(await inboxOf(ews.app, to))).to.deep.equal([CLASS.missed])
        expect(classes(await historyOf(ews.app, from))).to.deep.equal([CLASS.missed])
        expect(await draftsOf(ews.app, from)).to.deep.equal([])
      })
    }
  })

  describe('an ordinary IPM.Note sent in two steps works on both', () => {
    let ews: EwsApp
    beforeEach(() => {
      ews = testApp({ topology: topologyOf([contoso(), fabrikam]) })
    })

    const cases: [string, string, string][] = [
      ['on-premises (alice → bob)', ALICE, BOB],
      ['Exchange Online (carol → dave)', CAROL, DAVE],
    ]
    for (const [where, from, to] of cases) {
      it(where, async () => {
        const { res } = await twoStepSend(ews.app, offlineIm(to, CLASS.note), from)
        expect(res.codes()).to.deep.equal(['NoError'])
        expect(classes(await inboxOf(ews.app, to))).to.deep.equal([CLASS.note])
        expect(classes(await sentOf(ews.app, from))).to.deep.equal([CLASS.note])
        expect(await draftsOf(ews.app, from)).to.deep.equal([])
      })
    }
  })

  describe('which classes the quirk refuses (on-premises)', () => {
    let ews: EwsApp
    beforeEach(() => {
      ews = testApp()
    })

    const refused = [
      CLASS.missed,
      CLASS.conversation,
      'IPM.Note.Microsoft.Missed.Voice',
      // Item classes are case-insensitive in Exchange.
      'ipm.note.microsoft.missed',
    ]
    for (const itemClass of refused) {
      it(`refuses ${itemClass}`, async () => {
        const { draft, res } = await twoStepSend(ews.app, offlineIm(BOB, itemClass), ALICE)
        expect(res.codes()).to.deep.equal(['ErrorMessageSubmissionBlocked'])
        expect(await inboxOf(ews.app, BOB)).to.deep.equal([])
        expect((await draftsOf(ews.app, ALICE)).map((i) => i.id)).to.deep.equal([draft.id])
      })
    }

    for (const itemClass of [CLASS.note, 'IPM.Note.MicrosoftX', 'IPM.Note.SMIME']) {
      it(`sends ${itemClass}`, async () => {
        const { res } = await twoStepSend(ews.app, offlineIm(BOB, itemClass), ALICE)
        expect(res.codes()).to.deep.equal(['NoError'])
        expect(classes(await inboxOf(ews.app, BOB))).to.deep.equal([itemClass])
        expect(await draftsOf(ews.app, ALICE)).to.deep.equal([])
      })
    }
  })

  describe('switched off per organisation in the topology', () => {
    it('lets the two-step send through on contoso.com with quirks: { refuseSkypeDraftSend: false }', async () => {
      const ews = testApp({
        topology: topologyOf([contoso({ refuseSkypeDraftSend: false }), fabrikam]),
      })
      const { res } = await twoStepSend(ews.app, offlineIm(BOB), ALICE)
      expect(res.codes()).to.deep.equal(['NoError'])
      expect(classes(await inboxOf(ews.app, BOB))).to.deep.equal([CLASS.missed])
      expect(await draftsOf(ews.app, ALICE)).to.deep.equal([])
      const admin = await request(ews.app).get('/__admin/organisations/contoso.com')
      expect(admin.body.quirks).to.deep.equal({ refuseSkypeDraftSend: false })
    })

    it('keeps it on when the topology says true', async () => {
      const ews = testApp({
        topology: topologyOf([contoso({ refuseSkypeDraftSend: true }), fabrikam]),
      })
      const { res } = await twoStepSend(ews.app, offlineIm(BOB), ALICE)
      expect(res.codes()).to.deep.equal(['ErrorMessageSubmissionBlocked'])
    })

    it('switches it on for an Exchange Online organisation with quirks: { refuseSkypeDraftSend: true }', async () => {
      const ews = testApp({
        topology: topologyOf([contoso(), { ...fabrikam, quirks: { refuseSkypeDraftSend: true } }]),
      })
      const { res } = await twoStepSend(ews.app, offlineIm(DAVE), CAROL)
      expect(res.codes()).to.deep.equal(['ErrorMessageSubmissionBlocked'])
      expect(await inboxOf(ews.app, DAVE)).to.deep.equal([])
    })
  })

  describe('switched at run time: PATCH /__admin/organisations/:domain/quirks', () => {
    let ews: EwsApp
    beforeEach(() => {
      ews = testApp()
    })

    it('switches it off (the answer shows the quirks in force) and back on', async () => {
      const off = await patchQuirks(ews.app, 'contoso.com', { refuseSkypeDraftSend: false })
      expect(off.status).to.equal(200)
      expect(off.body).to.deep.equal({ refuseSkypeDraftSend: false })
      const sent = await twoStepSend(ews.app, offlineIm(BOB), ALICE)
      expect(sent.res.codes()).to.deep.equal(['NoError'])
      expect(classes(await inboxOf(ews.app, BOB))).to.deep.equal([CLASS.missed])

      const on = await patchQuirks(ews.app, 'contoso.com', { refuseSkypeDraftSend: true })
      expect(on.status).to.equal(200)
      expect(on.body).to.deep.equal({ refuseSkypeDraftSend: true })
      const refused = await twoStepSend(ews.app, offlineIm(BOB), ALICE)
      expect(refused.res.codes()).to.deep.equal(['ErrorMessageSubmissionBlocked'])
      expect(await inboxOf(ews.app, BOB)).to.have.length(1)
      expect((await draftsOf(ews.app, ALICE)).map((i) => i.id)).to.deep.equal([refused.draft.id])
    })

    it('acts on a draft saved before the switch', async () => {
      const draft = await saveItem(ews.app, offlineIm(BOB), distinguished('drafts'), ALICE)
      await patchQuirks(ews.app, 'contoso.com', { refuseSkypeDraftSend: false })
      const res = await call(ews.app, sendItemXml(itemId(draft.id, draft.changeKey)), ALICE)
      expect(res.codes()).to.deep.equal(['NoError'])
      expect((await inboxOf(ews.app, BOB)).map((i) => i.itemClass)).to.deep.equal([CLASS.missed])
    })

    it('shows the change in GET /__admin/organisations/:domain', async () => {
      await patchQuirks(ews.app, 'contoso.com', { refuseSkypeDraftSend: false })
      const res = await request(ews.app).get('/__admin/organisations/contoso.com')
      expect(res.body.quirks).to.deep.equal({ refuseSkypeDraftSend: false })
    })

    for (const value of ['false', 0, null, 'no']) {
      it(`answers 400 to a non-boolean ${JSON.stringify(value)} and leaves the quirk as it was`, async () => {
        const res = await patchQuirks(ews.app, 'contoso.com', { refuseSkypeDraftSend: value })
        expect(res.status).to.equal(400)
        expect(res.body.error.message)
          .to.be.a('string')
          .and.to.match(/refuseSkypeDraftSend/)
        const { res: sent } = await twoStepSend(ews.app, offlineIm(BOB), ALICE)
        expect(sent.codes()).to.deep.equal(['ErrorMessageSubmissionBlocked'])
      })
    }

    it('answers 400 to a body that is not JSON', async () => {
      const res = await request(ews.app)
        .patch('/__admin/organisations/contoso.com/quirks')
        .set('Content-Type', 'application/json')
        .send('{refuseSkypeDraftSend: false')
      expect(res.status).to.equal(400)
    })

    it('answers 404 for an organisation that does not exist', async () => {
      const res = await patchQuirks(ews.app, 'nowhere.example', { refuseSkypeDraftSend: false })
      expect(res.status).to.equal(404)
    })
  })

  describe('the default of every profile (through behaviour: ann → ben in two steps)', () => {
    let ews: EwsApp
    beforeEach(() => {
      ews = testApp({ topology: profileTopology() })
    })

    /** Saves an offline IM from ann to ben in Drafts and sends it with SendItem, with the profile's version. */
    async function twoStepOn(profile: Profile): Promise<SoapAnswer> {
      const [ann, ben, version] = [userOf(profile), userOf(profile, 'ben'), VERSION_FOR[profile]]
      const saved = await callWith(
        ews.app,
        createItemXml('SaveOnly', messageXml(offlineIm(ben)), distinguished('drafts')),
        ann,
        version,
      )
      const id = saved.value('//m:Items/t:Message/t:ItemId/@Id')
      const changeKey = saved.value('//m:Items/t:Message/t:ItemId/@ChangeKey')
      if (!id) throw new Error(`CreateItem SaveOnly failed on ${profile}: ${saved.text}`)
      return callWith(ews.app, sendItemXml(itemId(id, changeKey)), ann, version)
    }

    const itemsOf = async (profile: Profile, user: string, folder: string) =>
      readItems(
        await callWith(ews.app, findItemXml(distinguished(folder)), user, VERSION_FOR[profile]),
      )

    for (const profile of PROFILES) {
      const on = (ON_PREMISES_PROFILES as readonly Profile[]).includes(profile)
      it(`${profile}: ${on ? 'on (refused, the draft stays)' : 'off (delivered)'}`, async () => {
        const res = await twoStepOn(profile)
        const inbox = await itemsOf(profile, userOf(profile, 'ben'), 'inbox')
        const drafts = await itemsOf(profile, userOf(profile), 'drafts')
        if (on) {
          expect(res.codes()).to.deep.equal(['ErrorMessageSubmissionBlocked'])
          expect(inbox).to.deep.equal([])
          expect(classes(drafts)).to.deep.equal([CLASS.missed])
        } else {
          expect(res.codes()).to.deep.equal(['NoError'])
          expect(classes(inbox)).to.deep.equal([CLASS.missed])
          expect(drafts).to.deep.equal([])
        }
      })
    }

    it('reports the defaults in GET /__admin/topology', async () => {
      const res = await request(ews.app).get('/__admin/topology')
      const quirks = Object.fromEntries(
        (res.body.organisations as { domain: string; quirks: unknown }[]).map((o) => [
          o.domain,
          o.quirks,
        ]),
      )
      expect(quirks).to.deep.equal(
        Object.fromEntries(
          PROFILES.map((p) => [DOMAIN_OF[p], { refuseSkypeDraftSend: p !== 'exchange-online' }]),
        ),
      )
    })

    it('switching one organisation off leaves the others on', async () => {
      const res = await patchQuirks(ews.app, DOMAIN_OF['exchange-2016'], {
        refuseSkypeDraftSend: false,
      })
      expect(res.body).to.deep.equal({ refuseSkypeDraftSend: false })
      expect((await twoStepOn('exchange-2016')).codes()).to.deep.equal(['NoError'])
      expect((await twoStepOn('exchange-2019')).codes()).to.deep.equal([
        'ErrorMessageSubmissionBlocked',
      ])
      expect((await twoStepOn('exchange-2013')).codes()).to.deep.equal([
        'ErrorMessageSubmissionBlocked',
      ])
    })
  })
})
