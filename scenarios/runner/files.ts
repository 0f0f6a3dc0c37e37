/**
 * Which scenario files a run means: files as given, the `*.yaml`/`*.yml` files of a folder, or a
 * glob (`*` within a path segment, `**` across segments). Sorted, without duplicates.
 */
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join, resolve, sep } from 'node:path'
import { PACKAGE_ROOT } from './package-root.ts'

/** The bundled catalogue folder (`scenarios/` of this package). */
export const CATALOGUE_DIR = join(PACKAGE_ROOT, 'scenarios')

const isScenario = (name: string): boolean => /\.ya?ml$/.test(name)

export function expandScenarioPaths(patterns: readonly string[], cwd = process.cwd()): string[] {
  const found = new Set<string>()
  for (const pattern of patterns.length ? patterns : [CATALOGUE_DIR]) {
    const path = resolve(cwd, pattern)
    if (!/[*?]/.test(pattern)) {
      if (existsSync(path) && statSync(path).isDirectory()) {
        for (const name of readdirSync(path)) if (isScenario(name)) found.add(join(path, name))
      } else {
        found.add(path)
      }
      continue
    }
    for (const file of glob(path)) found.add(file)
  }
  return [...found].sort()
}

/** Files matching an absolute glob. */
function glob(pattern: string): string[] {
  const parts = pattern.split(sep)
  const firstWild = parts.findIndex((p) => /[*?]/.test(p))
  const base = parts.slice(0, firstWild).join(sep) || sep
  const regex = new RegExp(
    `^${parts
      .slice(firstWild)
      .map((p) =>
        p === '**'
          ? '(?:.*/)?'
          : `${p
              .replace(/[.+^${}()|[\]\\]/g, '\\$&')
              .replace(/\*/g, '[^/]*')
              .replace(/\?/g, '[^/]')}/`,
      )
      .join('')
      .replace(/\/$/, '')}$`,
  )
  const out: string[] = []
  const walk = (dir: string, rel: string): void => {
    let names: string[]
    try {
      names = readdirSync(dir)
    } catch {
      return
    }
    for (const name of names) {
      if (name === 'node_modules' || name.startsWith('.')) continue
      const full = join(dir, name)
      const r = rel ? `${rel}/${name}` : name
      if (statSync(full).isDirectory()) walk(full, r)
      else if (regex.test(r)) out.push(full)
    }
  }
  walk(base, '')
  return out
}
