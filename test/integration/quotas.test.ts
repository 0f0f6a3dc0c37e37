/**
 * Mailbox quotas and message sizes (topology `quotas:`): a write over ProhibitSendReceiveQuota is
 * refused with ErrorQuotaExceeded, sending over ProhibitSendQuota with ErrorQuotaExceeded, a message
 * over MaxSendSize with ErrorMessageSizeExceeded — each changing nothing — and a delivery to a full
 * mailbox, or over the recipient's MaxReceiveSize, becomes an NDR to the sender.
 */
import { expect } from 'chai'
import { parseTopology } from '../../mock-ews/index.ts'
import type { EwsApp } from '../../mock-ews/index.ts'
import { call, distinguished, testApp } from '../helpers/ews.ts'
import { storeSnapshot } from '../helpers/hardening.ts'
import {
  ALICE,
  BOB,
  CAROL,
  createItemXml,
  itemChange,
  itemId,
  messageXml,
  moveItemXml,
  saveItem,
  sendItemXml,
  sendMessage,
  setItemField,
  storedItems,
  updateItemXml,
} from '../helpers/items.ts'

const KB = 1024

/** contoso.com with the given organisation-level and per-user (alice, bob) quotas, and fabrikam.com. */
function quotaApp(org: string, alice = '', bob = ''): EwsApp {
  const user = (address: string, quotas: string): string =>
    `      - { address: ${address}, password: 'P@ssw0rd'${quotas && `, quotas: { ${quotas} }`} }`
  const yaml = [
    'organisations:',
    '  - domain: contoso.com',
    '    exchange: exchange-2016',
    '    federation: [fabrikam.com]',
    ...(org ? [`    quotas: { ${org} }`] : []),
    '    users:',
    user(ALICE, alice),
    user(BOB, bob),
    '  - domain: fabrikam.com',
    '    exchange: exchange-online',
    '    federation: [contoso.com]',
    '    users:',
    user(CAROL, ''),
  ].join('\n')
  return testApp({ topology: parseTopology(yaml) })
}

const body = (bytes: number): string => 'x'.repeat(bytes)

