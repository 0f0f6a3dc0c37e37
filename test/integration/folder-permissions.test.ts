// Folder permissions (PermissionSet read in GetFolder, set in UpdateFolder and CreateFolder) and
// access to another mailbox's folders exactly as far as they allow (decision 0055).
import { expect } from 'chai'
import xpath from 'xpath'
import type { EwsApp } from '../../mock-ews/index.ts'
import {
  NS,
  additionalProperties,
  call,
  createFolderIn,
  createFolderXml,
  distinguished,
  findFolderXml,
  folderChange,
  folderId,
  getFolderXml,
  testApp,
  updateFolderXml,
} from '../helpers/ews.ts'
import type { SoapAnswer } from '../helpers/ews.ts'
import { distinguishedIn, subscribeXml } from '../helpers/hardening.ts'
import {
  ALICE,
  BOB,
  CAROL,
  createItemXml,
  deleteItemXml,
  findItemXml,
  getItemXml,
  itemChange,
  itemId,
  itemsIn,
  messageXml,
  moveItemXml,
  saveItem,
  sendItemXml,
  setItemField,
  updateItemXml,
} from '../helpers/items.ts'

const PERMISSIONS = additionalProperties('folder:PermissionSet')

/** A `t:Permission` for a user (an address) or Default / Anonymous, with a level and extra rights. */
export function permission(user: string, level: string, rights = '', calendar = false): string {
  const id = user.includes('@')
    ? `<t:PrimarySmtpAddress>${user}</t:PrimarySmtpAddress>`
    : `<t:DistinguishedUser>${user}</t:DistinguishedUser>`
  const el = calendar ? 'CalendarPermission' : 'Permission'
  const levelEl = calendar ? 'CalendarPermissionLevel' : 'PermissionLevel'
  return `<t:${el}><t:UserId>${id}</t:UserId>${rights}<t:${levelEl}>${level}</t:${levelEl}></t:${el}>`
}

export function setPermissions(entries: string, kind = 'Folder', calendar = false): string {
  const list = calendar ? 'CalendarPermissions' : 'Permissions'
  return `<t:SetFolderField><t:FieldURI FieldURI="folder:PermissionSet"/><t:${kind}><t:PermissionSet><t:${list}>${entries}</t:${list}></t:PermissionSet></t:${kind}></t:SetFolderField>`
}

