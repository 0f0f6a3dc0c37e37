/**
 * The scenario language's sends and mailbox actions (issue 14): a send to several recipients and
 * to addresses outside the topology; a user marking read, deleting and moving items of their
 * mailbox, and the client's Recent list and missed count read again without a new sign-in.
 */
import { expect } from 'chai'
import { inlineScenarios, passes as passed } from '../helpers/inline-scenarios.ts'

const TOPOLOGY = `topology:
  organisations:
    - domain: contoso.com
      exchange: exchange-2016
      users:
        - { address: alice@contoso.com, password: P@ssw0rd, client: { build: 16.0.6965.2058 } }
        - { address: bob@contoso.com, password: P@ssw0rd, client: { build: 16.0.7571.2072 } }
        - { address: dave@contoso.com, password: P@ssw0rd, client: { build: 16.0.6965.2058 } }
        - { address: erin@contoso.com, password: P@ssw0rd }
`

const { run, loadError } = inlineScenarios(TOPOLOGY)
const passes = passed
/** alice's offline IM reaches bob at 09:02; bob (a build that shows the unread count) signs in at 09:03. */
const MISSED = `  - sign-in: alice@contoso.com
  - send: { from: alice@contoso.com, to: bob@contoso.com, text: Lunch? }
  - advance: 3m
  - sign-in: bob@contoso.com
  - expect:
      - client: { user: bob@contoso.com, recent: 1, missed: 1 }
`

