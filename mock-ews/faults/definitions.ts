import { RESPONSE_CODE_NAMES } from '../domain/response-code-names.ts'

/**
 * Fault definitions: plain, JSON-serialisable data saying which requests a fault applies to, what
 * it does, and when. The same definition can come from code, a scenario file or `/__admin/faults`;
 * mock-ews/faults/engine.ts applies them. Each definition describes itself in one line.
 */

/** Which requests a fault applies to; every field given must match. */
export interface FaultMatch {
  /** EWS operation name, e.g. `CreateItem`. */
  operation?: string
  /** The caller's address. */
  mailbox?: string
  /** The caller's organisation (domain). */
  organisation?: string
  /** A distinguished folder name (`inbox`) or folder id named anywhere in the request. */
  folder?: string
  /** A prefix of an ItemClass written in the request, e.g. `IPM.Note.Microsoft`. */
  itemClass?: string
}

export type FaultAction =
  /** An EWS error: as a SOAP fault (HTTP 500) or as every response message (HTTP 200, ResponseClass Error). */
  | {
      type: 'ews-error'
      code: string
      message?: string
      backOffMs?: number
      level?: 'fault' | 'message'
    }
  /** A bare HTTP status (e.g. 500, 503) with an empty body. */
  | { type: 'http-status'; status: number }
  /** 401 with the usual challenge, whatever the credentials. */
  | { type: 'unauthorized' }
  /** Answer normally after a delay (on the injected delay function; virtual in tests). */
  | { type: 'latency'; ms: number }
  /** Drop the connection without answering; the request is not processed. */
  | { type: 'reset' }
  /** Process the request, then send the headers and part of the body and drop the connection. */
  | { type: 'close-mid-body' }
  /** Answer 200 with XML that is cut short; the request is not processed. */
  | { type: 'malformed-xml' }

export type FaultWhen =
  | { type: 'always' }
  /** The first `count` matching requests (`once` is count 1). */
  | { type: 'times'; count: number }
  /** Matching requests whose virtual time is in [from, to). */
  | { type: 'window'; from: string; to: string }
  /** Each matching request with probability p, drawn from the engine's seeded generator. */
  | { type: 'probability'; p: number }

export interface FaultDefinition {
  match?: FaultMatch
  action: FaultAction
  when?: FaultWhen
}

/** EWS codes answered as a SOAP fault unless `level` says otherwise (as Exchange does). */
const FAULT_LEVEL_CODES = new Set([
  'ErrorServerBusy',
  'ErrorInvalidServerVersion',
  'ErrorSchemaValidation',
  'ErrorInvalidRequest',
])

export function errorLevel(
  action: Extract<FaultAction, { type: 'ews-error' }>,
): 'fault' | 'message' {
  return action.level ?? (FAULT_LEVEL_CODES.has(action.code) ? 'fault' : 'message')
}

/** One line, for logs, the journal and failure messages. */
export function describeFault(def: FaultDefinition): string {
  const a = def.action
  const what =
    a.type === 'ews-error'
      ? `${a.code}${a.backOffMs !== undefined ? ` (BackOffMilliseconds ${a.backOffMs})` : ''} as ${errorLevel(a) === 'fault' ? 'a SOAP fault' : 'every response message'}`
      : a.type === 'http-status'
        ? `HTTP ${a.status}`
        : a.type === 'unauthorized'
          ? 'HTTP 401'
          : a.type === 'latency'
            ? `${a.ms} ms latency`
            : a.type === 'reset'
              ? 'connection reset before processing'
              : a.type === 'close-mid-body'
                ? 'connection closed mid-answer after processing'
                : 'malformed XML'
  const m = def.match ?? {}
  const on = [
    m.operation ? `on ${m.operation}` : 'on any operation',
    m.mailbox && `for ${m.mailbox}`,
    m.organisation && `in ${m.organisation}`,
    m.folder && `naming folder ${m.folder}`,
    m.itemClass && `with item class ${m.itemClass}*`,
  ].filter(Boolean)
  const w = def.when ?? { type: 'always' }
  const when =
    w.type === 'always'
      ? 'always'
      : w.type === 'times'
        ? w.count === 1
          ? 'once'
          : `${w.count} times`
        : w.type === 'window'
          ? `from ${w.from} to ${w.to}`
          : `with probability ${w.p}`
  return `${what} ${on.join(' ')}, ${when}`
}

export class FaultDefinitionError extends Error {}

