// Schema conformance of the folder permission and delegate answers (decisions 0055, 0056): every
// folder kind's PermissionSet, the four delegate operations with per-user and request-level errors.
import { expect } from 'chai'
import { checkResponses, loadSchemaFolder } from '../../scripts/lib/ews-schema.ts'
import type { SchemaFiles } from '../../scripts/lib/ews-schema.ts'
import {
  additionalProperties,
  call,
  distinguished,
  findFolderXml,
  getFolderXml,
  testApp,
} from '../helpers/ews.ts'
import { distinguishedIn } from '../helpers/hardening.ts'
import { needsSchema } from '../helpers/needs.ts'

const box = (address: string): string =>
  `<m:Mailbox><t:EmailAddress>${address}</t:EmailAddress></m:Mailbox>`
const userId = (address: string): string =>
  `<t:UserId><t:PrimarySmtpAddress>${address}</t:PrimarySmtpAddress></t:UserId>`

describe('EWS schema conformance: folder permissions and delegates', function () {
  this.timeout(60_000)
  let schema: SchemaFiles
  before(function () {
    schema = loadSchemaFolder(needsSchema(this, 'the EWS schema conformance test'))
  })

  it('validates every answer, success and error', async () => {
    const ews = testApp()
    const answers: { name: string; xml: string }[] = []
    const send = async (name: string, op: string, user?: string): Promise<void> => {
      answers.push({ name, xml: (await call(ews.app, op, user)).text })
    }
    const alice = 'alice@contoso.com'
    const delegateUser = `<t:DelegateUser>${userId('bob@contoso.com')}<t:DelegatePermissions><t:CalendarFolderPermissionLevel>Editor</t:CalendarFolderPermissionLevel><t:InboxFolderPermissionLevel>Reviewer</t:InboxFolderPermissionLevel></t:DelegatePermissions><t:ReceiveCopiesOfMeetingMessages>true</t:ReceiveCopiesOfMeetingMessages></t:DelegateUser>`
    await send(
      'GetDelegate, none',
      `<m:GetDelegate IncludePermissions="true">${box(alice)}</m:GetDelegate>`,
    )
    await send(
      'AddDelegate + per-user errors',
      `<m:AddDelegate>${box(alice)}<m:DelegateUsers>${delegateUser}${delegateUser}<t:DelegateUser>${userId('nobody@contoso.com')}</t:DelegateUser></m:DelegateUsers><m:DeliverMeetingRequests>DelegatesAndMe</m:DeliverMeetingRequests></m:AddDelegate>`,
    )
    await send(
      'AddDelegate for another mailbox',
      `<m:AddDelegate>${box(alice)}<m:DelegateUsers>${delegateUser}</m:DelegateUsers></m:AddDelegate>`,
      'bob@contoso.com',
    )
    await send(
      'GetDelegate',
      `<m:GetDelegate IncludePermissions="true">${box(alice)}</m:GetDelegate>`,
    )
    await send(
      'GetDelegate by UserIds without permissions',
      `<m:GetDelegate IncludePermissions="false">${box(alice)}<m:UserIds>${userId('bob@contoso.com')}${userId('carol@fabrikam.com')}</m:UserIds></m:GetDelegate>`,
    )
    await send(
      'UpdateDelegate',
      `<m:UpdateDelegate>${box(alice)}<m:DelegateUsers><t:DelegateUser>${userId('bob@contoso.com')}<t:DelegatePermissions><t:TasksFolderPermissionLevel>Author</t:TasksFolderPermissionLevel></t:DelegatePermissions></t:DelegateUser></m:DelegateUsers></m:UpdateDelegate>`,
    )
    const perms = additionalProperties('folder:PermissionSet')
    await send(
      'GetFolder PermissionSet of every kind of folder',
      getFolderXml(
        distinguished('inbox', 'calendar', 'contacts', 'tasks', 'todosearch'),
        'AllProperties',
        perms,
      ),
    )
    await send(
      "GetFolder of the owner's Inbox as her delegate",
      getFolderXml(distinguishedIn('inbox', alice), 'Default'),
      'bob@contoso.com',
    )
    await send(
      'FindFolder with PermissionSet',
      findFolderXml(distinguished('msgfolderroot'), { shape: 'IdOnly', additional: perms }),
    )
    await send(
      'RemoveDelegate + error',
      `<m:RemoveDelegate>${box(alice)}<m:UserIds>${userId('bob@contoso.com')}${userId('bob@contoso.com')}</m:UserIds></m:RemoveDelegate>`,
    )
    await send(
      'CreateItem in a folder without the right',
      `<m:CreateItem MessageDisposition="SaveOnly"><m:SavedItemFolderId>${distinguishedIn('inbox', alice)}</m:SavedItemFolderId><m:Items><t:Message><t:Subject>x</t:Subject></t:Message></m:Items></m:CreateItem>`,
      'bob@contoso.com',
    )
    const report = await checkResponses(schema, answers)
    expect(report.failures, JSON.stringify(report.failures, null, 2)).to.deep.equal([])
    expect(report.responses).to.equal(answers.length)
  })
})
