/**
 * What some tests need from outside the project: the official EWS schema, python3 with exchangelib,
 * chromium. Where it is missing, the group that needs it is skipped with one line saying what did
 * not run and why; under CI (CI=true) a missing need fails instead, so that CI never passes by
 * skipping. The schema folder is $EWS_SCHEMA_DIR if set (then a missing or unreadable schema is a
 * failure, wherever it runs), else ../shared/ews-schema beside the project if it is there.
 */
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { delimiter, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const BESIDE = fileURLToPath(new URL('../../../shared/ews-schema', import.meta.url))
const HOW = 'see README.md, "Tests and the conformance check"'

/** In a `before` hook: skip the group, saying why; under CI=true, fail instead. */
export function skipOrFail(ctx: Mocha.Context, what: string, why: string): never {
  if (process.env.CI === 'true') throw new Error(`${what} cannot run under CI: ${why} (${HOW})`)
  console.log(`    ⚠ not run here: ${what} — ${why} (${HOW})`)
  ctx.skip()
}

/**
 * The EWS schema folder to test against, or undefined if there is none to look for. Throws when
 * EWS_SCHEMA_DIR is set but empty (an unset variable in `EWS_SCHEMA_DIR="$X"`) or names a folder
 * without messages.xsd.
 */
export function ewsSchemaDir(): string | undefined {
  const set = process.env.EWS_SCHEMA_DIR
  if (set !== undefined) {
    if (set.trim() === '') throw new Error('EWS_SCHEMA_DIR is set but empty')
    const dir = resolve(set)
    if (!existsSync(join(dir, 'messages.xsd')))
      throw new Error(`EWS_SCHEMA_DIR is ${dir}, but ${dir}/messages.xsd is not there (${HOW})`)
    return dir
  }
  return existsSync(BESIDE) ? BESIDE : undefined
}

/**
 * In a `before` hook: the EWS schema folder, or the group skipped (failed under CI). A folder that is
 * named but not a schema folder fails where it is read (loadSchemaFolder, schemaDir).
 */
export function needsSchema(ctx: Mocha.Context, what: string): string {
  const dir = ewsSchemaDir()
  if (dir) return dir
  return skipOrFail(ctx, what, `no EWS schema (EWS_SCHEMA_DIR is not set and ${BESIDE} is absent)`)
}

/**
 * In a `before` hook: a python3 that imports exchangelib ($PYTHON, python3 on the PATH, or the
 * system's /usr/bin/python3, where apt-get puts python3-exchangelib even when pyenv shadows it),
 * or the group skipped (failed under CI).
 */
export function needsExchangelib(ctx: Mocha.Context, what: string): string {
  const candidates = [process.env.PYTHON, 'python3', '/usr/bin/python3'].filter(
    (p): p is string => !!p,
  )
  for (const python of candidates)
    if (spawnSync(python, ['-c', 'import exchangelib'], { stdio: 'ignore' }).status === 0)
      return python
  return skipOrFail(
    ctx,
    what,
    `no python3 imports exchangelib (tried ${candidates.join(', ')}; apt-get install python3-exchangelib)`,
  )
}

/** In a `before` hook: the path of chromium, or the group skipped (failed under CI). */
export function needsChromium(ctx: Mocha.Context, what: string): string {
  for (const dir of (process.env.PATH ?? '').split(delimiter))
    for (const name of ['chromium', 'chromium-browser'])
      if (dir && existsSync(join(dir, name))) return join(dir, name)
  return skipOrFail(ctx, what, 'chromium is not on the PATH (apt-get install chromium)')
}
