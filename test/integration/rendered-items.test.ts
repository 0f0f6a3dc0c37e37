// The cache of messages as written (operations/shared/rendered-items.ts, docs/decisions/0066):
// each test writes an item once (filling the cache), changes one input of its rendering, and
// checks the next answer shows the change rather than the bytes written before.
import { expect } from 'chai'
import type { EwsApp } from '../../mock-ews/index.ts'
import { seededIds } from '../../mock-ews/index.ts'
import { RenderedItems, renderedItems } from '../../mock-ews/operations/shared/rendered-items.ts'
import { allPropertiesShape } from '../../mock-ews/operations/shared/item-shape.ts'
import {
  additionalProperties,
  call,
  createFolderIn,
  distinguished,
  envelope,
  folderId,
  post,
  testApp,
} from '../helpers/ews.ts'
import type { SoapAnswer } from '../helpers/ews.ts'
import { attachment } from '../helpers/attachments.ts'
import {
  findItemXml,
  getItemXml,
  itemChange,
  itemId,
  markAllItemsAsReadXml,
  moveItemXml,
  ALICE,
  saveItem,
  setItemField,
  storedItems,
  updateItemXml,
} from '../helpers/items.ts'

const DRAFTS = distinguished('drafts')
const find = (ews: EwsApp, shape = 'Default', additional = '', version?: string) =>
  post(ews.app, envelope(findItemXml(DRAFTS, { shape, additional }), version))
const message = (res: SoapAnswer, path: string) =>
  res.value(`//*[local-name()='Items']/t:Message/${path}`)

