/**
 * What one EWS request may name, ask for and spend, and the Exchange error past each bound
 * (README "Limits", docs/decisions/0020). Defaults here; `createEwsApp({ limits })` overrides them.
 */
import { EwsError } from './errors.ts'

export interface RequestLimits {
  /**
   * Items (FindItem) or folders (FindFolder) one answer carries, over all its parent folders:
   * Exchange's EWSFindCountLimit (1000). Past it the pages are cut short.
   */
  findCountLimit: number
  /**
   * Ids one request names (ItemIds, FolderIds, ParentFolderIds, Items, ItemChanges…). More: the
   * request is refused with an ErrorInvalidRequest fault before any of it runs.
   */
  maxIdsPerRequest: number
  /** Search expressions in one restriction (Exchange: 255); more: ErrorRestrictionTooLong. */
  maxRestrictionNodes: number
  /** Characters in one constant of a restriction; longer: ErrorRestrictionTooLong. */
  maxConstantLength: number
  /**
   * Units of search work one request may spend (SearchBudget: an item read, a restriction test, a
   * folder walked); then the search stops with ErrorTimeoutExpired (Exchange's
   * EWSFastSearchTimeoutInSeconds, counted in work, not time, so the answer does not depend on the
   * machine's load).
   */
  searchBudget: number
}

export const DEFAULT_LIMITS: Readonly<RequestLimits> = {
  findCountLimit: 1000,
  maxIdsPerRequest: 1000,
  maxRestrictionNodes: 255,
  maxConstantLength: 32_768,
  searchBudget: 100_000,
}

/** The limits with `overrides` applied over the defaults. */
export function requestLimits(overrides: Partial<RequestLimits> = {}): RequestLimits {
  return { ...DEFAULT_LIMITS, ...overrides }
}

/** Refuses a request that names more ids than the limit (nothing of it has run). */
export function checkIdCount(count: number, limits: RequestLimits): void {
  if (count > limits.maxIdsPerRequest) {
    throw new EwsError(
      'ErrorInvalidRequest',
      `The request names ${count} items or folders; at most ${limits.maxIdsPerRequest} are allowed in one request.`,
    )
  }
}

/**
 * The search work one request may do, in units: each item a scan reads is one, each restriction test
 * evaluated on an item one more, plus one per 1,024 characters of the value it reads; each folder a
 * FindFolder walks, or a FindItem searches, one. `charge()` before the work; once the budget is
 * spent every charge throws ErrorTimeoutExpired. Counted in work, not elapsed time: the same request
 * over the same mailbox gets the same answer on any machine, however busy (docs/decisions/0020).
 */
export class SearchBudget {
  #left: number
  /** Once spent, the one error every later charge throws (a new one each time costs a stack trace). */
  #spent: EwsError | undefined

  constructor(limits: Pick<RequestLimits, 'searchBudget'>) {
    this.#left = limits.searchBudget
  }

  charge(units = 1): void {
    if (this.#spent) throw this.#spent
    this.#left -= units
    if (this.#left >= 0) return
    throw (this.#spent = new EwsError(
      'ErrorTimeoutExpired',
      'The search did not complete in the time allowed for one request. Narrow the restriction or the folders searched.',
    ))
  }
}
