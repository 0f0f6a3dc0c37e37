/**
 * Real headless Chromium for browser tests (playwright-core driving the system's chromium): launched
 * once per test file in `before`, skipped with a reason where chromium is missing and failed under
 * CI (needs.ts, decision 0017). `watch` collects what a page must never do: open a dialog, log an
 * error or warning (a Content-Security-Policy violation is one), throw, or load anything.
 */
import { chromium } from 'playwright-core'
import type { Browser, Page } from 'playwright-core'
import { needsChromium } from './needs.ts'

/**
 * In a `before` hook: a headless chromium starting, or the group skipped (failed under CI) at
 * once, before the hook goes on to start anything else.
 */
export function launchChromium(ctx: Mocha.Context, what: string): Promise<Browser> {
  const executablePath = needsChromium(ctx, what)
  return chromium.launch({ executablePath })
}

/** What went wrong on a page since `watch` was called: empty when nothing did. */
export function watch(page: Page, allowed: (url: string) => boolean): string[] {
  const problems: string[] = []
  page.on('dialog', (d) => {
    problems.push(`dialog ${d.type()}: ${d.message()}`)
    void d.dismiss()
  })
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning')
      problems.push(`console ${m.type()}: ${m.text()}`)
  })
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`))
  page.on('request', (r) => {
    if (!allowed(r.url())) problems.push(`request: ${r.url()}`)
  })
  return problems
}

/**
 * How many pixels of a PNG screenshot are near `rgb` (within `tolerance` per channel), counted by
 * the browser itself (a canvas on a blank page): a screenshot is checked for what it shows.
 */
export async function pixelsNear(
  browser: Browser,
  png: Buffer,
  rgb: readonly [number, number, number],
  tolerance = 40,
): Promise<number> {
  const page = await browser.newPage()
  try {
    // A string, evaluated in the page: the project compiles without the DOM's types.
    const script = `(async ({ url, rgb, tolerance }) => {
      const img = new Image()
      img.src = url
      await img.decode()
      const canvas = document.createElement('canvas')
      canvas.width = img.width
      canvas.height = img.height
      const ctx = canvas.getContext('2d')
      ctx.drawImage(img, 0, 0)
      const data = ctx.getImageData(0, 0, img.width, img.height).data
      let n = 0
      for (let i = 0; i < data.length; i += 4)
        if (rgb.every((c, k) => Math.abs(data[i + k] - c) <= tolerance)) n++
      return n
    })(${JSON.stringify({ url: `data:image/png;base64,${png.toString('base64')}`, rgb, tolerance })})`
    return (await page.evaluate(script)) as number
  } finally {
    await page.close()
  }
}
