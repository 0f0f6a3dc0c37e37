/**
 * The web inspector (`/__admin/ui`): plain files from ./inspector/, no build step. The files hold no
 * data, so they are served behind the Host guard but without the admin token; the page reads
 * everything through the JSON admin API with the token the user gives it (docs/decisions/0046).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { extname } from 'node:path'
import express from 'express'
import type { Response, Router } from 'express'

/** What the page may do: its own script, style and API; no plugin, no framing, no form posts. */
export const INSPECTOR_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  // Inline style is allowed only so a message's own styles apply inside the sandboxed body frame,
  // which inherits this policy; the page itself inserts no markup from data.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ')

/**
 * ./inspector/ beside this module in the sources; the built module (dist/mock-ews/admin/) reads the
 * same files from the package's mock-ews/admin/inspector/, which ships as they are.
 */
const BESIDE = new URL('./inspector/', import.meta.url)
const DIR = existsSync(new URL('index.html', BESIDE))
  ? BESIDE
  : new URL('../../../mock-ews/admin/inspector/', import.meta.url)
const TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  css: 'text/css; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
}
/** The page's files by name, with their content types: what is in ./inspector/, and nothing else. */
const FILES = new Map(
  readdirSync(DIR)
    .filter((name) => TYPES[extname(name).slice(1)] !== undefined)
    .map((name) => [name, TYPES[extname(name).slice(1)]!]),
)

function send(res: Response, name: string): void {
  res
    .status(200)
    .set({
      'Content-Type': FILES.get(name)!,
      'Content-Security-Policy': INSPECTOR_CSP,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': 'no-store',
    })
    .send(readFileSync(new URL(name, DIR)))
}

/** Mounted at `/__admin/ui`: the page at `/__admin/ui`, its files at `/__admin/ui/<name>`. */
export function inspectorRouter(): Router {
  const router = express.Router({ strict: true })
  router.get('/', (_req, res) => send(res, 'index.html'))
  router.get('/:name', (req, res, next) => {
    const name = String(req.params.name)
    if (FILES.has(name) && name !== 'index.html') send(res, name)
    else next()
  })
  return router
}
