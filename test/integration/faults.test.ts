// Injected faults through SOAP (mock-ews/faults, applied in ews-endpoint.ts), the request journal,
// and their control plane under /__admin/faults and /__admin/requests. Time is a FakeClock: latency
// faults advance it instead of sleeping, window faults read it.
import { expect } from 'chai'
import request from 'supertest'
import {
  createEwsApp,
  DEFAULT_JOURNAL_CAPACITY,
  FakeClock,
  startEwsServer,
} from '../../mock-ews/index.ts'
import type { EwsApp, EwsAppOptions, JournalEntry, RunningServer } from '../../mock-ews/index.ts'
import { call, distinguished, envelope, getFolderXml, testApp } from '../helpers/ews.ts'
import type { SoapAnswer } from '../helpers/ews.ts'
import {
  captureSoapAnswers,
  isWellFormed,
  postOverSocket,
  postRaw,
  SOCKET_ERROR_CODES,
  virtualDelay,
} from '../helpers/faults.ts'
import {
  ALICE,
  allStoredItems,
  BOB,
  CAROL,
  createItemXml,
  deleteItemXml,
  itemId,
  messageXml,
  saveItem,
  sendMessage,
  storedItems,
} from '../helpers/items.ts'

const START = '2016-06-10T09:00:00.000Z'
const INBOX = getFolderXml(distinguished('inbox'))
const BUSY_TEXT = 'The server cannot service this request right now. Try again later.'
const STORE_UNAVAILABLE_TEXT = 'The mailbox database is temporarily unavailable.'

/** A test app on a FakeClock at START whose latency faults advance the clock. */
function faultApp(options: EwsAppOptions = {}) {
  const clock = new FakeClock(START)
  const latency = virtualDelay(clock)
  const ews = testApp({ clock, delay: latency.delay, observe: captureSoapAnswers, ...options })
  return { ews, clock, latency }
}

/** CreateItem SaveOnly of one message per subject, in Drafts. */
const createDrafts = (...subjects: string[]): string =>
  envelope(createItemXml('SaveOnly', subjects.map((subject) => messageXml({ subject })).join('')))

/** Subjects of every item in the mailbox of `user`, sorted. */
const subjectsOf = (ews: EwsApp, user: string): string[] =>
  allStoredItems(ews, user)
    .map((i) => i.subject)
    .sort()

const backOff = (res: SoapAnswer): string =>
  res.value('//s:Fault/detail/t:MessageXml/t:Value[@Name="BackOffMilliseconds"]')

