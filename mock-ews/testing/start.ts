/**
 * The test-author API (README "Testing your code against mock-ews"): one call starts a server on a
 * free loopback port and hands back everything a test needs. Its clock is virtual and frozen unless
 * told otherwise: move it with `clock.advance()` (timers such as latency faults fire then).
 */
import { createEwsApp } from '../app.ts'
import type { EwsApp, EwsAppOptions } from '../app.ts'
import type { SeedItem } from '../admin/seed.ts'
import { readSeedBody } from '../admin/seed.ts'
import { folderOf } from '../admin/mailbox-view.ts'
import type { ItemFilter } from '../admin/mailbox-view.ts'
import type { WaitAnswer } from '../admin/wait.ts'
import { startEwsServer } from '../server.ts'
import { ControlledClock } from '../support/controlled-clock.ts'

/** One item in the JSON seed format (README "Seeding items"); every field optional. */
export type SeedItemJson = Partial<
  Omit<SeedItem, 'body' | 'from' | 'to' | 'cc' | 'bcc' | 'attachments'>
> & {
  body?: string | { type?: 'Text' | 'HTML'; text: string }
  from?: string | { name?: string; address: string }
  to?: (string | { name?: string; address: string })[]
  cc?: (string | { name?: string; address: string })[]
  bcc?: (string | { name?: string; address: string })[]
  attachments?: { name: string; contentType?: string; content?: string; isInline?: boolean }[]
}

export interface MockEwsOptions extends Omit<EwsAppOptions, 'clock'> {
  /** Virtual start time (default 2016-06-10T09:00:00Z). */
  now?: Date | string
  /** Run the clock on real time from `now` (default: frozen, moved only by the test). */
  realTime?: boolean
  /** Address to bind (default 127.0.0.1). */
  host?: string
}

export interface WaitOptions extends ItemFilter {
  /** Items wanted (default 1). */
  count?: number
  /** Real milliseconds to wait at most (default 5000). */
  timeoutMs?: number
}

export interface MockEws extends Omit<EwsApp, 'close' | 'clock'> {
  /** Base URL, e.g. http://127.0.0.1:41234 */
  url: string
  /** The EWS endpoint. */
  ewsUrl: string
  /** The admin API, ending in `/__admin`. */
  adminUrl: string
  clock: ControlledClock
  /** Stores items (JSON seed format) in a folder (id or distinguished name); answers their ids. */
  seed(address: string, folder: string, items: SeedItemJson | SeedItemJson[]): string[]
  /** Resolves once the folder holds `count` matching items, or at the timeout with what is there. */
  waitFor(address: string, folder: string, options?: WaitOptions): Promise<WaitAnswer>
  /** Back to the initial state: mailboxes, Skype configuration, faults, journal, subscriptions, clock. */
  reset(): void
  /** Saves the whole state; answers its id for `restore`. */
  snapshot(): string
  restore(id: string): void
  /** Stops the server (open waits answered, event streams ended). */
  close(): Promise<void>
}

/**
 * Starts mock-ews on a free port.
 * @example
 * const ews = await startMockEws()
 * ews.seed('alice@contoso.com', 'inbox', { subject: 'Hello', from: 'bob@contoso.com' })
 * await ews.close()
 */
export async function startMockEws(options: MockEwsOptions = {}): Promise<MockEws> {
  const { now, realTime, host, ...appOptions } = options
  const clock = new ControlledClock({
    start: now ?? '2016-06-10T09:00:00Z',
    frozen: !realTime,
  })
  const ews = createEwsApp({ ...appOptions, clock })
  const server = await startEwsServer(ews.app, { host: host ?? '127.0.0.1', port: 0 })
  const folderId = (address: string, folder: string): string =>
    folderOf(ews.store, address, folder).folderId.id
  return {
    ...ews,
    url: server.url,
    ewsUrl: server.ewsUrl,
    adminUrl: `${server.url}/__admin`,
    clock,
    seed: (address, folder, items) =>
      ews.seeder.add(address, folderId(address, folder), readSeedBody(items)),
    waitFor: (address, folder, { count = 1, timeoutMs = 5000, ...filter } = {}) =>
      ews.waiter.wait(
        { mailbox: address, folderId: folderId(address, folder), count, filter },
        timeoutMs,
      ),
    reset: () => ews.state.reset(),
    snapshot: () => ews.state.save().id,
    restore: (id) => ews.state.restore(id),
    close: async () => {
      ews.close()
      await server.close()
    },
  }
}
