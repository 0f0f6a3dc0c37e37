import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect } from 'chai'
import type { EwsApp } from '../../mock-ews/index.ts'
import {
  call,
  distinguished,
  envelope,
  findFolderXml,
  getFolderXml,
  post,
  testApp,
} from '../helpers/ews.ts'
import type { SoapAnswer } from '../helpers/ews.ts'

const getInbox = getFolderXml(distinguished('inbox'))

/** Every folder of every mailbox with its change key, and each mailbox's hierarchy sequence number. */
function storeState(ews: EwsApp): string {
  return JSON.stringify(
    ews.store.listMailboxes().map((m) => {
      const root = ews.store.getDistinguishedFolder(m.address, 'root')
      return {
        seq: ews.store.hierarchySeq(m.address),
        folders: ews.store
          .findFolders(m.address, root.folderId.id, true)
          .map((f) => [f.folderId, f.displayName]),
      }
    }),
  )
}

describe('Bad input', () => {
  let ews: EwsApp
  let before: string
  beforeEach(() => {
    ews = testApp({ maxBodyBytes: 64 * 1024, maxXmlDepth: 64 })
    before = storeState(ews)
  })
  // Whatever was sent, the server still answers and nothing stored has changed.
  afterEach(async () => {
    expect((await call(ews.app, getInbox)).codes()).to.deep.equal(['NoError'])
    expect(storeState(ews)).to.equal(before)
  })

  function expectFault(res: SoapAnswer, code: string): void {
    expect(res.status, res.text).to.equal(500)
    expect(res.text.startsWith('<?xml')).to.equal(true)
    expect(res.faultCode()).to.equal(code)
    expect(res.value('//s:Fault/faultcode')).to.equal(`a:${code}`)
  }

  it('answers text that is not XML with ErrorSchemaValidation and its position', async () => {
    const res = await post(ews.app, 'hello, exchange')
    expectFault(res, 'ErrorSchemaValidation')
    expect(res.value('//t:MessageXml/t:LineNumber')).to.equal('1')
  })

  it('answers a truncated envelope with ErrorSchemaValidation naming the line', async () => {
    const res = await post(
      ews.app,
      envelope(getInbox).replace('</soap:Envelope>', '').replace('<soap:Body>', '\n<soap:Body>\n'),
    )
    expectFault(res, 'ErrorSchemaValidation')
    expect(Number(res.value('//t:MessageXml/t:LineNumber'))).to.be.greaterThan(1)
  })

  it('answers XML that is not a SOAP envelope with ErrorSchemaValidation', async () => {
    expectFault(
      await post(
        ews.app,
        getInbox.replace(
          '<m:GetFolder>',
          `<m:GetFolder xmlns:m="${'http://schemas.microsoft.com/exchange/services/2006/messages'}" xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types">`,
        ),
      ),
      'ErrorSchemaValidation',
    )
    expectFault(await post(ews.app, '<Envelope><Body/></Envelope>'), 'ErrorSchemaValidation')
  })

  it('answers an empty request body and an empty soap:Body with ErrorInvalidRequest', async () => {
    expectFault(await post(ews.app, ''), 'ErrorInvalidRequest')
    expectFault(await post(ews.app, envelope('')), 'ErrorInvalidRequest')
  })

  it('answers two operations in one Body with ErrorSchemaValidation', async () => {
    expectFault(await post(ews.app, envelope(getInbox + getInbox)), 'ErrorSchemaValidation')
  })

  it('answers an unknown operation with a fault', async () => {
    expectFault(await call(ews.app, '<m:DeleteEverything/>'), 'ErrorInvalidOperation')
  })

  it('never reads a file named by an external entity', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ews-xxe-'))
    const secret = join(dir, 'secret.txt')
    writeFileSync(secret, 'TOP-SECRET-MARKER')
    try {
      for (const doc of [
        `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file://${secret}">]>${envelope(getFolderXml('<t:FolderId Id="&xxe;"/>'))}`,
        `<!DOCTYPE x [<!ENTITY % p SYSTEM "file://${secret}"> %p;]>${envelope(getInbox)}`,
        `<!DOCTYPE soap:Envelope SYSTEM "file://${secret}">${envelope(getInbox)}`,
      ]) {
        const res = await post(ews.app, doc)
        expectFault(res, 'ErrorSchemaValidation')
        expect(res.text).to.not.contain('TOP-SECRET-MARKER')
        expect(res.value('//s:Fault/faultstring')).to.contain('DTD is prohibited')
      }
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('refuses an entity-expansion document without expanding it', async () => {
    const lol = Array.from(
      { length: 9 },
      (_, i) => `<!ENTITY l${i + 1} "${`&l${i};`.repeat(10)}">`,
    ).join('')
    const res = await post(
      ews.app,
      `<!DOCTYPE x [<!ENTITY l0 "lol">${lol}]>${envelope(getFolderXml('<t:FolderId Id="&l9;"/>'))}`,
    )
    expectFault(res, 'ErrorSchemaValidation')
    expect(res.text.length).to.be.lessThan(4000)
  })

  it('refuses a DOCTYPE hidden after the root element starts', async () => {
    expectFault(await post(ews.app, envelope(`<!DOCTYPE x>${getInbox}`)), 'ErrorSchemaValidation')
  })

  it('refuses documents nested deeper than the limit', async () => {
    const deep = `${'<t:X>'.repeat(5000)}${'</t:X>'.repeat(5000)}`
    const res = await post(ews.app, envelope(`<m:GetFolder>${deep}</m:GetFolder>`))
    expectFault(res, 'ErrorSchemaValidation')
    expect(res.value('//s:Fault/faultstring')).to.contain('nested deeper than 64')
  })

  it('refuses a body over the size limit with 413 and an EWS fault', async () => {
    const big = envelope(`<m:GetFolder><!--${'x'.repeat(70 * 1024)}--></m:GetFolder>`)
    const res = await post(ews.app, big)
    expect(res.status).to.equal(413)
    expect(res.faultCode()).to.equal('ErrorInvalidRequest')
    expect(res.value('//s:Fault/faultstring')).to.contain('65536 bytes')
  })

  it('refuses bytes that are not UTF-8, and characters XML does not allow', async () => {
    const latin1 = Buffer.concat([
      Buffer.from(envelope(getInbox).slice(0, 40)),
      Buffer.from([0xe9, 0xff, 0xfe]),
      Buffer.from('>'),
    ])
    expectFault(await post(ews.app, latin1), 'ErrorSchemaValidation')
    expectFault(
      await post(ews.app, envelope(getFolderXml('<t:FolderId Id="a\u0001b"/>'))),
      'ErrorSchemaValidation',
    )
  })

  it('accepts UTF-16 with a byte-order mark', async () => {
    const utf16 = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from(envelope(getInbox), 'utf16le'),
    ])
    expect((await post(ews.app, utf16)).codes()).to.deep.equal(['NoError'])
  })

  it('answers malformed and foreign folder ids per item, and still answers the good ones', async () => {
    const res = await call(
      ews.app,
      getFolderXml(
        '<t:FolderId Id="not base64!"/><t:DistinguishedFolderId Id="drafts"/><t:FolderId Id=""/><t:FolderId Id="AAAA"/>',
      ),
    )
    expect(res.status).to.equal(200)
    expect(res.codes()).to.deep.equal([
      'ErrorInvalidIdMalformed',
      'NoError',
      'ErrorInvalidIdEmpty',
      'ErrorInvalidIdMalformed',
    ])
  })

  it('answers wrong attribute values with ErrorSchemaValidation', async () => {
    expectFault(
      await call(ews.app, getFolderXml(distinguished('inbox'), 'Everything')),
      'ErrorSchemaValidation',
    )
    expectFault(
      await call(
        ews.app,
        findFolderXml(distinguished('root'), { traversal: 'Sideways', shape: 'IdOnly' }),
      ),
      'ErrorSchemaValidation',
    )
    expectFault(
      await call(
        ews.app,
        '<m:GetFolder><m:FolderShape><t:BaseShape>IdOnly</t:BaseShape></m:FolderShape></m:GetFolder>',
      ),
      'ErrorSchemaValidation',
    )
  })
})
