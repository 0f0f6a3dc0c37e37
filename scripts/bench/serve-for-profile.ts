/**
 * A mock-ews with a filled folder, for profiling under load (not a benchmark by itself):
 *   node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx scripts/bench/serve-for-profile.ts
 * prints the EWS URL and the request bodies to use (FindItem page, GetItem, CreateItem), then
 * serves until SIGINT/SIGTERM, when it exits so that Node writes the profile.
 */
import { writeFileSync } from 'node:fs'
import { createEwsApp, FakeClock, seededIds, startEwsServer } from '../../mock-ews/index.ts'
import { addItem, fillFolder, findItemXml, getItemXml, log, offlineImXml, options } from './lib.ts'

const o = options({ items: 10_000 })
const { app, store } = createEwsApp({
  ids: seededIds(1),
  clock: new FakeClock('2016-06-10T09:00:00Z'),
})
const folderId = fillFolder(store, o.items)
const itemId = addItem(store, folderId, o.items)
const server = await startEwsServer(app, { host: '127.0.0.1', port: 0 })
for (const [name, body] of [
  ['finditem', findItemXml(folderId, 0)],
  ['getitem', getItemXml(itemId)],
  ['createitem', offlineImXml('bob@contoso.com')],
] as const) {
  writeFileSync(`/tmp/ews-lab-bench-${name}.xml`, body)
}
log(`EWS: ${server.ewsUrl}`)
const stop = (): void => void server.close().then(() => process.exit(0))
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
