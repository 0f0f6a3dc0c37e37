// GetDelegate / AddDelegate / UpdateDelegate / RemoveDelegate, the folder permissions they write,
// and the send-on-behalf right a delegate gets (decision 0056).
import { expect } from 'chai'
import xpath from 'xpath'
import type { EwsApp } from '../../mock-ews/index.ts'
import {
  NS,
  additionalProperties,
  call,
  distinguished,
  getFolderXml,
  testApp,
} from '../helpers/ews.ts'
import type { SoapAnswer } from '../helpers/ews.ts'
import { distinguishedIn } from '../helpers/hardening.ts'
import { ALICE, BOB, CAROL, itemsIn, sendMessage } from '../helpers/items.ts'

const box = `<m:Mailbox><t:EmailAddress>${ALICE}</t:EmailAddress></m:Mailbox>`
const userId = (address: string): string =>
  `<t:UserId><t:PrimarySmtpAddress>${address}</t:PrimarySmtpAddress></t:UserId>`
const delegateUser = (address: string, perms: Record<string, string>, extra = ''): string =>
  `<t:DelegateUser>${userId(address)}<t:DelegatePermissions>${Object.entries(perms)
    .map(([k, v]) => `<t:${k}FolderPermissionLevel>${v}</t:${k}FolderPermissionLevel>`)
    .join('')}</t:DelegatePermissions>${extra}</t:DelegateUser>`

export const addDelegateXml = (users: string, mailbox = box): string =>
  `<m:AddDelegate>${mailbox}<m:DelegateUsers>${users}</m:DelegateUsers></m:AddDelegate>`
export const getDelegateXml = (ids = '', include = true): string =>
  `<m:GetDelegate IncludePermissions="${include}">${box}${ids && `<m:UserIds>${ids}</m:UserIds>`}</m:GetDelegate>`
const updateDelegateXml = (users: string): string =>
  `<m:UpdateDelegate>${box}<m:DelegateUsers>${users}</m:DelegateUsers></m:UpdateDelegate>`
const removeDelegateXml = (ids: string): string =>
  `<m:RemoveDelegate>${box}<m:UserIds>${ids}</m:UserIds></m:RemoveDelegate>`

const xp = xpath.useNamespaces(NS)
const codes = (res: SoapAnswer): string[] =>
  res.select('//m:DelegateUserResponseMessageType/m:ResponseCode').map((n) => n.textContent ?? '')
const top = (res: SoapAnswer): string => res.value('/*/*/*[1]/m:ResponseCode')