describe('injected faults', () => {
  describe('ews-error', () => {
    it('answers ErrorServerBusy as a SOAP fault with BackOffMilliseconds in MessageXml, once', async () => {
      const { ews } = faultApp()
      ews.faults.add({
        match: { operation: 'GetFolder' },
        action: { type: 'ews-error', code: 'ErrorServerBusy', backOffMs: 297749 },
        when: { type: 'once' },
      })
      const busy = await call(ews.app, INBOX)
      expect(busy.status).to.equal(500)
      expect(busy.value('//s:Fault/faultcode')).to.equal('a:ErrorServerBusy')
      expect(busy.faultCode()).to.equal('ErrorServerBusy')
      expect(busy.value('//s:Fault/detail/e:Message')).to.equal(BUSY_TEXT)
      expect(backOff(busy)).to.equal('297749')
      expect(busy.select('//m:ResponseMessages')).to.have.length(0)

      const next = await call(ews.app, INBOX)
      expect(next.status).to.equal(200)
      expect(next.codes()).to.deep.equal(['NoError'])
    })

    it('fails twice, then succeeds (times 2)', async () => {
      const { ews } = faultApp()
      ews.faults.add({
        match: { operation: 'GetFolder' },
        action: { type: 'ews-error', code: 'ErrorServerBusy', backOffMs: 1500 },
        when: { type: 'times', count: 2 },
      })
      const statuses: number[] = []
      for (let i = 0; i < 4; i++) statuses.push((await call(ews.app, INBOX)).status)
      expect(statuses).to.deep.equal([500, 500, 200, 200])
    })

    it('uses the message given, in faultstring and e:Message, and no MessageXml without a back-off', async () => {
      const { ews } = faultApp()
      ews.faults.add({
        action: { type: 'ews-error', code: 'ErrorServerBusy', message: 'Come back in a while.' },
      })
      const res = await call(ews.app, INBOX)
      expect(res.status).to.equal(500)
      expect(res.value('//s:Fault/faultstring')).to.equal('Come back in a while.')
      expect(res.value('//s:Fault/detail/e:Message')).to.equal('Come back in a while.')
      expect(res.select('//t:MessageXml')).to.have.length(0)
    })

    it('answers ErrorMailboxStoreUnavailable in every response message: one per folder id', async () => {
      const { ews } = faultApp()
      ews.faults.add({ action: { type: 'ews-error', code: 'ErrorMailboxStoreUnavailable' } })
      const res = await call(ews.app, getFolderXml(distinguished('inbox', 'drafts', 'sentitems')))
      expect(res.status).to.equal(200)
      expect(res.select('//s:Fault')).to.have.length(0)
      expect(res.codes()).to.deep.equal([
        'ErrorMailboxStoreUnavailable',
        'ErrorMailboxStoreUnavailable',
        'ErrorMailboxStoreUnavailable',
      ])
      expect(
        res.select('//m:GetFolderResponseMessage/@ResponseClass').map((n) => n.nodeValue),
      ).to.deep.equal(['Error', 'Error', 'Error'])
      expect(
        res.select('//m:GetFolderResponseMessage/m:MessageText').map((n) => n.textContent),
      ).to.deep.equal([STORE_UNAVAILABLE_TEXT, STORE_UNAVAILABLE_TEXT, STORE_UNAVAILABLE_TEXT])
      expect(res.select('//t:FolderId')).to.have.length(0)
    })

    it('changes nothing when CreateItem is faulted: no draft, nothing sent', async () => {
      const { ews } = faultApp()
      ews.faults.add({
        match: { operation: 'CreateItem' },
        action: { type: 'ews-error', code: 'ErrorMailboxStoreUnavailable' },
      })
      const saved = await call(
        ews.app,
        createItemXml('SaveOnly', messageXml({ subject: 'a' }) + messageXml({ subject: 'b' })),
      )
      expect(saved.status).to.equal(200)
      expect(saved.codes()).to.deep.equal([
        'ErrorMailboxStoreUnavailable',
        'ErrorMailboxStoreUnavailable',
      ])
      const sent = await sendMessage(ews.app, { subject: 'c', to: [BOB] })
      expect(sent.codes()).to.deep.equal(['ErrorMailboxStoreUnavailable'])
      expect(subjectsOf(ews, ALICE)).to.deep.equal([])
      expect(subjectsOf(ews, BOB)).to.deep.equal([])
    })

    it('changes nothing when DeleteItem is faulted: the item stays', async () => {
      const { ews } = faultApp()
      const { id } = await saveItem(ews.app, { subject: 'Keep me' })
      ews.faults.add({
        match: { operation: 'DeleteItem' },
        action: { type: 'ews-error', code: 'ErrorMailboxStoreUnavailable' },
      })
      const res = await call(ews.app, deleteItemXml(itemId(id)))
      expect(res.codes()).to.deep.equal(['ErrorMailboxStoreUnavailable'])
      expect(storedItems(ews, ALICE, 'drafts').map((i) => i.subject)).to.deep.equal(['Keep me'])
    })

    it('lets an explicit level win: ErrorServerBusy in every message, ErrorMailboxStoreUnavailable as a fault', async () => {
      const { ews } = faultApp()
      const busy = ews.faults.add({
        match: { operation: 'GetFolder' },
        action: { type: 'ews-error', code: 'ErrorServerBusy', backOffMs: 2000, level: 'message' },
      })
      const messages = await call(ews.app, getFolderXml(distinguished('inbox', 'drafts')))
      expect(messages.status).to.equal(200)
      expect(messages.codes()).to.deep.equal(['ErrorServerBusy', 'ErrorServerBusy'])
      expect(
        messages
          .select('//m:GetFolderResponseMessage/m:MessageXml/t:Value[@Name="BackOffMilliseconds"]')
          .map((n) => n.textContent),
      ).to.deep.equal(['2000', '2000'])

      ews.faults.remove(busy.id)
      ews.faults.add({
        match: { operation: 'CreateItem' },
        action: { type: 'ews-error', code: 'ErrorMailboxStoreUnavailable', level: 'fault' },
      })
      const fault = await call(ews.app, createItemXml('SaveOnly', messageXml({ subject: 'x' })))
      expect(fault.status).to.equal(500)
      expect(fault.faultCode()).to.equal('ErrorMailboxStoreUnavailable')
      expect(subjectsOf(ews, ALICE)).to.deep.equal([])
    })
  })

  describe('HTTP-level faults', () => {
    it('http-status answers the bare status with an empty body, without processing', async () => {
      const { ews } = faultApp()
      ews.faults.add({ action: { type: 'http-status', status: 503 } })
      const res = await postRaw(ews.app, createDrafts('Lost'))
      expect(res.status).to.equal(503)
      expect(res.text).to.equal('')
      expect(subjectsOf(ews, ALICE)).to.deep.equal([])
    })

    it('unauthorized answers 401 with a Basic challenge whatever the credentials, without processing', async () => {
      const { ews } = faultApp()
      ews.faults.add({ match: { operation: 'CreateItem' }, action: { type: 'unauthorized' } })
      const res = await postRaw(ews.app, createDrafts('Lost'))
      expect(res.status).to.equal(401)
      expect(res.headers['www-authenticate']).to.match(/(^|, )Basic realm="mock-ews"(, |$)/)
      expect(res.text).to.equal('')
      expect(subjectsOf(ews, ALICE)).to.deep.equal([])
      expect((await call(ews.app, INBOX)).status, 'other operations still served').to.equal(200)
    })

    it('unauthorized sends the same challenge as a real refusal', async () => {
      const { ews } = faultApp()
      const refused = await request(ews.app)
        .post('/EWS/Exchange.asmx')
        .set('Content-Type', 'text/xml; charset=utf-8')
        .send(envelope(INBOX))
      expect(refused.status).to.equal(401)
      ews.faults.add({ action: { type: 'unauthorized' } })
      const faulted = await postRaw(ews.app, envelope(INBOX))
      expect(faulted.headers['www-authenticate']).to.equal(refused.headers['www-authenticate'])
    })
  })

  describe('latency', () => {
    it('answers normally after the injected delay, which moves the virtual clock', async () => {
      const { ews, clock, latency } = faultApp()
      ews.faults.add({ match: { operation: 'GetFolder' }, action: { type: 'latency', ms: 2500 } })
      const res = await call(ews.app, INBOX)
      expect(res.status).to.equal(200)
      expect(res.codes()).to.deep.equal(['NoError'])
      expect(latency.calls).to.deep.equal([2500])
      expect(clock.now().toISOString()).to.equal('2016-06-10T09:00:02.500Z')
      expect(ews.journal.entries().map((e) => e.at)).to.deep.equal(['2016-06-10T09:00:02.500Z'])

      await saveItem(ews.app, { subject: 'not delayed' })
      expect(latency.calls, 'CreateItem is not delayed').to.deep.equal([2500])
    })
  })

  describe('malformed-xml', () => {
    it('answers 200 with XML that is not well-formed, without processing', async () => {
      const { ews } = faultApp()
      ews.faults.add({ match: { operation: 'CreateItem' }, action: { type: 'malformed-xml' } })
      const res = await postRaw(ews.app, createDrafts('Lost'))
      expect(res.status).to.equal(200)
      expect(res.headers['content-type']).to.match(/^text\/xml/)
      expect(res.text).to.match(/^<\?xml/)
      expect(res.text).to.contain('CreateItemResponse')
      expect(isWellFormed(res.text)).to.equal(false)
      expect(subjectsOf(ews, ALICE)).to.deep.equal([])
      expect(isWellFormed((await postRaw(ews.app, envelope(INBOX))).text)).to.equal(true)
    })
  })

  describe('connection faults, on a listening server', () => {
    let ews: EwsApp
    let server: RunningServer
    beforeEach(async () => {
      ews = faultApp().ews
      server = await startEwsServer(ews.app, { port: 0 })
    })
    afterEach(() => server.close())

    it('reset drops the connection before processing: the client gets no answer and nothing is created', async () => {
      const fault = ews.faults.add({
        match: { operation: 'CreateItem' },
        action: { type: 'reset' },
        when: { type: 'once' },
      })
      const lost = await postOverSocket(server.ewsUrl, createDrafts('Lost'))
      expect(lost.kind).to.equal('no-answer')
      if (lost.kind === 'no-answer') expect(lost.code).to.be.oneOf(SOCKET_ERROR_CODES)
      expect(subjectsOf(ews, ALICE)).to.deep.equal([])
      expect(ews.journal.entries()).to.have.length(1)
      expect(ews.journal.entries()[0]).to.include({
        operation: 'CreateItem',
        status: 0,
        fault: fault.description,
      })

      const retried = await postOverSocket(server.ewsUrl, createDrafts('Retried'))
      expect(retried).to.include({ kind: 'answered', status: 200 })
      expect(subjectsOf(ews, ALICE)).to.deep.equal(['Retried'])
    })

    it('close-mid-body processes the request, then loses the answer: the client fails but the item was created', async () => {
      const fault = ews.faults.add({
        match: { operation: 'CreateItem' },
        action: { type: 'close-mid-body' },
      })
      const res = await postOverSocket(server.ewsUrl, createDrafts('Created anyway'))
      expect(res.kind).to.equal('cut-off')
      if (res.kind === 'cut-off') {
        expect(res.status).to.equal(200)
        expect(res.code).to.be.oneOf(SOCKET_ERROR_CODES)
      }
      expect(subjectsOf(ews, ALICE)).to.deep.equal(['Created anyway'])
      expect(ews.journal.entries()[0]).to.include({
        operation: 'CreateItem',
        status: 200,
        fault: fault.description,
      })
      expect(ews.journal.entries()[0]?.responseCodes).to.deep.equal(['NoError'])
    })

    it('an organisation-scoped reset makes fabrikam.com unreachable while contoso.com is served', async () => {
      ews.faults.add({ match: { organisation: 'fabrikam.com' }, action: { type: 'reset' } })
      const carol = await postOverSocket(server.ewsUrl, createDrafts('From Carol'), CAROL)
      const alice = await postOverSocket(server.ewsUrl, createDrafts('From Alice'), ALICE)
      const bob = await postOverSocket(server.ewsUrl, envelope(INBOX), BOB)
      expect(carol.kind).to.equal('no-answer')
      if (carol.kind === 'no-answer') expect(carol.code).to.be.oneOf(SOCKET_ERROR_CODES)
      expect(alice).to.include({ kind: 'answered', status: 200 })
      expect(bob).to.include({ kind: 'answered', status: 200 })
      expect(subjectsOf(ews, CAROL)).to.deep.equal([])
      expect(subjectsOf(ews, ALICE)).to.deep.equal(['From Alice'])
      expect(
        (await postOverSocket(server.ewsUrl, envelope(INBOX), CAROL)).kind,
        'still unreachable',
      ).to.equal('no-answer')
    })
  })

  describe('rules through SOAP', () => {
    it('a window fault fires only while the virtual clock is inside [from, to)', async () => {
      const { ews, clock } = faultApp()
      ews.faults.add({
        action: { type: 'ews-error', code: 'ErrorServerBusy', backOffMs: 30_000 },
        when: { type: 'window', from: '2016-06-10T09:05:00Z', to: '2016-06-10T09:10:00Z' },
      })
      const statusAt = async (time: string): Promise<number> => {
        clock.set(time)
        return (await call(ews.app, INBOX)).status
      }
      expect(await statusAt('2016-06-10T09:00:00Z'), 'before').to.equal(200)
      expect(await statusAt('2016-06-10T09:05:00Z'), 'at from').to.equal(500)
      expect(await statusAt('2016-06-10T09:09:59.999Z'), 'inside').to.equal(500)
      expect(await statusAt('2016-06-10T09:10:00Z'), 'at to').to.equal(200)
      expect(await statusAt('2016-06-10T12:00:00Z'), 'after').to.equal(200)
    })

    it('probability faults fire for the same requests in two apps with the same faultSeed', async () => {
      const statuses = async (faultSeed: number): Promise<number[]> => {
        const { ews } = faultApp({ faultSeed })
        ews.faults.add({
          match: { operation: 'GetFolder' },
          action: { type: 'ews-error', code: 'ErrorServerBusy', backOffMs: 100 },
          when: { type: 'probability', p: 0.5 },
        })
        const out: number[] = []
        for (let i = 0; i < 40; i++) {
          if (i % 4 === 3) await saveItem(ews.app, { subject: `n${i}` }, undefined, BOB)
          out.push((await call(ews.app, INBOX, i % 2 ? ALICE : BOB)).status)
        }
        return out
      }
      const first = await statuses(11)
      const second = await statuses(11)
      expect(second).to.deep.equal(first)
      expect(first).to.include(500).and.to.include(200)
      expect(await statuses(12)).to.not.deep.equal(first)
    })
  })

  describe('the journal', () => {
    it('marks every faulted answer with the fault’s description, and no other', async () => {
      const { ews } = faultApp()
      const busy = ews.faults.add({
        match: { operation: 'GetFolder' },
        action: { type: 'ews-error', code: 'ErrorServerBusy', backOffMs: 500 },
        when: { type: 'once' },
      })
      const slow = ews.faults.add({
        match: { operation: 'CreateItem' },
        action: { type: 'latency', ms: 100 },
      })
      const unavailable = ews.faults.add({
        match: { operation: 'DeleteItem' },
        action: { type: 'ews-error', code: 'ErrorMailboxStoreUnavailable' },
      })
      await call(ews.app, INBOX)
      await call(ews.app, INBOX)
      const { id } = await saveItem(ews.app, { subject: 'x' })
      await call(ews.app, deleteItemXml(itemId(id)))
      const entries = ews.journal.entries()
      expect(entries.map((e) => [e.operation, e.status, e.responseCodes])).to.deep.equal([
        ['GetFolder', 500, ['ErrorServerBusy']],
        ['GetFolder', 200, ['NoError']],
        ['CreateItem', 200, ['NoError']],
        ['DeleteItem', 200, ['ErrorMailboxStoreUnavailable']],
      ])
      expect(entries[0]?.fault).to.equal(busy.description)
      expect(entries[1]).to.not.have.property('fault')
      expect(entries[2]?.fault).to.equal(slow.description)
      expect(entries[3]?.fault).to.equal(unavailable.description)
      expect(busy.description).to.equal(
        'ErrorServerBusy (BackOffMilliseconds 500) as a SOAP fault on GetFolder, once',
      )
    })

    it('does not mark errors that no fault caused', async () => {
      const { ews } = faultApp()
      ews.faults.add({ match: { operation: 'CreateItem' }, action: { type: 'reset' } })
      await call(ews.app, deleteItemXml(itemId('AAMkAGI2TG93AAA=')))
      await post500(ews)
      for (const entry of ews.journal.entries()) expect(entry).to.not.have.property('fault')
      expect(ews.journal.entries().map((e) => e.status)).to.deep.equal([200, 500])
    })

    it('keeps memory flat: with a capacity of 5, after 12 requests it holds the last 5 and counts 12', async () => {
      const { ews, clock } = faultApp({ journalCapacity: 5 })
      for (let i = 0; i < 12; i++) {
        await call(ews.app, INBOX)
        clock.advance(1000)
      }
      const entries = ews.journal.entries()
      expect(entries.map((e) => e.seq)).to.deep.equal([8, 9, 10, 11, 12])
      expect(entries.map((e) => e.at)).to.deep.equal([
        '2016-06-10T09:00:07.000Z',
        '2016-06-10T09:00:08.000Z',
        '2016-06-10T09:00:09.000Z',
        '2016-06-10T09:00:10.000Z',
        '2016-06-10T09:00:11.000Z',
      ])
      expect(ews.journal.total).to.equal(12)
      const res = await request(ews.app).get('/__admin/requests')
      expect(res.body).to.include({ total: 12, capacity: 5 })
      expect((res.body as { entries: JournalEntry[] }).entries.map((e) => e.seq)).to.deep.equal([
        8, 9, 10, 11, 12,
      ])
    })

    it('refuses a capacity that is not a positive whole number', () => {
      for (const journalCapacity of [0, -1, 2.5])
        expect(() => createEwsApp({ journalCapacity }), String(journalCapacity)).to.throw(
          /journal capacity must be a positive integer/,
        )
    })
  })
})

