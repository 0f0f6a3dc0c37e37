#!/usr/bin/env node
// Entry point of the `ews-lab` command: runs the JavaScript compiled at install (dist/, `npm run
// build`, which `prepare` runs). In a checkout, where the TypeScript sources sit beside this file,
// a build older than any source (or none) would run stale code: then the sources run through tsx
// instead, as in development (docs/decisions/0057).
import { URL, fileURLToPath } from 'node:url'
import { buildIsFresh, built, checkout } from './build-fresh.js'

const root = new URL('../', import.meta.url)

if (buildIsFresh()) {
  await import(built.href)
} else if (checkout) {
  const { register } = await import('tsx/esm/api')
  register()
  await import(new URL('bin/cli.ts', root).href)
} else {
  process.stderr.write(`ews-lab: ${fileURLToPath(built)} is missing: this package was not built\n`)
  process.exitCode = 1
}
