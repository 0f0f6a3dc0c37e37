/**
 * Races on a real server (port 0, keep-alive fetch): two clients write the same item at once and
 * the outcome depends on which request the server takes first. Two UpdateItems carrying the same
 * ChangeKey: exactly one wins, the other gets ErrorIrresolvableConflict and the item holds the
 * winner's change (no lost update). A MoveItem racing a hard DeleteItem: exactly one wins, the item
 * is moved once or gone. (Writes that do not touch the same item cannot race: each request runs
 * to its end before the next begins, so many clients creating at once prove nothing more.)
 */
import { expect } from 'chai'
import { createEwsApp, FakeClock, seededIds, startEwsServer } from '../../mock-ews/index.ts'
import type { EwsApp, RunningServer } from '../../mock-ews/index.ts'
import { distinguished } from '../helpers/ews.ts'
import {
  ALICE,
  allStoredItems,
  deleteItemXml,
  itemChange,
  itemFields,
  itemId,
  moveItemXml,
  setItemField,
  updateItemXml,
} from '../helpers/items.ts'
import { callServer } from '../helpers/hardening.ts'
import type { SoapAnswer } from '../helpers/ews.ts'

const RACED = 20

describe('Races on a real server', function () {
  this.timeout(30_000)
  let ews: EwsApp
  let server: RunningServer
  beforeEach(async () => {
    ews = createEwsApp({ clock: new FakeClock('2016-06-10T09:00:00Z'), ids: seededIds(11) })
    server = await startEwsServer(ews.app, { port: 0 })
  })
  afterEach(() => server.close())

  /** RACED drafts, created through the store. */
  function drafts(tag: string): { id: string; changeKey: string }[] {
    const folder = ews.store.getDistinguishedFolder(ALICE, 'drafts').folderId.id
    return Array.from({ length: RACED }, (_, i) => {
      const item = ews.store.createItem(
        ALICE,
        folder,
        itemFields({ subject: `${tag} ${i}`, isDraft: true, isRead: true }),
      )
      return { id: item.itemId.id, changeKey: item.itemId.changeKey }
    })
  }

  /** Sends the two requests of every item at once (every item at once too); their answers. */
  function race(requests: [string, string][]): Promise<[SoapAnswer, SoapAnswer][]> {
    return Promise.all(
      requests.map(
        ([a, b], i) =>
          // Half the items send b first, so that both orders of arrival are tried.
          Promise.all(
            i % 2 === 0
              ? [callServer(server, a), callServer(server, b)]
              : [callServer(server, b), callServer(server, a)].reverse(),
          ) as Promise<[SoapAnswer, SoapAnswer]>,
      ),
    )
  }

  it(`two UpdateItems with the same ChangeKey, for each of ${RACED} items: one wins, the other conflicts, the item holds the winner's change`, async () => {
    const items = drafts('update')
    const subject = (i: number, who: string): string => `item ${i} by ${who}`
    const update = (i: number, who: string): string =>
      updateItemXml(
        itemChange(
          itemId(items[i]!.id, items[i]!.changeKey),
          setItemField('item:Subject', { subject: subject(i, who) }),
        ),
        'AutoResolve',
      )
    const answers = await race(items.map((_, i) => [update(i, 'a'), update(i, 'b')]))
    const wins = { a: 0, b: 0 }
    answers.forEach(([a, b], i) => {
      const codes = [a.codes(), b.codes()]
      const winners = codes.filter((c) => c[0] === 'NoError')
      expect(winners, `item ${i}: ${JSON.stringify(codes)}`).to.have.length(1)
      expect(codes.flat().filter((c) => c !== 'NoError')).to.deep.equal([
        'ErrorIrresolvableConflict',
      ])
      const [who, answer] = a.codes()[0] === 'NoError' ? (['a', a] as const) : (['b', b] as const)
      wins[who]++
      const stored = ews.store.getItem(ALICE, items[i]!.id)
      expect(stored.subject, `item ${i}`).to.equal(subject(i, who))
      expect(stored.itemId.changeKey).to.equal(
        answer.value('//m:Items/t:Message/t:ItemId/@ChangeKey'),
      )
    })
    // Which one wins depends on the order of arrival; over the items, both orders happened.
    expect(wins.a, JSON.stringify(wins)).to.be.greaterThan(0)
    expect(wins.b, JSON.stringify(wins)).to.be.greaterThan(0)
  })

  it(`MoveItem to Deleted Items racing a hard DeleteItem, for each of ${RACED} items: one wins, the item is moved once or gone`, async () => {
    const items = drafts('move or delete')
    const deleted = ews.store.getDistinguishedFolder(ALICE, 'deleteditems').folderId.id
    const answers = await race(
      items.map(({ id }) => [
        moveItemXml(distinguished('deleteditems'), itemId(id)),
        deleteItemXml(itemId(id), 'HardDelete'),
      ]),
    )
    const wins = { move: 0, delete: 0 }
    const where = new Map(allStoredItems(ews, ALICE).map((i) => [i.itemId.id, i.parentFolderId.id]))
    answers.forEach(([move, del], i) => {
      const codes = [move.codes(), del.codes()]
      expect(
        codes.filter((c) => c[0] === 'NoError'),
        `item ${i}: ${JSON.stringify(codes)}`,
      ).to.have.length(1)
      // The loser finds the item gone.
      expect(codes.flat().filter((c) => c !== 'NoError')).to.deep.equal(['ErrorItemNotFound'])
      expect(where.has(items[i]!.id), `item ${i} is still in Drafts`).to.equal(false)
      if (move.codes()[0] === 'NoError') {
        wins.move++
        expect(where.get(move.value('//m:Items/t:Message/t:ItemId/@Id')), `item ${i}`).to.equal(
          deleted,
        )
      } else wins.delete++
    })
    expect(where.size, 'items left in the mailbox').to.equal(wins.move)
    expect(wins.move, JSON.stringify(wins)).to.be.greaterThan(0)
    expect(wins.delete, JSON.stringify(wins)).to.be.greaterThan(0)
  })
})
