/**
 * Fuzzing with a fixed seed (scripts/lib/fuzz.ts; `npm run fuzz` for longer runs): thousands of
 * mutated client requests sent to a real server; every answer must be HTTP 200 with well-formed XML
 * whose every ResponseCode is a value of messages.xsd ResponseCodeType, a SOAP fault with such a
 * code, or 413 — never a crash, a 5xx without XML or a hang — and the server must live on. A run of
 * requests that must all fail changes nothing stored.
 */
import { createHash } from 'node:crypto'
import { expect } from 'chai'
import { createEwsApp, FakeClock, seededIds, startEwsServer } from '../../mock-ews/index.ts'
import type { RunningServer } from '../../mock-ews/index.ts'
import {
  checkAnswer,
  generateCases,
  MUST_FAIL_MUTATIONS,
  prepareMailbox,
  responseCodesOf,
  runCases,
} from '../../scripts/lib/fuzz/index.ts'
import type { CorpusIds, FuzzReport } from '../../scripts/lib/fuzz/index.ts'
import { startFuzzServer } from '../../scripts/lib/fuzz-server.ts'
import { distinguished, envelope, getFolderXml, NS, PASSWORD } from '../helpers/ews.ts'
import { ALICE, createItemXml, findItemXml, itemFields, messageXml } from '../helpers/items.ts'
import { callServer, postRaw, storeSnapshot } from '../helpers/hardening.ts'
import { needsSchema } from '../helpers/needs.ts'

const SEED = 20160610
// A quick guard (500 requests, ~1 s; it was 1,500 until `npm test` had to stay under a minute): CI
// also runs `npm run fuzz` (5,000 requests of another seed, the same checks, .ci/run).
const COUNT = 500

/** The values of messages.xsd ResponseCodeType, read in the first group's `before` hook. */
let responseCodes: ReadonlySet<string>

/** Counts and the first problems of a report, for assertion messages. */
function summary(report: FuzzReport): string {
  return JSON.stringify(
    {
      requests: report.requests,
      ms: Math.round(report.ms),
      byKey: Object.fromEntries(report.byKey),
      problems: report.problems.slice(0, 5),
    },
    null,
    1,
  )
}

/** A GetFolder of the Inbox is answered NoError. */
async function expectAlive(url: string): Promise<void> {
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      Authorization: `Basic ${Buffer.from(`${ALICE}:${PASSWORD}`).toString('base64')}`,
      'Content-Type': 'text/xml; charset=utf-8',
    },
    body: envelope(getFolderXml(distinguished('inbox'))),
    signal: AbortSignal.timeout(5000),
  })
  const text = await res.text()
  const verdict = checkAnswer(
    res.status,
    res.headers.get('content-type') ?? '',
    text,
    responseCodes,
  )
  expect(verdict.problem, text).to.equal(undefined)
  expect(verdict.codes).to.deep.equal(['NoError'])
}