/** A request answered with a fault that no injected fault caused (not XML: ErrorSchemaValidation). */
async function post500(ews: EwsApp): Promise<void> {
  const res = await postRaw(ews.app, 'not xml')
  expect(res.status).to.equal(500)
}

describe('admin API: /__admin/faults', () => {
  const busyOnGetFolder = {
    match: { operation: 'GetFolder' },
    action: { type: 'ews-error', code: 'ErrorServerBusy', backOffMs: 297749 },
    when: { type: 'times', count: 2 },
  }

  it('POST adds a fault: 201 with its id and description, and SOAP requests feel it', async () => {
    const { ews } = faultApp()
    const res = await request(ews.app).post('/__admin/faults').send(busyOnGetFolder)
    expect(res.status).to.equal(201)
    expect(res.body).to.deep.include({
      description:
        'ErrorServerBusy (BackOffMilliseconds 297749) as a SOAP fault on GetFolder, 2 times',
      definition: busyOnGetFolder,
      remaining: 2,
      fired: 0,
    })
    expect(res.body.id).to.be.a('string').and.not.equal('')
    const soap = await call(ews.app, INBOX)
    expect(soap.status).to.equal(500)
    expect(backOff(soap)).to.equal('297749')
  })

  it('GET lists the faults in the order added, with what they have done so far', async () => {
    const { ews } = faultApp()
    const a = (await request(ews.app).post('/__admin/faults').send(busyOnGetFolder)).body as {
      id: string
    }
    const b = (
      await request(ews.app)
        .post('/__admin/faults')
        .send({ action: { type: 'latency', ms: 40 }, when: { type: 'once' } })
    ).body as { id: string }
    await call(ews.app, INBOX)
    const res = await request(ews.app).get('/__admin/faults')
    expect(res.status).to.equal(200)
    expect(
      (res.body as { id: string; fired: number; remaining?: number }[]).map((f) => [
        f.id,
        f.fired,
        f.remaining,
      ]),
    ).to.deep.equal([
      [a.id, 1, 1],
      [b.id, 0, 1],
    ])
  })

  it('DELETE /faults/:id removes one fault; an unknown id is 404', async () => {
    const { ews } = faultApp()
    const { id } = (await request(ews.app).post('/__admin/faults').send(busyOnGetFolder)).body as {
      id: string
    }
    const other = (
      await request(ews.app)
        .post('/__admin/faults')
        .send({ match: { operation: 'CreateItem' }, action: { type: 'reset' } })
    ).body as { id: string }
    expect((await request(ews.app).delete(`/__admin/faults/${id}`)).status).to.equal(204)
    expect(
      ((await request(ews.app).get('/__admin/faults')).body as { id: string }[]).map((f) => f.id),
    ).to.deep.equal([other.id])
    expect((await call(ews.app, INBOX)).status).to.equal(200)
    const again = await request(ews.app).delete(`/__admin/faults/${id}`)
    expect(again.status).to.equal(404)
    expect(again.body.error.message).to.contain(id)
  })

  it('DELETE /faults removes them all', async () => {
    const { ews } = faultApp()
    await request(ews.app).post('/__admin/faults').send(busyOnGetFolder)
    await request(ews.app)
      .post('/__admin/faults')
      .send({ action: { type: 'reset' } })
    expect((await request(ews.app).delete('/__admin/faults')).status).to.equal(204)
    expect((await request(ews.app).get('/__admin/faults')).body).to.deep.equal([])
    expect((await call(ews.app, INBOX)).status).to.equal(200)
  })

  it('refuses bad definitions with 400 and the path of what is wrong, adding nothing', async () => {
    const { ews } = faultApp()
    const cases: [unknown, RegExp][] = [
      [{ action: { type: 'ews-error', code: 'ServerBusy' } }, /^fault\.action\.code: /],
      [{ action: { type: 'http-status', status: 200 } }, /^fault\.action\.status: /],
      [{ action: { type: 'reset' }, when: { type: 'probability', p: 2 } }, /^fault\.when\.p: /],
      [{ action: { type: 'reset' }, match: { user: 'alice' } }, /^fault\.match\.user: /],
      [
        {
          action: { type: 'reset' },
          when: { type: 'window', from: '2016-06-10T10:00:00Z', to: '2016-06-10T09:00:00Z' },
        },
        /^fault\.when\.to: /,
      ],
      [{ match: { operation: 'GetFolder' } }, /^fault\.action: /],
      [[], /^fault: /],
    ]
    for (const [body, path] of cases) {
      const res = await request(ews.app)
        .post('/__admin/faults')
        .send(body as object)
      expect(res.status, JSON.stringify(body)).to.equal(400)
      expect(res.body.error.message, JSON.stringify(body)).to.match(path)
    }
    const notJson = await request(ews.app)
      .post('/__admin/faults')
      .set('Content-Type', 'application/json')
      .send('{"action":')
    expect(notJson.status).to.equal(400)
    expect((await request(ews.app).get('/__admin/faults')).body).to.deep.equal([])
  })
})

