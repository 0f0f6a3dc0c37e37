/**
 * The admin side of a server, composed: the `/__admin/` router (guard, routes, JSON errors), the
 * event stream, seeding, waits, state (reset, snapshots, the state file). createEwsApp calls it.
 */
import type { InboxRule } from '../rules/inbox-rules.ts'
import type { AutoReplyState } from '../transport/auto-replies.ts'
import express from 'express'
import type { Router } from 'express'
import type { FaultEngine } from '../faults/engine.ts'
import type { RequestJournal } from '../journal/journal.ts'
import type { Subscriptions } from '../notifications/subscriptions.ts'
import type { SkypeDirectory } from '../skype/skype-directory.ts'
import type { MailboxStore } from '../store/mailbox-store.ts'
import type { Clock } from '../support/clock.ts'
import { ControlledClock } from '../support/controlled-clock.ts'
import type { IdGenerator } from '../support/ids.ts'
import type { Logger } from '../support/logger.ts'
import type { Directory } from '../topology/directory.ts'
import {
  ADMIN_BODY_LIMIT,
  adminErrors,
  adminGuard,
  adminHostGuard,
  adminNotFound,
} from './admin-guard.ts'
import { adminRouter } from './admin-routes.ts'
import { controlRouter } from './control-routes.ts'
import { inspectorRouter } from './inspector-routes.ts'
import { AdminEvents } from './events.ts'
import { mailboxRouter } from './mailbox-routes.ts'
import { Seeder } from './seed.ts'
import { ServerState } from './server-state.ts'
import { readStateFile, StateFileError, writeStateFile } from './state-file.ts'
import { Waiter } from './wait.ts'

/** Per-mailbox settings kept outside the store, as plain data. */
export interface MailboxSettings {
  exportState(): MailboxSettingsState
  importState(state: MailboxSettingsState | undefined): void
}
export interface MailboxSettingsState {
  rules: Record<string, InboxRule[]>
  oof: AutoReplyState
}

export interface AdminParts {
  store: MailboxStore
  directory: Directory
  skype: SkypeDirectory
  faults: FaultEngine
  journal: RequestJournal
  subscriptions: Subscriptions
  clock: Clock
  ids: IdGenerator
  logger: Logger
  adminToken: string | undefined
  adminHosts: string[] | undefined
  /** Inbox rules and out-of-office settings, kept beside the store (saved, restored and reset with it). */
  mailboxSettings: MailboxSettings
  /** Creates missing mailboxes of the topology's users (with their seed items) and sets quotas. */
  ensureMailboxes: () => void
  /** `serve --state FILE`: loaded now when it exists, written by `saveState()` and `/state/save`. */
  stateFile: string | undefined
}

export interface Admin {
  router: Router
  events: AdminEvents
  seeder: Seeder
  waiter: Waiter
  state: ServerState
  /** Writes the state file (when there is one); answers its path. */
  saveState: (() => string) | undefined
  /** Answers open waits, ends event streams, fires pending virtual timers. */
  close: () => void
}

export function createAdmin(parts: AdminParts): Admin {
  const { store, clock, journal, logger } = parts
  const events = new AdminEvents()
  events.watch(journal, store)
  if (clock instanceof ControlledClock)
    clock.onChange((now) => events.publish('clock', { now: now.toISOString() }))
  const seeder = new Seeder(store, clock, parts.ids)
  const waiter = new Waiter(store)
  const state = new ServerState({
    ...parts,
    onReset: () => {
      events.publish('reset', {})
      waiter.recheck()
    },
  })
  state.markInitial()
  const file = parts.stateFile
  if (file !== undefined) {
    const saved = readStateFile(file)
    try {
      if (saved) state.apply(saved)
    } catch (e) {
      throw new StateFileError(file, `does not hold together (${(e as Error).message})`)
    }
  }
  const saveState =
    file === undefined
      ? undefined
      : () => {
          writeStateFile(file, state.capture(), clock.now().toISOString())
          return file
        }

  // Built on the first admin request: most servers (a scenario's, a test's) never get one, and its
  // ~20 routes were ~20% of creating a server (their path patterns are compiled when added).
  // The guards are made now: they refuse a bad token or host list when the server is created.
  const hostGuard = adminHostGuard(parts.adminHosts)
  const tokenGuard = adminGuard(parts.adminToken)
  const build = (): Router => {
    const inner = express.Router()
    inner.use(hostGuard)
    // The inspector's files hold no data: served without the token, which the page then sends.
    inner.use('/ui', inspectorRouter())
    inner.use(tokenGuard)
    inner.use(express.json({ limit: ADMIN_BODY_LIMIT }))
    inner.use(adminRouter(parts))
    inner.use(mailboxRouter({ store, directory: parts.directory, seeder, waiter }))
    inner.use(controlRouter({ state, clock, events, saveStateFile: saveState }))
    inner.use(adminNotFound)
    inner.use(
      adminErrors((err) =>
        logger.error(`unexpected admin error: ${(err as Error).stack ?? String(err)}`),
      ),
    )
    return inner
  }
  let built: Router | undefined
  const router = express.Router()
  router.use((req, res, next) => (built ??= build())(req, res, next))
  const close = (): void => {
    waiter.close()
    events.close()
    if (clock instanceof ControlledClock) clock.close()
  }
  return { router, events, seeder, waiter, state, saveState, close }
}
