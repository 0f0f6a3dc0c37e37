/**
 * Inbox rules: GetInboxRules / UpdateInboxRules (Create, Set, Delete; all or nothing) and the rules
 * applied when the transport delivers — subject contains, from, sent to me, has attachments,
 * importance; move, copy, mark read, delete, forward, redirect, stop processing.
 */
import { expect } from 'chai'
import type { EwsApp } from '../../mock-ews/index.ts'
import { seededIds } from '../../mock-ews/index.ts'
import type { FileAttachment } from '../../mock-ews/domain/attachments.ts'
import { InboxRules } from '../../mock-ews/rules/inbox-rules.ts'
import type { RulePredicates } from '../../mock-ews/rules/inbox-rules.ts'
import { call, createFolderIn, distinguished, folderId, testApp } from '../helpers/ews.ts'
import { ALICE, BOB, CAROL, itemFields, itemsIn, sendMessage } from '../helpers/items.ts'

const address = (a: string): string =>
  `<t:Address><t:EmailAddress>${a}</t:EmailAddress></t:Address>`

function rule(
  name: string,
  priority: number,
  conditions: string,
  actions: string,
  extra = '',
): string {
  return (
    `<t:Rule>${extra}<t:DisplayName>${name}</t:DisplayName><t:Priority>${priority}</t:Priority>` +
    `<t:IsEnabled>true</t:IsEnabled><t:Conditions>${conditions}</t:Conditions><t:Actions>${actions}</t:Actions></t:Rule>`
  )
}

const update = (ops: string): string =>
  `<m:UpdateInboxRules><m:RemoveOutlookRuleBlob>true</m:RemoveOutlookRuleBlob><m:Operations>${ops}</m:Operations></m:UpdateInboxRules>`
const create = (r: string): string => `<t:CreateRuleOperation>${r}</t:CreateRuleOperation>`
const GET = '<m:GetInboxRules/>'

