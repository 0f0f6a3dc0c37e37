// exchangelib's delegate and folder-permission reading (test/exchangelib/delegates.py, one Python
// process): account.delegates, a delegate's Account(access_type=DELEGATE) reading the owner's
// Inbox, folder.permission_set, and the save() that sends DeleteFolderField PermissionSet.
import { expect } from 'chai'
import { call, distinguished, folderChange, testApp, updateFolderXml } from '../helpers/ews.ts'
import { ALICE, BOB, saveItem } from '../helpers/items.ts'
import { runExchangelibScript } from '../helpers/exchangelib.ts'
import type { Checks } from '../helpers/exchangelib.ts'

describe('exchangelib delegates and folder permissions against mock-ews', function () {
  this.timeout(60_000)
  let results: Checks

  before(async function () {
    const mock = testApp()
    await saveItem(mock.app, { subject: 'For alice' }, distinguished('inbox'))
    const added = await call(
      mock.app,
      `<m:AddDelegate><m:Mailbox><t:EmailAddress>${ALICE}</t:EmailAddress></m:Mailbox><m:DelegateUsers><t:DelegateUser><t:UserId><t:PrimarySmtpAddress>${BOB}</t:PrimarySmtpAddress></t:UserId><t:DelegatePermissions><t:CalendarFolderPermissionLevel>Editor</t:CalendarFolderPermissionLevel><t:InboxFolderPermissionLevel>Reviewer</t:InboxFolderPermissionLevel></t:DelegatePermissions><t:ViewPrivateItems>true</t:ViewPrivateItems></t:DelegateUser></m:DelegateUsers></m:AddDelegate>`,
    )
    expect(added.value('//m:DelegateUserResponseMessageType/m:ResponseCode')).to.equal('NoError')
    // exchangelib's Account starts from the mailbox root (GetFolder root), which a delegate of the
    // Inbox alone may not see on Exchange either (exchangelib issue 1282): alice makes the root
    // visible to bob, as Outlook users are told to ("Folder visible" on the mailbox).
    const visible = await call(
      mock.app,
      updateFolderXml(
        folderChange(
          distinguished('root'),
          `<t:SetFolderField><t:FieldURI FieldURI="folder:PermissionSet"/><t:Folder><t:PermissionSet><t:Permissions><t:Permission><t:UserId><t:PrimarySmtpAddress>${BOB}</t:PrimarySmtpAddress></t:UserId><t:IsFolderVisible>true</t:IsFolderVisible><t:PermissionLevel>Custom</t:PermissionLevel></t:Permission></t:Permissions></t:PermissionSet></t:Folder></t:SetFolderField>`,
        ),
      ),
    )
    expect(visible.codes()).to.deep.equal(['NoError'])
    results = await runExchangelibScript(
      this,
      'delegates.py',
      'the exchangelib delegate checks',
      mock.app,
    )
  })

  const ok = (name: string): unknown => {
    const check = results[name]
    expect(check?.error, check?.trace).to.equal(undefined)
    return check?.ok
  }

  it('account.delegates lists the delegate with her levels', () => {
    expect(ok('delegates')).to.deep.equal([[BOB, 'Reviewer', 'Editor', 'None', false, true]])
  })

  it("the delegate's Account(primary_smtp_address=alice, access_type=DELEGATE) reads alice's Inbox, not her Drafts", () => {
    expect(ok('delegate_reads_inbox')).to.deep.equal({
      name: 'Inbox',
      total: 1,
      subjects: ['For alice'],
    })
    expect(ok('delegate_denied_drafts')).to.equal('ErrorAccessDenied')
  })

  it('folder.permission_set shows the delegate as a reviewer', () => {
    expect(ok('permission_set')).to.deep.equal([
      ['Anonymous', 'None', false, false],
      ['Default', 'None', false, false],
      [BOB, 'FullDetails', false, true],
    ])
  })

  it('save() of a renamed folder still works', () => {
    expect(ok('rename_keeps_working')).to.deep.equal(['After'])
  })
})
