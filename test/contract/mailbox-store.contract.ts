/**
 * The MailboxStore contract: every store implementation's test calls `runMailboxStoreContract`
 * with a factory for fresh, empty stores (hono's `runTest({ newRouter })`).
 * Behaviour is taken from the interface's documentation (mock-ews/store/mailbox-store.ts), the folder
 * model (mock-ews/domain/folders.ts, DESIGN.md "Folders") and reference/ews-protocol.md §2.5-§4.
 */
import { expect } from 'chai'
import { EwsError } from '../../mock-ews/domain/errors.ts'
import type { EwsResponseCode } from '../../mock-ews/domain/errors.ts'
import {
  MISSED_CONVERSATIONS,
  WELL_KNOWN_FOLDERS,
  wellKnownFoldersFor,
} from '../../mock-ews/domain/folders.ts'
import type { Folder } from '../../mock-ews/domain/folders.ts'
import { encodeId } from '../../mock-ews/domain/ids.ts'
import type { IdGenerator } from '../../mock-ews/support/ids.ts'
import { seededIds } from '../../mock-ews/support/ids.ts'
import type {
  HierarchyChange,
  MailboxInfo,
  MailboxStore,
} from '../../mock-ews/store/mailbox-store.ts'
import type { MailboxGeneration } from '../../mock-ews/topology/profiles.ts'

export interface MailboxStoreContractOptions {
  /**
   * Builds a store that takes its id bytes from `ids`. When given, the contract also checks that
   * the store is deterministic (same generator, same calls → same ids and change keys).
   */
  withIds?: (ids: IdGenerator) => MailboxStore
}

const ALICE = 'alice@contoso.com'
const BOB = 'bob@contoso.com'
const NOBODY = 'nobody@contoso.com'
const GENERATIONS: readonly MailboxGeneration[] = [2010, 2013, 2016, 2019, 'online']
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/

/** Runs `fn`, expects an EwsError with `code`, and returns it. */
export function expectEwsError(fn: () => unknown, code: EwsResponseCode): EwsError {
  let thrown: unknown
  try {
    fn()
  } catch (e) {
    thrown = e
  }
  expect(thrown, `expected EwsError ${code}, but nothing was thrown`).to.not.equal(undefined)
  expect(thrown, `expected EwsError ${code}, got ${String(thrown)}`).to.be.instanceOf(EwsError)
  expect((thrown as EwsError).code).to.equal(code)
  return thrown as EwsError
}

function isBase64(s: string): boolean {
  return (
    s.length > 0 &&
    s.length % 4 === 0 &&
    BASE64.test(s) &&
    Buffer.from(s, 'base64').toString('base64') === s
  )
}

/** Asserts that `list` is a depth-first (pre-order) walk of the subtree below `rootId`. */
function expectDepthFirst(list: readonly Folder[], rootId: string): void {
  const path: string[] = []
  for (const f of list) {
    const parent = f.parentFolderId?.id
    while (path.length > 0 && path[path.length - 1] !== parent) path.pop()
    if (path.length === 0) {
      expect(
        parent,
        `${f.displayName} appears outside the subtree of the folder before it`,
      ).to.equal(rootId)
    }
    path.push(f.folderId.id)
  }
}

function changesOf(changes: HierarchyChange[], folderId: string): HierarchyChange[] {
  return changes.filter(
    (c) => (c.type === 'Delete' ? c.folderId : c.folder.folderId.id) === folderId,
  )
}

