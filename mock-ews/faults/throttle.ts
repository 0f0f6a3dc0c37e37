/**
 * Throttling as Exchange does it (EWSMaxConcurrency): a user with too many requests in flight is
 * refused with the ErrorServerBusy fault and a back-off hint. Not an injected fault: it is always on.
 */
import { EwsError } from '../domain/errors.ts'

/** Back-off hint sent with a throttling refusal. */
export const THROTTLE_BACKOFF_MS = 1000

/** Counts each user's requests in flight. */
export class InFlightLimit {
  readonly #inFlight = new Map<string, number>()

  constructor(private readonly maxPerUser: number) {}

  /**
   * Counts a request of `user` until `response` closes; says whether it is over the limit (the
   * caller refuses it with `serverBusy()` once it knows the request is otherwise sound).
   */
  enter(user: string, response: { once(event: 'close', listener: () => void): unknown }): boolean {
    const load = (this.#inFlight.get(user) ?? 0) + 1
    this.#inFlight.set(user, load)
    response.once('close', () => {
      const left = (this.#inFlight.get(user) ?? 1) - 1
      if (left > 0) this.#inFlight.set(user, left)
      else this.#inFlight.delete(user)
    })
    return load > this.maxPerUser
  }
}

/** The refusal of a request over the limit. */
export function serverBusy(): EwsError {
  return new EwsError(
    'ErrorServerBusy',
    'The server cannot service this request right now. Try again later.',
    { values: { BackOffMilliseconds: String(THROTTLE_BACKOFF_MS) } },
  )
}
