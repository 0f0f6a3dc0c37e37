/**
 * The offline-IM engine and its ports.
 * @example
 * const clock = new VirtualClock('2016-06-10T09:00:00Z')
 * const alice = new OfflineImEngine({ address: 'alice@contoso.com', build: '16.0.6965.2058',
 *   localAppData: '/tmp/lad', clock, timers: clock, fs: nodeFileSystem,
 *   ews: httpEws({ credentials, base: 'http://127.0.0.1:PORT' }),
 *   provisioning: httpProvisioning('http://127.0.0.1:PORT'), presence: new SharedPresence(),
 *   ids: () => randomUUID() })
 * await alice.signIn()
 * await alice.sendIm('bob@contoso.com', 'Are you free at 10?')
 * await clock.advance(2 * 60_000) // picked up and sent
 */
export { OfflineImEngine } from './engine.ts'
export { PICKUP_DELAY_MS, RETRY_INTERVAL_MS } from './pickup.ts'
export type { EngineOptions, EngineStatus, SendOutcome } from './options.ts'
export type { RecentEntry } from './history.ts'
export { offlineImGates } from './gates.ts'
export type { GateDecision, GateName, GateResult } from './gates.ts'
export {
  httpEws,
  httpProvisioning,
  SharedPresence,
  sequentialIds,
  toProvisioning,
} from './adapters.ts'
export { MemoryFileSystem } from './memory-file-system.ts'
export { nodeFileSystem } from './node-file-system.ts'
export { CONVERSATION_CLASS, MISSED_CLASS } from './message.ts'
export { historySpoolerFolder, traceFile, userFolder } from './paths.ts'
export type {
  Clock,
  EwsPort,
  FileSystem,
  IdSource,
  Presence,
  PresenceDirectory,
  ProvisioningSource,
  Timers,
} from './ports.ts'
export type { MailboxDeployment, Provisioning } from './provisioning.ts'
export { HistorySpooler } from './spooler.ts'
export type { SendPath, SpoolEntry } from './spooler.ts'
export { Trace, TRACE_EVENTS } from './trace.ts'
export type { TraceEvent, TraceEventName } from './trace.ts'
export { VirtualClock } from './virtual-clock.ts'
