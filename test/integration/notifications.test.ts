/**
 * Pull notifications: Subscribe, GetEvents, Unsubscribe (reference/ews-protocol.md §2.12;
 * types.xsd PullSubscriptionRequestType, NotificationType). Time is the fake clock's only.
 */
import { expect } from 'chai'
import { FakeClock } from '../../mock-ews/index.ts'
import type { EwsApp } from '../../mock-ews/index.ts'
import { call, distinguished, folderIdOf, NS, testApp } from '../helpers/ews.ts'
import type { SoapAnswer } from '../helpers/ews.ts'
import {
  ALICE,
  BOB,
  deleteItemXml,
  itemChange,
  itemId,
  itemsIn,
  moveItemXml,
  saveItem,
  sendMessage,
  setItemField,
  updateItemXml,
} from '../helpers/items.ts'

const ALL_EVENTS = [
  'CopiedEvent',
  'CreatedEvent',
  'DeletedEvent',
  'ModifiedEvent',
  'MovedEvent',
  'NewMailEvent',
  'FreeBusyChangedEvent',
]

interface SubscribeOptions {
  /** Folder id elements; the inbox unless told; '' leaves t:FolderIds out. */
  folders?: string
  events?: readonly string[]
  timeout?: number
  all?: boolean
}

const subscribeXml = ({
  folders = distinguished('inbox'),
  events = ALL_EVENTS,
  timeout = 30,
  all = false,
}: SubscribeOptions = {}): string =>
  `<m:Subscribe><m:PullSubscriptionRequest${all ? ' SubscribeToAllFolders="true"' : ''}>` +
  (folders ? `<t:FolderIds>${folders}</t:FolderIds>` : '') +
  `<t:EventTypes>${events.map((e) => `<t:EventType>${e}</t:EventType>`).join('')}</t:EventTypes>` +
  `<t:Timeout>${timeout}</t:Timeout></m:PullSubscriptionRequest></m:Subscribe>`

const getEventsXml = (subscriptionId: string, watermark: string): string =>
  `<m:GetEvents><m:SubscriptionId>${subscriptionId}</m:SubscriptionId><m:Watermark>${watermark}</m:Watermark></m:GetEvents>`

const unsubscribeXml = (subscriptionId: string): string =>
  `<m:Unsubscribe><m:SubscriptionId>${subscriptionId}</m:SubscriptionId></m:Unsubscribe>`

interface Subscription {
  id: string
  watermark: string
}

async function subscribe(
  app: EwsApp['app'],
  options: SubscribeOptions = {},
  user?: string,
): Promise<Subscription> {
  const res = await call(app, subscribeXml(options), user)
  const id = res.value('//m:SubscribeResponseMessage/m:SubscriptionId')
  if (!id) throw new Error(`Subscribe failed: ${res.text}`)
  return { id, watermark: res.value('//m:SubscribeResponseMessage/m:Watermark') }
}

interface Event {
  type: string
  watermark: string
  timeStamp: string
  itemId: string
  parentFolderId: string
  oldItemId: string
  oldParentFolderId: string
}

interface Events {
  res: SoapAnswer
  events: Event[]
  /** The watermark to pass next: the last event's. */
  watermark: string
  moreEvents: string
}

async function getEvents(
  app: EwsApp['app'],
  sub: Subscription,
  watermark = sub.watermark,
  user?: string,
): Promise<Events> {
  const res = await call(app, getEventsXml(sub.id, watermark), user)
  const attr = (el: Element, name: string, a: string): string =>
    el.getElementsByTagNameNS(NS.t, name)[0]?.getAttribute(a) ?? ''
  const textOf = (el: Element, name: string): string =>
    el.getElementsByTagNameNS(NS.t, name)[0]?.textContent ?? ''
  const events = res
    .select(
      '//m:Notification/*[substring(local-name(), string-length(local-name()) - 4) = "Event"]',
    )
    .map((n): Event => {
      const el = n as Element
      return {
        type: el.localName,
        watermark: textOf(el, 'Watermark'),
        timeStamp: textOf(el, 'TimeStamp'),
        itemId: attr(el, 'ItemId', 'Id'),
        parentFolderId: attr(el, 'ParentFolderId', 'Id'),
        oldItemId: attr(el, 'OldItemId', 'Id'),
        oldParentFolderId: attr(el, 'OldParentFolderId', 'Id'),
      }
    })
  return {
    res,
    events,
    watermark: events.at(-1)?.watermark ?? '',
    moreEvents: res.value('//m:Notification/t:MoreEvents'),
  }
}

