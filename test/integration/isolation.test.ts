/**
 * Mailbox isolation: whatever alice sends, by every operation mock-ews has, she never reads,
 * finds, changes, moves, copies, deletes, sends, syncs, marks or subscribes to anything of bob's,
 * and nothing stored changes. Bob's ids are read from his mailbox through the store; the other ways
 * in are a `t:Mailbox` naming bob in a DistinguishedFolderId, his Missed Conversations search folder,
 * his subscription id and his sync states (reference/ews-protocol.md §3.1, §3.2, §4).
 */
import { expect } from 'chai'
import type { EwsApp, Folder } from '../../mock-ews/index.ts'
import { SUPPORTED_OPERATIONS } from '../../mock-ews/operations/index.ts'
import { encodeAttachmentId } from '../../mock-ews/operations/shared/attachment-xml.ts'
import {
  call,
  createFolderXml,
  deleteFolderXml,
  distinguished,
  findFolderXml,
  folder,
  folderId,
  getFolderXml,
  renameFolderXml,
  testApp,
} from '../helpers/ews.ts'
import type { SoapAnswer } from '../helpers/ews.ts'
import {
  ALICE,
  BOB,
  CAROL,
  CLASS,
  createItemXml,
  deleteItemXml,
  findItemXml,
  getItemXml,
  itemChange,
  itemFields,
  itemId,
  markAllItemsAsReadXml,
  messageXml,
  moveItemXml,
  sendItemXml,
  setItemField,
  updateItemXml,
} from '../helpers/items.ts'
import {
  distinguishedIn,
  getEventsXml,
  mailboxSnapshot,
  storedFolderNamed,
  storeSnapshot,
  subscribeXml,
  syncFolderHierarchyXml,
  syncFolderItemsXml,
  unsubscribeXml,
} from '../helpers/hardening.ts'

/** Text only bob's items and folders carry: an answer to alice that contains it leaks bob's data. */
const SECRET = 'BOB-SECRET'

interface Ref {
  id: string
  changeKey: string
}

/** What one test world holds: alice's and bob's folders and items, bob's subscription and sync states. */
interface World {
  ews: EwsApp
  bob: {
    inbox: Folder
    root: Folder
    private: Folder
    missed: Folder
    mail: Ref
    draft: Ref
    missedItem: Ref
    privateItem: Ref
    subscription: { id: string; watermark: string }
    itemsState: string
    hierarchyState: string
    ids: string[]
  }
  alice: { mail: Ref; draft: Ref }
}

const ref = (item: { itemId: Ref }): Ref => ({
  id: item.itemId.id,
  changeKey: item.itemId.changeKey,
})

