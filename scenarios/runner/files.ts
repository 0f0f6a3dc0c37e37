/**
 * Which scenario files a run means: files as given, the `*.yaml`/`*.yml` files of a folder, or a
 * glob (`*` within a path segment, `**` across segments). Sorted, without duplicates.
 */
import { existsSync, readdirSync, statSync } from 'node:fs'
import { basename, join, resolve, sep } from 'node:path'
import { PACKAGE_ROOT } from './package-root.ts'

/** The bundled catalogue folder (`scenarios/` of this package). */
export const CATALOGUE_DIR = join(PACKAGE_ROOT, 'scenarios')

const isScenario = (name: string): boolean => /\.ya?ml$/.test(name)

export function expandScenarioPaths(patterns: readonly string[], cwd = process.cwd()): string[] {
  return expandScenarioFiles(patterns, cwd).map((f) => f.file)
}

/** A scenario file and its key: its path below the folder or glob that named it, with `/`. */
export interface ScenarioFile {
  file: string
  key: string
}

/**
 * expandScenarioPaths with each file's key: relative to the folder given (the catalogue folder when
 * none is), to a glob's part before its first wildcard, or the file's name for a file given as
 * such. `run --shard` hashes the key, so the split is the same from any working folder or checkout.
 */
export function expandScenarioFiles(
  patterns: readonly string[],
  cwd = process.cwd(),
): ScenarioFile[] {
  const found = new Map<string, string>()
  const add = (file: string, key: string): void => {
    if (!found.has(file)) found.set(file, key)
  }
  for (const pattern of patterns.length ? patterns : [CATALOGUE_DIR]) {
    const path = resolve(cwd, pattern)
    if (!/[*?]/.test(pattern)) {
      if (existsSync(path) && statSync(path).isDirectory()) {
        for (const name of readdirSync(path)) if (isScenario(name)) add(join(path, name), name)
      } else {
        add(path, basename(path))
      }
      continue
    }
    for (const [file, key] of glob(path)) add(file, key)
  }
  return [...found]
    .map(([file, key]) => ({ file, key }))
    .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))
}

/** Files matching an absolute glob, each with its path below the glob's base. */
function glob(pattern: string): [file: string, key: string][] {
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
  const out: [string, string][] = []
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
      else if (regex.test(r)) out.push([full, r])
    }
  }
  walk(base, '')
  return out
}
