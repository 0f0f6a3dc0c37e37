/**
 * Issue 17, out of office: GetUserOofSettings / SetUserOofSettings (their own answer shape:
 * m:ResponseMessage, t:OofSettings, m:AllowExternalOof) and the automatic replies a delivered
 * message gets while OOF is on, on the virtual clock: one per sender, internal vs external by
 * organisation, ExternalAudience None / Known (senders in Contacts) / All; never to an NDR or an
 * automatic reply.
 */
import { expect } from 'chai'
import { demoTopology, FakeClock } from '../../mock-ews/index.ts'
import { call, distinguished, testApp } from '../helpers/ews.ts'
import { ALICE, BOB, CAROL, createItemXml, findItemXml, messageXml } from '../helpers/items.ts'

const getOof = (address: string) =>
  `<m:GetUserOofSettingsRequest><t:Mailbox><t:Address>${address}</t:Address></t:Mailbox></m:GetUserOofSettingsRequest>`

function setOof(
  address: string,
  state: string,
  opts: {
    audience?: string
    start?: string
    end?: string
    internal?: string
    external?: string
  } = {},
): string {
  const duration = opts.start
    ? `<t:Duration><t:StartTime>${opts.start}</t:StartTime><t:EndTime>${opts.end}</t:EndTime></t:Duration>`
    : ''
  return (
    `<m:SetUserOofSettingsRequest><t:Mailbox><t:Address>${address}</t:Address></t:Mailbox>` +
    `<t:UserOofSettings><t:OofState>${state}</t:OofState><t:ExternalAudience>${opts.audience ?? 'All'}</t:ExternalAudience>` +
    `${duration}<t:InternalReply><t:Message>${opts.internal ?? 'Away (internal)'}</t:Message></t:InternalReply>` +
    `<t:ExternalReply><t:Message>${opts.external ?? 'Away (external)'}</t:Message></t:ExternalReply>` +
    '</t:UserOofSettings></m:SetUserOofSettingsRequest>'
  )
}

