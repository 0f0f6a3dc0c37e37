// The schema conformance check (scripts/lib/ews-schema.ts) on answers to a request of every kind,
// and on answers broken on purpose, so the check itself is shown to catch what it must.
// Schema folder: $EWS_SCHEMA_DIR, or ../shared/ews-schema beside the project.
import { resolve } from 'node:path'
import { expect } from 'chai'
import { checkResponses, loadSchemaFolder } from '../../scripts/lib/ews-schema.ts'
import type { SchemaFiles } from '../../scripts/lib/ews-schema.ts'
import {
  call,
  createFolderIn,
  distinguished,
  folderIdOf,
  getFolderXml,
  post,
  testApp,
} from '../helpers/ews.ts'

const SCHEMA_DIR = resolve(process.env.EWS_SCHEMA_DIR ?? '../shared/ews-schema')

describe(`EWS schema conformance (${SCHEMA_DIR})`, function () {
  this.timeout(60_000)
  let schema: SchemaFiles
  before(() => {
    schema = loadSchemaFolder(SCHEMA_DIR)
  })

  it('validates the answer to a request of every supported kind, success and error', async () => {
    const ews = testApp()
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
    await send('unknown operation fault', '<m:Frobnicate/>')
    answers.push({ name: 'schema fault', xml: (await post(ews.app, '<oops')).text })

    const report = await checkResponses(schema, answers)
    expect(report.failures, JSON.stringify(report.failures, null, 2)).to.deep.equal([])
    expect(report.responses).to.equal(answers.length)
    expect(report.faults).to.equal(2)
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
