// Character references to characters XML forbids (`&#x1B;`, `&#0;`, `&#xFFFF;`, a lone surrogate,
// past U+10FFFF) are refused at the XML reader, as Exchange's .NET reader refuses them, in text and
// in attribute values: before the fix xmldom decoded them, the character was stored, and every
// later answer that held it was not well-formed XML (issue 13, "A character reference poisons a
// mailbox"). Answers are checked with libxml2, which, unlike xmldom, refuses such characters.
import { expect } from 'chai'
import type { EwsApp } from '../../mock-ews/index.ts'
import {
  getUserSettingsRequest,
  poxErrorCode,
  poxRequest,
  postPox,
  postSoap,
} from '../helpers/autodiscover.ts'
import { call, distinguished, envelope, getFolderXml, NS, post, testApp } from '../helpers/ews.ts'
import type { SoapAnswer } from '../helpers/ews.ts'
import { storeSnapshot, syncFolderItemsXml } from '../helpers/hardening.ts'
import {
  ALICE,
  BOB,
  createItemXml,
  findItemXml,
  messageXml,
  sendMessage,
} from '../helpers/items.ts'
import { notWellFormed } from '../helpers/well-formed.ts'

/** References XML forbids, and the code point each names ('' past U+10FFFF). */
const FORBIDDEN = [
  ['&#x1B;', '001B'],
  ['&#0;', '0000'],
  ['&#1;', '0001'],
  ['&#x0B;', '000B'],
  ['&#31;', '001F'],
  ['&#xFFFF;', 'FFFF'],
  ['&#xFFFE;', 'FFFE'],
  ['&#xD800;', 'D800'],
  ['&#xdfff;', 'DFFF'],
  ['&#xD83D;&#xDE00;', 'D83D'], // a pair written as two references is two surrogates, not 😀
  ['&#x110000;', ''],
  ['&#99999999999999999999;', ''],
] as const

function expectReferenceRefused(res: SoapAnswer, codePoint: string): void {
  expect(res.status, res.text).to.equal(500)
  expect(res.faultCode()).to.equal('ErrorSchemaValidation')
  expect(res.value('//t:MessageXml/t:LineNumber')).to.match(/^[1-9]\d*$/)
  expect(res.value('//t:MessageXml/t:LinePosition')).to.match(/^[1-9]\d*$/)
  expect(res.value('//s:Fault/faultstring')).to.contain(
    codePoint
      ? `Character U+${codePoint}, hexadecimal value 0x${codePoint.replace(/^00/, '')}, is an invalid character.`
      : 'Invalid value of a character entity reference.',
  )
}

