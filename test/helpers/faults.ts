/**
 * Test helpers for injected faults, throttling and the request journal: delays that never sleep
 * (one advances a FakeClock, one waits until the test releases it), requests over a real socket that
 * say how they failed, and FaultEngine requests built from hand-written envelopes.
 */
import { DOMParser } from '@xmldom/xmldom'
import request from 'supertest'
import { demoTopology } from '../../mock-ews/index.ts'
import type { EwsApp, FakeClock, SoapExchange } from '../../mock-ews/index.ts'
import type { FaultRequest } from '../../mock-ews/faults/engine.ts'
import { Directory } from '../../mock-ews/topology/directory.ts'
import { readEnvelope } from '../../mock-ews/soap/envelope.ts'
import { parseXml } from '../../mock-ews/soap/parse-xml.ts'
import type { DirectoryUser } from '../../mock-ews/topology/directory.ts'
import { captureExchange } from './capture.ts'
import { envelope, PASSWORD } from './ews.ts'
import { ALICE } from './items.ts'

/** A `delay` for createEwsApp that records each wait and moves the clock on instead of sleeping. */
export function virtualDelay(clock: FakeClock): {
  delay: (ms: number) => Promise<void>
  calls: number[]
} {
  const calls: number[] = []
  return {
    calls,
    delay: (ms) => {
      calls.push(ms)
      clock.advance(ms)
      return Promise.resolve()
    },
  }
}

/**
 * A `delay` for createEwsApp that holds every request it is given until the test calls `release()`,
 * so requests can be kept in flight without any timer.
 */
export class HeldDelay {
  /** The milliseconds of every wait asked for, in order. */
  readonly calls: number[] = []
  readonly #held: (() => void)[] = []
  readonly #waiters: { count: number; resolve: () => void }[] = []

  readonly delay = (ms: number): Promise<void> => {
    this.calls.push(ms)
    const held = new Promise<void>((resolve) => this.#held.push(resolve))
    for (const w of this.#waiters.filter((w) => this.calls.length >= w.count)) {
      this.#waiters.splice(this.#waiters.indexOf(w), 1)
      w.resolve()
    }
    return held
  }

  /** Resolves once `count` waits in all have started. */
  started(count: number): Promise<void> {
    if (this.calls.length >= count) return Promise.resolve()
    return new Promise((resolve) => this.#waiters.push({ count, resolve }))
  }

  /** Ends every wait started so far. */
  release(): void {
    for (const resolve of this.#held.splice(0)) resolve()
  }
}

/**
 * Resolves once `count` waits have started on `held`; rejects as soon as one of `pending` answers
 * first (a request that should have been held was answered at once, e.g. refused).
 */
export function heldInFlight(
  held: HeldDelay,
  count: number,
  pending: readonly Promise<{ status: number; text: string }>[],
): Promise<void> {
  return Promise.race([
    held.started(count),
    ...pending.map((p) =>
      p.then((res) => {
        throw new Error(`answered instead of held: HTTP ${res.status} ${res.text.slice(0, 300)}`)
      }),
    ),
  ])
}

/**
 * An `observe` hook capturing SOAP answers for the conformance check, leaving out the bodiless
 * answers of http-status, unauthorized and reset faults (no SOAP envelope to validate).
 */
export function captureSoapAnswers(exchange: SoapExchange): void {
  if (exchange.responseBody === '') return
  captureExchange(exchange)
}

/** The raw answer of a POST to the EWS endpoint, without parsing it (malformed-xml faults). */
export async function postRaw(
  app: EwsApp['app'],
  body: string,
  user = ALICE,
): Promise<{ status: number; headers: Record<string, string>; text: string }> {
  const res = await request(app)
    .post('/EWS/Exchange.asmx')
    .auth(user, PASSWORD)
    .set('Content-Type', 'text/xml; charset=utf-8')
    .buffer(true)
    .parse((r, done) => {
      let text = ''
      r.setEncoding('utf8')
      r.on('data', (chunk: string) => (text += chunk))
      r.on('end', () => done(null, text))
    })
    .send(body)
  return {
    status: res.status,
    headers: res.headers as Record<string, string>,
    text: res.body as string,
  }
}

/** How a request over a real socket ended. */
export type SocketOutcome =
  /** A whole answer came back. */
  | { kind: 'answered'; status: number; text: string }
  /** The status line and headers came back, then the connection dropped before the body was whole. */
  | { kind: 'cut-off'; status: number; error: Error; code: string | undefined }
  /** The connection dropped before any answer. */
  | { kind: 'no-answer'; error: Error; code: string | undefined }

/** The code of the socket error under a fetch error (e.g. UND_ERR_SOCKET, ECONNRESET). */
const causeCode = (error: unknown): string | undefined =>
  (error as { cause?: { code?: string } }).cause?.code

/** What a dropped connection looks like to fetch (undici), whichever side noticed first. */
export const SOCKET_ERROR_CODES = ['UND_ERR_SOCKET', 'ECONNRESET', 'EPIPE']

/** POSTs a SOAP body to a listening server with fetch (Basic auth) and reports how it ended. */
export async function postOverSocket(
  ewsUrl: string,
  body: string,
  user = ALICE,
): Promise<SocketOutcome> {
  let res: Response
  try {
    res = await fetch(ewsUrl, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${user}:${PASSWORD}`).toString('base64')}`,
        'content-type': 'text/xml; charset=utf-8',
      },
      body,
    })
  } catch (error) {
    return { kind: 'no-answer', error: error as Error, code: causeCode(error) }
  }
  try {
    return { kind: 'answered', status: res.status, text: await res.text() }
  } catch (error) {
    return { kind: 'cut-off', status: res.status, error: error as Error, code: causeCode(error) }
  }
}

/** Whether a text is well-formed XML (xmldom reports no error or fatal error). */
export function isWellFormed(text: string): boolean {
  try {
    let ok = true
    new DOMParser({
      onError: (level) => {
        if (level !== 'warning') ok = false
      },
    }).parseFromString(text, 'text/xml')
    return ok
  } catch {
    return false
  }
}

const directory = new Directory(demoTopology())

/** A user of the demo topology, as the endpoint hands it to the fault engine. */
export function directoryUser(address: string): DirectoryUser {
  const user = directory.user(address)
  if (!user) throw new Error(`no user ${address} in the demo topology`)
  return user
}

/**
 * What the endpoint gives FaultEngine.pick for one operation element (written as in ews.ts and
 * items.ts), sent by `user`: the element is read out of the envelope as the endpoint reads it.
 */
export function faultRequest(operationXml: string, user = ALICE): FaultRequest {
  const element = readEnvelope(parseXml(envelope(operationXml))).operation
  return { operation: element.localName, user: directoryUser(user), element }
}

/**
 * The answer to a request that must be answered at once; rejects as soon as the request reaches
 * `held` instead (e.g. it was not refused but delayed), rather than waiting for a timeout.
 */
export function answeredAtOnce<T>(held: HeldDelay, answer: Promise<T>): Promise<T> {
  const held1More = held.started(held.calls.length + 1).then((): never => {
    throw new Error('the request was held instead of answered at once')
  })
  return Promise.race([answer, held1More])
}
