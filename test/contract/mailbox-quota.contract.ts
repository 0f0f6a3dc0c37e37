/**
 * The quota half of the MailboxStore contract (mailboxSize, setQuota): the running total is the
 * sum of the items' sizes after every kind of change, and a write over the quota changes nothing.
 */
import { expect } from 'chai'
import type { Item, ItemFields } from '../../mock-ews/domain/items.ts'
import type { MailboxStore } from '../../mock-ews/store/mailbox-store.ts'
import { FakeClock } from '../../mock-ews/support/clock.ts'
import type { Clock } from '../../mock-ews/support/clock.ts'
import { ALICE, BOB, itemFields } from '../helpers/items.ts'
import { expectEwsError } from './mailbox-store.contract.ts'

export function runMailboxQuotaContract(makeStore: (clock: Clock) => MailboxStore): void {
  let store: MailboxStore
  const idOf = (name: string, mailbox = ALICE): string =>
    store.getDistinguishedFolder(mailbox, name).folderId.id
  const put = (name: string, overrides: Partial<ItemFields> = {}, mailbox = ALICE): Item =>
    store.createItem(mailbox, idOf(name, mailbox), itemFields(overrides))
  /** The sum of the sizes of every item of the mailbox, read item by item. */
  const summed = (mailbox = ALICE): number => {
    const root = store.getDistinguishedFolder(mailbox, 'root')
    return [root, ...store.findFolders(mailbox, root.folderId.id, true)]
      .filter((f) => !f.searchItemClassPrefixes)
      .flatMap((f) => store.findItems(mailbox, f.folderId.id, { view: { kind: 'all' } }).items)
      .reduce((n, i) => n + i.size, 0)
  }
  const text = (n: number): ItemFields['body'] => ({ type: 'Text', text: 'x'.repeat(n) })

  beforeEach(() => {
    store = makeStore(new FakeClock('2016-06-10T09:00:00Z'))
    store.createMailbox({ address: ALICE, displayName: 'Alice Wood', generation: 2016 })
    store.createMailbox({ address: BOB, displayName: 'Bob Kelly', generation: 2016 })
  })

  describe('mailboxSize', () => {
    it('is 0 for a new mailbox', () => {
      expect(store.mailboxSize(ALICE)).to.equal(0)
    })

    it('is the sum of the item sizes after creates, updates, moves, copies and deletes', () => {
      const a = put('inbox', { body: text(1000) })
      const b = put('drafts', { body: text(2000) })
      expect(store.mailboxSize(ALICE)).to.equal(a.size + b.size)
      const grown = store.updateItem(ALICE, a.itemId.id, { body: text(5000) })
      expect(grown.size).to.be.greaterThan(a.size)
      expect(store.mailboxSize(ALICE)).to.equal(grown.size + b.size)
      store.updateItem(ALICE, grown.itemId.id, { subject: '' })
      expect(store.mailboxSize(ALICE)).to.equal(summed())
      const moved = store.moveItem(ALICE, b.itemId.id, idOf('sentitems'))
      expect(store.mailboxSize(ALICE)).to.equal(summed())
      store.copyItem(ALICE, moved.itemId.id, idOf('inbox'))
      expect(store.mailboxSize(ALICE)).to.equal(summed())
      store.deleteItem(ALICE, moved.itemId.id, 'MoveToDeletedItems')
      expect(store.mailboxSize(ALICE)).to.equal(summed())
      store.deleteItem(ALICE, grown.itemId.id, 'HardDelete')
      store.markAllItemsAsRead(ALICE, idOf('inbox'), true)
      expect(store.mailboxSize(ALICE)).to.equal(summed())
      expect(store.mailboxSize(ALICE)).to.equal(b.size * 2)
    })

    it('drops the items of a deleted folder from the total', () => {
      const parent = store.createFolder(ALICE, idOf('inbox'), {
        displayName: 'Projects',
        kind: 'Folder',
      })
      const child = store.createFolder(ALICE, parent.folderId.id, {
        displayName: 'Q3',
        kind: 'Folder',
      })
      store.createItem(ALICE, child.folderId.id, itemFields({ body: text(3000) }))
      const kept = put('inbox')
      store.deleteFolder(ALICE, parent.folderId.id, 'HardDelete')
      expect(store.mailboxSize(ALICE)).to.equal(kept.size)
    })

    it('follows submissions: deliveries add, the draft sent leaves', () => {
      const draft = put('drafts', { body: text(4000) })
      const [delivered] = store.submit({
        remove: { mailbox: ALICE, itemId: draft.itemId.id },
        create: [
          { mailbox: BOB, folderId: idOf('inbox', BOB), fields: itemFields(), newMail: true },
        ],
      })
      expect(store.mailboxSize(ALICE)).to.equal(0)
      expect(store.mailboxSize(BOB)).to.equal(delivered!.size)
    })

    it('is per mailbox', () => {
      const a = put('inbox')
      expect(store.mailboxSize(BOB)).to.equal(0)
      expect(store.mailboxSize(ALICE)).to.equal(a.size)
    })
  })

  describe('setQuota', () => {
    it('refuses a create that would go over it with ErrorQuotaExceeded, storing nothing', () => {
      const first = put('inbox', { body: text(1000) })
      store.setQuota(ALICE, first.size * 2)
      put('inbox', { body: text(1000) }) // exactly at the quota
      const seq = store.itemSeq(ALICE)
      expectEwsError(() => put('drafts', { body: text(1) }), 'ErrorQuotaExceeded')
      expect(store.mailboxSize(ALICE)).to.equal(first.size * 2)
      expect(store.itemSeq(ALICE)).to.equal(seq)
      expect(store.getDistinguishedFolder(ALICE, 'drafts').totalCount).to.equal(0)
    })

    it('refuses a copy and a growing update over it, and takes moves, shrinking updates and deletes', () => {
      const a = put('inbox', { body: text(1000) })
      store.setQuota(ALICE, a.size + 100)
      expectEwsError(() => store.copyItem(ALICE, a.itemId.id, idOf('drafts')), 'ErrorQuotaExceeded')
      expectEwsError(
        () => store.updateItem(ALICE, a.itemId.id, { body: text(1200) }),
        'ErrorQuotaExceeded',
      )
      expect(store.getItem(ALICE, a.itemId.id).body.text).to.have.length(1000)
      const moved = store.moveItem(ALICE, a.itemId.id, idOf('drafts'))
      const smaller = store.updateItem(ALICE, moved.itemId.id, { body: text(10) })
      expect(store.mailboxSize(ALICE)).to.equal(smaller.size)
      store.setQuota(ALICE, 0)
      store.updateItem(ALICE, smaller.itemId.id, { isRead: true })
      store.deleteItem(ALICE, smaller.itemId.id, 'HardDelete')
      expect(store.mailboxSize(ALICE)).to.equal(0)
    })

    it('refuses a whole submission when one part would go over, changing no mailbox', () => {
      const draft = put('drafts')
      store.setQuota(BOB, 100)
      const fields = itemFields()
      expectEwsError(
        () =>
          store.submit({
            remove: { mailbox: ALICE, itemId: draft.itemId.id },
            create: [
              { mailbox: ALICE, folderId: idOf('sentitems'), fields, newMail: false },
              { mailbox: BOB, folderId: idOf('inbox', BOB), fields, newMail: true },
            ],
          }),
        'ErrorQuotaExceeded',
      )
      expect(store.getItem(ALICE, draft.itemId.id).subject).to.equal(draft.subject)
      expect(store.mailboxSize(ALICE)).to.equal(draft.size)
      expect(store.mailboxSize(BOB)).to.equal(0)
    })

    it('counts the draft leaving when a submission goes back into the same mailbox', () => {
      const draft = put('drafts', { body: text(500) })
      store.setQuota(ALICE, draft.size)
      const fields = itemFields({ body: text(500) })
      store.submit({
        remove: { mailbox: ALICE, itemId: draft.itemId.id },
        create: [{ mailbox: ALICE, folderId: idOf('sentitems'), fields, newMail: false }],
      })
      expect(store.mailboxSize(ALICE)).to.equal(draft.size)
    })
  })
}
