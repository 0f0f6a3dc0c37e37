/**
 * The exchangelib suites' runner: one Python process (test/exchangelib/<script>, sharing
 * test/exchangelib/harness.py) against an app on a loopback port; it prints what each check gave.
 * Without exchangelib the suite is skipped with a reason (a failure under CI: needs.ts).
 */
import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { expect } from 'chai'
import { startEwsServer } from '../../mock-ews/index.ts'
import type { EwsApp } from '../../mock-ews/index.ts'
import { PASSWORD, testApp } from './ews.ts'
import { needsExchangelib } from './needs.ts'

export type Check = { ok?: unknown; error?: string; trace?: string }
export type Checks = Record<string, Check>

/** Runs test/exchangelib/`script` against `app` (default: a fresh test app); its checks by name. */
export async function runExchangelibScript(
  ctx: Mocha.Context,
  script: string,
  what: string,
  app: EwsApp['app'] = testApp().app,
): Promise<Checks> {
  const python = needsExchangelib(ctx, what)
  const path = fileURLToPath(new URL(`../exchangelib/${script}`, import.meta.url))
  const server = await startEwsServer(app, { port: 0 })
  try {
    const { stdout } = await promisify(execFile)(python, [path, server.ewsUrl, PASSWORD], {
      timeout: 50_000,
    })
    return JSON.parse(stdout) as Checks
  } finally {
    await server.close()
  }
}

/** A check's value, after asserting that it ran and raised nothing (its trace in the message). */
export function okOf(results: Checks, name: string): unknown {
  const check = results[name]
  expect(check, name).to.not.equal(undefined)
  expect(check?.error, `${name}: ${check?.trace ?? ''}`).to.equal(undefined)
  return check?.ok
}