describe('Fuzzing the EWS endpoint (fixed seed)', function () {
  this.timeout(60_000)
  before(function () {
    responseCodes = responseCodesOf(
      needsSchema(this, 'fuzzing (answers are checked against the codes of messages.xsd)'),
    )
  })

  it('reads the response codes from messages.xsd ResponseCodeType', () => {
    expect(responseCodes.size).to.be.greaterThan(300)
    for (const code of ['NoError', 'ErrorSchemaValidation', 'ErrorAccessDenied', 'ErrorServerBusy'])
      expect(responseCodes.has(code), code).to.equal(true)
    expect(responseCodes.has('ErrorMadeUp')).to.equal(false)
  })

  it(`${COUNT} mutated client requests: only 200s with schema codes, faults with schema codes or 413s; the server lives on`, async () => {
    // The server runs in a worker thread (a core of its own); a 512 KB body limit makes some 413s.
    const server = await startFuzzServer({
      seed: SEED,
      user: ALICE,
      password: PASSWORD,
      maxBodyBytes: 512 * 1024,
    })
    try {
      const report = await runCases(generateCases(SEED, COUNT, server.ids), {
        url: server.url,
        user: ALICE,
        password: PASSWORD,
        responseCodes,
        concurrency: 4,
      })
      expect(report.requests).to.equal(COUNT)
      expect(report.problems, summary(report)).to.deep.equal([])
      expect(server.died, 'the server thread ended').to.equal(undefined)
      const statuses = [...new Set([...report.byKey.keys()].map((k) => k.split(' ')[0]!))]
      expect(statuses.filter((s) => !['200', '500', '413'].includes(s))).to.deep.equal([])
      expect(statuses, summary(report)).to.include.members(['200', '500'])
      // The run got past the parser into the operations, successes and errors both.
      expect(report.byCode.get('NoError') ?? 0, summary(report)).to.be.greaterThan(COUNT / 8)
      expect(report.byCode.get('ErrorSchemaValidation') ?? 0).to.be.greaterThan(COUNT / 8)
      expect(report.byCode.size, summary(report)).to.be.greaterThan(10)
      await expectAlive(server.url)
    } finally {
      await server.close()
    }
  })

  describe('a run of requests that must all fail', () => {
    let server: RunningServer
    let ews: ReturnType<typeof createEwsApp>
    let ids: CorpusIds
    beforeEach(async () => {
      ews = createEwsApp({ clock: new FakeClock('2016-06-10T09:00:00Z'), ids: seededIds(SEED) })
      server = await startEwsServer(ews.app, { port: 0 })
      ids = await prepareMailbox(ews, ALICE, (body) => postRaw(server, body))
    })
    afterEach(() => server.close())

    it(`(truncated, invalid characters, DTDs, SOAP 1.2, nesting over the limit) is refused and changes nothing`, async () => {
      const before = storeSnapshot(ews)
      const report = await runCases(
        generateCases(SEED + 1, 800, ids, { kinds: MUST_FAIL_MUTATIONS }),
        { url: server.ewsUrl, user: ALICE, password: PASSWORD, responseCodes, concurrency: 4 },
      )
      expect(report.problems, summary(report)).to.deep.equal([])
      expect([...report.byKey.keys()].sort(), summary(report)).to.satisfy((keys: string[]) =>
        keys.every((k) =>
          ['500 ErrorSchemaValidation', '500 ErrorInvalidRequest', '413'].includes(k),
        ),
      )
      expect(report.byKey.get('500 ErrorSchemaValidation') ?? 0).to.be.greaterThan(700)
      expect(storeSnapshot(ews), 'a refused request changed the store').to.equal(before)
      await expectAlive(server.ewsUrl)
    })
  })

  describe('the answer check', () => {
    const env = (body: string): string =>
      `<?xml version="1.0" encoding="utf-8"?><s:Envelope xmlns:s="${NS.s}"><s:Body>${body}</s:Body></s:Envelope>`
    const message = (code: string): string =>
      env(
        `<m:GetFolderResponse xmlns:m="${NS.m}"><m:ResponseMessages><m:GetFolderResponseMessage ResponseClass="Error">` +
          `<m:MessageText>x</m:MessageText><m:ResponseCode>${code}</m:ResponseCode></m:GetFolderResponseMessage></m:ResponseMessages></m:GetFolderResponse>`,
      )
    const faultOf = (code: string, text = 'x'): string =>
      env(
        `<s:Fault><faultcode xmlns:a="${NS.t}">a:${code}</faultcode><faultstring>${text}</faultstring>` +
          `<detail><e:ResponseCode xmlns:e="${NS.e}">${code}</e:ResponseCode></detail></s:Fault>`,
      )
    const check = (status: number, text: string, type = 'text/xml; charset=utf-8') =>
      checkAnswer(status, type, text, responseCodes)

    it('accepts a 200 with schema codes, a fault with a schema code, and a 413', () => {
      expect(check(200, message('ErrorFolderNotFound')).problem).to.equal(undefined)
      expect(check(500, faultOf('ErrorSchemaValidation')).problem).to.equal(undefined)
      expect(check(413, '', 'text/html').problem).to.equal(undefined)
    })

    for (const [title, status, text, type] of [
      ['a 500 that is not XML', 500, 'Internal Server Error', 'text/plain'],
      ['a 502', 502, faultOf('ErrorSchemaValidation'), undefined],
      ['an unknown response code', 200, message('ErrorMadeUp'), undefined],
      ['an unknown fault code', 500, faultOf('ErrorMadeUp'), undefined],
      [
        'ErrorInternalServerError (an operation threw)',
        500,
        faultOf('ErrorInternalServerError'),
        undefined,
      ],
      ['ill-formed XML', 200, message('NoError').slice(0, -5), undefined],
      [
        'a character XML does not allow',
        500,
        faultOf('ErrorSchemaValidation', '\ufffe'),
        undefined,
      ],
      [
        'a 200 without response messages',
        200,
        env(`<m:GetFolderResponse xmlns:m="${NS.m}"/>`),
        undefined,
      ],
      ['a 500 that is not a fault', 500, message('NoError'), undefined],
    ] as const) {
      it(`flags ${title}`, () => {
        expect(check(status, text, type).problem).to.be.a('string')
      })
    }
  })

  it('a request with U+FFFE or U+FFFF gets a well-formed ErrorSchemaValidation fault', async () => {
    const ews = createEwsApp()
    const server = await startEwsServer(ews.app, { port: 0 })
    try {
      for (const c of ['\ufffe', '\uffff']) {
        const raw = await postRaw(server, envelope(getFolderXml(distinguished(`in${c}box`))))
        const verdict = checkAnswer(raw.status, 'text/xml', raw.text, responseCodes)
        expect(verdict.problem, JSON.stringify(c)).to.equal(undefined)
        expect(verdict.codes).to.deep.equal(['ErrorSchemaValidation'])
      }
    } finally {
      await server.close()
    }
  })

  it('a message whose subject holds U+FFFD is saved like any other', async () => {
    const ews = createEwsApp()
    const server = await startEwsServer(ews.app, { port: 0 })
    try {
      const res = await callServer(
        server,
        createItemXml('SaveOnly', messageXml({ subject: 'caf\ufffd' })),
      )
      expect(res.codes(), res.text).to.deep.equal(['NoError'])
    } finally {
      await server.close()
    }
  })

  it('a FindItem of 1,000 copies of a 60-item Inbox: 1,000 NoError messages holding 1,000 items in all (the find count limit)', async () => {
    const ews = createEwsApp()
    const inbox = ews.store.getDistinguishedFolder(ALICE, 'inbox').folderId.id
    for (let i = 0; i < 60; i++) ews.store.createItem(ALICE, inbox, itemFields({ subject: `${i}` }))
    const server = await startEwsServer(ews.app, { port: 0 })
    try {
      const raw = await postRaw(server, envelope(findItemXml(distinguished('inbox').repeat(1000))))
      const verdict = checkAnswer(raw.status, 'text/xml', raw.text, responseCodes)
      expect(verdict.problem).to.equal(undefined)
      expect(verdict.codes).to.deep.equal(Array<string>(1000).fill('NoError'))
      const messages = raw.text.split('</m:FindItemResponseMessage>').slice(0, -1)
      expect(messages.every((m) => m.includes('TotalItemsInView="60"'))).to.equal(true)
      // 16 full copies, 40 of the 17th, then empty pages: 1,000 items (FIND_COUNT_LIMIT) in all.
      const items = messages.map((m) => m.split('<t:ItemId ').length - 1)
      expect(items.slice(0, 18)).to.deep.equal([...Array<number>(16).fill(60), 40, 0])
      expect(items.reduce((a, b) => a + b)).to.equal(1000)
    } finally {
      await server.close()
    }
  })
})

describe('Fuzzing: the cases of a seed', () => {
  it('the same seed makes the same requests; another seed, others', () => {
    const ids: CorpusIds = {
      user: ALICE,
      inboxItems: ['AAAA', 'BBBB'],
      drafts: [{ id: 'CCCC', changeKey: 'DDDD' }],
      folderId: 'EEEE',
      subscriptionId: 'FFFF',
      watermark: 'GGGG',
      syncState: 'HHHH',
    }
    const digest = (seed: number): string => {
      const hash = createHash('sha256')
      for (const c of generateCases(seed, 300, ids)) hash.update(c.body).update('\0')
      return hash.digest('hex')
    }
    expect(digest(SEED)).to.equal(digest(SEED))
    expect(digest(SEED)).not.to.equal(digest(SEED + 1))
  })
})
