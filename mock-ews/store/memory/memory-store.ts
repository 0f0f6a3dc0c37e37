/**
 * In-memory MailboxStore: the default store, and the reference for the store contract. It is the
 * rules (RulesMailboxStore, store/rules/) over the memory storage (memory-storage.ts).
 */
import { systemClock } from '../../support/clock.ts'
import type { Clock } from '../../support/clock.ts'
import { randomIds } from '../../support/ids.ts'
import type { IdGenerator } from '../../support/ids.ts'
import { RulesMailboxStore } from '../rules/rules-store.ts'
import { exportStorage, importStorage } from './memory-state.ts'
import type { StoreState } from './memory-state.ts'
import { MemoryStorage } from './memory-storage.ts'

export interface MemoryStoreOptions {
  ids?: IdGenerator
  /** Dates the store writes itself (creation, last modification, event time stamps). */
  clock?: Clock
}

export class MemoryMailboxStore extends RulesMailboxStore {
  #storage: MemoryStorage
  readonly #ids: IdGenerator
  readonly #clock: Clock

  constructor(options: MemoryStoreOptions = {}) {
    const clock = options.clock ?? systemClock
    const ids = options.ids ?? randomIds
    const storage = new MemoryStorage({ ids, clock })
    super(storage, clock)
    this.#storage = storage
    this.#ids = ids
    this.#clock = clock
  }

  /** Every mailbox, folder and item as plain data (memory-state.ts); shares the stored fields. */
  exportState(): StoreState {
    return exportStorage(this.#storage)
  }

  /**
   * Replaces everything held with `state` (ids, change keys and times as they were). Checked while
   * built aside: a state that does not hold together throws and nothing held changes.
   */
  importState(state: StoreState): void {
    const storage = importStorage(state, this.#ids, this.#clock)
    this.#storage = storage
    this.replaceStorage(storage)
  }
}
