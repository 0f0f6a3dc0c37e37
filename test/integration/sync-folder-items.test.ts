/**
 * SyncFolderItems (reference/ews-protocol.md §2.11; messages.xsd SyncFolderItemsType): the first
 * sync reports every item as Create, later syncs report each change once, as Create, Update,
 * ReadFlagChange or Delete.
 */
import { expect } from 'chai'
import type { EwsApp } from '../../mock-ews/index.ts'
import { call, distinguished, folderId, folderIdOf, NS, testApp } from '../helpers/ews.ts'
import type { SoapAnswer } from '../helpers/ews.ts'
import {
  ALICE,
  BOB,
  CLASS,
  deleteItemXml,
  itemChange,
  itemId,
  itemsIn,
  markAllItemsAsReadXml,
  missedConversationsIdOf,
  moveItemXml,
  saveItem,
  sendMessage,
  setItemField,
  updateItemXml,
} from '../helpers/items.ts'

interface SyncOptions {
  /** A folder id element; the inbox unless told. */
  folder?: string
  state?: string
  max?: number | string
  /** Item id elements for m:Ignore. */
  ignore?: string
  shape?: string
}

const syncXml = ({
  folder = distinguished('inbox'),
  state,
  max = 512,
  ignore,
  shape = 'IdOnly',
}: SyncOptions = {}): string =>
  `<m:SyncFolderItems><m:ItemShape><t:BaseShape>${shape}</t:BaseShape></m:ItemShape>` +
  `<m:SyncFolderId>${folder}</m:SyncFolderId>` +
  (state === undefined ? '' : `<m:SyncState>${state}</m:SyncState>`) +
  (ignore === undefined ? '' : `<m:Ignore>${ignore}</m:Ignore>`) +
  `<m:MaxChangesReturned>${max}</m:MaxChangesReturned></m:SyncFolderItems>`

interface Change {
  type: string
  id: string
  /** ReadFlagChange: the t:IsRead it carries. */
  isRead?: string
}

interface Sync {
  res: SoapAnswer
  state: string
  includesLast: string
  changes: Change[]
}

async function sync(app: EwsApp['app'], options: SyncOptions = {}, user?: string): Promise<Sync> {
  const res = await call(app, syncXml(options), user)
  const changes = res.select('//m:Changes/*').map((n): Change => {
    const el = n as Element
    const type = el.localName
    // Create/Update carry t:Message/t:ItemId, Delete and ReadFlagChange a t:ItemId of their own.
    const id = el.getElementsByTagNameNS(NS.t, 'ItemId')[0]?.getAttribute('Id') ?? ''
    const change: Change = { type, id }
    if (type === 'ReadFlagChange')
      change.isRead = el.getElementsByTagNameNS(NS.t, 'IsRead')[0]?.textContent ?? ''
    return change
  })
  return {
    res,
    state: res.value('//m:SyncFolderItemsResponseMessage/m:SyncState'),
    includesLast: res.value('//m:SyncFolderItemsResponseMessage/m:IncludesLastItemInRange'),
    changes,
  }
}

const ids = (s: Sync, type?: string): string[] =>
  s.changes.filter((c) => type === undefined || c.type === type).map((c) => c.id)

/** Saves a message into a folder of alice's (the inbox unless told) and returns its id. */
async function put(app: EwsApp['app'], subject: string, folder = 'inbox'): Promise<string> {
  return (await saveItem(app, { subject, body: subject }, distinguished(folder))).id
}

const rename = (app: EwsApp['app'], id: string, subject: string): Promise<SoapAnswer> =>
  call(app, updateItemXml(itemChange(itemId(id), setItemField('item:Subject', { subject }))))

const setRead = (app: EwsApp['app'], id: string, isRead: boolean): Promise<SoapAnswer> =>
  call(app, updateItemXml(itemChange(itemId(id), setItemField('message:IsRead', { isRead }))))

/** Moves an item and returns its new id. */
async function move(app: EwsApp['app'], id: string, to: string): Promise<string> {
  const res = await call(app, moveItemXml(distinguished(to), itemId(id)))
  const moved = res.value('//m:Items/t:Message/t:ItemId/@Id')
  if (!moved) throw new Error(`MoveItem failed: ${res.text}`)
  return moved
}

const hardDelete = (app: EwsApp['app'], id: string): Promise<SoapAnswer> =>
  call(app, deleteItemXml(itemId(id)))

