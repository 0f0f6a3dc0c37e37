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
   * Milliseconds of search work (restriction, sort, folder walk) one request may spend; then the
   * search stops with ErrorTimeoutExpired (Exchange's EWSFastSearchTimeoutInSeconds, scaled down:
   * here one event loop serves every user).
   */
  searchBudgetMs: number
  /** Elapsed milliseconds, for the search budget: real time by default; tests inject their own. */
  now: () => number
}

export const DEFAULT_LIMITS: Readonly<RequestLimits> = {
  findCountLimit: 1000,
  maxIdsPerRequest: 1000,
  maxRestrictionNodes: 255,
  maxConstantLength: 32_768,
  searchBudgetMs: 50,
  now: () => performance.now(),
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
 * The time one request's search work may take. `charge()` before each unit of work (an item
 * matched, a folder walked); once the budget is spent every charge throws ErrorTimeoutExpired.
 */
export class SearchBudget {
  readonly #now: () => number
  readonly #deadline: number
  #spent = false

  constructor(limits: Pick<RequestLimits, 'now' | 'searchBudgetMs'>) {
    this.#now = limits.now
    this.#deadline = limits.now() + limits.searchBudgetMs
  }

  charge(): void {
    if (!this.#spent && this.#now() <= this.#deadline) return
    this.#spent = true
    throw new EwsError(
      'ErrorTimeoutExpired',
      'The search did not complete in the time allowed for one request. Narrow the restriction or the folders searched.',
    )
  }
}
