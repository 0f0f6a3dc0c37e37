/**
 * The client's own EWS transport (client/ews/) against a real mock-ews on port 0, over real HTTP:
 * every operation's success path for the demo users, the one-step and the two-step send (the
 * server half of the Drafts bug), per-entry errors, every kind of failure a fault can cause and
 * whether it leaves the request uncertain, POX Autodiscover, answers shaped by hand through an
 * injected fetch, and the client's requests checked by mock-ews's strict schema mode.
 */
import { createServer } from 'node:net'
import { expect } from 'chai'
import {
  candidateAutodiscoverUrls,
  describeFailure,
  discoverEwsUrl,
  EwsClient,
  isUncertain,
} from '../../client/ews/index.ts'
import type {
  Credentials,
  DistinguishedFolderName,
  EwsClientOptions,
  EwsFailure,
  EwsResult,
  Fetch,
  NewMessage,
} from '../../client/ews/index.ts'
import { createEwsApp, FakeClock, seededIds, startEwsServer } from '../../mock-ews/index.ts'
import type { EwsApp, FaultAction, RunningServer } from '../../mock-ews/index.ts'
import { needsSchema } from '../helpers/needs.ts'

const PASSWORD = 'P@ssw0rd'
const ALICE = 'alice@contoso.com'
const BOB = 'bob@contoso.com'
const CAROL = 'carol@fabrikam.com'
const MISSED = 'IPM.Note.Microsoft.Missed'

const basic = (user: string, password = PASSWORD): Credentials => ({
  kind: 'basic',
  user,
  password,
})

function valueOf<T>(result: EwsResult<T>): T {
  if (!result.ok) throw new Error(`expected success, got ${describeFailure(result.failure)}`)
  return result.value
}

function failureOf(result: EwsResult<unknown>): EwsFailure {
  if (result.ok) throw new Error(`expected a failure, got ${JSON.stringify(result.value)}`)
  return result.failure
}

const offlineIm = (to: string, subject = 'Alice sent you a message'): NewMessage => ({
  itemClass: MISSED,
  subject,
  body: { type: 'HTML', text: '<div>Are you free at 10?</div>' },
  to: [to],
})

let mock: EwsApp
let server: RunningServer
/** Latency faults wait here until the test ends: no real sleeping. */
let held: (() => void)[]

beforeEach(async () => {
  held = []
  mock = createEwsApp({
    clock: new FakeClock('2016-06-10T09:00:00Z'),
    ids: seededIds(1),
    delay: () => new Promise<void>((done) => held.push(done)),
  })
  server = await startEwsServer(mock.app, { port: 0 })
})

afterEach(async () => {
  for (const release of held) release()
  await server.close()
})

const clientFor = (user: string, options: Partial<EwsClientOptions> = {}): EwsClient =>
  new EwsClient({ ewsUrl: server.ewsUrl, credentials: basic(user), ...options })

async function bearerFor(user: string): Promise<Credentials> {
  const res = await fetch(`${server.url}/oauth2/token`, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'password', username: user, password: PASSWORD }),
  })
  expect(res.status).to.equal(200)
  return { kind: 'bearer', token: ((await res.json()) as { access_token: string }).access_token }
}

async function countIn(client: EwsClient, folder: DistinguishedFolderName) {
  const [entry] = valueOf(await client.getFolder([folder])).folders
  return valueOf(entry!).totalCount
}

async function saveDraft(client: EwsClient, subject: string, itemClass = 'IPM.Note') {
  const created = valueOf(
    await client.createItem({
      disposition: 'SaveOnly',
      savedFolder: 'drafts',
      message: { ...offlineIm(BOB, subject), itemClass },
    }),
  )
  expect(created.itemId, 'SaveOnly returns the new item id').to.not.equal(undefined)
  return created.itemId!
}

