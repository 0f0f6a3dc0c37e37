/**
 * Loading a scenario file: YAML with positions, checked against scenarios/scenario.schema.json
 * (ajv), the topology by mock-ews's own reader, then the meaning (users exist and have clients,
 * shell lines parse, times do not go back). Every error names the file, line and column, the
 * field path and what the schema or the check expected.
 */
import { readFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import { Ajv } from 'ajv'
import type { ErrorObject } from 'ajv'
import { LineCounter, parseDocument } from 'yaml'
import type { Document } from 'yaml'
import { formatPath, positionOf, readTopology } from '../../mock-ews/index.ts'
import type { Topology } from '../../mock-ews/index.ts'
import { readClient } from './builds.ts'
import { EXPECTATIONS, readExpectations } from './expectations.ts'
import { readTextMatcher } from './matchers.ts'
import type { ClientSpec, Position, Scenario, Step } from './model.ts'
import { summary } from './registry.ts'
import type { Path, ReadContext } from './registry.ts'
import { PACKAGE_ROOT } from './package-root.ts'
import { STEPS } from './steps.ts'

export { buildOf } from './builds.ts'
export { parseDuration } from './registry.ts'

export const SCHEMA_FILE = join(PACKAGE_ROOT, 'scenarios', 'scenario.schema.json')
export const DEFAULT_START = '2016-06-10T09:00:00Z'

export class ScenarioError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | undefined,
    readonly column: number | undefined,
    readonly path: string,
    readonly expected: string,
    readonly schemaPath?: string,
  ) {
    const where = line === undefined ? file : `${file}:${line}:${column ?? 1}`
    super(`${where}: ${scenarioErrorReason(path, expected, schemaPath)}`)
    this.name = 'ScenarioError'
  }

  /** What is wrong, without where (reports print the position on a line of its own). */
  get reason(): string {
    return scenarioErrorReason(this.path, this.expected, this.schemaPath)
  }

  /** Where, for a report; line 0 when the file failed before a line was read. */
  get at(): Position {
    return { file: this.file, line: this.line ?? 0, column: this.column ?? 0 }
  }
}

function scenarioErrorReason(path: string, expected: string, schemaPath?: string): string {
  return `${path || '(top level)'}: ${expected}${schemaPath ? ` (schema: ${schemaPath})` : ''}`
}

/** A value the schema marks `x-topology`: a user of the topology, or one with a client. */
interface TopologyRef {
  path: Path
  address: string
  needs: 'user' | 'client'
}

let validate: ReturnType<Ajv['compile']> | undefined
function validator(): ReturnType<Ajv['compile']> {
  if (!validate) {
    const schema = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as SchemaKinds
    sameKinds('step', schema.definitions.step.propertyNames.enum, Object.keys(STEPS), 'steps.ts')
    sameKinds(
      'expectation',
      schema.definitions.expectation.propertyNames.enum,
      Object.keys(EXPECTATIONS),
      'expectations.ts',
    )
    const ajv = new Ajv({
      allErrors: false,
      strict: true,
      strictRequired: false,
      passContext: true,
    })
    // Records where the schema names a topology user; the loader checks them once the topology is read.
    ajv.addKeyword({
      keyword: 'x-topology',
      schemaType: 'string',
      validate(this: TopologyRef[], needs: 'user' | 'client', data: unknown, _s: unknown, cxt) {
        if (typeof data === 'string' && cxt) {
          this.push({ path: pathOf(cxt.instancePath), address: data.toLowerCase(), needs })
        }
        return true
      },
    })
    validate = ajv.compile(schema)
  }
  return validate
}

interface SchemaKinds {
  definitions: Record<'step' | 'expectation', { propertyNames: { enum: string[] } }>
}

/** The schema and the tables must name the same kinds (`fails-with` is a step's second key). */
export function sameKinds(what: string, schema: string[], table: string[], file: string): void {
  const named = schema.filter((k) => k !== 'fails-with')
  const missing = [
    ...named.filter((k) => !table.includes(k)).map((k) => `"${k}" has no entry in ${file}`),
    ...table.filter((k) => !named.includes(k)).map((k) => `"${k}" is not in the schema`),
  ]
  if (missing.length > 0) {
    throw new Error(`scenario.schema.json and the ${what} table disagree: ${missing.join('; ')}`)
  }
}

export function loadScenarioFile(file: string): Scenario {
  return parseScenario(readFileSync(file, 'utf8'), file)
}

