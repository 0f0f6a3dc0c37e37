/**
 * mock-ews public surface: create the app, start it, and the parts a test suite injects.
 * @example
 * import { createEwsApp, startEwsServer, FakeClock, seededIds } from './mock-ews/index.ts'
 * const { app, store } = createEwsApp({ clock: new FakeClock('2016-06-10T09:00:00Z'), ids: seededIds(1) })
 * const server = await startEwsServer(app, { port: 0 })
 * console.log(server.ewsUrl) // http://127.0.0.1:PORT/EWS/Exchange.asmx
 * await server.close()
 */
export { createEwsApp, DEFAULT_MAX_BODY_BYTES, EWS_PATH } from './app.ts'
export type { EwsApp, EwsAppOptions } from './app.ts'
export type { SoapExchange } from './ews-endpoint.ts'
export { startEwsServer } from './server.ts'
export type { RunningServer, StartOptions } from './server.ts'
export { EwsError } from './domain/errors.ts'
export type { EwsResponseCode } from './domain/errors.ts'
export type { Folder, FolderId, FolderKind } from './domain/folders.ts'
export { MemoryMailboxStore } from './store/memory/memory-store.ts'
export type { MailboxStore, MailboxInfo } from './store/mailbox-store.ts'
export { FakeClock, systemClock } from './support/clock.ts'
export type { Clock } from './support/clock.ts'
export { randomIds, seededIds } from './support/ids.ts'
export type { IdGenerator } from './support/ids.ts'
export { consoleLogger, memoryLogger, silentLogger } from './support/logger.ts'
export type { Logger } from './support/logger.ts'
export { demoTopology, DEMO_PASSWORD } from './topology/topology.ts'
export type { Topology, OrganisationSpec, UserSpec } from './topology/topology.ts'
export {
  formatPath,
  loadTopologyFile,
  parseTopology,
  positionOf,
  readTopology,
  TopologyError,
} from './topology/load.ts'
export { EXCHANGE_PROFILES, EXCHANGE_PROFILE_NAMES } from './topology/profiles.ts'
export type { ExchangeProfile, ExchangeProfileName } from './topology/profiles.ts'
export { FaultEngine } from './faults/engine.ts'
export type { ActiveFault } from './faults/engine.ts'
export { describeFault, parseFaultDefinition, FaultDefinitionError } from './faults/definitions.ts'
export type { FaultAction, FaultDefinition, FaultMatch, FaultWhen } from './faults/definitions.ts'
export { RequestJournal, DEFAULT_JOURNAL_CAPACITY } from './journal/journal.ts'
export type { JournalEntry } from './journal/journal.ts'
export { SkypeDirectory, SkypeConfigError } from './skype/skype-directory.ts'
export type { EffectiveSkypeSettings, SkypeSpec } from './skype/skype-config.ts'
// The test-author API (README "Testing your code against mock-ews") and the admin API's parts.
export { startMockEws } from './testing/start.ts'
export type { MockEws, MockEwsOptions, SeedItemJson, WaitOptions } from './testing/start.ts'
export {
  CLASS,
  createItemXml,
  envelope,
  itemFields,
  itemId,
  messageXml,
  sendItemXml,
  xmlText,
} from './testing/item-builders.ts'
export type { MessageSpec } from './testing/item-builders.ts'
export { ControlledClock } from './support/controlled-clock.ts'
export type { ControlledClockOptions } from './support/controlled-clock.ts'
export { StateFileError } from './admin/state-file.ts'
export type { ServerSnapshot } from './admin/server-state.ts'
export type { ItemSummary } from './admin/mailbox-view.ts'
export type { WaitAnswer } from './admin/wait.ts'
export { selfSignedTls, tlsFromFiles } from './support/tls.ts'
export type { TlsMaterial } from './support/tls.ts'
