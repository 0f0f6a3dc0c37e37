/**
 * The folder of this package (its package.json), found from the sources and from the build alike:
 * the compiled modules sit one level deeper (dist/…), so the files they read beside the code
 * (package.json, the scenario catalogue and its schema) are found by walking up, not by a fixed `..`.
 */
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

function packageRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir
    if (dirname(dir) === dir) throw new Error(`no package.json above ${from}`)
  }
}

export const PACKAGE_ROOT = packageRoot(dirname(fileURLToPath(import.meta.url)))
