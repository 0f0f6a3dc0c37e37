import { expect } from 'chai'
import { FakeClock } from '../../mock-ews/index.ts'
import type { EwsApp } from '../../mock-ews/index.ts'
import {
  additionalProperties,
  call,
  createFolderIn,
  distinguished,
  folderId,
  folderIdOf,
  LAST_OBJECT_BYTE,
  missedConversationsId,
  testApp,
  withByteChanged,
} from '../helpers/ews.ts'
import type { SoapAnswer } from '../helpers/ews.ts'
import {
  allOf,
  anyOf,
  BOB,
  CLASS,
  comparison,
  contains,
  deleteItemXml,
  exists,
  fieldURI,
  findItemXml,
  fractionalView,
  indexedView,
  itemId,
  missedConversationsIdOf,
  not,
  restriction,
  saveItem,
  sendItemXml,
  sendMessage,
  sortBy,
  storedItems,
} from '../helpers/items.ts'
import type { FindItemOptions, MessageSpec } from '../helpers/items.ts'

const INBOX = distinguished('inbox')

/** Subjects of the items of the n-th response message (1-based), in order. */
const subjects = (res: SoapAnswer, n = 1): string[] =>
  res
    .select(`//m:FindItemResponseMessage[${n}]/m:RootFolder/t:Items/t:Message/t:Subject`)
    .map((s) => s.textContent ?? '')

/** The paging attributes of the n-th response message's m:RootFolder. */
const paging = (res: SoapAnswer, n = 1): Record<string, string> => {
  const root = res.select(`//m:FindItemResponseMessage[${n}]/m:RootFolder`)[0] as
    Element | undefined
  if (!root) throw new Error(`no RootFolder: ${res.text}`)
  return Object.fromEntries(
    [
      'IndexedPagingOffset',
      'NumeratorOffset',
      'AbsoluteDenominator',
      'TotalItemsInView',
      'IncludesLastItemInRange',
    ]
      .filter((a) => root.hasAttribute(a))
      .map((a) => [a, root.getAttribute(a) ?? '']),
  )
}

