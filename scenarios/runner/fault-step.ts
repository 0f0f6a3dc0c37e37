/**
 * The `fault` step: any mock-ews fault action (mock-ews/faults/definitions.ts) on the requests the
 * filters name (organisation, caller, operation, a folder named in the request, an item class
 * written in it), for a period of virtual time, a number of requests, or with a probability.
 * mock-ews's own parser checks the definition when the scenario loads.
 */
import { FaultDefinitionError, parseFaultDefinition } from '../../mock-ews/index.ts'
import type { FaultAction, FaultDefinition } from '../../mock-ews/index.ts'
import { defineStep, parseDuration, address } from './registry.ts'
import type { Path, ReadContext } from './registry.ts'

type Obj = Record<string, unknown>

/** The step's kinds: mock-ews's action types, and four shorthands. */
export type FaultKind =
  | 'unreachable'
  | 'server-busy'
  | 'http-500'
  | 'latency'
  | 'ews-error'
  | 'http-status'
  | 'unauthorized'
  | 'close-mid-body'
  | 'malformed-xml'

const ms = (v: unknown): number | undefined =>
  v === undefined ? undefined : parseDuration(String(v))

function action(o: Obj, p: Path, ctx: ReadContext): FaultAction {
  const kind = o.kind as FaultKind
  switch (kind) {
    case 'unreachable':
      return { type: 'reset' }
    case 'http-500':
      return { type: 'http-status', status: 500 }
    case 'latency':
      if (o.latency === undefined) return ctx.fail(p, 'a "latency" duration for a latency fault')
      return { type: 'latency', ms: ms(o.latency)! }
    case 'server-busy':
    case 'ews-error': {
      const backOffMs = ms(o['back-off'])
      return {
        type: 'ews-error',
        code: kind === 'server-busy' ? 'ErrorServerBusy' : String(o.code),
        ...(o.message === undefined ? {} : { message: String(o.message) }),
        ...(backOffMs === undefined ? {} : { backOffMs }),
        ...(o.level === undefined ? {} : { level: o.level as 'fault' | 'message' }),
      }
    }
    case 'http-status':
      return { type: 'http-status', status: Number(o.status) }
    case 'unauthorized':
    case 'close-mid-body':
    case 'malformed-xml':
      return { type: kind }
  }
}

/** Keys that only some kinds take. */
const ONLY: Record<string, FaultKind[]> = {
  code: ['ews-error'],
  message: ['ews-error', 'server-busy'],
  level: ['ews-error', 'server-busy'],
  'back-off': ['ews-error', 'server-busy'],
  status: ['http-status'],
  latency: ['latency'],
}

export const faultStep = defineStep({
  read(o: Obj, p, ctx) {
    const kind = o.kind as FaultKind
    for (const [key, kinds] of Object.entries(ONLY)) {
      if (o[key] !== undefined && !kinds.includes(kind)) {
        ctx.fail(
          [...p, key],
          `no "${key}" for a ${kind} fault (only for ${kinds.join(', ')})`,
          true,
        )
      }
    }
    if (
      (kind === 'ews-error' && o.code === undefined) ||
      (kind === 'http-status' && o.status === undefined)
    ) {
      ctx.fail(p, `a "${kind === 'ews-error' ? 'code' : 'status'}" for a ${kind} fault`)
    }
    const definition: FaultDefinition = {
      action: action(o, p, ctx),
      match: {
        ...(o.org === undefined ? {} : { organisation: ctx.org(o.org, [...p, 'org'])! }),
        ...(o.user === undefined ? {} : { mailbox: address(o.user) }),
        ...(o.operation === undefined ? {} : { operation: String(o.operation) }),
        ...(o.folder === undefined ? {} : { folder: String(o.folder) }),
        ...(o['item-class'] === undefined ? {} : { itemClass: String(o['item-class']) }),
      },
    }
    try {
      parseFaultDefinition(definition)
    } catch (e) {
      if (!(e instanceof FaultDefinitionError)) throw e
      // mock-ews names its own field (`fault.action.code: expected …`); the step's key is `code`.
      const field = /^fault\.action\.(code|message|status)\b/.exec(e.message)?.[1]
      ctx.fail(field ? [...p, field] : p, e.message.replace(/^[\w.]+: expected /, ''))
    }
    return {
      fault: kind,
      definition,
      /** The fault lasts this long from now (virtual time)… */
      forMs: ms(o.for),
      /** …or applies to this many requests… */
      times: o.times === undefined ? undefined : Number(o.times),
      /** …or to each request with this probability (mock-ews's seeded generator). */
      probability: o.probability === undefined ? undefined : Number(o.probability),
    }
  },
  async run(world, step) {
    const now = world.clock.now()
    const when: FaultDefinition['when'] =
      step.forMs !== undefined
        ? {
            type: 'window',
            from: now.toISOString(),
            to: new Date(now.getTime() + step.forMs).toISOString(),
          }
        : step.probability !== undefined
          ? { type: 'probability', p: step.probability }
          : { type: 'times', count: step.times! } // the schema asks for one of the three
    world.mock.faults.add({ ...step.definition, when })
  },
  users: (s) => (s.definition.match?.mailbox ? [s.definition.match.mailbox] : []),
})