describe('Folder permissions and access to another mailbox', () => {
  let ews: EwsApp
  beforeEach(() => {
    ews = testApp()
  })

  const grant = async (folder: string, entries: string, user = ALICE): Promise<SoapAnswer> =>
    call(ews.app, updateFolderXml(folderChange(folder, setPermissions(entries))), user)
  const permissionsOf = async (folder: string, user = ALICE): Promise<string[]> => {
    const res = await call(ews.app, getFolderXml(folder, 'IdOnly', PERMISSIONS), user)
    expect(res.codes()).to.deep.equal(['NoError'])
    return res
      .select('//t:PermissionSet/*/*')
      .map(
        (p) =>
          `${select(p, 't:UserId/t:PrimarySmtpAddress') || select(p, 't:UserId/t:DistinguishedUser')}:` +
          select(p, 't:PermissionLevel|t:CalendarPermissionLevel'),
      )
  }
  const aliceInbox = distinguishedIn('inbox', ALICE)

  it('gives a new folder Default and Anonymous with no rights, a calendar free/busy for Default', async () => {
    expect(await permissionsOf(distinguished('inbox'))).to.deep.equal([
      'Default:None',
      'Anonymous:None',
    ])
    expect(await permissionsOf(distinguished('calendar'))).to.deep.equal([
      'Default:FreeBusyTimeOnly',
      'Anonymous:None',
    ])
    const plain = await call(ews.app, getFolderXml(distinguished('inbox'), 'AllProperties'))
    expect(plain.select('//t:PermissionSet')).to.have.length(0)
  })

  it('without a grant another mailbox stays ErrorAccessDenied, an unknown one ErrorNonExistentMailbox', async () => {
    const res = await call(ews.app, getFolderXml(aliceInbox), BOB)
    expect(res.codes()).to.deep.equal(['ErrorAccessDenied'])
    const none = await call(ews.app, getFolderXml(distinguishedIn('inbox', 'nobody@contoso.com')))
    expect(none.codes()).to.deep.equal(['ErrorNonExistentMailbox'])
  })

  it('a Reviewer reads the folder and its items but cannot create, change or delete', async () => {
    const mail = await saveItem(ews.app, { subject: 'For alice' }, distinguished('inbox'))
    expect(
      (await grant(distinguished('inbox'), permission(BOB, 'Reviewer'))).codes(),
    ).to.deep.equal(['NoError'])
    expect(await permissionsOf(distinguished('inbox'))).to.deep.equal([
      `${BOB}:Reviewer`,
      'Default:None',
      'Anonymous:None',
    ])
    const folder = await call(ews.app, getFolderXml(aliceInbox, 'AllProperties'), BOB)
    expect(folder.codes()).to.deep.equal(['NoError'])
    expect(folder.value('//t:Folder/t:TotalCount')).to.equal('1')
    // EffectiveRights are hers, not the owner's.
    const rights = folder
      .select('//t:EffectiveRights/*')
      .map((n) => `${(n as Element).localName}=${n.textContent}`)
    expect(rights).to.deep.equal([
      'CreateAssociated=false',
      'CreateContents=false',
      'CreateHierarchy=false',
      'Delete=false',
      'Modify=false',
      'Read=true',
      'ViewPrivateItems=false',
    ])
    expect((await itemsIn(ews.app, aliceInbox, BOB)).map((i) => i.subject)).to.deep.equal([
      'For alice',
    ])
    const read = await call(ews.app, getItemXml(itemId(mail.id)), BOB)
    expect(read.value('//t:Message/t:Subject')).to.equal('For alice')

    const create = await call(
      ews.app,
      createItemXml('SaveOnly', messageXml({ subject: 'By bob' }), aliceInbox),
      BOB,
    )
    expect(create.codes()).to.deep.equal(['ErrorCreateItemAccessDenied'])
    const update = await call(
      ews.app,
      updateItemXml(
        itemChange(itemId(mail.id), setItemField('item:Subject', { subject: 'Changed' })),
      ),
      BOB,
    )
    expect(update.codes()).to.deep.equal(['ErrorAccessDenied'])
    const del = await call(ews.app, deleteItemXml(itemId(mail.id)), BOB)
    expect(del.codes()).to.deep.equal(['ErrorAccessDenied'])
    // Nor may she change the folder's permissions.
    expect((await grant(aliceInbox, permission(BOB, 'Owner'), BOB)).codes()).to.deep.equal([
      'ErrorAccessDenied',
    ])
    expect((await itemsIn(ews.app, distinguished('inbox'))).map((i) => i.subject)).to.deep.equal([
      'For alice',
    ])
    // Another folder of alice's stays closed.
    const drafts = await call(ews.app, findItemXml(distinguishedIn('drafts', ALICE)), BOB)
    expect(drafts.codes()).to.deep.equal(['ErrorAccessDenied'])
  })

  it('an Editor creates, changes and deletes items in the folder', async () => {
    await grant(distinguished('inbox'), permission(BOB, 'Editor'))
    const create = await call(
      ews.app,
      createItemXml('SaveOnly', messageXml({ subject: 'By bob' }), aliceInbox),
      BOB,
    )
    expect(create.codes()).to.deep.equal(['NoError'])
    const id = create.value('//t:Message/t:ItemId/@Id')
    expect((await itemsIn(ews.app, distinguished('inbox'))).map((i) => i.subject)).to.deep.equal([
      'By bob',
    ])
    const update = await call(
      ews.app,
      updateItemXml(itemChange(itemId(id), setItemField('item:Subject', { subject: 'Edited' }))),
      BOB,
    )
    expect(update.codes()).to.deep.equal(['NoError'])
    expect((await itemsIn(ews.app, distinguished('inbox')))[0]!.subject).to.equal('Edited')
    expect((await call(ews.app, deleteItemXml(itemId(id)), BOB)).codes()).to.deep.equal(['NoError'])
    expect(await itemsIn(ews.app, distinguished('inbox'))).to.have.length(0)
  })

  it('Default applies to everyone of the organisation, never to another organisation', async () => {
    await grant(distinguished('inbox'), permission('Default', 'Reviewer'))
    expect((await call(ews.app, getFolderXml(aliceInbox), BOB)).codes()).to.deep.equal(['NoError'])
    expect((await call(ews.app, getFolderXml(aliceInbox), CAROL)).codes()).to.deep.equal([
      'ErrorAccessDenied',
    ])
  })

  it('DeleteFolderField PermissionSet puts the default back (the grant is gone)', async () => {
    await grant(distinguished('inbox'), permission(BOB, 'Reviewer'))
    const reset = await call(
      ews.app,
      updateFolderXml(
        folderChange(
          distinguished('inbox'),
          '<t:DeleteFolderField><t:FieldURI FieldURI="folder:PermissionSet"/></t:DeleteFolderField>',
        ),
      ),
    )
    expect(reset.codes()).to.deep.equal(['NoError'])
    expect((await call(ews.app, getFolderXml(aliceInbox), BOB)).codes()).to.deep.equal([
      'ErrorAccessDenied',
    ])
  })

  it('Custom rights are kept one by one and read back as the level they match', async () => {
    const rights =
      '<t:CanCreateItems>true</t:CanCreateItems><t:IsFolderVisible>true</t:IsFolderVisible><t:ReadItems>FullDetails</t:ReadItems>'
    await grant(distinguished('inbox'), permission(BOB, 'Custom', rights))
    const res = await call(ews.app, getFolderXml(distinguished('inbox'), 'IdOnly', PERMISSIONS))
    const bob = res.select(`//t:Permission[t:UserId/t:PrimarySmtpAddress="${BOB}"]`)[0]!
    expect(select(bob, 't:CanCreateItems')).to.equal('true')
    expect(select(bob, 't:EditItems')).to.equal('None')
    expect(select(bob, 't:PermissionLevel')).to.equal('Custom')
    await grant(
      distinguished('inbox'),
      permission(
        BOB,
        'Custom',
        '<t:CanCreateItems>true</t:CanCreateItems><t:IsFolderVisible>true</t:IsFolderVisible><t:EditItems>Owned</t:EditItems><t:DeleteItems>Owned</t:DeleteItems><t:ReadItems>FullDetails</t:ReadItems>',
      ),
    )
    expect(await permissionsOf(distinguished('inbox'))).to.include(`${BOB}:Author`)
  })

  it('a calendar takes CalendarPermissions, with its free/busy levels', async () => {
    const res = await call(
      ews.app,
      updateFolderXml(
        folderChange(
          distinguished('calendar'),
          setPermissions(
            permission(BOB, 'FreeBusyTimeAndSubjectAndLocation', '', true),
            'CalendarFolder',
            true,
          ),
        ),
      ),
    )
    expect(res.codes()).to.deep.equal(['NoError'])
    expect(await permissionsOf(distinguished('calendar'))).to.deep.equal([
      `${BOB}:FreeBusyTimeAndSubjectAndLocation`,
      'Default:FreeBusyTimeOnly',
      'Anonymous:None',
    ])
  })

  it('CreateFolder keeps the PermissionSet it is given', async () => {
    const res = await call(
      ews.app,
      createFolderXml(
        distinguished('msgfolderroot'),
        `<t:Folder><t:DisplayName>Shared</t:DisplayName><t:PermissionSet><t:Permissions>${permission(BOB, 'Editor')}</t:Permissions></t:PermissionSet></t:Folder>`,
      ),
    )
    expect(res.codes()).to.deep.equal(['NoError'])
    const id = res.value('//t:Folder/t:FolderId/@Id')
    expect(await permissionsOf(folderId(id))).to.deep.equal([
      `${BOB}:Editor`,
      'Default:None',
      'Anonymous:None',
    ])
    expect((await call(ews.app, getFolderXml(folderId(id)), BOB)).codes()).to.deep.equal([
      'NoError',
    ])
  })

  it('FindFolder lists only the subfolders she may see; a folder she cannot see stays closed', async () => {
    const shared = await createFolderIn(ews.app, distinguished('inbox'), 'Shared')
    await createFolderIn(ews.app, distinguished('inbox'), 'Private')
    await grant(distinguished('inbox'), permission(BOB, 'Reviewer'))
    await grant(folderId(shared), permission(BOB, 'Reviewer'))
    const res = await call(ews.app, findFolderXml(aliceInbox), BOB)
    expect(res.codes()).to.deep.equal(['NoError'])
    expect(res.select('//t:Folder/t:DisplayName').map((n) => n.textContent)).to.deep.equal([
      'Shared',
    ])
    const root = await call(ews.app, findFolderXml(distinguishedIn('msgfolderroot', ALICE)), BOB)
    expect(root.codes()).to.deep.equal(['ErrorAccessDenied'])
  })

  it('an Author creates but may not change or delete (Owned counts as none); no moves between mailboxes', async () => {
    await grant(distinguished('inbox'), permission(BOB, 'Author'))
    const mine = await saveItem(ews.app, { subject: 'Bob draft' }, undefined, BOB)
    const made = await call(
      ews.app,
      createItemXml('SaveOnly', messageXml({ subject: 'By bob' }), aliceInbox),
      BOB,
    )
    expect(made.codes()).to.deep.equal(['NoError'])
    const id = made.value('//t:Message/t:ItemId/@Id')
    const edit = await call(
      ews.app,
      updateItemXml(itemChange(itemId(id), setItemField('item:Subject', { subject: 'Edited' }))),
      BOB,
    )
    expect(edit.codes()).to.deep.equal(['ErrorAccessDenied'])
    expect((await call(ews.app, deleteItemXml(itemId(id)), BOB)).codes()).to.deep.equal([
      'ErrorAccessDenied',
    ])
    const across = await call(ews.app, moveItemXml(aliceInbox, itemId(mine.id), 'CopyItem'), BOB)
    expect(across.codes()).to.deep.equal(['ErrorMoveCopyFailed'])
    expect((await itemsIn(ews.app, distinguished('inbox'))).map((i) => i.subject)).to.deep.equal([
      'By bob',
    ])
  })

  it('moves and copies items between two folders of the other mailbox as both folders allow', async () => {
    const done = await createFolderIn(ews.app, distinguished('inbox'), 'Done')
    const mail = await saveItem(ews.app, { subject: 'Move me' }, distinguished('inbox'))
    await grant(distinguished('inbox'), permission(BOB, 'Editor'))
    const hidden = await call(ews.app, moveItemXml(folderId(done), itemId(mail.id)), BOB)
    expect(hidden.codes()).to.deep.equal(['ErrorAccessDenied'])
    await grant(folderId(done), permission(BOB, 'Reviewer'))
    const refused = await call(ews.app, moveItemXml(folderId(done), itemId(mail.id)), BOB)
    expect(refused.codes()).to.deep.equal(['ErrorCreateItemAccessDenied'])
    await grant(folderId(done), permission(BOB, 'Author'))
    const moved = await call(ews.app, moveItemXml(folderId(done), itemId(mail.id)), BOB)
    expect(moved.codes()).to.deep.equal(['NoError'])
    expect(await itemsIn(ews.app, distinguished('inbox'))).to.have.length(0)
    const there = await itemsIn(ews.app, folderId(done))
    expect(there.map((i) => i.subject)).to.deep.equal(['Move me'])
    // Author on Done: she may copy out of it (read) into the Inbox (Editor), not move out (delete).
    const back = await call(ews.app, moveItemXml(aliceInbox, itemId(there[0]!.id)), BOB)
    expect(back.codes()).to.deep.equal(['ErrorAccessDenied'])
    const copy = await call(ews.app, moveItemXml(aliceInbox, itemId(there[0]!.id), 'CopyItem'), BOB)
    expect(copy.codes()).to.deep.equal(['NoError'])
    expect((await itemsIn(ews.app, distinguished('inbox'))).map((i) => i.subject)).to.deep.equal([
      'Move me',
    ])
  })

  it('refuses SendItem of a draft in another mailbox (nothing sent, the draft stays)', async () => {
    await grant(distinguished('drafts'), permission(BOB, 'Editor'))
    const draft = await saveItem(
      ews.app,
      { subject: 'Draft by bob', to: [CAROL] },
      distinguishedIn('drafts', ALICE),
      BOB,
    )
    const res = await call(ews.app, sendItemXml(itemId(draft.id, draft.changeKey)), BOB)
    expect(res.codes()).to.deep.equal(['ErrorAccessDenied'])
    expect((await itemsIn(ews.app, distinguished('drafts'))).map((i) => i.subject)).to.deep.equal([
      'Draft by bob',
    ])
    expect(await itemsIn(ews.app, distinguished('inbox'), CAROL)).to.have.length(0)
  })

  it("refuses a subscription to another mailbox's folder rather than one that never sees an event", async () => {
    await grant(distinguished('inbox'), permission(BOB, 'Reviewer'))
    const res = await call(ews.app, subscribeXml(aliceInbox), BOB)
    expect(res.codes()).to.deep.equal(['ErrorSubscriptionDelegateAccessNotSupported'])
  })

  for (const [what, entries, code] of [
    [
      'a user that is no mailbox',
      permission('nobody@contoso.com', 'Reviewer'),
      'ErrorInvalidUserInfo',
    ],
    [
      'the same user twice',
      permission(BOB, 'Reviewer') + permission(BOB, 'Editor'),
      'ErrorDuplicateUserIdsSpecified',
    ],
    [
      'rights that contradict the level',
      permission(BOB, 'Reviewer', '<t:CanCreateItems>true</t:CanCreateItems>'),
      'ErrorInvalidPermissionSettings',
    ],
  ] as const) {
    it(`refuses ${what} (${code}), changing nothing`, async () => {
      await grant(distinguished('inbox'), permission(BOB, 'Reviewer'))
      const res = await grant(distinguished('inbox'), entries)
      expect(res.codes()).to.deep.equal([code])
      expect(await permissionsOf(distinguished('inbox'))).to.deep.equal([
        `${BOB}:Reviewer`,
        'Default:None',
        'Anonymous:None',
      ])
    })
  }

  it('refuses CalendarPermissions on a mail folder and Permissions on a calendar', async () => {
    const onMail = await call(
      ews.app,
      updateFolderXml(
        folderChange(
          distinguished('inbox'),
          setPermissions(permission(BOB, 'Reviewer', '', true), 'Folder', true),
        ),
      ),
    )
    expect(onMail.codes()).to.deep.equal(['ErrorCannotSetCalendarPermissionOnNonCalendarFolder'])
    const onCalendar = await call(
      ews.app,
      updateFolderXml(
        folderChange(
          distinguished('calendar'),
          setPermissions(permission(BOB, 'Reviewer'), 'CalendarFolder'),
        ),
      ),
    )
    expect(onCalendar.codes()).to.deep.equal([
      'ErrorCannotSetNonCalendarPermissionOnCalendarFolder',
    ])
  })
})

const xp = xpath.useNamespaces(NS)
function select(node: Node, expr: string): string {
  return String(xp(`string(${expr})`, node))
}
