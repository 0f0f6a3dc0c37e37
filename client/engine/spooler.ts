/**
 * The History Spooler: one JSON file per offline IM not yet delivered, in the user's
 * `History Spooler` folder (paths.ts), replaced atomically on every change (written beside it, then
 * renamed over it). The file holds all the engine needs to carry on after a restart: the message,
 * its InternetMessageId, when it is due, how many attempts were made, and whether an attempt may
 * have reached Exchange (`inFlight`).
 * The real client's file format is not public (reference/sfb-offline-im.md §7); this one is ours.
 */
import { join } from 'node:path'
import type { FileSystem } from './ports.ts'
import { SpoolJson } from './spool-json.ts'

export interface SpoolEntry {
  /** The file is `<id>.json`. */
  id: string
  from: string
  to: string
  text: string
  /** When the user sent it (ISO 8601). */
  sentAt: string
  /** Given at spool time and sent with every attempt, so a sent copy can be found again. */
  internetMessageId: string
  /** When the next attempt is due (ISO 8601): sentAt + 2 minutes, then every 2 minutes. */
  dueAt: string
  attempts: number
  /**
   * Set before a send and cleared when Exchange certainly did not take it: while set, the message
   * may have gone out (the answer was lost to a crash, a reset or a timeout).
   */
  inFlight?: { since: string; path: SendPath }
  /** Drafts the two-step send created, oldest first (the Drafts bug leaves one per attempt). */
  drafts: string[]
  /** The sign-in session the message was sent in (its start, ISO 8601). */
  session?: string
  /**
   * Every line of the conversation, in order, when more than one message joined it (the first is
   * `text` at `sentAt`); absent for a conversation of one message.
   */
  lines?: { text: string; sentAt: string }[]
}

export type SendPath = 'one-step' | 'two-step'

/** Every line of a conversation, in order (an entry of one message has no `lines`). */
export function linesOf(entry: SpoolEntry): { text: string; sentAt: string }[] {
  return entry.lines ?? [{ text: entry.text, sentAt: entry.sentAt }]
}

export type SpoolRead = { entry: SpoolEntry } | { file: string; problem: string }

/** Numbers the temporary files of this process, so two writers never share one. */
let temporaryFiles = 0

export class HistorySpooler {
  #folderExists = false
  readonly #json = new SpoolJson()

  constructor(
    readonly folder: string,
    private readonly fs: FileSystem,
  ) {}

  fileOf(id: string): string {
    return join(this.folder, `${id}.json`)
  }

  async write(entry: SpoolEntry): Promise<void> {
    if (!this.#folderExists) {
      await this.fs.ensureDir(this.folder)
      this.#folderExists = true
    }
    // Write-then-rename: a crash during the write tears only the temporary file, which readAll
    // ignores (not `.json`), so the entry stays as it was before this write or as it is after.
    const temp = join(this.folder, `${entry.id}.json.${++temporaryFiles}.tmp`)
    await this.fs.write(temp, this.#json.text(entry))
    await this.fs.rename(temp, this.fileOf(entry.id))
  }

  async remove(id: string): Promise<void> {
    await this.fs.remove(this.fileOf(id))
    this.#json.forget(id)
  }

  /** Every entry, oldest first; a file that cannot be read is reported, never deleted. */
  async readAll(): Promise<SpoolRead[]> {
    const out: SpoolRead[] = []
    for (const name of await this.fs.list(this.folder)) {
      if (!name.endsWith('.json')) continue
      const file = join(this.folder, name)
      const text = await this.fs.read(file)
      if (text === undefined) continue
      out.push(parseEntry(file, name.slice(0, -'.json'.length), text))
    }
    return out.sort((a, b) =>
      'entry' in a && 'entry' in b
        ? a.entry.sentAt.localeCompare(b.entry.sentAt) || a.entry.id.localeCompare(b.entry.id)
        : 'entry' in a
          ? -1
          : 1,
    )
  }
}

function parseEntry(file: string, id: string, text: string): SpoolRead {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    return { file, problem: `not JSON: ${(error as Error).message}` }
  }
  const e = value as Partial<SpoolEntry> | null
  const strings = ['id', 'from', 'to', 'text', 'sentAt', 'internetMessageId', 'dueAt'] as const
  if (
    typeof e !== 'object' ||
    e === null ||
    strings.some((k) => typeof e[k] !== 'string') ||
    typeof e.attempts !== 'number' ||
    !Array.isArray(e.drafts) ||
    Number.isNaN(Date.parse(e.dueAt!))
  ) {
    return { file, problem: 'not a History Spooler entry' }
  }
  if (e.id !== id) return { file, problem: `the entry's id "${e.id}" is not its file name` }
  return { entry: e as SpoolEntry }
}