describe('Delegates', () => {
  let ews: EwsApp
  beforeEach(() => {
    ews = testApp()
  })

  const inboxLevelOf = async (address: string): Promise<string> => {
    const res = await call(
      ews.app,
      getFolderXml(distinguished('inbox'), 'IdOnly', additionalProperties('folder:PermissionSet')),
    )
    return res.value(`//t:Permission[t:UserId/t:PrimarySmtpAddress="${address}"]/t:PermissionLevel`)
  }

  it('has none at first: GetDelegate answers NoError with no users and where meeting requests go', async () => {
    const res = await call(ews.app, getDelegateXml())
    expect(top(res)).to.equal('NoError')
    expect(res.select('//m:ResponseMessages')).to.have.length(0)
    expect(res.value('//m:DeliverMeetingRequests')).to.equal('DelegatesAndSendInformationToMe')
  })

  it('AddDelegate keeps the delegate and writes her levels into the folders, so she can open the Inbox', async () => {
    expect(
      (await call(ews.app, getFolderXml(distinguishedIn('inbox', ALICE)), BOB)).codes(),
    ).to.deep.equal(['ErrorAccessDenied'])
    const res = await call(
      ews.app,
      addDelegateXml(
        delegateUser(
          BOB,
          { Calendar: 'Editor', Inbox: 'Reviewer' },
          '<t:ReceiveCopiesOfMeetingMessages>true</t:ReceiveCopiesOfMeetingMessages><t:ViewPrivateItems>true</t:ViewPrivateItems>',
        ),
      ),
    )
    expect(top(res)).to.equal('NoError')
    expect(codes(res)).to.deep.equal(['NoError'])
    expect(await inboxLevelOf(BOB)).to.equal('Reviewer')

    const got = await call(ews.app, getDelegateXml())
    const user = got.select('//m:DelegateUser')[0]!
    const v = (e: string): string => String(xp(`string(${e})`, user))
    expect(v('t:UserId/t:PrimarySmtpAddress')).to.equal(BOB)
    expect(v('t:DelegatePermissions/t:CalendarFolderPermissionLevel')).to.equal('Editor')
    expect(v('t:DelegatePermissions/t:InboxFolderPermissionLevel')).to.equal('Reviewer')
    expect(v('t:DelegatePermissions/t:TasksFolderPermissionLevel')).to.equal('None')
    expect(v('t:ReceiveCopiesOfMeetingMessages')).to.equal('true')
    expect(v('t:ViewPrivateItems')).to.equal('true')
    const without = await call(ews.app, getDelegateXml('', false))
    expect(without.select('//t:DelegatePermissions')).to.have.length(0)

    await sendMessage(ews.app, { subject: 'To alice', to: [ALICE] }, { user: CAROL })
    expect(
      (await itemsIn(ews.app, distinguishedIn('inbox', ALICE), BOB)).map((i) => i.subject),
    ).to.deep.equal(['To alice'])
  })

  it('refuses a second add, the owner, unknown users and another organisation, per user', async () => {
    await call(ews.app, addDelegateXml(delegateUser(BOB, { Inbox: 'Author' })))
    const res = await call(
      ews.app,
      addDelegateXml(
        delegateUser(BOB, { Inbox: 'Editor' }) +
          delegateUser(ALICE, {}) +
          delegateUser('nobody@contoso.com', {}) +
          delegateUser(CAROL, {}) +
          '<t:DelegateUser><t:UserId><t:SID>S-1-5-21-1</t:SID></t:UserId></t:DelegateUser>',
      ),
    )
    expect(top(res)).to.equal('NoError')
    expect(codes(res)).to.deep.equal([
      'ErrorDelegateAlreadyExists',
      'ErrorDelegateCannotAddOwner',
      'ErrorDelegateNoUser',
      'ErrorDelegateNoUser',
      'ErrorInvalidUserSid',
    ])
    expect(await inboxLevelOf(BOB)).to.equal('Author')
    expect((await call(ews.app, getDelegateXml())).select('//m:DelegateUser')).to.have.length(1)
  })

  it('UpdateDelegate changes the levels it names (the folders follow), RemoveDelegate takes them away', async () => {
    await call(ews.app, addDelegateXml(delegateUser(BOB, { Inbox: 'Reviewer', Tasks: 'Author' })))
    const up = await call(ews.app, updateDelegateXml(delegateUser(BOB, { Inbox: 'Editor' })))
    expect(codes(up)).to.deep.equal(['NoError'])
    expect(await inboxLevelOf(BOB)).to.equal('Editor')
    const got = await call(ews.app, getDelegateXml(userId(BOB)))
    expect(got.value('//t:TasksFolderPermissionLevel')).to.equal('Author')

    const rm = await call(ews.app, removeDelegateXml(userId(BOB) + userId(CAROL)))
    expect(codes(rm)).to.deep.equal(['NoError', 'ErrorNotDelegate'])
    expect(await inboxLevelOf(BOB)).to.equal('')
    expect(
      (await call(ews.app, getFolderXml(distinguishedIn('inbox', ALICE)), BOB)).codes(),
    ).to.deep.equal(['ErrorAccessDenied'])
    expect((await call(ews.app, getDelegateXml())).select('//m:DelegateUser')).to.have.length(0)
  })

  it('GetDelegate reads the levels from the folders: one changed by UpdateFolder shows as Custom', async () => {
    await call(ews.app, addDelegateXml(delegateUser(BOB, { Inbox: 'Reviewer' })))
    const set = `<m:UpdateFolder><m:FolderChanges><t:FolderChange>${distinguished('inbox')}<t:Updates><t:SetFolderField><t:FieldURI FieldURI="folder:PermissionSet"/><t:Folder><t:PermissionSet><t:Permissions><t:Permission>${userId(BOB)}<t:PermissionLevel>Owner</t:PermissionLevel></t:Permission></t:Permissions></t:PermissionSet></t:Folder></t:SetFolderField></t:Updates></t:FolderChange></m:FolderChanges></m:UpdateFolder>`
    expect((await call(ews.app, set)).codes()).to.deep.equal(['NoError'])
    expect(
      (await call(ews.app, getDelegateXml())).value('//t:InboxFolderPermissionLevel'),
    ).to.equal('Custom')
  })

  it("another user's delegates are ErrorAccessDenied, an unknown mailbox ErrorNonExistentMailbox; nothing changes", async () => {
    const res = await call(ews.app, addDelegateXml(delegateUser(CAROL, {})), BOB)
    expect(top(res)).to.equal('ErrorAccessDenied')
    const none = await call(
      ews.app,
      addDelegateXml(
        delegateUser(BOB, {}),
        '<m:Mailbox><t:EmailAddress>nobody@contoso.com</t:EmailAddress></m:Mailbox>',
      ),
    )
    expect(top(none)).to.equal('ErrorNonExistentMailbox')
    expect((await call(ews.app, getDelegateXml())).select('//m:DelegateUser')).to.have.length(0)
  })

  it('AddDelegate without DelegateUsers and RemoveDelegate without UserIds are ErrorSchemaValidation faults', async () => {
    const add = await call(ews.app, `<m:AddDelegate>${box}</m:AddDelegate>`)
    expect(add.faultCode()).to.equal('ErrorSchemaValidation')
    const remove = await call(ews.app, `<m:RemoveDelegate>${box}</m:RemoveDelegate>`)
    expect(remove.faultCode()).to.equal('ErrorSchemaValidation')
  })

  it('Custom cannot be set (ErrorInvalidDelegatePermission), changing nothing', async () => {
    const res = await call(ews.app, addDelegateXml(delegateUser(BOB, { Inbox: 'Custom' })))
    expect(codes(res)).to.deep.equal(['ErrorInvalidDelegatePermission'])
    expect(await inboxLevelOf(BOB)).to.equal('')
  })

  it('a delegate sends on behalf of the mailbox (From alice, Sender bob); before, ErrorSendAsDenied', async () => {
    const onBehalf = (): Promise<SoapAnswer> =>
      call(
        ews.app,
        `<m:CreateItem MessageDisposition="SendOnly"><m:Items><t:Message><t:Subject>for alice</t:Subject><t:ToRecipients><t:Mailbox><t:EmailAddress>${CAROL}</t:EmailAddress></t:Mailbox></t:ToRecipients><t:From><t:Mailbox><t:EmailAddress>${ALICE}</t:EmailAddress></t:Mailbox></t:From></t:Message></m:Items></m:CreateItem>`,
        BOB,
      )
    expect((await onBehalf()).codes()).to.deep.equal(['ErrorSendAsDenied'])
    await call(ews.app, addDelegateXml(delegateUser(BOB, { Inbox: 'Editor' })))
    expect((await onBehalf()).codes()).to.deep.equal(['NoError'])
    const got = await call(
      ews.app,
      `<m:FindItem Traversal="Shallow"><m:ItemShape><t:BaseShape>AllProperties</t:BaseShape><t:AdditionalProperties><t:FieldURI FieldURI="message:Sender"/></t:AdditionalProperties></m:ItemShape><m:ParentFolderIds>${distinguished('inbox')}</m:ParentFolderIds></m:FindItem>`,
      CAROL,
    )
    expect(got.value('//t:Message/t:From/t:Mailbox/t:EmailAddress')).to.equal(ALICE)
    expect(got.value('//t:Message/t:Sender/t:Mailbox/t:EmailAddress')).to.equal(BOB)
  })
})