async function makeWorld(): Promise<World> {
  const ews = testApp()
  const { store } = ews
  const bobFolder = (name: string): Folder => store.getDistinguishedFolder(BOB, name)
  const inbox = bobFolder('inbox')
  const privateFolder = store.createFolder(BOB, bobFolder('msgfolderroot').folderId.id, {
    displayName: `${SECRET} Private`,
    folderClass: 'IPF.Note',
    kind: 'Folder',
  })
  store.createFolder(BOB, privateFolder.folderId.id, {
    displayName: `${SECRET} Private Sub`,
    kind: 'Folder',
  })
  const secret = (what: string) =>
    itemFields({
      subject: `${SECRET} ${what}`,
      body: { type: 'Text', text: `${SECRET} body of ${what}` },
      from: { name: 'Alice Wood', address: ALICE },
      toRecipients: [{ name: 'Bob Kelly', address: BOB }],
    })
  const mail = store.createItem(BOB, inbox.folderId.id, secret('mail'))
  const missedItem = store.createItem(BOB, inbox.folderId.id, {
    ...secret('missed conversation'),
    itemClass: CLASS.missed,
  })
  const draft = store.createItem(BOB, bobFolder('drafts').folderId.id, {
    ...secret('draft'),
    isDraft: true,
    isRead: true,
    from: undefined,
    toRecipients: [{ name: 'Carol Ruiz', address: CAROL }],
  })
  const privateItem = store.createItem(BOB, privateFolder.folderId.id, secret('private mail'))
  // A meeting in bob's calendar: GetUserAvailability may show alice its time, never its subject.
  store.createItem(BOB, bobFolder('calendar').folderId.id, {
    ...secret('meeting'),
    itemClass: 'IPM.Appointment',
    calendar: {
      start: Date.parse('2016-06-13T09:00:00Z'),
      end: Date.parse('2016-06-13T10:00:00Z'),
      isAllDayEvent: false,
      freeBusy: 'Busy',
      location: SECRET,
      uid: 'bob-secret-meeting',
      requiredAttendees: [],
      optionalAttendees: [],
      resources: [],
    },
  })

  // Bob's subscription with an event waiting, and his sync states.
  const sub = await call(ews.app, subscribeXml(distinguished('inbox')), BOB)
  const subscription = {
    id: sub.value('//m:SubscriptionId'),
    watermark: sub.value('//m:SubscribeResponseMessage/m:Watermark'),
  }
  store.createItem(BOB, inbox.folderId.id, secret('mail after subscribing'))
  const items = await call(ews.app, syncFolderItemsXml(distinguished('inbox')), BOB)
  const hierarchy = await call(ews.app, syncFolderHierarchyXml(), BOB)
  const itemsState = items.value('//m:SyncState')
  const hierarchyState = hierarchy.value('//m:SyncState')
  if (!subscription.id || !itemsState || !hierarchyState)
    throw new Error('bob could not subscribe or sync')

  const aliceFolder = (name: string): string =>
    store.getDistinguishedFolder(ALICE, name).folderId.id
  const aliceMail = store.createItem(ALICE, aliceFolder('inbox'), itemFields({ subject: 'Mine' }))
  const aliceDraft = store.createItem(ALICE, aliceFolder('drafts'), {
    ...itemFields({ subject: 'My draft', isDraft: true, isRead: true, from: undefined }),
    toRecipients: [{ name: 'Alice Wood', address: ALICE }],
  })

  const root = bobFolder('root')
  const folders = [root, ...store.findFolders(BOB, root.folderId.id, true)]
  const ids = [
    ...folders.map((f) => f.folderId.id),
    ...folders.flatMap((f) =>
      store.findItems(BOB, f.folderId.id, { view: { kind: 'all' } }).items.map((i) => i.itemId.id),
    ),
  ]
  return {
    ews,
    bob: {
      inbox,
      root,
      private: privateFolder,
      missed: storedFolderNamed(ews, BOB, 'Missed Conversations'),
      mail: ref(mail),
      draft: ref(draft),
      missedItem: ref(missedItem),
      privateItem: ref(privateItem),
      subscription,
      itemsState,
      hierarchyState,
      ids,
    },
    alice: { mail: ref(aliceMail), draft: ref(aliceDraft) },
  }
}

/** The codes of an answer: the fault's, or one per response message. */
function codesOf(res: SoapAnswer): string[] {
  if (res.status === 500) return [res.faultCode()]
  // The delegate operations answer for the whole request on the response element itself.
  const own = res.value('/s:Envelope/s:Body/*/m:ResponseCode')
  return own ? [own, ...res.codes()] : res.codes()
}

/** Bob's ids that occur in an answer. */
function bobIdsIn(res: SoapAnswer, w: World): string[] {
  return w.bob.ids.filter((id) => res.text.includes(id))
}

/**
 * One case of the matrix: the operation (as named in the registry), how bob is named, the request
 * (built in the case's world) and the one code every response message (or the fault) must carry.
 */
interface Case {
  operation: string
  title: string
  request: (w: World) => string
  code: string
  /** Ids of bob's the answer may echo (ConvertId answers with the id it was given). */
  echoesIds?: boolean
}

