/**
 * The folder-tree operations of the MailboxStore contract added for issue 15 (emptyFolder, and
 * later moveFolder / copyFolder): what they change, what they refuse, and that a refusal changes
 * nothing (mock-ews/store/mailbox-store.ts).
 */
import { expect } from 'chai'
import { MISSED_CONVERSATIONS } from '../../mock-ews/domain/folders.ts'
import type { Folder } from '../../mock-ews/domain/folders.ts'
import type { MailboxStore, StoreEvent } from '../../mock-ews/store/mailbox-store.ts'
import { FakeClock } from '../../mock-ews/support/clock.ts'
import type { Clock } from '../../mock-ews/support/clock.ts'
import { ALICE, itemFields } from '../helpers/items.ts'
import { expectEwsError } from './mailbox-store.contract.ts'

export function runMailboxFoldersContract(makeStore: (clock: Clock) => MailboxStore): void {
  let store: MailboxStore
  const idOf = (name: string): string => store.getDistinguishedFolder(ALICE, name).folderId.id
  const make = (parentId: string, displayName: string): Folder =>
    store.createFolder(ALICE, parentId, { displayName, kind: 'Folder' })
  const put = (folderId: string, subject = 'Hello'): void => {
    store.createItem(ALICE, folderId, itemFields({ subject }))
  }
  const subjects = (folderId: string): string[] =>
    store.findItems(ALICE, folderId, { view: { kind: 'all' } }).items.map((i) => i.subject)
  const children = (folderId: string): string[] =>
    store.findFolders(ALICE, folderId, false).map((f) => f.displayName)

  beforeEach(() => {
    store = makeStore(new FakeClock('2016-06-10T09:00:00Z'))
    store.createMailbox({ address: ALICE, displayName: 'Alice Wood', generation: 2016 })
  })

  describe('emptyFolder', () => {
    it('hard-deletes the items of a folder and keeps its subfolders', () => {
      put(idOf('inbox'), 'a')
      const sub = make(idOf('inbox'), 'Sub')
      put(sub.folderId.id, 'b')
      store.emptyFolder(ALICE, idOf('inbox'), 'HardDelete', false)
      expect(subjects(idOf('inbox'))).to.deep.equal([])
      expect(subjects(sub.folderId.id)).to.deep.equal(['b'])
      expect(store.getFolder(ALICE, idOf('inbox')).totalCount).to.equal(0)
      expect(store.mailboxSize(ALICE)).to.be.greaterThan(0)
    })

    it('removes the subfolders and their items with deleteSubFolders', () => {
      put(idOf('inbox'), 'a')
      const sub = make(idOf('inbox'), 'Sub')
      put(make(sub.folderId.id, 'Deeper').folderId.id, 'c')
      store.emptyFolder(ALICE, idOf('inbox'), 'HardDelete', true)
      expect(children(idOf('inbox'))).to.deep.equal([])
      expect(store.getFolder(ALICE, idOf('inbox')).childFolderCount).to.equal(0)
      expect(store.mailboxSize(ALICE)).to.equal(0)
    })

    it('moves items and subfolders to Deleted Items with MoveToDeletedItems', () => {
      put(idOf('inbox'), 'a')
      make(idOf('inbox'), 'Sub')
      store.emptyFolder(ALICE, idOf('inbox'), 'MoveToDeletedItems', true)
      expect(subjects(idOf('deleteditems'))).to.deep.equal(['a'])
      expect(children(idOf('deleteditems'))).to.deep.equal(['Sub'])
      expect(subjects(idOf('inbox'))).to.deep.equal([])
    })

    it('deletes for good what is in Deleted Items, whatever the mode', () => {
      put(idOf('deleteditems'), 'gone')
      store.emptyFolder(ALICE, idOf('deleteditems'), 'MoveToDeletedItems', false)
      expect(subjects(idOf('deleteditems'))).to.deep.equal([])
      expect(store.mailboxSize(ALICE)).to.equal(0)
    })

    it('refuses a search folder (ErrorCannotEmptyFolder)', () => {
      const search = store
        .findFolders(ALICE, idOf('root'), true)
        .find((f) => f.displayName === MISSED_CONVERSATIONS)!
      expectEwsError(
        () => store.emptyFolder(ALICE, search.folderId.id, 'HardDelete', false),
        'ErrorCannotEmptyFolder',
      )
    })

    it('refuses, changing nothing, when a well-known folder would go with the subfolders', () => {
      put(idOf('msgfolderroot'), 'kept')
      expectEwsError(
        () => store.emptyFolder(ALICE, idOf('msgfolderroot'), 'HardDelete', true),
        'ErrorDeleteDistinguishedFolder',
      )
      expect(subjects(idOf('msgfolderroot'))).to.deep.equal(['kept'])
      expect(children(idOf('msgfolderroot'))).to.include('Inbox')
    })
  })

  describe('moveFolder', () => {
    it('moves a folder with its subtree and items, keeping its id', () => {
      const a = make(idOf('inbox'), 'A')
      const b = make(a.folderId.id, 'B')
      put(b.folderId.id, 'deep')
      const moved = store.moveFolder(ALICE, a.folderId.id, idOf('drafts'))
      expect(moved.folderId.id).to.equal(a.folderId.id)
      expect(moved.parentFolderId!.id).to.equal(idOf('drafts'))
      expect(children(idOf('inbox'))).to.deep.equal([])
      expect(children(idOf('drafts'))).to.deep.equal(['A'])
      expect(subjects(b.folderId.id)).to.deep.equal(['deep'])
    })

    it('refuses well-known folders, cycles, search folder targets and names taken; changes nothing', () => {
      const a = make(idOf('inbox'), 'A')
      const b = make(a.folderId.id, 'B')
      make(idOf('drafts'), 'a')
      const search = store
        .findFolders(ALICE, idOf('root'), true)
        .find((f) => f.displayName === MISSED_CONVERSATIONS)!
      const refusals = [
        [idOf('inbox'), idOf('drafts'), 'ErrorMoveDistinguishedFolder'],
        [a.folderId.id, b.folderId.id, 'ErrorMoveCopyFailed'],
        [a.folderId.id, a.folderId.id, 'ErrorMoveCopyFailed'],
        [a.folderId.id, search.folderId.id, 'ErrorInvalidParentFolder'],
        [a.folderId.id, idOf('drafts'), 'ErrorFolderExists'],
      ] as const
      for (const [from, to, code] of refusals)
        expectEwsError(() => store.moveFolder(ALICE, from, to), code)
      expect(children(idOf('inbox'))).to.deep.equal(['A'])
      expect(children(a.folderId.id)).to.deep.equal(['B'])
    })
  })

  describe('copyFolder', () => {
    it('copies the subtree and its items with new ids; the original stays', () => {
      const a = make(idOf('inbox'), 'A')
      const b = make(a.folderId.id, 'B')
      put(a.folderId.id, 'top')
      put(b.folderId.id, 'deep')
      const sizeBefore = store.mailboxSize(ALICE)
      const copy = store.copyFolder(ALICE, a.folderId.id, idOf('drafts'))
      expect(copy.folderId.id).to.not.equal(a.folderId.id)
      expect(copy.displayName).to.equal('A')
      expect(copy.childFolderCount).to.equal(1)
      expect(subjects(copy.folderId.id)).to.deep.equal(['top'])
      const bCopy = store.findFolders(ALICE, copy.folderId.id, false)[0]!
      expect(bCopy.folderId.id).to.not.equal(b.folderId.id)
      expect(subjects(bCopy.folderId.id)).to.deep.equal(['deep'])
      expect(subjects(b.folderId.id)).to.deep.equal(['deep'])
      expect(store.mailboxSize(ALICE)).to.equal(sizeBefore * 2)
    })

    it('copies a well-known folder as a plain folder', () => {
      const archive = make(idOf('msgfolderroot'), 'Archive')
      const copy = store.copyFolder(ALICE, idOf('inbox'), archive.folderId.id)
      expect(copy.distinguishedId).to.equal(undefined)
      expect(copy.displayName).to.equal('Inbox')
      expect(store.getDistinguishedFolder(ALICE, 'inbox').folderId.id).to.equal(idOf('inbox'))
    })

    it('refuses cycles, names taken and search folders, and the quota, creating nothing', () => {
      const a = make(idOf('inbox'), 'A')
      put(a.folderId.id, 'x')
      expectEwsError(
        () => store.copyFolder(ALICE, a.folderId.id, a.folderId.id),
        'ErrorMoveCopyFailed',
      )
      expectEwsError(
        () => store.copyFolder(ALICE, a.folderId.id, idOf('inbox')),
        'ErrorFolderExists',
      )
      expectEwsError(
        () => store.copyFolder(ALICE, idOf('searchfolders'), a.folderId.id),
        'ErrorMoveCopyFailed',
      )
      store.setQuota(ALICE, store.mailboxSize(ALICE))
      expectEwsError(
        () => store.copyFolder(ALICE, a.folderId.id, idOf('drafts')),
        'ErrorQuotaExceeded',
      )
      expect(children(idOf('drafts'))).to.deep.equal([])
      expect(children(a.folderId.id)).to.deep.equal([])
    })
  })

  describe('folder events (onEvent)', () => {
    it('reports moveFolder as Moved with the same id and the old parent, copyFolder as Copied', () => {
      const a = make(idOf('inbox'), 'A')
      const events: StoreEvent[] = []
      store.onEvent((e) => events.push(e))
      store.moveFolder(ALICE, a.folderId.id, idOf('drafts'))
      const copy = store.copyFolder(ALICE, a.folderId.id, idOf('inbox'))
      store.emptyFolder(ALICE, idOf('inbox'), 'HardDelete', true)
      expect(
        events.map((e) =>
          'folderId' in e
            ? [
                e.type,
                e.folderId.id,
                e.parentFolderId.id,
                e.oldFolderId?.id,
                e.oldParentFolderId?.id,
              ]
            : [e.type],
        ),
      ).to.deep.equal([
        ['Moved', a.folderId.id, idOf('drafts'), a.folderId.id, idOf('inbox')],
        ['Copied', copy.folderId.id, idOf('inbox'), a.folderId.id, idOf('drafts')],
        ['Deleted', copy.folderId.id, idOf('inbox'), undefined, undefined],
      ])
    })
  })
}