export function runMailboxStoreContract(
  makeStore: () => MailboxStore,
  options: MailboxStoreContractOptions = {},
): void {
  let store: MailboxStore
  let alice: MailboxInfo

  const folder = (name: string, mailbox = ALICE): Folder =>
    store.getDistinguishedFolder(mailbox, name)
  const idOf = (name: string, mailbox = ALICE): string => folder(name, mailbox).folderId.id
  const create = (parentId: string, displayName: string, mailbox = ALICE): Folder =>
    store.createFolder(mailbox, parentId, { displayName, kind: 'Folder', folderClass: 'IPF.Note' })
  const missedConversations = (mailbox = ALICE): Folder => {
    const found = store
      .findFolders(mailbox, idOf('searchfolders', mailbox), false)
      .filter((f) => f.displayName === MISSED_CONVERSATIONS)
    expect(found).to.have.length(1)
    return found[0]!
  }

  beforeEach(() => {
    store = makeStore()
    alice = store.createMailbox({ address: ALICE, displayName: 'Alice Wood', generation: 2016 })
  })

  describe('mailboxes', () => {
    it('createMailbox returns the lower-cased address, display name, generation and a hex key', () => {
      const carol = store.createMailbox({
        address: 'Carol@Fabrikam.COM',
        displayName: 'Carol Ruiz',
        generation: 'online',
      })
      expect(carol.address).to.equal('carol@fabrikam.com')
      expect(carol.displayName).to.equal('Carol Ruiz')
      expect(carol.generation).to.equal('online')
      expect(carol.key).to.match(/^[0-9a-f]{32}$/)
    })

    it('refuses a second mailbox with the same address, in any case, and keeps the first one', () => {
      const inboxBefore = folder('inbox')
      const err = expectEwsErrorAny(() =>
        store.createMailbox({
          address: 'ALICE@contoso.com',
          displayName: 'Other',
          generation: 2010,
        }),
      )
      expect(err).to.be.instanceOf(EwsError)
      expect(store.getMailbox(ALICE)).to.deep.equal(alice)
      expect(folder('inbox')).to.deep.equal(inboxBefore)
      expect(folder('conversationhistory').displayName).to.equal('Conversation History')
      expect(store.listMailboxes()).to.have.length(1)
    })

    it('getMailbox finds a mailbox whatever the case of the address', () => {
      expect(store.getMailbox('ALICE@Contoso.Com')).to.deep.equal(alice)
      expect(store.getMailbox(ALICE)?.address).to.equal(ALICE)
    })

    it('getMailbox returns undefined for an unknown address', () => {
      expect(store.getMailbox(NOBODY)).to.equal(undefined)
    })

    it('listMailboxes lists every mailbox once', () => {
      store.createMailbox({ address: BOB, displayName: 'Bob Kelly', generation: 2013 })
      expect(
        store
          .listMailboxes()
          .map((m) => m.address)
          .sort(),
      ).to.deep.equal([ALICE, BOB])
    })

    it('gives every mailbox a different key', () => {
      const bob = store.createMailbox({ address: BOB, displayName: 'Bob Kelly', generation: 2016 })
      expect(bob.key).to.not.equal(alice.key)
    })

    it('folder operations accept the mailbox address in any case', () => {
      const inbox = store.getDistinguishedFolder('Alice@CONTOSO.com', 'inbox')
      expect(store.getFolder('ALICE@contoso.com', inbox.folderId.id).folderId.id).to.equal(
        inbox.folderId.id,
      )
      const sub = create(inbox.folderId.id, 'Sub', 'alice@CONTOSO.COM')
      expect(sub.mailbox).to.equal(ALICE)
    })

    it('changing a returned MailboxInfo or list changes nothing in the store', () => {
      const info = store.getMailbox(ALICE)!
      try {
        ;(info as { displayName: string }).displayName = 'Mallory'
      } catch {
        // a frozen object refuses the write: also fine
      }
      store.listMailboxes().pop()
      expect(store.getMailbox(ALICE)?.displayName).to.equal('Alice Wood')
      expect(store.listMailboxes()).to.have.length(1)
    })
  })

  describe('well-known folders', () => {
    for (const generation of GENERATIONS) {
      describe(`a ${String(generation)} mailbox`, () => {
        const address = `user${String(generation)}@contoso.com`
        beforeEach(() => {
          store.createMailbox({ address, displayName: 'User', generation })
        })

        it('has every well-known folder of its generation under the right parent', () => {
          const expected = wellKnownFoldersFor(generation)
          for (const w of expected) {
            if (w.distinguishedId === undefined) continue
            const f = store.getDistinguishedFolder(address, w.distinguishedId)
            expect(f.distinguishedId, w.distinguishedId).to.equal(w.distinguishedId)
            expect(f.displayName, w.distinguishedId).to.equal(w.displayName)
            expect(f.kind, w.distinguishedId).to.equal(w.kind)
            expect(f.folderClass, w.distinguishedId).to.equal(w.folderClass)
            expect(f.mailbox, w.distinguishedId).to.equal(address)
            const parentId =
              w.parent === undefined
                ? undefined
                : store.getDistinguishedFolder(address, w.parent).folderId.id
            expect(f.parentFolderId?.id, `parent of ${w.distinguishedId}`).to.equal(parentId)
          }
          const root = store.getDistinguishedFolder(address, 'root')
          expect(store.findFolders(address, root.folderId.id, true)).to.have.length(
            expected.length - 1,
          )
        })

        it('has the folders every mailbox has (DESIGN.md "Folders")', () => {
          for (const name of [
            'root',
            'msgfolderroot',
            'inbox',
            'drafts',
            'sentitems',
            'deleteditems',
            'outbox',
            'junkemail',
            'searchfolders',
          ]) {
            expect(store.getDistinguishedFolder(address, name).distinguishedId).to.equal(name)
          }
        })

        if (generation === 2010) {
          it('has no conversationhistory, nor any other folder that came with Exchange 2013', () => {
            expectEwsError(
              () => store.getDistinguishedFolder(address, 'conversationhistory'),
              'ErrorFolderNotFound',
            )
            for (const w of WELL_KNOWN_FOLDERS.filter(
              (x) => x.since === 2013 && x.distinguishedId,
            )) {
              expectEwsError(
                () => store.getDistinguishedFolder(address, w.distinguishedId!),
                'ErrorFolderNotFound',
              )
            }
          })
        } else {
          it('has conversationhistory under msgfolderroot', () => {
            const ch = store.getDistinguishedFolder(address, 'conversationhistory')
            expect(ch.displayName).to.equal('Conversation History')
            expect(ch.parentFolderId?.id).to.equal(
              store.getDistinguishedFolder(address, 'msgfolderroot').folderId.id,
            )
          })
        }

        it('has a root without a parent', () => {
          const root = store.getDistinguishedFolder(address, 'root')
          expect(root.parentFolderId).to.equal(undefined)
          expect(root.displayName).to.equal('Root')
        })

        it('has the "Missed Conversations" search folder under searchfolders', () => {
          const searchfolders = store.getDistinguishedFolder(address, 'searchfolders')
          const missed = store
            .findFolders(address, searchfolders.folderId.id, false)
            .filter((f) => f.displayName === MISSED_CONVERSATIONS)
          expect(missed).to.have.length(1)
          expect(missed[0]!.kind).to.equal('SearchFolder')
          expect(missed[0]!.distinguishedId).to.equal(undefined)
          expect(missed[0]!.parentFolderId?.id).to.equal(searchfolders.folderId.id)
          expect(missed[0]!.searchItemClassPrefixes).to.deep.equal(['IPM.Note.Microsoft.Missed'])
        })

        it('reports as childFolderCount the number of children of every folder', () => {
          const root = store.getDistinguishedFolder(address, 'root')
          for (const f of [root, ...store.findFolders(address, root.folderId.id, true)]) {
            expect(f.childFolderCount, f.displayName).to.equal(
              store.findFolders(address, f.folderId.id, false).length,
            )
          }
        })
      })
    }
  })

  describe('ids and change keys', () => {
    it('are base64, and ids are unique across mailboxes', () => {
      store.createMailbox({ address: BOB, displayName: 'Bob', generation: 2016 })
      const ids = new Set<string>()
      for (const mailbox of [ALICE, BOB]) {
        const root = folder('root', mailbox)
        for (const f of [root, ...store.findFolders(mailbox, root.folderId.id, true)]) {
          expect(isBase64(f.folderId.id), f.folderId.id).to.equal(true)
          expect(isBase64(f.folderId.changeKey), f.folderId.changeKey).to.equal(true)
          ids.add(f.folderId.id)
        }
      }
      const count = wellKnownFoldersFor(2016).length * 2
      expect(ids.size).to.equal(count)
    })

    it('gives a new folder an id different from every other folder', () => {
      const root = folder('root')
      const existing = new Set(
        [root, ...store.findFolders(ALICE, root.folderId.id, true)].map((f) => f.folderId.id),
      )
      const a = create(idOf('inbox'), 'A')
      const b = create(idOf('inbox'), 'B')
      expect(existing.has(a.folderId.id)).to.equal(false)
      expect(existing.has(b.folderId.id)).to.equal(false)
      expect(a.folderId.id).to.not.equal(b.folderId.id)
    })
  })

  describe('getFolder and getDistinguishedFolder', () => {
    it('getFolder returns the same folder as getDistinguishedFolder', () => {
      const inbox = folder('inbox')
      expect(store.getFolder(ALICE, inbox.folderId.id)).to.deep.equal(inbox)
    })

    it('return snapshots: changing a returned folder changes nothing in the store', () => {
      const sub = create(idOf('inbox'), 'Sub')
      const ids = [idOf('inbox'), sub.folderId.id]
      const before = ids.map((id) => structuredClone(store.getFolder(ALICE, id)))
      const vandalise = (f: Folder | undefined): void => {
        const m = f as unknown as Record<string, unknown>
        m.displayName = 'Hacked'
        m.childFolderCount = 99
        m.kind = 'SearchFolder'
        f!.folderId.changeKey = 'AAAA'
        if (f!.parentFolderId) f!.parentFolderId.id = 'AAAA'
      }
      const unchanged = (): void => {
        ids.forEach((id, i) => expect(store.getFolder(ALICE, id)).to.deep.equal(before[i]))
      }
      // Every way a folder comes out of the store.
      vandalise(sub)
      unchanged()
      for (const id of ids) vandalise(store.getFolder(ALICE, id))
      unchanged()
      vandalise(folder('inbox'))
      unchanged()
      store.findFolders(ALICE, idOf('msgfolderroot'), true).forEach(vandalise)
      unchanged()
      for (const c of store.hierarchyChanges(ALICE, idOf('root'), undefined).changes) {
        if (c.type !== 'Delete') vandalise(c.folder)
      }
      unchanged()
      vandalise(store.renameFolder(ALICE, sub.folderId.id, 'Sub'))
      before[1] = structuredClone(store.getFolder(ALICE, sub.folderId.id))
      expect(before[1]!.displayName).to.equal('Sub')
      unchanged()
      expect(folder('inbox')).to.deep.equal(before[0])
      expect(store.findFolders(ALICE, idOf('inbox'), false)).to.deep.equal([before[1]])
    })

    it('return snapshots: a folder returned earlier does not follow later changes', () => {
      const sub = create(idOf('inbox'), 'Sub')
      const copy = structuredClone(sub)
      store.renameFolder(ALICE, sub.folderId.id, 'Renamed')
      create(sub.folderId.id, 'Child')
      expect(sub).to.deep.equal(copy)
    })

    it('getDistinguishedFolder refuses a name the mailbox has no folder for with ErrorFolderNotFound', () => {
      expectEwsError(() => store.getDistinguishedFolder(ALICE, 'voicemail'), 'ErrorFolderNotFound')
      expectEwsError(
        () => store.getDistinguishedFolder(ALICE, 'nosuchfolder'),
        'ErrorFolderNotFound',
      )
    })
  })

  describe('errors', () => {
    // Every method that takes a folder id, with that id in place.
    const byId: Record<string, (s: MailboxStore, mailbox: string, id: string) => unknown> = {
      getFolder: (s, m, id) => s.getFolder(m, id),
      findFolders: (s, m, id) => s.findFolders(m, id, true),
      createFolder: (s, m, id) => s.createFolder(m, id, { displayName: 'X', kind: 'Folder' }),
      renameFolder: (s, m, id) => s.renameFolder(m, id, 'X'),
      deleteFolder: (s, m, id) => s.deleteFolder(m, id, 'HardDelete'),
      hierarchyChanges: (s, m, id) => s.hierarchyChanges(m, id, undefined),
    }

    for (const [name, call] of Object.entries(byId)) {
      describe(name, () => {
        it('refuses an id that is not one of ours with ErrorInvalidIdMalformed', () => {
          for (const bad of [
            'not-an-id',
            'AAAA',
            'AQID',
            Buffer.alloc(34).toString('base64'),
            '%%%%',
          ]) {
            expectEwsError(() => call(store, ALICE, bad), 'ErrorInvalidIdMalformed')
          }
        })

        it('refuses an empty id with ErrorInvalidIdEmpty', () => {
          expectEwsError(() => call(store, ALICE, ''), 'ErrorInvalidIdEmpty')
        })

        it('refuses an unknown folder of this mailbox with ErrorFolderNotFound', () => {
          const unknown = encodeId('folder', alice.key, new Uint8Array(16).fill(0xab))
          expectEwsError(() => call(store, ALICE, unknown), 'ErrorFolderNotFound')
        })

        it("refuses another mailbox's folder with ErrorAccessDenied", () => {
          store.createMailbox({ address: BOB, displayName: 'Bob', generation: 2016 })
          const bobsInbox = idOf('inbox', BOB)
          expectEwsError(() => call(store, ALICE, bobsInbox), 'ErrorAccessDenied')
          expect(store.findFolders(BOB, bobsInbox, false)).to.deep.equal([])
          expect(folder('inbox', BOB).displayName).to.equal('Inbox')
        })

        it('refuses an item id with ErrorCannotUseItemIdForFolderId', () => {
          const itemId = encodeId('item', alice.key, new Uint8Array(16).fill(7))
          expectEwsError(() => call(store, ALICE, itemId), 'ErrorCannotUseItemIdForFolderId')
        })

        it('refuses an unknown mailbox with ErrorNonExistentMailbox', () => {
          const inbox = idOf('inbox')
          expectEwsError(() => call(store, NOBODY, inbox), 'ErrorNonExistentMailbox')
        })
      })
    }

    it('getDistinguishedFolder and hierarchySeq refuse an unknown mailbox with ErrorNonExistentMailbox', () => {
      expectEwsError(() => store.getDistinguishedFolder(NOBODY, 'inbox'), 'ErrorNonExistentMailbox')
      expectEwsError(() => store.hierarchySeq(NOBODY), 'ErrorNonExistentMailbox')
    })

    it('a deleted folder is not found any more', () => {
      const sub = create(idOf('inbox'), 'Sub')
      store.deleteFolder(ALICE, sub.folderId.id, 'HardDelete')
      expectEwsError(() => store.getFolder(ALICE, sub.folderId.id), 'ErrorFolderNotFound')
    })
  })

  describe('createFolder', () => {
    it('creates a folder under its parent with the given properties', () => {
      const inbox = folder('inbox')
      const sub = store.createFolder(ALICE, inbox.folderId.id, {
        displayName: 'People',
        kind: 'ContactsFolder',
        folderClass: 'IPF.Contact',
      })
      expect(sub.displayName).to.equal('People')
      expect(sub.kind).to.equal('ContactsFolder')
      expect(sub.folderClass).to.equal('IPF.Contact')
      expect(sub.parentFolderId?.id).to.equal(inbox.folderId.id)
      expect(sub.distinguishedId).to.equal(undefined)
      expect(sub.childFolderCount).to.equal(0)
      expect(sub.mailbox).to.equal(ALICE)
      expect(store.getFolder(ALICE, sub.folderId.id)).to.deep.equal(sub)
      expect(
        store.findFolders(ALICE, inbox.folderId.id, false).map((f) => f.folderId.id),
      ).to.deep.equal([sub.folderId.id])
    })

    it('grows the childFolderCount of the parent and changes its change key', () => {
      const before = folder('inbox')
      create(before.folderId.id, 'Sub')
      const after = folder('inbox')
      expect(after.childFolderCount).to.equal(before.childFolderCount + 1)
      expect(after.folderId.changeKey).to.not.equal(before.folderId.changeKey)
      expect(after.folderId.id).to.equal(before.folderId.id)
    })

    it('refuses a sibling of the same name, whatever its case, with ErrorFolderExists', () => {
      create(idOf('inbox'), 'Projects')
      expectEwsError(() => create(idOf('inbox'), 'Projects'), 'ErrorFolderExists')
      expectEwsError(() => create(idOf('inbox'), 'PROJECTS'), 'ErrorFolderExists')
      expectEwsError(() => create(idOf('msgfolderroot'), 'inbox'), 'ErrorFolderExists')
      expect(store.findFolders(ALICE, idOf('inbox'), false)).to.have.length(1)
    })

    it('allows the same name under another parent', () => {
      create(idOf('inbox'), 'Projects')
      expect(create(idOf('drafts'), 'Projects').displayName).to.equal('Projects')
    })

    it('refuses a parent that is a search folder with ErrorInvalidParentFolder', () => {
      const missed = missedConversations()
      expectEwsError(() => create(missed.folderId.id, 'Sub'), 'ErrorInvalidParentFolder')
      expect(store.getFolder(ALICE, missed.folderId.id).childFolderCount).to.equal(0)
    })
  })

  describe('setFolderExtendedProperties', () => {
    it('replaces the properties, gives a new change key, and an empty list leaves none', () => {
      const sub = create(idOf('inbox'), 'Sub')
      const flag = {
        uri: {
          attributes: [['PropertyTag', '0x1090']] as const,
          key: 'tag:4240',
          type: 'Integer' as const,
        },
        isArray: false,
        values: ['1'],
      }
      const set = store.setFolderExtendedProperties(ALICE, sub.folderId.id, [flag])
      expect(set.extendedProperties).to.deep.equal([flag])
      expect(set.folderId.changeKey).to.not.equal(sub.folderId.changeKey)
      expect(store.getFolder(ALICE, sub.folderId.id)).to.deep.equal(set)
      const cleared = store.setFolderExtendedProperties(ALICE, sub.folderId.id, [])
      expect(cleared.extendedProperties ?? []).to.deep.equal([])
    })
  })

  describe('renameFolder', () => {
    it('renames a folder and gives it a new change key, keeping its id', () => {
      const sub = create(idOf('inbox'), 'Sub')
      const renamed = store.renameFolder(ALICE, sub.folderId.id, 'Renamed')
      expect(renamed.displayName).to.equal('Renamed')
      expect(renamed.folderId.id).to.equal(sub.folderId.id)
      expect(renamed.folderId.changeKey).to.not.equal(sub.folderId.changeKey)
      expect(store.getFolder(ALICE, sub.folderId.id)).to.deep.equal(renamed)
    })

    it('gives a new change key on every rename', () => {
      const sub = create(idOf('inbox'), 'Sub')
      const keys = new Set([sub.folderId.changeKey])
      for (const name of ['One', 'Two', 'Sub'])
        keys.add(store.renameFolder(ALICE, sub.folderId.id, name).folderId.changeKey)
      expect(keys.size).to.equal(4)
    })

    it('refuses the name of a sibling, whatever its case, with ErrorFolderExists', () => {
      create(idOf('inbox'), 'Taken')
      const sub = create(idOf('inbox'), 'Sub')
      expectEwsError(() => store.renameFolder(ALICE, sub.folderId.id, 'taken'), 'ErrorFolderExists')
      expect(store.getFolder(ALICE, sub.folderId.id)).to.deep.equal(sub)
    })

    it('allows a folder to change the case of its own name', () => {
      const sub = create(idOf('inbox'), 'Sub')
      expect(store.renameFolder(ALICE, sub.folderId.id, 'SUB').displayName).to.equal('SUB')
    })
  })

  describe('deleteFolder', () => {
    let sub: Folder
    let child: Folder
    let grandchild: Folder
    beforeEach(() => {
      sub = create(idOf('inbox'), 'Sub')
      child = create(sub.folderId.id, 'Child')
      grandchild = create(child.folderId.id, 'Grandchild')
    })

    for (const mode of ['HardDelete', 'SoftDelete'] as const) {
      it(`${mode} removes the folder and its subtree`, () => {
        store.deleteFolder(ALICE, sub.folderId.id, mode)
        for (const f of [sub, child, grandchild])
          expectEwsError(() => store.getFolder(ALICE, f.folderId.id), 'ErrorFolderNotFound')
        expect(folder('inbox').childFolderCount).to.equal(0)
        expect(store.findFolders(ALICE, idOf('inbox'), true)).to.deep.equal([])
      })
    }

    it('HardDelete changes the change key of the parent', () => {
      const before = folder('inbox')
      store.deleteFolder(ALICE, sub.folderId.id, 'HardDelete')
      expect(folder('inbox').folderId.changeKey).to.not.equal(before.folderId.changeKey)
    })

    it('MoveToDeletedItems moves the folder, with its subtree, under deleteditems', () => {
      store.deleteFolder(ALICE, sub.folderId.id, 'MoveToDeletedItems')
      const moved = store.getFolder(ALICE, sub.folderId.id)
      expect(moved.parentFolderId?.id).to.equal(idOf('deleteditems'))
      expect(moved.folderId.changeKey).to.not.equal(sub.folderId.changeKey)
      expect(
        store.findFolders(ALICE, idOf('deleteditems'), true).map((f) => f.folderId.id),
      ).to.deep.equal([sub.folderId.id, child.folderId.id, grandchild.folderId.id])
      expect(store.findFolders(ALICE, idOf('inbox'), false)).to.deep.equal([])
      expect(folder('inbox').childFolderCount).to.equal(0)
      expect(folder('deleteditems').childFolderCount).to.equal(1)
    })

    it('MoveToDeletedItems on a folder already in deleteditems removes it', () => {
      store.deleteFolder(ALICE, sub.folderId.id, 'MoveToDeletedItems')
      store.deleteFolder(ALICE, sub.folderId.id, 'MoveToDeletedItems')
      for (const f of [sub, child, grandchild])
        expectEwsError(() => store.getFolder(ALICE, f.folderId.id), 'ErrorFolderNotFound')
      expect(store.findFolders(ALICE, idOf('deleteditems'), true)).to.deep.equal([])
    })

    it('MoveToDeletedItems on a folder deeper inside deleteditems removes it', () => {
      store.deleteFolder(ALICE, sub.folderId.id, 'MoveToDeletedItems')
      store.deleteFolder(ALICE, child.folderId.id, 'MoveToDeletedItems')
      expectEwsError(() => store.getFolder(ALICE, child.folderId.id), 'ErrorFolderNotFound')
      expectEwsError(() => store.getFolder(ALICE, grandchild.folderId.id), 'ErrorFolderNotFound')
      expect(store.getFolder(ALICE, sub.folderId.id).childFolderCount).to.equal(0)
    })

    for (const mode of ['HardDelete', 'SoftDelete', 'MoveToDeletedItems'] as const) {
      it(`${mode} refuses well-known folders with ErrorDeleteDistinguishedFolder`, () => {
        const targets = [
          folder('root'),
          folder('inbox'),
          folder('deleteditems'),
          folder('searchfolders'),
          missedConversations(),
          folder('conversationhistory'),
        ]
        for (const f of targets) {
          expectEwsError(
            () => store.deleteFolder(ALICE, f.folderId.id, mode),
            'ErrorDeleteDistinguishedFolder',
          )
          expect(store.getFolder(ALICE, f.folderId.id).parentFolderId?.id, f.displayName).to.equal(
            f.parentFolderId?.id,
          )
        }
      })
    }
  })

  describe('findFolders', () => {
    beforeEach(() => {
      // inbox/{A/{A1/{A1x}, A2}, B/{B1}}, created breadth-first so that creation order is not depth-first order.
      const a = create(idOf('inbox'), 'A')
      const b = create(idOf('inbox'), 'B')
      const a1 = create(a.folderId.id, 'A1')
      create(a.folderId.id, 'A2')
      create(b.folderId.id, 'B1')
      create(a1.folderId.id, 'A1x')
    })

    it('shallow returns the children only', () => {
      const found = store.findFolders(ALICE, idOf('inbox'), false)
      expect(found.map((f) => f.displayName).sort()).to.deep.equal(['A', 'B'])
      for (const f of found) expect(f.parentFolderId?.id).to.equal(idOf('inbox'))
    })

    it('deep returns every descendant in depth-first order', () => {
      const found = store.findFolders(ALICE, idOf('inbox'), true)
      expect(found.map((f) => f.displayName).sort()).to.deep.equal([
        'A',
        'A1',
        'A1x',
        'A2',
        'B',
        'B1',
      ])
      expectDepthFirst(found, idOf('inbox'))
    })

    it('deep from root returns the whole mailbox depth-first, without the root', () => {
      const root = folder('root')
      const found = store.findFolders(ALICE, root.folderId.id, true)
      expect(found.map((f) => f.folderId.id)).to.not.include(root.folderId.id)
      expect(found).to.have.length(wellKnownFoldersFor(2016).length - 1 + 6)
      expectDepthFirst(found, root.folderId.id)
    })

    it('returns nothing below a folder without children', () => {
      expect(store.findFolders(ALICE, idOf('drafts'), false)).to.deep.equal([])
      expect(store.findFolders(ALICE, idOf('drafts'), true)).to.deep.equal([])
    })
  })

  describe('hierarchySeq', () => {
    it('grows with every folder change', () => {
      const seqs = [store.hierarchySeq(ALICE)]
      const sub = create(idOf('inbox'), 'Sub')
      seqs.push(store.hierarchySeq(ALICE))
      store.renameFolder(ALICE, sub.folderId.id, 'Renamed')
      seqs.push(store.hierarchySeq(ALICE))
      const other = create(idOf('inbox'), 'Other')
      seqs.push(store.hierarchySeq(ALICE))
      store.deleteFolder(ALICE, sub.folderId.id, 'MoveToDeletedItems')
      seqs.push(store.hierarchySeq(ALICE))
      store.deleteFolder(ALICE, sub.folderId.id, 'HardDelete')
      seqs.push(store.hierarchySeq(ALICE))
      store.deleteFolder(ALICE, other.folderId.id, 'SoftDelete')
      seqs.push(store.hierarchySeq(ALICE))
      for (let i = 1; i < seqs.length; i++)
        expect(seqs[i], `step ${i}`).to.be.greaterThan(seqs[i - 1]!)
    })

    it('does not move on a refused change', () => {
      create(idOf('inbox'), 'Sub')
      const before = store.hierarchySeq(ALICE)
      expectEwsError(() => create(idOf('inbox'), 'Sub'), 'ErrorFolderExists')
      expectEwsError(
        () => store.deleteFolder(ALICE, idOf('inbox'), 'HardDelete'),
        'ErrorDeleteDistinguishedFolder',
      )
      expect(store.hierarchySeq(ALICE)).to.equal(before)
    })
  })

  describe('hierarchyChanges', () => {
    /** The one change reported below root for folder `id` since `since` (checks there is one). */
    const onlyChange = (id: string, since: number): HierarchyChange => {
      const mine = changesOf(store.hierarchyChanges(ALICE, idOf('root'), since).changes, id)
      expect(mine).to.have.length(1)
      return mine[0]!
    }

    it('since undefined reports every folder below the root as Create', () => {
      const root = folder('root')
      const { changes, seq } = store.hierarchyChanges(ALICE, root.folderId.id, undefined)
      expect(seq).to.equal(store.hierarchySeq(ALICE))
      expect(changes.every((c) => c.type === 'Create')).to.equal(true)
      const all = store.findFolders(ALICE, root.folderId.id, true)
      const reported = changes.map((c) => (c.type === 'Delete' ? c.folderId : c.folder.folderId.id))
      expect([...reported].sort()).to.deep.equal(all.map((f) => f.folderId.id).sort())
      expect(reported).to.not.include(root.folderId.id)
      for (const c of changes) {
        if (c.type !== 'Delete')
          expect(c.folder).to.deep.equal(store.getFolder(ALICE, c.folder.folderId.id))
      }
    })

    it('since the current seq reports nothing', () => {
      create(idOf('inbox'), 'Sub')
      const seq = store.hierarchySeq(ALICE)
      const result = store.hierarchyChanges(ALICE, idOf('root'), seq)
      expect(result.changes).to.deep.equal([])
      expect(result.seq).to.equal(seq)
    })

    it('reports a created folder as Create, exactly once', () => {
      const since = store.hierarchySeq(ALICE)
      const sub = create(idOf('inbox'), 'Sub')
      const { changes, seq } = store.hierarchyChanges(ALICE, idOf('root'), since)
      const mine = changesOf(changes, sub.folderId.id)
      expect(mine).to.have.length(1)
      expect(mine[0]).to.deep.equal({
        type: 'Create',
        folder: store.getFolder(ALICE, sub.folderId.id),
      })
      expect(seq).to.equal(store.hierarchySeq(ALICE))
      expect(store.hierarchyChanges(ALICE, idOf('root'), seq).changes).to.deep.equal([])
    })

    it('reports a renamed folder as Update, exactly once', () => {
      const sub = create(idOf('inbox'), 'Sub')
      const since = store.hierarchySeq(ALICE)
      store.renameFolder(ALICE, sub.folderId.id, 'Renamed')
      const change = onlyChange(sub.folderId.id, since)
      expect(change.type).to.equal('Update')
      expect(change.type !== 'Delete' && change.folder.displayName).to.equal('Renamed')
    })

    it('reports a folder created and renamed in the window once, as Create', () => {
      const since = store.hierarchySeq(ALICE)
      const sub = create(idOf('inbox'), 'Sub')
      store.renameFolder(ALICE, sub.folderId.id, 'Renamed')
      store.renameFolder(ALICE, sub.folderId.id, 'Again')
      const change = onlyChange(sub.folderId.id, since)
      expect(change.type).to.equal('Create')
      expect(change.type !== 'Delete' && change.folder.displayName).to.equal('Again')
    })

    it('reports a deleted folder and its subtree as Delete, exactly once each', () => {
      const sub = create(idOf('inbox'), 'Sub')
      const child = create(sub.folderId.id, 'Child')
      const since = store.hierarchySeq(ALICE)
      store.renameFolder(ALICE, sub.folderId.id, 'Renamed')
      store.deleteFolder(ALICE, sub.folderId.id, 'HardDelete')
      const { changes } = store.hierarchyChanges(ALICE, idOf('root'), since)
      expect(changesOf(changes, sub.folderId.id)).to.deep.equal([
        { type: 'Delete', folderId: sub.folderId.id },
      ])
      expect(changesOf(changes, child.folderId.id)).to.deep.equal([
        { type: 'Delete', folderId: child.folderId.id },
      ])
    })

    it('does not report a folder created and deleted in the window', () => {
      const since = store.hierarchySeq(ALICE)
      const sub = create(idOf('inbox'), 'Sub')
      const child = create(sub.folderId.id, 'Child')
      store.deleteFolder(ALICE, sub.folderId.id, 'HardDelete')
      const { changes } = store.hierarchyChanges(ALICE, idOf('root'), since)
      expect(changesOf(changes, sub.folderId.id)).to.deep.equal([])
      expect(changesOf(changes, child.folderId.id)).to.deep.equal([])
    })

    it('reports a folder moved to deleteditems as Update with its new parent', () => {
      const sub = create(idOf('inbox'), 'Sub')
      const since = store.hierarchySeq(ALICE)
      store.deleteFolder(ALICE, sub.folderId.id, 'MoveToDeletedItems')
      const change = onlyChange(sub.folderId.id, since)
      expect(change.type).to.equal('Update')
      expect(change.type !== 'Delete' && change.folder.parentFolderId?.id).to.equal(
        idOf('deleteditems'),
      )
    })

    it('a sync from the returned seq picks up where the previous one ended', () => {
      let { seq } = store.hierarchyChanges(ALICE, idOf('root'), undefined)
      const sub = create(idOf('inbox'), 'Sub')
      let next = store.hierarchyChanges(ALICE, idOf('root'), seq)
      expect(changesOf(next.changes, sub.folderId.id).map((c) => c.type)).to.deep.equal(['Create'])
      seq = next.seq
      store.renameFolder(ALICE, sub.folderId.id, 'Renamed')
      next = store.hierarchyChanges(ALICE, idOf('root'), seq)
      expect(changesOf(next.changes, sub.folderId.id).map((c) => c.type)).to.deep.equal(['Update'])
      seq = next.seq
      store.deleteFolder(ALICE, sub.folderId.id, 'HardDelete')
      next = store.hierarchyChanges(ALICE, idOf('root'), seq)
      expect(changesOf(next.changes, sub.folderId.id).map((c) => c.type)).to.deep.equal(['Delete'])
      expect(store.hierarchyChanges(ALICE, idOf('root'), next.seq).changes).to.deep.equal([])
    })

    describe('scoped to a sub-root', () => {
      it('since undefined reports exactly the folders below that folder', () => {
        const sub = create(idOf('inbox'), 'Sub')
        create(idOf('drafts'), 'Elsewhere')
        const { changes } = store.hierarchyChanges(ALICE, idOf('inbox'), undefined)
        expect(changes).to.deep.equal([
          { type: 'Create', folder: store.getFolder(ALICE, sub.folderId.id) },
        ])
        const top = store.hierarchyChanges(ALICE, idOf('msgfolderroot'), undefined).changes
        const expected = store
          .findFolders(ALICE, idOf('msgfolderroot'), true)
          .map((f) => f.folderId.id)
          .sort()
        expect(
          top.map((c) => (c.type === 'Delete' ? c.folderId : c.folder.folderId.id)).sort(),
        ).to.deep.equal(expected)
      })

      it('reports changes below the sub-root only', () => {
        const inside = create(idOf('inbox'), 'Inside')
        const outside = create(idOf('drafts'), 'Outside')
        const since = store.hierarchySeq(ALICE)
        const newInside = create(idOf('inbox'), 'NewInside')
        const newOutside = create(idOf('drafts'), 'NewOutside')
        store.deleteFolder(ALICE, inside.folderId.id, 'HardDelete')
        store.deleteFolder(ALICE, outside.folderId.id, 'HardDelete')
        const { changes } = store.hierarchyChanges(ALICE, idOf('inbox'), since)
        expect(changesOf(changes, newInside.folderId.id).map((c) => c.type)).to.deep.equal([
          'Create',
        ])
        expect(changesOf(changes, inside.folderId.id).map((c) => c.type)).to.deep.equal(['Delete'])
        expect(changesOf(changes, newOutside.folderId.id)).to.deep.equal([])
        expect(changesOf(changes, outside.folderId.id)).to.deep.equal([])
        expect(changesOf(changes, idOf('drafts'))).to.deep.equal([])
      })

      it('reports deletes deep below the sub-root', () => {
        const sub = create(idOf('inbox'), 'Sub')
        const child = create(sub.folderId.id, 'Child')
        const since = store.hierarchySeq(ALICE)
        store.deleteFolder(ALICE, child.folderId.id, 'HardDelete')
        const { changes } = store.hierarchyChanges(ALICE, idOf('inbox'), since)
        expect(changesOf(changes, child.folderId.id)).to.deep.equal([
          { type: 'Delete', folderId: child.folderId.id },
        ])
      })
    })

    it("is per mailbox: another mailbox's changes are not reported", () => {
      store.createMailbox({ address: BOB, displayName: 'Bob', generation: 2016 })
      const since = store.hierarchySeq(ALICE)
      create(idOf('inbox', BOB), 'BobsFolder', BOB)
      expect(store.hierarchyChanges(ALICE, idOf('root'), since).changes).to.deep.equal([])
    })
  })

  if (options.withIds) {
    const withIds = options.withIds
    describe('determinism', () => {
      /** The same calls on a fresh store; returns everything id-like the store produced. */
      const script = (s: MailboxStore): unknown => {
        const infos = [
          s.createMailbox({ address: ALICE, displayName: 'Alice', generation: 2016 }),
          s.createMailbox({ address: BOB, displayName: 'Bob', generation: 2010 }),
        ]
        const inbox = s.getDistinguishedFolder(ALICE, 'inbox').folderId.id
        const a = s.createFolder(ALICE, inbox, { displayName: 'A', kind: 'Folder' })
        const b = s.createFolder(ALICE, a.folderId.id, { displayName: 'B', kind: 'Folder' })
        s.renameFolder(ALICE, a.folderId.id, 'A2')
        s.deleteFolder(ALICE, b.folderId.id, 'MoveToDeletedItems')
        const c = s.createFolder(BOB, s.getDistinguishedFolder(BOB, 'inbox').folderId.id, {
          displayName: 'C',
          kind: 'Folder',
        })
        s.deleteFolder(BOB, c.folderId.id, 'HardDelete')
        const tree = (m: string): Folder[] =>
          s.findFolders(m, s.getDistinguishedFolder(m, 'root').folderId.id, true)
        return {
          keys: infos.map((i) => i.key),
          alice: tree(ALICE).map((f) => [f.folderId.id, f.folderId.changeKey]),
          bob: tree(BOB).map((f) => [f.folderId.id, f.folderId.changeKey]),
          sync: s.hierarchyChanges(BOB, s.getDistinguishedFolder(BOB, 'root').folderId.id, 0),
        }
      }

      it('two stores with the same seeded generator and the same calls give identical ids and change keys', () => {
        expect(script(withIds(seededIds(5)))).to.deep.equal(script(withIds(seededIds(5))))
      })

      it('takes its ids from the generator: another seed gives other ids', () => {
        const a = withIds(seededIds(5)).createMailbox({
          address: ALICE,
          displayName: 'A',
          generation: 2016,
        })
        const b = withIds(seededIds(6)).createMailbox({
          address: ALICE,
          displayName: 'A',
          generation: 2016,
        })
        expect(a.key).to.not.equal(b.key)
      })
    })
  }
}

/** Runs `fn` and returns what it threw (failing when it threw nothing). */
function expectEwsErrorAny(fn: () => unknown): unknown {
  try {
    fn()
  } catch (e) {
    return e
  }
  expect.fail('expected an error, but nothing was thrown')
}
