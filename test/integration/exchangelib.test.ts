// exchangelib, a second real and independent EWS client (Python, Debian's python3-exchangelib),
// driven through its ordinary high-level API against mock-ews on a loopback port. One Python process
// (test/exchangelib/mail.py) runs every check and prints JSON; the tests below assert on it.
import { expect } from 'chai'
import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { startEwsServer } from '../../mock-ews/index.ts'
import type { RunningServer, SoapExchange } from '../../mock-ews/index.ts'
import { captureExchange } from '../helpers/capture.ts'
import { PASSWORD, testApp } from '../helpers/ews.ts'
import { needsExchangelib } from '../helpers/needs.ts'

const SCRIPT = fileURLToPath(new URL('../exchangelib/mail.py', import.meta.url))

type Check = { ok?: unknown; error?: string; trace?: string }

describe('exchangelib against mock-ews', function () {
  this.timeout(60_000)
  let server: RunningServer | undefined
  let results: Record<string, Check>
  const operations: string[] = []

  before(async function () {
    const python = needsExchangelib(this, 'the exchangelib suite')
    const observe = (exchange: SoapExchange): void => {
      operations.push(exchange.operation)
      captureExchange(exchange)
    }
    server = await startEwsServer(testApp({ observe }).app, { port: 0 })
    // Asynchronous: the server answers from this same process while Python runs.
    const { stdout } = await promisify(execFile)(python, [SCRIPT, server.ewsUrl, PASSWORD], {
      timeout: 50_000,
    })
    results = JSON.parse(stdout) as Record<string, Check>
  })
  after(() => server?.close())

  function ok(name: string): Record<string, unknown> {
    const check = results[name]
    expect(check, name).to.not.equal(undefined)
    expect(check?.error, `${name}: ${check?.trace ?? ''}`).to.equal(undefined)
    return check?.ok as Record<string, unknown>
  }

  it('navigates folders: inbox, root, Top of Information Store by name, its children', () => {
    expect(ok('folders')).to.deep.equal({
      inbox: 'Inbox',
      root: 'Root',
      top: 'Top of Information Store',
      children: [
        'Calendar',
        'Contacts',
        'Conversation History',
        'Deleted Items',
        'Drafts',
        'IM Contact List',
        'Inbox',
        'Journal',
        'Junk Email',
        'Notes',
        'Outbox',
        'Sent Items',
        'Sync Issues',
        'Tasks',
      ],
      inbox_by_path: true,
    })
  })

  it('saves a draft and reads back subject, HTML body, to/cc, categories and importance', () => {
    expect(ok('draft')).to.deep.equal({
      subject: 'Quarterly numbers',
      body_has_html: true,
      body_type: 'HTMLBody',
      to: ['bob@contoso.com'],
      cc: ['carol@fabrikam.com'],
      categories: ['Finance', 'Q3'],
      importance: 'High',
      is_draft: true,
      in_drafts: 1,
    })
  })

  it('bulk-creates, queries (filter, order_by, only, count, slices) and bulk-deletes', () => {
    expect(ok('queryset')).to.deep.equal({
      created: 5,
      count: 5,
      exact: ['batch 3'],
      desc: ['batch 4', 'batch 3', 'batch 2', 'batch 1', 'batch 0'],
      only: [
        ['batch 0', null],
        ['batch 1', null],
      ],
      page: ['batch 1', 'batch 2'],
      exists: false,
      deleted: [true, true, true],
      left: ['batch 3', 'batch 4'],
    })
  })

  it('sends a message that the recipient finds unread in the Inbox, with a copy in Sent Items', () => {
    expect(ok('send')).to.deep.equal({
      received: 1,
      from: 'alice@contoso.com',
      is_read: false,
      sent_copy: 1,
    })
  })

  it('sends reply_to and a read receipt request, and threads a reply into one conversation', () => {
    expect(ok('headers_conversation')).to.deep.equal({
      reply_to: ['team@contoso.com'],
      read_receipt: true,
      in_reply_to: true,
      one_conversation: true,
      topic: 'Dinner?',
    })
  })

  it('replies and forwards with item.reply / item.forward, in the original conversation', () => {
    expect(ok('reply_forward')).to.deep.equal({
      reply_body_starts: true,
      reply_quotes: true,
      same_conversation: true,
      forward_from: 'bob@contoso.com',
    })
  })

  it('marks a message read with update_fields', () => {
    expect(ok('mark_read')).to.deep.equal({ is_read: true, unread_in_inbox: 0 })
  })

  it('copies and moves a message between folders', () => {
    expect(ok('move_copy')).to.deep.equal({ drafts: 0, inbox: 1, trash: 1 })
  })

  it('syncs the Inbox and, from the sync state, sees only what arrived later', () => {
    expect(ok('sync')).to.deep.equal({
      first: [['create', 'Lunch?']],
      later: [['create', 'Second']],
    })
  })

  it('attaches files (on save and to a saved item), reads their content back, detaches one and sends one to Bob', () => {
    expect(ok('attachments')).to.deep.equal({
      has_attachments: true,
      names: ['notes.txt', 'later.txt'],
      contents: ['binary \u0000\u00ff bytes', 'added later'],
      inline: [false, true],
      found: [true],
      after_detach: ['later.txt'],
      bob: [['bob.txt', 'for bob']],
    })
  })

  it('attaches a message to a message and reads the attached message back', () => {
    expect(ok('item_attachment')).to.deep.equal({
      type: 'ItemAttachment',
      name: 'inner',
      subject: 'Inner',
      body: 'inner body',
      to: ['bob@contoso.com'],
    })
  })

  it('a plain save() of a fetched draft (MIME first, then every field) changes only what was changed', () => {
    expect(ok('plain_save')).to.deep.include({ subject: 'Plain save, edited', unchanged: true })
  })

  it('resolves names in its own organisation only, with contact data when asked', () => {
    expect(ok('resolve_names')).to.deep.equal({
      exact: ['bob@contoso.com'],
      none: ['ErrorNameResolutionNoResults'],
      other_org: ['ErrorNameResolutionNoResults'],
      full: [['bob@contoso.com', 'Bob Kelly']],
    })
  })

  it('filters with a QueryString (AQS) as folder.filter("subject:...") sends it', () => {
    expect(ok('query_string')).to.deep.equal({
      subject: ['Luncheon menu'],
      free_text: ['Luncheon menu', 'Offsite agenda'],
      or: ['Luncheon menu', 'Offsite agenda'],
      count: 1,
    })
  })

  it('keeps registered extended properties (tag, named, array) and the class as PR_MESSAGE_CLASS: save, fetch, filter, sort, update', () => {
    expect(ok('extended_properties')).to.deep.equal({
      flag: 1,
      colour: 'colour of ext one',
      tags: ['a', 'ext one'],
      item_class: 'IPM.Note.Custom',
      message_class: 'IPM.Note.Custom',
      filtered: ['ext ten', 'ext two'],
      ordered: [10, 2, 1],
      updated: 5,
    })
  })

  it('imports a message that looks received: PR_MESSAGE_FLAGS without MSGFLAG_UNSENT, no draft', () => {
    expect(ok('import_as_received')).to.deep.equal({ is_draft: false, is_read: true, flags: 1 })
  })

  it('creates a message from mime_content, reads mime_content back, saves the fetched draft', () => {
    expect(ok('mime')).to.deep.equal({
      subject: 'From MIME',
      body: 'imported body',
      to: ['bob@contoso.com'],
      header_back: true,
      subject_in_mime: true,
      edited_body: 'imported body',
      edited_mime: true,
    })
  })

  it('fails an operation mock-ews lacks once, with its message, and keeps the version', () => {
    for (const [name, operation] of [
      ['unsupported_searchable', 'GetSearchableMailboxes'],
      ['unsupported_roomlists', 'GetRoomLists'],
    ] as const) {
      expect(results[name]?.error, name).to.match(
        new RegExp(
          `^ErrorInvalidOperation: The operation '${operation}' is not supported by mock-ews`,
        ),
      )
      // Sent once: not re-sent with every older RequestServerVersion.
      expect(
        operations.filter((o) => o === operation),
        name,
      ).to.have.length(1)
    }
    expect(ok('version_after')).to.deep.equal({
      account: 'Exchange2016',
      protocol: 'Exchange2016',
      inbox_still_works: 1,
    })
  })
})
