// Extended properties through ews-javascript-api's ordinary API: ExtendedPropertyDefinition,
// SetExtendedProperty, Bind with a PropertySet naming them, FindItems filtered and sorted on one.
import { expect } from 'chai'
import * as ews from 'ews-javascript-api'
import { FakeClock, startEwsServer } from '../../mock-ews/index.ts'
import type { RunningServer } from '../../mock-ews/index.ts'
import { PASSWORD, testApp } from '../helpers/ews.ts'

const ALICE = 'alice@contoso.com'

describe('ews-javascript-api extended properties against mock-ews', () => {
  let server: RunningServer
  let svc: ews.ExchangeService
  beforeEach(async () => {
    server = await startEwsServer(testApp({ clock: new FakeClock('2016-06-10T09:00:00Z') }).app, {
      port: 0,
    })
    svc = new ews.ExchangeService(ews.ExchangeVersion.Exchange2013)
    svc.Credentials = new ews.WebCredentials(ALICE, PASSWORD)
    svc.Url = new ews.Uri(server.ewsUrl)
  })
  afterEach(() => server.close())

  const flag = new ews.ExtendedPropertyDefinition(0x1090, ews.MapiPropertyType.Integer)
  const colour = new ews.ExtendedPropertyDefinition(
    ews.DefaultExtendedPropertySet.PublicStrings,
    'Colour',
    ews.MapiPropertyType.String,
  )
  const tags = new ews.ExtendedPropertyDefinition(
    new ews.Guid('c11ff724-aa03-4555-9952-8fa248a11c3e'),
    0x10,
    ews.MapiPropertyType.StringArray,
  )

  async function save(subject: string, flagValue: number): Promise<ews.EmailMessage> {
    const msg = new ews.EmailMessage(svc)
    msg.Subject = subject
    msg.SetExtendedProperty(flag, flagValue)
    msg.SetExtendedProperty(colour, `colour of ${subject}`)
    msg.SetExtendedProperty(tags, ['a', subject])
    await msg.Save(ews.WellKnownFolderName.Drafts)
    return msg
  }

  const valueOf = (item: ews.Item, def: ews.ExtendedPropertyDefinition): unknown => {
    const out: ews.IOutParam<unknown> = { outValue: null }
    return item.ExtendedProperties.TryGetValue(def, out) ? out.outValue : undefined
  }

  it('saves extended properties and binds them back when named', async () => {
    const msg = await save('one', 7)
    const set = new ews.PropertySet(ews.BasePropertySet.IdOnly, [flag, colour, tags])
    const bound = await ews.EmailMessage.Bind(svc, msg.Id, set)
    expect(valueOf(bound, flag)).to.equal(7)
    expect(valueOf(bound, colour)).to.equal('colour of one')
    expect(valueOf(bound, tags)).to.deep.equal(['a', 'one'])
    // Not with the first-class properties alone.
    const plain = await ews.EmailMessage.Bind(svc, msg.Id)
    expect(plain.ExtendedProperties.Count).to.equal(0)
  })

  it('updates and removes an extended property', async () => {
    const msg = await save('one', 7)
    const set = new ews.PropertySet(ews.BasePropertySet.IdOnly, [flag, colour])
    const bound = await ews.EmailMessage.Bind(svc, msg.Id, set)
    bound.SetExtendedProperty(flag, 8)
    bound.RemoveExtendedProperty(colour)
    await bound.Update(ews.ConflictResolutionMode.AlwaysOverwrite)
    const again = await ews.EmailMessage.Bind(svc, msg.Id, set)
    expect(valueOf(again, flag)).to.equal(8)
    expect(valueOf(again, colour)).to.equal(undefined)
  })

  it('saves a message into the Inbox as received: PR_MESSAGE_FLAGS 1 (read, not unsent)', async () => {
    const messageFlags = new ews.ExtendedPropertyDefinition(0x0e07, ews.MapiPropertyType.Integer)
    const msg = new ews.EmailMessage(svc)
    msg.Subject = 'Imported'
    msg.SetExtendedProperty(messageFlags, 1)
    await msg.Save(ews.WellKnownFolderName.Inbox)
    const bound = await ews.EmailMessage.Bind(
      svc,
      msg.Id,
      new ews.PropertySet(ews.BasePropertySet.FirstClassProperties, [messageFlags]),
    )
    expect(bound.IsDraft).to.equal(false)
    expect(bound.IsRead).to.equal(true)
    expect(valueOf(bound, messageFlags)).to.equal(1)
  })

  it('finds items filtered and sorted on an extended property', async () => {
    for (const [s, f] of [
      ['one', 1],
      ['ten', 10],
      ['two', 2],
    ] as const)
      await save(s, f)
    const view = new ews.ItemView(10)
    view.PropertySet = new ews.PropertySet(ews.BasePropertySet.FirstClassProperties, [flag])
    view.OrderBy.Add(flag, ews.SortDirection.Descending)
    const found = await svc.FindItems(
      ews.WellKnownFolderName.Drafts,
      new ews.SearchFilter.IsGreaterThan(flag, 1),
      view,
    )
    expect(found.Items.map((i) => i.Subject)).to.deep.equal(['ten', 'two'])
    expect(found.Items.map((i) => valueOf(i, flag))).to.deep.equal([10, 2])
  })
})