describe('Rendered-item cache (messages written again only when something they show changed)', () => {
  let ews: EwsApp
  let id: string
  beforeEach(async () => {
    ews = testApp()
    id = (await saveItem(ews.app, { subject: 'Before', body: 'text', isRead: false })).id
  })

  it('writes an unchanged message with the same bytes from the cache', async () => {
    const first = await find(ews)
    const second = await find(ews)
    expect(second.text).to.equal(first.text)
    expect(message(second, 't:Subject')).to.equal('Before')
  })

  it('shows a change made by UpdateItem (FindItem and GetItem)', async () => {
    await find(ews)
    await call(ews.app, getItemXml(itemId(id)))
    const res = await call(
      ews.app,
      updateItemXml(itemChange(itemId(id), setItemField('item:Subject', { subject: 'After' }))),
    )
    expect(res.codes()).to.deep.equal(['NoError'])
    expect(message(await find(ews), 't:Subject')).to.equal('After')
    expect(message(await call(ews.app, getItemXml(itemId(id))), 't:Subject')).to.equal('After')
  })

  it('shows a read flag changed (MarkAllItemsAsRead keeps every stored string)', async () => {
    expect(message(await find(ews), 't:IsRead')).to.equal('false')
    const res = await call(ews.app, markAllItemsAsReadXml(DRAFTS))
    expect(res.codes()).to.deep.equal(['NoError'])
    expect(message(await find(ews), 't:IsRead')).to.equal('true')
  })

  it('shows a follow-up flag set', async () => {
    expect(message(await find(ews, 'AllProperties'), 't:Flag/t:FlagStatus')).to.equal('NotFlagged')
    const flag =
      '<t:SetItemField><t:FieldURI FieldURI="item:Flag"/><t:Message><t:Flag><t:FlagStatus>Flagged</t:FlagStatus></t:Flag></t:Message></t:SetItemField>'
    const res = await call(ews.app, updateItemXml(itemChange(itemId(id), flag)))
    expect(res.codes()).to.deep.equal(['NoError'])
    expect(message(await find(ews, 'AllProperties'), 't:Flag/t:FlagStatus')).to.equal('Flagged')
  })

  it('shows an attachment added with CreateAttachment', async () => {
    expect(message(await find(ews), 't:HasAttachments')).to.equal('false')
    const res = await call(
      ews.app,
      `<m:CreateAttachment><m:ParentItemId Id="${id}"/><m:Attachments>${attachment('a.txt')}</m:Attachments></m:CreateAttachment>`,
    )
    expect(res.codes()).to.deep.equal(['NoError'])
    expect(message(await find(ews), 't:HasAttachments')).to.equal('true')
    const got = await call(ews.app, getItemXml(itemId(id)))
    expect(message(got, 't:Attachments/t:FileAttachment/t:Name')).to.equal('a.txt')
  })

  it('writes each shape as asked: base shape, AdditionalProperties, extended properties', async () => {
    expect(message(await find(ews), 't:Subject')).to.equal('Before')
    expect(message(await find(ews, 'IdOnly'), 't:Subject')).to.equal('')
    expect(message(await find(ews), 't:Categories')).to.equal('')
    await call(
      ews.app,
      updateItemXml(
        itemChange(itemId(id), setItemField('item:Categories', { categories: ['Red'] })),
      ),
    )
    expect(message(await find(ews), 't:Categories')).to.equal('')
    expect(
      message(await find(ews, 'Default', additionalProperties('item:Categories')), 't:Categories'),
    ).to.equal('Red')
    const extended = (tag: string, type: string) =>
      `<t:AdditionalProperties><t:ExtendedFieldURI PropertyTag="${tag}" PropertyType="${type}"/></t:AdditionalProperties>`
    const value = 't:ExtendedProperty/t:Value'
    expect(message(await find(ews, 'IdOnly', extended('0x0037', 'String')), value)).to.equal(
      'Before',
    )
    expect(message(await find(ews, 'IdOnly', extended('0x0017', 'Integer')), value)).to.equal('1')
  })

  it("writes the properties of the request's schema version", async () => {
    expect(message(await find(ews, 'AllProperties'), 't:ConversationId/@Id')).to.not.equal('')
    const old = await find(ews, 'AllProperties', '', 'Exchange2007_SP1')
    expect(old.codes()).to.deep.equal(['NoError'])
    expect(old.select('//t:Items/t:Message/t:ConversationId')).to.have.length(0)
    expect(message(await find(ews, 'AllProperties'), 't:ConversationId/@Id')).to.not.equal('')
  })

  it("shows the parent folder's new change key after the folder changed", async () => {
    const folder = await createFolderIn(ews.app, DRAFTS, 'Kept')
    const moved = await call(ews.app, moveItemXml(folderId(folder), itemId(id)))
    expect(moved.codes()).to.deep.equal(['NoError'])
    const inFolder = () => post(ews.app, envelope(findItemXml(folderId(folder))))
    const before = message(await inFolder(), 't:ParentFolderId/@ChangeKey')
    const renamed = await call(
      ews.app,
      `<m:UpdateFolder><m:FolderChanges><t:FolderChange><t:FolderId Id="${folder}"/><t:Updates><t:SetFolderField><t:FieldURI FieldURI="folder:DisplayName"/><t:Folder><t:DisplayName>Renamed</t:DisplayName></t:Folder></t:SetFolderField></t:Updates></t:FolderChange></m:FolderChanges></m:UpdateFolder>`,
    )
    expect(renamed.codes()).to.deep.equal(['NoError'])
    const now = renamed.value('//t:Folder/t:FolderId/@ChangeKey')
    expect(now).to.not.equal(before)
    expect(message(await inFolder(), 't:ParentFolderId/@ChangeKey')).to.equal(now)
  })

  it('writes a copy (sharing its stored fields with the original) with its own id', async () => {
    await find(ews)
    const copied = await call(ews.app, moveItemXml(DRAFTS, itemId(id), 'CopyItem', true))
    expect(copied.codes()).to.deep.equal(['NoError'])
    const copyId = copied.value('//t:Message/t:ItemId/@Id')
    const ids = (await find(ews)).select('//t:Items/t:Message/t:ItemId/@Id').map((n) => n.nodeValue)
    expect(ids).to.have.members([id, copyId])
  })

  it('never serves one server the messages of another with the same seeded ids', async () => {
    const other = testApp({ ids: seededIds(7) })
    const same = testApp({ ids: seededIds(7) })
    const a = await saveItem(same.app, { subject: 'Server A' })
    const b = await saveItem(other.app, { subject: 'Server B' })
    expect(b.id).to.equal(a.id)
    expect(message(await find(same), 't:Subject')).to.equal('Server A')
    expect(message(await find(other), 't:Subject')).to.equal('Server B')
  })
})

