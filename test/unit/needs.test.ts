// test/helpers/needs.ts: a group whose need is missing is skipped with a line saying why, except
// under CI=true, where it fails; EWS_SCHEMA_DIR naming no schema always fails.
import { expect } from 'chai'
import { ewsSchemaDir, needsSchema, skipOrFail } from '../helpers/needs.ts'

/** Runs `fn` with the given environment variables (undefined: unset), then restores them. */
function withEnv<T>(vars: Record<string, string | undefined>, fn: () => T): T {
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]))
  const set = (values: Record<string, string | undefined>): void => {
    for (const [k, v] of Object.entries(values))
      if (v === undefined) delete process.env[k]
      else process.env[k] = v
  }
  set(vars)
  try {
    return fn()
  } finally {
    set(saved)
  }
}

/** A mocha context whose skip() is recorded (mocha's own throws to end the hook). */
function fakeContext(): { ctx: Mocha.Context; skipped: () => boolean } {
  let skipped = false
  const ctx = {
    skip: () => {
      skipped = true
      throw new Error('skipped')
    },
  } as unknown as Mocha.Context
  return { ctx, skipped: () => skipped }
}

describe('test needs (test/helpers/needs.ts)', () => {
  it('skips with a reason outside CI, fails under CI=true', () => {
    const local = fakeContext()
    const log = console.log
    const lines: string[] = []
    console.log = (line: string) => lines.push(line)
    try {
      withEnv({ CI: undefined }, () =>
        expect(() => skipOrFail(local.ctx, 'a check', 'no tool')).to.throw('skipped'),
      )
    } finally {
      console.log = log
    }
    expect(local.skipped()).to.equal(true)
    expect(lines.join('\n')).to.match(/not run here: a check — no tool/)
    const ci = fakeContext()
    withEnv({ CI: 'true' }, () =>
      expect(() => skipOrFail(ci.ctx, 'a check', 'no tool')).to.throw(
        /a check cannot run under CI: no tool/,
      ),
    )
    expect(ci.skipped()).to.equal(false)
  })

  it('takes EWS_SCHEMA_DIR when set, and fails when it is empty or names no schema', () => {
    withEnv({ EWS_SCHEMA_DIR: '/nonexistent/ews-schema' }, () => {
      expect(() => ewsSchemaDir()).to.throw(/messages\.xsd is not there/)
      expect(() => needsSchema(fakeContext().ctx, 'x')).to.throw(/messages\.xsd is not there/)
    })
    withEnv({ EWS_SCHEMA_DIR: '' }, () => expect(() => ewsSchemaDir()).to.throw(/empty/))
  })
})
