/**
 * ExchangeImpersonation (reference/ews-protocol.md §1.5): a service account that the topology
 * grants impersonation over its organisation acts as any of its users, in every ConnectingSID form
 * clients send; nobody else impersonates anyone, and a bad header is refused before anything runs.
 */
import { expect } from 'chai'
import { parseTopology, TopologyError } from '../../mock-ews/index.ts'
import type { EwsApp } from '../../mock-ews/index.ts'
import { distinguished, getFolderXml, PASSWORD, post, testApp } from '../helpers/ews.ts'
import type { SoapAnswer } from '../helpers/ews.ts'
import {
  ALICE,
  BOB,
  CAROL,
  createItemXml,
  findItemXml,
  itemFields,
  itemId,
  messageXml,
  readItems,
  sendItemXml,
  storedItems,
} from '../helpers/items.ts'
import {
  distinguishedIn,
  impersonatingEnvelope,
  impersonationHeader,
  mailboxSnapshot,
  storeSnapshot,
} from '../helpers/hardening.ts'
import type { ConnectingSidKind } from '../helpers/hardening.ts'

const SVC = 'svc@contoso.com'

/** contoso.com grants svc impersonation; fabrikam.com (carol) grants nobody. */
const TOPOLOGY = `
organisations:
  - domain: contoso.com
    exchange: exchange-2016
    federation: [fabrikam.com]
    impersonation: [${SVC}]
    users:
      - { address: ${ALICE}, password: '${PASSWORD}', displayName: Alice Wood }
      - { address: ${BOB}, password: '${PASSWORD}', displayName: Bob Kelly }
      - { address: ${SVC}, password: '${PASSWORD}', displayName: Mail Service }
  - domain: fabrikam.com
    exchange: exchange-online
    federation: [contoso.com]
    users:
      - { address: ${CAROL}, password: '${PASSWORD}', displayName: Carol Ruiz }
`

/** Sends one operation as `caller` with an ExchangeImpersonation header. */
function impersonating(
  app: EwsApp['app'],
  operation: string,
  header: string,
  caller = SVC,
): Promise<SoapAnswer> {
  return post(app, impersonatingEnvelope(operation, header), caller)
}

function expectFault(res: SoapAnswer, code: string): void {
  expect(res.status, res.text).to.equal(500)
  expect(res.faultCode(), res.text).to.equal(code)
  expect(res.value('//s:Fault/faultcode')).to.equal(`a:${code}`)
  expect(res.select('//m:ResponseMessages')).to.have.length(0)
}

