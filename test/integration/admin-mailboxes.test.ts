// The mailbox routes of the admin API: users, folders with counts, items (paged, newest first,
// filtered), one item in full with GetItem's XML, seeding from the JSON item format, and waits.
import { get } from 'node:http'
import { expect } from 'chai'
import request from 'supertest'
import { startEwsServer } from '../../mock-ews/index.ts'
import type { EwsApp } from '../../mock-ews/index.ts'
import { call, testApp } from '../helpers/ews.ts'
import { getItemXml, itemId, sendMessage } from '../helpers/items.ts'

const ALICE = 'alice@contoso.com'
const BOB = 'bob@contoso.com'
const base = `/__admin/mailboxes/${ALICE}`

interface Summary {
  id: string
  subject: string
  itemClass: string
  from: { address: string } | null
  dateTimeReceived: string
}

function errorOf(res: { body: unknown }): { code: string; message: string } {
  return (res.body as { error: { code: string; message: string } }).error
}

async function seed(ews: EwsApp, folder: string, body: string | object): Promise<string[]> {
  const res = await request(ews.app).post(`${base}/folders/${folder}/items`).send(body)
  expect(res.status, JSON.stringify(res.body)).to.equal(201)
  return (res.body as { ids: string[] }).ids
}

describe('admin API: mailboxes', () => {
  let ews: EwsApp
  beforeEach(() => {
    ews = testApp()
  })

  it('GET /users lists every user with the organisation', async () => {
    const res = await request(ews.app).get('/__admin/users')
    expect(res.status).to.equal(200)
    const users = res.body as { address: string; organisation: string; displayName: string }[]
    expect(users.find((u) => u.address === ALICE)).to.include({ organisation: 'contoso.com' })
  })

  it('GET folders: the tree with counts, the root first', async () => {
    await seed(ews, 'inbox', [{ subject: 'a' }, { subject: 'b', isRead: true }])
    const res = await request(ews.app).get(`${base}/folders`)
    expect(res.status).to.equal(200)
    const folders = res.body as {
      id: string
      parentId: string | null
      distinguishedId: string | null
      totalCount: number
      unreadCount: number
    }[]
    expect(folders[0]).to.include({ parentId: null, distinguishedId: 'root' })
    const inbox = folders.find((f) => f.distinguishedId === 'inbox')!
    expect(inbox).to.include({ totalCount: 2, unreadCount: 1 })
    expect(folders.some((f) => f.parentId === inbox.id || f.parentId === folders[0]!.id)).to.equal(
      true,
    )
  })

  it('GET items: newest first, paged, filtered by class, subject and sender', async () => {
    await seed(ews, 'inbox', [
      { subject: 'Old note', receivedAt: '2016-06-01T00:00:00Z', from: BOB },
      {
        subject: 'Missed IM',
        class: 'IPM.Note.Microsoft.Missed',
        receivedAt: '2016-06-02T00:00:00Z',
      },
      { subject: 'New note', receivedAt: '2016-06-03T00:00:00Z', from: 'carol@fabrikam.com' },
    ])
    const all = await request(ews.app).get(`${base}/folders/inbox/items`)
    expect(all.status).to.equal(200)
    const subjects = (all.body as { items: Summary[] }).items.map((i) => i.subject)
    expect(subjects).to.deep.equal(['New note', 'Missed IM', 'Old note'])
    expect(all.body).to.include({ total: 3, offset: 0 })

    const page = await request(ews.app).get(`${base}/folders/inbox/items?offset=1&limit=1`)
    expect((page.body as { items: Summary[] }).items.map((i) => i.subject)).to.deep.equal([
      'Missed IM',
    ])
    const byClass = await request(ews.app).get(
      `${base}/folders/inbox/items?class=ipm.note.microsoft`,
    )
    expect((byClass.body as { items: Summary[] }).items.map((i) => i.subject)).to.deep.equal([
      'Missed IM',
    ])
    const bySubject = await request(ews.app).get(`${base}/folders/inbox/items?subject=NOTE`)
    expect((bySubject.body as { total: number }).total).to.equal(2)
    const byFrom = await request(ews.app).get(`${base}/folders/inbox/items?from=bob@`)
    expect((byFrom.body as { items: Summary[] }).items.map((i) => i.subject)).to.deep.equal([
      'Old note',
    ])
  })

  it('GET one item: fields, body, headers, attachments and the XML GetItem writes', async () => {
    const [id] = await seed(ews, 'inbox', {
      subject: 'Report & <summary>',
      from: { name: 'Bob Kelly', address: BOB },
      to: [ALICE],
      cc: ['carol@fabrikam.com'],
      body: { type: 'HTML', text: '<p>Hi</p>' },
      attachments: [{ name: 'a.txt', contentType: 'text/plain', content: 'aGVsbG8=' }],
    })
    const res = await request(ews.app).get(`${base}/items/${encodeURIComponent(id!)}`)
    expect(res.status).to.equal(200)
    const item = res.body as Record<string, unknown> & { xml: string }
    expect(item).to.include({ subject: 'Report & <summary>', hasAttachments: true })
    expect(item.body).to.deep.equal({ type: 'HTML', text: '<p>Hi</p>' })
    expect(item.cc).to.deep.equal([{ name: null, address: 'carol@fabrikam.com' }])
    expect(item.attachments).to.deep.equal([
      { id: '1', name: 'a.txt', contentType: 'text/plain', size: 5, isInline: false, kind: 'file' },
    ])
    expect((item.headers as { name: string }[]).map((h) => h.name)).to.include('Subject')
    // The same element GetItem AllProperties answers, only indented.
    const got = await call(ews.app, getItemXml(itemId(id!)), ALICE)
    const message = /<t:Message>[\s\S]*<\/t:Message>/.exec(got.text)![0]
    expect(item.xml.replace(/\n\s*/g, '').replace(/ xmlns:t="[^"]*"/, '')).to.equal(message)
    expect(item.xml.split('\n').length).to.be.greaterThan(10)
  })

  it('an item sent over EWS is seen in the recipient folder', async () => {
    const sent = await sendMessage(ews.app, { subject: 'over EWS', to: [BOB] }, { user: ALICE })
    expect(sent.text).to.contain('NoError')
    const res = await request(ews.app).get(`/__admin/mailboxes/${BOB}/folders/inbox/items`)
    expect((res.body as { items: Summary[] }).items.map((i) => i.subject)).to.deep.equal([
      'over EWS',
    ])
  })

  it('seeding is checked whole: a bad field is a 400 naming it, and nothing is stored', async () => {
    for (const body of [
      [{ subject: 'fine' }, { subject: 42 }],
      [{ subject: 'fine' }, { to: ['not an address'] }],
      { subject: 'x', colour: 'red' },
      { receivedAt: 'yesterday' },
      { attachments: [{ name: 'a', content: '***' }] },
      'text',
    ]) {
      const res = await request(ews.app).post(`${base}/folders/inbox/items`).send(body)
      expect(res.status, JSON.stringify(body)).to.equal(400)
      expect(errorOf(res).code).to.equal('BadRequest')
      expect(errorOf(res).message).to.match(/expected/)
    }
    expect(ews.store.getDistinguishedFolder(ALICE, 'inbox').totalCount).to.equal(0)
    const bad = await request(ews.app)
      .post(`${base}/folders/inbox/items`)
      .send([{}, { to: [1] }])
    expect(errorOf(bad).message).to.match(/^\[1\]\.to\[0\]/)
  })

  it('a seed the store refuses (quota) is taken back whole', async () => {
    ews.store.setQuota(ALICE, 3000)
    const res = await request(ews.app)
      .post(`${base}/folders/inbox/items`)
      .send([{ subject: 'small' }, { body: 'x'.repeat(5000) }])
    expect(res.status).to.equal(400)
    expect(errorOf(res).code).to.equal('ErrorQuotaExceeded')
    expect(ews.store.getDistinguishedFolder(ALICE, 'inbox').totalCount).to.equal(0)
  })

  it('unknown mailbox, folder and item: 404 JSON; bad paging: 400 JSON', async () => {
    for (const path of [
      '/__admin/mailboxes/nobody@contoso.com/folders',
      `${base}/folders/nosuchfolder/items`,
      `${base}/items/${encodeURIComponent(Buffer.alloc(34, 1).toString('base64'))}`,
    ]) {
      const res = await request(ews.app).get(path)
      expect(res.status, path).to.be.oneOf([400, 404])
      expect(res.headers['content-type']).to.match(/^application\/json/)
      expect(errorOf(res).message, path).to.be.a('string')
    }
    expect((await request(ews.app).get(`${base}/folders/nosuchfolder/items`)).status).to.equal(404)
    for (const q of ['limit=0', 'limit=abc', 'offset=-1', 'limit=100000']) {
      const res = await request(ews.app).get(`${base}/folders/inbox/items?${q}`)
      expect(res.status, q).to.equal(400)
      expect(errorOf(res).message).to.match(/whole number/)
    }
  })

  describe('wait', () => {
    const waitFor = (query: string) =>
      request(ews.app)
        .get(`${base}/folders/inbox/wait?${query}`)
        .then((r) => r)

    async function waiting(n: number): Promise<void> {
      while (ews.waiter.size < n) await new Promise((r) => setImmediate(r))
    }

    it('answers at once when the folder already holds N matching items', async () => {
      await seed(ews, 'inbox', [{ subject: 'one' }, { subject: 'two' }])
      const res = await waitFor('count=2&timeout=60000')
      expect(res.body).to.deep.include({ satisfied: true })
      expect((res.body as { items: unknown[] }).items).to.have.length(2)
    })

    it('is woken by a delivery, not a poll: answers as soon as N match', async () => {
      const answer = waitFor('count=1&subject=wanted&timeout=60000')
      await waiting(1)
      await seed(ews, 'inbox', { subject: 'not this' })
      await new Promise((r) => setImmediate(r))
      expect(ews.waiter.size).to.equal(1)
      await seed(ews, 'inbox', { subject: 'the wanted one' })
      const res = await answer
      expect(res.body).to.deep.include({ satisfied: true })
      expect((res.body as { items: Summary[] }).items.map((i) => i.subject)).to.deep.equal([
        'the wanted one',
      ])
      expect(ews.waiter.size).to.equal(0)
    })

    it('times out with what is there; timeout 0 answers at once', async () => {
      await seed(ews, 'inbox', { subject: 'only one' })
      const res = await waitFor('count=3&timeout=0')
      expect(res.body).to.deep.include({ satisfied: false })
      expect((res.body as { items: unknown[] }).items).to.have.length(1)
      const over = await waitFor(`count=1&timeout=${ews.waiter.maxTimeoutMs + 1}`)
      expect(over.status).to.equal(400)
    })

    it('a wait is dropped when its client goes away, and answered when the server stops', async () => {
      // A server of its own, closed here: supertest's throw-away server outlives an aborted request
      // and kept mocha from exiting. node:http without an agent, not fetch: fetch's pool leaves a
      // spare connection open that holds server.close() for 4 s (its keep-alive timeout).
      const server = await startEwsServer(ews.app, { port: 0 })
      try {
        const client = new AbortController()
        const gone = new Promise<string>((done) => {
          get(`${server.url}${base}/folders/inbox/wait?count=1&timeout=60000`, {
            agent: false,
            signal: client.signal,
          })
            .once('response', () => done('answered'))
            .once('error', () => done('aborted'))
        })
        await waiting(1)
        client.abort()
        expect(await gone).to.equal('aborted')
        while (ews.waiter.size > 0) await new Promise((r) => setImmediate(r))
        const open = waitFor('count=1&timeout=60000')
        await waiting(1)
        ews.waiter.close()
        expect((await open).body).to.deep.include({ satisfied: false })
      } finally {
        await server.close()
      }
    })
  })
})