/** Ways of naming a folder of bob's (or of nobody's), with the code alice must get for each. */
const FOREIGN_FOLDERS: { how: string; ref: (w: World) => string; code: string }[] = [
  {
    how: "bob's Inbox by its FolderId",
    ref: (w) => folderId(w.bob.inbox.folderId.id),
    code: 'ErrorAccessDenied',
  },
  {
    how: "bob's own folder by its FolderId",
    ref: (w) => folderId(w.bob.private.folderId.id, w.bob.private.folderId.changeKey),
    code: 'ErrorAccessDenied',
  },
  {
    how: "bob's Missed Conversations search folder by its FolderId",
    ref: (w) => folderId(w.bob.missed.folderId.id),
    code: 'ErrorAccessDenied',
  },
  {
    how: 'a DistinguishedFolderId with a t:Mailbox naming bob',
    ref: () => distinguishedIn('inbox', BOB),
    code: 'ErrorAccessDenied',
  },
  {
    how: 'a t:Mailbox naming bob in capitals',
    ref: () => distinguishedIn('inbox', 'BOB@Contoso.COM'),
    code: 'ErrorAccessDenied',
  },
  {
    how: 'a t:Mailbox naming carol of another organisation',
    ref: () => distinguishedIn('inbox', CAROL),
    code: 'ErrorAccessDenied',
  },
  {
    how: 'a t:Mailbox naming an unknown address',
    ref: () => distinguishedIn('inbox', 'nobody@contoso.com'),
    code: 'ErrorNonExistentMailbox',
  },
]

/** Requests that act on one folder reference `f`. */
const FOLDER_REQUESTS: {
  operation: string
  what: string
  request: (f: string, w: World) => string
}[] = [
  { operation: 'GetFolder', what: 'reads', request: (f) => getFolderXml(f, 'AllProperties') },
  {
    operation: 'FindFolder',
    what: 'lists the subfolders of',
    request: (f) => findFolderXml(f, { traversal: 'Deep' }),
  },
  { operation: 'FindItem', what: 'lists the items of', request: (f) => findItemXml(f) },
  {
    operation: 'CreateFolder',
    what: 'creates a folder in',
    request: (f) => createFolderXml(f, folder('Planted by alice')),
  },
  {
    operation: 'CreateItem',
    what: 'saves a message into',
    request: (f) => createItemXml('SaveOnly', messageXml({ subject: 'Planted by alice' }), f),
  },
  {
    operation: 'CreateItem',
    what: 'sends a message saving its copy in',
    request: (f) =>
      createItemXml(
        'SendAndSaveCopy',
        messageXml({ subject: 'Copy planted by alice', to: [ALICE] }),
        f,
      ),
  },
  { operation: 'DeleteFolder', what: 'hard-deletes', request: (f) => deleteFolderXml(f) },
  {
    operation: 'DeleteFolder',
    what: 'moves to Deleted Items',
    request: (f) => deleteFolderXml(f, 'MoveToDeletedItems'),
  },
  {
    operation: 'MoveFolder',
    what: 'moves into her Drafts',
    request: (f) =>
      `<m:MoveFolder><m:ToFolderId><t:DistinguishedFolderId Id="drafts"/></m:ToFolderId><m:FolderIds>${f}</m:FolderIds></m:MoveFolder>`,
  },
  {
    operation: 'CopyFolder',
    what: 'copies her Drafts into',
    request: (f) =>
      `<m:CopyFolder><m:ToFolderId>${f}</m:ToFolderId><m:FolderIds><t:DistinguishedFolderId Id="drafts"/></m:FolderIds></m:CopyFolder>`,
  },
  {
    operation: 'CopyFolder',
    what: 'copies into her Drafts',
    request: (f) =>
      `<m:CopyFolder><m:ToFolderId><t:DistinguishedFolderId Id="drafts"/></m:ToFolderId><m:FolderIds>${f}</m:FolderIds></m:CopyFolder>`,
  },
  {
    operation: 'EmptyFolder',
    what: 'empties, subfolders too,',
    request: (f) =>
      `<m:EmptyFolder DeleteType="HardDelete" DeleteSubFolders="true"><m:FolderIds>${f}</m:FolderIds></m:EmptyFolder>`,
  },
  {
    operation: 'UpdateFolder',
    what: 'renames',
    request: (f) => renameFolderXml(f, 'Renamed by alice'),
  },
  {
    operation: 'MoveItem',
    what: 'moves her own item into',
    request: (f, w) => moveItemXml(f, itemId(w.alice.mail.id)),
  },
  {
    operation: 'CopyItem',
    what: 'copies her own item into',
    request: (f, w) => moveItemXml(f, itemId(w.alice.mail.id), 'CopyItem'),
  },
  {
    operation: 'MarkAllItemsAsRead',
    what: 'marks all read in',
    request: (f) => markAllItemsAsReadXml(f),
  },
  { operation: 'Subscribe', what: 'subscribes to', request: (f) => subscribeXml(f) },
  {
    operation: 'SyncFolderItems',
    what: 'syncs the items of',
    request: (f) => syncFolderItemsXml(f),
  },
  {
    operation: 'SyncFolderHierarchy',
    what: 'syncs the folders below',
    request: (f) => syncFolderHierarchyXml(f),
  },
  {
    operation: 'SendItem',
    what: 'sends her own draft saving its copy in',
    request: (f, w) => sendItemXml(itemId(w.alice.draft.id, w.alice.draft.changeKey), true, f),
  },
  {
    operation: 'UpdateItem',
    what: 'updates and sends her own draft saving its copy in',
    request: (f, w) =>
      `<m:UpdateItem ConflictResolution="AlwaysOverwrite" MessageDisposition="SendAndSaveCopy">` +
      `<m:SavedItemFolderId>${f}</m:SavedItemFolderId><m:ItemChanges>` +
      itemChange(
        itemId(w.alice.draft.id, w.alice.draft.changeKey),
        setItemField('item:Subject', { subject: 'Sent into bob' }),
      ) +
      '</m:ItemChanges></m:UpdateItem>',
  },
]

