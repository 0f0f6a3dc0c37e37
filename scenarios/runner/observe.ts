/**
 * Reading the world for expectations: a user's mailbox folders (mock-ews's store, in-process) and
 * trace file (on disk), and trace events as one line each for failure reports.
 */
import { traceFile, nodeFileSystem } from '../../client/engine/index.ts'
import type { TraceEvent } from '../../client/engine/index.ts'
import { EwsError } from '../../mock-ews/index.ts'
import type { ScenarioWorld } from './world.ts'

const MISSED_CONVERSATIONS = 'Missed Conversations'

/**
 * Distinguished folders a mailbox may not have, and the ordinary folder that stands in for each:
 * Exchange 2010 has no `conversationhistory`, and the client makes a "Conversation History" folder
 * under msgfolderroot (as Lync did).
 */
const STAND_INS: Record<string, { parent: string; displayName: string }> = {
  conversationhistory: { parent: 'msgfolderroot', displayName: 'Conversation History' },
  'missed-conversations': { parent: 'searchfolders', displayName: MISSED_CONVERSATIONS },
}

/**
 * The id of a distinguished folder, else of the folder that stands in for it (the Missed
 * Conversations view, an Exchange 2010 Conversation History); undefined while there is none.
 */
export function folderIdOf(world: ScenarioWorld, user: string, folder: string): string | undefined {
  const store = world.mock.store
  if (folder !== 'missed-conversations') {
    try {
      return store.getDistinguishedFolder(user, folder).folderId.id
    } catch (e) {
      if (!(e instanceof EwsError && e.code === 'ErrorFolderNotFound')) throw e
    }
  }
  const standIn = STAND_INS[folder]
  if (!standIn) return undefined
  const parent = store.getDistinguishedFolder(user, standIn.parent)
  return store
    .findFolders(user, parent.folderId.id, false)
    .find((f) => f.displayName === standIn.displayName)?.folderId.id
}

/** An item as mock-ews's store returns it. */
export type Item = ReturnType<typeof mailboxItems>[number]

export function mailboxItems(world: ScenarioWorld, user: string, folder: string) {
  const folderId = folderIdOf(world, user, folder)
  if (folderId === undefined) return []
  return world.mock.store.findItems(user, folderId, { view: { kind: 'all' } }).items
}

/**
 * What a person reads of a body: for HTML, the tags removed (line and block ends as new lines) and
 * entities decoded (`&nbsp;` as a space).
 */
export function bodyText(body: { type: string; text: string }): string {
  if (body.type !== 'HTML') return body.text
  return body.text
    .replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<(br|\/p|\/div|\/li|\/tr|\/h\d)\b[^>]*>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
      const n = name.toLowerCase()
      const code = n.startsWith('#x')
        ? parseInt(n.slice(2), 16)
        : n.startsWith('#')
          ? parseInt(n.slice(1), 10)
          : undefined
      if (code === undefined) return ENTITIES[n] ?? whole
      return code <= 0x10ffff ? String.fromCodePoint(code) : whole
    })
    .replace(/[ \t]*\n[ \t]*/g, '\n')
    .trim()
}

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
}

/** The folder under LocalAppData is named from the user's SIP address. */
export function sipOf(world: ScenarioWorld, user: string): string {
  return world.clients.get(user)?.sip ?? user
}

/** Every event of the user's trace file (all incarnations of the client). */
export async function traceEvents(world: ScenarioWorld, user: string): Promise<TraceEvent[]> {
  const text = await nodeFileSystem.read(traceFile(world.localAppData, sipOf(world, user)))
  if (text === undefined) return []
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as TraceEvent)
}

/** One line per event: `09:02:00 spool.pickup entry=alice-1-1 attempt=1`. */
export function formatEvent(e: TraceEvent): string {
  const { time, event, ...fields } = e
  const rest = Object.entries(fields)
    .filter(([k]) => k !== 'user')
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(' ')
  return `${time.slice(11, 19)} ${event} ${rest}`.trim()
}