describe('inbox rules', () => {
  let ews: EwsApp
  beforeEach(() => {
    ews = testApp()
  })

  async function send(
    subject: string,
    extra: { to?: string[]; cc?: string[]; importance?: 'High'; from?: string } = {},
  ): Promise<void> {
    const res = await sendMessage(
      ews.app,
      {
        subject,
        to: extra.to ?? [ALICE],
        ...(extra.cc && { cc: extra.cc }),
        ...(extra.importance && { importance: extra.importance }),
      },
      { user: extra.from ?? BOB },
    )
    expect(res.codes()).to.deep.equal(['NoError'])
  }
  const subjects = async (folder: string, user = ALICE): Promise<string[]> =>
    (await itemsIn(ews.app, folder, user))
      .map((i) => `${i.subject}${i.isRead === 'true' ? ' (read)' : ''}`)
      .sort()

  it('creates a rule, lists it, and files matching mail on delivery (subject contains: move + mark read)', async () => {
    const invoices = await createFolderIn(ews.app, distinguished('inbox'), 'Invoices')
    const res = await call(
      ews.app,
      update(
        create(
          rule(
            'Invoices',
            1,
            '<t:ContainsSubjectStrings><t:String>invoice</t:String></t:ContainsSubjectStrings>',
            `<t:MarkAsRead>true</t:MarkAsRead><t:MoveToFolder>${folderId(invoices)}</t:MoveToFolder>`,
          ),
        ),
      ),
    )
    expect(res.value('/s:Envelope/s:Body/m:UpdateInboxRulesResponse/@ResponseClass')).to.equal(
      'Success',
    )
    const got = await call(ews.app, GET)
    expect(got.value('/s:Envelope/s:Body/m:GetInboxRulesResponse/m:ResponseCode')).to.equal(
      'NoError',
    )
    expect(got.value('//t:Rule/t:DisplayName')).to.equal('Invoices')
    expect(got.value('//t:Rule/t:Priority')).to.equal('1')
    expect(got.value('//t:Rule/t:RuleId')).to.not.equal('')
    expect(got.value('//t:Rule/t:Actions/t:MoveToFolder/t:FolderId/@Id')).to.equal(invoices)
    await send('Invoice 42')
    await send('Lunch?')
    expect(await subjects(folderId(invoices))).to.deep.equal(['Invoice 42 (read)'])
    expect(await subjects(distinguished('inbox'))).to.deep.equal(['Lunch?'])
  })

  it('runs rules in priority order; StopProcessingRules ends the run; exceptions skip a rule', async () => {
    const bobs = await createFolderIn(ews.app, distinguished('inbox'), 'Bob')
    const high = await createFolderIn(ews.app, distinguished('inbox'), 'High')
    await call(
      ews.app,
      update(
        create(
          rule(
            'important',
            2,
            '<t:Importance>High</t:Importance>',
            `<t:CopyToFolder>${folderId(high)}</t:CopyToFolder>`,
          ),
        ) +
          create(
            rule(
              'from bob',
              1,
              `<t:FromAddresses>${address(BOB)}</t:FromAddresses>`,
              `<t:MoveToFolder>${folderId(bobs)}</t:MoveToFolder><t:StopProcessingRules>true</t:StopProcessingRules>`,
            ).replace(
              '</t:Conditions>',
              '</t:Conditions><t:Exceptions><t:ContainsSubjectStrings><t:String>urgent</t:String></t:ContainsSubjectStrings></t:Exceptions>',
            ),
          ),
      ),
    )
    await send('from bob, high', { importance: 'High' })
    await send('urgent from bob', { importance: 'High' })
    await send('from carol, high', { importance: 'High', from: CAROL })
    expect(await subjects(folderId(bobs))).to.deep.equal(['from bob, high'])
    expect(await subjects(folderId(high))).to.deep.equal(['from carol, high', 'urgent from bob'])
    expect(await subjects(distinguished('inbox'))).to.deep.equal([
      'from carol, high',
      'urgent from bob',
    ])
  })

  it('deletes mail not sent to me (cc) into Deleted Items', async () => {
    await call(
      ews.app,
      update(
        create(rule('cc only', 1, '<t:SentToMe>false</t:SentToMe>', '<t:Delete>true</t:Delete>')),
      ),
    )
    await send('to me')
    await send('cc me', { to: [CAROL], cc: [ALICE] })
    expect(await subjects(distinguished('inbox'))).to.deep.equal(['to me'])
    expect(await subjects(distinguished('deleteditems'))).to.deep.equal(['cc me'])
  })

  it('forwards and redirects once, without loops between two forwarding mailboxes', async () => {
    await call(
      ews.app,
      update(
        create(
          rule(
            'fwd',
            1,
            '<t:ContainsSubjectStrings><t:String>report</t:String></t:ContainsSubjectStrings>',
            `<t:ForwardToRecipients>${address(BOB)}</t:ForwardToRecipients>`,
          ),
        ),
      ),
    )
    await call(
      ews.app,
      update(
        create(
          rule(
            'back',
            1,
            '<t:ContainsSubjectStrings><t:String>report</t:String></t:ContainsSubjectStrings>',
            `<t:ForwardToRecipients>${address(ALICE)}</t:ForwardToRecipients>`,
          ),
        ),
      ),
      BOB,
    )
    await call(
      ews.app,
      update(
        create(
          rule(
            'redirect',
            2,
            '<t:ContainsSubjectStrings><t:String>redirect me</t:String></t:ContainsSubjectStrings>',
            `<t:RedirectToRecipients>${address(BOB)}</t:RedirectToRecipients>`,
          ),
        ),
      ),
    )
    await send('weekly report', { from: CAROL })
    await send('redirect me', { from: CAROL })
    const bobInbox = await itemsIn(ews.app, distinguished('inbox'), BOB)
    expect(bobInbox.map((i) => `${i.subject} from ${i.from}`).sort()).to.deep.equal(
      ['FW: weekly report from alice@contoso.com', 'redirect me from carol@fabrikam.com'].sort(),
    )
    expect(await subjects(distinguished('inbox'))).to.deep.equal(['redirect me', 'weekly report'])
  })

  it('refuses an unsupported condition and an unknown rule with ErrorInboxRulesValidationError, changing nothing', async () => {
    const res = await call(
      ews.app,
      update(
        create(
          rule('ok', 1, '<t:SentToMe>true</t:SentToMe>', '<t:MarkAsRead>true</t:MarkAsRead>'),
        ) +
          create(
            rule(
              'body',
              2,
              '<t:ContainsBodyStrings><t:String>x</t:String></t:ContainsBodyStrings>',
              '<t:MarkAsRead>true</t:MarkAsRead>',
            ),
          ) +
          '<t:DeleteRuleOperation><t:RuleId>nope</t:RuleId></t:DeleteRuleOperation>',
      ),
    )
    expect(res.value('//m:UpdateInboxRulesResponse/@ResponseClass')).to.equal('Error')
    expect(res.value('//m:UpdateInboxRulesResponse/m:ResponseCode')).to.equal(
      'ErrorInboxRulesValidationError',
    )
    expect(
      res
        .select('//t:RuleOperationError')
        .map((n) => (n as Element).getElementsByTagNameNS('*', 'OperationIndex')[0]?.textContent),
    ).to.deep.equal(['1', '2'])
    expect(res.value('//t:RuleOperationError[1]//t:FieldURI')).to.equal(
      'Condition:ContainsBodyStrings',
    )
    expect(res.value('//t:RuleOperationError[1]//t:ErrorCode')).to.equal('UnsupportedRule')
    expect(res.value('//t:RuleOperationError[2]//t:ErrorCode')).to.equal('RuleNotFound')
    expect((await call(ews.app, GET)).select('//t:Rule')).to.have.length(0)
  })

  it('sets and deletes rules by RuleId, renumbering priorities', async () => {
    await call(
      ews.app,
      update(
        create(rule('a', 1, '<t:SentToMe>true</t:SentToMe>', '<t:MarkAsRead>true</t:MarkAsRead>')) +
          create(
            rule('b', 2, '<t:SentToMe>true</t:SentToMe>', '<t:MarkAsRead>true</t:MarkAsRead>'),
          ),
      ),
    )
    const ids = (await call(ews.app, GET))
      .select('//t:Rule/t:RuleId')
      .map((n) => n.textContent ?? '')
    const res = await call(
      ews.app,
      update(
        `<t:SetRuleOperation>${rule('b first', 1, '<t:Importance>Low</t:Importance>', '<t:Delete>true</t:Delete>', `<t:RuleId>${ids[1]}</t:RuleId>`)}</t:SetRuleOperation>` +
          `<t:DeleteRuleOperation><t:RuleId>${ids[0]}</t:RuleId></t:DeleteRuleOperation>`,
      ),
    )
    expect(res.value('//m:UpdateInboxRulesResponse/m:ResponseCode')).to.equal('NoError')
    const got = await call(ews.app, GET)
    expect(got.select('//t:Rule/t:DisplayName').map((n) => n.textContent)).to.deep.equal([
      'b first',
    ])
    expect(got.value('//t:Rule/t:Conditions/t:Importance')).to.equal('Low')
    expect(got.value('//t:Rule/t:RuleId')).to.equal(ids[1])
  })

  it("refuses another mailbox's rules (ErrorAccessDenied)", async () => {
    const res = await call(
      ews.app,
      `<m:GetInboxRules><m:MailboxSmtpAddress>${BOB}</m:MailboxSmtpAddress></m:GetInboxRules>`,
    )
    expect(res.value('//m:GetInboxRulesResponse/m:ResponseCode')).to.equal('ErrorAccessDenied')
  })
})