describe('RenderedItems bounds', () => {
  it('keeps at most its number of entries and characters, dropping the oldest first', async () => {
    const ews = testApp()
    for (const s of ['one', 'two', 'three', 'four']) await saveItem(ews.app, { subject: s })
    const res = await find(ews)
    expect(res.codes()).to.deep.equal(['NoError'])
    // The default cache holds what was written, within its bounds.
    expect(renderedItems.count).to.be.within(1, renderedItems.maxEntries)
    expect(renderedItems.chars).to.be.at.most(renderedItems.maxChars)

    // Small ones: entries for four stored messages (snapshots from the store).
    const items = storedItems(ews, ALICE, 'drafts')
    const shape = allPropertiesShape()
    const fragments = items.map((_, i) => ({
      text: `<t:Message>${i}</t:Message>`,
      scope: new Map(),
    }))
    // Only the store's snapshot itself is kept: a copy of it (which may differ) is not marked.
    expect(RenderedItems.cacheable(items[0]!)).to.equal(true)
    expect(RenderedItems.cacheable({ ...items[0]!, subject: 'changed' })).to.equal(false)
    expect(RenderedItems.cacheable(Object.assign({}, items[0]!))).to.equal(false)
    const small = new RenderedItems(3, 1_000_000)
    items.forEach((item, i) => small.put(item, shape, fragments[i]!))
    expect(small.count).to.equal(3)
    small.put(items[3]!, shape, fragments[3]!)
    expect(small.count, 'one entry per item and shape, the last written').to.equal(3)
    expect(small.get(items[0]!, shape)).to.equal(undefined)
    expect(small.get(items[3]!, shape)).to.equal(fragments[3])
    const tiny = new RenderedItems(100, fragments[0]!.text.length * 2 + 1)
    items.forEach((item, i) => tiny.put(item, shape, fragments[i]!))
    expect(tiny.count).to.equal(2)
    expect(tiny.chars).to.be.at.most(tiny.maxChars)
    expect(tiny.get(items[3]!, shape)).to.equal(fragments[3])
    // An item written longer than maxFragment (a large body) is not kept at all.
    const large = new RenderedItems(100, 1_000_000)
    large.put(items[0]!, shape, { text: 'x'.repeat(large.maxFragment + 1), scope: new Map() })
    expect(large.count).to.equal(0)
    expect(large.maxFragment).to.be.below(large.maxChars)
  })

  it('keeps alive at most maxHeld bytes of items, and no item larger than maxItemSize', async () => {
    // An entry holds its item's stored fields (body, attachments) even after the item is gone.
    const ews = testApp()
    for (const s of ['s1', 's2', 's3', 's4']) await saveItem(ews.app, { subject: s })
    const items = storedItems(ews, ALICE, 'drafts')
    const shape = allPropertiesShape()
    const fragment = { text: '<t:Message/>', scope: new Map() }
    const size = items[0]!.size
    expect(items.every((i) => i.size === size)).to.equal(true)
    const held = new RenderedItems(100, 1_000_000, size * 2 + 1)
    for (const item of items) held.put(item, shape, fragment)
    expect(held.count).to.equal(2)
    expect(held.held).to.equal(size * 2)
    expect(held.get(items[3]!, shape)).to.equal(fragment)
    // A second shape of a kept item keeps nothing more alive.
    held.put(items[3]!, { ...shape, bodyType: 'Text' }, fragment)
    expect(held.held).to.equal(size * 2)
    const small = new RenderedItems(100, 1_000_000, size * 10)
    expect(small.maxItemSize).to.equal(size * 10)
    // An item over maxItemSize (here a 300 KB body) is not kept, though maxHeld would allow it.
    await saveItem(ews.app, { subject: 'large', body: 'x'.repeat(300 * 1024) })
    const large = storedItems(ews, ALICE, 'drafts').find((i) => i.subject === 'large')!
    const roomy = new RenderedItems(100, 1_000_000)
    expect(large.size).to.be.above(roomy.maxItemSize).and.below(roomy.maxHeld)
    roomy.put(large, shape, fragment)
    expect(roomy.count, 'an item over maxItemSize is not kept').to.equal(0)
    expect(renderedItems.maxHeld).to.be.at.most(16 * 2 ** 20)
  })
})
