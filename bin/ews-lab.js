#!/usr/bin/env node
// Entry point of the `ews-lab` command: runs the JavaScript compiled at install (dist/, `npm run
// build`, which `prepare` runs). In a checkout, where the TypeScript sources sit beside this file,
// a build older than any source (or none) would run stale code: then the sources run through tsx
// instead, as in development (docs/decisions/0057).
import { existsSync, readdirSync, statSync } from 'node:fs'
import { fileURLToPath, URL } from 'node:url'

const self = fileURLToPath(import.meta.url)
const root = new URL('../', import.meta.url)
const built = new URL('dist/bin/cli.js', root)
const sources = ['bin', 'mock-ews', 'client', 'scenarios'].map((d) =>
  fileURLToPath(new URL(d, root)),
)

/** The newest modification time of a file the build compiles (.ts, .js, .mjs) under `dir` (ms). */
function newest(dir) {
  let max = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = `${dir}/${entry.name}`
    if (entry.isDirectory()) max = Math.max(max, newest(path))
    else if (/\.(ts|m?js)$/.test(entry.name) && path !== self)
      max = Math.max(max, statSync(path).mtimeMs)
  }
  return max
}

const checkout = existsSync(new URL('bin/cli.ts', root))
const fresh =
  existsSync(built) && (!checkout || statSync(built).mtimeMs >= Math.max(...sources.map(newest)))
if (fresh) {
  await import(built.href)
} else if (checkout) {
  const { register } = await import('tsx/esm/api')
  register()
  await import(new URL('bin/cli.ts', root).href)
} else {
  process.stderr.write(`ews-lab: ${fileURLToPath(built)} is missing: this package was not built\n`)
  process.exitCode = 1
}
