/**
 * The web inspector (/__admin/ui) in real headless Chromium: it loads clean, follows the server
 * live, shows the wire, adds faults, and treats mail content as hostile (README "Inspector").
 */
import { expect } from 'chai'
import { chromium } from 'playwright-core'
import type { Browser, Page } from 'playwright-core'
import { createEwsApp, seededIds, startEwsServer } from '../../mock-ews/index.ts'
import type { EwsApp, RunningServer } from '../../mock-ews/index.ts'
import { ControlledClock } from '../../mock-ews/support/controlled-clock.ts'
import { call, getFolderXml, distinguished } from '../helpers/ews.ts'
import { BOB, CLASS, sendMessage, xmlText } from '../helpers/items.ts'
import { needsChromium } from '../helpers/needs.ts'

describe('web inspector in headless Chromium', function () {
  this.timeout(30_000)
  let browser: Browser
  let ews: EwsApp
  let clock: ControlledClock
  let server: RunningServer
  let page: Page
  /** Console errors, page errors and dialogs seen by the page: a clean page has none. */
  let problems: string[]
  let consoleText: string[]

  before(async function () {
    const executablePath = needsChromium(this, 'the web inspector browser tests')
    browser = await chromium.launch({ executablePath })
  })
  after(() => browser?.close())

  async function open(options: { adminToken?: string; fragment?: string } = {}): Promise<void> {
    clock = new ControlledClock({ start: '2016-06-10T09:00:00Z', frozen: true })
    ews = createEwsApp({
      clock,
      ids: seededIds(3),
      adminToken: options.adminToken,
    })
    server = await startEwsServer(ews.app, { port: 0 })
    page = await browser.newPage({ viewport: { width: 1400, height: 850 } })
    page.setDefaultTimeout(8000)
    problems = []
    consoleText = []
    page.on('console', (m) => {
      consoleText.push(m.text())
      if (m.type() === 'error') problems.push(`console: ${m.text()}`)
    })
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`))
    page.on('dialog', (d) => {
      problems.push(`dialog: ${d.message()}`)
      void d.dismiss()
    })
    await page.goto(`${server.url}/__admin/ui${options.fragment ?? ''}`)
  }
  afterEach(async () => {
    await page?.close()
    await server?.close()
  })

  /** Open Bob's mailbox in the tree and pick his Inbox. */
  async function bobsInbox(): Promise<void> {
    await page.getByRole('button', { name: /Bob Kelly/ }).click()
    await page.locator('#folders-bob\\@contoso\\.com [data-folder=inbox]').click()
    await page.locator('#list-title', { hasText: 'Inbox' }).waitFor()
  }

  const live = () => page.locator('#live.live').waitFor()

  it('loads with every panel filled and no console error, under a strict CSP', async () => {
    await open()
    const res = await page.request.get(`${server.url}/__admin/ui`)
    expect(res.headers()['content-security-policy']).to.match(/script-src 'self'(;|$)/)
    await page.getByRole('button', { name: /Alice Wood/ }).waitFor()
    await live()
    await page.locator('#clock-now', { hasText: '2016-06-10 09:00:00 UTC' }).waitFor()
    for (const tab of ['Requests', 'Faults', 'Skype for Business', 'Mailboxes'])
      await page.getByRole('tab', { name: new RegExp(tab) }).click()
    await bobsInbox()
    expect(problems).to.deep.equal([])
  })

  it('takes the admin token from the URL fragment, keeps it out of the address bar, and asks when it has none', async () => {
    await open({ adminToken: 's3cret', fragment: '#token=s3cret' })
    await page.getByRole('button', { name: /Alice Wood/ }).waitFor()
    await live()
    expect(await page.evaluate(() => location.href)).to.equal(`${server.url}/__admin/ui`)
    expect(problems).to.deep.equal([])
    const fresh = await browser.newPage()
    try {
      await fresh.goto(`${server.url}/__admin/ui`)
      await fresh.locator('#token-dialog[open]').waitFor()
      await fresh.locator('#token-input').fill('s3cret')
      await fresh.getByRole('button', { name: 'Use token' }).click()
      await fresh.getByRole('button', { name: /Alice Wood/ }).waitFor()
    } finally {
      await fresh.close()
    }
  })

  it('shows an IM sent over EWS in the recipient’s folder without a reload', async () => {
    await open()
    await live()
    await bobsInbox()
    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 1))
    const sent = await sendMessage(ews.app, {
      itemClass: CLASS.missed,
      subject: 'Are you free at noon?',
      body: 'Lunch?',
      to: [BOB],
    })
    expect(sent.codes()).to.deep.equal(['NoError'])
    await page.locator('#items tr', { hasText: 'Are you free at noon?' }).waitFor()
    await page
      .locator('#folders-bob\\@contoso\\.com [data-folder=inbox] .count', { hasText: '1 · 1 new' })
      .waitFor()
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).to.equal(1)
    await page.locator('#items tr', { hasText: 'Are you free at noon?' }).click()
    await page.locator('.item-subject', { hasText: 'Are you free at noon?' }).waitFor()
    await page.getByRole('tab', { name: 'XML' }).click()
    await page.locator('#item-view pre.xml', { hasText: CLASS.missed }).waitFor()
    expect(problems).to.deep.equal([])
  })

  it('expands a journal entry to the request and the answer as XML', async () => {
    await open()
    await live()
    await page.getByRole('tab', { name: /Requests/ }).click()
    await call(ews.app, getFolderXml(distinguished('inbox')), BOB)
    const row = page.locator('#journal tr.entry', { hasText: 'GetFolder' })
    await row.click()
    const request = page.locator('#journal tr.detail .exchange', { hasText: 'Request' })
    const answer = page.locator('#journal tr.detail .exchange', { hasText: 'Answer' })
    await request.locator('pre.xml', { hasText: '<m:GetFolder>' }).waitFor()
    await answer
      .locator('pre.xml', { hasText: '<m:ResponseCode>NoError</m:ResponseCode>' })
      .waitFor()
    expect(await answer.locator('pre.xml').textContent()).to.match(/\n\s+<m:ResponseMessages>/)
    expect(problems).to.deep.equal([])
  })

  it('adds a fault from the form, and the next EWS call fails with it', async () => {
    await open()
    await live()
    await page.getByRole('tab', { name: /Faults/ }).click()
    const form = page.locator('#fault-form')
    await form.locator('input[name=operation]').fill('GetFolder')
    await form.locator('input[name=code]').fill('ErrorMailboxStoreUnavailable')
    await form.locator('select[name=when]').selectOption('times')
    await form.locator('input[name=count]').fill('1')
    await form.getByRole('button', { name: 'Add fault' }).click()
    await page.locator('#faults tr', { hasText: 'ErrorMailboxStoreUnavailable' }).waitFor()
    const failed = await call(ews.app, getFolderXml(distinguished('inbox')), BOB)
    expect(failed.codes()).to.deep.equal(['ErrorMailboxStoreUnavailable'])
    const next = await call(ews.app, getFolderXml(distinguished('inbox')), BOB)
    expect(next.codes()).to.deep.equal(['NoError'])
    await page
      .locator('#faults tr', { hasText: 'ErrorMailboxStoreUnavailable' })
      .getByRole('button', { name: 'Remove' })
      .click()
    await page.locator('#faults', { hasText: 'No faults' }).waitFor()
    expect(problems).to.deep.equal([])
  })

  it('advances, runs and freezes the virtual clock, and resets the server', async () => {
    await open()
    await live()
    const state = page.locator('#clock-state')
    await page.locator('#clock-now', { hasText: '2016-06-10 09:00:00 UTC' }).waitFor()
    expect(await state.textContent()).to.equal('frozen')
    await page.locator('#advance-amount').fill('90')
    await page.locator('#advance-unit').selectOption({ label: 'min' })
    await page.getByRole('button', { name: 'Advance' }).click()
    await page.locator('#clock-now', { hasText: '2016-06-10 10:30:00 UTC' }).waitFor()
    expect(clock.now().toISOString()).to.equal('2016-06-10T10:30:00.000Z')
    await page.getByRole('button', { name: 'Unfreeze' }).click()
    await page.locator('#clock-state', { hasText: 'running' }).waitFor()
    expect(clock.frozen).to.equal(false)
    await page.getByRole('button', { name: 'Freeze' }).click()
    await page.locator('#clock-state', { hasText: 'frozen' }).waitFor()
    expect(clock.frozen).to.equal(true)

    await bobsInbox()
    await sendMessage(ews.app, { subject: 'before the reset', to: [BOB] })
    const inboxCount = page.locator('#folders-bob\\@contoso\\.com [data-folder=inbox] .count')
    await page.locator('#items tr', { hasText: 'before the reset' }).waitFor()
    await page.getByRole('button', { name: 'Reset server' }).click()
    await page.getByRole('button', { name: 'Click again to reset' }).click()
    await page.locator('#items', { hasText: 'This folder is empty.' }).waitFor()
    expect(await inboxCount.textContent()).to.equal('0')
    expect(problems).to.deep.equal([])
  })

  it('shows a hostile message as text and in a script-less sandbox: nothing from it runs', async () => {
    await open()
    await live()
    await bobsInbox()
    const payload =
      '<p id="hello">Hello</p>' +
      "<script>console.log('PWNED script');top.pwned=1;alert('script')</script>" +
      `<img src="x" onerror="console.log('PWNED img');top.pwned=2;alert('img')">` +
      `<svg onload="console.log('PWNED svg');alert('svg')"></svg>` +
      `<iframe srcdoc="<script>alert('nested')</script>"></iframe>` +
      `<a id="js" href="javascript:alert('link')">click me</a>`
    const subject = `<img src=x onerror="top.pwned=3;alert('subject')">`
    const html = await sendMessage(ews.app, {
      subject: xmlText(subject),
      body: xmlText(payload),
      bodyType: 'HTML',
      to: [BOB],
    })
    expect(html.codes()).to.deep.equal(['NoError'])
    const text = await sendMessage(ews.app, {
      subject: 'plain',
      body: xmlText(payload),
      to: [BOB],
    })
    expect(text.codes()).to.deep.equal(['NoError'])

    const hostile = page.locator('#items tr', { hasText: 'onerror' })
    await hostile.click()
    await page.locator('.item-subject').waitFor()
    expect(await page.locator('.item-subject').textContent()).to.equal(subject)
    const frame = page.locator('#item-view iframe.body-html')
    expect(await frame.getAttribute('sandbox')).to.equal('')
    expect(await frame.getAttribute('srcdoc')).to.match(
      /^<!doctype html><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none';/,
    )
    const inside = page.frameLocator('#item-view iframe.body-html')
    await inside.locator('#hello', { hasText: 'Hello' }).waitFor()
    await inside
      .locator('#js')
      .click()
      .catch(() => {})
    for (const tab of ['Headers', 'XML', 'Body']) await page.getByRole('tab', { name: tab }).click()

    await page.locator('#items tr', { hasText: 'plain' }).click()
    await page.locator('.item-subject', { hasText: 'plain' }).waitFor()
    expect(await page.locator('#item-view pre.body-text').textContent()).to.equal(payload)

    // Nothing ran: no dialog, no console line from the payload, no flag; no markup from mail in the page.
    expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).to.equal(
      undefined,
    )
    expect(consoleText.filter((t) => t.includes('PWNED'))).to.deep.equal([])
    expect(
      problems.filter((p) => p.startsWith('dialog') || p.startsWith('page error')),
    ).to.deep.equal([])
    const injected = await page.evaluate(
      () => document.querySelectorAll('[onerror], [onload], svg, img, script:not([src])').length,
    )
    expect(injected).to.equal(0)
  })
})
