// The search folder rule (mock-ews/store/rules/search-folders.ts) on a hand-made folder tree, with
// no store behind it. Through the memory store it is covered by the store contract (test/contract/).
import { expect } from 'chai'
import type { EmailAddress } from '../../../mock-ews/domain/items.ts'
import { searchFolderShows } from '../../../mock-ews/store/rules/search-folders.ts'
import type { Ancestry } from '../../../mock-ews/store/rules/search-folders.ts'

interface F {
  name: string
  parent?: F
}

const tree = (distinguished: Record<string, F>): Ancestry<F> => ({
  distinguishedFolder: (name) => distinguished[name],
  isWithin: (folder, ancestor) => {
    for (let p = folder.parent; p; p = p.parent) if (p === ancestor) return true
    return false
  },
})

// root ⊃ msgfolderroot ⊃ inbox ⊃ sub; msgfolderroot ⊃ deleteditems ⊃ trashsub; root ⊃ config
const root: F = { name: 'root' }
const top: F = { name: 'msgfolderroot', parent: root }
const inbox: F = { name: 'inbox', parent: top }
const sub: F = { name: 'sub', parent: inbox }
const deleted: F = { name: 'deleteditems', parent: top }
const trashSub: F = { name: 'trashsub', parent: deleted }
const config: F = { name: 'config', parent: root }
const mailbox = tree({ root, msgfolderroot: top, deleteditems: deleted })

const OWNER = 'bob@contoso.com'
const MISSED = ['IPM.Note.Microsoft.Missed']
const from = (address: string): EmailAddress => ({ name: 'X', address })
const missed = { itemClass: 'IPM.Note.Microsoft.Missed', from: from('alice@contoso.com') }

describe('search folder rule', () => {
  it('shows an item of a matching class (any case, longer classes too) in the message folders', () => {
    expect(searchFolderShows(MISSED, missed, inbox, OWNER, mailbox)).to.equal(true)
    expect(searchFolderShows(MISSED, missed, sub, OWNER, mailbox)).to.equal(true)
    const voice = { ...missed, itemClass: 'ipm.note.microsoft.missed.voice' }
    expect(searchFolderShows(MISSED, voice, inbox, OWNER, mailbox)).to.equal(true)
    const second = ['IPM.Appointment', ...MISSED]
    expect(searchFolderShows(second, missed, inbox, OWNER, mailbox)).to.equal(true)
  })

  it('leaves out another class', () => {
    const note = { ...missed, itemClass: 'IPM.Note' }
    expect(searchFolderShows(MISSED, note, inbox, OWNER, mailbox)).to.equal(false)
    expect(searchFolderShows([], missed, inbox, OWNER, mailbox)).to.equal(false)
  })

  it('leaves out Deleted Items and what is below it, and folders outside msgfolderroot', () => {
    expect(searchFolderShows(MISSED, missed, deleted, OWNER, mailbox)).to.equal(false)
    expect(searchFolderShows(MISSED, missed, trashSub, OWNER, mailbox)).to.equal(false)
    expect(searchFolderShows(MISSED, missed, config, OWNER, mailbox)).to.equal(false)
    expect(searchFolderShows(MISSED, missed, top, OWNER, mailbox)).to.equal(false)
  })

  it("leaves out a message whose From is the owner (any case): the sender's own copy", () => {
    const own = { ...missed, from: from('Bob@Contoso.com') }
    expect(searchFolderShows(MISSED, own, inbox, OWNER, mailbox)).to.equal(false)
    const noFrom = { itemClass: missed.itemClass }
    expect(searchFolderShows(MISSED, noFrom, inbox, OWNER, mailbox)).to.equal(true)
  })

  it('without Deleted Items every message folder counts; without msgfolderroot none does', () => {
    const noTrash = tree({ msgfolderroot: top })
    expect(searchFolderShows(MISSED, missed, trashSub, OWNER, noTrash)).to.equal(true)
    expect(searchFolderShows(MISSED, missed, config, OWNER, noTrash)).to.equal(false)
    expect(searchFolderShows(MISSED, missed, inbox, OWNER, tree({}))).to.equal(false)
  })
})
