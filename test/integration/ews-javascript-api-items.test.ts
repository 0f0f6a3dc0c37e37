// Item operations driven by a real, unmodified EWS client (ews-javascript-api) against mock-ews on a
// loopback port: drafts, sending, paging, change keys, move, delete and SyncFolderItems.
import { expect } from 'chai'
import * as ews from 'ews-javascript-api'
import { FakeClock, startEwsServer } from '../../mock-ews/index.ts'
import type { EwsApp, RunningServer } from '../../mock-ews/index.ts'
import { captureExchange } from '../helpers/capture.ts'
import { PASSWORD, testApp } from '../helpers/ews.ts'

const ALICE = 'alice@contoso.com'
const BOB = 'bob@contoso.com'
const START = '2016-06-10T09:00:00Z'

function service(server: RunningServer, user = ALICE): ews.ExchangeService {
  const svc = new ews.ExchangeService(ews.ExchangeVersion.Exchange2013)
  svc.Credentials = new ews.WebCredentials(user, PASSWORD)
  svc.Url = new ews.Uri(server.ewsUrl)
  return svc
}

/** A new, unsaved message from the service's user. */
function message(
  svc: ews.ExchangeService,
  subject: string,
  to: readonly string[] = [],
): ews.EmailMessage {
  const msg = new ews.EmailMessage(svc)
  msg.Subject = subject
  msg.Body = new ews.MessageBody(ews.BodyType.Text, `Body of ${subject}`)
  for (const address of to) msg.ToRecipients.Add(address)
  return msg
}

/** Saves a draft in Drafts (or the given folder) and returns it. */
async function saveDraft(
  svc: ews.ExchangeService,
  subject: string,
  to: readonly string[] = [],
  folder: ews.WellKnownFolderName | ews.FolderId = ews.WellKnownFolderName.Drafts,
): Promise<ews.EmailMessage> {
  const msg = message(svc, subject, to)
  // Two calls because Save's overloads take a folder name or a FolderId, not their union.
  if (typeof folder === 'number') await msg.Save(folder)
  else await msg.Save(folder)
  return msg
}

/** Every item of a folder (one page of up to 100), newest first. */
async function itemsIn(
  svc: ews.ExchangeService,
  folder: ews.WellKnownFolderName,
): Promise<ews.Item[]> {
  const result = await svc.FindItems(folder, new ews.ItemView(100))
  return result.Items
}

/** Awaits a call that must fail with a ServiceResponseException carrying `code`. */
async function expectEwsError(call: Promise<unknown>, code: ews.ServiceError): Promise<void> {
  let error: unknown
  try {
    await call
  } catch (e) {
    error = e
  }
  expect(error, `expected ${ews.ServiceError[code]}`).to.be.instanceOf(ews.ServiceResponseException)
  const actual = (error as ews.ServiceResponseException).ErrorCode
  expect(ews.ServiceError[actual]).to.equal(ews.ServiceError[code])
}

