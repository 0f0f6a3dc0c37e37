/** Composition root: builds the Express app of mock-ews from injected parts. Nothing here listens. */
import { AsyncLocalStorage } from 'node:async_hooks'
import type { RequestListener } from 'node:http'
import express from 'express'
import type { Express, NextFunction, Request, Response } from 'express'
import { EwsError } from './domain/errors.ts'
import { requestLimits } from './domain/limits.ts'
import type { RequestLimits } from './domain/limits.ts'
import { createAdmin } from './admin/admin-app.ts'
import type { Admin } from './admin/admin-app.ts'
import { Seeder } from './admin/seed.ts'
import { adminNotFound } from './admin/admin-guard.ts'
import { ControlledClock } from './support/controlled-clock.ts'
import { tokenRouter } from './auth/token-endpoint.ts'
import { autodiscoverRouter } from './autodiscover/routes.ts'
import { internalError } from './dispatcher.ts'
import { FaultEngine } from './faults/engine.ts'
import { RequestJournal } from './journal/journal.ts'
import { SkypeDirectory } from './skype/skype-directory.ts'
import { TokenService } from './auth/tokens.ts'
import { bodyTooLarge, ewsListener } from './ews-listener.ts'
import type { SoapExchange } from './ews-endpoint.ts'
import { buildFault } from './soap/envelope.ts'
import { DEFAULT_XML_LIMITS } from './soap/parse-xml.ts'
import { compileSchema, readSchemaFolder } from './soap/schema-validation.ts'
import type { MailboxStore } from './store/mailbox-store.ts'
import { MemoryMailboxStore } from './store/memory/memory-store.ts'
import { systemClock } from './support/clock.ts'
import type { Clock } from './support/clock.ts'
import { randomIds } from './support/ids.ts'
import type { IdGenerator } from './support/ids.ts'
import { silentLogger } from './support/logger.ts'
import type { Logger } from './support/logger.ts'
import { PushNotifier } from './notifications/push.ts'
import { Subscriptions } from './notifications/subscriptions.ts'
import { StreamingConnections } from './operations/get-streaming-events/stream.ts'
import { timersOn } from './support/timers.ts'
import { InboxRules } from './rules/inbox-rules.ts'
import { Directory } from './topology/directory.ts'
import type { DirectoryUser } from './topology/directory.ts'
import { Transport } from './transport/transport.ts'
import { demoTopology } from './topology/topology.ts'
import type { Topology } from './topology/topology.ts'

export const EWS_PATH = '/EWS/Exchange.asmx'
const EWS_PATH_LOWER = EWS_PATH.toLowerCase()

/** What `serverListener` runs for an app createEwsApp built: its EWS listener, and its request log. */
const listenersOf = new WeakMap<Express, { ews?: RequestListener; log?: Logger }>()

/** The operation of the request being answered, for the request log (set by the EWS observer). */
const requestContext = new AsyncLocalStorage<{ operation?: string }>()

/**
 * What a server should run for `app`: for an app from createEwsApp, a listener that hands POSTs
 * to the EWS path (any case, no query) straight to the EWS endpoint and everything else to
 * Express; for any other app, the app. Express's own request handling costs more than a GetItem
 * (docs/benchmarks.md). With `logRequests`, each request is a line in the log once it ends.
 */
export function serverListener(app: Express): RequestListener {
  const { ews, log } = listenersOf.get(app) ?? {}
  if (!ews && !log) return app
  const route: RequestListener = (req, res) => {
    if (ews && req.method === 'POST' && req.url?.toLowerCase() === EWS_PATH_LOWER) ews(req, res)
    else void app(req, res)
  }
  if (!log) return route
  return (req, res) => {
    const started = performance.now()
    const context: { operation?: string } = {}
    // Read now: Express rewrites req.url inside its routers.
    const path = (req.url ?? '').slice(0, 200)
    res.once('close', () => {
      const ms = (performance.now() - started).toFixed(1)
      const status = res.writableFinished ? String(res.statusCode) : 'reset'
      log.info(`${req.method ?? '?'} ${path} ${context.operation || '-'} ${status} ${ms} ms`)
    })
    requestContext.run(context, () => route(req, res))
  }
}
export const DEFAULT_MAX_BODY_BYTES = 10 * 1024 * 1024
/** Exchange's default EWSMaxConcurrency throttling budget. */
export const DEFAULT_MAX_CONCURRENT_PER_USER = 27

