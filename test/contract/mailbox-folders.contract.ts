/**
 * The folder-tree operations of the MailboxStore contract added for issue 15 (emptyFolder, and
 * later moveFolder / copyFolder): what they change, what they refuse, and that a refusal changes
 * nothing (mock-ews/store/mailbox-store.ts).
 */
import { expect } from 'chai'
import { MISSED_CONVERSATIONS } from '../../mock-ews/domain/folders.ts'
import type { Folder } from '../../mock-ews/domain/folders.ts'
import type { MailboxStore } from '../../mock-ews/store/mailbox-store.ts'
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
}
