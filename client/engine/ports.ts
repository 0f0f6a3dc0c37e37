/**
 * The engine's ports (STYLE.md: a pure core behind ports): time, timers, files, provisioning,
 * presence and EWS. Production adapters live next to them (virtual-clock.ts, node-file-system.ts,
 * http-ews.ts); tests pass fakes. A port that throws stops the engine as a crash would
 * (engine.ts), so a test can kill the client at any step by making a port throw.
 */
import type { Discovery, EwsResult, EwsTransport } from '../ews/index.ts'
import type { Provisioning } from './provisioning.ts'

/** The time of day, from an injected clock (never the wall clock in tests). */
export interface Clock {
  now(): Date
}

/** Work to do at a time on the clock. */
export interface Timers {
  at(time: Date, task: () => Promise<void>): { cancel(): void }
}

/** The few file operations the History Spooler and the trace need; paths are absolute. */
export interface FileSystem {
  /** Creates the folder and its parents. */
  ensureDir(dir: string): Promise<void>
  /** File names directly in `dir` (not folders); empty when `dir` does not exist. */
  list(dir: string): Promise<string[]>
  /** The file's text, or undefined when there is no such file. */
  read(path: string): Promise<string | undefined>
  /**
   * Writes the file in place, creating or truncating it. Not atomic: a process that dies during
   * the write may leave the file torn (MemoryFileSystem can simulate that).
   */
  write(path: string, text: string): Promise<void>
  /** Moves `from` over `to` at once (POSIX rename): a reader sees the old `to` or the new. */
  rename(from: string, to: string): Promise<void>
  /** Removes the file; no error when it is already gone. */
  remove(path: string): Promise<void>
  append(path: string, text: string): Promise<void>
}

/**
 * In-band provisioning: what the Skype for Business server tells the client about the user
 * (effective CsImConfiguration and client policy). mock-ews serves it at
 * `/__admin/skype/users/:address` (see httpProvisioning).
 */
export type ProvisioningSource = (address: string) => Promise<Provisioning>

import type { ImDelivery, Presence } from './presence.ts'
export type { Presence } from './presence.ts'

/**
 * The presence the client sees for its contacts (in a scenario: the other engines), and the way an
 * ordinary IM reaches a contact's client (standing in for SIP); both optional parts are absent when
 * no other client is modelled.
 */
export interface PresenceDirectory {
  presenceOf(address: string): Presence
  publish(address: string, presence: Presence): void
  /** The client of `address` takes IMs through `receive` (the last one attached). */
  attach?(address: string, receive: (im: ImDelivery) => Promise<void>): void
  /** Hands an IM to the client of `to`, if one is attached. */
  deliver?(to: string, im: ImDelivery): Promise<void>
}

/** How the engine finds and reaches EWS: Autodiscover, then a transport for the URL found. */
export interface EwsPort {
  discover(address: string): Promise<EwsResult<Discovery>>
  connect(discovery: Discovery): EwsTransport
}

/** Fresh unique ids (spool entries, InternetMessageIds). */
export type IdSource = () => string
