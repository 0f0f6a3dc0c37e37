// The schema conformance check (scripts/lib/ews-schema.ts) on answers to a request of every kind,
// and on answers broken on purpose, so the check itself is shown to catch what it must.
// Schema folder: $EWS_SCHEMA_DIR, or ../shared/ews-schema beside the project (test/helpers/needs.ts).
import { expect } from 'chai'
import { checkResponses, loadSchemaFolder } from '../../scripts/lib/ews-schema.ts'
import type { SchemaFiles } from '../../scripts/lib/ews-schema.ts'
import {
  answer,
  call,
  createFolderIn,
  distinguished,
  envelope,
  folderIdOf,
  getFolderXml,
  post,
  testApp,
} from '../helpers/ews.ts'
import type { SoapAnswer } from '../helpers/ews.ts'
import { needsSchema } from '../helpers/needs.ts'
import { calendarAnswers, meetingAnswers } from './calendar-answers.ts'
import { availabilityAnswers } from './availability-answers.ts'
import { demoTopology } from '../../mock-ews/topology/topology.ts'

describe('EWS schema conformance', function () {
  this.timeout(60_000)
  let schema: SchemaFiles
  before(function () {
    schema = loadSchemaFolder(needsSchema(this, 'the EWS schema conformance test'))
  })

  it('validates the answer to a request of every supported kind, success and error', async () => {
    // Alan Woods beside Alice Wood makes "wood" ambiguous for ResolveNames.
    const topology = demoTopology()
    const contoso = topology.organisations[0]!
    contoso.users.push({
      ...contoso.users[0]!,
      address: 'alan@contoso.com',
      displayName: 'Alan Woods',
    })
    contoso.groups = [
      { address: 'team@contoso.com', displayName: 'Team', members: ['bob@contoso.com'] },
    ]
    const ews = testApp({ topology })
    const answers: { name: string; xml: string }[] = []
    const send = async (name: string, op: string): Promise<void> => {
      answers.push({ name, xml: (await call(ews.app, op)).text })
    }
    const root = distinguished('root')
    const inbox = distinguished('inbox')
    const folderId = await createFolderIn(ews.app, inbox, 'Reports')
    await send(
      'GetFolder AllProperties, every well-known folder',
      getFolderXml(
        distinguished(
          'root',
          'msgfolderroot',
          'inbox',
          'calendar',
          'contacts',
          'tasks',
          'searchfolders',
          'conversationhistory',
          'archiveroot',
        ),
        'AllProperties',
        '<t:AdditionalProperties><t:FieldURI FieldURI="folder:DistinguishedFolderId"/></t:AdditionalProperties>',
      ),
    )
    await send(
      'GetFolder errors',
      getFolderXml('<t:FolderId Id="AAAA"/><t:FolderId Id=""/>', 'IdOnly'),
    )
    await send(
      'FindFolder Deep AllProperties',
      `<m:FindFolder Traversal="Deep"><m:FolderShape><t:BaseShape>AllProperties</t:BaseShape></m:FolderShape><m:ParentFolderIds>${root}</m:ParentFolderIds></m:FindFolder>`,
    )
    await send(
      'FindFolder fractional',
      `<m:FindFolder Traversal="Shallow"><m:FolderShape><t:BaseShape>Default</t:BaseShape></m:FolderShape><m:FractionalPageFolderView MaxEntriesReturned="3" Numerator="1" Denominator="2"/><m:ParentFolderIds>${root}</m:ParentFolderIds></m:FindFolder>`,
    )
    await send(
      'FindFolder error',
      `<m:FindFolder Traversal="SoftDeleted"><m:FolderShape><t:BaseShape>IdOnly</t:BaseShape></m:FolderShape><m:ParentFolderIds>${inbox}</m:ParentFolderIds></m:FindFolder>`,
    )
    await send(
      'CreateFolder + ErrorFolderExists',
      `<m:CreateFolder><m:ParentFolderId>${inbox}</m:ParentFolderId><m:Folders><t:CalendarFolder><t:DisplayName>Cal</t:DisplayName></t:CalendarFolder><t:Folder><t:DisplayName>Reports</t:DisplayName></t:Folder></m:Folders></m:CreateFolder>`,
    )
    await send(
      'UpdateFolder',
      `<m:UpdateFolder><m:FolderChanges><t:FolderChange><t:FolderId Id="${folderId}"/><t:Updates><t:SetFolderField><t:FieldURI FieldURI="folder:DisplayName"/><t:Folder><t:DisplayName>Reports 2</t:DisplayName></t:Folder></t:SetFolderField></t:Updates></t:FolderChange></m:FolderChanges></m:UpdateFolder>`,
    )
    await send(
      'SyncFolderHierarchy',
      `<m:SyncFolderHierarchy><m:FolderShape><t:BaseShape>AllProperties</t:BaseShape></m:FolderShape></m:SyncFolderHierarchy>`,
    )
    await send(
      'SyncFolderHierarchy bad state',
      `<m:SyncFolderHierarchy><m:FolderShape><t:BaseShape>IdOnly</t:BaseShape></m:FolderShape><m:SyncState>bm9wZQ==</m:SyncState></m:SyncFolderHierarchy>`,
    )
    await send(
      'DeleteFolder + distinguished',
      `<m:DeleteFolder DeleteType="HardDelete"><m:FolderIds><t:FolderId Id="${folderId}"/>${inbox}</m:FolderIds></m:DeleteFolder>`,
    )
    await send(
      'SyncFolderHierarchy with a delete',
      `<m:SyncFolderHierarchy><m:FolderShape><t:BaseShape>IdOnly</t:BaseShape></m:FolderShape><m:SyncFolderId>${distinguished('msgfolderroot')}</m:SyncFolderId></m:SyncFolderHierarchy>`,
    )
    const draftsId = await folderIdOf(ews.app, 'drafts')
    await send(
      'ConvertId',
      `<m:ConvertId DestinationFormat="HexEntryId"><m:SourceIds><t:AlternateId Format="EwsId" Id="${draftsId}" Mailbox="alice@contoso.com"/><t:AlternateId Format="EwsId" Id="DUMMY" Mailbox="DUMMY"/></m:SourceIds></m:ConvertId>`,
    )
    const sub = await call(
      ews.app,
      `<m:Subscribe><m:PullSubscriptionRequest SubscribeToAllFolders="true"><t:EventTypes><t:EventType>NewMailEvent</t:EventType><t:EventType>CreatedEvent</t:EventType><t:EventType>MovedEvent</t:EventType><t:EventType>CopiedEvent</t:EventType><t:EventType>ModifiedEvent</t:EventType><t:EventType>DeletedEvent</t:EventType></t:EventTypes><t:Timeout>10</t:Timeout></m:PullSubscriptionRequest></m:Subscribe>`,
    )
    answers.push({ name: 'Subscribe', xml: sub.text })
    const subscriptionId = sub.value('//m:SubscriptionId')
    const watermark = sub.value('//m:Watermark')
    await send(
      'GetEvents, nothing happened',
      `<m:GetEvents><m:SubscriptionId>${subscriptionId}</m:SubscriptionId><m:Watermark>${watermark}</m:Watermark></m:GetEvents>`,
    )
    const message = (cls: string, to: string): string =>
      `<t:Message><t:ItemClass>${cls}</t:ItemClass><t:Subject>s &amp; t</t:Subject><t:Body BodyType="HTML">&lt;p&gt;hi&lt;/p&gt;</t:Body><t:Importance>High</t:Importance><t:Categories><t:String>Blue</t:String></t:Categories><t:ToRecipients><t:Mailbox><t:Name>X</t:Name><t:EmailAddress>${to}</t:EmailAddress></t:Mailbox></t:ToRecipients><t:CcRecipients><t:Mailbox><t:EmailAddress>carol@fabrikam.com</t:EmailAddress></t:Mailbox></t:CcRecipients></t:Message>`
    const draft = await call(
      ews.app,
      `<m:CreateItem MessageDisposition="SaveOnly"><m:Items>${message('IPM.Note', 'bob@contoso.com')}</m:Items></m:CreateItem>`,
    )
    answers.push({ name: 'CreateItem SaveOnly', xml: draft.text })
    const draftId = draft.value('//t:ItemId/@Id')
    const draftKey = draft.value('//t:ItemId/@ChangeKey')
    await send(
      'CreateItem SendAndSaveCopy with an NDR',
      `<m:CreateItem MessageDisposition="SendAndSaveCopy"><m:SavedItemFolderId>${distinguished('conversationhistory')}</m:SavedItemFolderId><m:Items>${message('IPM.Note.Microsoft.Missed', 'nobody@contoso.com')}${message('IPM.Note', 'bob@contoso.com')}<t:PostItem/></m:Items></m:CreateItem>`,
    )
    const allProps =
      '<m:ItemShape><t:BaseShape>AllProperties</t:BaseShape><t:BodyType>Text</t:BodyType></m:ItemShape>'
    await send(
      'GetItem AllProperties + errors',
      `<m:GetItem>${allProps}<m:ItemIds><t:ItemId Id="${draftId}"/><t:ItemId Id="AAAA"/></m:ItemIds></m:GetItem>`,
    )
    const tagged = '<t:ExtendedFieldURI PropertyTag="0x1090" PropertyType="Integer"/>'
    const named =
      '<t:ExtendedFieldURI DistinguishedPropertySetId="PublicStrings" PropertyName="Tags" PropertyType="StringArray"/>'
    const withExtended = await call(
      ews.app,
      `<m:CreateItem MessageDisposition="SaveOnly"><m:Items><t:Message><t:Subject>x</t:Subject><t:ExtendedProperty>${tagged}<t:Value>2</t:Value></t:ExtendedProperty><t:ExtendedProperty>${named}<t:Values><t:Value>a</t:Value><t:Value>b</t:Value></t:Values></t:ExtendedProperty></t:Message><t:Message><t:ExtendedProperty>${tagged}<t:Value>two</t:Value></t:ExtendedProperty></t:Message></m:Items></m:CreateItem>`,
    )
    answers.push({ name: 'CreateItem with extended properties', xml: withExtended.text })
    const withHeaders = await call(
      ews.app,
      '<m:CreateItem MessageDisposition="SaveOnly"><m:Items><t:Message><t:Subject>RE: x</t:Subject><t:Sensitivity>Private</t:Sensitivity><t:InReplyTo>&lt;a@b&gt;</t:InReplyTo><t:Flag><t:FlagStatus>Flagged</t:FlagStatus><t:StartDate>2016-06-10T09:00:00Z</t:StartDate><t:DueDate>2016-06-11T09:00:00Z</t:DueDate></t:Flag><t:IsReadReceiptRequested>true</t:IsReadReceiptRequested><t:IsDeliveryReceiptRequested>true</t:IsDeliveryReceiptRequested><t:References>&lt;a@b&gt;</t:References><t:ReplyTo><t:Mailbox><t:Name>T</t:Name><t:EmailAddress>team@contoso.com</t:EmailAddress></t:Mailbox></t:ReplyTo></t:Message></m:Items></m:CreateItem>',
    )
    await call(
      ews.app,
      '<m:CreateItem MessageDisposition="SendAndSaveCopy"><m:Items><t:Message><t:Subject>Views</t:Subject><t:Body BodyType="HTML">&lt;p&gt;Hi&lt;/p&gt;</t:Body><t:ToRecipients><t:Mailbox><t:EmailAddress>bob@contoso.com</t:EmailAddress></t:Mailbox></t:ToRecipients></t:Message></m:Items></m:CreateItem>',
    )
    const sentViews = await call(
      ews.app,
      `<m:FindItem Traversal="Shallow"><m:ItemShape><t:BaseShape>IdOnly</t:BaseShape><t:AdditionalProperties><t:FieldURI FieldURI="item:Preview"/></t:AdditionalProperties></m:ItemShape><m:ParentFolderIds>${distinguished('sentitems')}</m:ParentFolderIds></m:FindItem>`,
    )
    answers.push({ name: 'FindItem with Preview', xml: sentViews.text })
    await send(
      'GetItem AllProperties with TextBody, UniqueBody, Preview, InternetMessageHeaders',
      `<m:GetItem><m:ItemShape><t:BaseShape>AllProperties</t:BaseShape><t:AdditionalProperties><t:FieldURI FieldURI="item:TextBody"/><t:FieldURI FieldURI="item:UniqueBody"/><t:FieldURI FieldURI="item:Preview"/><t:FieldURI FieldURI="item:InternetMessageHeaders"/></t:AdditionalProperties></m:ItemShape><m:ItemIds><t:ItemId Id="${sentViews.value('//t:Items/t:Message[1]/t:ItemId/@Id')}"/></m:ItemIds></m:GetItem>`,
    )
    await send(
      'CreateItem ReplyAllToItem and a ReplyToItem without ReferenceItemId',
      `<m:CreateItem MessageDisposition="SaveOnly"><m:Items><t:ReplyAllToItem><t:ReferenceItemId Id="${withHeaders.value('//t:ItemId/@Id')}"/><t:NewBodyContent BodyType="HTML">&lt;p&gt;ok&lt;/p&gt;</t:NewBodyContent></t:ReplyAllToItem><t:ReplyToItem/></m:Items></m:CreateItem>`,
    )
    await send(
      'GetItem AllProperties with message header fields',
      `<m:GetItem><m:ItemShape><t:BaseShape>AllProperties</t:BaseShape></m:ItemShape><m:ItemIds><t:ItemId Id="${withHeaders.value('//t:ItemId/@Id')}"/></m:ItemIds></m:GetItem>`,
    )
    const bobBox = '<t:Mailbox><t:EmailAddress>bob@contoso.com</t:EmailAddress></t:Mailbox>'
    const withExtras = await post(
      ews.app,
      envelope(
        `<m:CreateItem MessageDisposition="SaveOnly"><m:Items><t:Message><t:Subject>extras</t:Subject><t:ReminderDueBy>2016-06-12T09:00:00Z</t:ReminderDueBy><t:ReminderIsSet>true</t:ReminderIsSet><t:ReminderMinutesBeforeStart>15</t:ReminderMinutesBeforeStart><t:Culture>de-DE</t:Culture><t:PolicyTag IsExplicit="true">9c2b4f5e-0d3a-4f7b-8e21-6a3c5d7e9f10</t:PolicyTag><t:ArchiveTag IsExplicit="false">9c2b4f5e-0d3a-4f7b-8e21-6a3c5d7e9f11</t:ArchiveTag><t:InferenceClassification>Other</t:InferenceClassification><t:Sender>${bobBox}</t:Sender><t:IsResponseRequested>true</t:IsResponseRequested></t:Message><t:Message><t:ReceivedBy>${bobBox}</t:ReceivedBy></t:Message></m:Items></m:CreateItem>`,
        'Exchange2016',
      ),
    )
    answers.push({
      name: 'CreateItem reminders, Culture, tags, Sender; ReceivedBy refused',
      xml: withExtras.text,
    })
    const extrasShape = '<m:ItemShape><t:BaseShape>AllProperties</t:BaseShape></m:ItemShape>'
    answers.push({
      name: 'GetItem AllProperties with reminders, Culture, tags, Sender (Exchange2016)',
      xml: (
        await post(
          ews.app,
          envelope(
            `<m:GetItem>${extrasShape}<m:ItemIds><t:ItemId Id="${withExtras.value('//t:ItemId/@Id')}"/></m:ItemIds></m:GetItem>`,
            'Exchange2016',
          ),
        )
      ).text,
    })
    await send(
      'FindItem AllProperties in Drafts (reminders, Culture, tags)',
      `<m:FindItem Traversal="Shallow">${extrasShape}<m:ParentFolderIds>${distinguished('drafts')}</m:ParentFolderIds></m:FindItem>`,
    )
    await send(
      'CreateItem SendAndSaveCopy with another mailbox as Sender',
      `<m:CreateItem MessageDisposition="SendAndSaveCopy"><m:Items><t:Message><t:Subject>as bob</t:Subject><t:Sender>${bobBox}</t:Sender><t:ToRecipients>${bobBox}</t:ToRecipients></t:Message></m:Items></m:CreateItem>`,
    )
    const bobInbox = await call(
      ews.app,
      `<m:FindItem Traversal="Shallow"><m:ItemShape><t:BaseShape>IdOnly</t:BaseShape></m:ItemShape><m:ParentFolderIds>${distinguished('inbox')}</m:ParentFolderIds></m:FindItem>`,
      'bob@contoso.com',
    )
    answers.push({
      name: "GetItem AllProperties of the recipient's copy (Sender, ReceivedBy, ReceivedRepresenting)",
      xml: (
        await call(
          ews.app,
          `<m:GetItem>${extrasShape}<m:ItemIds><t:ItemId Id="${bobInbox.value('//t:Message[1]/t:ItemId/@Id')}"/></m:ItemIds></m:GetItem>`,
          'bob@contoso.com',
        )
      ).text,
    })
    await send(
      'GetItem extended properties',
      `<m:GetItem><m:ItemShape><t:BaseShape>Default</t:BaseShape><t:AdditionalProperties>${tagged}${named}<t:ExtendedFieldURI PropertyTag="0x001A" PropertyType="String"/></t:AdditionalProperties></m:ItemShape><m:ItemIds><t:ItemId Id="${withExtended.value('//t:ItemId/@Id')}"/></m:ItemIds></m:GetItem>`,
    )
    const withAttachment = await call(
      ews.app,
      `<m:CreateItem MessageDisposition="SaveOnly"><m:Items><t:Message><t:Subject>a</t:Subject><t:Attachments><t:FileAttachment><t:Name>a &amp; b.txt</t:Name><t:ContentType>text/plain</t:ContentType><t:ContentId>c@x</t:ContentId><t:IsInline>true</t:IsInline><t:Content>aGk=</t:Content></t:FileAttachment><t:ItemAttachment><t:Name>fw</t:Name><t:Message><t:ItemClass>IPM.Note</t:ItemClass><t:Subject>inner</t:Subject><t:Body BodyType="HTML">&lt;p&gt;x&lt;/p&gt;</t:Body><t:Categories><t:String>Red</t:String></t:Categories><t:Importance>Low</t:Importance><t:ToRecipients><t:Mailbox><t:EmailAddress>bob@contoso.com</t:EmailAddress></t:Mailbox></t:ToRecipients><t:From><t:Mailbox><t:Name>A</t:Name><t:EmailAddress>alice@contoso.com</t:EmailAddress></t:Mailbox></t:From></t:Message></t:ItemAttachment></t:Attachments></t:Message></m:Items></m:CreateItem>`,
    )
    const attachedId = withAttachment.value('//t:ItemId/@Id')
    await send(
      'GetItem AllProperties with an attachment',
      `<m:GetItem>${allProps}<m:ItemIds><t:ItemId Id="${attachedId}"/></m:ItemIds></m:GetItem>`,
    )
    const attachmentId = answers.at(-1)!.xml.match(/AttachmentId Id="([^"]+)"/)![1]!
    const itemAttachmentId = answers
      .at(-1)!
      .xml.match(/ItemAttachment><t:AttachmentId Id="([^"]+)"/)![1]!
    await send(
      'GetAttachment of an item attachment',
      `<m:GetAttachment><m:AttachmentIds><t:AttachmentId Id="${itemAttachmentId}"/></m:AttachmentIds></m:GetAttachment>`,
    )
    await send(
      'GetAttachment + errors',
      `<m:GetAttachment><m:AttachmentShape><t:IncludeMimeContent>true</t:IncludeMimeContent></m:AttachmentShape><m:AttachmentIds><t:AttachmentId Id="${attachmentId}"/><t:AttachmentId Id="AAAA"/></m:AttachmentIds></m:GetAttachment>`,
    )
    await send(
      'GetItem IncludeMimeContent with attachments',
      `<m:GetItem><m:ItemShape><t:BaseShape>AllProperties</t:BaseShape><t:IncludeMimeContent>true</t:IncludeMimeContent></m:ItemShape><m:ItemIds><t:ItemId Id="${attachedId}"/></m:ItemIds></m:GetItem>`,
    )
    await send(
      'GetAttachment IncludeMimeContent of an item attachment',
      `<m:GetAttachment><m:AttachmentShape><t:IncludeMimeContent>true</t:IncludeMimeContent></m:AttachmentShape><m:AttachmentIds><t:AttachmentId Id="${itemAttachmentId}"/></m:AttachmentIds></m:GetAttachment>`,
    )
    const mime = (raw: string): string =>
      `<t:Message><t:MimeContent CharacterSet="UTF-8">${Buffer.from(raw).toString('base64')}</t:MimeContent></t:Message>`
    await send(
      'CreateItem from MimeContent + MIME errors',
      `<m:CreateItem MessageDisposition="SaveOnly"><m:Items>${mime('Subject: m\r\nTo: bob@contoso.com\r\n\r\nhi')}<t:Message><t:MimeContent>!!</t:MimeContent></t:Message>${mime('\r\nno headers')}</m:Items></m:CreateItem>`,
    )
    await send(
      'CreateAttachment + errors',
      `<m:CreateAttachment><m:ParentItemId Id="${attachedId}"/><m:Attachments><t:FileAttachment><t:Name>b</t:Name><t:Content>aGk=</t:Content></t:FileAttachment><t:ItemAttachment><t:Name>m</t:Name></t:ItemAttachment></m:Attachments></m:CreateAttachment>`,
    )
    await send(
      'DeleteAttachment + errors',
      `<m:DeleteAttachment><m:AttachmentIds><t:AttachmentId Id="${attachmentId}"/><t:AttachmentId Id="${attachmentId}"/></m:AttachmentIds></m:DeleteAttachment>`,
    )
    await send(
      'FindItem Default with a restriction and sort',
      `<m:FindItem Traversal="Shallow"><m:ItemShape><t:BaseShape>Default</t:BaseShape></m:ItemShape><m:IndexedPageItemView MaxEntriesReturned="5" Offset="0" BasePoint="Beginning"/><m:Restriction><t:Contains ContainmentMode="Substring" ContainmentComparison="IgnoreCase"><t:FieldURI FieldURI="item:Subject"/><t:Constant Value="S"/></t:Contains></m:Restriction><m:SortOrder><t:FieldOrder Order="Ascending"><t:FieldURI FieldURI="item:Subject"/></t:FieldOrder></m:SortOrder><m:ParentFolderIds>${distinguished('inbox', 'conversationhistory', 'drafts')}</m:ParentFolderIds></m:FindItem>`,
    )
    await send(
      'FindItem AllProperties, unsupported path',
      `<m:FindItem Traversal="Shallow">${allProps}<m:Restriction><t:Exists><t:FieldURI FieldURI="postitem:PostedTime"/></t:Exists></m:Restriction><m:ParentFolderIds>${distinguished('inbox')}</m:ParentFolderIds></m:FindItem>`,
    )
    await send(
      'UpdateItem',
      `<m:UpdateItem ConflictResolution="AutoResolve" MessageDisposition="SaveOnly"><m:ItemChanges><t:ItemChange><t:ItemId Id="${draftId}" ChangeKey="${draftKey}"/><t:Updates><t:SetItemField><t:FieldURI FieldURI="item:Subject"/><t:Message><t:Subject>new</t:Subject></t:Message></t:SetItemField></t:Updates></t:ItemChange><t:ItemChange><t:ItemId Id="${draftId}" ChangeKey="${draftKey}"/><t:Updates><t:DeleteItemField><t:FieldURI FieldURI="item:Categories"/></t:DeleteItemField></t:Updates></t:ItemChange></m:ItemChanges></m:UpdateItem>`,
    )
    const copy = await call(
      ews.app,
      `<m:CopyItem><m:ToFolderId>${distinguished('inbox')}</m:ToFolderId><m:ItemIds><t:ItemId Id="${draftId}"/></m:ItemIds></m:CopyItem>`,
    )
    answers.push({ name: 'CopyItem', xml: copy.text })
    await send(
      'MoveItem',
      `<m:MoveItem><m:ToFolderId>${distinguished('deleteditems')}</m:ToFolderId><m:ItemIds><t:ItemId Id="${copy.value('//t:ItemId/@Id')}"/><t:ItemId Id="${draftId.slice(0, -4)}AAA="/></m:ItemIds></m:MoveItem>`,
    )
    await send(
      'MarkAllItemsAsRead',
      `<m:MarkAllItemsAsRead><m:ReadFlag>true</m:ReadFlag><m:SuppressReadReceipts>true</m:SuppressReadReceipts><m:FolderIds>${distinguished('inbox')}</m:FolderIds></m:MarkAllItemsAsRead>`,
    )
    await send(
      'SyncFolderItems',
      `<m:SyncFolderItems>${allProps}<m:SyncFolderId>${distinguished('inbox')}</m:SyncFolderId><m:MaxChangesReturned>100</m:MaxChangesReturned></m:SyncFolderItems>`,
    )
    await send(
      'SyncFolderItems bad state',
      `<m:SyncFolderItems><m:ItemShape><t:BaseShape>IdOnly</t:BaseShape></m:ItemShape><m:SyncFolderId>${distinguished('inbox')}</m:SyncFolderId><m:SyncState>bm9wZQ==</m:SyncState><m:MaxChangesReturned>1</m:MaxChangesReturned></m:SyncFolderItems>`,
    )
    await send(
      'SendItem',
      `<m:SendItem SaveItemToFolder="true"><m:ItemIds><t:ItemId Id="${draftId}"/></m:ItemIds></m:SendItem>`,
    )
    await send(
      'DeleteItem',
      `<m:DeleteItem DeleteType="HardDelete"><m:ItemIds><t:ItemId Id="${draftId}"/></m:ItemIds></m:DeleteItem>`,
    )
    await send(
      'GetEvents with events',
      `<m:GetEvents><m:SubscriptionId>${subscriptionId}</m:SubscriptionId><m:Watermark>${watermark}</m:Watermark></m:GetEvents>`,
    )
    await send(
      'Unsubscribe',
      `<m:Unsubscribe><m:SubscriptionId>${subscriptionId}</m:SubscriptionId></m:Unsubscribe>`,
    )
    await send(
      'Subscribe streaming',
      `<m:Subscribe><m:StreamingSubscriptionRequest><t:FolderIds>${distinguished('inbox')}</t:FolderIds><t:EventTypes><t:EventType>NewMailEvent</t:EventType></t:EventTypes></m:StreamingSubscriptionRequest></m:Subscribe>`,
    )
    await send(
      'ResolveNames with contact data',
      '<m:ResolveNames ReturnFullContactData="true"><m:UnresolvedEntry>bob</m:UnresolvedEntry></m:ResolveNames>',
    )
    await send(
      'ResolveNames ambiguous',
      '<m:ResolveNames ReturnFullContactData="true"><m:UnresolvedEntry>wood</m:UnresolvedEntry></m:ResolveNames>',
    )
    await send(
      'ResolveNames no results',
      '<m:ResolveNames ReturnFullContactData="false"><m:UnresolvedEntry>zoe</m:UnresolvedEntry></m:ResolveNames>',
    )
    await send(
      'ExpandDL',
      '<m:ExpandDL><m:Mailbox><t:EmailAddress>team@contoso.com</t:EmailAddress></m:Mailbox></m:ExpandDL>',
    )
    await send(
      'ExpandDL no group',
      '<m:ExpandDL><m:Mailbox><t:EmailAddress>bob@contoso.com</t:EmailAddress></m:Mailbox></m:ExpandDL>',
    )
    // Issue 17: contacts, private distribution lists, tasks, out of office.
    const created = async (xml: string): Promise<string> =>
      answer(
        200,
        {},
        (await call(ews.app, `<m:CreateItem><m:Items>${xml}</m:Items></m:CreateItem>`)).text,
      ).value('string(//m:Items/*/t:ItemId/@Id)')
    const contactId = await created(
      '<t:Contact><t:FileAs>Fisher, Dana</t:FileAs><t:GivenName>Dana</t:GivenName><t:CompanyName>Fabrikam</t:CompanyName>' +
        '<t:EmailAddresses><t:Entry Key="EmailAddress1" Name="Dana">dana@fabrikam.com</t:Entry></t:EmailAddresses>' +
        '<t:PhysicalAddresses><t:Entry Key="Business"><t:Street>1 Main St</t:Street><t:PostalCode>1</t:PostalCode></t:Entry></t:PhysicalAddresses>' +
        '<t:PhoneNumbers><t:Entry Key="MobilePhone">+1 555 0100</t:Entry></t:PhoneNumbers>' +
        '<t:Birthday>1980-05-17T11:59:00Z</t:Birthday><t:Children><t:String>Sam</t:String></t:Children>' +
        '<t:Surname>Fisher</t:Surname></t:Contact>',
    )
    const listId = await created(
      '<t:DistributionList><t:DisplayName>Buyers</t:DisplayName><t:Members><t:Member><t:Mailbox>' +
        '<t:Name>Dana</t:Name><t:EmailAddress>dana@fabrikam.com</t:EmailAddress></t:Mailbox></t:Member>' +
        `<t:Member><t:Mailbox><t:ItemId Id="${contactId}"/></t:Mailbox></t:Member></t:Members></t:DistributionList>`,
    )
    const taskId = await created(
      '<t:Task><t:Subject>Report</t:Subject><t:Companies><t:String>Fabrikam</t:String></t:Companies>' +
        '<t:DueDate>2016-06-20T17:00:00Z</t:DueDate><t:PercentComplete>100</t:PercentComplete></t:Task>',
    )
    await send(
      'GetItem AllProperties of a contact, a distribution list and a task',
      `<m:GetItem><m:ItemShape><t:BaseShape>AllProperties</t:BaseShape></m:ItemShape><m:ItemIds><t:ItemId Id="${contactId}"/><t:ItemId Id="${listId}"/><t:ItemId Id="${taskId}"/></m:ItemIds></m:GetItem>`,
    )
    await send(
      'FindItem in Contacts and CreateItem of a bad task',
      `<m:FindItem Traversal="Shallow"><m:ItemShape><t:BaseShape>Default</t:BaseShape></m:ItemShape><m:ParentFolderIds>${distinguished('contacts')}</m:ParentFolderIds></m:FindItem>`,
    )
    await send(
      'CreateItem of a task out of range and a contact with a read-only element',
      '<m:CreateItem><m:Items><t:Task><t:PercentComplete>150</t:PercentComplete></t:Task><t:Contact><t:HasPicture>true</t:HasPicture></t:Contact></m:Items></m:CreateItem>',
    )
    await send(
      'ResolveNames of a contact and a private list, full contact data',
      '<m:ResolveNames ReturnFullContactData="true" SearchScope="ContactsActiveDirectory"><m:UnresolvedEntry>Fisher</m:UnresolvedEntry></m:ResolveNames>',
    )
    await send(
      'ExpandDL of a private distribution list',
      `<m:ExpandDL><m:Mailbox><t:ItemId Id="${listId}"/></m:Mailbox></m:ExpandDL>`,
    )
    await send(
      'SetUserOofSettings',
      '<m:SetUserOofSettingsRequest><t:Mailbox><t:Address>alice@contoso.com</t:Address></t:Mailbox><t:UserOofSettings>' +
        '<t:OofState>Scheduled</t:OofState><t:ExternalAudience>Known</t:ExternalAudience><t:Duration><t:StartTime>2016-06-11T00:00:00Z</t:StartTime>' +
        '<t:EndTime>2016-06-12T00:00:00Z</t:EndTime></t:Duration><t:InternalReply><t:Message>Away</t:Message></t:InternalReply>' +
        '<t:ExternalReply><t:Message>Away</t:Message></t:ExternalReply></t:UserOofSettings></m:SetUserOofSettingsRequest>',
    )
    await send(
      'GetUserOofSettings',
      '<m:GetUserOofSettingsRequest><t:Mailbox><t:Address>alice@contoso.com</t:Address></t:Mailbox></m:GetUserOofSettingsRequest>',
    )
    await send(
      'GetUserOofSettings of another user',
      '<m:GetUserOofSettingsRequest><t:Mailbox><t:Address>bob@contoso.com</t:Address></t:Mailbox></m:GetUserOofSettingsRequest>',
    )
    await calendarAnswers(ews.app, send, (name, xml) => answers.push({ name, xml }))
    await meetingAnswers(ews.app, (name, xml) => answers.push({ name, xml }))
    await availabilityAnswers(ews.app, send)
    await send('unknown operation fault', '<m:Frobnicate/>')
    answers.push({ name: 'schema fault', xml: (await post(ews.app, '<oops')).text })

    // Each kind of answer really was produced: a success, a per-item error and a fault of each shape.
    const codes = answers.map((a) => answer(200, {}, a.xml))
    const byName = (name: string): SoapAnswer => codes[answers.findIndex((a) => a.name === name)]!
    expect(byName('GetEvents with events').select('//t:NewMailEvent')).to.not.have.length(0)
    expect(byName('CreateItem SendAndSaveCopy with an NDR').codes()).to.deep.equal([
      'NoError',
      'NoError',
      'ErrorInvalidRequest',
    ])
    expect(byName('SyncFolderItems').select('//t:Create')).to.not.have.length(0)
    expect(byName('FindItem AllProperties, unsupported path').codes()).to.deep.equal([
      'ErrorUnsupportedPathForQuery',
    ])
    expect(byName('ExpandDL').select('//m:DLExpansion/t:Mailbox')).to.have.length(1)
    expect(byName('ResolveNames ambiguous').codes()).to.deep.equal([
      'ErrorNameResolutionMultipleResults',
    ])
    expect(byName('CreateItem with extended properties').codes()).to.deep.equal([
      'NoError',
      'ErrorInvalidExtendedPropertyValue',
    ])
    expect(byName('GetItem extended properties').select('//t:ExtendedProperty')).to.have.length(3)
    expect(
      byName('GetItem IncludeMimeContent with attachments').select('//t:Message/t:MimeContent'),
    ).to.have.length(1)
    expect(
      byName('GetAttachment IncludeMimeContent of an item attachment').select(
        '//t:ItemAttachment/t:Message/t:MimeContent',
      ),
    ).to.have.length(1)
    expect(byName('CreateItem from MimeContent + MIME errors').codes()).to.deep.equal([
      'NoError',
      'ErrorMimeContentInvalidBase64String',
      'ErrorMimeContentInvalid',
    ])
    expect(
      byName('GetItem AllProperties with message header fields').select(
        '//t:Message/t:ReplyTo/t:Mailbox',
      ),
    ).to.have.length(1)
    expect(
      byName('GetItem AllProperties with message header fields').select(
        '//t:Message/t:ConversationId | //t:Message/t:ConversationIndex | //t:Message/t:Flag/t:DueDate',
      ),
    ).to.have.length(3)
    expect(
      byName(
        'GetItem AllProperties with TextBody, UniqueBody, Preview, InternetMessageHeaders',
      ).select(
        '//t:Message/t:TextBody | //t:Message/t:UniqueBody | //t:Message/t:Preview | //t:Message/t:InternetMessageHeaders',
      ),
    ).to.have.length(4)
    expect(
      byName('CreateItem ReplyAllToItem and a ReplyToItem without ReferenceItemId').codes(),
    ).to.deep.equal(['NoError', 'ErrorMissingInformationReferenceItemId'])
    expect(
      byName('CreateItem reminders, Culture, tags, Sender; ReceivedBy refused').codes(),
    ).to.deep.equal(['NoError', 'ErrorInvalidPropertySet'])
    expect(
      byName('GetItem AllProperties with reminders, Culture, tags, Sender (Exchange2016)').select(
        '//t:Message/t:ReminderNextTime | //t:Message/t:PolicyTag | //t:Message/t:InferenceClassification | //t:Message/t:Culture',
      ),
    ).to.have.length(4)
    expect(
      byName('CreateItem SendAndSaveCopy with another mailbox as Sender').codes(),
    ).to.deep.equal(['ErrorSendAsDenied'])
    expect(
      byName(
        "GetItem AllProperties of the recipient's copy (Sender, ReceivedBy, ReceivedRepresenting)",
      ).select(
        '//t:Message/t:ReceivedBy | //t:Message/t:ReceivedRepresenting | //t:Message/t:Sender',
      ),
    ).to.have.length(3)
    expect(byName('UpdateItem').codes()).to.deep.equal(['NoError', 'ErrorIrresolvableConflict'])
    expect(
      byName('GetItem AllProperties of a contact, a distribution list and a task').select(
        '//t:Contact/t:EmailAddresses | //t:DistributionList/t:Members | //t:Task/t:Status',
      ),
    ).to.have.length(3)
    expect(
      byName('CreateItem of a task out of range and a contact with a read-only element').codes(),
    ).to.deep.equal(['ErrorInvalidPercentCompleteValue', 'ErrorInvalidPropertySet'])
    expect(
      byName('ResolveNames of a contact and a private list, full contact data').select(
        '//t:Resolution/t:Contact/t:EmailAddresses',
      ),
    ).to.have.length(1)
    expect(
      byName('ExpandDL of a private distribution list').select('//m:DLExpansion/t:Mailbox'),
    ).to.have.length(2)
    expect(byName('GetUserOofSettings').value('string(//t:OofSettings/t:OofState)')).to.equal(
      'Scheduled',
    )
    expect(
      byName('GetUserOofSettings of another user').value(
        'string(//m:ResponseMessage/m:ResponseCode)',
      ),
    ).to.equal('ErrorAccessDenied')
    expect(byName('GetServerTimeZones').select('//t:TimeZoneDefinition').length).to.be.above(100)
    expect(byName('FindItem MeetingCancellation').select('//t:MeetingCancellation')).to.have.length(
      1,
    )
    expect(byName('FindItem MeetingResponse').select('//t:MeetingResponse')).to.have.length(1)
    expect(
      byName('FindItem MeetingRequest from iCalendar').select('//t:MeetingRequest'),
    ).to.have.length(1)
    expect(
      byName('GetItem master, occurrence, exception, deleted occurrence').codes(),
    ).to.deep.equal([
      'NoError',
      'NoError',
      'NoError',
      'ErrorCalendarOccurrenceIsDeletedFromRecurrence',
    ])
    expect(
      byName('GetItem CalendarItem AllProperties Exchange2007_SP1 (MeetingTimeZone)').select(
        '//t:CalendarItem/t:MeetingTimeZone/t:Daylight',
      ),
    ).to.have.length(1)
    const availability = byName(
      'GetUserAvailability DetailedMerged: own, another, federated, unknown; suggestions',
    )
    expect(
      availability
        .select('//m:FreeBusyResponse/m:ResponseMessage/m:ResponseCode')
        .map((n) => n.textContent),
    ).to.deep.equal(['NoError', 'NoError', 'NoError', 'ErrorMailRecipientNotFound'])
    expect(availability.select('//t:CalendarEventDetails/t:IsPrivate')).to.have.length.above(0)
    expect(availability.select('//m:SuggestionsResponse/m:ResponseMessage')).to.have.length(1)
    expect(byName('GetUserAvailability ErrorTimeIntervalTooBig').faultCode()).to.equal(
      'ErrorTimeIntervalTooBig',
    )
    const report = await checkResponses(schema, answers)
    expect(report.failures, JSON.stringify(report.failures, null, 2)).to.deep.equal([])
    expect(report.responses).to.equal(answers.length)
    expect(report.faults).to.equal(3) // unknown operation, schema, ErrorTimeIntervalTooBig
  })

  it('catches answers that break the schema', async () => {
    const ok = (await call(testApp().app, getFolderXml(distinguished('inbox'), 'IdOnly'))).text
    const broken = [
      { name: 'unknown code', xml: ok.replace('>NoError<', '>ErrorNotAThing<') },
      {
        name: 'wrong order',
        xml: ok
          .replace('<m:ResponseCode>NoError</m:ResponseCode>', '')
          .replace('</m:Folders>', '</m:Folders><m:ResponseCode>NoError</m:ResponseCode>'),
      },
      { name: 'bad header', xml: ok.replace('MajorVersion="15"', 'MajorVersion="fifteen"') },
      { name: 'no declaration', xml: ok.replace(/^<\?xml[^>]*\?>/, '') },
      {
        name: 'bad fault',
        xml: (await post(testApp().app, 'x')).text.replace(/ErrorSchemaValidation/g, 'ErrorBogus'),
      },
    ]
    const report = await checkResponses(schema, broken)
    expect(report.failures.map((f) => f.name).sort()).to.deep.equal(
      broken.map((b) => b.name).sort(),
    )
  })
})