/** Ways of naming an item of bob's. */
const FOREIGN_ITEMS: { how: string; item: (w: World) => Ref }[] = [
  { how: 'a mail in his Inbox', item: (w) => w.bob.mail },
  {
    how: 'a missed conversation (in his Missed Conversations view)',
    item: (w) => w.bob.missedItem,
  },
  { how: 'a mail in his own folder', item: (w) => w.bob.privateItem },
  { how: 'his draft', item: (w) => w.bob.draft },
]

const withKey = (r: Ref): string => itemId(r.id, r.changeKey)

/** Requests that act on one item of bob's. */
const ITEM_REQUESTS: { operation: string; what: string; request: (i: Ref) => string }[] = [
  { operation: 'GetItem', what: 'reads', request: (i) => getItemXml(itemId(i.id)) },
  {
    operation: 'CreateAttachment',
    what: 'attaches a file to',
    request: (i) =>
      `<m:CreateAttachment><m:ParentItemId Id="${i.id}"/><m:Attachments><t:FileAttachment><t:Name>x</t:Name><t:Content>aGk=</t:Content></t:FileAttachment></m:Attachments></m:CreateAttachment>`,
  },
  {
    operation: 'DeleteAttachment',
    what: 'deletes an attachment of',
    request: (i) =>
      `<m:DeleteAttachment><m:AttachmentIds><t:AttachmentId Id="${encodeAttachmentId(i.id, 1)}"/></m:AttachmentIds></m:DeleteAttachment>`,
  },
  {
    operation: 'GetAttachment',
    what: 'reads an attachment of',
    request: (i) =>
      `<m:GetAttachment><m:AttachmentIds><t:AttachmentId Id="${encodeAttachmentId(i.id, 1)}"/></m:AttachmentIds></m:GetAttachment>`,
  },
  {
    operation: 'UpdateItem',
    what: 'changes the subject of',
    request: (i) =>
      updateItemXml(itemChange(withKey(i), setItemField('item:Subject', { subject: 'Pwned' }))),
  },
  {
    operation: 'UpdateItem',
    what: 'marks read',
    request: (i) =>
      updateItemXml(itemChange(withKey(i), setItemField('message:IsRead', { isRead: true }))),
  },
  {
    operation: 'UpdateItem',
    what: 'sends (SendAndSaveCopy)',
    request: (i) =>
      updateItemXml(
        itemChange(withKey(i), setItemField('item:Subject', { subject: 'Sent by alice' })),
        'AlwaysOverwrite',
        'SendAndSaveCopy',
      ),
  },
  { operation: 'DeleteItem', what: 'hard-deletes', request: (i) => deleteItemXml(itemId(i.id)) },
  {
    operation: 'DeleteItem',
    what: 'soft-deletes',
    request: (i) => deleteItemXml(itemId(i.id), 'SoftDelete'),
  },
  {
    operation: 'DeleteItem',
    what: 'moves to Deleted Items',
    request: (i) => deleteItemXml(itemId(i.id), 'MoveToDeletedItems'),
  },
  {
    operation: 'MoveItem',
    what: 'moves into her own Inbox',
    request: (i) => moveItemXml(distinguished('inbox'), itemId(i.id)),
  },
  {
    operation: 'CopyItem',
    what: 'copies into her own Inbox',
    request: (i) => moveItemXml(distinguished('inbox'), itemId(i.id), 'CopyItem'),
  },
  { operation: 'SendItem', what: 'sends', request: (i) => sendItemXml(withKey(i)) },
]