describe('ews-javascript-api item operations against mock-ews', () => {
  let clock: FakeClock
  let mock: EwsApp
  let server: RunningServer
  /** The operations mock-ews answered, in order. */
  let operations: string[]
  beforeEach(async () => {
    clock = new FakeClock(START)
    operations = []
    mock = testApp({
      clock,
      observe: (exchange) => {
        operations.push(exchange.operation)
        captureExchange(exchange)
      },
    })
    server = await startEwsServer(mock.app, { port: 0 })
  })
  afterEach(() => server.close())

  it('saves a draft and binds it back with its subject, body, recipients and message id', async () => {
    const svc = service(server)
    const draft = message(svc, 'Quarterly numbers', [BOB])
    draft.CcRecipients.Add(new ews.EmailAddress('Carol', 'carol@contoso.com'))
    await draft.Save(ews.WellKnownFolderName.Drafts)
    expect(draft.Id.UniqueId).to.be.a('string').and.not.equal('')

    const bound = await ews.EmailMessage.Bind(svc, draft.Id)
    expect(bound).to.be.instanceOf(ews.EmailMessage)
    expect(bound.Subject).to.equal('Quarterly numbers')
    expect(bound.Body.BodyType).to.equal(ews.BodyType.Text)
    expect(bound.Body.Text).to.equal('Body of Quarterly numbers')
    expect(bound.ToRecipients.GetEnumerator().map((a) => a.Address)).to.deep.equal([BOB])
    expect(bound.CcRecipients.GetEnumerator().map((a) => [a.Name, a.Address])).to.deep.equal([
      ['Carol', 'carol@contoso.com'],
    ])
    expect(bound.IsDraft).to.equal(true)
    const stored = mock.store.getItem(ALICE, draft.Id.UniqueId)
    expect(bound.InternetMessageId).to.match(/^<[0-9a-f]{32}@contoso\.com>$/)
    expect(bound.InternetMessageId).to.equal(stored.internetMessageId)
    expect(bound.ParentFolderId.UniqueId).to.equal(
      mock.store.getDistinguishedFolder(ALICE, 'drafts').folderId.id,
    )
    expect(bound.DateTimeReceived.ToISOString()).to.equal(new Date(START).toISOString())
  })

  it('sends a saved draft with SendAndSaveCopy: Bob receives it, Sent Items keeps a copy', async () => {
    const alice = service(server)
    const draft = await saveDraft(alice, 'Lunch on Friday?', [BOB])
    expect(await itemsIn(alice, ews.WellKnownFolderName.Drafts)).to.have.length(1)
    const messageId = mock.store.getItem(ALICE, draft.Id.UniqueId).internetMessageId

    clock.advance(60_000)
    operations.length = 0
    await draft.SendAndSaveCopy()
    expect(operations, 'a saved, unchanged draft is sent with SendItem').to.deep.equal(['SendItem'])

    const inbox = await itemsIn(service(server, BOB), ews.WellKnownFolderName.Inbox)
    expect(inbox.map((i) => i.Subject)).to.deep.equal(['Lunch on Friday?'])
    const received = await ews.EmailMessage.Bind(service(server, BOB), inbox[0]!.Id)
    expect(received.From.Address).to.equal(ALICE)
    expect(received.IsDraft).to.equal(false)
    expect(received.IsRead).to.equal(false)
    expect(received.InternetMessageId).to.equal(messageId)

    const sent = await itemsIn(alice, ews.WellKnownFolderName.SentItems)
    expect(sent.map((i) => i.Subject)).to.deep.equal(['Lunch on Friday?'])
    const copy = await ews.EmailMessage.Bind(alice, sent[0]!.Id)
    expect(copy.IsDraft).to.equal(false)
    expect(copy.ToRecipients.GetEnumerator().map((a) => a.Address)).to.deep.equal([BOB])
    expect(copy.InternetMessageId).to.equal(messageId)
    expect(await itemsIn(alice, ews.WellKnownFolderName.Drafts)).to.deep.equal([])
  })

  it('pages through FindItems newest first without overlap', async () => {
    const svc = service(server)
    const folder = new ews.Folder(svc)
    folder.DisplayName = 'Paging'
    await folder.Save(ews.WellKnownFolderName.Inbox)
    const created: string[] = []
    for (let n = 1; n <= 12; n++) {
      clock.advance(60_000)
      const msg = await saveDraft(svc, `Message ${n}`, [], folder.Id)
      created.push(msg.Id.UniqueId)
    }

    const pages: ews.FindItemsResults<ews.Item>[] = []
    let offset: number | null = 0
    while (offset !== null && pages.length < 5) {
      const page: ews.FindItemsResults<ews.Item> = await svc.FindItems(
        folder.Id,
        new ews.ItemView(5, offset),
      )
      pages.push(page)
      offset = page.NextPageOffset
    }

    expect(pages.map((p) => p.Items.length)).to.deep.equal([5, 5, 2])
    expect(pages.map((p) => p.MoreAvailable)).to.deep.equal([true, true, false])
    expect(pages.map((p) => p.NextPageOffset)).to.deep.equal([5, 10, null])
    expect(pages.map((p) => p.TotalCount)).to.deep.equal([12, 12, 12])
    const seen = pages.flatMap((p) => p.Items.map((i) => i.Id.UniqueId))
    expect(new Set(seen).size, 'pages overlap').to.equal(seen.length)
    expect(seen).to.deep.equal([...created].reverse())
    const subjects = pages.flatMap((p) => p.Items.map((i) => i.Subject))
    expect(subjects).to.deep.equal(Array.from({ length: 12 }, (_, i) => `Message ${12 - i}`))
    const received = pages.flatMap((p) => p.Items.map((i) => i.DateTimeReceived.ToISOString()))
    const expected = Array.from({ length: 12 }, (_, i) =>
      new Date(Date.parse(START) + (12 - i) * 60_000).toISOString(),
    )
    expect(received).to.deep.equal(expected)
  })

  it('updates with the current change key and refuses a stale copy under NeverOverwrite', async () => {
    const svc = service(server)
    const draft = await saveDraft(svc, 'Draft v1', [BOB])
    const fresh = await ews.EmailMessage.Bind(svc, draft.Id)
    const stale = await ews.EmailMessage.Bind(svc, draft.Id)
    const before = fresh.Id.ChangeKey
    expect(before).to.be.a('string').and.not.equal('')

    fresh.Subject = 'Draft v2'
    await fresh.Update(ews.ConflictResolutionMode.AutoResolve)
    const after = await ews.EmailMessage.Bind(svc, draft.Id)
    expect(after.Subject).to.equal('Draft v2')
    expect(after.Id.ChangeKey).to.not.equal(before)
    expect(fresh.Id.ChangeKey, 'the client takes the new change key from UpdateItem').to.equal(
      after.Id.ChangeKey,
    )

    stale.Subject = 'Draft from a stale copy'
    await expectEwsError(
      stale.Update(ews.ConflictResolutionMode.NeverOverwrite),
      ews.ServiceError.ErrorIrresolvableConflict,
    )
    expect((await ews.EmailMessage.Bind(svc, draft.Id)).Subject).to.equal('Draft v2')
  })

  it('moves an item to Deleted Items under a new id; the old id is gone', async () => {
    const svc = service(server)
    const draft = await saveDraft(svc, 'To be moved')
    const oldId = draft.Id.UniqueId

    const moved = await draft.Move(ews.WellKnownFolderName.DeletedItems)
    expect(moved.Id.UniqueId).to.be.a('string').and.not.equal(oldId)
    const bound = await ews.EmailMessage.Bind(svc, moved.Id)
    expect(bound.Subject).to.equal('To be moved')
    expect(bound.ParentFolderId.UniqueId).to.equal(
      mock.store.getDistinguishedFolder(ALICE, 'deleteditems').folderId.id,
    )
    await expectEwsError(
      ews.EmailMessage.Bind(svc, new ews.ItemId(oldId)),
      ews.ServiceError.ErrorItemNotFound,
    )
    expect(await itemsIn(svc, ews.WellKnownFolderName.Drafts)).to.deep.equal([])
  })

  it('hard-deletes an item: it is gone, not moved to Deleted Items', async () => {
    const svc = service(server)
    const keep = await saveDraft(svc, 'Keep me')
    const draft = await saveDraft(svc, 'Delete me')
    const id = new ews.ItemId(draft.Id.UniqueId)

    await draft.Delete(ews.DeleteMode.HardDelete)

    await expectEwsError(ews.EmailMessage.Bind(svc, id), ews.ServiceError.ErrorItemNotFound)
    const drafts = await itemsIn(svc, ews.WellKnownFolderName.Drafts)
    expect(drafts.map((i) => i.Id.UniqueId)).to.deep.equal([keep.Id.UniqueId])
    expect(await itemsIn(svc, ews.WellKnownFolderName.DeletedItems)).to.deep.equal([])
  })

  it('syncs folder items in two rounds: everything as creates, then exactly the changes', async () => {
    const svc = service(server)
    const drafts = new ews.FolderId(ews.WellKnownFolderName.Drafts)
    const shape = new ews.PropertySet(ews.BasePropertySet.IdOnly, [ews.ItemSchema.Subject])
    const existing: ews.EmailMessage[] = []
    for (const subject of ['First', 'Second', 'Third']) {
      clock.advance(60_000)
      existing.push(await saveDraft(svc, subject))
    }

    const first = await svc.SyncFolderItems(
      drafts,
      shape,
      [],
      100,
      ews.SyncFolderItemsScope.NormalItems,
      // No sync state yet: the client leaves m:SyncState out (typed string, takes null).
      null as unknown as string,
    )
    expect(first.MoreChangesAvailable).to.equal(false)
    expect(first.SyncState).to.be.a('string').and.not.equal('')
    const firstChanges = first.GetEnumerator()
    expect(firstChanges.map((c) => ews.ChangeType[c.ChangeType])).to.deep.equal([
      'Create',
      'Create',
      'Create',
    ])
    expect(firstChanges.map((c) => c.ItemId.UniqueId).sort()).to.deep.equal(
      existing.map((m) => m.Id.UniqueId).sort(),
    )
    expect(firstChanges.map((c) => c.Item.Subject).sort()).to.deep.equal([
      'First',
      'Second',
      'Third',
    ])

    clock.advance(60_000)
    const added = await saveDraft(svc, 'Fourth')
    const removed = existing[1]!
    const removedId = removed.Id.UniqueId
    await removed.Delete(ews.DeleteMode.HardDelete)

    const second = await svc.SyncFolderItems(
      drafts,
      shape,
      [],
      100,
      ews.SyncFolderItemsScope.NormalItems,
      first.SyncState,
    )
    expect(second.MoreChangesAvailable).to.equal(false)
    expect(second.SyncState).to.not.equal(first.SyncState)
    const secondChanges = second.GetEnumerator()
    const changes = secondChanges.map((c) => [ews.ChangeType[c.ChangeType], c.ItemId.UniqueId])
    expect(changes).to.have.deep.members([
      ['Create', added.Id.UniqueId],
      ['Delete', removedId],
    ])
    expect(changes).to.have.length(2)
    const create = secondChanges.find((c) => c.ChangeType === ews.ChangeType.Create)
    expect(create?.Item.Subject).to.equal('Fourth')
  })
})
