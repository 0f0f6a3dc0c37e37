/** What an engine is made with (its ports and settings) and what it answers (engine.ts). */
import type { BuildLike } from '../builds/index.ts'
import type {
  Clock,
  EwsPort,
  FileSystem,
  IdSource,
  Presence,
  PresenceDirectory,
  ProvisioningSource,
  Timers,
} from './ports.ts'
import type { SendPath } from './spooler.ts'

export interface EngineOptions {
  /** The user's SMTP address, e.g. alice@contoso.com (Autodiscover, EWS, the mail sent). */
  address: string
  /**
   * The user's SIP address without `sip:` (the Skype for Business sign-in), which names the
   * per-user folder `sip_<sip address>` (paths.ts); the SMTP address when not given.
   */
  sipAddress?: string
  /** The installed Click-to-Run build, `16.0.X.Y`. */
  build: BuildLike
  /** The LocalAppData root under which the per-user folders live (paths.ts). */
  localAppData: string
  clock: Clock
  timers: Timers
  fs: FileSystem
  ews: EwsPort
  provisioning: ProvisioningSource
  presence: PresenceDirectory
  ids: IdSource
  /** The name in the offline IM's subject; "Alice" for alice@… by default. */
  displayName?: string
  /**
   * `by-build` (default) follows the build; `one-step` switches the client half of the Drafts bug
   * off (the repro's "client half removed"); `two-step` forces it on.
   */
  sendPath?: 'by-build' | SendPath
}

export type EngineStatus = 'signed-out' | 'signed-in' | 'halted'

export type SendOutcome =
  /** The contact is online (or busy, or in do-not-disturb): an ordinary IM, no EWS involved. */
  | { kind: 'live'; presence: Presence }
  /** Written to the History Spooler; `notice` is what the sender is shown. */
  | { kind: 'spooled'; entryId: string; dueAt: string; notice: string }
  /** Offline IM is not available (or the client is not signed in); `reason` is what the sender sees. */
  | { kind: 'refused'; reason: string }