describe('admin API: /__admin/requests', () => {
  interface JournalPage {
    total: number
    capacity: number
    entries: JournalEntry[]
  }
  const page = async (ews: EwsApp, query = ''): Promise<JournalPage> => {
    const res = await request(ews.app).get(`/__admin/requests${query}`)
    expect(res.status).to.equal(200)
    return res.body as JournalPage
  }

  it('lists the SOAP calls answered: operation, user, status, response codes and the virtual time', async () => {
    const { ews, clock } = faultApp()
    await call(ews.app, INBOX)
    clock.advance(60_000)
    await call(ews.app, getFolderXml(distinguished('inbox', 'drafts')), BOB)
    clock.advance(60_000)
    await post500(ews)
    const body = await page(ews)
    expect(body.total).to.equal(3)
    expect(body.capacity).to.equal(DEFAULT_JOURNAL_CAPACITY)
    expect(
      body.entries.map(({ seq, at, user, operation, status, responseCodes }) => ({
        seq,
        at,
        user,
        operation,
        status,
        responseCodes,
      })),
    ).to.deep.equal([
      {
        seq: 1,
        at: '2016-06-10T09:00:00.000Z',
        user: ALICE,
        operation: 'GetFolder',
        status: 200,
        responseCodes: ['NoError'],
      },
      {
        seq: 2,
        at: '2016-06-10T09:01:00.000Z',
        user: BOB,
        operation: 'GetFolder',
        status: 200,
        responseCodes: ['NoError', 'NoError'],
      },
      {
        seq: 3,
        at: '2016-06-10T09:02:00.000Z',
        user: ALICE,
        operation: '',
        status: 500,
        responseCodes: ['ErrorSchemaValidation'],
      },
    ])
    for (const e of body.entries) expect(e.durationMs).to.be.a('number').and.at.least(0)
  })

  it('?limit returns only the newest entries', async () => {
    const { ews } = faultApp()
    for (let i = 0; i < 4; i++) await call(ews.app, INBOX)
    expect((await page(ews, '?limit=2')).entries.map((e) => e.seq)).to.deep.equal([3, 4])
    expect((await page(ews, '?limit=1')).entries.map((e) => e.seq)).to.deep.equal([4])
    expect((await page(ews, '?limit=50')).entries.map((e) => e.seq)).to.deep.equal([1, 2, 3, 4])
    expect((await page(ews, '?limit=2')).total).to.equal(4)
  })

  it('refuses a limit that is not a positive whole number with 400', async () => {
    const { ews } = faultApp()
    for (const limit of ['0', '-1', '1.5', 'abc', ''].map(encodeURIComponent)) {
      const res = await request(ews.app).get(`/__admin/requests?limit=${limit}`)
      expect(res.status, limit).to.equal(400)
      expect(res.body.error.message, limit).to.contain('limit')
    }
  })

  it('DELETE clears the entries; later requests are recorded again', async () => {
    const { ews } = faultApp()
    await call(ews.app, INBOX)
    await call(ews.app, INBOX)
    expect((await request(ews.app).delete('/__admin/requests')).status).to.equal(204)
    const cleared = await page(ews)
    expect(cleared.entries).to.deep.equal([])
    expect(cleared.total, 'total counts since the start').to.equal(2)
    await call(ews.app, INBOX)
    expect((await page(ews)).entries.map((e) => e.seq)).to.deep.equal([3])
  })
})