describe('ExchangeImpersonation', () => {
  let ews: EwsApp
  let before: string
  beforeEach(() => {
    ews = testApp({ topology: parseTopology(TOPOLOGY) })
    const inbox = ews.store.getDistinguishedFolder(ALICE, 'inbox').folderId.id
    ews.store.createItem(ALICE, inbox, itemFields({ subject: 'For alice only' }))
    before = storeSnapshot(ews)
  })

  describe('a granted service account acts as a user of its organisation', () => {
    for (const kind of ['PrimarySmtpAddress', 'SmtpAddress', 'PrincipalName'] as const) {
      it(`reads alice's Inbox with ConnectingSID ${kind}`, async () => {
        const res = await impersonating(
          ews.app,
          findItemXml(distinguished('inbox')),
          impersonationHeader(ALICE, kind satisfies ConnectingSidKind),
        )
        expect(res.status, res.text).to.equal(200)
        expect(res.codes()).to.deep.equal(['NoError'])
        expect(readItems(res).map((i) => i.subject)).to.deep.equal(['For alice only'])
        expect(storeSnapshot(ews)).to.equal(before)
      })
    }

    it('takes the address in any case, and with the t:Mailbox exchangelib adds', async () => {
      const res = await impersonating(
        ews.app,
        getFolderXml(distinguishedIn('inbox', ALICE), 'AllProperties'),
        impersonationHeader(' Alice@Contoso.COM '),
      )
      expect(res.codes(), res.text).to.deep.equal(['NoError'])
      expect(res.value('//t:FolderId/@Id')).to.equal(
        ews.store.getDistinguishedFolder(ALICE, 'inbox').folderId.id,
      )
    })

    it('reaches only the impersonated mailbox: a t:Mailbox naming the service account is refused', async () => {
      const res = await impersonating(
        ews.app,
        getFolderXml(distinguishedIn('inbox', SVC)),
        impersonationHeader(ALICE),
      )
      expect(res.codes()).to.deep.equal(['ErrorAccessDenied'])
    })

    it('sends mail as alice: From is alice, the copy is in her Sent Items, svc has nothing', async () => {
      const svcBefore = mailboxSnapshot(ews, SVC)
      const res = await impersonating(
        ews.app,
        createItemXml('SendAndSaveCopy', messageXml({ subject: 'Sent for alice', to: [BOB] })),
        impersonationHeader(ALICE),
      )
      expect(res.codes(), res.text).to.deep.equal(['NoError'])
      const received = storedItems(ews, BOB, 'inbox')
      expect(received.map((i) => [i.subject, i.from?.address])).to.deep.equal([
        ['Sent for alice', ALICE],
      ])
      expect(received[0]!.from?.name).to.equal('Alice Wood')
      expect(storedItems(ews, ALICE, 'sentitems').map((i) => i.subject)).to.deep.equal([
        'Sent for alice',
      ])
      expect(mailboxSnapshot(ews, SVC)).to.equal(svcBefore)
    })

    it('saves a draft in alice’s Drafts and sends it with SendItem as alice', async () => {
      const header = impersonationHeader(ALICE, 'SmtpAddress')
      const saved = await impersonating(
        ews.app,
        createItemXml('SaveOnly', messageXml({ subject: 'Draft for alice', to: [BOB] })),
        header,
      )
      const id = saved.value('//m:Items/t:Message/t:ItemId/@Id')
      const changeKey = saved.value('//m:Items/t:Message/t:ItemId/@ChangeKey')
      expect(ews.store.getItem(ALICE, id).subject).to.equal('Draft for alice')
      const sent = await impersonating(ews.app, sendItemXml(itemId(id, changeKey)), header)
      expect(sent.codes(), sent.text).to.deep.equal(['NoError'])
      expect(storedItems(ews, BOB, 'inbox').map((i) => i.from?.address)).to.deep.equal([ALICE])
      expect(storedItems(ews, ALICE, 'drafts')).to.have.length(0)
    })

    it('without the header, the service account acts as itself', async () => {
      const res = await post(
        ews.app,
        impersonatingEnvelope(findItemXml(distinguished('inbox')), ''),
        SVC,
      )
      expect(res.codes()).to.deep.equal(['NoError'])
      expect(readItems(res)).to.have.length(0)
    })
  })

  describe('refusals (SOAP faults; nothing runs, nothing changes)', () => {
    afterEach(() => expect(storeSnapshot(ews)).to.equal(before))

    it('alice impersonating bob → ErrorImpersonateUserDenied', async () => {
      const res = await impersonating(
        ews.app,
        findItemXml(distinguished('inbox')),
        impersonationHeader(BOB),
        ALICE,
      )
      expectFault(res, 'ErrorImpersonateUserDenied')
    })

    it('alice impersonating bob to send → ErrorImpersonateUserDenied, nothing sent', async () => {
      const res = await impersonating(
        ews.app,
        createItemXml('SendAndSaveCopy', messageXml({ subject: 'As bob', to: [ALICE] })),
        impersonationHeader(BOB, 'PrincipalName'),
        ALICE,
      )
      expectFault(res, 'ErrorImpersonateUserDenied')
    })

    for (const kind of ['PrimarySmtpAddress', 'SmtpAddress', 'PrincipalName'] as const) {
      it(`svc impersonating carol of another organisation (${kind}) → ErrorImpersonateUserDenied`, async () => {
        const res = await impersonating(
          ews.app,
          findItemXml(distinguished('inbox')),
          impersonationHeader(CAROL, kind),
        )
        expectFault(res, 'ErrorImpersonateUserDenied')
      })
    }

    it('carol impersonating alice (granted to svc only) → ErrorImpersonateUserDenied', async () => {
      const res = await impersonating(
        ews.app,
        findItemXml(distinguished('inbox')),
        impersonationHeader(ALICE),
        CAROL,
      )
      expectFault(res, 'ErrorImpersonateUserDenied')
    })

    it('svc impersonating an unknown address → ErrorNonExistentMailbox', async () => {
      const res = await impersonating(
        ews.app,
        findItemXml(distinguished('inbox')),
        impersonationHeader('nobody@contoso.com'),
      )
      expectFault(res, 'ErrorNonExistentMailbox')
    })

    const badHeaders: [string, string][] = [
      ['no ConnectingSID', ''],
      ['an empty ConnectingSID', '<t:ConnectingSID/>'],
      ['an empty PrimarySmtpAddress', '<t:ConnectingSID><t:PrimarySmtpAddress/></t:ConnectingSID>'],
      [
        'a PrimarySmtpAddress of blanks',
        '<t:ConnectingSID><t:PrimarySmtpAddress>   </t:PrimarySmtpAddress></t:ConnectingSID>',
      ],
      [
        'an empty SmtpAddress',
        '<t:ConnectingSID><t:SmtpAddress></t:SmtpAddress></t:ConnectingSID>',
      ],
      ['an empty PrincipalName', '<t:ConnectingSID><t:PrincipalName/></t:ConnectingSID>'],
      [
        'an element ConnectingSID does not have',
        `<t:ConnectingSID><t:EmailAddress>${ALICE}</t:EmailAddress></t:ConnectingSID>`,
      ],
    ]
    for (const [title, raw] of badHeaders) {
      it(`a header with ${title} → ErrorInvalidExchangeImpersonationHeaderData`, async () => {
        const res = await impersonating(
          ews.app,
          createItemXml('SendAndSaveCopy', messageXml({ subject: 'Who am I', to: [BOB] })),
          impersonationHeader({ raw }),
        )
        expectFault(res, 'ErrorInvalidExchangeImpersonationHeaderData')
      })
    }
  })

  describe('the topology', () => {
    const withImpersonation = (entries: string): string =>
      TOPOLOGY.replace(`impersonation: [${SVC}]`, `impersonation: [${entries}]`)

    it('loads the grant', () => {
      const topology = parseTopology(TOPOLOGY)
      expect(topology.organisations[0]!.impersonation).to.deep.equal([SVC])
      expect(topology.organisations[1]!.impersonation).to.deep.equal([])
    })

    for (const [title, entries] of [
      ['an address that is no user of the organisation', 'ghost@contoso.com'],
      ['a user of another organisation', CAROL],
      ['something that is not an address', 'svc'],
      ['a second entry that is no user', `${SVC}, ghost@contoso.com`],
    ] as const) {
      it(`refuses ${title}, naming the field`, () => {
        let error: unknown
        try {
          parseTopology(withImpersonation(entries), 'contoso.yaml')
        } catch (e) {
          error = e
        }
        expect(error).to.be.instanceOf(TopologyError)
        const index = entries.includes(',') ? 1 : 0
        expect((error as TopologyError).path).to.equal(`organisations[0].impersonation[${index}]`)
        expect((error as Error).message).to.include(`organisations[0].impersonation[${index}]`)
        expect((error as Error).message).to.include('contoso.yaml')
        expect((error as Error).message).to.include('a user of contoso.com')
      })
    }
  })
})