const CASES: Case[] = [
  ...FOLDER_REQUESTS.flatMap((r) =>
    FOREIGN_FOLDERS.map((t) => ({
      operation: r.operation,
      title: `${r.operation} ${r.what} ${t.how} → ${t.code}`,
      request: (w: World) => r.request(t.ref(w), w),
      code: t.code,
    })),
  ),
  ...ITEM_REQUESTS.flatMap((r) =>
    FOREIGN_ITEMS.map((t) => ({
      operation: r.operation,
      title: `${r.operation} ${r.what} ${t.how} of bob's → ErrorAccessDenied`,
      request: (w: World) => r.request(t.item(w)),
      code: 'ErrorAccessDenied',
    })),
  ),
  ...(['HexEntryId', 'EwsId', 'OwaId'] as const).map((destination) => ({
    operation: 'ConvertId',
    title: `ConvertId of bob's item id to ${destination} converts the id only: no data of bob's`,
    request: (w: World) =>
      `<m:ConvertId DestinationFormat="${destination}"><m:SourceIds>` +
      `<t:AlternateId Format="EwsId" Id="${w.bob.mail.id}" Mailbox="${BOB}"/></m:SourceIds></m:ConvertId>`,
    code: 'NoError',
    echoesIds: true,
  })),
  ...['GetDelegate', 'AddDelegate', 'UpdateDelegate', 'RemoveDelegate'].map((operation) => ({
    operation,
    title: `${operation} of bob's mailbox → ErrorAccessDenied`,
    request: () =>
      `<m:${operation}${operation === 'GetDelegate' ? ' IncludePermissions="true"' : ''}><m:Mailbox><t:EmailAddress>${BOB}</t:EmailAddress></m:Mailbox>` +
      (operation === 'GetDelegate' || operation === 'RemoveDelegate'
        ? `<m:UserIds><t:UserId><t:PrimarySmtpAddress>${ALICE}</t:PrimarySmtpAddress></t:UserId></m:UserIds>`
        : `<m:DelegateUsers><t:DelegateUser><t:UserId><t:PrimarySmtpAddress>${ALICE}</t:PrimarySmtpAddress></t:UserId></t:DelegateUser></m:DelegateUsers>`) +
      `</m:${operation}>`,
    code: 'ErrorAccessDenied' as const,
  })),
  {
    operation: 'GetServerTimeZones',
    title: 'GetServerTimeZones names no mailbox: the zones, nothing of bob’s',
    request: () => '<m:GetServerTimeZones ReturnFullTimeZoneData="false"/>',
    code: 'NoError',
  },
  {
    operation: 'GetItem',
    title: "GetItem of an occurrence of bob's item (OccurrenceItemId) → ErrorAccessDenied",
    request: (w) =>
      `<m:GetItem><m:ItemShape><t:BaseShape>AllProperties</t:BaseShape></m:ItemShape><m:ItemIds><t:OccurrenceItemId RecurringMasterId="${w.bob.mail.id}" InstanceIndex="1"/></m:ItemIds></m:GetItem>`,
    code: 'ErrorAccessDenied',
  },
  {
    operation: 'ExpandDL',
    title: "ExpandDL of bob's item id → ErrorAccessDenied",
    request: (w) => `<m:ExpandDL><m:Mailbox>${itemId(w.bob.mail.id)}</m:Mailbox></m:ExpandDL>`,
    code: 'ErrorAccessDenied',
  },
  {
    operation: 'ResolveNames',
    title: "ResolveNames in bob's contacts folder → ErrorAccessDenied",
    request: () =>
      `<m:ResolveNames ReturnFullContactData="true"><m:ParentFolderIds>${distinguishedIn('contacts', BOB)}</m:ParentFolderIds><m:UnresolvedEntry>alice</m:UnresolvedEntry></m:ResolveNames>`,
    code: 'ErrorAccessDenied',
  },
  {
    operation: 'GetInboxRules',
    title: "GetInboxRules of bob's mailbox → ErrorAccessDenied",
    request: () =>
      `<m:GetInboxRules><m:MailboxSmtpAddress>${BOB}</m:MailboxSmtpAddress></m:GetInboxRules>`,
    code: 'ErrorAccessDenied',
  },
  {
    operation: 'UpdateInboxRules',
    title: "UpdateInboxRules moving mail into bob's Inbox → ErrorInboxRulesValidationError",
    request: (w) =>
      '<m:UpdateInboxRules><m:Operations><t:CreateRuleOperation><t:Rule><t:DisplayName>x</t:DisplayName>' +
      '<t:Priority>1</t:Priority><t:IsEnabled>true</t:IsEnabled><t:Actions><t:MoveToFolder>' +
      `<t:FolderId Id="${w.bob.inbox.folderId.id}"/></t:MoveToFolder></t:Actions></t:Rule></t:CreateRuleOperation></m:Operations></m:UpdateInboxRules>`,
    code: 'ErrorInboxRulesValidationError',
    echoesIds: true,
  },
  {
    operation: 'GetUserAvailabilityRequest',
    title:
      "GetUserAvailability DetailedMerged of bob's calendar: his busy time, nothing else of his",
    request: () =>
      `<m:GetUserAvailabilityRequest><m:MailboxDataArray><t:MailboxData><t:Email><t:Address>${BOB}</t:Address></t:Email>` +
      '<t:AttendeeType>Required</t:AttendeeType></t:MailboxData></m:MailboxDataArray><t:FreeBusyViewOptions><t:TimeWindow>' +
      '<t:StartTime>2016-06-13T00:00:00Z</t:StartTime><t:EndTime>2016-06-14T00:00:00Z</t:EndTime></t:TimeWindow>' +
      '<t:RequestedView>DetailedMerged</t:RequestedView></t:FreeBusyViewOptions></m:GetUserAvailabilityRequest>',
    code: 'NoError',
  },
  {
    operation: 'GetUserOofSettingsRequest',
    title: "GetUserOofSettings of bob's mailbox → ErrorAccessDenied",
    request: () =>
      `<m:GetUserOofSettingsRequest><t:Mailbox><t:Address>${BOB}</t:Address></t:Mailbox></m:GetUserOofSettingsRequest>`,
    code: 'ErrorAccessDenied',
  },
  {
    operation: 'SetUserOofSettingsRequest',
    title: "SetUserOofSettings of bob's mailbox → ErrorAccessDenied",
    request: () =>
      `<m:SetUserOofSettingsRequest><t:Mailbox><t:Address>${BOB}</t:Address></t:Mailbox><t:UserOofSettings>` +
      '<t:OofState>Enabled</t:OofState><t:ExternalAudience>All</t:ExternalAudience>' +
      `<t:InternalReply><t:Message>${SECRET}</t:Message></t:InternalReply></t:UserOofSettings></m:SetUserOofSettingsRequest>`,
    code: 'ErrorAccessDenied',
  },
  {
    operation: 'GetEvents',
    title: "GetEvents with bob's subscription id and watermark → ErrorSubscriptionAccessDenied",
    request: (w) => getEventsXml(w.bob.subscription.id, w.bob.subscription.watermark),
    code: 'ErrorSubscriptionAccessDenied',
  },
  {
    operation: 'Unsubscribe',
    title: "Unsubscribe of bob's subscription id → ErrorSubscriptionAccessDenied",
    request: (w) => unsubscribeXml(w.bob.subscription.id),
    code: 'ErrorSubscriptionAccessDenied',
  },
  {
    operation: 'SyncFolderItems',
    title: "SyncFolderItems of her own Inbox from bob's sync state → ErrorInvalidSyncStateData",
    request: (w) => syncFolderItemsXml(distinguished('inbox'), w.bob.itemsState),
    code: 'ErrorInvalidSyncStateData',
  },
  {
    operation: 'SyncFolderItems',
    title: "SyncFolderItems of bob's Inbox id from bob's sync state → ErrorAccessDenied",
    request: (w) => syncFolderItemsXml(folderId(w.bob.inbox.folderId.id), w.bob.itemsState),
    code: 'ErrorAccessDenied',
  },
  {
    operation: 'SyncFolderItems',
    title: "SyncFolderItems of bob's Inbox (t:Mailbox) from bob's sync state → ErrorAccessDenied",
    request: (w) => syncFolderItemsXml(distinguishedIn('inbox', BOB), w.bob.itemsState),
    code: 'ErrorAccessDenied',
  },
  {
    operation: 'SyncFolderHierarchy',
    title: "SyncFolderHierarchy of her mailbox from bob's sync state → ErrorInvalidSyncStateData",
    request: (w) => syncFolderHierarchyXml(undefined, w.bob.hierarchyState),
    code: 'ErrorInvalidSyncStateData',
  },
  {
    operation: 'SyncFolderHierarchy',
    title: "SyncFolderHierarchy of her root from bob's sync state → ErrorInvalidSyncStateData",
    request: (w) => syncFolderHierarchyXml(distinguished('root'), w.bob.hierarchyState),
    code: 'ErrorInvalidSyncStateData',
  },
  {
    operation: 'SyncFolderHierarchy',
    title: "SyncFolderHierarchy of bob's root id from bob's sync state → ErrorAccessDenied",
    request: (w) => syncFolderHierarchyXml(folderId(w.bob.root.folderId.id), w.bob.hierarchyState),
    code: 'ErrorAccessDenied',
  },
]

