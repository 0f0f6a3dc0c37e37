// The folder rules (mock-ews/store/rules/folder-rules.ts) on hand-made ids and folders, with no
// store behind them. Through the memory store they are covered by the store contract (test/contract/).
import { expect } from 'chai'
import { encodeId } from '../../../mock-ews/domain/ids.ts'
import {
  checkDeletable,
  checkHoldsFolders,
  checkHoldsItems,
  checkNameFree,
  deleteTarget,
  ownRecord,
} from '../../../mock-ews/store/rules/folder-rules.ts'
import type { Ancestry } from '../../../mock-ews/store/rules/search-folders.ts'
import { expectEwsError } from '../../contract/mailbox-store.contract.ts'

const MINE = '11'.repeat(16)
const OTHER = '22'.repeat(16)
const NOBODYS = '33'.repeat(16)
const owner = { key: MINE, isKnownMailbox: (k: string) => k === MINE || k === OTHER }
const id = (kind: 'folder' | 'item', key: string, n: number): string =>
  encodeId(kind, key, new Uint8Array(16).fill(n))

describe('folder rules', () => {
  describe('ownRecord', () => {
    const folder = id('folder', MINE, 1)
    const item = id('item', MINE, 2)
    const records = new Map([
      [folder, 'the folder'],
      [item, 'the item'],
    ])
    const get = (k: string): string | undefined => records.get(k)

    it("finds a record of the mailbox's own id", () => {
      expect(ownRecord(folder, 'folder', owner, get)).to.equal('the folder')
      expect(ownRecord(item, 'item', owner, get)).to.equal('the item')
    })

    it('refuses an id of the other kind', () => {
      expectEwsError(() => ownRecord(item, 'folder', owner, get), 'ErrorCannotUseItemIdForFolderId')
      expectEwsError(() => ownRecord(folder, 'item', owner, get), 'ErrorCannotUseFolderIdForItemId')
    })

    it("refuses another mailbox's id as access denied, one of no mailbox here as not found", () => {
      const theirs = (k: 'folder' | 'item', key: string): string => id(k, key, 1)
      const all = (): string => 'found'
      expectEwsError(
        () => ownRecord(theirs('folder', OTHER), 'folder', owner, all),
        'ErrorAccessDenied',
      )
      expectEwsError(
        () => ownRecord(theirs('item', OTHER), 'item', owner, all),
        'ErrorAccessDenied',
      )
      expectEwsError(
        () => ownRecord(theirs('folder', NOBODYS), 'folder', owner, all),
        'ErrorFolderNotFound',
      )
      expectEwsError(
        () => ownRecord(theirs('item', NOBODYS), 'item', owner, all),
        'ErrorItemNotFound',
      )
    })

    it('an own id of nothing is not found; what is no id is malformed', () => {
      expectEwsError(
        () => ownRecord(id('folder', MINE, 9), 'folder', owner, get),
        'ErrorFolderNotFound',
      )
      expectEwsError(() => ownRecord(id('item', MINE, 9), 'item', owner, get), 'ErrorItemNotFound')
      expectEwsError(() => ownRecord('AAAA', 'item', owner, get), 'ErrorInvalidIdMalformed')
    })
  })

  it('search folders hold neither subfolders nor items; other folders hold both', () => {
    const err = expectEwsError(
      () => checkHoldsFolders({ kind: 'SearchFolder' }),
      'ErrorInvalidParentFolder',
    )
    expect(err.message).to.match(/cannot contain folders/)
    checkHoldsFolders({ kind: 'Folder' })
    const items = expectEwsError(
      () => checkHoldsItems({ searchItemClassPrefixes: ['IPM.Note'] }),
      'ErrorInvalidParentFolder',
    )
    expect(items.message).to.match(/search folder/)
    checkHoldsItems({ searchItemClassPrefixes: undefined })
  })

  it('a name is taken when a sibling has it in any case, except by the folder renamed', () => {
    const a = { displayName: 'Projects' }
    const b = { displayName: 'Archive' }
    expectEwsError(() => checkNameFree([a, b], 'PROJECTS', undefined), 'ErrorFolderExists')
    expectEwsError(() => checkNameFree([a, b], 'archive', a), 'ErrorFolderExists')
    checkNameFree([a, b], 'projects', a)
    checkNameFree([a, b], 'Projects 2', undefined)
    checkNameFree([], 'Projects', undefined)
  })

  it('the root and the folders made with the mailbox cannot be deleted', () => {
    expectEwsError(
      () => checkDeletable({ wellKnown: true }, false),
      'ErrorDeleteDistinguishedFolder',
    )
    expectEwsError(
      () => checkDeletable({ wellKnown: false }, true),
      'ErrorDeleteDistinguishedFolder',
    )
    checkDeletable({ wellKnown: false }, false)
  })

  describe('deleteTarget', () => {
    interface F {
      name: string
      parent?: F
    }
    const within = (f: F, a: F): boolean => {
      for (let p = f.parent; p; p = p.parent) if (p === a) return true
      return false
    }
    const top: F = { name: 'msgfolderroot' }
    const inbox: F = { name: 'inbox', parent: top }
    const deleted: F = { name: 'deleteditems', parent: top }
    const trashSub: F = { name: 'sub', parent: deleted }
    const trashSubSub: F = { name: 'subsub', parent: trashSub }
    const tree: Ancestry<F> = {
      distinguishedFolder: (n) => (n === 'deleteditems' ? deleted : undefined),
      isWithin: within,
    }

    it('MoveToDeletedItems moves to Deleted Items from anywhere else', () => {
      expect(deleteTarget('MoveToDeletedItems', inbox, tree)).to.equal(deleted)
      expect(deleteTarget('MoveToDeletedItems', top, tree)).to.equal(deleted)
    })

    it('is hard in or below Deleted Items, for HardDelete and SoftDelete, and without Deleted Items', () => {
      expect(deleteTarget('MoveToDeletedItems', deleted, tree)).to.equal(undefined)
      expect(deleteTarget('MoveToDeletedItems', trashSub, tree)).to.equal(undefined)
      expect(deleteTarget('MoveToDeletedItems', trashSubSub, tree)).to.equal(undefined)
      expect(deleteTarget('HardDelete', inbox, tree)).to.equal(undefined)
      expect(deleteTarget('SoftDelete', inbox, tree)).to.equal(undefined)
      const none: Ancestry<F> = { distinguishedFolder: () => undefined, isWithin: within }
      expect(deleteTarget('MoveToDeletedItems', inbox, none)).to.equal(undefined)
    })
  })
})
