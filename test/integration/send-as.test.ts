// Send As and Send on Behalf (docs/decisions/0040): a mailbox's `sendAs` / `sendOnBehalf` grants in
// the topology decide whether a user may send with another mailbox as From or Sender; without a
// grant it is ErrorSendAsDenied, nothing delivered.
import { expect } from 'chai'
import type { EwsApp } from '../../mock-ews/index.ts'
import { parseTopology } from '../../mock-ews/index.ts'
import { call, distinguished, testApp } from '../helpers/ews.ts'
import { createItemXml, findItemXml, getItemXml, itemId } from '../helpers/items.ts'

const ALICE = 'alice@contoso.com'
const BOB = 'bob@contoso.com'
const DAN = 'dan@contoso.com'
const box = (a: string) => `<t:Mailbox><t:EmailAddress>${a}</t:EmailAddress></t:Mailbox>`

function topology(aliceGrants = `sendOnBehalf: [${BOB}]`): string {
  return [
    'organisations:',
    '  - domain: contoso.com',
    '    exchange: exchange-2016',
    '    users:',
    `      - { address: ${ALICE}, password: 'P@ssw0rd', displayName: Alice Wood, ${aliceGrants} }`,
    `      - { address: ${BOB}, password: 'P@ssw0rd', displayName: Bob Kelly }`,
    `      - { address: ${DAN}, password: 'P@ssw0rd', displayName: Dan Park, sendAs: [${BOB}] }`,
  ].join('\n')
}

describe('Send As and Send on Behalf', () => {
  let ews: EwsApp
  beforeEach(() => {
    ews = testApp({ topology: parseTopology(topology()) })
  })

  /** Bob sends to Alice's colleague Dan (or Alice) with the given From / Sender elements. */
  const send = (headers: string, to = DAN) =>
    call(
      ews.app,
      createItemXml(
        'SendAndSaveCopy',
        `<t:Message><t:Subject>s</t:Subject>${headers}<t:ToRecipients>${box(to)}</t:ToRecipients></t:Message>`,
      ),
      BOB,
    )
  async function received(user: string): Promise<{ from: string; sender: string }> {
    const res = await call(ews.app, findItemXml(distinguished('inbox')), user)
    return {
      from: res.value('//t:Message[1]/t:From/t:Mailbox/t:EmailAddress'),
      sender: res.value('//t:Message[1]/t:Sender/t:Mailbox/t:EmailAddress'),
    }
  }

  it('on behalf: From is the mailbox, Sender the delegate', async () => {
    const res = await send(`<t:From>${box(ALICE)}</t:From>`)
    expect(res.codes(), res.text).to.deep.equal(['NoError'])
    expect(await received(DAN)).to.deep.equal({ from: ALICE, sender: BOB })
    const inbox = await call(ews.app, findItemXml(distinguished('inbox')), DAN)
    const headers = await call(
      ews.app,
      getItemXml(
        itemId(inbox.value('//t:Message[1]/t:ItemId/@Id')),
        'IdOnly',
        '<t:AdditionalProperties><t:FieldURI FieldURI="item:InternetMessageHeaders"/></t:AdditionalProperties>',
      ),
      DAN,
    )
    expect(headers.value('//t:InternetMessageHeader[@HeaderName="Sender"]')).to.equal(
      '"Bob Kelly" <bob@contoso.com>',
    )
  })

  it('send as: From and Sender are the mailbox', async () => {
    const res = await send(`<t:From>${box(DAN)}</t:From>`, ALICE)
    expect(res.codes(), res.text).to.deep.equal(['NoError'])
    expect(await received(ALICE)).to.deep.equal({ from: DAN, sender: DAN })
  })

  it('without the grant it is ErrorSendAsDenied, nothing delivered', async () => {
    for (const headers of [
      `<t:From>${box(ALICE)}</t:From><t:Sender>${box(ALICE)}</t:Sender>`, // on behalf is not send as
      `<t:Sender>${box(DAN)}</t:Sender>`, // From Bob, Sender Dan
      `<t:From>${box(DAN)}</t:From><t:Sender>${box(BOB)}</t:Sender>`, // send as is not on behalf
      `<t:From>${box('carol@fabrikam.com')}</t:From>`,
    ]) {
      const res = await send(headers)
      expect(res.codes(), headers).to.deep.equal(['ErrorSendAsDenied'])
    }
    const dan = await call(ews.app, findItemXml(distinguished('inbox')), DAN)
    expect(dan.select('//t:Message')).to.have.length(0)
  })

  it('refuses a grant to someone who is no user of the organisation', () => {
    expect(() => parseTopology(topology('sendAs: [eve@contoso.com]'))).to.throw(/sendAs/)
  })
})
