// Whether the JavaScript compiled into dist/ is at least as new as every source it is built from
// (docs/decisions/0057). Shared by bin/ews-lab.js (run dist/ or the sources) and the package test
// (pack without rebuilding when the build is fresh).
import { existsSync, readdirSync, statSync } from 'node:fs'
import { fileURLToPath, URL } from 'node:url'

const root = new URL('../', import.meta.url)
/** The compiled entry point. */
export const built = new URL('dist/bin/cli.js', root)
/** True in a checkout (the TypeScript sources beside bin/), false in an installed package. */
export const checkout = existsSync(new URL('bin/cli.ts', root))

const sources = ['bin', 'mock-ews', 'client', 'scenarios'].map((d) =>
  fileURLToPath(new URL(d, root)),
)

/** The newest modification time of a file the build compiles (.ts, .js, .mjs) under `dir` (ms). */
function newest(dir) {
  let max = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = `${dir}/${entry.name}`
    if (entry.isDirectory()) max = Math.max(max, newest(path))
    else if (
      /\.(ts|m?js)$/.test(entry.name) &&
      !/^bin\/(ews-lab\.js|build-fresh\.js|build-fresh\.d\.ts)$/.test(relative(path))
    )
      max = Math.max(max, statSync(path).mtimeMs)
  }
  return max
}

function relative(path) {
  return path.slice(fileURLToPath(root).length)
}

/** dist/ exists and, in a checkout, no source is newer than it. */
export function buildIsFresh() {
  return (
    existsSync(built) && (!checkout || statSync(built).mtimeMs >= Math.max(...sources.map(newest)))
  )
}
