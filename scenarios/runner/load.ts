/**
 * Loading a scenario file: YAML with positions, checked against scenarios/scenario.schema.json
 * (ajv), the topology by mock-ews's own reader, then the meaning (users exist and have clients,
 * shell lines parse, times do not go back). Every error names the file, line and column, the
 * field path and what the schema or the check expected.
 */
import { readFileSync } from 'node:fs'
import { basename } from 'node:path'
import { Ajv } from 'ajv'
import type { ErrorObject } from 'ajv'
import { LineCounter, parseDocument } from 'yaml'
import type { Document } from 'yaml'
import { installedBuild, isChannel, parseBuild, formatBuild } from '../../client/builds/index.ts'
import { formatPath, positionOf, readTopology } from '../../mock-ews/index.ts'
import type { Topology } from '../../mock-ews/index.ts'
import type {
  ClientSpec,
  CrashPoint,
  Expectation,
  ExpectationBody,
  FaultKind,
  Position,
  Scenario,
  Step,
  StepBody,
} from './model.ts'
import { parseShellLine, ShellError } from './shell.ts'
import type { SettablePresence } from '../../client/engine/presence.ts'

export const SCHEMA_FILE = new URL('../scenario.schema.json', import.meta.url)
export const DEFAULT_START = '2016-06-10T09:00:00Z'

type Path = (string | number)[]

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

