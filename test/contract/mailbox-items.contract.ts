/**
 * The item half of the MailboxStore contract: every store implementation's test calls
 * `runMailboxItemsContract` with a factory for fresh, empty stores that take their time from the
 * clock given. Behaviour is taken from the interface's documentation (mock-ews/store/mailbox-store.ts),
 * the item and folder model (mock-ews/domain/items.ts, folders.ts; DESIGN.md "Folders") and
 * reference/ews-protocol.md §2.4, §2.8-§2.12, §3.2.
 */
import { expect } from 'chai'
import { EwsError } from '../../mock-ews/domain/errors.ts'
import { MISSED_CONVERSATIONS } from '../../mock-ews/domain/folders.ts'
import type { Folder } from '../../mock-ews/domain/folders.ts'
import { encodeId } from '../../mock-ews/domain/ids.ts'
import type { Item, ItemFields } from '../../mock-ews/domain/items.ts'
import type { PageView } from '../../mock-ews/domain/paging.ts'
import type { Restriction } from '../../mock-ews/domain/restriction.ts'
import type {
  ItemQuery,
  ItemSyncChange,
  MailboxInfo,
  MailboxStore,
  ItemEvent,
  StoreEvent,
  Submission,
  SyncCursor,
} from '../../mock-ews/store/mailbox-store.ts'
import { FakeClock } from '../../mock-ews/support/clock.ts'
import type { Clock } from '../../mock-ews/support/clock.ts'
import { ALICE, BOB, CLASS, itemFields } from '../helpers/items.ts'
import { expectEwsError } from './mailbox-store.contract.ts'

const NOBODY = 'nobody@contoso.com'
const START = '2016-06-10T09:00:00Z'
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/
const ALL: PageView = { kind: 'all' }

const isBase64 = (s: string): boolean => s.length > 0 && s.length % 4 === 0 && BASE64.test(s)

/** A receive time `minutes` after 09:00. */
const at = (minutes: number): Date => new Date(Date.parse(START) + minutes * 60_000)

const subjects = (items: readonly Item[]): string[] => items.map((i) => i.subject)

const changeOf = (c: ItemSyncChange): [string, string] =>
  c.type === 'Delete' ? ['Delete', c.itemId] : [c.type, c.item.itemId.id]