describe('client EWS transport against mock-ews', () => {
  describe('GetFolder', () => {
    it('reads Inbox, Drafts and Conversation History of an on-premises mailbox', async () => {
      const { folders } = valueOf(
        await clientFor(ALICE).getFolder(['inbox', 'drafts', 'conversationhistory']),
      )
      const read = folders.map(valueOf)
      expect(read.map((f) => [f.displayName, f.totalCount, f.unreadCount])).to.deep.equal([
        ['Inbox', 0, 0],
        ['Drafts', 0, 0],
        ['Conversation History', 0, 0],
      ])
      expect(new Set(read.map((f) => f.id)).size).to.equal(3)
    })

    it('returns a failure for the one folder it cannot read, beside the others', async () => {
      const { folders } = valueOf(await clientFor(ALICE).getFolder(['inbox', { id: 'AAAA' }]))
      expect(valueOf(folders[0]!).displayName).to.equal('Inbox')
      expect(failureOf(folders[1]!)).to.deep.include({
        kind: 'ews',
        code: 'ErrorInvalidIdMalformed',
        level: 'message',
      })
    })

    it('reads an Exchange Online mailbox with a bearer token', async () => {
      const carol = clientFor(CAROL, { credentials: await bearerFor(CAROL) })
      const { folders } = valueOf(await carol.getFolder(['conversationhistory']))
      expect(valueOf(folders[0]!).displayName).to.equal('Conversation History')
    })
  })

  describe('CreateItem, GetItem, FindItem, DeleteItem', () => {
    it('saves a draft and reads it back with its body and special characters intact', async () => {
      const alice = clientFor(ALICE)
      const subject = `Tom & Jerry <tj@contoso.com> "quoted" 'single' ]]> ü 😀`
      const text = '<p>Line 1</p>\n<p>A &amp; B &lt;3</p>\t'
      const created = valueOf(
        await alice.createItem({
          disposition: 'SaveOnly',
          savedFolder: 'drafts',
          message: {
            itemClass: MISSED,
            subject,
            body: { type: 'HTML', text },
            to: [BOB],
            internetMessageId: '<im-1@contoso.com>',
          },
        }),
      )
      const { messages } = valueOf(
        await alice.getItem([created.itemId!], { additional: ['item:Body'] }),
      )
      expect(valueOf(messages[0]!)).to.deep.include({
        itemId: created.itemId,
        itemClass: MISSED,
        subject,
        body: { type: 'HTML', text },
        internetMessageId: '<im-1@contoso.com>',
        dateTimeReceived: '2016-06-10T09:00:00Z',
      })
      expect(await countIn(alice, 'drafts')).to.equal(1)
    })

    it('leaves the body out unless asked for it', async () => {
      const alice = clientFor(ALICE)
      const id = await saveDraft(alice, 'no body')
      const { messages } = valueOf(await alice.getItem([id]))
      const message = valueOf(messages[0]!)
      expect(message.subject).to.equal('no body')
      expect(message).to.not.have.property('body')
    })

    it('pages through a folder and filters with an IsEqualTo restriction', async () => {
      const alice = clientFor(ALICE)
      const ids = [
        await saveDraft(alice, 'A'),
        await saveDraft(alice, 'B'),
        await saveDraft(alice, 'C'),
      ]
      const first = valueOf(await alice.findItem({ folder: 'drafts', max: 2, offset: 0 }))
      const rest = valueOf(await alice.findItem({ folder: 'drafts', max: 2, offset: 2 }))
      expect([first.items.length, first.total, first.includesLast]).to.deep.equal([2, 3, false])
      expect([rest.items.length, rest.total, rest.includesLast]).to.deep.equal([1, 3, true])
      const seen = [...first.items, ...rest.items].map((m) => m.itemId.id)
      expect(seen).to.have.members(ids.map((i) => i.id))
      const onlyB = valueOf(
        await alice.findItem({
          folder: 'drafts',
          max: 10,
          offset: 0,
          restriction: { field: 'item:Subject', equals: 'B' },
        }),
      )
      expect(onlyB.items.map((m) => [m.subject, m.itemId.id])).to.deep.equal([['B', ids[1]!.id]])
    })

    it('finds items in a folder named by its id', async () => {
      const alice = clientFor(ALICE)
      await saveDraft(alice, 'by id')
      const drafts = valueOf(valueOf(await alice.getFolder(['drafts'])).folders[0]!)
      const page = valueOf(await alice.findItem({ folder: { id: drafts.id }, max: 10, offset: 0 }))
      expect(page.items.map((m) => m.subject)).to.deep.equal(['by id'])
    })

    it('returns ErrorItemNotFound for a deleted item, beside the item it found', async () => {
      const alice = clientFor(ALICE)
      const kept = await saveDraft(alice, 'kept')
      const gone = await saveDraft(alice, 'gone')
      valueOf(await alice.deleteItem([gone], 'HardDelete'))
      const { messages } = valueOf(await alice.getItem([gone, kept]))
      const notFound = failureOf(messages[0]!)
      expect(notFound).to.deep.include({ kind: 'ews', code: 'ErrorItemNotFound', level: 'message' })
      expect(isUncertain(notFound)).to.equal(false)
      expect(valueOf(messages[1]!).subject).to.equal('kept')
    })

    it('deletes items, and reports per entry the one that is no longer there', async () => {
      const alice = clientFor(ALICE)
      const a = await saveDraft(alice, 'a')
      const b = await saveDraft(alice, 'b')
      const moved = valueOf(await alice.deleteItem([a], 'MoveToDeletedItems'))
      expect(moved.results.map((r) => r.ok)).to.deep.equal([true])
      expect(await countIn(alice, 'deleteditems')).to.equal(1)
      // A moved item has a new id: the old one is not found any more.
      const { results } = valueOf(await alice.deleteItem([b, a], 'HardDelete'))
      expect(results[0]!.ok).to.equal(true)
      expect(failureOf(results[1]!)).to.deep.include({ kind: 'ews', code: 'ErrorItemNotFound' })
      expect(await countIn(alice, 'drafts')).to.equal(0)
    })
  })

  describe('sending an offline IM', () => {
    it('sends in one step (SendAndSaveCopy into conversationhistory): bob finds it in his Inbox', async () => {
      const alice = clientFor(ALICE)
      const sent = valueOf(
        await alice.createItem({
          disposition: 'SendAndSaveCopy',
          savedFolder: 'conversationhistory',
          message: offlineIm(BOB, 'Alice sent you a message in Skype for Business'),
        }),
      )
      expect(sent.itemId).to.equal(undefined)
      const page = valueOf(
        await clientFor(BOB).findItem({
          folder: 'inbox',
          max: 10,
          offset: 0,
          restriction: { field: 'item:ItemClass', equals: MISSED },
        }),
      )
      expect(page.total).to.equal(1)
      expect(page.items[0]).to.deep.include({
        itemClass: MISSED,
        subject: 'Alice sent you a message in Skype for Business',
        isRead: false,
      })
      expect(page.items[0]!.from?.address).to.equal(ALICE)
      expect(await countIn(alice, 'conversationhistory')).to.equal(1)
    })

    it('on-premises, the two-step send fails with ErrorMessageSubmissionBlocked and the draft stays', async () => {
      const alice = clientFor(ALICE)
      const draft = await saveDraft(alice, 'two-step', MISSED)
      const result = await alice.sendItem({
        itemId: draft.id,
        changeKey: draft.changeKey,
        saveItemToFolder: true,
      })
      const f = failureOf(result)
      expect(f).to.deep.include({
        kind: 'ews',
        code: 'ErrorMessageSubmissionBlocked',
        level: 'message',
      })
      expect(isUncertain(f)).to.equal(false)
      expect(await countIn(alice, 'drafts')).to.equal(1)
      expect(await countIn(clientFor(BOB), 'inbox')).to.equal(0)
    })

    it('on Exchange Online, the two-step send works (the class is stripped on the way to contoso)', async () => {
      const carol = clientFor(CAROL, { credentials: await bearerFor(CAROL) })
      const created = valueOf(
        await carol.createItem({
          disposition: 'SaveOnly',
          savedFolder: 'drafts',
          message: offlineIm(ALICE, 'Carol sent you a message'),
        }),
      )
      valueOf(
        await carol.sendItem({
          itemId: created.itemId!.id,
          changeKey: created.itemId!.changeKey,
          saveItemToFolder: true,
          savedFolder: 'conversationhistory',
        }),
      )
      const inbox = valueOf(await clientFor(ALICE).findItem({ folder: 'inbox', max: 5, offset: 0 }))
      expect(inbox.items.map((m) => [m.subject, m.itemClass])).to.deep.equal([
        ['Carol sent you a message', 'IPM.Note'],
      ])
      expect(await countIn(carol, 'conversationhistory')).to.equal(1)
    })
  })

  describe('failures', () => {
    const fault = (action: FaultAction, operation = 'GetFolder') =>
      mock.faults.add({ match: { operation }, action, when: { type: 'once' } })

    it('a wrong password is unauthorized, and certainly not carried out', async () => {
      const client = new EwsClient({ ewsUrl: server.ewsUrl, credentials: basic(ALICE, 'nope') })
      const f = failureOf(await client.getFolder(['inbox']))
      expect(f).to.deep.equal({ kind: 'unauthorized' })
      expect(isUncertain(f)).to.equal(false)
    })

    it('sends the RequestServerVersion it is given (an unknown one is a fault)', async () => {
      const f = failureOf(
        await clientFor(ALICE, { requestServerVersion: 'Exchange2099' }).getFolder(['inbox']),
      )
      expect(f).to.deep.include({ kind: 'ews', code: 'ErrorInvalidServerVersion', level: 'fault' })
    })

    it('ErrorServerBusy as a fault carries BackOffMilliseconds; the next call succeeds', async () => {
      fault({ type: 'ews-error', code: 'ErrorServerBusy', backOffMs: 1500 })
      const alice = clientFor(ALICE)
      const f = failureOf(await alice.getFolder(['inbox']))
      expect(f).to.deep.include({
        kind: 'ews',
        code: 'ErrorServerBusy',
        level: 'fault',
        backOffMs: 1500,
      })
      expect(isUncertain(f)).to.equal(false)
      expect((await alice.getFolder(['inbox'])).ok).to.equal(true)
    })

    it('an error in the response message of a single-item call fails the call, with its back-off', async () => {
      fault(
        { type: 'ews-error', code: 'ErrorServerBusy', backOffMs: 250, level: 'message' },
        'CreateItem',
      )
      const f = failureOf(
        await clientFor(ALICE).createItem({ disposition: 'SendOnly', message: offlineIm(BOB) }),
      )
      expect(f).to.deep.include({
        kind: 'ews',
        code: 'ErrorServerBusy',
        level: 'message',
        backOffMs: 250,
      })
    })

    it('a bare HTTP 500 is an http failure and uncertain; a 503 is certain', async () => {
      const alice = clientFor(ALICE)
      fault({ type: 'http-status', status: 500 })
      const f500 = failureOf(await alice.getFolder(['inbox']))
      fault({ type: 'http-status', status: 503 })
      const f503 = failureOf(await alice.getFolder(['inbox']))
      expect([f500, isUncertain(f500)]).to.deep.equal([{ kind: 'http', status: 500 }, true])
      expect([f503, isUncertain(f503)]).to.deep.equal([{ kind: 'http', status: 503 }, false])
    })

    it('a reset connection is a network reset, uncertain', async () => {
      fault({ type: 'reset' })
      const f = failureOf(await clientFor(ALICE).getFolder(['inbox']))
      expect(f).to.deep.include({ kind: 'network', reason: 'reset' })
      expect(isUncertain(f)).to.equal(true)
    })

    it('a connection closed mid-answer is uncertain: the message was in fact created', async () => {
      fault({ type: 'close-mid-body' }, 'CreateItem')
      const alice = clientFor(ALICE)
      const f = failureOf(
        await alice.createItem({ disposition: 'SaveOnly', message: offlineIm(BOB) }),
      )
      expect(f).to.deep.include({ kind: 'network', reason: 'reset' })
      expect(isUncertain(f)).to.equal(true)
      expect(await countIn(alice, 'drafts')).to.equal(1)
    })

    it('a cut-off XML answer is malformed, uncertain', async () => {
      fault({ type: 'malformed-xml' })
      const f = failureOf(await clientFor(ALICE).getFolder(['inbox']))
      expect(f.kind).to.equal('malformed')
      expect(isUncertain(f)).to.equal(true)
    })

    it('a server that refuses connections is a network refusal, certainly not carried out', async () => {
      await server.refuseConnections()
      const alice = clientFor(ALICE)
      const f = failureOf(await alice.getFolder(['inbox']))
      expect(f).to.deep.include({ kind: 'network', reason: 'refused' })
      expect(isUncertain(f)).to.equal(false)
      await server.acceptConnections()
      expect((await alice.getFolder(['inbox'])).ok).to.equal(true)
    })

    it('no answer within timeoutMs is a network timeout, uncertain', async () => {
      fault({ type: 'latency', ms: 60_000 })
      // A client that waited for the 60 s answer instead would run into mocha's timeout.
      const f = failureOf(await clientFor(ALICE, { timeoutMs: 50 }).getFolder(['inbox']))
      expect(f).to.deep.include({ kind: 'network', reason: 'timeout' })
      expect(isUncertain(f)).to.equal(true)
      expect(held).to.have.length(1)
    })
  })

  describe('answers shaped by hand (injected fetch)', () => {
    const answering =
      (status: number, body: string, seen: Request[] = []): Fetch =>
      async (input, init) => {
        seen.push(new Request(input, init))
        return new Response(body, {
          status,
          headers: { 'Content-Type': 'text/xml; charset=utf-8' },
        })
      }
    const clientAnswering = (status: number, body: string, seen?: Request[]) =>
      new EwsClient({
        ewsUrl: 'http://ews.invalid/EWS/Exchange.asmx',
        credentials: { kind: 'bearer', token: 'tok' },
        requestServerVersion: 'Exchange2016',
        fetch: answering(status, body, seen),
      })
    const M = 'http://schemas.microsoft.com/exchange/services/2006/messages'
    const T = 'http://schemas.microsoft.com/exchange/services/2006/types'
    const folderAnswer =
      '\uFEFF\r\n<Envelope xmlns="http://schemas.xmlsoap.org/soap/envelope/"><Body>' +
      `<x:GetFolderResponse xmlns:x="${M}"><x:ResponseMessages>` +
      '<x:GetFolderResponseMessage ResponseClass="Success"><x:ResponseCode>NoError</x:ResponseCode>' +
      `<x:Folders><y:SearchFolder xmlns:y="${T}"><y:FolderId Id="F1" ChangeKey="CK"/>` +
      '<y:DisplayName>Missed &amp; Found</y:DisplayName><y:TotalCount>2</y:TotalCount>' +
      '<y:UnreadCount>1</y:UnreadCount></y:SearchFolder></x:Folders>' +
      '</x:GetFolderResponseMessage></x:ResponseMessages></x:GetFolderResponse></Body></Envelope>'

    it('writes a soap: envelope with RequestServerVersion, as text/xml, with the bearer token', async () => {
      const seen: Request[] = []
      valueOf(await clientAnswering(200, folderAnswer, seen).getFolder(['inbox']))
      const [req] = seen
      expect(req!.method).to.equal('POST')
      expect(req!.headers.get('content-type')).to.equal('text/xml; charset=utf-8')
      expect(req!.headers.get('authorization')).to.equal('Bearer tok')
      const body = await req!.text()
      expect(body).to.match(
        /^<\?xml [^>]*\?><soap:Envelope xmlns:soap="http:\/\/schemas\.xmlsoap\.org\/soap\/envelope\/"/,
      )
      expect(body).to.contain(
        '<soap:Header><t:RequestServerVersion Version="Exchange2016"/></soap:Header>',
      )
      expect(body).to.contain('<t:DistinguishedFolderId Id="inbox"/>')
    })

    it('reads an answer without XML declaration, with a BOM, default namespaces and other prefixes', async () => {
      const { folders } = valueOf(await clientAnswering(200, folderAnswer).getFolder(['inbox']))
      expect(valueOf(folders[0]!)).to.deep.equal({
        id: 'F1',
        changeKey: 'CK',
        displayName: 'Missed & Found',
        totalCount: 2,
        unreadCount: 1,
      })
    })

    it('reads a SOAP fault whatever the status, and falls back to faultcode and faultstring', async () => {
      const soapFault =
        '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><s:Fault>' +
        `<faultcode xmlns:a="${T}">a:ErrorInternalServerError</faultcode>` +
        '<faultstring xml:lang="en-US">Something broke.</faultstring></s:Fault></s:Body></s:Envelope>'
      for (const status of [500, 200]) {
        expect(
          failureOf(await clientAnswering(status, soapFault).getFolder(['inbox'])),
        ).to.deep.equal({
          kind: 'ews',
          code: 'ErrorInternalServerError',
          message: 'Something broke.',
          level: 'fault',
        })
      }
    })

    it('an HTML error page is an http failure; an HTML 200 is malformed', async () => {
      const page = '<html><body><h1>Service Unavailable</h1></body></html>'
      expect(failureOf(await clientAnswering(502, page).getFolder(['inbox']))).to.deep.equal({
        kind: 'http',
        status: 502,
      })
      expect(failureOf(await clientAnswering(200, page).getFolder(['inbox'])).kind).to.equal(
        'malformed',
      )
    })

    it('the wrong operation, or too few response messages, is malformed', async () => {
      const wrongOp = folderAnswer.replace(/GetFolderResponse\b/g, 'GetItemResponse')
      expect(failureOf(await clientAnswering(200, wrongOp).getFolder(['inbox']))).to.deep.include({
        kind: 'malformed',
      })
      const f = failureOf(await clientAnswering(200, folderAnswer).getFolder(['inbox', 'drafts']))
      expect(f).to.deep.equal({
        kind: 'malformed',
        detail: 'GetFolder: 1 response messages for 2 entries',
      })
    })

    it('a fetch that fails for an unknown reason is a network failure of reason other', async () => {
      const client = new EwsClient({
        ewsUrl: 'http://ews.invalid/EWS/Exchange.asmx',
        credentials: basic(ALICE),
        fetch: async () => {
          throw new TypeError('fetch failed', { cause: new Error('something odd') })
        },
      })
      const f = failureOf(await client.getFolder(['inbox']))
      expect(f).to.deep.include({ kind: 'network', reason: 'other' })
      expect(isUncertain(f)).to.equal(true)
    })
  })

  describe('POX Autodiscover', () => {
    const O = 'http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a'
    const poxAnswer = (protocols: string) =>
      '<Autodiscover xmlns="http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006">' +
      `<Response xmlns="${O}"><Account><AccountType>email</AccountType><Action>settings</Action>` +
      `${protocols}</Account></Response></Autodiscover>`
    const block = (type: string, url: string) =>
      `<Protocol><Type>${type}</Type><EwsUrl>${url}</EwsUrl></Protocol>`
    const discoverFrom = (body: string) =>
      discoverEwsUrl(ALICE, {
        urls: ['http://autodiscover.invalid/autodiscover/autodiscover.xml'],
        credentials: basic(ALICE),
        fetch: async () => new Response(body, { status: 200 }),
      })

    /** A loopback port nothing listens on. */
    async function closedPort(): Promise<number> {
      const probe = createServer()
      await new Promise<void>((done) => probe.listen(0, '127.0.0.1', done))
      const { port } = probe.address() as { port: number }
      await new Promise<void>((done) => probe.close(() => done()))
      return port
    }

    it("lists the real client's URLs in order, or the mock's path-prefix URL", () => {
      expect(candidateAutodiscoverUrls('Contoso.com')).to.deep.equal([
        'https://contoso.com/autodiscover/autodiscover.xml',
        'https://autodiscover.contoso.com/autodiscover/autodiscover.xml',
      ])
      expect(
        candidateAutodiscoverUrls('contoso.com', { base: 'http://127.0.0.1:8080/' }),
      ).to.deep.equal(['http://127.0.0.1:8080/contoso.com/autodiscover/autodiscover.xml'])
    })

    it('discovers the on-premises EWS URL for alice, and the URL works', async () => {
      const found = valueOf(
        await discoverEwsUrl(ALICE, {
          urls: candidateAutodiscoverUrls('contoso.com', { base: server.url }),
          credentials: basic(ALICE),
        }),
      )
      expect(found).to.deep.equal({
        ewsUrl: server.ewsUrl,
        microsoftOnline: false,
        serverVersion: { major: 15, minor: 1, build: 2507 },
      })
      const ews = new EwsClient({ ewsUrl: found.ewsUrl, credentials: basic(ALICE) })
      expect(valueOf(valueOf(await ews.getFolder(['inbox'])).folders[0]!).displayName).to.equal(
        'Inbox',
      )
    })

    it('discovers an Exchange Online account for carol (MicrosoftOnline True)', async () => {
      const found = valueOf(
        await discoverEwsUrl(CAROL, {
          urls: candidateAutodiscoverUrls('fabrikam.com', { base: server.url }),
          credentials: await bearerFor(CAROL),
        }),
      )
      expect(found).to.deep.equal({
        ewsUrl: server.ewsUrl,
        microsoftOnline: true,
        serverVersion: { major: 15, minor: 20, build: 7452 },
      })
    })

    it('reports error 500 for an unknown address as Autodiscover500', async () => {
      const f = failureOf(
        await discoverEwsUrl('nobody@contoso.com', {
          urls: candidateAutodiscoverUrls('contoso.com', { base: server.url }),
          credentials: basic(ALICE),
        }),
      )
      expect(f).to.deep.include({ kind: 'ews', code: 'Autodiscover500', level: 'message' })
      expect((f as { message: string }).message).to.match(/can't be found/)
    })

    it('tries the URLs in order and takes the first that answers', async () => {
      const dead = `http://127.0.0.1:${await closedPort()}/autodiscover/autodiscover.xml`
      const found = await discoverEwsUrl(ALICE, {
        urls: [dead, ...candidateAutodiscoverUrls('contoso.com', { base: server.url })],
        credentials: basic(ALICE),
      })
      expect(valueOf(found).ewsUrl).to.equal(server.ewsUrl)
    })

    it('when no URL gives settings, a 401 is reported rather than a refused connection', async () => {
      const dead = `http://127.0.0.1:${await closedPort()}/autodiscover/autodiscover.xml`
      const f = failureOf(
        await discoverEwsUrl(ALICE, {
          urls: [...candidateAutodiscoverUrls('contoso.com', { base: server.url }), dead],
          credentials: basic(ALICE, 'wrong'),
        }),
      )
      expect(f).to.deep.equal({ kind: 'unauthorized' })
    })

    it('takes the EXCH EwsUrl over the EXPR one, and EXPR when EXCH has none', async () => {
      const both = poxAnswer(block('EXPR', 'https://ext/EWS') + block('EXCH', 'https://int/EWS'))
      expect(valueOf(await discoverFrom(both)).ewsUrl).to.equal('https://int/EWS')
      const exprOnly = poxAnswer(
        '<Protocol><Type>EXCH</Type><Server>x</Server></Protocol>' +
          block('EXPR', 'https://ext/EWS'),
      )
      expect(valueOf(await discoverFrom(exprOnly)).ewsUrl).to.equal('https://ext/EWS')
      expect(failureOf(await discoverFrom(poxAnswer(''))).kind).to.equal('malformed')
    })
  })

  describe("mock-ews's strict schema mode", function () {
    this.timeout(60_000)
    let SCHEMA_DIR: string
    before(function () {
      SCHEMA_DIR = needsSchema(this, "the client's requests against mock-ews's strict schema mode")
    })

    it('accepts every request the client writes', async () => {
      await server.close()
      mock = createEwsApp({
        clock: new FakeClock('2016-06-10T09:00:00Z'),
        ids: seededIds(1),
        schemaDir: SCHEMA_DIR,
      })
      server = await startEwsServer(mock.app, { port: 0 })
      const alice = clientFor(ALICE)
      const drafts = valueOf(valueOf(await alice.getFolder(['drafts', 'inbox'])).folders[0]!)
      const draft = await saveDraft(alice, 'strict <&>', MISSED)
      valueOf(await alice.getItem([draft], { additional: ['item:Body', 'item:IsDraft'] }))
      valueOf(
        await alice.findItem({
          folder: { id: drafts.id, changeKey: drafts.changeKey },
          max: 5,
          offset: 0,
          restriction: { field: 'item:ItemClass', equals: MISSED },
        }),
      )
      const send = await alice.sendItem({
        itemId: draft.id,
        changeKey: draft.changeKey,
        saveItemToFolder: true,
        savedFolder: 'sentitems',
      })
      expect(failureOf(send)).to.deep.include({ code: 'ErrorMessageSubmissionBlocked' })
      valueOf(await alice.deleteItem([draft], 'SoftDelete'))
      valueOf(
        await alice.createItem({
          disposition: 'SendAndSaveCopy',
          savedFolder: 'conversationhistory',
          message: { ...offlineIm(BOB), internetMessageId: '<strict@contoso.com>' },
        }),
      )
    })
  })
})