export function parseScenario(text: string, file = '<scenario>'): Scenario {
  const lineCounter = new LineCounter()
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true })
  const at = (path: Path, atKey = false, offset = 0): Position => {
    const pos = positionOf(doc, path, atKey)
    const lc = pos === undefined ? { line: 1, col: 1 } : lineCounter.linePos(pos + offset)
    return { file, line: lc.line, column: lc.col }
  }
  const fail = (path: Path, expected: string, atKey = false, schemaPath?: string): never => {
    const p = at(path, atKey)
    throw new ScenarioError(file, p.line, p.column, formatPath(path), expected, schemaPath)
  }
  if (doc.errors.length > 0) {
    const err = doc.errors[0]!
    const pos = err.linePos?.[0]
    throw new ScenarioError(file, pos?.line, pos?.col, '', `valid YAML (${err.message})`)
  }
  let root: unknown
  try {
    root = doc.toJS({ maxAliasCount: 100 })
  } catch (e) {
    throw new ScenarioError(
      file,
      undefined,
      undefined,
      '',
      `YAML within limits (${(e as Error).message})`,
    )
  }
  const check = validator()
  const refs: TopologyRef[] = []
  if (!check.call(refs, root)) schemaFailure(check.errors?.[0], fail)
  const value = root as RawScenario

  const { topology, clients } = readScenarioTopology(value.topology, fail)
  checkTopologyRefs(refs, topology, clients, fail)
  const ctx = readContext(doc, file, at, fail, topology, clients)
  const start = new Date(value.start ?? DEFAULT_START)
  const steps = value.steps.map((s, i) => readStep(s, ['steps', i], ctx))
  if (value.expect) {
    steps.push({
      kind: 'expect',
      expectations: readExpectations(value.expect, ['expect'], ctx),
      at: at(['expect']),
      source: 'expect',
    })
  }
  checkTimes(start, steps, ctx)
  return {
    file,
    name: value.name ?? basename(file).replace(/\.ya?ml$/, ''),
    description: value.description,
    topology,
    clients,
    start,
    steps,
  }
}

// ---------------------------------------------------------------------------------------------

interface RawScenario {
  name?: string
  description?: string
  start?: string
  topology: unknown
  steps: Record<string, unknown>[]
  expect?: Record<string, unknown>[]
}

/** Where the schema lists the step kinds that may have `fails-with` (the only `then` there). */
const FAILS_WITH_KINDS = '#/then/propertyNames/enum'

function schemaFailure(
  error: ErrorObject | undefined,
  fail: (path: Path, expected: string, atKey: boolean, schemaPath?: string) => never,
): never {
  if (!error) return fail([], 'a scenario', false)
  const path = pathOf(error.instancePath)
  const params = error.params as Record<string, unknown>
  // An error inside `propertyNames` (an unknown step or expectation kind) names the key.
  const key = (error as ErrorObject & { propertyName?: string }).propertyName
  if (key !== undefined && error.schemaPath === FAILS_WITH_KINDS && key in STEPS) {
    const allowed = (error.params as { allowedValues?: string[] }).allowedValues ?? []
    return fail(
      [...path, 'fails-with'],
      `no fails-with beside "${key}": only a step that can be refused may expect to fail (${allowed
        .filter((k) => k !== 'fails-with')
        .join(', ')})`,
      true,
      error.schemaPath,
    )
  }
  if (key !== undefined) {
    const allowed =
      error.schemaPath === FAILS_WITH_KINDS
        ? [...Object.keys(STEPS), 'fails-with']
        : ((error.params as { allowedValues?: string[] }).allowedValues ?? [])
    return fail(
      [...path, key],
      `no key "${key}" here (allowed: ${allowed.join(', ')})`,
      true,
      error.schemaPath,
    )
  }
  if (error.keyword === 'additionalProperties') {
    return fail(
      [...path, String(params.additionalProperty)],
      `no key "${String(params.additionalProperty)}" here`,
      true,
      error.schemaPath,
    )
  }
  if (error.keyword === 'propertyNames') {
    const name = String(params.propertyName)
    const allowed = (
      (error.parentSchema as { propertyNames?: { enum?: string[] } } | undefined)?.propertyNames
        ?.enum ?? []
    ).join(', ')
    return fail(
      [...path, name],
      `no key "${name}" here (allowed: ${allowed})`,
      true,
      error.schemaPath,
    )
  }
  if (error.keyword === 'enum') {
    return fail(
      path,
      `one of ${(params.allowedValues as unknown[]).join(', ')}`,
      false,
      error.schemaPath,
    )
  }
  if (error.keyword === 'required') {
    return fail(path, `a "${String(params.missingProperty)}" key`, false, error.schemaPath)
  }
  if (error.keyword === 'maxProperties' || error.keyword === 'minProperties') {
    return fail(path, 'exactly one key (the step or expectation kind)', false, error.schemaPath)
  }
  return fail(
    path,
    `a value that ${error.message ?? 'matches the schema'}`,
    false,
    error.schemaPath,
  )
}

