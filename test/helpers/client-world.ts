/**
 * A small world for client-engine tests: mock-ews on port 0 (demo topology unless told otherwise)
 * and any number of client engines, all on one VirtualClock, with LocalAppData in a temporary
 * folder. Stop it with `close()` (servers closed, folder removed).
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  historySpoolerFolder,
  httpEws,
  OfflineImEngine,
  SharedPresence,
  sequentialIds,
  toProvisioning,
  VirtualClock,
  nodeFileSystem,
} from '../../client/engine/index.ts'
import type { EngineOptions, FileSystem } from '../../client/engine/index.ts'
import type { Fetch } from '../../client/ews/index.ts'
import type { Item } from '../../mock-ews/domain/items.ts'
import { createEwsApp, seededIds, startEwsServer } from '../../mock-ews/index.ts'
import type { EwsApp, EwsAppOptions, RunningServer } from '../../mock-ews/index.ts'
import { captureExchange } from './capture.ts'

export const PASSWORD = 'P@ssw0rd'
export const FIXED = '16.0.6965.2058'
export const BUGGY = '16.0.6965.2053'

export interface World {
  clock: VirtualClock
  mock: EwsApp
  server: RunningServer
  presence: SharedPresence
  localAppData: string
  /** A new engine for `address` (one more incarnation: its ids never collide with earlier ones). */
  engine(
    address: string,
    build: string,
    overrides?: Partial<EngineOptions> & { fetch?: Fetch; fs?: FileSystem },
  ): OfflineImEngine
  close(): Promise<void>
}

export async function startWorld(
  options: { start?: string; ews?: EwsAppOptions } = {},
): Promise<World> {
  const clock = new VirtualClock(options.start ?? '2016-06-10T09:00:00Z')
  const mock = createEwsApp({ clock, ids: seededIds(11), observe: captureExchange, ...options.ews })
  const server = await startEwsServer(mock.app, { port: 0 })
  const base = server.url.replace(/\/+$/, '')
  const presence = new SharedPresence()
  const localAppData = await mkdtemp(join(tmpdir(), 'ews-lab-client-'))
  let incarnation = 0
  return {
    clock,
    mock,
    server,
    presence,
    localAppData,
    engine(address, build, overrides = {}) {
      const { fetch, ...rest } = overrides
      incarnation += 1
      return new OfflineImEngine({
        address,
        build,
        localAppData,
        clock,
        timers: clock,
        fs: nodeFileSystem,
        ews: httpEws({
          credentials: { kind: 'basic', user: address, password: PASSWORD },
          base,
          ...(fetch ? { fetch } : {}),
        }),
        provisioning: async (a) => toProvisioning(mock.skype.effective(a)),
        presence,
        ids: sequentialIds(`${address.split('@')[0]}-${incarnation}`),
        ...rest,
      })
    },
    async close() {
      await server.close()
      await rm(localAppData, { recursive: true, force: true })
    },
  }
}

/**
 * The items of one of a user's folders, read from mock-ews in-process: a distinguished folder name
 * (`inbox`, `drafts`, `conversationhistory`, …), or `missed` for the Missed Conversations view
 * under searchfolders.
 */
export function mailboxItems(world: World, user: string, folder: string): Item[] {
  const store = world.mock.store
  let id = store.getDistinguishedFolder(user, folder === 'missed' ? 'searchfolders' : folder)
    .folderId.id
  if (folder === 'missed') {
    const view = store
      .findFolders(user, id, false)
      .find((f) => f.displayName === 'Missed Conversations')
    if (!view) throw new Error(`${user} has no Missed Conversations view`)
    id = view.folderId.id
  }
  return store.findItems(user, id, { view: { kind: 'all' } }).items
}

/** The files in a user's History Spooler folder on disk (empty when there is no folder). */
export function spoolFiles(world: World, user: string): Promise<string[]> {
  return nodeFileSystem.list(historySpoolerFolder(world.localAppData, user))
}