export function runMailboxItemsContract(makeStore: (clock: Clock) => MailboxStore): void {
  let clock: FakeClock
  let store: MailboxStore
  let alice: MailboxInfo

  const folder = (name: string, mailbox = ALICE): Folder =>
    store.getDistinguishedFolder(mailbox, name)
  const idOf = (name: string, mailbox = ALICE): string => folder(name, mailbox).folderId.id
  const put = (name: string, overrides: Partial<ItemFields> = {}, mailbox = ALICE): Item =>
    store.createItem(mailbox, idOf(name, mailbox), itemFields(overrides))
  const missedConversations = (mailbox = ALICE): Folder => {
    const found = store
      .findFolders(mailbox, idOf('searchfolders', mailbox), false)
      .filter((f) => f.displayName === MISSED_CONVERSATIONS)
    expect(found).to.have.length(1)
    return found[0]!
  }
  const find = (folderId: string, query: Partial<ItemQuery> = {}, mailbox = ALICE): Item[] =>
    store.findItems(mailbox, folderId, { view: ALL, ...query }).items
  const counts = (f: Folder): [number, number] => [f.totalCount, f.unreadCount]
  const countsOf = (name: string, mailbox = ALICE): [number, number] =>
    counts(folder(name, mailbox))
  /** The item events from now on (folder events are the folder contract's). */
  const recordEvents = (): ItemEvent[] => {
    const events: ItemEvent[] = []
    store.onEvent((e) => {
      if ('itemId' in e) events.push(e)
    })
    return events
  }

  beforeEach(() => {
    clock = new FakeClock(START)
    store = makeStore(clock)
    alice = store.createMailbox({ address: ALICE, displayName: 'Alice Wood', generation: 2016 })
    store.createMailbox({ address: BOB, displayName: 'Bob Kelly', generation: 2016 })
  })

  describe('createItem and getItem', () => {
    it('createItem returns the fields given, a base64 id and change key, the folder and the mailbox', () => {
      const fields = itemFields({ subject: 'Quarterly', categories: ['Red'], importance: 'High' })
      const item = store.createItem(ALICE, idOf('inbox'), fields)
      expect(isBase64(item.itemId.id), item.itemId.id).to.equal(true)
      expect(isBase64(item.itemId.changeKey), item.itemId.changeKey).to.equal(true)
      expect(item.parentFolderId.id).to.equal(idOf('inbox'))
      expect(item.mailbox).to.equal(ALICE)
      expect(item.size).to.be.greaterThan(0)
      const rest: Record<string, unknown> = { ...item }
      for (const key of [
        'itemId',
        'parentFolderId',
        'mailbox',
        'dateTimeCreated',
        'lastModifiedTime',
        'size',
      ])
        delete rest[key]
      expect(rest).to.deep.equal(fields)
    })

    it('dates creation and last modification from the clock', () => {
      clock.advance(5 * 60_000)
      const item = put('inbox')
      expect(item.dateTimeCreated.toISOString()).to.equal('2016-06-10T09:05:00.000Z')
      expect(item.lastModifiedTime.toISOString()).to.equal('2016-06-10T09:05:00.000Z')
    })

    it('getItem returns what createItem returned', () => {
      const item = put('inbox', { subject: 'Round trip' })
      expect(store.getItem(ALICE, item.itemId.id)).to.deep.equal(item)
    })

    it('gives every item its own id', () => {
      const ids = new Set([
        put('inbox').itemId.id,
        put('inbox').itemId.id,
        put('drafts').itemId.id,
        put('inbox', {}, BOB).itemId.id,
      ])
      expect(ids.size).to.equal(4)
    })

    it('accepts the mailbox address in any case', () => {
      const item = store.createItem('Alice@CONTOSO.com', idOf('inbox'), itemFields())
      expect(item.mailbox).to.equal(ALICE)
      expect(store.getItem('ALICE@contoso.com', item.itemId.id).itemId).to.deep.equal(item.itemId)
    })

    it('keeps no reference to the fields it was given', () => {
      const fields = itemFields({ categories: ['Blue'] })
      const item = store.createItem(ALICE, idOf('inbox'), fields)
      const before = structuredClone(store.getItem(ALICE, item.itemId.id))
      fields.subject = 'Changed'
      fields.body.text = 'Changed'
      ;(fields.categories as string[]).push('Green')
      fields.toRecipients[0]!.address = 'mallory@contoso.com'
      fields.dateTimeReceived.setTime(0)
      expect(store.getItem(ALICE, item.itemId.id)).to.deep.equal(before)
    })

    it('returns snapshots: changing a returned item changes nothing in the store', () => {
      const created = put('inbox', { categories: ['Red'] })
      const id = created.itemId.id
      const before = structuredClone(store.getItem(ALICE, id))
      const vandalise = (item: Item | undefined): void => {
        const m = item as unknown as Record<string, unknown>
        m.subject = 'Hacked'
        m.isRead = true
        item!.body.text = 'Hacked'
        ;(item!.categories as string[]).push('Hacked')
        item!.toRecipients[0]!.address = 'hacked@contoso.com'
        ;(item!.toRecipients as unknown[]).push({ name: 'X', address: 'x@contoso.com' })
        item!.from!.address = 'hacked@contoso.com'
        item!.dateTimeReceived.setTime(0)
        item!.dateTimeSent?.setTime(0)
        item!.dateTimeCreated.setTime(0)
        item!.itemId.changeKey = 'AAAA'
        item!.parentFolderId.id = 'AAAA'
      }
      const unchanged = (): void => {
        expect(store.getItem(ALICE, id)).to.deep.equal(before)
      }
      vandalise(created)
      unchanged()
      vandalise(store.getItem(ALICE, id))
      unchanged()
      find(idOf('inbox')).forEach(vandalise)
      unchanged()
      for (const c of store.itemChanges(ALICE, idOf('inbox'), undefined, 10).changes)
        if (c.type !== 'Delete') vandalise(c.item)
      unchanged()
      vandalise(store.copyItem(ALICE, id, idOf('drafts')))
      unchanged()
      expect(subjects(find(idOf('drafts')))).to.deep.equal(['Hello'])
    })

    it('returns snapshots: an item returned earlier does not follow later changes', () => {
      const item = put('inbox')
      const copy = structuredClone(item)
      clock.advance(60_000)
      store.updateItem(ALICE, item.itemId.id, { subject: 'Later', isRead: true })
      expect(item).to.deep.equal(copy)
    })

    describe('errors', () => {
      it('getItem refuses an id that is not one of ours with ErrorInvalidIdMalformed', () => {
        for (const bad of ['not-an-id', 'AAAA', '%%%%', Buffer.alloc(34).toString('base64')])
          expectEwsError(() => store.getItem(ALICE, bad), 'ErrorInvalidIdMalformed')
      })

      it('getItem refuses an empty id with ErrorInvalidIdEmpty', () => {
        expectEwsError(() => store.getItem(ALICE, ''), 'ErrorInvalidIdEmpty')
      })

      it('getItem refuses a folder id with ErrorCannotUseFolderIdForItemId', () => {
        expectEwsError(() => store.getItem(ALICE, idOf('inbox')), 'ErrorCannotUseFolderIdForItemId')
      })

      it('getItem refuses an unknown item of this mailbox with ErrorItemNotFound', () => {
        const unknown = encodeId('item', alice.key, new Uint8Array(16).fill(0xab))
        expectEwsError(() => store.getItem(ALICE, unknown), 'ErrorItemNotFound')
      })

      it("getItem refuses another mailbox's item with ErrorAccessDenied", () => {
        const bobs = put('inbox', {}, BOB)
        expectEwsError(() => store.getItem(ALICE, bobs.itemId.id), 'ErrorAccessDenied')
        expect(store.getItem(BOB, bobs.itemId.id).subject).to.equal('Hello')
      })

      it('refuses an unknown mailbox with ErrorNonExistentMailbox', () => {
        const item = put('inbox')
        expectEwsError(() => store.getItem(NOBODY, item.itemId.id), 'ErrorNonExistentMailbox')
        expectEwsError(
          () => store.createItem(NOBODY, idOf('inbox'), itemFields()),
          'ErrorNonExistentMailbox',
        )
      })

      it('createItem refuses a search folder with ErrorInvalidParentFolder and creates nothing', () => {
        const missed = missedConversations()
        expectEwsError(
          () =>
            store.createItem(ALICE, missed.folderId.id, itemFields({ itemClass: CLASS.missed })),
          'ErrorInvalidParentFolder',
        )
        expect(counts(store.getFolder(ALICE, missed.folderId.id))).to.deep.equal([0, 0])
      })

      it("createItem refuses another mailbox's folder with ErrorAccessDenied", () => {
        expectEwsError(
          () => store.createItem(ALICE, idOf('inbox', BOB), itemFields()),
          'ErrorAccessDenied',
        )
        expect(countsOf('inbox', BOB)).to.deep.equal([0, 0])
      })

      it('createItem refuses an unknown folder with ErrorFolderNotFound', () => {
        const unknown = encodeId('folder', alice.key, new Uint8Array(16).fill(0xcd))
        expectEwsError(() => store.createItem(ALICE, unknown, itemFields()), 'ErrorFolderNotFound')
      })
    })
  })

  describe('folder counts', () => {
    it('TotalCount and UnreadCount follow creates, read changes, moves, copies and deletes', () => {
      expect(countsOf('inbox')).to.deep.equal([0, 0])
      const a = put('inbox', { isRead: false })
      const b = put('inbox', { isRead: false })
      put('inbox', { isRead: true })
      expect(countsOf('inbox')).to.deep.equal([3, 2])
      store.updateItem(ALICE, a.itemId.id, { isRead: true })
      expect(countsOf('inbox')).to.deep.equal([3, 1])
      store.updateItem(ALICE, a.itemId.id, { isRead: true })
      expect(countsOf('inbox')).to.deep.equal([3, 1])
      store.updateItem(ALICE, a.itemId.id, { isRead: false })
      expect(countsOf('inbox')).to.deep.equal([3, 2])
      const moved = store.moveItem(ALICE, b.itemId.id, idOf('drafts'))
      expect(countsOf('inbox')).to.deep.equal([2, 1])
      expect(countsOf('drafts')).to.deep.equal([1, 1])
      store.copyItem(ALICE, moved.itemId.id, idOf('sentitems'))
      expect(countsOf('drafts')).to.deep.equal([1, 1])
      expect(countsOf('sentitems')).to.deep.equal([1, 1])
      store.deleteItem(ALICE, a.itemId.id, 'HardDelete')
      expect(countsOf('inbox')).to.deep.equal([1, 0])
      store.deleteItem(ALICE, moved.itemId.id, 'MoveToDeletedItems')
      expect(countsOf('drafts')).to.deep.equal([0, 0])
      expect(countsOf('deleteditems')).to.deep.equal([1, 1])
    })

    it('an unread item changed in other ways stays counted once', () => {
      const a = put('inbox', { isRead: false })
      store.updateItem(ALICE, a.itemId.id, { subject: 'New subject' })
      store.updateItem(ALICE, a.itemId.id, { subject: 'Again', importance: 'High' })
      expect(countsOf('inbox')).to.deep.equal([1, 1])
    })

    it('counts are per folder and per mailbox', () => {
      put('inbox', { isRead: false })
      put('drafts', { isRead: true })
      expect(countsOf('inbox')).to.deep.equal([1, 1])
      expect(countsOf('drafts')).to.deep.equal([1, 0])
      expect(countsOf('inbox', BOB)).to.deep.equal([0, 0])
    })

    describe('the Missed Conversations search folder', () => {
      const missedCounts = (): [number, number] => counts(missedConversations())

      it('counts every IPM.Note.Microsoft.Missed* item of the mailbox, and nothing else', () => {
        put('inbox', { itemClass: CLASS.missed, isRead: false })
        put('drafts', { itemClass: `${CLASS.missed}.Custom`, isRead: true })
        put('inbox', { itemClass: 'ipm.note.microsoft.missed', isRead: false })
        put('conversationhistory', { itemClass: CLASS.conversation, isRead: false })
        put('inbox', { itemClass: CLASS.note, isRead: false })
        put('inbox', { itemClass: CLASS.missed, isRead: false }, BOB)
        expect(missedCounts()).to.deep.equal([3, 2])
        const shown = find(missedConversations().folderId.id)
        expect(shown.map((i) => i.itemClass).sort()).to.deep.equal(
          ['ipm.note.microsoft.missed', CLASS.missed, `${CLASS.missed}.Custom`].sort(),
        )
      })

      it('follows read changes, class changes, moves to Deleted Items and deletes', () => {
        const a = put('inbox', { itemClass: CLASS.missed, isRead: false })
        const b = put('inbox', { itemClass: CLASS.missed, isRead: false })
        const c = put('inbox', { itemClass: CLASS.note, isRead: false })
        expect(missedCounts()).to.deep.equal([2, 2])
        store.updateItem(ALICE, a.itemId.id, { isRead: true })
        expect(missedCounts()).to.deep.equal([2, 1])
        store.updateItem(ALICE, c.itemId.id, { itemClass: CLASS.missed })
        expect(missedCounts()).to.deep.equal([3, 2])
        store.updateItem(ALICE, a.itemId.id, { itemClass: CLASS.note })
        expect(missedCounts()).to.deep.equal([2, 2])
        store.deleteItem(ALICE, b.itemId.id, 'MoveToDeletedItems')
        expect(missedCounts()).to.deep.equal([1, 1])
        store.deleteItem(ALICE, c.itemId.id, 'HardDelete')
        expect(missedCounts()).to.deep.equal([0, 0])
        expect(find(missedConversations().folderId.id)).to.deep.equal([])
      })

      it("leaves out a message whose From is the mailbox's owner, in any case (decision 0027)", () => {
        put('inbox', {
          itemClass: CLASS.missed,
          from: { name: 'Alice', address: 'Alice@Contoso.com' },
        })
        const b = put('inbox', { itemClass: CLASS.missed, from: { name: 'Bob', address: BOB } })
        expect(subjects(find(missedConversations().folderId.id))).to.deep.equal([b.subject])
        store.updateItem(ALICE, b.itemId.id, { from: { name: 'Alice', address: ALICE } })
        expect(missedCounts()).to.deep.equal([0, 0])
      })

      it('loses the items of a folder deleted, to Deleted Items or hard', () => {
        const sub = (name: string): string =>
          store.createFolder(ALICE, idOf('inbox'), { displayName: name, kind: 'Folder' }).folderId
            .id
        const soft = sub('Soft')
        const hard = sub('Hard')
        store.createItem(ALICE, soft, itemFields({ itemClass: CLASS.missed }))
        store.createItem(ALICE, hard, itemFields({ itemClass: CLASS.missed }))
        expect(missedCounts()).to.deep.equal([2, 2])
        store.deleteFolder(ALICE, soft, 'MoveToDeletedItems')
        expect(missedCounts()).to.deep.equal([1, 1])
        store.deleteFolder(ALICE, hard, 'HardDelete')
        expect(missedCounts()).to.deep.equal([0, 0])
        expect(find(missedConversations().folderId.id)).to.deep.equal([])
      })

      it('shows the item as it is in its folder (same id, same fields)', () => {
        const a = put('inbox', { itemClass: CLASS.missed })
        expect(find(missedConversations().folderId.id)).to.deep.equal([
          store.getItem(ALICE, a.itemId.id),
        ])
      })
    })
  })

  describe('findItems', () => {
    /** Ten items received a minute apart, created out of order; returns them oldest first. */
    const ten = (): Item[] => {
      const order = [3, 0, 7, 1, 9, 4, 2, 8, 6, 5]
      const made: Item[] = []
      for (const m of order)
        made[m] = put('inbox', {
          subject: `Item ${m}`,
          dateTimeReceived: at(m),
          isRead: m % 2 === 0,
        })
      return made
    }
    const everything: Restriction = { op: 'Exists', field: 'item:Subject' }

    it('orders by DateTimeReceived, newest first, by default', () => {
      const made = ten()
      const items = find(idOf('inbox'))
      expect(items.map((i) => i.itemId.id)).to.deep.equal(
        [...made].reverse().map((i) => i.itemId.id),
      )
    })

    it('orders oldest first when asked, and by another field when asked', () => {
      const made = ten()
      const asc = find(idOf('inbox'), {
        sort: [{ field: 'item:DateTimeReceived', descending: false }],
      })
      expect(asc.map((i) => i.itemId.id)).to.deep.equal(made.map((i) => i.itemId.id))
      put('inbox', { subject: 'apple', dateTimeReceived: at(20) })
      put('inbox', { subject: 'Banana', dateTimeReceived: at(21) })
      const bySubject = find(idOf('inbox'), { sort: [{ field: 'item:Subject', descending: true }] })
      expect(subjects(bySubject).slice(0, 2)).to.deep.equal(['Item 9', 'Item 8'])
      expect(subjects(bySubject).slice(-2)).to.deep.equal(['Banana', 'apple'])
    })

    it('sorts by several keys, the first most significant', () => {
      put('inbox', { importance: 'Low', subject: 'b', dateTimeReceived: at(1) })
      put('inbox', { importance: 'High', subject: 'a', dateTimeReceived: at(2) })
      put('inbox', { importance: 'Low', subject: 'a', dateTimeReceived: at(3) })
      put('inbox', { importance: 'High', subject: 'b', dateTimeReceived: at(4) })
      const items = find(idOf('inbox'), {
        sort: [
          { field: 'item:Importance', descending: false },
          { field: 'item:Subject', descending: true },
        ],
      })
      expect(items.map((i) => `${i.importance} ${i.subject}`)).to.deep.equal([
        'High b',
        'High a',
        'Low b',
        'Low a',
      ])
    })

    it('orders items received at the same time the same way whether or not a restriction is given', () => {
      for (let i = 0; i < 6; i++)
        put('inbox', { subject: `Same ${i}`, dateTimeReceived: at(i < 3 ? 1 : 2) })
      const plain = find(idOf('inbox')).map((i) => i.itemId.id)
      const filtered = find(idOf('inbox'), { restriction: everything }).map((i) => i.itemId.id)
      const sorted = find(idOf('inbox'), {
        sort: [{ field: 'item:DateTimeReceived', descending: true }],
        restriction: everything,
      }).map((i) => i.itemId.id)
      expect(plain).to.have.length(6)
      expect(filtered).to.deep.equal(plain)
      expect(sorted).to.deep.equal(plain)
      expect(
        subjects(find(idOf('inbox')))
          .slice(3)
          .sort(),
      ).to.deep.equal(['Same 0', 'Same 1', 'Same 2'])
    })

    describe('paging', () => {
      const page = (view: PageView, restriction?: Restriction) =>
        store.findItems(ALICE, idOf('inbox'), { view, restriction })

      for (const path of ['without a restriction', 'with a restriction matching everything']) {
        describe(path, () => {
          const r = path === 'without a restriction' ? undefined : everything

          it('indexed from the beginning: consecutive pages are the full ordering cut in pieces', () => {
            ten()
            const full = page(ALL, r).items.map((i) => i.itemId.id)
            const pages: string[] = []
            let offset = 0
            for (let n = 0; n < 10; n++) {
              const p = page({ kind: 'indexed', max: 3, offset, basePoint: 'Beginning' }, r)
              expect(p.total).to.equal(10)
              pages.push(...p.items.map((i) => i.itemId.id))
              expect(p.nextOffset).to.equal(Math.min(10, offset + 3))
              expect(p.includesLast).to.equal(offset + 3 >= 10)
              if (p.includesLast) break
              offset = p.nextOffset!
            }
            expect(pages).to.deep.equal(full)
          })

          it('pages cut at the end of the folder equal the tail of the full ordering', () => {
            ten()
            const full = page(ALL, r).items.map((i) => i.itemId.id)
            const ids = (v: PageView): string[] => page(v, r).items.map((i) => i.itemId.id)
            expect(
              ids({ kind: 'indexed', max: 5, offset: 8, basePoint: 'Beginning' }),
            ).to.deep.equal(full.slice(8))
            expect(ids({ kind: 'indexed', max: 4, offset: 0, basePoint: 'End' })).to.deep.equal(
              full.slice(6),
            )
            expect(ids({ kind: 'indexed', max: 3, offset: 2, basePoint: 'End' })).to.deep.equal(
              full.slice(5, 8),
            )
            expect(
              ids({ kind: 'fractional', max: 5, numerator: 9, denominator: 10 }),
            ).to.deep.equal(full.slice(9))
            expect(
              ids({ kind: 'fractional', max: 100, numerator: 1, denominator: 2 }),
            ).to.deep.equal(full.slice(5))
            const last = page({ kind: 'indexed', max: 5, offset: 8, basePoint: 'Beginning' }, r)
            expect(last.includesLast).to.equal(true)
          })

          it('a page beyond the end is empty and includes the last item', () => {
            ten()
            const p = page({ kind: 'indexed', max: 5, offset: 10, basePoint: 'Beginning' }, r)
            expect(p.items).to.deep.equal([])
            expect(p.total).to.equal(10)
            expect(p.includesLast).to.equal(true)
          })
        })
      }

      it('counts the items a restriction matches, not the folder, as the total', () => {
        ten()
        const unread: Restriction = {
          op: 'IsEqualTo',
          field: 'message:IsRead',
          operand: { constant: 'false' },
        }
        const p = page({ kind: 'indexed', max: 2, offset: 0, basePoint: 'Beginning' }, unread)
        expect(p.total).to.equal(5)
        expect(subjects(p.items)).to.deep.equal(['Item 9', 'Item 7'])
        expect(p.includesLast).to.equal(false)
      })
    })

    describe('restrictions', () => {
      beforeEach(() => {
        put('inbox', { subject: 'Budget 2016', isRead: false, dateTimeReceived: at(1) })
        put('inbox', {
          subject: 'Lunch',
          isRead: true,
          dateTimeReceived: at(2),
          itemClass: CLASS.missed,
        })
        put('inbox', {
          subject: 'budget review',
          isRead: true,
          dateTimeReceived: at(3),
          categories: ['Finance'],
        })
        put('drafts', { subject: 'Budget draft', dateTimeReceived: at(4) })
      })
      const matching = (restriction: Restriction): string[] =>
        subjects(find(idOf('inbox'), { restriction }))

      it('IsEqualTo on a string and on a boolean', () => {
        expect(
          matching({ op: 'IsEqualTo', field: 'item:Subject', operand: { constant: 'Lunch' } }),
        ).to.deep.equal(['Lunch'])
        expect(
          matching({ op: 'IsEqualTo', field: 'message:IsRead', operand: { constant: 'false' } }),
        ).to.deep.equal(['Budget 2016'])
      })

      it('Contains: substring, ignoring case or not, and prefixed', () => {
        expect(
          matching({
            op: 'Contains',
            field: 'item:Subject',
            value: 'budget',
            mode: 'Substring',
            ignoreCase: true,
          }),
        ).to.deep.equal(['budget review', 'Budget 2016'])
        expect(
          matching({
            op: 'Contains',
            field: 'item:Subject',
            value: 'budget',
            mode: 'Substring',
            ignoreCase: false,
          }),
        ).to.deep.equal(['budget review'])
        expect(
          matching({
            op: 'Contains',
            field: 'item:ItemClass',
            value: 'IPM.Note.Microsoft',
            mode: 'Prefixed',
            ignoreCase: true,
          }),
        ).to.deep.equal(['Lunch'])
      })

      it('comparisons on dates', () => {
        expect(
          matching({
            op: 'IsGreaterThan',
            field: 'item:DateTimeReceived',
            operand: { constant: at(1).toISOString() },
          }),
        ).to.deep.equal(['budget review', 'Lunch'])
        expect(
          matching({
            op: 'IsLessThanOrEqualTo',
            field: 'item:DateTimeReceived',
            operand: { constant: at(2).toISOString() },
          }),
        ).to.deep.equal(['Lunch', 'Budget 2016'])
      })

      it('And, Or, Not and Exists', () => {
        const read: Restriction = {
          op: 'IsEqualTo',
          field: 'message:IsRead',
          operand: { constant: 'true' },
        }
        const budget: Restriction = {
          op: 'Contains',
          field: 'item:Subject',
          value: 'budget',
          mode: 'Substring',
          ignoreCase: true,
        }
        expect(matching({ op: 'And', children: [read, budget] })).to.deep.equal(['budget review'])
        expect(matching({ op: 'Or', children: [read, budget] })).to.deep.equal([
          'budget review',
          'Lunch',
          'Budget 2016',
        ])
        expect(matching({ op: 'Not', child: budget })).to.deep.equal(['Lunch'])
        expect(matching({ op: 'Exists', field: 'item:Categories' })).to.deep.equal([
          'budget review',
        ])
      })

      it('a restriction nothing matches gives an empty page with total 0', () => {
        const p = store.findItems(ALICE, idOf('inbox'), {
          view: ALL,
          restriction: { op: 'IsEqualTo', field: 'item:Subject', operand: { constant: 'None' } },
        })
        expect(p.items).to.deep.equal([])
        expect(p.total).to.equal(0)
        expect(p.includesLast).to.equal(true)
      })
    })

    it("refuses another mailbox's folder with ErrorAccessDenied", () => {
      expectEwsError(() => find(idOf('inbox', BOB)), 'ErrorAccessDenied')
    })

    it('finds nothing in an empty folder', () => {
      const p = store.findItems(ALICE, idOf('inbox'), { view: ALL })
      expect(p.items).to.deep.equal([])
      expect(p.total).to.equal(0)
      expect(p.includesLast).to.equal(true)
    })
  })

  describe('updateItem', () => {
    it('changes the fields named, keeps the others, and gives a new change key and LastModifiedTime', () => {
      const item = put('inbox', { subject: 'Old', categories: ['Red'] })
      clock.advance(3 * 60_000)
      const updated = store.updateItem(ALICE, item.itemId.id, { subject: 'New', isRead: true })
      expect(updated.itemId.id).to.equal(item.itemId.id)
      expect(updated.itemId.changeKey).to.not.equal(item.itemId.changeKey)
      expect(updated.subject).to.equal('New')
      expect(updated.isRead).to.equal(true)
      expect(updated.categories).to.deep.equal(['Red'])
      expect(updated.body).to.deep.equal(item.body)
      expect(updated.dateTimeCreated).to.deep.equal(item.dateTimeCreated)
      expect(updated.lastModifiedTime.toISOString()).to.equal('2016-06-10T09:03:00.000Z')
      expect(store.getItem(ALICE, item.itemId.id)).to.deep.equal(updated)
    })

    it('refuses an unknown item with ErrorItemNotFound', () => {
      const unknown = encodeId('item', alice.key, new Uint8Array(16).fill(1))
      expectEwsError(() => store.updateItem(ALICE, unknown, { subject: 'x' }), 'ErrorItemNotFound')
    })
  })

  describe('moveItem', () => {
    it('gives the moved item a new id, in the target folder, with the same fields', () => {
      const item = put('inbox', { subject: 'Moving' })
      const moved = store.moveItem(ALICE, item.itemId.id, idOf('drafts'))
      expect(moved.itemId.id).to.not.equal(item.itemId.id)
      expect(moved.parentFolderId.id).to.equal(idOf('drafts'))
      expect(moved.subject).to.equal('Moving')
      expect(moved.body).to.deep.equal(item.body)
      expect(moved.dateTimeReceived).to.deep.equal(item.dateTimeReceived)
      expectEwsError(() => store.getItem(ALICE, item.itemId.id), 'ErrorItemNotFound')
      expect(store.getItem(ALICE, moved.itemId.id)).to.deep.equal(moved)
      expect(find(idOf('inbox'))).to.deep.equal([])
      expect(find(idOf('drafts'))).to.deep.equal([moved])
    })

    it('keeps the creation time of the item moved', () => {
      const item = put('inbox')
      clock.advance(60_000)
      const moved = store.moveItem(ALICE, item.itemId.id, idOf('drafts'))
      expect(moved.dateTimeCreated).to.deep.equal(item.dateTimeCreated)
    })

    it('refuses a search folder as the target with ErrorInvalidParentFolder and moves nothing', () => {
      const item = put('inbox', { itemClass: CLASS.missed })
      expectEwsError(
        () => store.moveItem(ALICE, item.itemId.id, missedConversations().folderId.id),
        'ErrorInvalidParentFolder',
      )
      expect(store.getItem(ALICE, item.itemId.id)).to.deep.equal(item)
    })

    it("refuses another mailbox's folder as the target with ErrorAccessDenied", () => {
      const item = put('inbox')
      expectEwsError(
        () => store.moveItem(ALICE, item.itemId.id, idOf('inbox', BOB)),
        'ErrorAccessDenied',
      )
      expect(store.getItem(ALICE, item.itemId.id)).to.deep.equal(item)
      expect(countsOf('inbox', BOB)).to.deep.equal([0, 0])
    })
  })

  describe('copyItem', () => {
    it('adds a copy with its own id in the target folder and leaves the original', () => {
      const item = put('inbox', { subject: 'Original' })
      const copy = store.copyItem(ALICE, item.itemId.id, idOf('drafts'))
      expect(copy.itemId.id).to.not.equal(item.itemId.id)
      expect(copy.parentFolderId.id).to.equal(idOf('drafts'))
      expect(copy.subject).to.equal('Original')
      expect(store.getItem(ALICE, item.itemId.id)).to.deep.equal(item)
      expect(find(idOf('drafts'))).to.deep.equal([copy])
      store.updateItem(ALICE, copy.itemId.id, { subject: 'Copy changed' })
      expect(store.getItem(ALICE, item.itemId.id).subject).to.equal('Original')
    })

    it('copies into the same folder', () => {
      const item = put('inbox')
      store.copyItem(ALICE, item.itemId.id, idOf('inbox'))
      expect(find(idOf('inbox'))).to.have.length(2)
    })
  })

  describe('deleteItem', () => {
    it('HardDelete removes the item for good', () => {
      const item = put('inbox')
      store.deleteItem(ALICE, item.itemId.id, 'HardDelete')
      expectEwsError(() => store.getItem(ALICE, item.itemId.id), 'ErrorItemNotFound')
      expect(countsOf('inbox')).to.deep.equal([0, 0])
      expect(countsOf('deleteditems')).to.deep.equal([0, 0])
    })

    it('SoftDelete removes the item from its folder and does not put it in Deleted Items', () => {
      const item = put('inbox')
      store.deleteItem(ALICE, item.itemId.id, 'SoftDelete')
      expect(find(idOf('inbox'))).to.deep.equal([])
      expect(find(idOf('deleteditems'))).to.deep.equal([])
    })

    it('MoveToDeletedItems moves the item to Deleted Items under a new id', () => {
      const item = put('inbox', { subject: 'Binned' })
      store.deleteItem(ALICE, item.itemId.id, 'MoveToDeletedItems')
      expectEwsError(() => store.getItem(ALICE, item.itemId.id), 'ErrorItemNotFound')
      const binned = find(idOf('deleteditems'))
      expect(subjects(binned)).to.deep.equal(['Binned'])
      expect(binned[0]!.itemId.id).to.not.equal(item.itemId.id)
    })

    it('MoveToDeletedItems of an item already in Deleted Items removes it', () => {
      const item = put('deleteditems')
      store.deleteItem(ALICE, item.itemId.id, 'MoveToDeletedItems')
      expect(find(idOf('deleteditems'))).to.deep.equal([])
    })

    it('refuses an unknown item with ErrorItemNotFound, and an item deleted twice', () => {
      const item = put('inbox')
      store.deleteItem(ALICE, item.itemId.id, 'HardDelete')
      expectEwsError(
        () => store.deleteItem(ALICE, item.itemId.id, 'HardDelete'),
        'ErrorItemNotFound',
      )
    })
  })

  describe('markAllItemsAsRead', () => {
    it('sets the read flag of every item of the folder, and of no other folder', () => {
      put('inbox', { isRead: false })
      put('inbox', { isRead: false })
      put('inbox', { isRead: true })
      put('drafts', { isRead: false })
      store.markAllItemsAsRead(ALICE, idOf('inbox'), true)
      expect(find(idOf('inbox')).map((i) => i.isRead)).to.deep.equal([true, true, true])
      expect(countsOf('inbox')).to.deep.equal([3, 0])
      expect(countsOf('drafts')).to.deep.equal([1, 1])
      store.markAllItemsAsRead(ALICE, idOf('inbox'), false)
      expect(find(idOf('inbox')).map((i) => i.isRead)).to.deep.equal([false, false, false])
      expect(countsOf('inbox')).to.deep.equal([3, 3])
    })

    it('works on a search folder: every item it shows', () => {
      put('inbox', { itemClass: CLASS.missed, isRead: false })
      put('inbox', { itemClass: CLASS.note, isRead: false })
      store.markAllItemsAsRead(ALICE, missedConversations().folderId.id, true)
      expect(counts(missedConversations())).to.deep.equal([1, 0])
      expect(countsOf('inbox')).to.deep.equal([2, 1])
    })
  })

  describe('itemChanges', () => {
    const inbox = (): string => idOf('inbox')
    const changes = (since: SyncCursor | undefined, max = 512, folderId = inbox()) =>
      store.itemChanges(ALICE, folderId, since, max)

    it('since undefined reports every item of the folder as Create, and nothing of other folders', () => {
      const a = put('inbox')
      const b = put('inbox')
      put('drafts')
      put('inbox', {}, BOB)
      const all = changes(undefined)
      expect(all.changes.map(changeOf)).to.have.deep.members([
        ['Create', a.itemId.id],
        ['Create', b.itemId.id],
      ])
      expect(all.changes).to.have.length(2)
      expect(all.includesLast).to.equal(true)
      const first = all.changes[0]!
      expect(first.type !== 'Delete' && first.item).to.deep.equal(
        store.getItem(ALICE, first.type !== 'Delete' ? first.item.itemId.id : ''),
      )
    })

    it('from the returned seq, reports nothing when nothing changed', () => {
      put('inbox')
      const { cursor: seq } = changes(undefined)
      expect(changes(seq).changes).to.deep.equal([])
      expect(changes(seq).includesLast).to.equal(true)
      put('drafts')
      put('inbox', {}, BOB)
      expect(changes(seq).changes).to.deep.equal([])
    })

    it('reports each kind of change once: Create, Update, ReadFlagChange, Delete (delete and move out)', () => {
      const updated = put('inbox', { isRead: false })
      const read = put('inbox', { isRead: false })
      const deleted = put('inbox')
      const movedOut = put('inbox')
      const elsewhere = put('drafts')
      const { cursor: seq } = changes(undefined)
      const created = put('inbox')
      store.updateItem(ALICE, updated.itemId.id, { subject: 'Changed' })
      store.updateItem(ALICE, read.itemId.id, { isRead: true })
      store.deleteItem(ALICE, deleted.itemId.id, 'HardDelete')
      store.moveItem(ALICE, movedOut.itemId.id, idOf('drafts'))
      const movedIn = store.moveItem(ALICE, elsewhere.itemId.id, inbox())
      const next = changes(seq)
      expect(next.changes.map(changeOf)).to.have.deep.members([
        ['Create', created.itemId.id],
        ['Update', updated.itemId.id],
        ['ReadFlagChange', read.itemId.id],
        ['Delete', deleted.itemId.id],
        ['Delete', movedOut.itemId.id],
        ['Create', movedIn.itemId.id],
      ])
      expect(next.changes).to.have.length(6)
      const flag = next.changes.find((c) => c.type === 'ReadFlagChange')
      expect(flag?.type === 'ReadFlagChange' && flag.item.isRead).to.equal(true)
      const update = next.changes.find((c) => c.type === 'Update')
      expect(update?.type === 'Update' && update.item.subject).to.equal('Changed')
      expect(changes(next.cursor).changes).to.deep.equal([])
    })

    it('reports a read change and another change, in either order, as one Update', () => {
      const a = put('inbox', { isRead: false })
      const b = put('inbox', { isRead: false })
      const { cursor: seq } = changes(undefined)
      store.updateItem(ALICE, a.itemId.id, { isRead: true })
      store.updateItem(ALICE, a.itemId.id, { subject: 'x' })
      store.updateItem(ALICE, b.itemId.id, { subject: 'y' })
      store.updateItem(ALICE, b.itemId.id, { isRead: true })
      expect(changes(seq).changes.map(changeOf)).to.have.deep.members([
        ['Update', a.itemId.id],
        ['Update', b.itemId.id],
      ])
    })

    it('does not report an item created and deleted (or moved out) within the window', () => {
      const { cursor: seq } = changes(undefined)
      const a = put('inbox')
      store.updateItem(ALICE, a.itemId.id, { subject: 'x' })
      store.deleteItem(ALICE, a.itemId.id, 'HardDelete')
      const b = put('inbox')
      store.moveItem(ALICE, b.itemId.id, idOf('drafts'))
      expect(changes(seq).changes).to.deep.equal([])
      expect(changes(undefined).changes).to.deep.equal([])
    })

    it('reports an item created and changed within the window once, as Create with its current state', () => {
      const { cursor: seq } = changes(undefined)
      const a = put('inbox', { isRead: false })
      store.updateItem(ALICE, a.itemId.id, { subject: 'Final', isRead: true })
      const next = changes(seq).changes
      expect(next.map(changeOf)).to.deep.equal([['Create', a.itemId.id]])
      expect(next[0]!.type !== 'Delete' && next[0]!.item.subject).to.equal('Final')
    })

    it('cuts at max: includesLast false, and the rest follow from the returned seq, nothing lost or repeated', () => {
      const made = Array.from({ length: 7 }, (_, i) => put('inbox', { subject: `I${i}` }))
      const seen: [string, string][] = []
      let since: SyncCursor | undefined
      let rounds = 0
      for (;;) {
        const round = changes(since, 3)
        expect(round.changes.length).to.be.at.most(3)
        seen.push(...round.changes.map(changeOf))
        since = round.cursor
        rounds++
        if (round.includesLast) break
        expect(round.changes.length, 'a cut round is full').to.equal(3)
        expect(rounds).to.be.below(10)
      }
      expect(rounds).to.equal(3)
      expect(seen).to.have.length(7)
      expect(seen).to.have.deep.members(made.map((i) => ['Create', i.itemId.id]))
      expect(changes(since).changes).to.deep.equal([])
    })

    it('cuts an incremental window at max with mixed changes, nothing lost or repeated', () => {
      const old = Array.from({ length: 4 }, () => put('inbox', { isRead: false }))
      let since: SyncCursor | undefined = changes(undefined).cursor
      const fresh = [put('inbox'), put('inbox')]
      store.updateItem(ALICE, old[0]!.itemId.id, { subject: 'u' })
      store.updateItem(ALICE, old[1]!.itemId.id, { isRead: true })
      store.deleteItem(ALICE, old[2]!.itemId.id, 'HardDelete')
      store.moveItem(ALICE, old[3]!.itemId.id, idOf('drafts'))
      const seen: [string, string][] = []
      for (let i = 0; i < 10; i++) {
        const round = changes(since, 2)
        expect(round.changes.length).to.be.at.most(2)
        seen.push(...round.changes.map(changeOf))
        since = round.cursor
        if (round.includesLast) break
      }
      expect(seen).to.have.deep.members([
        ['Create', fresh[0]!.itemId.id],
        ['Create', fresh[1]!.itemId.id],
        ['Update', old[0]!.itemId.id],
        ['ReadFlagChange', old[1]!.itemId.id],
        ['Delete', old[2]!.itemId.id],
        ['Delete', old[3]!.itemId.id],
      ])
      expect(seen).to.have.length(6)
    })

    it('itemSeq grows with every item change and is per mailbox', () => {
      const s0 = store.itemSeq(ALICE)
      const a = put('inbox')
      const s1 = store.itemSeq(ALICE)
      expect(s1).to.be.greaterThan(s0)
      store.updateItem(ALICE, a.itemId.id, { subject: 'x' })
      const s2 = store.itemSeq(ALICE)
      expect(s2).to.be.greaterThan(s1)
      store.deleteItem(ALICE, a.itemId.id, 'HardDelete')
      expect(store.itemSeq(ALICE)).to.be.greaterThan(s2)
      const bob = store.itemSeq(BOB)
      put('inbox')
      expect(store.itemSeq(BOB)).to.equal(bob)
    })

    it('reports what the Missed Conversations search folder shows', () => {
      const missed = missedConversations().folderId.id
      const { cursor: seq } = changes(undefined, 512, missed)
      const im = put('inbox', { itemClass: CLASS.missed, isRead: false })
      put('inbox', { itemClass: CLASS.note })
      const arrived = changes(seq, 512, missed)
      expect(arrived.changes.map(changeOf)).to.deep.equal([['Create', im.itemId.id]])
      store.updateItem(ALICE, im.itemId.id, { isRead: true })
      const read = changes(arrived.cursor, 512, missed)
      expect(read.changes.map(changeOf)).to.deep.equal([['ReadFlagChange', im.itemId.id]])
      store.updateItem(ALICE, im.itemId.id, { itemClass: CLASS.note })
      const left = changes(read.cursor, 512, missed)
      expect(left.changes.map(changeOf)).to.deep.equal([['Delete', im.itemId.id]])
    })
  })

  describe('submit', () => {
    const part = (
      mailbox: string,
      folderId: string,
      overrides: Partial<ItemFields> = {},
      newMail = true,
    ): Submission['create'][number] => ({
      mailbox,
      folderId,
      fields: itemFields(overrides),
      newMail,
    })

    /** Everything a failed submission must leave as it was. */
    const snapshot = () => ({
      alice: [...find(idOf('inbox')), ...find(idOf('drafts')), ...find(idOf('sentitems'))],
      bob: find(idOf('inbox', BOB), {}, BOB),
      counts: [
        countsOf('inbox'),
        countsOf('drafts'),
        countsOf('sentitems'),
        countsOf('inbox', BOB),
      ],
      seqs: [store.itemSeq(ALICE), store.itemSeq(BOB)],
    })

    it('creates every part, in order, and removes the draft', () => {
      const draft = put('drafts', { isDraft: true, subject: 'Draft' })
      const created = store.submit({
        remove: { mailbox: ALICE, itemId: draft.itemId.id },
        create: [
          part(BOB, idOf('inbox', BOB), { subject: 'For Bob' }),
          part(ALICE, idOf('sentitems'), { subject: 'Copy', isRead: true }, false),
        ],
      })
      expect(created.map((i) => [i.mailbox, i.subject, i.parentFolderId.id])).to.deep.equal([
        [BOB, 'For Bob', idOf('inbox', BOB)],
        [ALICE, 'Copy', idOf('sentitems')],
      ])
      expect(store.getItem(BOB, created[0]!.itemId.id)).to.deep.equal(created[0])
      expectEwsError(() => store.getItem(ALICE, draft.itemId.id), 'ErrorItemNotFound')
      expect(find(idOf('drafts'))).to.deep.equal([])
    })

    const failures: {
      name: string
      code: Parameters<typeof expectEwsError>[1]
      bad: () => Submission
    }[] = [
      {
        name: 'a part naming a missing mailbox',
        code: 'ErrorNonExistentMailbox',
        bad: () => ({
          create: [part(BOB, idOf('inbox', BOB)), part(NOBODY, idOf('inbox'))],
        }),
      },
      {
        name: 'a part naming a missing folder',
        code: 'ErrorFolderNotFound',
        bad: () => ({
          create: [
            part(ALICE, idOf('sentitems')),
            part(BOB, encodeId('folder', store.getMailbox(BOB)!.key, new Uint8Array(16).fill(9))),
          ],
        }),
      },
      {
        name: 'a part naming a search folder',
        code: 'ErrorInvalidParentFolder',
        bad: () => ({
          create: [
            part(BOB, idOf('inbox', BOB)),
            part(ALICE, missedConversations().folderId.id, { itemClass: CLASS.missed }),
          ],
        }),
      },
      {
        name: "a part naming another mailbox's folder",
        code: 'ErrorAccessDenied',
        bad: () => ({ create: [part(ALICE, idOf('sentitems')), part(BOB, idOf('inbox'))] }),
      },
      {
        name: 'a removal naming a missing item',
        code: 'ErrorItemNotFound',
        bad: () => ({
          remove: { mailbox: ALICE, itemId: encodeId('item', alice.key, new Uint8Array(16)) },
          create: [part(BOB, idOf('inbox', BOB))],
        }),
      },
    ]

    for (const f of failures) {
      it(`refuses ${f.name} with ${f.code} and changes nothing`, () => {
        put('inbox', { subject: 'Already there' })
        const draft = put('drafts', { isDraft: true })
        const submission = f.bad()
        const withDraft: Submission = {
          remove: submission.remove ?? { mailbox: ALICE, itemId: draft.itemId.id },
          create: submission.create,
        }
        const before = snapshot()
        const events = recordEvents()
        const err = expectEwsError(() => store.submit(withDraft), f.code)
        expect(err).to.be.instanceOf(EwsError)
        expect(snapshot()).to.deep.equal(before)
        expect(store.getItem(ALICE, draft.itemId.id)).to.deep.equal(draft)
        expect(events).to.deep.equal([])
      })
    }
  })

  describe('onEvent', () => {
    it('reports createItem as Created, with the item, its folder, the mailbox and the clock time', () => {
      const events = recordEvents()
      clock.advance(4 * 60_000)
      const item = put('inbox')
      expect(events).to.have.length(1)
      const e = events[0]!
      expect(e.type).to.equal('Created')
      expect(e.mailbox).to.equal(ALICE)
      expect(e.itemId).to.deep.equal(item.itemId)
      expect(e.parentFolderId.id).to.equal(idOf('inbox'))
      expect(e.at.toISOString()).to.equal('2016-06-10T09:04:00.000Z')
      expect(e.oldItemId).to.equal(undefined)
      expect(e.oldParentFolderId).to.equal(undefined)
    })

    it('reports a submitted part as Created, plus NewMail when it is new mail', () => {
      const events = recordEvents()
      const [mail, copy] = store.submit({
        create: [
          {
            mailbox: BOB,
            folderId: idOf('inbox', BOB),
            fields: itemFields(),
            newMail: true,
          },
          {
            mailbox: ALICE,
            folderId: idOf('sentitems'),
            fields: itemFields(),
            newMail: false,
          },
        ],
      })
      expect(events.map((e) => [e.type, e.mailbox, e.itemId.id])).to.have.deep.members([
        ['Created', BOB, mail!.itemId.id],
        ['NewMail', BOB, mail!.itemId.id],
        ['Created', ALICE, copy!.itemId.id],
      ])
      expect(events).to.have.length(3)
    })

    it('reports updateItem as Modified with the new change key', () => {
      const item = put('inbox')
      const events = recordEvents()
      const updated = store.updateItem(ALICE, item.itemId.id, { subject: 'x' })
      expect(events.map((e) => [e.type, e.itemId])).to.deep.equal([['Modified', updated.itemId]])
    })

    it('reports moveItem as Moved, and copyItem as Copied, with the old id and folder', () => {
      const item = put('inbox')
      const events = recordEvents()
      const moved = store.moveItem(ALICE, item.itemId.id, idOf('drafts'))
      const copy = store.copyItem(ALICE, moved.itemId.id, idOf('sentitems'))
      expect(
        events.map((e) => [
          e.type,
          e.itemId.id,
          e.parentFolderId.id,
          e.oldItemId?.id,
          e.oldParentFolderId?.id,
        ]),
      ).to.deep.equal([
        ['Moved', moved.itemId.id, idOf('drafts'), item.itemId.id, idOf('inbox')],
        ['Copied', copy.itemId.id, idOf('sentitems'), moved.itemId.id, idOf('drafts')],
      ])
    })

    it('reports deleteItem as Deleted (hard) or Moved (to Deleted Items)', () => {
      const a = put('inbox')
      const b = put('inbox')
      const events = recordEvents()
      store.deleteItem(ALICE, a.itemId.id, 'HardDelete')
      store.deleteItem(ALICE, b.itemId.id, 'MoveToDeletedItems')
      expect(events.map((e) => [e.type, e.oldItemId?.id ?? e.itemId.id])).to.deep.equal([
        ['Deleted', a.itemId.id],
        ['Moved', b.itemId.id],
      ])
      expect(events[1]!.parentFolderId.id).to.equal(idOf('deleteditems'))
    })

    it('reports a folder deleted hard as one Deleted per item in it or below it', () => {
      const parent = store.createFolder(ALICE, idOf('inbox'), { displayName: 'P', kind: 'Folder' })
      const child = store.createFolder(ALICE, parent.folderId.id, {
        displayName: 'C',
        kind: 'Folder',
      })
      const a = store.createItem(ALICE, parent.folderId.id, itemFields())
      const b = store.createItem(ALICE, child.folderId.id, itemFields())
      const events = recordEvents()
      store.deleteFolder(ALICE, parent.folderId.id, 'HardDelete')
      expect(events.map((e) => [e.type, e.itemId.id])).to.deep.equal([
        ['Deleted', a.itemId.id],
        ['Deleted', b.itemId.id],
      ])
    })

    it('reports markAllItemsAsRead as one Modified per item whose flag changed', () => {
      const a = put('inbox', { isRead: false })
      put('inbox', { isRead: true })
      const events = recordEvents()
      store.markAllItemsAsRead(ALICE, idOf('inbox'), true)
      expect(events.map((e) => [e.type, e.itemId.id])).to.deep.equal([['Modified', a.itemId.id]])
    })

    it('reports nothing for an operation that failed', () => {
      const item = put('inbox')
      const events = recordEvents()
      expectEwsError(
        () => store.moveItem(ALICE, item.itemId.id, missedConversations().folderId.id),
        'ErrorInvalidParentFolder',
      )
      expectEwsError(
        () => store.createItem(ALICE, idOf('inbox', BOB), itemFields()),
        'ErrorAccessDenied',
      )
      expect(events).to.deep.equal([])
    })

    it('the function onEvent returns stops that listener only', () => {
      const kept: StoreEvent[] = []
      const dropped: StoreEvent[] = []
      store.onEvent((e) => kept.push(e))
      const stop = store.onEvent((e) => dropped.push(e))
      put('inbox')
      stop()
      put('inbox')
      expect(kept).to.have.length(2)
      expect(dropped).to.have.length(1)
    })
  })
}