function readScenarioTopology(
  raw: unknown,
  fail: (path: Path, expected: string, atKey?: boolean) => never,
): { topology: Topology; clients: Map<string, ClientSpec> } {
  const clients = new Map<string, ClientSpec>()
  const copy = structuredClone(raw) as { organisations: { users: Record<string, unknown>[] }[] }
  copy.organisations.forEach((org, i) =>
    org.users.forEach((user, j) => {
      const client = user.client as
        { build?: string; channel?: string; installed?: string } | undefined
      if (client) {
        const spec = readClient(
          client,
          ['topology', 'organisations', i, 'users', j, 'client'],
          fail,
        )
        clients.set(String(user.address).toLowerCase(), spec)
      }
      delete user.client
    }),
  )
  const topology = readTopology(copy, (path, expected, atKey) =>
    fail(['topology', ...path], `expected ${expected}`, atKey),
  )
  return { topology, clients }
}

function readContext(
  doc: Document,
  file: string,
  at: ReadContext['at'],
  fail: ReadContext['fail'],
  topology: Topology,
  clients: Map<string, ClientSpec>,
): ReadContext {
  return {
    doc,
    file,
    at,
    fail,
    failAt(path, offset, expected) {
      const pos = at(path, false, offset)
      throw new ScenarioError(file, pos.line, pos.column, formatPath(path), expected)
    },
    failing: false,
    topology,
    clients,
    org(value, path) {
      if (value === undefined) return undefined
      const org = String(value).toLowerCase()
      if (!topology.organisations.some((x) => x.domain === org)) {
        fail(path, 'the domain of an organisation of the topology')
      }
      return org
    },
  }
}

/** `/steps/0/send/from` → `['steps', 0, 'send', 'from']`. */
function pathOf(instancePath: string): Path {
  return instancePath
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p))
}

function checkTopologyRefs(
  refs: TopologyRef[],
  topology: Topology,
  clients: Map<string, ClientSpec>,
  fail: ReadContext['fail'],
): void {
  for (const { path, address, needs } of refs) {
    const exists = topology.organisations.some((o) => o.users.some((u) => u.address === address))
    if (!exists) fail(path, `a user of the topology, not "${address}"`)
    if (needs === 'client' && !clients.has(address)) {
      fail(path, `a user with a client (give ${address} a "client" in the topology)`)
    }
  }
}

/** One step: its kind's entry in the step table reads it (a second key may be `fails-with`). */
function readStep(raw: Record<string, unknown>, path: Path, ctx: ReadContext): Step {
  const kind = Object.keys(raw).find((k) => k !== 'fails-with') as keyof typeof STEPS
  const failsWith =
    raw['fails-with'] === undefined
      ? undefined
      : readTextMatcher(raw['fails-with'], [...path, 'fails-with'], ctx)
  const def = STEPS[kind] as { read(v: unknown, p: Path, c: ReadContext): object }
  const fields = def.read(raw[kind], [...path, kind], { ...ctx, failing: failsWith !== undefined })
  return {
    kind,
    ...fields,
    at: ctx.at(path),
    source: `${kind}: ${summary(raw[kind])}`,
    ...(failsWith ? { failsWith } : {}),
  } as Step
}

function checkTimes(start: Date, steps: Step[], ctx: ReadContext): void {
  let now = start.getTime()
  steps.forEach((s, i) => {
    if (s.kind === 'at') {
      if (s.time.getTime() < now)
        ctx.fail(
          ['steps', i, 'at'],
          `a time not before ${new Date(now).toISOString()} (the clock never goes back)`,
        )
      now = s.time.getTime()
    } else if (s.kind === 'advance') now += s.ms
  })
}
