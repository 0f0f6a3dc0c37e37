// The elements of t:ItemType / t:MessageType that issue 15 found refused as not-yet: reminders,
// Culture, IsResponseRequested, Sender (with the Send As rule), ReceivedBy/ReceivedRepresenting,
// InferenceClassification, PolicyTag/ArchiveTag, and the read-only ones (ReminderNextTime,
// InternetMessageHeaders, VotingInformation, the social elements).
import { expect } from 'chai'
import type { EwsApp } from '../../mock-ews/index.ts'
import { call, distinguished, envelope, post, testApp } from '../helpers/ews.ts'
import type { SoapAnswer } from '../helpers/ews.ts'
import {
  createItemXml,
  findItemXml,
  getItemXml,
  itemChange,
  itemId,
  moveItemXml,
  restriction,
  updateItemXml,
} from '../helpers/items.ts'

const REMINDER =
  '<t:ReminderDueBy>2016-06-12T09:00:00.000+02:00</t:ReminderDueBy><t:ReminderIsSet>true</t:ReminderIsSet>' +
  '<t:ReminderMinutesBeforeStart>30</t:ReminderMinutesBeforeStart>'
const TAG = '9C2B4F5E-0D3A-4F7B-8E21-6A3C5D7E9F10'
const BOB_TO =
  '<t:ToRecipients><t:Mailbox><t:EmailAddress>bob@contoso.com</t:EmailAddress></t:Mailbox></t:ToRecipients>'
const mailbox = (a: string) => `<t:Mailbox><t:EmailAddress>${a}</t:EmailAddress></t:Mailbox>`

