/**
 * The memory storage's list of search folders is kept between calls (every item added, changed or
 * removed asks for it, docs/decisions/0067): adding or removing a folder must not leave it stale.
 */
import { expect } from 'chai'
import { FakeClock } from '../../../mock-ews/support/clock.ts'
import { seededIds } from '../../../mock-ews/support/ids.ts'
import { MemoryStorage } from '../../../mock-ews/store/memory/memory-storage.ts'

function mailbox() {
  const storage = new MemoryStorage({ ids: seededIds(5), clock: new FakeClock() })
  const m = storage.createMailbox({
    address: 'alice@contoso.com',
    displayName: 'Alice',
    generation: 2016,
  })
  const root = m.addFolder(undefined, { displayName: 'root', kind: 'Folder' })
  const names = (): string[] => [...m.searchFolders()].map((f) => f.displayName)
  return { m, root, names }
}

describe('memory storage: search folders', () => {
  it('lists a search folder added after the list was read', () => {
    const { m, root, names } = mailbox()
    m.addFolder(root, { displayName: 'Inbox', kind: 'Folder' }, { distinguishedId: 'inbox' })
    expect(names()).to.deep.equal([])
    m.addFolder(
      root,
      { displayName: 'Missed', kind: 'SearchFolder' },
      { distinguishedId: undefined, searchItemClassPrefixes: ['IPM.Note.Microsoft.Missed'] },
    )
    expect(names()).to.deep.equal(['Missed'])
    expect(names()).to.deep.equal(['Missed'])
  })

  it('forgets a search folder removed, with the folder above it', () => {
    const { m, root, names } = mailbox()
    const parent = m.addFolder(root, { displayName: 'Finder', kind: 'Folder' })
    const marks = { distinguishedId: undefined, searchItemClassPrefixes: ['IPM.Note'] }
    m.addFolder(parent, { displayName: 'One', kind: 'SearchFolder' }, marks)
    const two = m.addFolder(root, { displayName: 'Two', kind: 'SearchFolder' }, marks)
    expect(names()).to.have.members(['One', 'Two'])
    m.removeFolder(two)
    expect(names()).to.deep.equal(['One'])
    m.removeFolder(parent)
    expect(names()).to.deep.equal([])
  })
})