describe('SyncFolderItems', () => {
  let ews: EwsApp
  beforeEach(() => {
    ews = testApp()
  })

  describe('first sync (no SyncState)', () => {
    it('returns every item of the folder as t:Create, and nothing of other folders', async () => {
      const a = await put(ews.app, 'A')
      const b = await put(ews.app, 'B')
      const c = await put(ews.app, 'C')
      await put(ews.app, 'In drafts', 'drafts')
      const first = await sync(ews.app)
      expect(first.res.status).to.equal(200)
      expect(first.res.codes()).to.deep.equal(['NoError'])
      expect(first.changes.map((x) => x.type)).to.deep.equal(['Create', 'Create', 'Create'])
      expect(ids(first)).to.have.members([a, b, c])
      expect(first.includesLast).to.equal('true')
      expect(first.state).to.not.equal('')
    })

    it('answers an empty folder with no changes, a SyncState and IncludesLastItemInRange true', async () => {
      const first = await sync(ews.app)
      expect(first.res.codes()).to.deep.equal(['NoError'])
      expect(first.changes).to.deep.equal([])
      expect(first.state).to.not.equal('')
      expect(first.includesLast).to.equal('true')
    })

    it('writes SyncState, IncludesLastItemInRange and Changes in schema order', async () => {
      await put(ews.app, 'A')
      const first = await sync(ews.app)
      const children = first.res
        .select('//m:SyncFolderItemsResponseMessage/*')
        .map((n) => (n as Element).localName)
      expect(children).to.deep.equal([
        'ResponseCode',
        'SyncState',
        'IncludesLastItemInRange',
        'Changes',
      ])
    })

    it('renders each created item as t:Message in the requested shape', async () => {
      const a = await put(ews.app, 'Quarterly numbers')
      const idOnly = await sync(ews.app)
      expect(idOnly.res.select('//t:Create/t:Message/t:ItemId')).to.have.length(1)
      expect(idOnly.res.select('//t:Create/t:Message/t:Subject')).to.have.length(0)
      const full = await sync(ews.app, { shape: 'Default' })
      expect(full.res.value('//t:Create/t:Message/t:ItemId/@Id')).to.equal(a)
      expect(full.res.value('//t:Create/t:Message/t:Subject')).to.equal('Quarterly numbers')
      expect(full.res.value('//t:Create/t:Message/t:ItemClass')).to.equal(CLASS.note)
    })

    it('treats an empty SyncState like none', async () => {
      const a = await put(ews.app, 'A')
      const first = await sync(ews.app, { state: '' })
      expect(first.res.codes()).to.deep.equal(['NoError'])
      expect(ids(first, 'Create')).to.deep.equal([a])
    })
  })

  describe('incremental sync', () => {
    it('returns nothing on a second sync with the state when nothing changed', async () => {
      await put(ews.app, 'A')
      await put(ews.app, 'B')
      const first = await sync(ews.app)
      const second = await sync(ews.app, { state: first.state })
      expect(second.res.codes()).to.deep.equal(['NoError'])
      expect(second.changes).to.deep.equal([])
      expect(second.includesLast).to.equal('true')
      expect(second.state).to.not.equal('')
      const third = await sync(ews.app, { state: second.state })
      expect(third.changes).to.deep.equal([])
    })

    it('reports creates, updates, read-flag changes, moves out and deletes over several rounds, each exactly once', async () => {
      const a = await put(ews.app, 'A')
      const b = await put(ews.app, 'B')
      const c = await put(ews.app, 'C')
      const round0 = await sync(ews.app)
      expect(ids(round0)).to.have.members([a, b, c])

      // Round 1: a new item, a subject change, a read-flag-only change.
      const d = await put(ews.app, 'D')
      expect((await rename(ews.app, a, 'A renamed')).codes()).to.deep.equal(['NoError'])
      expect((await setRead(ews.app, b, false)).codes()).to.deep.equal(['NoError'])
      const round1 = await sync(ews.app, { state: round0.state, shape: 'Default' })
      expect(round1.res.codes()).to.deep.equal(['NoError'])
      expect(round1.changes).to.have.deep.members([
        { type: 'Create', id: d },
        { type: 'Update', id: a },
        { type: 'ReadFlagChange', id: b, isRead: 'false' },
      ])
      expect(round1.changes).to.have.length(3)
      expect(round1.res.value('//t:Update/t:Message/t:Subject')).to.equal('A renamed')
      expect(round1.includesLast).to.equal('true')

      // Round 2: a move out of the folder, a hard delete, a read flag set back.
      const movedC = await move(ews.app, c, 'drafts')
      expect((await hardDelete(ews.app, d)).codes()).to.deep.equal(['NoError'])
      expect((await setRead(ews.app, b, true)).codes()).to.deep.equal(['NoError'])
      const round2 = await sync(ews.app, { state: round1.state })
      expect(round2.changes).to.have.deep.members([
        { type: 'Delete', id: c },
        { type: 'Delete', id: d },
        { type: 'ReadFlagChange', id: b, isRead: 'true' },
      ])
      expect(round2.changes).to.have.length(3)
      expect(ids(round2)).to.not.include(movedC)

      // Round 3: nothing happened.
      const round3 = await sync(ews.app, { state: round2.state })
      expect(round3.changes).to.deep.equal([])

      // The sync of the folder the item moved to sees it arrive, under its new id.
      const drafts = await sync(ews.app, { folder: distinguished('drafts') })
      expect(ids(drafts, 'Create')).to.deep.equal([movedC])
    })

    it('carries the new ChangeKey of an updated item', async () => {
      const a = await put(ews.app, 'A')
      const first = await sync(ews.app)
      const before = first.res.value('//t:Create/t:Message/t:ItemId/@ChangeKey')
      const updated = await rename(ews.app, a, 'A2')
      const after = updated.value('//m:Items/t:Message/t:ItemId/@ChangeKey')
      expect(after).to.not.equal(before)
      const next = await sync(ews.app, { state: first.state })
      expect(next.res.value('//t:Update/t:Message/t:ItemId/@ChangeKey')).to.equal(after)
    })

    it('reports an item whose subject and read flag both changed, in either order, once, as t:Update', async () => {
      const a = await put(ews.app, 'A')
      const first = await sync(ews.app)
      const b = await put(ews.app, 'B')
      const first2 = await sync(ews.app)
      await setRead(ews.app, a, false)
      await rename(ews.app, a, 'A2')
      await rename(ews.app, b, 'B2')
      await setRead(ews.app, b, false)
      const next = await sync(ews.app, { state: first2.state })
      expect(next.changes).to.have.deep.members([
        { type: 'Update', id: a },
        { type: 'Update', id: b },
      ])
      expect(next.changes).to.have.length(2)
      expect(first.changes).to.have.length(1)
    })

    it('reports several read-flag changes of one item once, with the flag as it is now', async () => {
      const a = await put(ews.app, 'A')
      const first = await sync(ews.app)
      await setRead(ews.app, a, false)
      await setRead(ews.app, a, true)
      await setRead(ews.app, a, false)
      const next = await sync(ews.app, { state: first.state })
      expect(next.changes).to.deep.equal([{ type: 'ReadFlagChange', id: a, isRead: 'false' }])
    })

    it('reports MarkAllItemsAsRead as a t:ReadFlagChange per item whose flag changed', async () => {
      const a = await put(ews.app, 'A')
      const b = await put(ews.app, 'B')
      await setRead(ews.app, a, false)
      await setRead(ews.app, b, false)
      const first = await sync(ews.app)
      const res = await call(ews.app, markAllItemsAsReadXml(distinguished('inbox')))
      expect(res.codes()).to.deep.equal(['NoError'])
      const next = await sync(ews.app, { state: first.state })
      expect(next.changes).to.have.deep.members([
        { type: 'ReadFlagChange', id: a, isRead: 'true' },
        { type: 'ReadFlagChange', id: b, isRead: 'true' },
      ])
      expect(next.changes).to.have.length(2)
    })

    it('reports an item moved into the folder as t:Create with its new id', async () => {
      const inDrafts = await put(ews.app, 'Draft', 'drafts')
      const first = await sync(ews.app)
      const moved = await move(ews.app, inDrafts, 'inbox')
      const next = await sync(ews.app, { state: first.state })
      expect(next.changes).to.deep.equal([{ type: 'Create', id: moved }])
    })

    it('reports a move to Deleted Items (DeleteItem MoveToDeletedItems) as t:Delete', async () => {
      const a = await put(ews.app, 'A')
      const first = await sync(ews.app)
      const res = await call(ews.app, deleteItemXml(itemId(a), 'MoveToDeletedItems'))
      expect(res.codes()).to.deep.equal(['NoError'])
      const next = await sync(ews.app, { state: first.state })
      expect(next.changes).to.deep.equal([{ type: 'Delete', id: a }])
    })

    it('does not report an item created and deleted between two syncs', async () => {
      const a = await put(ews.app, 'A')
      const first = await sync(ews.app)
      const gone = await put(ews.app, 'Short-lived')
      await rename(ews.app, gone, 'Still short-lived')
      await hardDelete(ews.app, gone)
      const movedAway = await put(ews.app, 'Passing through')
      await move(ews.app, movedAway, 'drafts')
      const next = await sync(ews.app, { state: first.state })
      expect(next.changes).to.deep.equal([])
      expect(ids(first)).to.deep.equal([a])
    })

    it('does not report on the first sync an item that was created and deleted before it', async () => {
      const gone = await put(ews.app, 'Short-lived')
      await hardDelete(ews.app, gone)
      const kept = await put(ews.app, 'Kept')
      const first = await sync(ews.app)
      expect(first.changes).to.deep.equal([{ type: 'Create', id: kept }])
    })

    it('reports an item created and updated between two syncs once, as t:Create', async () => {
      const first = await sync(ews.app)
      const a = await put(ews.app, 'A')
      await rename(ews.app, a, 'A2')
      await setRead(ews.app, a, false)
      const next = await sync(ews.app, { state: first.state, shape: 'Default' })
      expect(next.changes).to.deep.equal([{ type: 'Create', id: a }])
      expect(next.res.value('//t:Create/t:Message/t:Subject')).to.equal('A2')
      expect(next.res.value('//t:Create/t:Message/t:IsRead')).to.equal('false')
    })

    it('reports mail delivered by the transport as t:Create', async () => {
      const first = await sync(ews.app)
      const sent = await sendMessage(ews.app, { subject: 'From Bob', to: [ALICE] }, { user: BOB })
      expect(sent.codes()).to.deep.equal(['NoError'])
      const [mail] = await itemsIn(ews.app, distinguished('inbox'))
      const next = await sync(ews.app, { state: first.state })
      expect(next.changes).to.deep.equal([{ type: 'Create', id: mail!.id }])
    })

    it('accepts a state more than once: syncing again from an older state repeats its changes', async () => {
      const first = await sync(ews.app)
      const a = await put(ews.app, 'A')
      const once = await sync(ews.app, { state: first.state })
      const again = await sync(ews.app, { state: first.state })
      expect(once.changes).to.deep.equal([{ type: 'Create', id: a }])
      expect(again.changes).to.deep.equal(once.changes)
    })
  })

  describe('MaxChangesReturned', () => {
    /** Syncs from `state` until IncludesLastItemInRange is true; returns every round. */
    async function drain(max: number, state?: string): Promise<Sync[]> {
      const rounds: Sync[] = []
      for (let i = 0; i < 50; i++) {
        const s = await sync(ews.app, state === undefined ? { max } : { max, state })
        expect(s.res.codes()).to.deep.equal(['NoError'])
        rounds.push(s)
        state = s.state
        if (s.includesLast === 'true') return rounds
      }
      throw new Error('IncludesLastItemInRange never became true')
    }

    it('cuts a first sync into rounds of at most MaxChangesReturned, losing and repeating nothing', async () => {
      const created: string[] = []
      for (let i = 0; i < 7; i++) created.push(await put(ews.app, `Item ${i}`))
      const rounds = await drain(3)
      expect(rounds.map((r) => r.changes.length)).to.deep.equal([3, 3, 1])
      expect(rounds.map((r) => r.includesLast)).to.deep.equal(['false', 'false', 'true'])
      const all = rounds.flatMap((r) => ids(r, 'Create'))
      expect(all).to.have.length(7)
      expect(all).to.have.members(created)
    })

    it('cuts an incremental sync the same way, with every kind of change', async () => {
      const kept = [await put(ews.app, 'K1'), await put(ews.app, 'K2'), await put(ews.app, 'K3')]
      const start = await sync(ews.app)
      const fresh = [await put(ews.app, 'N1'), await put(ews.app, 'N2'), await put(ews.app, 'N3')]
      await rename(ews.app, kept[0]!, 'K1 renamed')
      await setRead(ews.app, kept[1]!, false)
      await hardDelete(ews.app, kept[2]!)
      const rounds = await drain(2, start.state)
      for (const r of rounds) expect(r.changes.length).to.be.at.most(2)
      expect(rounds.at(-1)!.includesLast).to.equal('true')
      expect(rounds.slice(0, -1).every((r) => r.includesLast === 'false')).to.equal(true)
      const all = rounds.flatMap((r) => r.changes)
      expect(all).to.have.deep.members([
        ...fresh.map((id) => ({ type: 'Create', id })),
        { type: 'Update', id: kept[0]! },
        { type: 'ReadFlagChange', id: kept[1]!, isRead: 'false' },
        { type: 'Delete', id: kept[2]! },
      ])
      expect(all).to.have.length(6)
      const after = await sync(ews.app, { state: rounds.at(-1)!.state })
      expect(after.changes).to.deep.equal([])
    })

    it('does not report an item again in a later round for a change its Create already showed', async () => {
      const start = await sync(ews.app)
      const a = await put(ews.app, 'A')
      const b = await put(ews.app, 'B')
      await rename(ews.app, a, 'A2')
      const rounds = await drain(1, start.state)
      expect(rounds.flatMap((r) => r.changes)).to.deep.equal([
        { type: 'Create', id: a },
        { type: 'Create', id: b },
      ])
    })

    it('with MaxChangesReturned equal to the number of changes, says the last change is included', async () => {
      await put(ews.app, 'A')
      await put(ews.app, 'B')
      const first = await sync(ews.app, { max: 2 })
      expect(first.changes).to.have.length(2)
      const next = await sync(ews.app, { state: first.state, max: 2 })
      expect(next.changes).to.deep.equal([])
      expect(next.includesLast).to.equal('true')
    })

    for (const max of ['0', '513', '-1', 'ten']) {
      it(`refuses MaxChangesReturned ${max} with an ErrorSchemaValidation fault`, async () => {
        const res = await call(ews.app, syncXml({ max }))
        expect(res.status).to.equal(500)
        expect(res.faultCode()).to.equal('ErrorSchemaValidation')
      })
    }

    it('accepts the bounds 1 and 512', async () => {
      for (const max of [1, 512]) {
        const res = await call(ews.app, syncXml({ max }))
        expect(res.status).to.equal(200)
        expect(res.codes()).to.deep.equal(['NoError'])
      }
    })
  })

  describe('Ignore', () => {
    it('leaves out changes of the items it lists', async () => {
      const a = await put(ews.app, 'A')
      const b = await put(ews.app, 'B')
      const first = await sync(ews.app, { ignore: itemId(a) })
      expect(ids(first)).to.deep.equal([b])
      await rename(ews.app, a, 'A2')
      await rename(ews.app, b, 'B2')
      const next = await sync(ews.app, { state: first.state, ignore: itemId(a) })
      expect(next.changes).to.deep.equal([{ type: 'Update', id: b }])
    })

    it('does not hide the item from later syncs that do not list it', async () => {
      const a = await put(ews.app, 'A')
      const first = await sync(ews.app)
      await rename(ews.app, a, 'A2')
      const ignored = await sync(ews.app, { state: first.state, ignore: itemId(a) })
      expect(ignored.changes).to.deep.equal([])
      await rename(ews.app, a, 'A3')
      const next = await sync(ews.app, { state: ignored.state })
      expect(next.changes).to.deep.equal([{ type: 'Update', id: a }])
    })
  })

  describe('bad sync states', () => {
    const expectInvalidState = (s: Sync): void => {
      expect(s.res.status).to.equal(200)
      expect(s.res.codes()).to.deep.equal(['ErrorInvalidSyncStateData'])
      expect(s.res.value('//m:SyncFolderItemsResponseMessage/@ResponseClass')).to.equal('Error')
      expect(s.res.select('//m:SyncFolderItemsResponseMessage/m:SyncState')).to.have.length(1)
      expect(s.state).to.equal('')
      expect(s.includesLast).to.equal('true')
      expect(s.changes).to.deep.equal([])
    }

    it('answers a garbage SyncState with ErrorInvalidSyncStateData, an empty SyncState and IncludesLastItemInRange true', async () => {
      await put(ews.app, 'A')
      expectInvalidState(await sync(ews.app, { state: 'garbage!!' }))
      expectInvalidState(await sync(ews.app, { state: Buffer.from('{"v":1}').toString('base64') }))
    })

    it('answers a state of another folder with ErrorInvalidSyncStateData', async () => {
      await put(ews.app, 'A')
      const drafts = await sync(ews.app, { folder: distinguished('drafts') })
      expect(drafts.res.codes()).to.deep.equal(['NoError'])
      expectInvalidState(await sync(ews.app, { state: drafts.state }))
    })

    it("answers a state of another user's inbox with ErrorInvalidSyncStateData", async () => {
      const bobs = await sync(ews.app, {}, BOB)
      expect(bobs.res.codes()).to.deep.equal(['NoError'])
      expectInvalidState(await sync(ews.app, { state: bobs.state }))
    })

    it('answers a state with characters appended with ErrorInvalidSyncStateData', async () => {
      const first = await sync(ews.app)
      expectInvalidState(await sync(ews.app, { state: `${first.state}x` }))
      expectInvalidState(await sync(ews.app, { state: `${first.state}!!` }))
    })

    it('still accepts the good state after a bad one was refused', async () => {
      const first = await sync(ews.app)
      const a = await put(ews.app, 'A')
      expectInvalidState(await sync(ews.app, { state: first.state.slice(0, 12) }))
      const next = await sync(ews.app, { state: first.state })
      expect(next.changes).to.deep.equal([{ type: 'Create', id: a }])
    })
  })

  describe('folders', () => {
    it('syncs a folder named by its FolderId like one named by its distinguished id', async () => {
      const a = await put(ews.app, 'A')
      const inbox = await folderIdOf(ews.app, 'inbox')
      const byId = await sync(ews.app, { folder: folderId(inbox) })
      expect(ids(byId)).to.deep.equal([a])
      await rename(ews.app, a, 'A2')
      const next = await sync(ews.app, { folder: folderId(inbox), state: byId.state })
      expect(next.changes).to.deep.equal([{ type: 'Update', id: a }])
    })

    it("answers another user's folder with an error and no changes", async () => {
      const bobsInbox = await folderIdOf(ews.app, 'inbox', BOB)
      const res = await call(ews.app, syncXml({ folder: folderId(bobsInbox) }))
      expect(res.status).to.equal(200)
      expect(res.value('//m:SyncFolderItemsResponseMessage/@ResponseClass')).to.equal('Error')
      expect(res.select('//m:Changes/*')).to.have.length(0)
    })
  })

  describe('the Missed Conversations search folder', () => {
    it('shows missed IMs arriving, being read, and leaving', async () => {
      const missed = await missedConversationsIdOf(ews.app, ALICE)
      const first = await sync(ews.app, { folder: folderId(missed) })
      expect(first.res.codes()).to.deep.equal(['NoError'])
      expect(first.changes).to.deep.equal([])

      // Bob's client sends Alice an offline IM (same organisation) and a plain mail.
      const im = await sendMessage(
        ews.app,
        {
          itemClass: CLASS.missed,
          subject: 'Bob Kelly sent you a message',
          body: 'ping',
          to: [ALICE],
        },
        { user: BOB },
      )
      expect(im.codes()).to.deep.equal(['NoError'])
      await sendMessage(ews.app, { subject: 'Plain mail', to: [ALICE] }, { user: BOB })
      const inbox = await itemsIn(ews.app, distinguished('inbox'))
      const imItem = inbox.find((i) => i.itemClass === CLASS.missed)
      expect(imItem, 'the missed IM in the inbox').to.not.equal(undefined)

      const arrived = await sync(ews.app, {
        folder: folderId(missed),
        state: first.state,
        shape: 'Default',
      })
      expect(arrived.changes).to.deep.equal([{ type: 'Create', id: imItem!.id }])
      expect(arrived.res.value('//t:Create/t:Message/t:ItemClass')).to.equal(CLASS.missed)
      expect(arrived.res.value('//t:Create/t:Message/t:IsRead')).to.equal('false')

      await setRead(ews.app, imItem!.id, true)
      const read = await sync(ews.app, { folder: folderId(missed), state: arrived.state })
      expect(read.changes).to.deep.equal([
        { type: 'ReadFlagChange', id: imItem!.id, isRead: 'true' },
      ])

      await call(ews.app, deleteItemXml(itemId(imItem!.id), 'MoveToDeletedItems'))
      const left = await sync(ews.app, { folder: folderId(missed), state: read.state })
      expect(left.changes).to.deep.equal([{ type: 'Delete', id: imItem!.id }])
    })
  })
})