describe('Reminders, Culture, Sender and the other elements once refused as not-yet', () => {
  let ews: EwsApp
  beforeEach(() => {
    ews = testApp()
  })
  const at2016 = (op: string, user?: string): Promise<SoapAnswer> =>
    post(ews.app, envelope(op, 'Exchange2016'), user)

  async function create(extra: string, disposition = 'SaveOnly'): Promise<SoapAnswer> {
    return call(
      ews.app,
      createItemXml(disposition, `<t:Message><t:Subject>x</t:Subject>${extra}</t:Message>`),
    )
  }
  async function draft(extra: string): Promise<string> {
    const res = await create(extra)
    expect(res.codes(), res.text).to.deep.equal(['NoError'])
    return res.value('//t:ItemId/@Id')
  }
  const read = (id: string, user?: string) => at2016(getItemXml(itemId(id)), user)
  const update = (id: string, change: string) =>
    call(ews.app, updateItemXml(itemChange(itemId(id), change)))
  const set = (uri: string, xml: string) =>
    `<t:SetItemField><t:FieldURI FieldURI="${uri}"/><t:Message>${xml}</t:Message></t:SetItemField>`
  const del = (uri: string) =>
    `<t:DeleteItemField><t:FieldURI FieldURI="${uri}"/></t:DeleteItemField>`

  describe('reminders', () => {
    it('stores ReminderIsSet, ReminderDueBy (UTC) and ReminderMinutesBeforeStart, and computes ReminderNextTime', async () => {
      const res = await read(await draft(REMINDER))
      expect(res.value('//t:Message/t:ReminderIsSet')).to.equal('true')
      expect(res.value('//t:Message/t:ReminderDueBy')).to.equal('2016-06-12T07:00:00Z')
      expect(res.value('//t:Message/t:ReminderMinutesBeforeStart')).to.equal('30')
      expect(res.value('//t:Message/t:ReminderNextTime')).to.equal('2016-06-12T06:30:00Z')
    })

    it('reads a message that never had one as Exchange does: not set, 0 minutes, no due time', async () => {
      const res = await read(await draft(''))
      expect(res.value('//t:Message/t:ReminderIsSet')).to.equal('false')
      expect(res.value('//t:Message/t:ReminderMinutesBeforeStart')).to.equal('0')
      expect(
        res.select('//t:Message/t:ReminderDueBy | //t:Message/t:ReminderNextTime'),
      ).to.have.length(0)
    })

    it('UpdateItem sets and deletes them; ReminderNextTime is read-only', async () => {
      const id = await draft('')
      const on = await update(
        id,
        set('item:ReminderIsSet', '<t:ReminderIsSet>true</t:ReminderIsSet>') +
          set('item:ReminderDueBy', '<t:ReminderDueBy>2016-07-01T10:00:00Z</t:ReminderDueBy>'),
      )
      expect(on.codes(), on.text).to.deep.equal(['NoError'])
      expect((await read(id)).value('//t:Message/t:ReminderNextTime')).to.equal(
        '2016-07-01T10:00:00Z',
      )
      const off = await update(id, del('item:ReminderIsSet') + del('item:ReminderDueBy'))
      expect(off.codes(), off.text).to.deep.equal(['NoError'])
      const back = await read(id)
      expect(back.value('//t:Message/t:ReminderIsSet')).to.equal('false')
      expect(back.select('//t:Message/t:ReminderDueBy')).to.have.length(0)
      const next = await create('<t:ReminderNextTime>2016-07-01T10:00:00Z</t:ReminderNextTime>')
      expect(next.codes()).to.deep.equal(['ErrorInvalidPropertySet'])
      expect(next.value('//m:MessageText')).to.include('item:ReminderNextTime')
    })

    it('refuses minutes outside the schema and leaves nothing stored', async () => {
      const res = await create('<t:ReminderMinutesBeforeStart>-1</t:ReminderMinutesBeforeStart>')
      expect(res.faultCode() ?? res.codes()[0]).to.include('SchemaValidation')
    })

    it('CopyItem and MoveItem carry them, with Culture, Sender and the tags', async () => {
      const id = await draft(
        `${REMINDER}<t:Culture>de-DE</t:Culture><t:Sender>${mailbox('bob@contoso.com')}</t:Sender><t:PolicyTag IsExplicit="true">${TAG}</t:PolicyTag>`,
      )
      for (const op of ['CopyItem', 'MoveItem']) {
        const res = await call(ews.app, moveItemXml(distinguished('inbox'), itemId(id), op, true))
        expect(res.codes(), res.text).to.deep.equal(['NoError'])
        const got = await read(res.value('//t:ItemId/@Id'))
        expect(got.value('//t:Message/t:ReminderDueBy'), op).to.equal('2016-06-12T07:00:00Z')
        expect(got.value('//t:Message/t:ReminderMinutesBeforeStart'), op).to.equal('30')
        expect(got.value('//t:Message/t:Culture'), op).to.equal('de-DE')
        expect(got.value('//t:Message/t:Sender/t:Mailbox/t:EmailAddress'), op).to.equal(
          'bob@contoso.com',
        )
        expect(got.value('//t:Message/t:PolicyTag'), op).to.equal(TAG.toLowerCase())
      }
    })

    it('FindItem returns them and restricts on item:ReminderIsSet', async () => {
      await draft(REMINDER)
      await draft('')
      const res = await call(
        ews.app,
        findItemXml(distinguished('drafts'), {
          restriction: restriction(
            '<t:IsEqualTo><t:FieldURI FieldURI="item:ReminderIsSet"/><t:FieldURIOrConstant><t:Constant Value="true"/></t:FieldURIOrConstant></t:IsEqualTo>',
          ),
        }),
      )
      expect(res.select('//t:Message')).to.have.length(1)
      expect(res.value('//t:Message/t:ReminderDueBy')).to.equal('2016-06-12T07:00:00Z')
    })
  })

  describe('Culture and IsResponseRequested', () => {
    it('keeps Culture (en-US when not given) and IsResponseRequested, set and deleted by UpdateItem', async () => {
      const id = await draft(
        '<t:Culture>de-DE</t:Culture><t:IsResponseRequested>true</t:IsResponseRequested>',
      )
      let res = await read(id)
      expect(res.value('//t:Message/t:Culture')).to.equal('de-DE')
      expect(res.value('//t:Message/t:IsResponseRequested')).to.equal('true')
      const changed = await update(
        id,
        set('item:Culture', '<t:Culture>fr-FR</t:Culture>') + del('message:IsResponseRequested'),
      )
      expect(changed.codes(), changed.text).to.deep.equal(['NoError'])
      res = await read(id)
      expect(res.value('//t:Message/t:Culture')).to.equal('fr-FR')
      expect(res.select('//t:Message/t:IsResponseRequested')).to.have.length(0)
      expect((await read(await draft(''))).value('//t:Message/t:Culture')).to.equal('en-US')
    })

    it('refuses a Culture that is no language tag', async () => {
      const res = await create('<t:Culture>not a culture</t:Culture>')
      expect(res.faultCode() ?? res.codes()[0]).to.include('SchemaValidation')
    })
  })

  describe('Sender, ReceivedBy, ReceivedRepresenting', () => {
    it("a sent message's copies carry Sender, reminders, Culture and IsResponseRequested; the recipient's gets ReceivedBy/ReceivedRepresenting", async () => {
      const sent = await create(
        `${REMINDER}<t:Culture>de-DE</t:Culture><t:Sender>${mailbox('alice@contoso.com')}</t:Sender>${BOB_TO}<t:IsResponseRequested>true</t:IsResponseRequested>` +
          `<t:PolicyTag IsExplicit="true">${TAG}</t:PolicyTag>`,
        'SendAndSaveCopy',
      )
      expect(sent.codes(), sent.text).to.deep.equal(['NoError'])
      const inbox = await at2016(findItemXml(distinguished('inbox')), 'bob@contoso.com')
      const id = inbox.value('//t:Message/t:ItemId/@Id')
      const bob = await read(id, 'bob@contoso.com')
      expect(bob.value('//t:Message/t:Sender/t:Mailbox/t:EmailAddress')).to.equal(
        'alice@contoso.com',
      )
      expect(bob.value('//t:Message/t:ReceivedBy/t:Mailbox/t:EmailAddress')).to.equal(
        'bob@contoso.com',
      )
      expect(bob.value('//t:Message/t:ReceivedRepresenting/t:Mailbox/t:Name')).to.equal('Bob Kelly')
      expect(bob.value('//t:Message/t:ReminderIsSet')).to.equal('true')
      expect(bob.value('//t:Message/t:Culture')).to.equal('de-DE')
      const headers = await at2016(
        getItemXml(
          itemId(id),
          'IdOnly',
          '<t:AdditionalProperties><t:FieldURI FieldURI="item:InternetMessageHeaders"/></t:AdditionalProperties>',
        ),
        'bob@contoso.com',
      )
      expect(headers.value('//t:InternetMessageHeader[@HeaderName="Content-Language"]')).to.equal(
        'de-DE',
      )
      expect(bob.value('//t:Message/t:IsResponseRequested')).to.equal('true')
      expect(bob.select('//t:Message/t:PolicyTag')).to.have.length(0)
      const copy = await at2016(findItemXml(distinguished('sentitems')))
      expect(copy.value('//t:Message/t:Sender/t:Mailbox/t:EmailAddress')).to.equal(
        'alice@contoso.com',
      )
      expect(copy.value('//t:Message/t:PolicyTag')).to.equal(TAG.toLowerCase())
      expect(copy.select('//t:Message/t:ReceivedBy')).to.have.length(0)
    })

    it('a draft keeps the Sender it was given', async () => {
      const id = await draft(`<t:Sender>${mailbox('bob@contoso.com')}</t:Sender>`)
      expect((await read(id)).value('//t:Message/t:Sender/t:Mailbox/t:EmailAddress')).to.equal(
        'bob@contoso.com',
      )
    })

    it("DeleteItemField clears a draft's From (exchangelib's full save() deletes every unset field)", async () => {
      const id = await draft(`<t:From>${mailbox('alice@contoso.com')}</t:From>`)
      const res = await update(id, del('message:From'))
      expect(res.codes(), res.text).to.deep.equal(['NoError'])
      expect((await read(id)).select('//t:Message/t:From')).to.have.length(0)
    })

    it('sending with another mailbox as Sender is ErrorSendAsDenied, nothing sent', async () => {
      const res = await create(
        `<t:Sender>${mailbox('bob@contoso.com')}</t:Sender>${BOB_TO}`,
        'SendAndSaveCopy',
      )
      expect(res.codes()).to.deep.equal(['ErrorSendAsDenied'])
      const inbox = await call(ews.app, findItemXml(distinguished('inbox')), 'bob@contoso.com')
      expect(inbox.select('//t:Message')).to.have.length(0)
    })

    it('ReceivedBy and ReceivedRepresenting are set by delivery, not by clients', async () => {
      for (const name of ['ReceivedBy', 'ReceivedRepresenting']) {
        const res = await create(`<t:${name}>${mailbox('bob@contoso.com')}</t:${name}>`)
        expect(res.codes(), name).to.deep.equal(['ErrorInvalidPropertySet'])
        expect(res.value('//m:MessageText')).to.equal(
          `Set action is invalid for property. (message:${name})`,
        )
      }
    })
  })

  describe('InferenceClassification and retention tags', () => {
    it('keeps InferenceClassification (Exchange2016 on) and the tags (Exchange2013 on), deletable', async () => {
      const id = await draft(
        `<t:PolicyTag IsExplicit="true">${TAG}</t:PolicyTag><t:ArchiveTag IsExplicit="false">${TAG}</t:ArchiveTag>` +
          '<t:InferenceClassification>Other</t:InferenceClassification>',
      )
      const res = await read(id)
      expect(res.value('//t:Message/t:PolicyTag')).to.equal(TAG.toLowerCase())
      expect(res.value('//t:Message/t:PolicyTag/@IsExplicit')).to.equal('true')
      expect(res.value('//t:Message/t:ArchiveTag/@IsExplicit')).to.equal('false')
      expect(res.value('//t:Message/t:InferenceClassification')).to.equal('Other')
      const older = await post(ews.app, envelope(getItemXml(itemId(id)), 'Exchange2010_SP2'))
      expect(
        older.select('//t:Message/t:PolicyTag | //t:Message/t:InferenceClassification'),
      ).to.have.length(0)
      const gone = await update(id, del('item:PolicyTag') + del('item:InferenceClassification'))
      expect(gone.codes(), gone.text).to.deep.equal(['NoError'])
      const back = await read(id)
      expect(
        back.select('//t:Message/t:PolicyTag | //t:Message/t:InferenceClassification'),
      ).to.have.length(0)
    })

    it('refuses a tag that is no GUID', async () => {
      const res = await create('<t:PolicyTag IsExplicit="true">retain-forever</t:PolicyTag>')
      expect(res.faultCode() ?? res.codes()[0]).to.include('SchemaValidation')
    })
  })

  it('refuses the read-only ones with "Set action is invalid for property.", naming them', async () => {
    for (const [name, xml] of [
      [
        'item:InternetMessageHeaders',
        '<t:InternetMessageHeaders><t:InternetMessageHeader HeaderName="X-A">a</t:InternetMessageHeader></t:InternetMessageHeaders>',
      ],
      ['item:Hashtags', '<t:Hashtags><t:String>a</t:String></t:Hashtags>'],
      ['item:AtAllMention', '<t:AtAllMention>true</t:AtAllMention>'],
      ['message:VotingInformation', '<t:VotingInformation/>'],
    ]) {
      const res = await at2016(
        createItemXml('SaveOnly', `<t:Message><t:Subject>x</t:Subject>${xml}</t:Message>`),
      )
      expect(res.codes(), name).to.deep.equal(['ErrorInvalidPropertySet'])
      expect(res.value('//m:MessageText')).to.equal(`Set action is invalid for property. (${name})`)
    }
  })
})