let validate: ReturnType<Ajv['compile']> | undefined
function validator(): ReturnType<Ajv['compile']> {
  if (!validate) {
    const schema = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as object
    validate = new Ajv({ allErrors: false, strict: true, strictRequired: false }).compile(schema)
  }
  return validate
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
  if (!check(root)) schemaFailure(check.errors?.[0], fail)
  const value = root as RawScenario

  const { topology, clients } = readScenarioTopology(value.topology, fail)
  const ctx: Context = { doc, at, fail, topology, clients, file }
  const start = new Date(value.start ?? DEFAULT_START)
  const steps = value.steps.map((s, i) => readStep(s, ['steps', i], ctx))
  if (value.expect) {
    steps.push({
      kind: 'expect',
      expectations: value.expect.map((e, i) => readExpectation(e, ['expect', i], ctx)),
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

interface Context {
  doc: Document
  file: string
  at(path: Path, atKey?: boolean, offset?: number): Position
  fail(path: Path, expected: string, atKey?: boolean): never
  topology: Topology
  clients: Map<string, ClientSpec>
}

function schemaFailure(
  error: ErrorObject | undefined,
  fail: (path: Path, expected: string, atKey: boolean, schemaPath?: string) => never,
): never {
  if (!error) return fail([], 'a scenario', false)
  const path: Path = error.instancePath
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p))
  const params = error.params as Record<string, unknown>
  // An error inside `propertyNames` (an unknown step or expectation kind) names the key.
  const key = (error as ErrorObject & { propertyName?: string }).propertyName
  if (key !== undefined) {
    const allowed = (error.params as { allowedValues?: string[] }).allowedValues ?? []
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

function readClient(
  c: { build?: string; channel?: string; installed?: string },
  path: Path,
  fail: (path: Path, expected: string) => never,
): ClientSpec {
  if (c.build !== undefined) return { build: formatBuild(parseBuild(c.build)) }
  const channel = c.channel!
  if (!isChannel(channel)) return fail([...path, 'channel'], 'a channel of the catalogue')
  if (!installedBuild(channel, c.installed!)) {
    return fail([...path, 'installed'], `a day on which the ${channel} channel had a 2016 build`)
  }
  return { channel, installed: c.installed! }
}

/** The build a ClientSpec stands for. */
export function buildOf(spec: ClientSpec): string {
  if ('build' in spec) return spec.build
  if (!isChannel(spec.channel)) throw new Error(`unknown channel ${spec.channel}`)
  const build = installedBuild(spec.channel, spec.installed)
  if (!build) throw new Error(`${spec.channel} had no build on ${spec.installed}`)
  return formatBuild(build)
}

const addresses = (v: unknown): string[] =>
  (Array.isArray(v) ? v : [v]).map((a) => String(a).toLowerCase())

function readStep(raw: Record<string, unknown>, path: Path, ctx: Context): Step {
  const kind = Object.keys(raw)[0]!
  const v = raw[kind]
  const p: Path = [...path, kind]
  const o = v as Record<string, unknown>
  const user = (key: string, needsClient: boolean): string =>
    knownUser(String(o[key]).toLowerCase(), [...p, key], ctx, needsClient)
  let body: StepBody
  switch (kind) {
    case 'at':
      body = { kind, time: new Date(String(v)) }
      break
    case 'advance':
      body = { kind, ms: parseDuration(String(v)) }
      break
    case 'shell': {
      const line = typeof v === 'string' ? v : String(o.run)
      const linePath = typeof v === 'string' ? p : [...p, 'run']
      const org =
        typeof v === 'string' || o.org === undefined ? undefined : String(o.org).toLowerCase()
      if (org !== undefined && !ctx.topology.organisations.some((x) => x.domain === org)) {
        ctx.fail([...p, 'org'], 'the domain of an organisation of the topology')
      }
      try {
        parseShellLine(line)
      } catch (e) {
        if (!(e instanceof ShellError)) throw e
        const node = ctx.doc.getIn(linePath, true) as { type?: string } | undefined
        const quoted = node?.type === 'QUOTE_DOUBLE' || node?.type === 'QUOTE_SINGLE' ? 1 : 0
        const pos = ctx.at(linePath, false, quoted + e.column - 1)
        throw new ScenarioError(ctx.file, pos.line, pos.column, formatPath(linePath), e.message)
      }
      body = { kind, org, line }
      break
    }
    case 'sign-in':
    case 'sign-out':
      body = { kind, users: addresses(v).map((a) => knownUser(a, p, ctx, true)) }
      break
    case 'presence':
      body = { kind, user: user('user', true), presence: o.set as SettablePresence }
      break
    case 'send':
      body = { kind, from: user('from', true), to: user('to', false), text: String(o.text) }
      break
    case 'upgrade':
      body = {
        kind,
        user: user('user', true),
        client: readClient(o as { build?: string }, p, ctx.fail),
      }
      break
    case 'crash':
      body =
        typeof v === 'string'
          ? { kind, user: knownUser(v.toLowerCase(), p, ctx, true), point: undefined }
          : { kind, user: user('user', true), point: o.at as CrashPoint | undefined }
      break
    case 'restart':
      body = { kind, user: knownUser(String(v).toLowerCase(), p, ctx, true) }
      break
    case 'fault': {
      const org = o.org === undefined ? undefined : String(o.org).toLowerCase()
      if (org !== undefined && !ctx.topology.organisations.some((x) => x.domain === org)) {
        ctx.fail([...p, 'org'], 'the domain of an organisation of the topology')
      }
      const fault = o.kind as FaultKind
      const ms =
        fault === 'server-busy' && o['back-off'] !== undefined
          ? parseDuration(String(o['back-off']))
          : fault === 'latency'
            ? o.latency === undefined
              ? ctx.fail(p, 'a "latency" duration for a latency fault')
              : parseDuration(String(o.latency))
            : undefined
      body = {
        kind,
        fault,
        org,
        user: o.user === undefined ? undefined : user('user', false),
        operation: o.operation === undefined ? undefined : String(o.operation),
        forMs: o.for === undefined ? undefined : parseDuration(String(o.for)),
        times: o.times === undefined ? undefined : Number(o.times),
        ms,
      }
      break
    }
    case 'expect':
      body = {
        kind,
        expectations: (v as Record<string, unknown>[]).map((e, i) =>
          readExpectation(e, [...p, i], ctx),
        ),
      }
      break
    default:
      return ctx.fail(path, `a step kind, not "${kind}"`, true)
  }
  return { ...body, at: ctx.at(path), source: `${kind}: ${summary(v)}` } as Step
}

function readExpectation(raw: Record<string, unknown>, path: Path, ctx: Context): Expectation {
  const kind = Object.keys(raw)[0]!
  const o = raw[kind] as Record<string, unknown>
  const p: Path = [...path, kind]
  const str = (k: string): string | undefined => (o[k] === undefined ? undefined : String(o[k]))
  const num = (k: string): number | undefined => (o[k] === undefined ? undefined : Number(o[k]))
  const user = (): string => knownUser(String(o.user).toLowerCase(), [...p, 'user'], ctx, false)
  let body: ExpectationBody
  switch (kind) {
    case 'mailbox':
      body = {
        kind,
        user: user(),
        folder: String(o.folder),
        count: num('count'),
        itemClass: str('class'),
        subjectContains: str('subject-contains'),
        bodyContains: str('body-contains'),
        from: str('from')?.toLowerCase(),
        to: str('to')?.toLowerCase(),
      }
      break
    case 'spooler':
      body = { kind, user: user(), count: num('count'), contains: str('contains') }
      break
    case 'trace':
      body = {
        kind,
        user: user(),
        event: String(o.event),
        count: num('count'),
        where: (o.where as Record<string, unknown> | undefined) ?? {},
      }
      break
    case 'told':
      body = {
        kind,
        user: user(),
        outcome: o.outcome as 'live' | undefined,
        contains: str('contains'),
      }
      break
    case 'shell-output':
      body = { kind, contains: String(o.contains) }
      break
    case 'client':
      body = { kind, user: user(), recent: num('recent'), missed: num('missed') }
      break
    default:
      return ctx.fail(path, `an expectation kind, not "${kind}"`, true)
  }
  return { ...body, at: ctx.at(path), source: `${kind}: ${summary(o)}` } as Expectation
}

function knownUser(address: string, path: Path, ctx: Context, needsClient: boolean): string {
  const exists = ctx.topology.organisations.some((o) => o.users.some((u) => u.address === address))
  if (!exists) return ctx.fail(path, `a user of the topology, not "${address}"`)
  if (needsClient && !ctx.clients.has(address)) {
    return ctx.fail(path, `a user with a client (give ${address} a "client" in the topology)`)
  }
  return address
}

function checkTimes(start: Date, steps: Step[], ctx: Context): void {
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

const UNITS: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1 }

/** `1h30m`, `2m`, `90s`, `500ms` → milliseconds. */
export function parseDuration(text: string): number {
  let total = 0
  for (const m of text.matchAll(/(\d+)(ms|h|m|s)/g)) total += Number(m[1]) * UNITS[m[2]!]!
  return total
}

function summary(v: unknown): string {
  const s = typeof v === 'string' ? v : JSON.stringify(v)
  return s.length > 120 ? `${s.slice(0, 117)}...` : s
}