describe('inbox rules: what a rule matches', () => {
  const attachment: FileAttachment = {
    key: 1,
    name: 'a.txt',
    contentType: 'text/plain',
    contentId: undefined,
    isInline: false,
    lastModifiedTime: 0,
    content: Buffer.from('x'),
  }
  const rules = (conditions: RulePredicates, exceptions?: RulePredicates): InboxRules => {
    const r = new InboxRules(seededIds(1))
    r.update(ALICE, [
      {
        type: 'create',
        rule: {
          displayName: 'r',
          priority: 1,
          isEnabled: true,
          conditions,
          exceptions,
          actions: { markAsRead: true },
        },
      },
    ])
    return r
  }
  const applies = (r: InboxRules, overrides: Parameters<typeof itemFields>[0] = {}): boolean =>
    r.onDelivery(ALICE, itemFields(overrides)).isRead

  it('HasAttachments, Importance and SentToMe, as conditions and as exceptions; all conditions must hold', () => {
    expect(applies(rules({ hasAttachments: true }), { attachments: [attachment] })).to.equal(true)
    expect(applies(rules({ hasAttachments: true }))).to.equal(false)
    expect(applies(rules({ importance: 'High' }), { importance: 'High' })).to.equal(true)
    expect(applies(rules({ importance: 'High' }))).to.equal(false)
    const toAlice = { toRecipients: [{ name: undefined, address: ALICE }] }
    expect(applies(rules({ sentToMe: true }), toAlice)).to.equal(true)
    expect(applies(rules({ sentToMe: true }), { toRecipients: [] })).to.equal(false)
    expect(applies(rules({ sentToMe: true, importance: 'High' }), toAlice)).to.equal(false)
    expect(applies(rules({}, { importance: 'Low' }), { importance: 'Low' })).to.equal(false)
    expect(applies(rules({}, { importance: 'Low' }))).to.equal(true)
  })

  it('a disabled rule does nothing', () => {
    const r = new InboxRules(seededIds(1))
    r.update(ALICE, [
      {
        type: 'create',
        rule: {
          displayName: 'off',
          priority: 1,
          isEnabled: false,
          conditions: {},
          exceptions: undefined,
          actions: { markAsRead: true },
        },
      },
    ])
    expect(applies(r)).to.equal(false)
  })
})
