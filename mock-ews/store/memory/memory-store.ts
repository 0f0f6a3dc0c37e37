/**
 * In-memory MailboxStore: the default store, and the reference for the store contract. It is the
 * rules (RulesMailboxStore, store/rules/) over the memory storage (memory-storage.ts).
 */
import { systemClock } from '../../support/clock.ts'
import type { Clock } from '../../support/clock.ts'
import { randomIds } from '../../support/ids.ts'
import type { IdGenerator } from '../../support/ids.ts'
import { RulesMailboxStore } from '../rules/rules-store.ts'
import { MemoryStorage } from './memory-storage.ts'

export interface MemoryStoreOptions {
  ids?: IdGenerator
  /** Dates the store writes itself (creation, last modification, event time stamps). */
  clock?: Clock
}

export class MemoryMailboxStore extends RulesMailboxStore {
  constructor(options: MemoryStoreOptions = {}) {
    const clock = options.clock ?? systemClock
    super(new MemoryStorage({ ids: options.ids ?? randomIds, clock }), clock)
  }
}
