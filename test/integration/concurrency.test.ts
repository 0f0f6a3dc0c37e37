/**
 * Concurrency on a real server (port 0, keep-alive fetch): many clients creating at once lose and
 * duplicate nothing, and a MoveItem racing a DeleteItem (or another MoveItem) of the same item
 * leaves it in exactly one place or gone — never in two folders, never lost when reported moved.
 */
import { expect } from 'chai'
import { createEwsApp, FakeClock, seededIds, startEwsServer } from '../../mock-ews/index.ts'
import type { EwsApp, RunningServer } from '../../mock-ews/index.ts'
import { distinguished, envelope } from '../helpers/ews.ts'
import {
  ALICE,
  allStoredItems,
  countsOf,
  createItemXml,
  deleteItemXml,
  itemFields,
  itemId,
  messageXml,
  moveItemXml,
  storedItems,
} from '../helpers/items.ts'
import { callServer, mapLimit, postRaw } from '../helpers/hardening.ts'

const CLIENTS = 50
const PER_CLIENT = 200
const RACED = 500

/** A seeded shuffle (mulberry32), so that a failing interleaving can be replayed. */
function shuffled<T>(list: readonly T[], seed: number): T[] {
  let s = seed >>> 0
  const next = (): number => {
    s = (s + 0x6d2b79f5) >>> 0
    let t = Math.imul(s ^ (s >>> 15), s | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const out = [...list]
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1))
    ;[out[i], out[j]] = [out[j]!, out[i]!]
  }
  return out
}

