/**
 * The one shape every EWS operation has: parse the request element, handle it against the store,
 * render the response. Only `parse` and `render` see XML; `handle` sees the domain model only.
 */
import type { Element } from '../soap/xml-tree.ts'
import type { XmlElement } from '../soap/xml-writer.ts'
import { EwsError } from '../domain/errors.ts'
import type { RequestLimits } from '../domain/limits.ts'
import type { PushNotifier } from '../notifications/push.ts'
import type { InboxRules } from '../rules/inbox-rules.ts'
import type { Subscriptions } from '../notifications/subscriptions.ts'
import type { ItemQuery, MailboxStore } from '../store/mailbox-store.ts'
import type { FolderRights } from '../domain/permissions.ts'
import type { Item } from '../domain/items.ts'
import type { Clock } from '../support/clock.ts'
import type { Logger } from '../support/logger.ts'
import type { Directory, DirectoryUser } from '../topology/directory.ts'
import type { ExchangeQuirks, ExchangeVersion } from '../topology/profiles.ts'
import type { Transport } from '../transport/transport.ts'

export interface OperationContext {
  /** Address of the mailbox the request acts on. */
  mailbox: string
  /** Who is calling (the sender of anything sent). */
  user: DirectoryUser
  /** True when a service account acts as `user` through ExchangeImpersonation. */
  impersonated?: boolean
  /** Quirks of the caller's Exchange (profile defaults with the organisation's overrides). */
  quirks: ExchangeQuirks
  store: MailboxStore
  /**
   * The store without the caller's permission checks, for what mock-ews does on its own account
   * after the operation was allowed: a meeting's copies in the attendees' calendars, an answer
   * recorded on the organizer's item (absent: `store`).
   */
  system?: MailboxStore
  transport: Transport
  subscriptions: Subscriptions
  /** Sends push subscriptions' SendNotification requests. */
  push: PushNotifier
  /** Each mailbox's inbox rules (GetInboxRules / UpdateInboxRules; applied on delivery). */
  rules: InboxRules
  /** The organisations' users and groups (GetUserAvailability reads other mailboxes' calendars). */
  directory: Directory
  /** A mailbox's Calendar as the availability service reads it (store/rules/caller-access.ts). */
  freeBusyCalendar(mailbox: string, query: ItemQuery): { rights?: FolderRights; items: Item[] }
  clock: Clock
  requestServerVersion: ExchangeVersion
  logger: Logger
  /** What one request may name, ask for and spend (README "Limits"). */
  limits: RequestLimits
  /** The Windows time zone id of the request's TimeZoneContext header, when it has one. */
  timeZone?: string
}

/**
 * An EWS operation. The dispatcher writes one `m:<name>ResponseMessage` per outcome, in order;
 * the operation only writes the payload of a successful one.
 */
export interface Operation<Req, T> {
  /** The EWS operation name, exactly as the Body element's local name. */
  name: string
  /** Reads the operation element. Throws EwsError (request-level: becomes a SOAP fault). */
  parse(el: Element): Req
  /**
   * Asynchronous work on the parsed request before `handle`, which never touches the store (parsing
   * MIME): awaited by the dispatcher. Per-item problems are kept in `req` for `handle` to answer.
   */
  prepare?(req: Req, ctx: OperationContext): Promise<void>
  /**
   * Does the work: one outcome per response message. Thrown EwsErrors become SOAP faults.
   * Synchronous, so that a request's changes to the store are atomic under concurrent load.
   */
  handle(req: Req, ctx: OperationContext): Outcome<T>[]
  /**
   * Asynchronous work on one successful value of `handle` (a snapshot the store no longer
   * changes) before it is rendered (building MIME); a thrown EwsError fails that message only.
   */
  complete?(value: T, req: Req, ctx: OperationContext): Promise<T>
  /** How many response messages the request gets (one per item or folder named); default 1. */
  count?(req: Req): number
  /** Writes the payload of a successful response message (after its ResponseCode). */
  renderPayload(message: XmlElement, value: T, req: Req): void
  /**
   * What an error message carries after its ResponseCode, as Exchange does: the name of an empty
   * payload element (`Folders`, `Items`), or a function writing it.
   */
  emptyPayload?: string | ((message: XmlElement, error: EwsError) => void)
  /** The `m:<name>Response` element is the one response message (no ResponseMessages): GetInboxRules. */
  bare?: boolean
  /**
   * For an operation whose answer is not m:ResponseMessages of m:<name>ResponseMessage
   * (GetUserOofSettings, the delegate operations…): the name the response element is built on
   * (`<name>Response`), and the writer of its whole content (replaces renderPayload and
   * emptyPayload; `req` is undefined when the request could not be read).
   */
  responseName?: string
  renderResponse?(response: XmlElement, outcomes: readonly Outcome<T>[], req: Req | undefined): void
}

/** Type-erased operation, as the registry holds them. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyOperation = Operation<any, any>

/**
 * Result of one item of a batch: a value, or the EwsError for that item's ResponseMessage. A value
 * with a `warning` is written as Exchange writes a warning: ResponseClass="Warning" with the
 * warning's code and text, then the payload (ResolveNames' ErrorNameResolutionMultipleResults).
 */
export type Outcome<T> = { ok: true; value: T; warning?: EwsError } | { ok: false; error: EwsError }

/** Runs `fn`, turning an EwsError into a failed Outcome; anything else propagates (→ ErrorInternalServerError). */
export function attempt<T>(fn: () => T): Outcome<T> {
  try {
    return { ok: true, value: fn() }
  } catch (e) {
    if (e instanceof EwsError) return { ok: false, error: e }
    throw e
  }
}