/** Checks untrusted JSON (the admin API, scenario files) and returns it as a definition. */
export function parseFaultDefinition(json: unknown): FaultDefinition {
  const fail = (path: string, expected: string): never => {
    throw new FaultDefinitionError(`${path}: expected ${expected}`)
  }
  const obj = (v: unknown, path: string, keys: string[]): Record<string, unknown> => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return fail(path, 'an object')
    for (const k of Object.keys(v))
      if (!keys.includes(k)) fail(`${path}.${k}`, `no such key (allowed: ${keys.join(', ')})`)
    return v as Record<string, unknown>
  }
  const str = (v: unknown, path: string): string =>
    typeof v === 'string' && v.trim() !== '' ? v : fail(path, 'a string')
  const num = (v: unknown, path: string, min: number, max: number, whole = true): number =>
    typeof v === 'number' &&
    Number.isFinite(v) &&
    v >= min &&
    v <= max &&
    (!whole || Number.isInteger(v))
      ? v
      : fail(path, `a ${whole ? 'whole number' : 'number'} from ${min} to ${max}`)
  const only = (o: Record<string, unknown>, path: string, keys: string[]): void => {
    for (const k of Object.keys(o))
      if (!keys.includes(k))
        fail(`${path}.${k}`, `no such key for this type (allowed: ${keys.join(', ')})`)
  }
  const isoDateTime = (v: unknown, path: string): string => {
    const text = str(v, path)
    if (
      !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(text) ||
      Number.isNaN(Date.parse(text))
    ) {
      fail(path, 'an ISO date-time such as 2016-06-10T09:00:00Z')
    }
    return text
  }
  const d = obj(json, 'fault', ['match', 'action', 'when'])
  const match: FaultMatch = {}
  if (d.match !== undefined) {
    const m = obj(d.match, 'fault.match', [
      'operation',
      'mailbox',
      'organisation',
      'folder',
      'itemClass',
    ])
    for (const k of Object.keys(m) as (keyof FaultMatch)[]) match[k] = str(m[k], `fault.match.${k}`)
  }
  const a = obj(d.action, 'fault.action', [
    'type',
    'code',
    'message',
    'backOffMs',
    'level',
    'status',
    'ms',
  ])
  const type = str(a.type, 'fault.action.type')
  let action: FaultAction
  const allowed: Record<string, string[]> = {
    'ews-error': ['type', 'code', 'message', 'backOffMs', 'level'],
    'http-status': ['type', 'status'],
    latency: ['type', 'ms'],
  }
  only(a, 'fault.action', Object.hasOwn(allowed, type) ? allowed[type]! : ['type'])
  if (type === 'ews-error') {
    action = { type, code: str(a.code, 'fault.action.code') }
    if (!RESPONSE_CODE_NAMES.has(action.code) || action.code === 'NoError') {
      fail('fault.action.code', 'an EWS ResponseCode of messages.xsd such as ErrorServerBusy')
    }
    if (a.message !== undefined) action.message = str(a.message, 'fault.action.message')
    if (a.backOffMs !== undefined)
      action.backOffMs = num(a.backOffMs, 'fault.action.backOffMs', 0, 86_400_000)
    if (a.level !== undefined)
      action.level =
        a.level === 'fault' || a.level === 'message'
          ? a.level
          : fail('fault.action.level', '"fault" or "message"')
  } else if (type === 'http-status')
    action = { type, status: num(a.status, 'fault.action.status', 400, 599) }
  else if (type === 'latency') action = { type, ms: num(a.ms, 'fault.action.ms', 0, 3_600_000) }
  else if (
    type === 'unauthorized' ||
    type === 'reset' ||
    type === 'close-mid-body' ||
    type === 'malformed-xml'
  )
    action = { type }
  else
    return fail(
      'fault.action.type',
      'one of ews-error, http-status, unauthorized, latency, reset, close-mid-body, malformed-xml',
    )
  let when: FaultWhen = { type: 'always' }
  if (d.when !== undefined) {
    const w = obj(d.when, 'fault.when', ['type', 'count', 'from', 'to', 'p'])
    const wt = str(w.type, 'fault.when.type')
    const whenKeys: Record<string, string[]> = {
      times: ['type', 'count'],
      probability: ['type', 'p'],
      window: ['type', 'from', 'to'],
    }
    only(w, 'fault.when', Object.hasOwn(whenKeys, wt) ? whenKeys[wt]! : ['type'])
    if (wt === 'always') when = { type: wt }
    else if (wt === 'once') when = { type: 'times', count: 1 }
    else if (wt === 'times') when = { type: wt, count: num(w.count, 'fault.when.count', 1, 1e9) }
    else if (wt === 'probability') when = { type: wt, p: num(w.p, 'fault.when.p', 0, 1, false) }
    else if (wt === 'window') {
      const from = isoDateTime(w.from, 'fault.when.from')
      const to = isoDateTime(w.to, 'fault.when.to')
      if (Date.parse(to) <= Date.parse(from)) fail('fault.when.to', 'an ISO date-time after from')
      when = { type: wt, from, to }
    } else return fail('fault.when.type', 'one of always, once, times, window, probability')
  }
  return { match, action, when }
}
