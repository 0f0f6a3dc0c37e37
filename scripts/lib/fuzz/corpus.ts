/** The corpus: valid requests as real clients send them, the seeds of every case. */
import type { Rng } from './rng.ts'
import { ewsJs, exchangelib, fields, FOLDER_FIELDS, ITEM_FIELDS, mailboxEl } from './envelopes.ts'
import type { CorpusEntry, CorpusIds } from './envelopes.ts'

/**
 * Valid requests over every kind of operation; `rng` picks which of the mailbox's items each one
 * names, so that a stale id (an item moved or deleted by an earlier request) is not the rule.
 */
export function corpus(ids: CorpusIds, rng: Rng): CorpusEntry[] {
  const dist = (name: string): string =>
    `<t:DistinguishedFolderId Id="${name}">${mailboxEl(ids.user)}</t:DistinguishedFolderId>`
  const item = (): string => `<t:ItemId Id="${rng.pick(ids.inboxItems)}"/>`
  const draft = rng.pick(ids.drafts)
  const message = (subject: string): string =>
    `<t:Message><t:ItemClass>IPM.Note</t:ItemClass><t:Subject>${subject}</t:Subject>` +
    `<t:Body BodyType="HTML">&lt;p&gt;${subject}&lt;/p&gt;</t:Body><t:Importance>Normal</t:Importance>` +
    `<t:ToRecipients>${mailboxEl(ids.user)}</t:ToRecipients><t:IsRead>false</t:IsRead></t:Message>`
  return [
    {
      name: 'exchangelib ConvertId probe',
      body: exchangelib(
        '<m:ConvertId DestinationFormat="EntryId"><m:SourceIds><t:AlternateId Id="DUMMY" Format="EwsId" Mailbox="DUMMY"/></m:SourceIds></m:ConvertId>',
      ),
    },
    {
      name: 'exchangelib GetFolder',
      body: exchangelib(
        `<m:GetFolder><m:FolderShape><t:BaseShape>IdOnly</t:BaseShape>${FOLDER_FIELDS}</m:FolderShape>` +
          `<m:FolderIds>${dist('inbox')}${dist('drafts')}${dist('conversationhistory')}</m:FolderIds></m:GetFolder>`,
      ),
    },
    {
      name: 'exchangelib FindFolder',
      body: exchangelib(
        `<m:FindFolder Traversal="Deep"><m:FolderShape><t:BaseShape>IdOnly</t:BaseShape>${FOLDER_FIELDS}</m:FolderShape>` +
          '<m:IndexedPageFolderView MaxEntriesReturned="100" Offset="0" BasePoint="Beginning"/>' +
          `<m:ParentFolderIds>${dist('msgfolderroot')}</m:ParentFolderIds></m:FindFolder>`,
      ),
    },
    {
      name: 'exchangelib FindItem',
      body: exchangelib(
        `<m:FindItem Traversal="Shallow"><m:ItemShape><t:BaseShape>IdOnly</t:BaseShape>${fields('item:Subject', 'item:DateTimeReceived', 'message:IsRead')}</m:ItemShape>` +
          '<m:IndexedPageItemView MaxEntriesReturned="10" Offset="0" BasePoint="Beginning"/>' +
          '<m:Restriction><t:IsEqualTo><t:FieldURI FieldURI="message:IsRead"/><t:FieldURIOrConstant><t:Constant Value="false"/></t:FieldURIOrConstant></t:IsEqualTo></m:Restriction>' +
          '<m:SortOrder><t:FieldOrder Order="Descending"><t:FieldURI FieldURI="item:DateTimeReceived"/></t:FieldOrder></m:SortOrder>' +
          `<m:ParentFolderIds>${dist('inbox')}</m:ParentFolderIds></m:FindItem>`,
      ),
    },
    {
      name: 'exchangelib GetItem',
      body: exchangelib(
        `<m:GetItem><m:ItemShape><t:BaseShape>IdOnly</t:BaseShape>${ITEM_FIELDS}</m:ItemShape>` +
          `<m:ItemIds>${item()}${item()}</m:ItemIds></m:GetItem>`,
      ),
    },
    {
      name: 'exchangelib CreateItem SaveOnly',
      body: exchangelib(
        `<m:CreateItem MessageDisposition="SaveOnly"><m:SavedItemFolderId>${dist('drafts')}</m:SavedItemFolderId>` +
          `<m:Items>${message('Draft')}</m:Items></m:CreateItem>`,
      ),
    },
    {
      name: 'exchangelib SyncFolderItems',
      body: exchangelib(
        `<m:SyncFolderItems><m:ItemShape><t:BaseShape>IdOnly</t:BaseShape>${ITEM_FIELDS}</m:ItemShape>` +
          `<m:SyncFolderId>${dist('inbox')}</m:SyncFolderId>` +
          (rng.chance(0.5) ? `<m:SyncState>${ids.syncState}</m:SyncState>` : '') +
          '<m:MaxChangesReturned>100</m:MaxChangesReturned></m:SyncFolderItems>',
      ),
    },
    {
      name: 'exchangelib SyncFolderHierarchy',
      body: exchangelib(
        `<m:SyncFolderHierarchy><m:FolderShape><t:BaseShape>IdOnly</t:BaseShape>${FOLDER_FIELDS}</m:FolderShape>` +
          `<m:SyncFolderId>${dist('root')}</m:SyncFolderId></m:SyncFolderHierarchy>`,
      ),
    },
    {
      name: 'ews-javascript-api CreateItem SendAndSaveCopy',
      body: ewsJs(
        '<m:CreateItem MessageDisposition="SendAndSaveCopy"><m:SavedItemFolderId><t:DistinguishedFolderId Id="sentitems"/></m:SavedItemFolderId>' +
          `<m:Items>${message('Sent')}</m:Items></m:CreateItem>`,
      ),
    },
    {
      name: 'ews-javascript-api UpdateItem',
      body: ewsJs(
        '<m:UpdateItem ConflictResolution="AutoResolve" MessageDisposition="SaveOnly"><m:ItemChanges><t:ItemChange>' +
          `<t:ItemId Id="${draft.id}" ChangeKey="${draft.changeKey}"/><t:Updates>` +
          '<t:SetItemField><t:FieldURI FieldURI="item:Subject"/><t:Message><t:Subject>Changed</t:Subject></t:Message></t:SetItemField>' +
          '<t:SetItemField><t:FieldURI FieldURI="message:IsRead"/><t:Message><t:IsRead>true</t:IsRead></t:Message></t:SetItemField>' +
          '<t:AppendToItemField><t:FieldURI FieldURI="item:Body"/><t:Message><t:Body BodyType="Text">more</t:Body></t:Message></t:AppendToItemField>' +
          '<t:DeleteItemField><t:FieldURI FieldURI="item:Categories"/></t:DeleteItemField>' +
          '</t:Updates></t:ItemChange></m:ItemChanges></m:UpdateItem>',
      ),
    },
    {
      name: 'ews-javascript-api MoveItem',
      body: ewsJs(
        '<m:MoveItem><m:ToFolderId><t:DistinguishedFolderId Id="deleteditems"/></m:ToFolderId>' +
          `<m:ItemIds>${item()}</m:ItemIds><m:ReturnNewItemIds>true</m:ReturnNewItemIds></m:MoveItem>`,
      ),
    },
    {
      name: 'ews-javascript-api CopyItem',
      body: ewsJs(
        `<m:CopyItem><m:ToFolderId><t:FolderId Id="${ids.folderId}"/></m:ToFolderId>` +
          `<m:ItemIds>${item()}</m:ItemIds></m:CopyItem>`,
      ),
    },
    {
      name: 'ews-javascript-api DeleteItem',
      body: ewsJs(
        '<m:DeleteItem DeleteType="MoveToDeletedItems" SendMeetingCancellations="SendToNone" AffectedTaskOccurrences="AllOccurrences">' +
          `<m:ItemIds>${item()}</m:ItemIds></m:DeleteItem>`,
      ),
    },
    {
      name: 'ews-javascript-api SendItem',
      body: ewsJs(
        `<m:SendItem SaveItemToFolder="true"><m:ItemIds><t:ItemId Id="${draft.id}" ChangeKey="${draft.changeKey}"/></m:ItemIds>` +
          '<m:SavedItemFolderId><t:DistinguishedFolderId Id="sentitems"/></m:SavedItemFolderId></m:SendItem>',
      ),
    },
    {
      name: 'ews-javascript-api CreateFolder',
      body: ewsJs(
        '<m:CreateFolder><m:ParentFolderId><t:DistinguishedFolderId Id="msgfolderroot"/></m:ParentFolderId>' +
          `<m:Folders><t:Folder><t:FolderClass>IPF.Note</t:FolderClass><t:DisplayName>Fuzz ${rng.int(1000)}</t:DisplayName></t:Folder></m:Folders></m:CreateFolder>`,
      ),
    },
    {
      name: 'ews-javascript-api UpdateFolder',
      body: ewsJs(
        `<m:UpdateFolder><m:FolderChanges><t:FolderChange><t:FolderId Id="${ids.folderId}"/><t:Updates>` +
          '<t:SetFolderField><t:FieldURI FieldURI="folder:DisplayName"/><t:Folder><t:DisplayName>Renamed</t:DisplayName></t:Folder></t:SetFolderField>' +
          '</t:Updates></t:FolderChange></m:FolderChanges></m:UpdateFolder>',
      ),
    },
    {
      name: 'ews-javascript-api DeleteFolder',
      body: ewsJs(
        `<m:DeleteFolder DeleteType="SoftDelete"><m:FolderIds><t:FolderId Id="${ids.folderId}"/></m:FolderIds></m:DeleteFolder>`,
      ),
    },
    {
      name: 'ews-javascript-api MarkAllItemsAsRead',
      body: ewsJs(
        '<m:MarkAllItemsAsRead><m:ReadFlag>true</m:ReadFlag><m:SuppressReadReceipts>true</m:SuppressReadReceipts>' +
          '<m:FolderIds><t:DistinguishedFolderId Id="inbox"/></m:FolderIds></m:MarkAllItemsAsRead>',
      ),
    },
    {
      name: 'ews-javascript-api Subscribe',
      body: ewsJs(
        '<m:Subscribe><m:PullSubscriptionRequest><t:FolderIds><t:DistinguishedFolderId Id="inbox"/></t:FolderIds>' +
          '<t:EventTypes><t:EventType>NewMailEvent</t:EventType><t:EventType>CreatedEvent</t:EventType><t:EventType>MovedEvent</t:EventType></t:EventTypes>' +
          '<t:Timeout>30</t:Timeout></m:PullSubscriptionRequest></m:Subscribe>',
      ),
    },
    {
      name: 'ews-javascript-api GetEvents',
      body: ewsJs(
        `<m:GetEvents><m:SubscriptionId>${ids.subscriptionId}</m:SubscriptionId><m:Watermark>${ids.watermark}</m:Watermark></m:GetEvents>`,
      ),
    },
  ]
}