describe('Out of office (issue 17)', () => {
  let clock: FakeClock
  let ews: ReturnType<typeof testApp>
  beforeEach(() => {
    clock = new FakeClock('2016-06-10T09:00:00Z')
    ews = testApp({ clock })
  })

  const send = async (from: string, to: string, subject: string) => {
    const res = await call(
      ews.app,
      createItemXml('SendOnly', messageXml({ subject, to: [to] })),
      from,
    )
    expect(res.codes()).to.deep.equal(['NoError'])
  }
  /** Subjects and bodies of the automatic replies in `user`'s Inbox. */
  const replies = async (user: string) => {
    const res = await call(
      ews.app,
      findItemXml(distinguished('inbox'), {
        additional:
          '<t:AdditionalProperties><t:FieldURI FieldURI="item:Body"/></t:AdditionalProperties>',
      }).replace('item:Body', 'item:ItemClass'),
      user,
    )
    return res
      .select('//t:Message')
      .map((m) => ({
        subject: (m as Element).getElementsByTagNameNS('*', 'Subject')[0]?.textContent ?? '',
        itemClass: (m as Element).getElementsByTagNameNS('*', 'ItemClass')[0]?.textContent ?? '',
      }))
      .filter((r) => r.subject.startsWith('Automatic reply:'))
  }

  it('GetUserOofSettings answers the defaults (Disabled, All) in its own shape', async () => {
    const res = await call(ews.app, getOof(BOB), BOB)
    expect(res.status).to.equal(200)
    expect(
      res.value('string(//m:GetUserOofSettingsResponse/m:ResponseMessage/m:ResponseCode)'),
    ).to.equal('NoError')
    expect(res.value('string(//t:OofSettings/t:OofState)')).to.equal('Disabled')
    expect(res.value('string(//t:OofSettings/t:ExternalAudience)')).to.equal('All')
    expect(res.value('string(//m:AllowExternalOof)')).to.equal('All')
  })

  it("SetUserOofSettings is read back; another user's settings are ErrorAccessDenied; a reversed window is refused", async () => {
    const set = await call(
      ews.app,
      setOof(BOB, 'Scheduled', {
        audience: 'Known',
        start: '2016-06-11T00:00:00Z',
        end: '2016-06-12T00:00:00Z',
      }),
      BOB,
    )
    expect(
      set.value('string(//m:SetUserOofSettingsResponse/m:ResponseMessage/m:ResponseCode)'),
    ).to.equal('NoError')
    const res = await call(ews.app, getOof(BOB), BOB)
    expect(res.value('string(//t:OofState)')).to.equal('Scheduled')
    expect(res.value('string(//t:ExternalAudience)')).to.equal('Known')
    expect(res.value('string(//t:Duration/t:StartTime)')).to.equal('2016-06-11T00:00:00Z')
    expect(res.value('string(//t:InternalReply/t:Message)')).to.equal('Away (internal)')
    const other = await call(ews.app, getOof(BOB), ALICE)
    expect(other.value('string(//m:ResponseMessage/m:ResponseCode)')).to.equal('ErrorAccessDenied')
    const reversed = await call(
      ews.app,
      setOof(BOB, 'Scheduled', { start: '2016-06-12T00:00:00Z', end: '2016-06-11T00:00:00Z' }),
      BOB,
    )
    expect(reversed.value('string(//m:ResponseMessage/m:ResponseCode)')).to.equal(
      'ErrorInvalidScheduledOofDuration',
    )
    expect(
      (await call(ews.app, getOof(BOB), BOB)).value('string(//t:Duration/t:StartTime)'),
    ).to.equal('2016-06-11T00:00:00Z')
  })

  it('while OOF is Enabled, each sender gets one internal automatic reply; none once it is Disabled', async () => {
    await call(ews.app, setOof(BOB, 'Enabled'), BOB)
    await send(ALICE, BOB, 'Lunch?')
    await send(ALICE, BOB, 'Lunch, again?')
    expect(await replies(ALICE)).to.deep.equal([
      { subject: 'Automatic reply: Lunch?', itemClass: 'IPM.Note.Rules.OofTemplate.Microsoft' },
    ])
    // The automatic reply itself is not answered, though Alice is away too.
    await call(ews.app, setOof(ALICE, 'Enabled'), ALICE)
    expect(await replies(BOB)).to.deep.equal([])
    await call(ews.app, setOof(BOB, 'Disabled'), BOB)
    await send(ALICE, BOB, 'Lunch, third time?')
    expect(await replies(ALICE)).to.have.length(1)
  })

  it('Scheduled answers only inside its window on the virtual clock', async () => {
    await call(
      ews.app,
      setOof(BOB, 'Scheduled', { start: '2016-06-11T00:00:00Z', end: '2016-06-12T00:00:00Z' }),
      BOB,
    )
    await send(ALICE, BOB, 'before')
    expect(await replies(ALICE)).to.deep.equal([])
    clock.advance(24 * 3_600_000)
    await send(ALICE, BOB, 'during')
    expect((await replies(ALICE)).map((r) => r.subject)).to.deep.equal(['Automatic reply: during'])
  })

  it('an external sender gets the ExternalReply as ExternalAudience allows (None, Known = in Contacts, All)', async () => {
    await call(ews.app, setOof(BOB, 'Enabled', { audience: 'None' }), BOB)
    await send(CAROL, BOB, 'none')
    expect(await replies(CAROL)).to.deep.equal([])
    await call(ews.app, setOof(BOB, 'Enabled', { audience: 'Known' }), BOB)
    await send(CAROL, BOB, 'unknown')
    expect(await replies(CAROL)).to.deep.equal([])
    const contact = `<m:CreateItem><m:Items><t:Contact><t:DisplayName>Carol</t:DisplayName><t:EmailAddresses><t:Entry Key="EmailAddress1">${CAROL}</t:Entry></t:EmailAddresses></t:Contact></m:Items></m:CreateItem>`
    expect((await call(ews.app, contact, BOB)).codes()).to.deep.equal(['NoError'])
    await send(CAROL, BOB, 'known')
    const got = await replies(CAROL)
    expect(got.map((r) => r.subject)).to.deep.equal(['Automatic reply: known'])
    // Across the boundary the reply arrives as IPM.Note; Carol, away too, still does not answer it.
    // Setting OOF again starts a new "replied to" list.
    await call(ews.app, setOof(CAROL, 'Enabled'), CAROL)
    await call(ews.app, setOof(BOB, 'Enabled', { audience: 'Known' }), BOB)
    await send(CAROL, BOB, 'known, again')
    expect(await replies(CAROL)).to.have.length(2)
    expect(await replies(BOB)).to.deep.equal([])
    await call(ews.app, setOof(BOB, 'Enabled', { audience: 'All' }), BOB)
    await send(ALICE, BOB, 'internal')
    expect((await replies(ALICE)).map((r) => r.subject)).to.deep.equal([
      'Automatic reply: internal',
    ])
  })

  it('a member reached through a distribution group does not answer (SendOofMessageToOriginatorEnabled is false)', async () => {
    const topology = demoTopology()
    topology.organisations[0]!.groups = [
      { address: 'team@contoso.com', displayName: 'Team', members: [BOB] },
    ]
    ews = testApp({ clock, topology })
    await call(ews.app, setOof(BOB, 'Enabled'), BOB)
    await send(ALICE, 'team@contoso.com', 'to the team')
    expect(await replies(ALICE)).to.deep.equal([])
    await send(ALICE, BOB, 'to Bob')
    expect((await replies(ALICE)).map((r) => r.subject)).to.deep.equal(['Automatic reply: to Bob'])
  })

  it('a Skype for Business offline IM is not answered', async () => {
    await call(ews.app, setOof(BOB, 'Enabled'), BOB)
    const im = messageXml({ subject: 'IM', to: [BOB], itemClass: 'IPM.Note.Microsoft.Missed' })
    expect((await call(ews.app, createItemXml('SendOnly', im), ALICE)).codes()).to.deep.equal([
      'NoError',
    ])
    expect(await replies(ALICE)).to.deep.equal([])
  })

  it('a non-delivery report is not answered', async () => {
    await call(ews.app, setOof(ALICE, 'Enabled'), ALICE)
    await send(ALICE, 'nobody@contoso.com', 'to nobody')
    const inbox = await call(ews.app, findItemXml(distinguished('inbox')), ALICE)
    expect(inbox.select('//t:Message')).to.have.length(1) // the NDR, no reply to it
  })
})
