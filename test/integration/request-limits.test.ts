/**
 * The bounds on one request (README "Limits", docs/decisions/0020): ids per request, restriction
 * size and constants, the search budget (units of work, at its exact edges), and searches that are
 * not repeated. Scaled-down forms of the issue-13 reproductions; no assertion depends on the
 * machine's speed.
 */
import { expect } from 'chai'
import { FakeClock, MemoryMailboxStore, seededIds } from '../../mock-ews/index.ts'
import type { EwsAppOptions } from '../../mock-ews/index.ts'
import { DEFAULT_LIMITS } from '../../mock-ews/domain/limits.ts'
import { call, distinguished, testApp } from '../helpers/ews.ts'
import {
  ALICE,
  anyOf,
  comparison,
  contains,
  deleteItemXml,
  findItemXml,
  getItemXml,
  itemFields,
  itemId,
  markAllItemsAsReadXml,
  restriction,
  storedItems,
} from '../helpers/items.ts'
import { storeSnapshot } from '../helpers/hardening.ts'

const DRAFTS = distinguished('drafts')
const SUBJECT = 'item:Subject'
const LIMIT = DEFAULT_LIMITS.maxIdsPerRequest

/** An app whose Drafts hold `n` items, with a count of the store's item searches. */
function appWithDrafts(n: number, options: EwsAppOptions = {}) {
  const clock = new FakeClock('2016-06-10T09:00:00Z')
  const store = new MemoryMailboxStore({ ids: seededIds(7), clock })
  const ews = testApp({ store, clock, ...options })
  const drafts = ews.store.getDistinguishedFolder(ALICE, 'drafts').folderId.id
  const ids = Array.from(
    { length: n },
    (_, i) => ews.store.createItem(ALICE, drafts, itemFields({ subject: `draft ${i}` })).itemId.id,
  )
  const searches = { count: 0, marks: 0, walks: 0 }
  const findItems = store.findItems.bind(store)
  store.findItems = (...args) => {
    searches.count++
    return findItems(...args)
  }
  const findFolders = store.findFolders.bind(store)
  store.findFolders = (...args) => {
    searches.walks++
    return findFolders(...args)
  }
  const markAll = store.markAllItemsAsRead.bind(store)
  store.markAllItemsAsRead = (...args) => {
    searches.marks++
    markAll(...args)
  }
  return { ...ews, ids, searches }
}

const equalTo = (subject: string): string => restriction(comparison('IsEqualTo', SUBJECT, subject))