describe('FindItem', () => {
  let ews: EwsApp
  let clock: FakeClock
  beforeEach(() => {
    clock = new FakeClock('2016-06-10T09:00:00Z')
    ews = testApp({ clock })
  })

  /** Saves one message per subject in `folder`, one minute apart (the first at 09:01). */
  async function seed(
    names: string[],
    folder = INBOX,
    spec: MessageSpec = {},
  ): Promise<{ id: string; changeKey: string }[]> {
    const refs = []
    for (const subject of names) {
      clock.advance(60_000)
      refs.push(await saveItem(ews.app, { ...spec, subject }, folder))
    }
    return refs
  }

  /** FindItem in the inbox. */
  const find = (options: FindItemOptions = {}): Promise<SoapAnswer> =>
    call(ews.app, findItemXml(INBOX, options))

  describe('paging', () => {
    it('returns every item, with all three paging attributes, without a view', async () => {
      await seed(['A', 'B', 'C'])
      const res = await find()
      expect(res.status).to.equal(200)
      expect(res.codes()).to.deep.equal(['NoError'])
      expect(res.value('//m:FindItemResponseMessage/@ResponseClass')).to.equal('Success')
      expect(subjects(res)).to.deep.equal(['C', 'B', 'A'])
      expect(paging(res)).to.deep.equal({
        IndexedPagingOffset: '3',
        TotalItemsInView: '3',
        IncludesLastItemInRange: 'true',
      })
    })

    it('answers an empty folder with an empty t:Items and the paging attributes', async () => {
      const res = await find({ view: indexedView(10) })
      expect(res.codes()).to.deep.equal(['NoError'])
      expect(res.select('//m:RootFolder/t:Items')).to.have.length(1)
      expect(res.select('//m:RootFolder/t:Items/*')).to.have.length(0)
      expect(paging(res)).to.deep.equal({
        IndexedPagingOffset: '0',
        TotalItemsInView: '0',
        IncludesLastItemInRange: 'true',
      })
    })

    it('returns the first MaxEntriesReturned items and the offset to ask for next', async () => {
      await seed(['A', 'B', 'C', 'D', 'E'])
      const res = await find({ view: indexedView(2) })
      expect(subjects(res)).to.deep.equal(['E', 'D'])
      expect(paging(res)).to.deep.equal({
        IndexedPagingOffset: '2',
        TotalItemsInView: '5',
        IncludesLastItemInRange: 'false',
      })
    })

    it('pages on from an Offset, and marks the last page', async () => {
      await seed(['A', 'B', 'C', 'D', 'E'])
      const second = await find({ view: indexedView(2, 2) })
      expect(subjects(second)).to.deep.equal(['C', 'B'])
      expect(paging(second).IndexedPagingOffset).to.equal('4')
      expect(paging(second).IncludesLastItemInRange).to.equal('false')
      const last = await find({ view: indexedView(2, 4) })
      expect(subjects(last)).to.deep.equal(['A'])
      expect(paging(last)).to.deep.equal({
        IndexedPagingOffset: '5',
        TotalItemsInView: '5',
        IncludesLastItemInRange: 'true',
      })
    })

    it('returns no items for an Offset past the end, with the full TotalItemsInView', async () => {
      await seed(['A', 'B', 'C'])
      const res = await find({ view: indexedView(2, 10) })
      expect(res.codes()).to.deep.equal(['NoError'])
      expect(subjects(res)).to.deep.equal([])
      expect(paging(res).TotalItemsInView).to.equal('3')
      expect(paging(res).IncludesLastItemInRange).to.equal('true')
    })

    it('counts the Offset back from the end with BasePoint End', async () => {
      await seed(['A', 'B', 'C', 'D', 'E'])
      const res = await find({ view: indexedView(2, 0, 'End') })
      expect(subjects(res)).to.deep.equal(['B', 'A'])
      expect(paging(res).TotalItemsInView).to.equal('5')
      expect(paging(res).IndexedPagingOffset).to.equal('2')
      const next = await find({ view: indexedView(2, 2, 'End') })
      expect(subjects(next)).to.deep.equal(['D', 'C'])
    })

    it('starts a FractionalPageItemView at Numerator/Denominator of the view', async () => {
      await seed(['A', 'B', 'C', 'D'])
      const res = await find({ view: fractionalView(10, 1, 2) })
      expect(subjects(res)).to.deep.equal(['B', 'A'])
      expect(paging(res)).to.deep.equal({
        NumeratorOffset: '4',
        AbsoluteDenominator: '4',
        TotalItemsInView: '4',
        IncludesLastItemInRange: 'true',
      })
    })

    it('cuts a FractionalPageItemView at MaxEntriesReturned', async () => {
      await seed(['A', 'B', 'C', 'D'])
      const res = await find({ view: fractionalView(1, 0, 4) })
      expect(subjects(res)).to.deep.equal(['D'])
      expect(paging(res)).to.deep.equal({
        NumeratorOffset: '1',
        AbsoluteDenominator: '4',
        TotalItemsInView: '4',
        IncludesLastItemInRange: 'false',
      })
    })

    it('counts only the matching items in TotalItemsInView when restricted', async () => {
      await seed(['Keep 1', 'Drop', 'Keep 2', 'Keep 3'])
      const res = await find({
        view: indexedView(2),
        restriction: restriction(contains('item:Subject', 'Keep', 'Prefixed', 'Exact')),
      })
      expect(subjects(res)).to.deep.equal(['Keep 3', 'Keep 2'])
      expect(paging(res)).to.deep.equal({
        IndexedPagingOffset: '2',
        TotalItemsInView: '3',
        IncludesLastItemInRange: 'false',
      })
    })
  })

  describe('order', () => {
    it('lists the newest DateTimeReceived first by default', async () => {
      await seed(['First', 'Second', 'Third'])
      const res = await find()
      expect(subjects(res)).to.deep.equal(['Third', 'Second', 'First'])
      const received = res.select('//t:Message/t:DateTimeReceived').map((n) => n.textContent)
      expect(received).to.deep.equal([
        '2016-06-10T09:03:00Z',
        '2016-06-10T09:02:00Z',
        '2016-06-10T09:01:00Z',
      ])
    })

    it('sorts on item:Subject ascending, ignoring case', async () => {
      await seed(['banana', 'Cherry', 'apple'])
      const res = await find({ sort: sortBy('item:Subject', 'Ascending') })
      expect(subjects(res)).to.deep.equal(['apple', 'banana', 'Cherry'])
    })

    it('sorts on item:Subject descending', async () => {
      await seed(['banana', 'Cherry', 'apple'])
      const res = await find({ sort: sortBy('item:Subject', 'Descending') })
      expect(subjects(res)).to.deep.equal(['Cherry', 'banana', 'apple'])
    })

    it('sorts on item:DateTimeReceived ascending: oldest first', async () => {
      await seed(['First', 'Second', 'Third'])
      const res = await find({ sort: sortBy('item:DateTimeReceived', 'Ascending') })
      expect(subjects(res)).to.deep.equal(['First', 'Second', 'Third'])
    })

    it('pages the sorted view', async () => {
      await seed(['d', 'b', 'a', 'c'])
      const res = await find({ sort: sortBy('item:Subject', 'Ascending'), view: indexedView(2, 2) })
      expect(subjects(res)).to.deep.equal(['c', 'd'])
      expect(paging(res).IncludesLastItemInRange).to.equal('true')
    })
  })

  describe('restrictions', () => {
    const only = async (expression: string): Promise<string[]> => {
      const res = await find({ restriction: restriction(expression) })
      expect(res.codes()).to.deep.equal(['NoError'])
      return subjects(res)
    }

    it('matches IsEqualTo on item:Subject', async () => {
      await seed(['Hello 1', 'Hello 2'])
      expect(await only(comparison('IsEqualTo', 'item:Subject', 'Hello 1'))).to.deep.equal([
        'Hello 1',
      ])
    })

    it('matches IsNotEqualTo on item:Subject', async () => {
      await seed(['Hello 1', 'Hello 2', 'Hello 3'])
      expect(await only(comparison('IsNotEqualTo', 'item:Subject', 'Hello 2'))).to.deep.equal([
        'Hello 3',
        'Hello 1',
      ])
    })

    it('matches IsEqualTo on message:IsRead', async () => {
      await seed(['Read'], INBOX, { isRead: true })
      await seed(['Unread'], INBOX, { isRead: false })
      expect(await only(comparison('IsEqualTo', 'message:IsRead', 'false'))).to.deep.equal([
        'Unread',
      ])
    })

    describe('Contains', () => {
      beforeEach(() => seed(['Quarterly Report', 'quarterly numbers', 'Annual report']))

      it('matches a Substring, ignoring case with IgnoreCase', async () => {
        expect(
          await only(contains('item:Subject', 'REPORT', 'Substring', 'IgnoreCase')),
        ).to.deep.equal(['Annual report', 'Quarterly Report'])
      })

      it('matches a Substring case-sensitively with Exact', async () => {
        expect(await only(contains('item:Subject', 'report', 'Substring', 'Exact'))).to.deep.equal([
          'Annual report',
        ])
      })

      it('matches a prefix with Prefixed', async () => {
        expect(
          await only(contains('item:Subject', 'quarterly', 'Prefixed', 'IgnoreCase')),
        ).to.deep.equal(['quarterly numbers', 'Quarterly Report'])
        expect(
          await only(contains('item:Subject', 'quarterly', 'Prefixed', 'Exact')),
        ).to.deep.equal(['quarterly numbers'])
        expect(await only(contains('item:Subject', 'Report', 'Prefixed', 'Exact'))).to.deep.equal(
          [],
        )
      })

      it('matches the whole value with FullString', async () => {
        expect(
          await only(contains('item:Subject', 'annual REPORT', 'FullString', 'IgnoreCase')),
        ).to.deep.equal(['Annual report'])
        expect(
          await only(contains('item:Subject', 'Annual', 'FullString', 'IgnoreCase')),
        ).to.deep.equal([])
      })
    })

    describe('on item:DateTimeReceived (09:01, 09:02, 09:03)', () => {
      beforeEach(() => seed(['One', 'Two', 'Three']))

      it('matches IsGreaterThan', async () => {
        expect(
          await only(comparison('IsGreaterThan', 'item:DateTimeReceived', '2016-06-10T09:02:00Z')),
        ).to.deep.equal(['Three'])
      })

      it('matches IsGreaterThanOrEqualTo', async () => {
        expect(
          await only(
            comparison('IsGreaterThanOrEqualTo', 'item:DateTimeReceived', '2016-06-10T09:02:00Z'),
          ),
        ).to.deep.equal(['Three', 'Two'])
      })

      it('matches IsLessThan', async () => {
        expect(
          await only(comparison('IsLessThan', 'item:DateTimeReceived', '2016-06-10T09:02:00Z')),
        ).to.deep.equal(['One'])
      })

      it('matches IsLessThanOrEqualTo', async () => {
        expect(
          await only(
            comparison('IsLessThanOrEqualTo', 'item:DateTimeReceived', '2016-06-10T09:02:00Z'),
          ),
        ).to.deep.equal(['Two', 'One'])
      })
    })

    it('combines expressions with And, Or and Not', async () => {
      await seed(['red apple', 'green apple', 'red cherry', 'blue berry'])
      const red = contains('item:Subject', 'red', 'Prefixed', 'Exact')
      const apple = contains('item:Subject', 'apple', 'Substring', 'Exact')
      expect(await only(allOf(red, apple))).to.deep.equal(['red apple'])
      expect(await only(anyOf(red, apple))).to.deep.equal([
        'red cherry',
        'green apple',
        'red apple',
      ])
      expect(await only(not(anyOf(red, apple)))).to.deep.equal(['blue berry'])
      expect(await only(allOf(apple, not(red)))).to.deep.equal(['green apple'])
    })

    it('matches Exists on item:Categories only for items that have some', async () => {
      await seed(['Tagged'], INBOX, { categories: ['Red'] })
      await seed(['Plain'])
      expect(await only(exists('item:Categories'))).to.deep.equal(['Tagged'])
      expect(await only(not(exists('item:Categories')))).to.deep.equal(['Plain'])
    })

    it('compares with another field when FieldURIOrConstant holds a FieldURI', async () => {
      await seed(['Draft in inbox'], INBOX, { to: [BOB] })
      // A message received from bob: DateTimeSent equals DateTimeReceived; a draft has no DateTimeSent.
      clock.advance(60_000)
      const draft = await saveItem(
        ews.app,
        { subject: 'From bob', to: ['alice@contoso.com'] },
        undefined,
        BOB,
      )
      await call(ews.app, sendItemXml(itemId(draft.id, draft.changeKey), false), BOB)
      expect(
        await only(
          comparison('IsEqualTo', 'item:DateTimeSent', { path: fieldURI('item:DateTimeReceived') }),
        ),
      ).to.deep.equal(['From bob'])
    })

    it('returns nothing, not an error, when nothing matches', async () => {
      await seed(['A'])
      const res = await find({
        restriction: restriction(comparison('IsEqualTo', 'item:Subject', 'Z')),
      })
      expect(res.codes()).to.deep.equal(['NoError'])
      expect(subjects(res)).to.deep.equal([])
      expect(paging(res).TotalItemsInView).to.equal('0')
    })
  })

  describe('Missed Conversations search folder', () => {
    it('lists the IPM.Note.Microsoft.Missed items of the whole mailbox, and nothing else', async () => {
      const old = await createFolderIn(ews.app, INBOX, 'Old IMs')
      await seed(['IM in inbox'], INBOX, { itemClass: CLASS.missed })
      await seed(['Mail in inbox'])
      await seed(['IM in subfolder'], folderId(old), { itemClass: `${CLASS.missed}.Voice` })
      await seed(['History'], distinguished('conversationhistory'), {
        itemClass: CLASS.conversation,
      })
      await seed(['IM in drafts'], distinguished('drafts'), { itemClass: CLASS.missed })
      const missed = await missedConversationsId(ews.app)
      const res = await call(ews.app, findItemXml(folderId(missed)))
      expect(res.codes()).to.deep.equal(['NoError'])
      expect(subjects(res)).to.deep.equal(['IM in drafts', 'IM in subfolder', 'IM in inbox'])
      expect(paging(res).TotalItemsInView).to.equal('3')
    })

    it('leaves out the missed items in Deleted Items', async () => {
      await seed(['Kept IM'], INBOX, { itemClass: CLASS.missed })
      await seed(['Deleted IM'], distinguished('deleteditems'), { itemClass: CLASS.missed })
      const missed = await missedConversationsId(ews.app)
      const res = await call(ews.app, findItemXml(folderId(missed)))
      expect(subjects(res)).to.deep.equal(['Kept IM'])
    })

    it("lists an offline IM delivered to bob in his folder, not in the sender's", async () => {
      await sendMessage(
        ews.app,
        { subject: 'Are you there?', itemClass: CLASS.missed, to: [BOB] },
        { disposition: 'SendOnly' },
      )
      const bobs = await missedConversationsIdOf(ews.app, BOB)
      const res = await call(ews.app, findItemXml(folderId(bobs)), BOB)
      expect(subjects(res)).to.deep.equal(['Are you there?'])
      const alices = await missedConversationsId(ews.app)
      expect(subjects(await call(ews.app, findItemXml(folderId(alices))))).to.deep.equal([])
    })

    it('pages the search folder like any other folder', async () => {
      await seed(['IM 1', 'IM 2', 'IM 3'], INBOX, { itemClass: CLASS.missed })
      const missed = await missedConversationsId(ews.app)
      const res = await call(ews.app, findItemXml(folderId(missed), { view: indexedView(2) }))
      expect(subjects(res)).to.deep.equal(['IM 3', 'IM 2'])
      expect(paging(res)).to.deep.equal({
        IndexedPagingOffset: '2',
        TotalItemsInView: '3',
        IncludesLastItemInRange: 'false',
      })
    })
  })

  describe('traversal and parents', () => {
    it('answers Traversal="Associated" with an empty view', async () => {
      await seed(['A', 'B'])
      const res = await find({ traversal: 'Associated' })
      expect(res.codes()).to.deep.equal(['NoError'])
      expect(subjects(res)).to.deep.equal([])
      expect(paging(res).TotalItemsInView).to.equal('0')
      expect(paging(res).IncludesLastItemInRange).to.equal('true')
    })

    it('answers Traversal="SoftDeleted" with an empty view, even after a SoftDelete', async () => {
      const [a] = await seed(['A', 'B'])
      await call(ews.app, deleteItemXml(itemId(a!.id), 'SoftDelete'))
      const res = await find({ traversal: 'SoftDeleted' })
      expect(res.codes()).to.deep.equal(['NoError'])
      expect(subjects(res)).to.deep.equal([])
    })

    it('answers several parent folders, one response message each', async () => {
      await seed(['In inbox'])
      await seed(['In drafts'], distinguished('drafts'))
      const res = await call(ews.app, findItemXml(INBOX + distinguished('drafts')))
      expect(res.codes()).to.deep.equal(['NoError', 'NoError'])
      expect(subjects(res, 1)).to.deep.equal(['In inbox'])
      expect(subjects(res, 2)).to.deep.equal(['In drafts'])
    })

    it('finds the items of a folder named by its real id', async () => {
      const sub = await createFolderIn(ews.app, INBOX, 'Sub')
      await seed(['Deep'], folderId(sub))
      const res = await call(ews.app, findItemXml(folderId(sub)))
      expect(subjects(res)).to.deep.equal(['Deep'])
      expect(subjects(await find())).to.deep.equal([])
    })

    it('returns the shape asked for: IdOnly gives only ItemIds', async () => {
      await seed(['A'])
      const res = await find({ shape: 'IdOnly' })
      const names = res.select('//t:Items/t:Message/*').map((n) => (n as Element).localName)
      expect(names).to.deep.equal(['ItemId'])
      expect(res.value('//t:Items/t:Message/t:ItemId/@Id')).to.equal(
        storedItems(ews, 'alice@contoso.com', 'inbox')[0]?.itemId.id,
      )
    })
  })

  describe('per-folder errors (HTTP 200)', () => {
    it('answers ErrorFolderNotFound for a well-formed id of no folder', async () => {
      const inbox = await folderIdOf(ews.app, 'inbox')
      const res = await call(
        ews.app,
        findItemXml(folderId(withByteChanged(inbox, LAST_OBJECT_BYTE))),
      )
      expect(res.status).to.equal(200)
      expect(res.codes()).to.deep.equal(['ErrorFolderNotFound'])
      expect(res.value('//m:FindItemResponseMessage/@ResponseClass')).to.equal('Error')
      expect(res.select('//m:RootFolder')).to.have.length(0)
    })

    it('answers each parent on its own: an unknown folder does not fail the others', async () => {
      await seed(['A'])
      const res = await call(
        ews.app,
        findItemXml(INBOX + distinguished('archiveinbox') + distinguished('drafts')),
      )
      expect(res.codes()).to.deep.equal(['NoError', 'ErrorFolderNotFound', 'NoError'])
      expect(subjects(res, 1)).to.deep.equal(['A'])
    })

    it('answers ErrorInvalidIdMalformed for a folder id that is not one', async () => {
      const res = await call(ews.app, findItemXml(folderId('bm90LWFuLWlk')))
      expect(res.codes()).to.deep.equal(['ErrorInvalidIdMalformed'])
    })

    it('answers ErrorCannotUseItemIdForFolderId for an item id', async () => {
      const [a] = await seed(['A'])
      const res = await call(ews.app, findItemXml(folderId(a!.id)))
      expect(res.codes()).to.deep.equal(['ErrorCannotUseItemIdForFolderId'])
    })

    it("answers ErrorAccessDenied for bob's inbox", async () => {
      const bobsInbox = await folderIdOf(ews.app, 'inbox', BOB)
      const res = await call(ews.app, findItemXml(folderId(bobsInbox)))
      expect(res.codes()).to.deep.equal(['ErrorAccessDenied'])
    })

    it('answers ErrorUnsupportedPathForQuery in every message for a path it cannot query', async () => {
      await seed(['A'])
      // (ExtendedFieldURI restrictions are evaluated: test/integration/extended-properties.test.ts.)
      const extended =
        '<t:IsEqualTo><t:FieldURI FieldURI="postitem:PostedTime"/>' +
        '<t:FieldURIOrConstant><t:Constant Value="2026-01-01T00:00:00Z"/></t:FieldURIOrConstant></t:IsEqualTo>'
      const res = await call(
        ews.app,
        findItemXml(INBOX + distinguished('drafts'), { restriction: restriction(extended) }),
      )
      expect(res.status).to.equal(200)
      expect(res.codes()).to.deep.equal([
        'ErrorUnsupportedPathForQuery',
        'ErrorUnsupportedPathForQuery',
      ])
    })

    it('answers ErrorUnsupportedPathForQuery for a postitem:PostedTime restriction', async () => {
      const res = await find({
        restriction: restriction(
          comparison('IsGreaterThan', 'postitem:PostedTime', '2016-06-10T00:00:00Z'),
        ),
      })
      expect(res.codes()).to.deep.equal(['ErrorUnsupportedPathForQuery'])
    })

    it('answers ErrorUnsupportedPathForQuery for a SortOrder on an unsupported path', async () => {
      const res = await find({ sort: sortBy('postitem:PostedTime', 'Ascending') })
      expect(res.codes()).to.deep.equal(['ErrorUnsupportedPathForQuery'])
    })

    it('answers ErrorInvalidPropertyRequest for item:Body in AdditionalProperties', async () => {
      await seed(['A'])
      const res = await find({ shape: 'IdOnly', additional: additionalProperties('item:Body') })
      expect(res.status).to.equal(200)
      expect(res.codes()).to.deep.equal(['ErrorInvalidPropertyRequest'])
      expect(res.value('//m:FindItemResponseMessage/@ResponseClass')).to.equal('Error')
    })

    it('answers ErrorFolderNotFound rather than the query error for an unknown folder', async () => {
      const res = await call(
        ews.app,
        findItemXml(distinguished('archiveinbox'), {
          additional: additionalProperties('item:Body'),
        }),
      )
      expect(res.codes()).to.deep.equal(['ErrorFolderNotFound'])
    })
  })

  describe('schema errors (SOAP fault, HTTP 500)', () => {
    const fault = async (xml: string): Promise<void> => {
      const res = await call(ews.app, xml)
      expect(res.status).to.equal(500)
      expect(res.faultCode()).to.equal('ErrorSchemaValidation')
    }

    it('faults without the Traversal attribute', async () => {
      await fault(findItemXml(INBOX).replace(' Traversal="Shallow"', ''))
    })

    it('faults on a Traversal outside the enumeration', async () => {
      await fault(findItemXml(INBOX, { traversal: 'Deep' }))
    })

    it('faults on a BasePoint outside the enumeration', async () => {
      await fault(findItemXml(INBOX, { view: indexedView(1, 0, 'Middle') }))
    })

    it('faults on MaxEntriesReturned="0"', async () => {
      await fault(findItemXml(INBOX, { view: indexedView(0) }))
    })

    it('faults on an element that is not a search expression', async () => {
      await fault(findItemXml(INBOX, { restriction: restriction('<t:Matches/>') }))
    })

    it('faults on a Restriction with two search expressions', async () => {
      await fault(
        findItemXml(INBOX, {
          restriction: restriction(exists('item:Subject') + exists('item:Categories')),
        }),
      )
    })
  })
})