describe('Quotas and message sizes', () => {
  describe('ProhibitSendReceiveQuota', () => {
    it('refuses a CreateItem that would take the mailbox over it, storing nothing', async () => {
      const ews = quotaApp('', 'prohibitSendReceiveQuota: 4KB')
      await saveItem(ews.app, { subject: 'first', body: body(2 * KB) })
      const before = storeSnapshot(ews)
      const res = await call(
        ews.app,
        createItemXml('SaveOnly', messageXml({ subject: 'second', body: body(2 * KB) })),
      )
      expect(res.status).to.equal(200)
      expect(res.codes()).to.deep.equal(['ErrorQuotaExceeded'])
      expect(res.value('//m:CreateItemResponseMessage/@ResponseClass')).to.equal('Error')
      expect(storeSnapshot(ews)).to.equal(before)
      expect(ews.store.mailboxSize(ALICE)).to.be.at.most(4 * KB)
    })

    it('answers each item of a batch: those that fit are stored, the rest refused', async () => {
      const ews = quotaApp('', 'prohibitSendReceiveQuota: 4KB')
      const items = [1, 2, 3].map((n) => messageXml({ subject: `m${n}`, body: body(KB) })).join('')
      const res = await call(ews.app, createItemXml('SaveOnly', items))
      expect(res.codes()).to.deep.equal(['NoError', 'NoError', 'ErrorQuotaExceeded'])
      expect(storedItems(ews, ALICE, 'drafts').map((i) => i.subject)).to.have.members(['m1', 'm2'])
    })

    it('refuses an UpdateItem that grows an item over it, and takes one that shrinks it', async () => {
      const ews = quotaApp('', 'prohibitSendReceiveQuota: 4KB')
      const item = await saveItem(ews.app, { subject: 'draft', body: body(2 * KB) })
      const grow = await call(
        ews.app,
        updateItemXml(
          itemChange(
            itemId(item.id, item.changeKey),
            setItemField('item:Body', { body: body(5 * KB) }),
          ),
        ),
      )
      expect(grow.codes()).to.deep.equal(['ErrorQuotaExceeded'])
      expect(storedItems(ews, ALICE, 'drafts')[0]!.body.text).to.have.length(2 * KB)
      const shrink = await call(
        ews.app,
        updateItemXml(
          itemChange(itemId(item.id, item.changeKey), setItemField('item:Body', { body: 'short' })),
        ),
      )
      expect(shrink.codes()).to.deep.equal(['NoError'])
    })

    it('refuses a CopyItem over it and takes a MoveItem (the size does not change)', async () => {
      const ews = quotaApp('', 'prohibitSendReceiveQuota: 4KB')
      const item = await saveItem(ews.app, { subject: 'big', body: body(3 * KB) })
      const copy = await call(
        ews.app,
        moveItemXml(distinguished('inbox'), itemId(item.id), 'CopyItem'),
      )
      expect(copy.codes()).to.deep.equal(['ErrorQuotaExceeded'])
      const move = await call(ews.app, moveItemXml(distinguished('inbox'), itemId(item.id)))
      expect(move.codes()).to.deep.equal(['NoError'])
      expect(storedItems(ews, ALICE, 'inbox')).to.have.length(1)
    })

    it('NDRs the sender of mail to a full mailbox; the other recipient gets it', async () => {
      const ews = quotaApp('', '', 'prohibitSendReceiveQuota: 2KB')
      const res = await sendMessage(ews.app, {
        subject: 'Big news',
        body: body(2 * KB),
        to: [BOB, CAROL],
      })
      expect(res.codes()).to.deep.equal(['NoError'])
      expect(storedItems(ews, BOB, 'inbox')).to.deep.equal([])
      expect(storedItems(ews, CAROL, 'inbox').map((i) => i.subject)).to.deep.equal(['Big news'])
      const ndr = storedItems(ews, ALICE, 'inbox')
      expect(ndr.map((i) => [i.itemClass, i.subject])).to.deep.equal([
        ['REPORT.IPM.Note.NDR', 'Undeliverable: Big news'],
      ])
      expect(ndr[0]!.body.text).to.contain(BOB).and.contain('5.2.2 mailbox full')
      expect(ndr[0]!.body.text).to.not.contain(CAROL)
    })
  })

  describe('ProhibitSendQuota', () => {
    it('refuses to send from a mailbox over it (ErrorQuotaExceeded), delivering nothing', async () => {
      const ews = quotaApp('', 'prohibitSendQuota: 2KB')
      await saveItem(ews.app, { subject: 'kept', body: body(2 * KB) }, distinguished('inbox'))
      const draft = await saveItem(ews.app, { subject: 'to Bob', to: [BOB] })
      const before = storeSnapshot(ews)
      const sent = await call(ews.app, sendItemXml(itemId(draft.id, draft.changeKey)))
      expect(sent.codes()).to.deep.equal(['ErrorQuotaExceeded'])
      const direct = await sendMessage(ews.app, { subject: 'direct', to: [BOB] })
      expect(direct.codes()).to.deep.equal(['ErrorQuotaExceeded'])
      expect(storeSnapshot(ews)).to.equal(before)
    })

    it('still lets the mailbox save items (only sending is prohibited)', async () => {
      const ews = quotaApp('', 'prohibitSendQuota: 2KB')
      await saveItem(ews.app, { subject: 'kept', body: body(2 * KB) })
      const res = await call(ews.app, createItemXml('SaveOnly', messageXml({ subject: 'more' })))
      expect(res.codes()).to.deep.equal(['NoError'])
    })
  })

  describe('MaxSendSize and MaxReceiveSize', () => {
    it('refuses a message over MaxSendSize with ErrorMessageSizeExceeded, storing nothing', async () => {
      const ews = quotaApp('maxSendSize: 8KB')
      const draft = await saveItem(ews.app, { subject: 'huge', body: body(9 * KB), to: [BOB] })
      const before = storeSnapshot(ews)
      const res = await call(ews.app, sendItemXml(itemId(draft.id, draft.changeKey)))
      expect(res.codes()).to.deep.equal(['ErrorMessageSizeExceeded'])
      const direct = await sendMessage(ews.app, { subject: 'huge', body: body(9 * KB), to: [BOB] })
      expect(direct.codes()).to.deep.equal(['ErrorMessageSizeExceeded'])
      expect(storeSnapshot(ews)).to.equal(before)
      const small = await sendMessage(ews.app, { subject: 'small', body: body(KB), to: [BOB] })
      expect(small.codes()).to.deep.equal(['NoError'])
    })

    it("NDRs a message over the recipient's MaxReceiveSize", async () => {
      const ews = quotaApp('', '', 'maxReceiveSize: 2KB')
      const res = await sendMessage(ews.app, { subject: 'Photos', body: body(3 * KB), to: [BOB] })
      expect(res.codes()).to.deep.equal(['NoError'])
      expect(storedItems(ews, BOB, 'inbox')).to.deep.equal([])
      const [ndr] = storedItems(ews, ALICE, 'inbox')
      expect(ndr!.body.text).to.contain('RESOLVER.RST.RecipSizeLimit')
    })
  })

  describe('defaults', () => {
    it('gives on-premises and Online mailboxes the profile defaults, and the user override wins', () => {
      const ews = quotaApp(
        'prohibitSendQuota: 1GB, maxSendSize: unlimited',
        'prohibitSendQuota: 3MB',
      )
      const limits = (u: string) => ews.directory.user(u)!.limits
      expect(limits(ALICE).prohibitSendQuota).to.equal(3 * 1024 * KB)
      expect(limits(BOB).prohibitSendQuota).to.equal(1024 * 1024 * KB)
      expect(limits(BOB).maxSendSize).to.equal(Number.POSITIVE_INFINITY)
      expect(limits(BOB).prohibitSendReceiveQuota).to.equal(Math.round(2.3 * 1024 ** 3))
      expect(limits(BOB).maxReceiveSize).to.equal(10 * 1024 * KB)
      expect(limits(CAROL).maxSendSize).to.equal(35 * 1024 * KB)
      expect(limits(CAROL).maxReceiveSize).to.equal(36 * 1024 * KB)
      expect(limits(CAROL).prohibitSendReceiveQuota).to.equal(100 * 1024 ** 3)
    })
  })

  describe('hybrid move (move-mailbox)', () => {
    it("gives a moved mailbox the new Exchange's limits, keeps the user's own, and the store enforces them", async () => {
      const ews = quotaApp('prohibitSendReceiveQuota: 4KB', '', 'maxSendSize: 1MB')
      await saveItem(ews.app, { subject: 'first', body: body(3 * KB) })
      ews.directory.moveMailbox(ALICE, 'exchange-online')
      ews.directory.moveMailbox(BOB, 'exchange-online')
      expect(ews.directory.limitsOf(ALICE)).to.deep.equal(ews.directory.limitsOf(CAROL))
      expect(ews.directory.limitsOf(ALICE)!.maxSubscriptions).to.equal(20)
      expect(ews.directory.limitsOf(BOB)!.maxSendSize).to.equal(1024 * KB)
      const save = (subject: string, bytes: number) =>
        call(ews.app, createItemXml('SaveOnly', messageXml({ subject, body: body(bytes) })))
      expect((await save('second', 3 * KB)).codes()).to.deep.equal(['NoError'])

      ews.directory.moveMailbox(ALICE, 'exchange-2016')
      expect(ews.directory.limitsOf(ALICE)!.prohibitSendReceiveQuota).to.equal(4 * KB)
      expect((await save('third', KB)).codes()).to.deep.equal(['ErrorQuotaExceeded'])
    })
  })
})