describe('request limits', () => {
  describe('ids per request', () => {
    it(`refuses a FindItem naming Drafts ${LIMIT + 1} times with ErrorInvalidRequest, searching nothing`, async () => {
      const { app, searches } = appWithDrafts(20)
      const res = await call(
        app,
        findItemXml(DRAFTS.repeat(LIMIT + 1), { restriction: equalTo('draft 3') }),
      )
      expect(res.status).to.equal(500)
      expect(res.faultCode()).to.equal('ErrorInvalidRequest')
      expect(res.text).to.contain(`at most ${LIMIT}`)
      expect(searches.count).to.equal(0)
    })

    it(`answers a FindItem naming Drafts ${LIMIT} times, searching Drafts once`, async () => {
      const { app, searches } = appWithDrafts(20)
      const res = await call(
        app,
        findItemXml(DRAFTS.repeat(LIMIT), { restriction: equalTo('draft 3') }),
      )
      const codes = res.codes()
      expect(codes).to.have.length(LIMIT)
      expect(new Set(codes)).to.deep.equal(new Set(['NoError']))
      expect(res.text.match(/<t:Subject>draft 3<\/t:Subject>/g)).to.have.length(LIMIT)
      expect(searches.count).to.equal(1)
    })

    it('a folder named again still counts against the find count limit, exactly as if searched again', async () => {
      const { app, searches } = appWithDrafts(30, { limits: { findCountLimit: 70 } })
      const res = await call(app, findItemXml(DRAFTS.repeat(4)))
      const counts = [1, 2, 3, 4].map(
        (n) => res.select(`//m:FindItemResponseMessage[${n}]//t:Message`).length,
      )
      expect(counts).to.deep.equal([30, 30, 10, 0])
      // Searched for the first, again where the limit cut the page, and once more at zero.
      expect(searches.count).to.equal(3)
    })

    it(`refuses GetItem and DeleteItem of ${LIMIT + 1} ids with ErrorInvalidRequest, deleting nothing`, async () => {
      const { app, store, ids } = appWithDrafts(3)
      const many = ids
        .map((id) => itemId(id))
        .join('')
        .repeat(Math.ceil((LIMIT + 1) / 3))
      for (const op of [getItemXml(many), deleteItemXml(many)]) {
        const res = await call(app, op)
        expect(res.faultCode()).to.equal('ErrorInvalidRequest')
      }
      const drafts = store.getDistinguishedFolder(ALICE, 'drafts').folderId.id
      expect(store.findItems(ALICE, drafts, { view: { kind: 'all' } }).total).to.equal(3)
    })

    it(`MarkAllItemsAsRead of Drafts ${LIMIT} times reads Drafts once`, async () => {
      const { app, store, searches } = appWithDrafts(5)
      const res = await call(app, markAllItemsAsReadXml(DRAFTS.repeat(LIMIT)))
      expect(new Set(res.codes())).to.deep.equal(new Set(['NoError']))
      expect(searches.marks).to.equal(1)
      const drafts = store.getDistinguishedFolder(ALICE, 'drafts').folderId.id
      const items = store.findItems(ALICE, drafts, { view: { kind: 'all' } }).items
      expect(items.map((i) => i.isRead)).to.deep.equal([true, true, true, true, true])
    })

    it(`FindFolder of msgfolderroot ${LIMIT} times walks it once`, async () => {
      const { app, searches } = appWithDrafts(0)
      const res = await call(
        app,
        '<m:FindFolder Traversal="Deep"><m:FolderShape><t:BaseShape>IdOnly</t:BaseShape></m:FolderShape>' +
          `<m:ParentFolderIds>${distinguished('msgfolderroot').repeat(LIMIT)}</m:ParentFolderIds></m:FindFolder>`,
      )
      expect(new Set(res.codes())).to.deep.equal(new Set(['NoError']))
      expect(searches.walks).to.equal(1)
    })

    it('the id limit is configurable', async () => {
      const { app } = appWithDrafts(1, { limits: { maxIdsPerRequest: 2 } })
      expect((await call(app, findItemXml(DRAFTS.repeat(2)))).codes()).to.deep.equal([
        'NoError',
        'NoError',
      ])
      expect((await call(app, findItemXml(DRAFTS.repeat(3)))).faultCode()).to.equal(
        'ErrorInvalidRequest',
      )
    })
  })

  describe('restrictions', () => {
    const or = (n: number): string =>
      restriction(
        anyOf(...Array.from({ length: n }, (_, i) => comparison('IsEqualTo', SUBJECT, `${i}`))),
      )

    it('takes 255 search expressions and refuses 256 with ErrorRestrictionTooLong', async () => {
      const { app, searches } = appWithDrafts(5)
      // An Or of n comparisons is n + 1 search expressions.
      expect(
        (await call(app, findItemXml(DRAFTS, { restriction: or(254) }))).codes(),
      ).to.deep.equal(['NoError'])
      const res = await call(app, findItemXml(DRAFTS + DRAFTS, { restriction: or(255) }))
      expect(res.codes()).to.deep.equal(['ErrorRestrictionTooLong', 'ErrorRestrictionTooLong'])
      expect(searches.count).to.equal(1)
    })

    it(`takes a constant of ${DEFAULT_LIMITS.maxConstantLength} characters and refuses a longer one with ErrorRestrictionTooLong`, async () => {
      const { app } = appWithDrafts(5)
      const max = DEFAULT_LIMITS.maxConstantLength
      const find = (value: string, expression: string) =>
        call(
          app,
          findItemXml(DRAFTS, { restriction: restriction(expression.replace('VALUE', value)) }),
        )
      for (const expression of [
        comparison('IsEqualTo', SUBJECT, 'VALUE'),
        contains(SUBJECT, 'VALUE', 'Substring', 'IgnoreCase'),
      ]) {
        expect((await find('x'.repeat(max), expression)).codes()).to.deep.equal(['NoError'])
        expect((await find('x'.repeat(max + 1), expression)).codes()).to.deep.equal([
          'ErrorRestrictionTooLong',
        ])
      }
    })

    it('lower-cases the needle of a Contains IgnoreCase once, not once per item', async () => {
      const { app } = appWithDrafts(50)
      const needle = 'DrAfT'.repeat(151) // a length no other string of the request has
      const lower = String.prototype.toLowerCase
      let needleLowered = 0
      String.prototype.toLowerCase = function (this: string) {
        if (this.length === needle.length) needleLowered++
        return lower.call(this)
      }
      try {
        const res = await call(
          app,
          findItemXml(DRAFTS, {
            restriction: restriction(contains(SUBJECT, needle, 'Substring', 'IgnoreCase')),
          }),
        )
        expect(res.codes()).to.deep.equal(['NoError'])
      } finally {
        String.prototype.toLowerCase = lower
      }
      expect(needleLowered).to.equal(1)
    })
  })

  describe('search budget (units of work)', () => {
    const budget = (searchBudget: number) => ({ limits: { searchBudget } })
    // One unit per folder searched, per item read, per restriction test on an item.
    const twoFolders = findItemXml(distinguished('drafts', 'inbox'), {
      restriction: equalTo('draft 3'),
    })

    it('answers a search that spends the budget exactly; one unit less stops the folder that passes it', async () => {
      // Drafts: 1 + 20 items read + 20 tests = 41; Inbox (empty): 1. In all 42.
      const { app } = appWithDrafts(20, budget(42))
      expect((await call(app, twoFolders)).codes()).to.deep.equal(['NoError', 'NoError'])
      const short = appWithDrafts(20, budget(41))
      expect((await call(short.app, twoFolders)).codes()).to.deep.equal([
        'NoError',
        'ErrorTimeoutExpired',
      ])
    })

    it('stops the folder being searched when the budget runs out, and every later one', async () => {
      const { app } = appWithDrafts(20, budget(40))
      expect((await call(app, twoFolders)).codes()).to.deep.equal([
        'ErrorTimeoutExpired',
        'ErrorTimeoutExpired',
      ])
    })

    it('charges each Contains evaluated, so an Or of them stops too', async () => {
      // 1 folder + 1 item + 6 Contains (a short body: one unit each) = 8.
      const body = (i: number) => contains('item:Body', `needle ${i}`, 'Substring', 'IgnoreCase')
      const find = findItemXml(DRAFTS, {
        restriction: restriction(anyOf(...[1, 2, 3, 4, 5, 6].map(body))),
      })
      expect((await call(appWithDrafts(1, budget(8)).app, find)).codes()).to.deep.equal(['NoError'])
      expect((await call(appWithDrafts(1, budget(7)).app, find)).codes()).to.deep.equal([
        'ErrorTimeoutExpired',
      ])
    })

    it('charges a test one more unit for each 1,024 characters of the value it reads', async () => {
      const setUp = (searchBudget: number) => {
        const ews = appWithDrafts(0, budget(searchBudget))
        const drafts = ews.store.getDistinguishedFolder(ALICE, 'drafts').folderId.id
        const text = 'x'.repeat(10 * 1024)
        ews.store.createItem(ALICE, drafts, itemFields({ body: { type: 'Text', text } }))
        return ews.app
      }
      // 1 folder + 1 item + a Contains reading 10 KB (1 + 10) = 13.
      const find = findItemXml(DRAFTS, {
        restriction: restriction(contains('item:Body', 'needle', 'Substring', 'IgnoreCase')),
      })
      expect((await call(setUp(13), find)).codes()).to.deep.equal(['NoError'])
      expect((await call(setUp(12), find)).codes()).to.deep.equal(['ErrorTimeoutExpired'])
    })

    it('stops a sorted read of a whole folder that runs past the budget, restriction or not', async () => {
      const sort =
        '<m:SortOrder><t:FieldOrder Order="Ascending"><t:FieldURI FieldURI="item:Subject"/></t:FieldOrder></m:SortOrder>'
      // 1 folder + 20 items read = 21.
      expect(
        (await call(appWithDrafts(20, budget(21)).app, findItemXml(DRAFTS, { sort }))).codes(),
      ).to.deep.equal(['NoError'])
      expect(
        (await call(appWithDrafts(20, budget(20)).app, findItemXml(DRAFTS, { sort }))).codes(),
      ).to.deep.equal(['ErrorTimeoutExpired'])
    })

    it('stops a FindFolder walk that runs past the budget with ErrorTimeoutExpired', async () => {
      const { app } = appWithDrafts(0, budget(5))
      const res = await call(
        app,
        '<m:FindFolder Traversal="Deep"><m:FolderShape><t:BaseShape>IdOnly</t:BaseShape></m:FolderShape>' +
          `<m:ParentFolderIds>${distinguished('msgfolderroot')}</m:ParentFolderIds></m:FindFolder>`,
      )
      expect(res.codes()).to.deep.equal(['ErrorTimeoutExpired'])
    })

    it('charges MarkAllItemsAsRead a unit per folder and per item; past the budget the folder and every later one are left unread', async () => {
      // Drafts: 1 + 20 items = 21; Inbox (empty): 1; Drafts again: not read again.
      const mark = markAllItemsAsReadXml(distinguished('drafts', 'inbox', 'drafts'))
      const enough = appWithDrafts(20, budget(22))
      expect((await call(enough.app, mark)).codes()).to.deep.equal([
        'NoError',
        'NoError',
        'NoError',
      ])
      expect(storedItems(enough, ALICE, 'drafts').every((i) => i.isRead)).to.equal(true)
      const short = appWithDrafts(20, budget(20))
      const before = storeSnapshot(short)
      expect((await call(short.app, mark)).codes()).to.deep.equal([
        'ErrorTimeoutExpired',
        'ErrorTimeoutExpired',
        'ErrorTimeoutExpired',
      ])
      expect(storeSnapshot(short)).to.equal(before)
    })

    it('answers a restricted FindItem over 10,000 items within the default budget', async () => {
      const { app } = appWithDrafts(10_000)
      const res = await call(app, findItemXml(DRAFTS, { restriction: equalTo('draft 9999') }))
      expect(res.codes()).to.deep.equal(['NoError'])
      expect(res.value('//m:RootFolder/@TotalItemsInView')).to.equal('1')
    })
  })
})