describe('Mailbox isolation: alice never reaches bob’s mailbox', function () {
  let w: World
  let bobBefore: string
  let storeBefore: string
  // A world is rebuilt only after a test that may have changed it: the matrix cases change nothing
  // when they pass, so they share one (a failing case leaves the next a fresh world).
  let dirty = true
  beforeEach(async () => {
    if (dirty) {
      w = await makeWorld()
      bobBefore = mailboxSnapshot(w.ews, BOB)
      storeBefore = storeSnapshot(w.ews)
    }
    dirty = true
  })

  it('the matrix covers every operation of the registry', () => {
    expect([...new Set(CASES.map((c) => c.operation))].sort()).to.deep.equal([
      ...SUPPORTED_OPERATIONS,
    ])
  })

  for (const c of CASES) {
    it(c.title, async () => {
      const res = await call(w.ews.app, c.request(w))
      expect(codesOf(res), res.text).to.have.length.greaterThan(0)
      expect(new Set(codesOf(res)), res.text).to.deep.equal(new Set([c.code]))
      expect(res.text, 'the answer carries bob’s data').not.to.include(SECRET)
      if (!c.echoesIds)
        expect(bobIdsIn(res, w), 'the answer names bob’s folders or items').to.deep.equal([])
      expect(mailboxSnapshot(w.ews, BOB), 'bob’s mailbox changed').to.equal(bobBefore)
      expect(storeSnapshot(w.ews), 'the store changed').to.equal(storeBefore)
      dirty = false
    })
  }

  it("a GetItem of alice's item and bob's answers hers and refuses his, in order", async () => {
    const res = await call(w.ews.app, getItemXml(itemId(w.alice.mail.id) + itemId(w.bob.mail.id)))
    expect(res.codes()).to.deep.equal(['NoError', 'ErrorAccessDenied'])
    expect(res.value('//m:Items/t:Message/t:Subject')).to.equal('Mine')
    expect(res.text).not.to.include(SECRET)
    expect(mailboxSnapshot(w.ews, BOB)).to.equal(bobBefore)
  })

  it("a MoveItem of alice's item and bob's to her Deleted Items moves hers only", async () => {
    const res = await call(
      w.ews.app,
      moveItemXml(distinguished('deleteditems'), itemId(w.alice.mail.id) + itemId(w.bob.mail.id)),
    )
    expect(res.codes()).to.deep.equal(['NoError', 'ErrorAccessDenied'])
    const moved = w.ews.store.getDistinguishedFolder(ALICE, 'deleteditems')
    expect(moved.totalCount).to.equal(1)
    expect(mailboxSnapshot(w.ews, BOB)).to.equal(bobBefore)
  })

  it('bob’s subscription survives alice’s GetEvents and Unsubscribe with its events unread', async () => {
    await call(w.ews.app, getEventsXml(w.bob.subscription.id, w.bob.subscription.watermark))
    await call(w.ews.app, unsubscribeXml(w.bob.subscription.id))
    const res = await call(
      w.ews.app,
      getEventsXml(w.bob.subscription.id, w.bob.subscription.watermark),
      BOB,
    )
    expect(res.codes()).to.deep.equal(['NoError'])
    expect(res.select('//m:Notification/t:CreatedEvent')).to.have.length(1)
  })

  it('alice’s subscription to all her folders gets no event of bob’s mailbox', async () => {
    const sub = await call(w.ews.app, subscribeXml('all'))
    const id = sub.value('//m:SubscriptionId')
    const mark = sub.value('//m:SubscribeResponseMessage/m:Watermark')
    await call(w.ews.app, createItemXml('SaveOnly', messageXml({ subject: 'Bob note' })), BOB)
    await call(w.ews.app, markAllItemsAsReadXml(distinguished('inbox')), BOB)
    const res = await call(w.ews.app, getEventsXml(id, mark))
    expect(res.codes()).to.deep.equal(['NoError'])
    expect(res.select('//m:Notification/*[t:ItemId]')).to.have.length(0)
    expect(res.select('//m:Notification/t:StatusEvent')).to.have.length(1)
  })

  it('a sync state alice forges from bob’s (his folder id swapped for hers) names nothing of bob’s', async () => {
    const state = JSON.parse(Buffer.from(w.bob.itemsState, 'base64').toString('utf8')) as Record<
      string,
      unknown
    >
    const aliceInbox = w.ews.store.getDistinguishedFolder(ALICE, 'inbox').folderId.id
    const forged = Buffer.from(JSON.stringify({ ...state, f: aliceInbox })).toString('base64')
    const res = await call(w.ews.app, syncFolderItemsXml(distinguished('inbox'), forged))
    // Either refused, or a sync of alice's own Inbox: never one of bob's items.
    expect(['NoError', 'ErrorInvalidSyncStateData']).to.include(res.codes()[0])
    expect(res.text).not.to.include(SECRET)
    expect(bobIdsIn(res, w)).to.deep.equal([])
    expect(mailboxSnapshot(w.ews, BOB)).to.equal(bobBefore)
  })

  it('alice cannot send a message whose From is bob: ErrorSendAsDenied, nothing sent', async () => {
    const spoof =
      '<t:Message><t:Subject>From bob, honestly</t:Subject>' +
      `<t:ToRecipients><t:Mailbox><t:EmailAddress>${CAROL}</t:EmailAddress></t:Mailbox></t:ToRecipients>` +
      `<t:From><t:Mailbox><t:EmailAddress>${BOB}</t:EmailAddress></t:Mailbox></t:From></t:Message>`
    const res = await call(w.ews.app, createItemXml('SendAndSaveCopy', spoof))
    expect(res.codes()).to.deep.equal(['ErrorSendAsDenied'])
    expect(storeSnapshot(w.ews)).to.equal(storeBefore)
  })

  it('the world is what the matrix assumes: bob reaches all of it himself', async () => {
    // The same requests as bob succeed, so the refusals above come from ownership, nothing else.
    const get = await call(w.ews.app, getItemXml(itemId(w.bob.mail.id)), BOB)
    expect(get.codes()).to.deep.equal(['NoError'])
    expect(get.text).to.include(SECRET)
    const missed = await call(w.ews.app, findItemXml(folderId(w.bob.missed.folderId.id)), BOB)
    expect(missed.codes()).to.deep.equal(['NoError'])
    expect(missed.select('//t:Items/t:Message')).to.have.length(1)
    const mailbox = await call(w.ews.app, getFolderXml(distinguishedIn('inbox', BOB)), BOB)
    expect(mailbox.codes()).to.deep.equal(['NoError'])
    const sync = await call(
      w.ews.app,
      syncFolderItemsXml(distinguished('inbox'), w.bob.itemsState),
      BOB,
    )
    expect(sync.codes()).to.deep.equal(['NoError'])
  })
})