describe('scenario language: sends and mailbox actions', function () {
  this.timeout(20_000)

  it('sends a group IM as one IM to each recipient, each told apart', async () => {
    passes(
      await run(`  - sign-in: [alice@contoso.com, dave@contoso.com]
  - send: { from: alice@contoso.com, to: [bob@contoso.com, dave@contoso.com, erin@contoso.com], text: Standup in 5 }
  - expect:
      - told: { user: alice@contoso.com, to: bob@contoso.com, outcome: spooled }
      - told: { user: alice@contoso.com, to: dave@contoso.com, outcome: live }
      - told: { user: alice@contoso.com, outcome: spooled, contains: erin@contoso.com }
  - advance: 2m
  - expect:
      - mailbox: { user: bob@contoso.com, folder: inbox, count: 1, text-contains: Standup in 5 }
      - mailbox: { user: erin@contoso.com, folder: inbox, count: 1, text-contains: Standup in 5 }
      - mailbox: { user: dave@contoso.com, folder: inbox, count: 0 }
`),
    )
  })

  it('ends a group IM where the sender crashes: the recipients after it get nothing', async () => {
    passes(
      await run(`  - sign-in: alice@contoso.com
  - crash: { user: alice@contoso.com, at: after-spool-write }
  - send: { from: alice@contoso.com, to: [bob@contoso.com, erin@contoso.com], text: Half sent }
  - restart: alice@contoso.com
  - advance: 2m
  - expect:
      - mailbox: { user: bob@contoso.com, folder: inbox, count: 1, text-contains: Half sent }
      - mailbox: { user: erin@contoso.com, folder: inbox, count: 0 }
      - trace: { user: alice@contoso.com, event: im.refused, count: 0 }
`),
    )
  })

  it('forgets what the sender was told about every recipient of a send that crashes, reached or not', async () => {
    const r = await run(`  - sign-in: alice@contoso.com
  - send: { from: alice@contoso.com, to: [bob@contoso.com, erin@contoso.com], text: one }
  - crash: { user: alice@contoso.com, at: after-spool-write }
  - send: { from: alice@contoso.com, to: [bob@contoso.com, erin@contoso.com], text: two }
  - expect:
      - told: { user: alice@contoso.com, to: erin@contoso.com, outcome: spooled }
`)
    // The second send died writing bob's entry: erin's "spooled" was about "one", not "two".
    expect(r.failure?.expectation?.expected).to.equal(
      'alice@contoso.com to have been told something about an IM to erin@contoso.com',
    )
  })

  it('fails a told expectation about a recipient the sender did not write to', async () => {
    const r = await run(`  - sign-in: alice@contoso.com
  - send: { from: alice@contoso.com, to: bob@contoso.com, text: Hi }
  - expect:
      - told: { user: alice@contoso.com, to: dave@contoso.com }
`)
    expect(r.failure?.expectation?.expected).to.equal(
      'alice@contoso.com to have been told something about an IM to dave@contoso.com',
    )
  })

  it('sends to addresses outside the topology: nothing checks the recipient, Exchange returns non-delivery reports', async () => {
    passes(
      await run(`  - sign-in: alice@contoso.com
  - send: { from: alice@contoso.com, to: [nobody@contoso.com, zed@example.org], text: Hello? }
  - expect:
      - told: { user: alice@contoso.com, to: nobody@contoso.com, outcome: spooled }
  - advance: 2m
  - expect:
      - mailbox: { user: alice@contoso.com, folder: inbox, count: 2, class: REPORT.IPM.Note.NDR, subject-contains: Undeliverable }
      - trace: { user: alice@contoso.com, event: delivered, count: 1, where: { to: zed@example.org } }
`),
    )
  })

  it('re-reads the missed count after the user marks the item read, only when the client reads its history again', async () => {
    passes(
      await run(`${MISSED}  - mark-read: { user: bob@contoso.com, folder: missed-conversations, text-contains: Lunch }
  - expect:
      - client: { user: bob@contoso.com, missed: 1 }
  - refresh-history: bob@contoso.com
  - expect:
      - client: { user: bob@contoso.com, recent: 1, missed: 0 }
      - trace: { user: bob@contoso.com, event: history, count: 2 }
  - mark-read: { user: bob@contoso.com, folder: inbox, unread: true }
  - refresh-history: bob@contoso.com
  - expect:
      - client: { user: bob@contoso.com, missed: 1 }
`),
    )
  })

  it('deletes items (to Deleted Items, or for good) and the Recent list and missed count follow', async () => {
    passes(
      await run(`${MISSED}  - delete-item: { user: bob@contoso.com, folder: inbox, from: alice@contoso.com }
  - delete-item: { user: bob@contoso.com, folder: conversationhistory, hard: true }
  - refresh-history: bob@contoso.com
  - expect:
      - client: { user: bob@contoso.com, recent: 0, missed: 0 }
      - mailbox: { user: bob@contoso.com, folder: deleteditems, count: 1, class: IPM.Note.Microsoft.Missed }
      - mailbox: { user: bob@contoso.com, folder: deleteditems, count: 0, class: IPM.Note.Microsoft.Conversation }
`),
    )
  })

  it('moves items to another folder', async () => {
    passes(
      await run(`${MISSED}  - move-item: { user: bob@contoso.com, folder: inbox, to-folder: junkemail }
  - refresh-history: bob@contoso.com
  - expect:
      - mailbox: { user: bob@contoso.com, folder: inbox, count: 0 }
      - mailbox: { user: bob@contoso.com, folder: junkemail, count: 1, text-contains: Lunch? }
`),
    )
  })

  it('fails refresh-history for a client that is not signed in', async () => {
    const r = await run(`${MISSED}  - sign-out: bob@contoso.com
  - refresh-history: bob@contoso.com
`)
    expect(r.failure?.message).to.equal(
      'step "refresh-history: bob@contoso.com" failed: bob@contoso.com\'s client is not signed in: it reads nothing',
    )
  })

  it('fails a mailbox action that matches no item, at its step', async () => {
    const r =
      await run(`${MISSED}  - delete-item: { user: bob@contoso.com, folder: inbox, text-contains: Dinner }
`)
    expect(r.passed).to.equal(false)
    expect(r.failure!.at.line).to.equal(17)
    expect(r.failure!.message, r.failure!.message).to.match(
      /no item of bob@contoso\.com's inbox matches$/,
    )
  })

  it('moves a mailbox to Exchange Online: the client sees it at its next sign-in; a second move to it fails the step without a stack', async () => {
    passes(
      await run(`  - sign-in: alice@contoso.com
  - move-mailbox: { user: alice@contoso.com, to: exchange-online }
  - sign-out: alice@contoso.com
  - sign-in: alice@contoso.com
  - expect:
      - trace: { user: alice@contoso.com, event: gate, count: 1, where: { gate: on-premises-build, reason: { contains: in Exchange Online } } }
`),
    )
    const r = await run(`  - move-mailbox: { user: bob@contoso.com, to: exchange-online }
  - move-mailbox: { user: bob@contoso.com, to: exchange-online }
`)
    expect(r.failure?.at.line).to.equal(12)
    expect(r.failure?.message).to.equal(
      'step "move-mailbox: {"user":"bob@contoso.com","to":"exchange-online"}" failed: A hybrid move goes between on-premises Exchange and Exchange Online; bob@contoso.com is already in Exchange Online.',
    )
  })

  it("reaches an Exchange 2010 user's Conversation History, the ordinary folder the client makes", async () => {
    const e2010 = TOPOLOGY.replace('exchange: exchange-2016', 'exchange: exchange-2010-sp3')
    const r = await inlineScenarios(`${e2010}start: 2016-12-15T09:00:00Z\n`).run(
      `  - expect:
      - mailbox: { user: alice@contoso.com, folder: conversationhistory, count: 0 }
  - move-item: { user: bob@contoso.com, folder: inbox, to-folder: conversationhistory }
    fails-with: bob@contoso.com has no conversationhistory folder
  - sign-in: alice@contoso.com
  - send: { from: alice@contoso.com, to: bob@contoso.com, text: Are you free at 10? }
  - advance: 2m
  - expect:
      - mailbox: { user: alice@contoso.com, folder: conversationhistory, count: 1, text-contains: Are you free at 10? }
      - mailbox: { user: bob@contoso.com, folder: conversationhistory, count: 0 }
  - sign-in: bob@contoso.com
  - move-item: { user: bob@contoso.com, folder: inbox, to-folder: conversationhistory }
  - expect:
      - mailbox: { user: bob@contoso.com, folder: conversationhistory, count: 1 }
`,
    )
    passes(r)
  })

  const errors: [string, string, RegExp][] = [
    [
      'a move to Exchange 2010',
      '  - move-mailbox: { user: bob@contoso.com, to: exchange-2010-sp3 }\n',
      /^test\.yaml:11:48: steps\[0\]\.move-mailbox\.to: one of exchange-2013, exchange-2016/,
    ],
    [
      'a move of a user not in the topology',
      '  - move-mailbox: { user: zoe@contoso.com, to: exchange-online }\n',
      /^test\.yaml:11:27: steps\[0\]\.move-mailbox\.user: a user of the topology/,
    ],
    [
      'a move to the Missed Conversations search folder',
      '  - move-item: { user: bob@contoso.com, folder: inbox, to-folder: missed-conversations }\n',
      /^test\.yaml:11:67: steps\[0\]\.move-item\.to-folder: one of inbox, drafts/,
    ],
    [
      'refresh-history for a user without a client',
      '  - refresh-history: erin@contoso.com\n',
      /^test\.yaml:11:22: steps\[0\]\.refresh-history: a user with a client/,
    ],
    [
      'an unknown key in a mailbox action',
      '  - mark-read: { user: bob@contoso.com, folder: inbox, all: true }\n',
      /^test\.yaml:11:56: steps\[0\]\.mark-read\.all: no key "all" here/,
    ],
    [
      'a mailbox action on a user not in the topology',
      '  - delete-item: { user: zoe@contoso.com, folder: inbox }\n',
      /^test\.yaml:11:26: steps\[0\]\.delete-item\.user: a user of the topology, not "zoe@contoso\.com"/,
    ],
    [
      'a send whose recipients are not addresses',
      '  - send: { from: alice@contoso.com, to: [bob], text: Hi }\n',
      /^test\.yaml:11:\d+: steps\[0\]\.send\.to.*\(schema: #\/definitions\//,
    ],
  ]
  for (const [what, steps, message] of errors) {
    it(`refuses ${what} with file:line:column`, () => {
      expect(loadError(steps)).to.match(message)
    })
  }
})
