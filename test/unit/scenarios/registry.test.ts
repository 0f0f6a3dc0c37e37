/**
 * One registry: the step and expectation tables and the JSON Schema name the same kinds, and the
 * loader refuses to start when they disagree (a kind added to one and not the other); the runner's
 * files are each named in scenarios/README.md.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { expect } from 'chai'
import { EXPECTATIONS } from '../../../scenarios/runner/expectations.ts'
import { SCHEMA_FILE, sameKinds } from '../../../scenarios/runner/load.ts'
import { STEPS } from '../../../scenarios/runner/steps.ts'

interface Schema {
  definitions: Record<
    string,
    { propertyNames?: { enum: string[] }; then?: { propertyNames?: { enum: string[] } } }
  >
}
const schema = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as Schema

describe('scenario kinds registry', () => {
  it('has one table entry for every step kind of the schema, and no other', () => {
    const named = schema.definitions.step!.propertyNames!.enum.filter((k) => k !== 'fails-with')
    expect(Object.keys(STEPS).sort()).to.deep.equal([...named].sort())
  })

  it('has one table entry for every expectation kind of the schema, and no other', () => {
    const named = schema.definitions.expectation!.propertyNames!.enum
    expect(Object.keys(EXPECTATIONS).sort()).to.deep.equal([...named].sort())
  })

  it('lets fails-with stand only beside step kinds the table has', () => {
    const failing = schema.definitions.step!.then!.propertyNames!.enum
    expect(failing.filter((k) => k !== 'fails-with' && !(k in STEPS))).to.deep.equal([])
  })

  it('names every file of the runner in scenarios/README.md', () => {
    const readme = readFileSync('scenarios/README.md', 'utf8')
    const files = [
      ...readdirSync('scenarios/runner').filter((f) => f.endsWith('.ts')),
      '../mocha.ts',
    ]
    expect(files.filter((f) => !readme.includes(`\`${f}\``))).to.deep.equal([])
  })

  it('refuses a schema kind without a table entry, and a table entry the schema lacks', () => {
    expect(() => sameKinds('step', ['at', 'jump'], ['at'], 'steps.ts')).to.throw(
      /the step table disagree: "jump" has no entry in steps\.ts/,
    )
    expect(() => sameKinds('step', ['at'], ['at', 'jump'], 'steps.ts')).to.throw(
      /"jump" is not in the schema/,
    )
    expect(() => sameKinds('step', ['at', 'fails-with'], ['at'], 'steps.ts')).not.to.throw()
  })
})
