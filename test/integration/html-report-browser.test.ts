// The HTML reports in real headless Chromium: `ews-lab run --reporter html --out` and `ews-lab
// repro drafts-bug --html` as a user runs them, the pages opened from disk. Charts are checked by
// their SVG points and by what a screenshot shows; a failure by where its mark stands; hostile
// scenario text by nothing running. EWS_LAB_SCREENSHOTS=DIR keeps the screenshots to look at.
import { spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { expect } from 'chai'
import type { Browser, Locator, Page } from 'playwright-core'
import { launchChromium, pixelsNear, watch } from '../helpers/headless-chromium.ts'

const DRAFTS_BUG = 'scenarios/drafts-bug-fills-drafts-with-build-16.0.6965.2053-on-premises.yaml'
const PAYLOAD = '<script>alert(1)</script><img src=x onerror=alert(2)>'
const topology = `topology:
  organisations:
    - domain: contoso.com
      exchange: exchange-2016
      users:
        - { address: alice@contoso.com, password: P@ssw0rd, client: { build: 16.0.6965.2058 } }
        - { address: bob@contoso.com, password: P@ssw0rd }
`
const FAILING = `name: expects too early
${topology}steps:
  - sign-in: alice@contoso.com
  - send: { from: alice@contoso.com, to: bob@contoso.com, text: Hello }
  - advance: 1m
  - expect:
      - mailbox: { user: bob@contoso.com, folder: inbox, count: 1 }
`
// The payloads reach the report as the scenario's name, the IM's text (the send step) and the body
// of the mail it became (what the failed expectation found).
const HOSTILE = `name: ${JSON.stringify(`hostile ${PAYLOAD}`)}
${topology}steps:
  - sign-in: alice@contoso.com
  - send: { from: alice@contoso.com, to: bob@contoso.com, text: ${JSON.stringify(PAYLOAD)} }
  - advance: 2m
  - expect:
      - mailbox: { user: bob@contoso.com, folder: inbox, in-order: [nothing like it] }
`

/** Colours of the report's stylesheet (html/page.ts). */
const DRAFTS_ORANGE = [0xd9, 0x48, 0x0f] as const
const FAILURE_RED = [0xc9, 0x2a, 0x2a] as const

function ewsLab(...args: string[]): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bin/ews-lab.js', ...args], {
      stdio: ['ignore', 'pipe', 'ignore'],
    })
    let stdout = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    child.once('exit', (code) => resolve({ code, stdout }))
  })
}

