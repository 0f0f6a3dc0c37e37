/**
 * A mock-ews with a filled folder, for profiling under load (not a benchmark by itself):
 *   node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx scripts/bench/serve-for-profile.ts
 * prints the EWS URL and the request bodies to use (FindItem page, GetItem, CreateItem), then
 * serves until SIGINT/SIGTERM, when it exits so that Node writes the profile.
 */
import { writeFileSync } from 'node:fs'
import { startEwsServer } from '../../mock-ews/index.ts'
import { benchApp, findItemXml, getItemXml, log, offlineImXml, options } from './lib.ts'

const o = options({ items: 10_000 })
const { app, folderId, itemId } = benchApp(o.items)
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
