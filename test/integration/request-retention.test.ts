/**
 * A stored item, or the journal's entry of a request, must not keep the request's text alive. The XML parser's
 * strings are substrings of the request, and V8 keeps a long substring as a view into its parent;
 * the store keeps its own copies (store/memory/stored-fields.ts, `ownString`). Measured in a child
 * process with `--expose-gc`: the heap growth of 100 CreateItems from ~1 KB requests against 100
 * from ~101 KB requests (the 100 KB in an XML comment, which nothing stores). Kept alive, the second
 * would grow ~10 MB more; not kept, the two grow alike. This is a leak check, not a memory target.
 * The journal keeps a bounded copy of each body by design (journalBodyChars, 1000 here): a copy,
 * never a slice that would keep the whole request alive.
 */
import { execFile } from 'node:child_process'
import { expect } from 'chai'

const CHILD = `
import { createEwsApp, FakeClock, seededIds, startEwsServer } from './mock-ews/index.ts'
const AUTH = 'Basic ' + Buffer.from('alice@contoso.com:P@ssw0rd').toString('base64')
const xml = (i, pad) => '<?xml version="1.0" encoding="utf-8"?>' +
  '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types" xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages">' +
  '<soap:Body><m:CreateItem MessageDisposition="SaveOnly"><!-- ' + pad + ' --><m:Items><t:Message>' +
  '<t:ItemClass>IPM.Note.Retention.Check</t:ItemClass><t:Subject>A subject long enough to be a slice ' + i + '</t:Subject>' +
  '<t:Body BodyType="Text">A body long enough to be a slice of the request ' + i + '</t:Body>' +
  '<t:InReplyTo>an-earlier-message-' + i + '@contoso.com</t:InReplyTo>' +
  '<t:ToRecipients><t:Mailbox><t:EmailAddress>bob@contoso.com</t:EmailAddress></t:Mailbox></t:ToRecipients>' +
  '<t:References>the-first-message-' + i + '@contoso.com</t:References>' +
  '</t:Message></m:Items></m:CreateItem></soap:Body></soap:Envelope>'
async function growth(count, padBytes) {
  const ews = createEwsApp({ ids: seededIds(1), clock: new FakeClock('2016-06-10T09:00:00Z'), journalBodyChars: 1000 })
  const server = await startEwsServer(ews.app, { host: '127.0.0.1', port: 0 })
  const pad = 'p'.repeat(padBytes)
  globalThis.gc(); globalThis.gc()
  const before = process.memoryUsage().heapUsed
  for (let i = 0; i < count; i++) {
    const res = await fetch(server.ewsUrl, { method: 'POST', headers: { authorization: AUTH, 'content-type': 'text/xml' }, body: xml(i, pad) })
    const text = await res.text()
    if (!text.includes('ResponseClass="Success"')) throw new Error(text.slice(0, 500))
  }
  if (ews.store.getDistinguishedFolder('alice@contoso.com', 'drafts').totalCount !== count) throw new Error('not stored')
  globalThis.gc(); globalThis.gc()
  const grown = process.memoryUsage().heapUsed - before
  await server.close()
  return { grown, ews }
}
// The request journal keeps each request's operation name (19 characters here).
const sync = (pad) => xml(0, '').split('<soap:Body>')[0] + '<soap:Body><m:SyncFolderHierarchy><!-- ' + pad +
  ' --><m:FolderShape><t:BaseShape>IdOnly</t:BaseShape></m:FolderShape></m:SyncFolderHierarchy></soap:Body></soap:Envelope>'
async function journalGrowth(count, padBytes) {
  const ews = createEwsApp({ ids: seededIds(1), clock: new FakeClock('2016-06-10T09:00:00Z'), journalBodyChars: 1000 })
  const server = await startEwsServer(ews.app, { host: '127.0.0.1', port: 0 })
  const body = sync('p'.repeat(padBytes))
  globalThis.gc(); globalThis.gc()
  const before = process.memoryUsage().heapUsed
  for (let i = 0; i < count; i++) {
    const res = await fetch(server.ewsUrl, { method: 'POST', headers: { authorization: AUTH, 'content-type': 'text/xml' }, body })
    const text = await res.text()
    if (!text.includes('ResponseClass="Success"')) throw new Error(text.slice(0, 500))
  }
  if (ews.journal.entries().length !== count) throw new Error('not journaled')
  globalThis.gc(); globalThis.gc()
  const grown = process.memoryUsage().heapUsed - before
  await server.close()
  return grown
}
await growth(100, 1000) // warm-up: code compiled and loaded on the first requests is not counted
const small = await growth(100, 1000)
const large = await growth(100, 101000)
await journalGrowth(100, 1000)
const journalSmall = await journalGrowth(100, 1000)
const journalLarge = await journalGrowth(100, 101000)
console.log(JSON.stringify({ small: small.grown, large: large.grown, journalSmall, journalLarge }))
process.exit(0)
`

describe('stored items and the requests that made them', function () {
  this.timeout(60_000)

  it('neither an item nor a journal entry keeps its request text alive', async () => {
    const out = await new Promise<string>((resolve, reject) =>
      execFile(
        process.execPath,
        ['--expose-gc', '--import', 'tsx', '--input-type=module', '-e', CHILD],
        (err, stdout, stderr) =>
          err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(stdout),
      ),
    )
    const { small, large, journalSmall, journalLarge } = JSON.parse(
      out.trim().split('\n').at(-1)!,
    ) as Record<'small' | 'large' | 'journalSmall' | 'journalLarge', number>
    const MB = 2 ** 20
    // 100 requests × 100 KB more would be ~10 MB if each item (or journal entry) kept its request.
    expect((large - small) / MB, `heap growth: small ${small}, large ${large}`).to.be.below(3)
    expect(
      (journalLarge - journalSmall) / MB,
      `journal: small ${journalSmall}, large ${journalLarge}`,
    ).to.be.below(3)
  })
})