export interface EwsAppOptions {
  /** Organisations and users; the DESIGN.md demo topology when absent. */
  topology?: Topology
  /** Where mailboxes live; a new MemoryMailboxStore when absent. Mailboxes of the topology are created if missing. */
  store?: MailboxStore
  clock?: Clock
  /** Source of id bytes for a store created here; pass `seededIds(n)` for byte-stable ids. */
  ids?: IdGenerator
  logger?: Logger
  /** Largest request body accepted; larger ones get HTTP 413 without being buffered. */
  maxBodyBytes?: number
  /** Deepest XML nesting accepted. */
  maxXmlDepth?: number
  /** Called after every SOAP answer (tests use it to capture responses for schema conformance). */
  observe?: (exchange: SoapExchange) => void
  /**
   * A line per request in `logger` once it ends (method, path, EWS operation, status, ms): what
   * `ews-lab serve` prints unless `--quiet`. Applies to servers started with `startEwsServer`.
   */
  logRequests?: boolean
  /** Seed of the generator behind probability faults (same seed, same requests: same faults). */
  faultSeed?: number
  /** Requests the journal keeps (a ring buffer). */
  journalCapacity?: number
  /** Characters of each request and answer body a journal entry keeps (the rest is cut, marked). */
  journalBodyChars?: number
  /**
   * `serve --state FILE`: the state is loaded from it now when it exists (a damaged file throws
   * StateFileError) and written by `saveState()` and `POST /__admin/state/save`.
   */
  stateFile?: string
  /** How latency faults wait; real timers by default. Tests pass one that advances a FakeClock. */
  delay?: (ms: number) => Promise<void>
  /** Requests one user may have in flight before ErrorServerBusy (Exchange's EWSMaxConcurrency default). */
  maxConcurrentRequestsPerUser?: number
  /** When set, `/__admin/` needs `Authorization: Bearer <token>` or `X-Admin-Token: <token>`; never empty. */
  adminToken?: string
  /**
   * Host names `/__admin/` answers besides loopback names and the address a request arrived on
   * (a DNS-rebinding guard: any other Host header gets 403).
   */
  adminHosts?: string[]
  /** Serve `/__admin/` on the EWS app too (default); false to serve it only from `adminApp`. */
  mountAdmin?: boolean
  /** Bounds on one request (README "Limits"); each default from DEFAULT_LIMITS when absent. */
  limits?: Partial<RequestLimits>
  /**
   * Strict mode: validate every request's operation element against the EWS schema in this folder
   * (messages.xsd, types.xsd, xml.xsd) and answer ErrorSchemaValidation with the validator's message.
   * The schema is compiled once, starting when the app is made (the first strict request waits for
   * it, 1–2 s; shared by every app of the process with the same folder); a request then costs about
   * a millisecond more.
   */
  schemaDir?: string
  /**
   * Push subscriptions may name any host; by default only loopback URLs are accepted
   * (ErrorInvalidPushSubscriptionUrl otherwise; docs/decisions/0053).
   */
  pushToAnyHost?: boolean
}

export interface EwsApp {
  app: Express
  /** An app serving only `/__admin/`, to listen on a port of its own. */
  adminApp: Express
  store: MailboxStore
  directory: Directory
  /** The live Skype for Business configuration of every organisation. */
  skype: SkypeDirectory
  /** Bearer tokens (what `POST /oauth2/token` issues). */
  tokens: TokenService
  /** Injected faults (also `/__admin/faults`). */
  faults: FaultEngine
  /** Every SOAP call answered (also `/__admin/requests`). */
  journal: RequestJournal
  /** The clock the server reads (`/__admin/clock`). */
  clock: Clock
  subscriptions: Subscriptions
  /** Items from the JSON seed format (also `POST /__admin/mailboxes/:address/folders/:folder/items`). */
  seeder: Admin['seeder']
  /** Long-poll waits for items (also `GET /__admin/mailboxes/:address/folders/:folder/wait`). */
  waiter: Admin['waiter']
  /** The server-sent events of `/__admin/events`. */
  events: Admin['events']
  /** Reset, snapshots, and the state as data (`/__admin/reset`, `/__admin/snapshots`). */
  state: Admin['state']
  /** Writes the state file (`stateFile`); undefined without one. */
  saveState: Admin['saveState']
  /**
   * Answers open waits, ends event streams, fires pending timers and frees what the app holds outside
   * the JavaScript heap (strict mode's compiled schema): call before closing the server.
   */
  close: () => void
}

/**
 * Creates the mock-ews Express app (not listening).
 * @example
 * const { app } = createEwsApp({ clock: new FakeClock(), ids: seededIds(1) })
 * const server = await startEwsServer(app, { port: 0 })
 */