describe('HTML reports in headless Chromium', function () {
  this.timeout(60_000)
  let dir: string
  let browser: Browser | undefined
  let run: { code: number | null; stdout: string }
  let repro: { code: number | null; stdout: string }

  before(async function () {
    // Skips (or fails under CI) here, before anything is started, where chromium is missing.
    const launching = launchChromium(this, 'the HTML report browser tests')
    dir = mkdtempSync(join(tmpdir(), 'ews-lab-html-'))
    writeFileSync(join(dir, 'b-failing.yaml'), FAILING)
    writeFileSync(join(dir, 'c-hostile.yaml'), HOSTILE)
    const reports = Promise.all([
      ewsLab('run', DRAFTS_BUG, dir, '--reporter', 'html', '--out', join(dir, 'report.html')),
      ewsLab(
        'repro',
        'drafts-bug',
        '--ticks',
        '3',
        '--no-halves',
        '--html',
        join(dir, 'repro.html'),
      ),
    ])
    browser = await launching
    ;[run, repro] = await reports
  })
  after(async () => {
    await browser?.close()
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  /** The page from disk, with what must never happen on it collected in `problems`. */
  async function open(file: string): Promise<{ page: Page; problems: string[] }> {
    const page = await browser!.newPage({ viewport: { width: 1300, height: 900 } })
    const url = pathToFileURL(join(dir, file)).href
    const problems = watch(page, (u) => u === url)
    await page.goto(url)
    return { page, problems }
  }

  async function screenshot(target: Locator, name: string): Promise<Buffer> {
    const png = await target.screenshot()
    const keep = process.env.EWS_LAB_SCREENSHOTS
    if (keep) {
      mkdirSync(keep, { recursive: true })
      writeFileSync(join(keep, name), png)
    }
    return png
  }

  const section = (page: Page, name: RegExp): Locator =>
    page.locator('section.scenario').filter({ has: page.locator('h2', { hasText: name }) })

  it('draws a timeline per scenario: Drafts climbing tick by tick, the EWS answers, no console error', async () => {
    expect(run.code).to.equal(1)
    expect(run.stdout).to.match(/1 passing, 2 failing/)
    const { page, problems } = await open('report.html')
    const s = section(page, /Drafts bug: with 16\.0\.6965\.2053/)
    const svg = s.locator('svg.timeline')
    expect(await svg.isVisible()).to.equal(true)
    // One step marker per step of the file (8), and a count lane for each user.
    expect(await svg.locator('g.step').count()).to.equal(8)
    const alice = svg.locator('g.counts[data-user="alice@contoso.com"]')
    expect(await svg.locator('g.counts[data-user="bob@contoso.com"]').count()).to.equal(1)
    // The Drafts points: one more draft at each 2-minute tick, drawn higher as the count grows.
    const points = alice.locator('circle[data-series="drafts"]')
    const seen: { when: string; value: number; y: number }[] = []
    for (const p of await points.all()) {
      const box = (await p.boundingBox())!
      seen.push({
        when: (await p.locator('title').textContent())!.slice(0, 8),
        value: Number(await p.getAttribute('data-value')),
        y: box.y + box.height / 2,
      })
    }
    const atTicks = ['09:00:00', '09:02:00', '09:04:00', '09:06:00', '09:08:00', '09:10:00'].map(
      (t) => Math.max(...seen.filter((p) => p.when === t).map((p) => p.value)),
    )
    expect(atTicks).to.deep.equal([0, 1, 2, 3, 4, 5])
    const yOf = (v: number): number => seen.find((p) => p.value === v)!.y
    expect(yOf(5)).to.be.lessThan(yOf(3))
    expect(yOf(3)).to.be.lessThan(yOf(1))
    expect(
      await alice.locator('polyline[data-series="drafts"]').getAttribute('data-values'),
    ).to.match(/^0,.*,5$/)
    // Each tick's SendItem refused: a red mark whose tooltip says so.
    const refused = svg.locator('rect.call.error[data-operation="SendItem"]')
    expect(await refused.count()).to.equal(5)
    expect(await refused.first().locator('title').textContent()).to.match(
      /^09:02:00 alice@contoso\.com SendItem → ErrorMessageSubmissionBlocked$/,
    )
    // The screenshot shows the orange Drafts line; the hash-pinned style applied (no CSP error).
    const png = await screenshot(s.locator('.chart'), 'drafts-bug-timeline.png')
    expect(await pixelsNear(browser!, png, DRAFTS_ORANGE)).to.be.greaterThan(200)
    expect(problems).to.deep.equal([])
    await page.close()
  })

  it('shows a failure at its place: the failing step, expected and found, on the timeline', async () => {
    const { page, problems } = await open('report.html')
    const s = section(page, /^✘ expects too early$/)
    const failed = s.locator('g.step.failed')
    const mark = s.locator('g.failure')
    expect(await failed.getAttribute('data-step')).to.equal('4')
    expect(await mark.getAttribute('data-stop')).to.equal(await failed.getAttribute('data-stop'))
    const line = (await mark.locator('line').boundingBox())!
    const circle = (await failed.locator('circle').boundingBox())!
    expect(Math.abs(line.x + line.width / 2 - (circle.x + circle.width / 2))).to.be.lessThan(1)
    expect(await mark.locator('text.expected').textContent()).to.equal(
      "expected: 1 matching item(s) in bob@contoso.com's inbox",
    )
    expect(await mark.locator('text.found').textContent()).to.equal('found: 0 matching of 0:')
    // The line stands at 09:01:00, the virtual time of the failing step (after `advance: 1m`):
    // right of that time's label, with no later time labelled.
    expect(await mark.getAttribute('data-time')).to.equal('2016-06-10T09:01:00.000Z')
    const times = await s.locator('text.time').all()
    const last = times.at(-1)!
    expect(await last.getAttribute('data-time')).to.equal('2016-06-10T09:01:00.000Z')
    expect((await last.boundingBox())!.x).to.be.lessThan(line.x)
    expect(await s.locator('dd.where').textContent()).to.match(/b-failing\.yaml:14:9 at 09:01:00$/)
    const png = await screenshot(s.locator('.chart'), 'failing-timeline.png')
    expect(await pixelsNear(browser!, png, FAILURE_RED, 20)).to.be.greaterThan(100)
    expect(problems).to.deep.equal([])
    await page.close()
  })

  it('shows script and event-handler payloads from a scenario and its mail as text, running nothing', async () => {
    const { page, problems } = await open('report.html')
    const s = section(page, /^✘ hostile /)
    expect(await s.locator('h2').textContent()).to.equal(`✘ hostile ${PAYLOAD}`)
    // The body the expectation found (cut to 40 characters by the mailbox expectation).
    const found = (await s.locator('dd.found').textContent())!
    expect(found).to.include('from alice@contoso.com: "Alice 09:00:00 UTC: <script>alert(1)<..."')
    await s.locator('details.steps summary').click()
    expect(await s.locator('details.steps').textContent()).to.include(`"text":"${PAYLOAD}"`)
    expect(await page.locator('script, img, iframe, object, embed').count()).to.equal(0)
    expect(await page.locator('[onerror], [onload], [onclick]').count()).to.equal(0)
    const png = await screenshot(s, 'hostile.png')
    expect(png.length).to.be.greaterThan(0)
    expect(problems).to.deep.equal([])
    await page.close()
  })

  it('repro --html draws the bug and the fix side by side: Drafts climbing, then flat', async () => {
    expect(repro.code).to.equal(0)
    expect(repro.stdout).to.match(/bug: 16\.0\.6965\.2053 +\| fix: 16\.0\.6965\.2058/)
    const { page, problems } = await open('repro.html')
    const drafts = (key: string) =>
      page.locator(`section[data-variant="${key}"] polyline[data-series="drafts"]`)
    expect(await drafts('bug').getAttribute('data-values')).to.equal('0,1,2,3')
    expect(await drafts('fix').getAttribute('data-values')).to.equal('0,0,0,0')
    const inbox = page.locator('section[data-variant="fix"] polyline[data-series="inbox"]')
    expect(await inbox.getAttribute('data-values')).to.equal('0,1,1,1')
    // Side by side: the fix's chart to the right of the bug's, at the same height.
    const bug = (await page.locator('section[data-variant="bug"] svg').boundingBox())!
    const fix = (await page.locator('section[data-variant="fix"] svg').boundingBox())!
    expect(fix.x).to.be.greaterThan(bug.x + bug.width)
    expect(fix.y).to.equal(bug.y)
    const png = await screenshot(page.locator('.variants'), 'repro.png')
    expect(await pixelsNear(browser!, png, DRAFTS_ORANGE)).to.be.greaterThan(200)
    expect(problems).to.deep.equal([])
    await page.close()
  })
})