describe('Concurrency on a real server', function () {
  this.timeout(120_000)
  let ews: EwsApp
  let server: RunningServer
  beforeEach(async () => {
    ews = createEwsApp({
      clock: new FakeClock('2016-06-10T09:00:00Z'),
      ids: seededIds(11),
      // 50 clients at once: above Exchange's default EWSMaxConcurrency (27), which would refuse
      // some with ErrorServerBusy (the throttling tests cover that).
      maxConcurrentRequestsPerUser: CLIENTS,
    })
    server = await startEwsServer(ews.app, { port: 0 })
  })
  afterEach(() => server.close())

  it(`${CLIENTS} clients × ${PER_CLIENT} CreateItem into Drafts: ${CLIENTS * PER_CLIENT} items, every id and change key unique`, async () => {
    const created = await Promise.all(
      Array.from({ length: CLIENTS }, async (_, client) => {
        const mine: { subject: string; id: string; changeKey: string }[] = []
        for (let i = 0; i < PER_CLIENT; i++) {
          const subject = `client ${client} item ${i}`
          // Read with regular expressions, not a DOM: the clients' parsing would share the one core
          // the server has (the server's answers are checked in full by the other tests).
          const raw = await postRaw(
            server,
            envelope(createItemXml('SaveOnly', messageXml({ subject }), distinguished('drafts'))),
          )
          const id = /<t:ItemId Id="([^"]+)" ChangeKey="([^"]+)"/.exec(raw.text)
          expect(raw.status, raw.text).to.equal(200)
          expect(/<m:ResponseCode>([^<]*)</.exec(raw.text)?.[1], raw.text).to.equal('NoError')
          expect(id, raw.text).not.to.equal(null)
          mine.push({ subject, id: id![1]!, changeKey: id![2]! })
        }
        return mine
      }),
    )
    const all = created.flat()
    const total = CLIENTS * PER_CLIENT
    expect(all).to.have.length(total)
    expect(new Set(all.map((c) => c.id)).size, 'duplicate ids').to.equal(total)
    expect(new Set(all.map((c) => c.changeKey)).size, 'duplicate change keys').to.equal(total)

    expect((await countsOf(ews.app, distinguished('drafts'))).total).to.equal(total)
    const stored = storedItems(ews, ALICE, 'drafts')
    expect(stored).to.have.length(total)
    const byId = new Map(stored.map((i) => [i.itemId.id, i]))
    for (const c of all) {
      const item = byId.get(c.id)
      expect(item, c.subject).not.to.equal(undefined)
      expect(item!.subject).to.equal(c.subject)
      expect(item!.itemId.changeKey).to.equal(c.changeKey)
    }
    expect(allStoredItems(ews, ALICE)).to.have.length(total)
  })

  /** RACED items in Drafts, created through the store; their ids. */
  function draftsToRace(tag: string): string[] {
    const drafts = ews.store.getDistinguishedFolder(ALICE, 'drafts').folderId.id
    return Array.from(
      { length: RACED },
      (_, i) =>
        ews.store.createItem(
          ALICE,
          drafts,
          itemFields({ subject: `${tag} ${i}`, isDraft: true, isRead: true }),
        ).itemId.id,
    )
  }

  interface Attempt {
    item: number
    kind: 'a' | 'b'
    request: string
  }

  /** Sends both attempts of every item, shuffled, 50 at a time; answers by item and kind. */
  async function race(attempts: Attempt[], seed: number) {
    const answers = await mapLimit(shuffled(attempts, seed), CLIENTS, async (a) => {
      const res = await callServer(server, a.request)
      return {
        ...a,
        codes: res.codes(),
        newId: res.value('//m:Items/t:Message/t:ItemId/@Id'),
        text: res.text,
      }
    })
    const byItem = new Map<number, { a?: (typeof answers)[number]; b?: (typeof answers)[number] }>()
    for (const answer of answers) {
      const entry = byItem.get(answer.item) ?? {}
      entry[answer.kind] = answer
      byItem.set(answer.item, entry)
    }
    return byItem
  }

  /** Where each id is: the distinguished folders it is found in, over every folder of the mailbox. */
  function whereabouts(): Map<string, string[]> {
    const names = new Map<string, string>()
    for (const name of ['drafts', 'inbox', 'deleteditems', 'junkemail'])
      names.set(ews.store.getDistinguishedFolder(ALICE, name).folderId.id, name)
    const where = new Map<string, string[]>()
    for (const item of allStoredItems(ews, ALICE)) {
      const folder = names.get(item.parentFolderId.id) ?? item.parentFolderId.id
      where.set(item.itemId.id, [...(where.get(item.itemId.id) ?? []), folder])
    }
    return where
  }

  it(`MoveItem to Deleted Items racing a hard DeleteItem of each of ${RACED} items: one wins, the item is moved once or gone`, async () => {
    const ids = draftsToRace('move or delete')
    const attempts: Attempt[] = ids.flatMap((id, item) => [
      { item, kind: 'a' as const, request: moveItemXml(distinguished('deleteditems'), itemId(id)) },
      { item, kind: 'b' as const, request: deleteItemXml(itemId(id), 'HardDelete') },
    ])
    const byItem = await race(attempts, 1)
    const where = whereabouts()
    let moves = 0
    let deletes = 0
    for (const [item, { a: move, b: del }] of byItem) {
      const codes = [move!.codes, del!.codes]
      // Exactly one succeeds; the loser finds the item gone.
      expect(
        codes.filter((c) => c[0] === 'NoError'),
        `item ${item}: ${JSON.stringify(codes)}`,
      ).to.have.length(1)
      expect(codes.flat().filter((c) => c !== 'NoError')).to.deep.equal(['ErrorItemNotFound'])
      expect(where.has(ids[item]!), `item ${item} is still in Drafts`).to.equal(false)
      if (move!.codes[0] === 'NoError') {
        moves++
        expect(move!.newId, move!.text).not.to.equal('')
        expect(where.get(move!.newId), `moved item ${item}`).to.deep.equal(['deleteditems'])
      } else deletes++
    }
    expect(moves + deletes).to.equal(RACED)
    expect(moves, 'no move ever won').to.be.greaterThan(0)
    expect(deletes, 'no delete ever won').to.be.greaterThan(0)
    expect((await countsOf(ews.app, distinguished('deleteditems'))).total).to.equal(moves)
    expect((await countsOf(ews.app, distinguished('drafts'))).total).to.equal(0)
    expect(allStoredItems(ews, ALICE)).to.have.length(moves)
    expect([...where.values()].every((folders) => folders.length === 1)).to.equal(true)
  })

  it(`MoveItem to the Inbox racing MoveItem to Junk Email of each of ${RACED} items: one wins, the item is in its folder once`, async () => {
    const ids = draftsToRace('two moves')
    const attempts: Attempt[] = ids.flatMap((id, item) => [
      { item, kind: 'a' as const, request: moveItemXml(distinguished('inbox'), itemId(id)) },
      { item, kind: 'b' as const, request: moveItemXml(distinguished('junkemail'), itemId(id)) },
    ])
    const byItem = await race(attempts, 2)
    const where = whereabouts()
    const won = { inbox: 0, junkemail: 0 }
    for (const [item, { a, b }] of byItem) {
      const winners = [a!, b!].filter((x) => x.codes[0] === 'NoError')
      expect(winners, `item ${item}: ${a!.codes[0]} / ${b!.codes[0]}`).to.have.length(1)
      const loser = [a!, b!].find((x) => x.codes[0] !== 'NoError')!
      expect(loser.codes).to.deep.equal(['ErrorItemNotFound'])
      const folder = winners[0]!.kind === 'a' ? 'inbox' : 'junkemail'
      won[folder]++
      expect(where.get(winners[0]!.newId), `item ${item}`).to.deep.equal([folder])
      expect(where.has(ids[item]!)).to.equal(false)
    }
    expect(won.inbox + won.junkemail).to.equal(RACED)
    expect((await countsOf(ews.app, distinguished('inbox'))).total).to.equal(won.inbox)
    expect((await countsOf(ews.app, distinguished('junkemail'))).total).to.equal(won.junkemail)
    expect((await countsOf(ews.app, distinguished('drafts'))).total).to.equal(0)
    expect(allStoredItems(ews, ALICE)).to.have.length(RACED)
  })
})