export function createEwsApp(options: EwsAppOptions = {}): EwsApp {
  const topology = options.topology ?? demoTopology()
  const directory = new Directory(topology)
  const clock = options.clock ?? systemClock
  const store = options.store ?? new MemoryMailboxStore({ ids: options.ids ?? randomIds, clock })
  // A store may fail to hold a mailbox (a database that is down): it then has no quota to keep.
  const applyQuota = (user: DirectoryUser): void => {
    if (store.getMailbox(user.address))
      store.setQuota(user.address, user.limits.prohibitSendReceiveQuota)
  }
  const ids = options.ids ?? randomIds
  const rules = new InboxRules(ids)
  const topologySeeder = new Seeder(store, clock, ids)
  const ensureMailboxes = (): void => {
    for (const user of directory.users()) {
      if (!store.getMailbox(user.address)) {
        store.createMailbox({
          address: user.address,
          displayName: user.displayName,
          generation: user.profile.generation,
        })
        topologySeeder.prefill(user)
      }
      applyQuota(user)
    }
  }
  ensureMailboxes()
  directory.onMove(applyQuota)
  const transport = new Transport(store, directory, clock, ids, rules)
  const subscriptions = new Subscriptions(
    store,
    clock,
    ids,
    (mailbox) => directory.limitsOf(mailbox)?.maxSubscriptions ?? Number.POSITIVE_INFINITY,
  )
  const timers = timersOn(clock)
  const tokens = new TokenService(clock, ids)
  const skype = new SkypeDirectory(topology)
  const faults = new FaultEngine(clock, options.faultSeed)
  const journal = new RequestJournal(options.journalCapacity, options.journalBodyChars)
  const logger = options.logger ?? silentLogger
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES
  const app = express()
  app.disable('x-powered-by')
  app.set('etag', false)
  const auth = { directory, tokens, clock }
  const schema =
    options.schemaDir === undefined ? undefined : compileSchema(readSchemaFolder(options.schemaDir))
  const xmlLimits = { maxDepth: options.maxXmlDepth ?? DEFAULT_XML_LIMITS.maxDepth }
  const admin = createAdmin({
    store,
    directory,
    skype,
    faults,
    journal,
    subscriptions,
    clock,
    ids,
    logger,
    adminToken: options.adminToken,
    adminHosts: options.adminHosts,
    ensureMailboxes,
    mailboxSettings: {
      exportState: () => ({ rules: rules.exportState(), oof: transport.oof.exportState() }),
      importState: (state) => {
        rules.importState(state?.rules)
        transport.oof.importState(state?.oof)
      },
    },
    stateFile: options.stateFile,
  })
  const adminApp = express()
  adminApp.disable('x-powered-by')
  adminApp.use('/__admin', admin.router)
  adminApp.use(adminNotFound)
  const push = new PushNotifier({
    subscriptions,
    timers,
    logger,
    anyHost: options.pushToAnyHost ?? false,
    sent: (body) =>
      options.observe?.({
        requestId: 'push',
        user: undefined,
        operation: 'SendNotification',
        status: 200,
        responseCodes: ['NoError'],
        requestBody: '',
        responseBody: body,
      }),
  })
  const ews = ewsListener({
    auth,
    maxBodyBytes,
    store,
    transport,
    subscriptions,
    streams: new StreamingConnections(timers),
    push,
    rules,
    directory,
    clock,
    logger,
    xmlLimits,
    faults,
    journal,
    delay:
      options.delay ??
      (clock instanceof ControlledClock
        ? (ms) => clock.sleep(ms)
        : (ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    maxConcurrentPerUser: options.maxConcurrentRequestsPerUser ?? DEFAULT_MAX_CONCURRENT_PER_USER,
    schema,
    limits: requestLimits(options.limits),
    observe: options.logRequests
      ? (exchange) => {
          const context = requestContext.getStore()
          if (context) context.operation = exchange.operation
          options.observe?.(exchange)
        }
      : options.observe,
  })
  // The EWS route first: it takes nearly every request. startEwsServer hands EWS requests to the
  // same listener before Express (docs/decisions/0016); through Express it is this route.
  app.all(EWS_PATH, (req, res) => ews(req, res))
  const log = options.logRequests ? logger : undefined
  listenersOf.set(app, { ews, log })
  listenersOf.set(adminApp, { log })
  if (options.mountAdmin !== false) app.use('/__admin', admin.router)
  app.use(tokenRouter(directory, tokens, logger))
  app.use(autodiscoverRouter({ auth, clock, logger, maxBodyBytes, xmlLimits }))
  app.use((err: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(err)
    const status = (err as { status?: number }).status ?? 500
    const body =
      status >= 500
        ? internalError(err, logger).body
        : buildFault(
            status === 413
              ? bodyTooLarge(maxBodyBytes)
              : new EwsError(
                  'ErrorInvalidRequest',
                  `The request could not be read: ${(err as Error).message}`,
                ),
            undefined,
          )
    res.status(status).type('text/xml; charset=utf-8').send(body)
  })
  const { seeder, waiter, events, state, saveState } = admin
  return {
    ...{ app, adminApp, store, directory, skype, tokens, faults, journal, clock, subscriptions },
    ...{ seeder, waiter, events, state, saveState },
    close: () => {
      admin.close()
      schema?.release()
    },
  }
}
