/**
 * Checking expectations against the world: mailbox folders (mock-ews's store, read in-process),
 * History Spooler folders and trace files on disk, what senders were told, the last shell output
 * and the clients' Recent lists. Each check returns undefined or what it expected and found.
 */
import { readFile } from 'node:fs/promises'
import { historySpoolerFolder, traceFile } from '../../client/engine/index.ts'
import type { TraceEvent } from '../../client/engine/index.ts'
import { nodeFileSystem } from '../../client/engine/index.ts'
import type { Expectation, ExpectationFailure } from './model.ts'
import type { ScenarioWorld } from './world.ts'

const MISSED_CONVERSATIONS = 'Missed Conversations'

export async function check(
  world: ScenarioWorld,
  e: Expectation,
): Promise<ExpectationFailure | undefined> {
  const fail = (expected: string, found: string): ExpectationFailure => ({
    expectation: e,
    expected,
    found,
  })
  const count = (n: number | undefined, found: number, what: string): string | undefined =>
    n === undefined
      ? found > 0
        ? undefined
        : `at least one ${what}`
      : found === n
        ? undefined
        : `${n} ${what}`
  switch (e.kind) {
    case 'mailbox': {
      const items = mailboxItems(world, e.user, e.folder)
      const matching = items.filter(
        (i) =>
          (e.itemClass === undefined || i.itemClass === e.itemClass) &&
          (e.subjectContains === undefined || i.subject.includes(e.subjectContains)) &&
          (e.bodyContains === undefined || i.body.text.includes(e.bodyContains)) &&
          (e.from === undefined || i.from?.address.toLowerCase() === e.from) &&
          (e.to === undefined || i.toRecipients.some((r) => r.address.toLowerCase() === e.to)),
      )
      const wrong = count(e.count, matching.length, 'matching item(s)')
      if (!wrong) return undefined
      return fail(
        `${wrong} in ${e.user}'s ${e.folder}`,
        `${matching.length} matching of ${items.length}: ${items
          .slice(0, 5)
          .map((i) => `[${i.itemClass} "${i.subject}" from ${i.from?.address ?? '-'}]`)
          .join(' ')}${items.length > 5 ? ' …' : ''}`,
      )
    }
    case 'spooler': {
      const dir = historySpoolerFolder(world.localAppData, sipOf(world, e.user))
      const files = (await nodeFileSystem.list(dir)).filter((f) => f.endsWith('.json'))
      const texts = await Promise.all(files.map((f) => readFile(`${dir}/${f}`, 'utf8')))
      const matching = texts.filter((t) => e.contains === undefined || t.includes(e.contains))
      const wrong =
        e.count === undefined
          ? matching.length > 0
            ? undefined
            : 'at least one entry'
          : matching.length === e.count
            ? undefined
            : `${e.count} entr${e.count === 1 ? 'y' : 'ies'}`
      return wrong
        ? fail(
            `${wrong} in ${e.user}'s History Spooler`,
            `${matching.length} (of ${files.length} files)`,
          )
        : undefined
    }
    case 'trace': {
      const events = await traceEvents(world, e.user)
      const matching = events.filter(
        (ev) =>
          ev.event === e.event &&
          Object.entries(e.where).every(([k, v]) => JSON.stringify(ev[k]) === JSON.stringify(v)),
      )
      const wrong = count(e.count, matching.length, `"${e.event}" event(s)`)
      return wrong
        ? fail(
            `${wrong}${Object.keys(e.where).length ? ` with ${JSON.stringify(e.where)}` : ''} in ${e.user}'s trace`,
            `${matching.length}`,
          )
        : undefined
    }
    case 'told': {
      const told = world.clients.get(e.user)?.told
      const text = told
        ? told.kind === 'refused'
          ? told.reason
          : told.kind === 'spooled'
            ? told.notice
            : `delivered live (${told.presence})`
        : undefined
      if (!told) return fail(`${e.user} to have been told something`, 'no IM sent')
      if (e.outcome !== undefined && told.kind !== e.outcome)
        return fail(`outcome ${e.outcome}`, `${told.kind}: ${text}`)
      if (e.contains !== undefined && !text!.includes(e.contains))
        return fail(`a message containing "${e.contains}"`, `${told.kind}: ${text}`)
      return undefined
    }
    case 'shell-output': {
      const out = world.lastShellOutput
      return out !== undefined && out.includes(e.contains)
        ? undefined
        : fail(
            `shell output containing "${e.contains}"`,
            out === undefined ? 'no Get- line has run' : JSON.stringify(out),
          )
    }
    case 'client': {
      const engine = world.clients.get(e.user)?.engine
      if (!engine) return fail(`${e.user}'s client to be running`, 'never started')
      if (e.recent !== undefined && engine.recent.length !== e.recent)
        return fail(`${e.recent} entries in the Recent list`, `${engine.recent.length}`)
      if (e.missed !== undefined && engine.missedCount !== e.missed)
        return fail(`${e.missed} missed conversations`, `${engine.missedCount}`)
      return undefined
    }
  }
}

function mailboxItems(world: ScenarioWorld, user: string, folder: string) {
  const store = world.mock.store
  let folderId: string
  if (folder === 'missed-conversations') {
    const parent = store.getDistinguishedFolder(user, 'searchfolders')
    const view = store
      .findFolders(user, parent.folderId.id, false)
      .find((f) => f.displayName === MISSED_CONVERSATIONS)
    if (!view) return []
    folderId = view.folderId.id
  } else {
    folderId = store.getDistinguishedFolder(user, folder).folderId.id
  }
  return store.findItems(user, folderId, { view: { kind: 'all' } }).items
}

/** The folder under LocalAppData is named from the user's SIP address. */
function sipOf(world: ScenarioWorld, user: string): string {
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
