/**
 * A stored attachment must not keep alive the request that brought it: its name, content type or
 * attached message are cut from the request text (V8 keeps a long substring as a view into its
 * parent), and that text carries the content again as base64 — a second copy, larger than the
 * first, of every byte (issue 18: 1,000 items with a 1 MB attachment each, each byte held once).
 * The store keeps its own copies (store/memory/stored-fields.ts, `owned`). Measured as in
 * request-retention.test.ts, in a child process with `--expose-gc`: heap and external memory growth
 * of 100 CreateAttachment requests of ~1 KB against 100 of ~101 KB (100 KB of base64 in the
 * content of a second attachment, deleted before the measure; or an XML comment). Kept alive, the
 * larger would grow ~10 MB more; not kept, the two grow alike. A leak check, not a memory target.
 */
import { execFile } from 'node:child_process'
import { expect } from 'chai'

const CHILD = `
import { createEwsApp, FakeClock, seededIds, startEwsServer } from './mock-ews/index.ts'
const ALICE = 'alice@contoso.com'
const AUTH = 'Basic ' + Buffer.from(ALICE + ':P@ssw0rd').toString('base64')
const envelope = (body) => '<?xml version="1.0" encoding="utf-8"?>' +
  '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types" xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages">' +
  '<soap:Body>' + body + '</soap:Body></soap:Envelope>'
const file = (i, pad) => '<t:FileAttachment><t:Name>an attachment name long enough to be a slice ' + i + '.bin</t:Name>' +
  '<t:ContentType>application/octet-stream</t:ContentType><t:Content>aGVsbG8=</t:Content></t:FileAttachment><!-- ' + pad + ' -->'
const item = (i, pad) => '<t:ItemAttachment><t:Name>a forwarded message long enough ' + i + '</t:Name><t:Message>' +
  '<t:Subject>A subject long enough to be a slice ' + i + '</t:Subject><t:Body BodyType="Text">A body long enough to be a slice ' + i + '</t:Body>' +
  '<t:ToRecipients><t:Mailbox><t:Name>Bob the recipient</t:Name><t:EmailAddress>bob@contoso.com</t:EmailAddress></t:Mailbox></t:ToRecipients>' +
  '</t:Message></t:ItemAttachment><!-- ' + pad + ' -->'
async function growth(count, padBytes, attachment) {
  const ews = createEwsApp({ ids: seededIds(1), clock: new FakeClock('2016-06-10T09:00:00Z'), journalBodyChars: 1000 })
  const server = await startEwsServer(ews.app, { host: '127.0.0.1', port: 0 })
  const drafts = ews.store.getDistinguishedFolder(ALICE, 'drafts').folderId.id
  const ids = []
  for (let i = 0; i < count; i++) ids.push(ews.store.createItem(ALICE, drafts, {
    itemClass: 'IPM.Note', subject: 's', body: { type: 'Text', text: 'b' }, toRecipients: [], ccRecipients: [],
    bccRecipients: [], categories: [], isRead: false, importance: 'Normal', isDraft: true, from: undefined,
    internetMessageId: '<m' + i + '@contoso.com>', dateTimeSent: undefined, dateTimeReceived: new Date('2016-06-10T09:00:00Z'),
  }).itemId.id)
  const pad = 'p'.repeat(padBytes)
  const settle = async () => { for (let k = 0; k < 3; k++) { globalThis.gc(); await new Promise((r) => setImmediate(r)) } }
  await settle()
  const m0 = process.memoryUsage()
  for (let i = 0; i < count; i++) {
    const body = envelope('<m:CreateAttachment><m:ParentItemId Id="' + ids[i] + '"/><m:Attachments>' + attachment(i, pad) + '</m:Attachments></m:CreateAttachment>')
    const res = await fetch(server.ewsUrl, { method: 'POST', headers: { authorization: AUTH, 'content-type': 'text/xml' }, body })
    const text = await res.text()
    if (!text.includes('ResponseClass="Success"')) throw new Error(text.slice(0, 500))
  }
  for (const id of ids) if (ews.store.getItem(ALICE, id).attachments?.length !== 1) throw new Error('not stored')
  await settle()
  const m1 = process.memoryUsage()
  await server.close()
  return m1.heapUsed + m1.external - m0.heapUsed - m0.external
}
const out = {}
for (const [name, attachment] of [['file', file], ['item', item]]) {
  await growth(100, 1000, attachment) // warm-up: code compiled on the first requests is not counted
  out[name] = { small: await growth(100, 1000, attachment), large: await growth(100, 101000, attachment) }
}
console.log(JSON.stringify(out))
process.exit(0)
`

describe('stored attachments and the requests that brought them', function () {
  this.timeout(60_000)

  it('neither a file attachment nor an item attachment keeps its request text alive', async () => {
    const out = await new Promise<string>((resolve, reject) =>
      execFile(
        process.execPath,
        ['--expose-gc', '--import', 'tsx', '--input-type=module', '-e', CHILD],
        (err, stdout, stderr) =>
          err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(stdout),
      ),
    )
    const figures = JSON.parse(out.trim().split('\n').at(-1)!) as Record<
      'file' | 'item',
      { small: number; large: number }
    >
    const MB = 2 ** 20
    // 100 requests × 100 KB more would be ~10 MB if each attachment kept its request.
    const extra = Object.entries(figures).map(([kind, { small, large }]) => ({
      kind,
      mb: Math.round(((large - small) / MB) * 10) / 10,
    }))
    expect(
      extra.filter((e) => e.mb >= 3),
      JSON.stringify(figures),
    ).to.deep.equal([])
  })
})