const types = (e: Events): string[] => e.events.map((x) => x.type)

/** Saves a message into one of alice's folders and returns its id. */
async function put(app: EwsApp['app'], subject: string, folder = 'inbox'): Promise<string> {
  return (await saveItem(app, { subject }, distinguished(folder))).id
}

describe('Pull notifications', () => {
  let clock: FakeClock
  let ews: EwsApp
  let inbox: string
  let drafts: string
  beforeEach(async () => {
    clock = new FakeClock('2016-06-10T09:00:00Z')
    ews = testApp({ clock })
    inbox = await folderIdOf(ews.app, 'inbox')
    drafts = await folderIdOf(ews.app, 'drafts')
  })

  describe('Subscribe', () => {
    it('answers a pull subscription with a SubscriptionId and a Watermark, in schema order', async () => {
      const res = await call(ews.app, subscribeXml())
      expect(res.status).to.equal(200)
      expect(res.codes()).to.deep.equal(['NoError'])
      const children = res
        .select('//m:SubscribeResponseMessage/*')
        .map((n) => (n as Element).localName)
      expect(children).to.deep.equal(['ResponseCode', 'SubscriptionId', 'Watermark'])
      expect(res.value('//m:SubscriptionId')).to.not.equal('')
      expect(res.value('//m:Watermark')).to.not.equal('')
    })

    it('gives every subscription its own id', async () => {
      const a = await subscribe(ews.app)
      const b = await subscribe(ews.app)
      expect(a.id).to.not.equal(b.id)
    })

    for (const timeout of [0, 1441]) {
      it(`refuses Timeout ${timeout} with an ErrorSchemaValidation fault`, async () => {
        const res = await call(ews.app, subscribeXml({ timeout }))
        expect(res.status).to.equal(500)
        expect(res.faultCode()).to.equal('ErrorSchemaValidation')
      })
    }
  })

  describe('GetEvents', () => {
    it('answers no activity with a StatusEvent carrying a watermark', async () => {
      const sub = await subscribe(ews.app)
      const got = await getEvents(ews.app, sub)
      expect(got.res.status).to.equal(200)
      expect(got.res.codes()).to.deep.equal(['NoError'])
      expect(types(got)).to.deep.equal(['StatusEvent'])
      expect(got.watermark).to.not.equal('')
      expect(got.moreEvents).to.equal('false')
      expect(got.res.value('//m:Notification/t:SubscriptionId')).to.equal(sub.id)
      expect(got.res.value('//m:Notification/t:PreviousWatermark')).to.equal(sub.watermark)
      // The status event's watermark is good for the next call.
      const again = await getEvents(ews.app, sub, got.watermark)
      expect(again.res.codes()).to.deep.equal(['NoError'])
      expect(types(again)).to.deep.equal(['StatusEvent'])
    })

    it('reports mail Bob sends Alice as a NewMailEvent with ItemId, ParentFolderId and the fake clock time', async () => {
      const sub = await subscribe(ews.app, { events: ['NewMailEvent'] })
      clock.advance(5 * 60_000)
      const sent = await sendMessage(ews.app, { subject: 'Lunch?', to: [ALICE] }, { user: BOB })
      expect(sent.codes()).to.deep.equal(['NoError'])
      const [mail] = await itemsIn(ews.app, distinguished('inbox'))
      const got = await getEvents(ews.app, sub)
      expect(got.res.codes()).to.deep.equal(['NoError'])
      expect(got.events).to.have.length(1)
      const event = got.events[0]!
      expect(event.type).to.equal('NewMailEvent')
      expect(event.itemId).to.equal(mail!.id)
      expect(event.parentFolderId).to.equal(inbox)
      expect(event.timeStamp).to.equal('2016-06-10T09:05:00Z')
      expect(event.watermark).to.not.equal('')
      expect(got.moreEvents).to.equal('false')
    })

    it('reports a CreatedEvent too for new mail when subscribed to it', async () => {
      const sub = await subscribe(ews.app, { events: ['NewMailEvent', 'CreatedEvent'] })
      await sendMessage(ews.app, { subject: 'Lunch?', to: [ALICE] }, { user: BOB })
      const [mail] = await itemsIn(ews.app, distinguished('inbox'))
      const got = await getEvents(ews.app, sub)
      expect(types(got)).to.have.members(['CreatedEvent', 'NewMailEvent'])
      expect(got.events).to.have.length(2)
      for (const e of got.events) {
        expect(e.itemId, e.type).to.equal(mail!.id)
        expect(e.parentFolderId, e.type).to.equal(inbox)
        expect(e.timeStamp, e.type).to.equal('2016-06-10T09:00:00Z')
      }
    })

    it('reports only the event types subscribed to', async () => {
      const sub = await subscribe(ews.app, { events: ['DeletedEvent'] })
      await sendMessage(ews.app, { subject: 'Lunch?', to: [ALICE] }, { user: BOB })
      expect(types(await getEvents(ews.app, sub))).to.deep.equal(['StatusEvent'])
    })

    it("does not report another mailbox's events", async () => {
      const sub = await subscribe(ews.app)
      await sendMessage(ews.app, { subject: 'To Bob', to: [BOB] }, { user: ALICE })
      const got = await getEvents(ews.app, sub)
      expect(types(got)).to.deep.equal(['StatusEvent'])
    })

    it('reports a CreatedEvent for an item saved in the folder', async () => {
      const sub = await subscribe(ews.app, { events: ['CreatedEvent', 'NewMailEvent'] })
      const id = await put(ews.app, 'Saved')
      const got = await getEvents(ews.app, sub)
      expect(got.events.map((e) => [e.type, e.itemId, e.parentFolderId])).to.deep.equal([
        ['CreatedEvent', id, inbox],
      ])
    })

    it('reports a ModifiedEvent for an updated item', async () => {
      const id = await put(ews.app, 'Before')
      const sub = await subscribe(ews.app)
      clock.advance(60_000)
      const res = await call(
        ews.app,
        updateItemXml(itemChange(itemId(id), setItemField('item:Subject', { subject: 'After' }))),
      )
      expect(res.codes()).to.deep.equal(['NoError'])
      const got = await getEvents(ews.app, sub)
      expect(got.events.map((e) => [e.type, e.itemId, e.parentFolderId])).to.deep.equal([
        ['ModifiedEvent', id, inbox],
      ])
      expect(got.events[0]!.timeStamp).to.equal('2016-06-10T09:01:00Z')
      const newKey = res.value('//m:Items/t:Message/t:ItemId/@ChangeKey')
      expect(got.res.value('//t:ModifiedEvent/t:ItemId/@ChangeKey')).to.equal(newKey)
    })

    it('reports a MovedEvent with the new ItemId and ParentFolderId and the old ones', async () => {
      const id = await put(ews.app, 'Moving')
      const sub = await subscribe(ews.app)
      const res = await call(ews.app, moveItemXml(distinguished('drafts'), itemId(id)))
      const moved = res.value('//m:Items/t:Message/t:ItemId/@Id')
      expect(moved).to.not.equal('')
      const got = await getEvents(ews.app, sub)
      expect(got.events).to.deep.equal([
        {
          type: 'MovedEvent',
          watermark: got.events[0]!.watermark,
          timeStamp: '2016-06-10T09:00:00Z',
          itemId: moved,
          parentFolderId: drafts,
          oldItemId: id,
          oldParentFolderId: inbox,
        },
      ])
      const children = got.res.select('//t:MovedEvent/*').map((n) => (n as Element).localName)
      expect(children).to.deep.equal([
        'Watermark',
        'TimeStamp',
        'ItemId',
        'ParentFolderId',
        'OldItemId',
        'OldParentFolderId',
      ])
    })

    it('reports a MovedEvent for DeleteItem MoveToDeletedItems', async () => {
      const id = await put(ews.app, 'Binned')
      const deleted = await folderIdOf(ews.app, 'deleteditems')
      const sub = await subscribe(ews.app)
      await call(ews.app, deleteItemXml(itemId(id), 'MoveToDeletedItems'))
      const got = await getEvents(ews.app, sub)
      expect(types(got)).to.deep.equal(['MovedEvent'])
      expect(got.events[0]!.parentFolderId).to.equal(deleted)
      expect(got.events[0]!.oldItemId).to.equal(id)
      expect(got.events[0]!.oldParentFolderId).to.equal(inbox)
    })

    it('reports a CopiedEvent with the copy and the original', async () => {
      const id = await put(ews.app, 'Copied')
      const sub = await subscribe(ews.app)
      const res = await call(ews.app, moveItemXml(distinguished('drafts'), itemId(id), 'CopyItem'))
      const copy = res.value('//m:Items/t:Message/t:ItemId/@Id')
      expect(copy).to.not.equal('')
      const got = await getEvents(ews.app, sub)
      expect(
        got.events.map((e) => [
          e.type,
          e.itemId,
          e.parentFolderId,
          e.oldItemId,
          e.oldParentFolderId,
        ]),
      ).to.deep.equal([['CopiedEvent', copy, drafts, id, inbox]])
    })

    it('reports a DeletedEvent for a hard delete', async () => {
      const id = await put(ews.app, 'Gone')
      const sub = await subscribe(ews.app)
      await call(ews.app, deleteItemXml(itemId(id), 'HardDelete'))
      const got = await getEvents(ews.app, sub)
      expect(got.events.map((e) => [e.type, e.itemId, e.parentFolderId])).to.deep.equal([
        ['DeletedEvent', id, inbox],
      ])
    })

    it('reports events in the order they happened, each with its own watermark', async () => {
      const sub = await subscribe(ews.app, {
        events: ['CreatedEvent', 'ModifiedEvent', 'DeletedEvent'],
      })
      const id = await put(ews.app, 'One')
      await call(
        ews.app,
        updateItemXml(itemChange(itemId(id), setItemField('item:Subject', { subject: 'Two' }))),
      )
      await call(ews.app, deleteItemXml(itemId(id)))
      const got = await getEvents(ews.app, sub)
      expect(types(got)).to.deep.equal(['CreatedEvent', 'ModifiedEvent', 'DeletedEvent'])
      expect(new Set(got.events.map((e) => e.watermark)).size).to.equal(3)
    })
  })

  describe('folders', () => {
    it('does not deliver events of folders the subscription does not name', async () => {
      const sub = await subscribe(ews.app)
      await put(ews.app, 'In drafts', 'drafts')
      await put(ews.app, 'In sent items', 'sentitems')
      expect(types(await getEvents(ews.app, sub))).to.deep.equal(['StatusEvent'])
    })

    it('delivers events of every folder named', async () => {
      const sub = await subscribe(ews.app, {
        folders: distinguished('inbox', 'drafts'),
        events: ['CreatedEvent'],
      })
      const a = await put(ews.app, 'In inbox')
      const b = await put(ews.app, 'In drafts', 'drafts')
      await put(ews.app, 'In sent items', 'sentitems')
      const got = await getEvents(ews.app, sub)
      expect(got.events.map((e) => e.itemId)).to.deep.equal([a, b])
    })

    it('delivers events of every folder with SubscribeToAllFolders', async () => {
      const sub = await subscribe(ews.app, { folders: '', all: true, events: ['CreatedEvent'] })
      const a = await put(ews.app, 'In drafts', 'drafts')
      const b = await put(ews.app, 'In sent items', 'sentitems')
      const got = await getEvents(ews.app, sub)
      expect(got.events.map((e) => e.itemId)).to.deep.equal([a, b])
    })
  })

  describe('watermarks', () => {
    it('acknowledges the events up to the watermark passed: they are not repeated', async () => {
      const sub = await subscribe(ews.app, { events: ['CreatedEvent'] })
      const a = await put(ews.app, 'A')
      const first = await getEvents(ews.app, sub)
      expect(first.events.map((e) => e.itemId)).to.deep.equal([a])
      const second = await getEvents(ews.app, sub, first.watermark)
      expect(types(second)).to.deep.equal(['StatusEvent'])
      expect(second.res.value('//m:Notification/t:PreviousWatermark')).to.equal(first.watermark)
      const b = await put(ews.app, 'B')
      const third = await getEvents(ews.app, sub, first.watermark)
      expect(third.events.map((e) => e.itemId)).to.deep.equal([b])
    })

    it('repeats unacknowledged events when the same watermark is passed again', async () => {
      const sub = await subscribe(ews.app, { events: ['CreatedEvent'] })
      const a = await put(ews.app, 'A')
      const first = await getEvents(ews.app, sub)
      const retry = await getEvents(ews.app, sub)
      expect(first.events.map((e) => e.itemId)).to.deep.equal([a])
      expect(retry.events).to.deep.equal(first.events)
    })

    it('refuses a watermark older than one already acknowledged with ErrorInvalidWatermark', async () => {
      const sub = await subscribe(ews.app, { events: ['CreatedEvent'] })
      await put(ews.app, 'A')
      const first = await getEvents(ews.app, sub)
      await getEvents(ews.app, sub, first.watermark)
      const old = await getEvents(ews.app, sub, sub.watermark)
      expect(old.res.status).to.equal(200)
      expect(old.res.codes()).to.deep.equal(['ErrorInvalidWatermark'])
      expect(old.res.value('//m:GetEventsResponseMessage/@ResponseClass')).to.equal('Error')
    })

    it("refuses another subscription's watermark with ErrorInvalidWatermark", async () => {
      const mine = await subscribe(ews.app)
      const other = await subscribe(ews.app)
      const res = await getEvents(ews.app, mine, other.watermark)
      expect(res.res.codes()).to.deep.equal(['ErrorInvalidWatermark'])
    })

    it('refuses a made-up watermark with ErrorInvalidWatermark', async () => {
      const sub = await subscribe(ews.app)
      for (const mark of ['AAAAAHgGAAAAAAAAAQ==', 'not a watermark']) {
        const res = await getEvents(ews.app, sub, mark)
        expect(res.res.codes(), mark).to.deep.equal(['ErrorInvalidWatermark'])
      }
    })

    it('keeps the subscription usable after a refused watermark', async () => {
      const sub = await subscribe(ews.app, { events: ['CreatedEvent'] })
      await getEvents(ews.app, sub, 'bogus')
      const a = await put(ews.app, 'A')
      const got = await getEvents(ews.app, sub)
      expect(got.events.map((e) => e.itemId)).to.deep.equal([a])
    })
  })

  describe('more than 50 events', () => {
    it('returns 50 with MoreEvents true, and the rest on the next call, losing and repeating nothing', async () => {
      const sub = await subscribe(ews.app, { events: ['CreatedEvent'] })
      const created: string[] = []
      for (let i = 0; i < 60; i++) created.push(await put(ews.app, `Item ${i}`))
      const first = await getEvents(ews.app, sub)
      expect(first.events).to.have.length(50)
      expect(first.moreEvents).to.equal('true')
      const second = await getEvents(ews.app, sub, first.watermark)
      expect(second.events).to.have.length(10)
      expect(second.moreEvents).to.equal('false')
      expect([...first.events, ...second.events].map((e) => e.itemId)).to.deep.equal(created)
      const third = await getEvents(ews.app, sub, second.watermark)
      expect(types(third)).to.deep.equal(['StatusEvent'])
    })

    it('says MoreEvents false for exactly 50', async () => {
      const sub = await subscribe(ews.app, { events: ['CreatedEvent'] })
      for (let i = 0; i < 50; i++) await put(ews.app, `Item ${i}`)
      const first = await getEvents(ews.app, sub)
      expect(first.events).to.have.length(50)
      expect(first.moreEvents).to.equal('false')
    })
  })

  describe('timeout', () => {
    it('expires a subscription not read for more than Timeout minutes (ErrorExpiredSubscription)', async () => {
      const sub = await subscribe(ews.app, { timeout: 5 })
      clock.advance(5 * 60_000 + 1_000)
      const got = await getEvents(ews.app, sub)
      expect(got.res.status).to.equal(200)
      expect(got.res.codes()).to.deep.equal(['ErrorExpiredSubscription'])
      expect(got.res.value('//m:GetEventsResponseMessage/@ResponseClass')).to.equal('Error')
    })

    it('keeps a subscription alive while it is read within Timeout minutes', async () => {
      const sub = await subscribe(ews.app, { timeout: 5, events: ['CreatedEvent'] })
      let mark = sub.watermark
      for (let i = 0; i < 4; i++) {
        clock.advance(4 * 60_000)
        const got = await getEvents(ews.app, sub, mark)
        expect(got.res.codes(), `poll ${i}`).to.deep.equal(['NoError'])
        mark = got.events.at(-1)!.watermark
      }
      clock.advance(5 * 60_000)
      expect((await getEvents(ews.app, sub, mark)).res.codes()).to.deep.equal(['NoError'])
    })

    it('counts the timeout from the last GetEvents, not from Subscribe', async () => {
      const sub = await subscribe(ews.app, { timeout: 10 })
      clock.advance(9 * 60_000)
      const got = await getEvents(ews.app, sub)
      clock.advance(9 * 60_000)
      expect((await getEvents(ews.app, sub, got.watermark)).res.codes()).to.deep.equal(['NoError'])
      clock.advance(11 * 60_000)
      expect((await getEvents(ews.app, sub, got.watermark)).res.codes()).to.deep.equal([
        'ErrorExpiredSubscription',
      ])
    })
  })

  describe('Unsubscribe', () => {
    it('ends the subscription: GetEvents then answers ErrorSubscriptionNotFound', async () => {
      const sub = await subscribe(ews.app)
      const res = await call(ews.app, unsubscribeXml(sub.id))
      expect(res.status).to.equal(200)
      expect(res.codes()).to.deep.equal(['NoError'])
      const got = await getEvents(ews.app, sub)
      expect(got.res.codes()).to.deep.equal(['ErrorSubscriptionNotFound'])
      expect(got.res.value('//m:GetEventsResponseMessage/@ResponseClass')).to.equal('Error')
      const twice = await call(ews.app, unsubscribeXml(sub.id))
      expect(twice.codes()).to.deep.equal(['ErrorSubscriptionNotFound'])
    })

    it('ends only the subscription named', async () => {
      const a = await subscribe(ews.app)
      const b = await subscribe(ews.app)
      await call(ews.app, unsubscribeXml(a.id))
      expect((await getEvents(ews.app, b)).res.codes()).to.deep.equal(['NoError'])
    })

    it('answers an unknown subscription id with ErrorSubscriptionNotFound', async () => {
      const res = await call(ews.app, getEventsXml('bm8gc3VjaCBzdWJzY3JpcHRpb24=', 'AAAA'))
      expect(res.codes()).to.deep.equal(['ErrorSubscriptionNotFound'])
    })
  })

  describe("another user and alice's subscription", () => {
    it('refuses GetEvents and Unsubscribe by Bob with ErrorSubscriptionAccessDenied, and leaves it to Alice', async () => {
      const sub = await subscribe(ews.app, { events: ['CreatedEvent'] })
      const a = await put(ews.app, 'A')
      const got = await getEvents(ews.app, sub, sub.watermark, BOB)
      expect(got.res.status).to.equal(200)
      expect(got.res.codes()).to.deep.equal(['ErrorSubscriptionAccessDenied'])
      expect(got.events).to.deep.equal([])
      const un = await call(ews.app, unsubscribeXml(sub.id), BOB)
      expect(un.codes()).to.deep.equal(['ErrorSubscriptionAccessDenied'])
      const mine = await getEvents(ews.app, sub)
      expect(mine.events.map((e) => e.itemId)).to.deep.equal([a])
    })
  })
})
