/**
 * The `fault` step: a mock-ews fault (mock-ews/faults/definitions.ts) for a period of virtual time
 * or a number of requests, on the requests the optional filters name.
 */
import type { FaultDefinition } from '../../mock-ews/index.ts'
import { defineStep, parseDuration } from './registry.ts'

export type FaultKind = 'unreachable' | 'server-busy' | 'latency' | 'http-500'

type Obj = Record<string, unknown>

export const faultStep = defineStep({
  read(o: Obj, p, ctx) {
    const fault = o.kind as FaultKind
    const ms =
      fault === 'server-busy' && o['back-off'] !== undefined
        ? parseDuration(String(o['back-off']))
        : fault === 'latency'
          ? o.latency === undefined
            ? ctx.fail(p, 'a "latency" duration for a latency fault')
            : parseDuration(String(o.latency))
          : undefined
    return {
      fault,
      org: ctx.org(o.org, [...p, 'org']),
      user: o.user === undefined ? undefined : ctx.user(o.user, [...p, 'user'], false),
      operation: o.operation === undefined ? undefined : String(o.operation),
      /** The fault lasts this long from now (virtual time)… */
      forMs: o.for === undefined ? undefined : parseDuration(String(o.for)),
      /** …or applies to this many requests. */
      times: o.times === undefined ? undefined : Number(o.times),
      /** server-busy: BackOffMilliseconds; latency: the delay. */
      ms,
    }
  },
  async run(world, step) {
    const action: FaultDefinition['action'] =
      step.fault === 'unreachable'
        ? { type: 'reset' }
        : step.fault === 'server-busy'
          ? {
              type: 'ews-error',
              code: 'ErrorServerBusy',
              ...(step.ms === undefined ? {} : { backOffMs: step.ms }),
            }
          : step.fault === 'latency'
            ? { type: 'latency', ms: step.ms ?? 0 }
            : { type: 'http-status', status: 500 }
    const now = world.clock.now()
    const when: FaultDefinition['when'] =
      step.forMs !== undefined
        ? {
            type: 'window',
            from: now.toISOString(),
            to: new Date(now.getTime() + step.forMs).toISOString(),
          }
        : { type: 'times', count: step.times ?? 1 }
    const match: NonNullable<FaultDefinition['match']> = {
      ...(step.org === undefined ? {} : { organisation: step.org }),
      ...(step.user === undefined ? {} : { mailbox: step.user }),
      ...(step.operation === undefined ? {} : { operation: step.operation }),
    }
    world.mock.faults.add({ match, action, when })
  },
  users: (s) => (s.user ? [s.user] : []),
})