describe('Character references to characters XML forbids', () => {
  let ews: EwsApp
  beforeEach(() => {
    ews = testApp()
  })

  it("alice cannot poison bob's Inbox with <t:Subject>hi&#x1B;</t:Subject>", async () => {
    const before = storeSnapshot(ews)
    const sent = await sendMessage(ews.app, { subject: 'hi&#x1B;', to: [BOB] })
    expectReferenceRefused(sent, '001B')
    // The fault names where the reference is, at its first digit as .NET does: line 1, after "&#x".
    const request = envelope(
      createItemXml('SendAndSaveCopy', messageXml({ subject: 'hi&#x1B;', to: [BOB] })),
    )
    expect(sent.value('//t:MessageXml/t:LineNumber')).to.equal('1')
    expect(sent.value('//t:MessageXml/t:LinePosition')).to.equal(
      String(request.indexOf('&#x1B;') + '&#x'.length + 1),
    )
    expect(storeSnapshot(ews)).to.equal(before)

    const inbox = distinguished('inbox')
    const answers = {
      bobFindItem: await call(ews.app, findItemXml(inbox), BOB),
      bobSync: await call(ews.app, syncFolderItemsXml(inbox), BOB),
      aliceSentItems: await call(ews.app, findItemXml(distinguished('sentitems')), ALICE),
      fault: sent,
    }
    for (const [name, res] of Object.entries(answers))
      if (name !== 'fault') expect(res.codes(), name).to.deep.equal(['NoError'])
    const texts = Object.fromEntries(Object.entries(answers).map(([k, v]) => [k, v.text]))
    expect(await notWellFormed(texts)).to.deep.equal({})
  })

  it('refuses each of them in element text, with the code point, line and position', async () => {
    for (const [reference, codePoint] of FORBIDDEN) {
      const res = await sendMessage(ews.app, { subject: `hi${reference}`, to: [BOB] })
      expectReferenceRefused(res, codePoint)
    }
    expect(
      ews.store.findItems(BOB, ews.store.getDistinguishedFolder(BOB, 'inbox').folderId.id, {
        view: { kind: 'all' },
      }).items,
    ).to.have.length(0)
  })

  it('refuses them in attribute values, namespace declarations included', async () => {
    for (const [reference, codePoint] of FORBIDDEN) {
      expectReferenceRefused(
        await call(ews.app, getFolderXml(`<t:FolderId Id="AAMk${reference}"/>`)),
        codePoint,
      )
      // Once echoed raw into the fault: "The root element must be '{…&#0;}Envelope'".
      expectReferenceRefused(
        await post(
          ews.app,
          envelope(getFolderXml(distinguished('inbox'))).replace(
            `xmlns:soap="${NS.s}"`,
            `xmlns:soap="${NS.s}${reference}"`,
          ),
        ),
        codePoint,
      )
    }
  })

  it('still decodes references to allowed characters, and leaves references in comments and CDATA alone', async () => {
    const subject = 'tab&#9;lf&#10;cr&#13;A&#x41;&#0065; smile &#x1F600; &lt;&amp;'
    const sent = await sendMessage(ews.app, {
      subject: `${subject}<!-- &#0; --><![CDATA[&#x1B;]]>`,
      to: [BOB],
    })
    expect(sent.codes(), sent.text).to.deep.equal(['NoError'])
    const found = await call(ews.app, findItemXml(distinguished('inbox')), BOB)
    expect(found.value('//t:Message/t:Subject')).to.equal('tab\tlf\ncr\rAAA smile 😀 <&&#x1B;')
  })

  it('faults that echo input stay well-formed', async () => {
    const answers: Record<string, string> = {}
    for (const [i, [reference]] of FORBIDDEN.entries()) {
      answers[`envelope${i}`] = (
        await post(ews.app, `<x:Envelope xmlns:x="urn:a${reference}"><x:Body/></x:Envelope>`)
      ).text
      answers[`attribute${i}`] = (
        await call(ews.app, getFolderXml(distinguished('inbox'), `Default${reference}`))
      ).text
    }
    expect(await notWellFormed(answers)).to.deep.equal({})
  })
})

describe('Autodiscover and character references', () => {
  let ews: EwsApp
  beforeEach(() => {
    ews = testApp()
  })

  it('POX: an address with a forbidden reference is an Invalid Request, answered well-formed', async () => {
    const answers: Record<string, string> = {}
    for (const [i, [reference]] of FORBIDDEN.entries()) {
      const res = await postPox(ews.app, poxRequest(`alice${reference}@contoso.com`))
      expect(res.status).to.equal(200)
      expect(poxErrorCode(res)).to.equal('600')
      answers[`pox${i}`] = res.text
    }
    expect(await notWellFormed(answers)).to.deep.equal({})
  })

  it('SOAP: a mailbox or setting with a forbidden reference is refused, never echoed', async () => {
    const answers: Record<string, string> = {}
    for (const [i, [reference]] of FORBIDDEN.entries()) {
      const mailbox = await postSoap(
        ews.app,
        getUserSettingsRequest([`x${reference}@contoso.com`], ['UserDisplayName']),
      )
      const setting = await postSoap(
        ews.app,
        getUserSettingsRequest(['alice@contoso.com'], [`Foo${reference}`]),
      )
      for (const res of [mailbox, setting]) {
        expect(res.status).to.equal(500)
        expect(res.value("//*[local-name()='Fault']/faultcode")).to.equal('s:Client')
      }
      answers[`mailbox${i}`] = mailbox.text
      answers[`setting${i}`] = setting.text
    }
    expect(await notWellFormed(answers)).to.deep.equal({})
  })
})
