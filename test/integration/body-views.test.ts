// TextBody, UniqueBody, Preview and InternetMessageHeaders: worked out from the item, returned when
// named (not with AllProperties), and left out for a RequestServerVersion whose schema lacks them.
import { expect } from 'chai'
import type { EwsApp } from '../../mock-ews/index.ts'
import { call, distinguished, envelope, post, testApp } from '../helpers/ews.ts'
import { BOB, createItemXml, findItemXml, getItemXml, itemId } from '../helpers/items.ts'

const NAMED = ['item:TextBody', 'item:UniqueBody', 'item:Preview', 'item:InternetMessageHeaders']
const additional = (uris: string[]): string =>
  `<t:AdditionalProperties>${uris.map((u) => `<t:FieldURI FieldURI="${u}"/>`).join('')}</t:AdditionalProperties>`

const HTML =
  '&lt;html&gt;&lt;body&gt;&lt;p&gt;Hello &amp;amp; welcome&lt;/p&gt;&lt;p&gt;Second&lt;/p&gt;&lt;/body&gt;&lt;/html&gt;'

describe('Body views and Internet headers (TextBody, UniqueBody, Preview, InternetMessageHeaders)', () => {
  let ews: EwsApp
  beforeEach(() => {
    ews = testApp()
  })

  /** Alice sends Bob an HTML message; returns the id of Bob's copy. */
  async function received(body = HTML): Promise<string> {
    const sent = await call(
      ews.app,
      createItemXml(
        'SendAndSaveCopy',
        `<t:Message><t:Subject>Welcome</t:Subject><t:Body BodyType="HTML">${body}</t:Body>` +
          `<t:ToRecipients><t:Mailbox><t:Name>Bob</t:Name><t:EmailAddress>${BOB}</t:EmailAddress></t:Mailbox></t:ToRecipients></t:Message>`,
      ),
    )
    expect(sent.codes(), sent.text).to.deep.equal(['NoError'])
    const found = await call(ews.app, findItemXml(distinguished('inbox')), BOB)
    return found.value('//t:Items/t:Message[1]/t:ItemId/@Id')
  }

  it('returns the text rendering, the unique body, the preview and the headers when named', async () => {
    const id = await received()
    const res = await call(ews.app, getItemXml(itemId(id), 'IdOnly', additional(NAMED)), BOB)
    expect(res.codes(), res.text).to.deep.equal(['NoError'])
    expect(res.value('//t:Message/t:TextBody/@BodyType')).to.equal('Text')
    expect(res.value('//t:Message/t:TextBody')).to.equal('Hello & welcome\nSecond')
    expect(res.value('//t:Message/t:UniqueBody/@BodyType')).to.equal('HTML')
    expect(res.value('//t:Message/t:UniqueBody')).to.contain('<p>Second</p>')
    expect(res.value('//t:Message/t:Preview')).to.equal('Hello & welcome Second')
    const header = (name: string): string =>
      res.value(`//t:InternetMessageHeader[@HeaderName="${name}"]`)
    expect(header('From')).to.equal('"Alice Wood" <alice@contoso.com>')
    expect(header('To')).to.equal(`"Bob" <${BOB}>`)
    expect(header('Subject')).to.equal('Welcome')
    expect(header('Message-ID')).to.match(/^<[0-9a-f]+@contoso\.com>$/)
    expect(header('MIME-Version')).to.equal('1.0')
    expect(header('Content-Type')).to.equal('text/html; charset="utf-8"')
    expect(header('Date')).to.match(/^\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} \+0000$/)
  })

  it('leaves them out of AllProperties, and a draft has no Internet headers', async () => {
    const id = await received()
    const all = await call(ews.app, getItemXml(itemId(id)), BOB)
    expect(all.select('//t:Message/t:TextBody | //t:Message/t:Preview')).to.have.length(0)
    const draft = await call(
      ews.app,
      createItemXml('SaveOnly', '<t:Message><t:Subject>d</t:Subject></t:Message>'),
    )
    const res = await call(
      ews.app,
      getItemXml(
        itemId(draft.value('//t:ItemId/@Id')),
        'IdOnly',
        additional(['item:InternetMessageHeaders']),
      ),
    )
    expect(res.codes()).to.deep.equal(['NoError'])
    expect(res.select('//t:Message/t:InternetMessageHeaders')).to.have.length(0)
  })

  it('cuts Preview at 255 characters', async () => {
    const id = await received('x'.repeat(300))
    const res = await call(
      ews.app,
      getItemXml(itemId(id), 'IdOnly', additional(['item:Preview'])),
      BOB,
    )
    expect(res.value('//t:Message/t:Preview')).to.equal('x'.repeat(255))
  })

  it('leaves out what the request version lacks: TextBody and Preview before 2013, UniqueBody before 2010', async () => {
    const id = await received()
    const asked = getItemXml(itemId(id), 'IdOnly', additional(NAMED))
    const v2010 = await post(ews.app, envelope(asked, 'Exchange2010_SP2'), BOB)
    expect(v2010.codes(), v2010.text).to.deep.equal(['NoError'])
    expect(v2010.select('//t:Message/t:TextBody | //t:Message/t:Preview')).to.have.length(0)
    expect(v2010.select('//t:Message/t:UniqueBody')).to.have.length(1)
    const v2007 = await post(ews.app, envelope(asked, 'Exchange2007_SP1'), BOB)
    expect(v2007.select('//t:Message/t:UniqueBody')).to.have.length(0)
    expect(v2007.select('//t:Message/t:InternetMessageHeaders')).to.have.length(1)
  })

  it('refuses TextBody and UniqueBody in FindItem, and gives Preview there', async () => {
    await received()
    const find = (uri: string) =>
      call(
        ews.app,
        findItemXml(distinguished('inbox'), { shape: 'IdOnly', additional: additional([uri]) }),
        BOB,
      )
    for (const uri of ['item:TextBody', 'item:UniqueBody']) {
      const bad = await find(uri)
      expect(bad.codes(), uri).to.deep.equal(['ErrorInvalidPropertyRequest'])
      expect(bad.text).to.contain(uri)
    }
    const good = await find('item:Preview')
    expect(good.codes()).to.deep.equal(['NoError'])
    expect(good.value('//t:Items/t:Message/t:Preview')).to.equal('Hello & welcome Second')
  })
})
