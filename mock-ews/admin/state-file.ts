/**
 * `serve --state FILE`: the server's state as a JSON file (docs/decisions/0042). Written atomically
 * (a temporary file beside it, flushed, then renamed over it), so a crash mid-write leaves the old
 * file whole. Read whole and checked before anything is loaded: a damaged file is a clear error.
 *
 * Format: `{ "format": "mock-ews-state", "version": 1, "savedAt", "state": ServerSnapshot }`;
 * dates inside items are `{ "$date": ISO }`, attachment contents `{ "$base64": … }`.
 */
import {
  closeSync,
  existsSync,
  fsyncSync,
  openSync,
  readFileSync,
  renameSync,
  writeSync,
} from 'node:fs'
import { rmSync } from 'node:fs'
import type { ServerSnapshot } from './server-state.ts'

export const STATE_FORMAT = 'mock-ews-state'
export const STATE_VERSION = 1

export class StateFileError extends Error {
  constructor(file: string, problem: string) {
    super(`${file}: ${problem}`)
    this.name = 'StateFileError'
  }
}

/** The JSON text of a state. */
export function stateJson(state: ServerSnapshot, savedAt: string): string {
  return JSON.stringify(
    { format: STATE_FORMAT, version: STATE_VERSION, savedAt, state },
    function (this: Record<string, unknown>, key, value: unknown) {
      const raw = this[key]
      if (raw instanceof Date) return { $date: raw.toISOString() }
      if (raw instanceof Uint8Array) return { $base64: Buffer.from(raw).toString('base64') }
      return value
    },
  )
}

/** Writes the state to `file` atomically (write, flush, rename). */
export function writeStateFile(file: string, state: ServerSnapshot, savedAt: string): void {
  const temp = `${file}.${process.pid}.tmp`
  try {
    const fd = openSync(temp, 'w', 0o600)
    try {
      writeSync(fd, stateJson(state, savedAt))
      fsyncSync(fd)
    } finally {
      closeSync(fd)
    }
    renameSync(temp, file)
  } catch (e) {
    rmSync(temp, { force: true })
    throw e
  }
}

/** Reads and checks a state file; undefined when there is none yet. Throws StateFileError. */
export function readStateFile(file: string): ServerSnapshot | undefined {
  if (!existsSync(file)) return undefined
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (e) {
    throw new StateFileError(file, `cannot be read (${(e as Error).message})`)
  }
  return parseState(text, file)
}

export function parseState(text: string, file = '<state>'): ServerSnapshot {
  let doc: unknown
  try {
    doc = JSON.parse(text, (_key, value: unknown) => {
      if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
        const v = value as Record<string, unknown>
        if (typeof v.$date === 'string') return new Date(v.$date)
        if (typeof v.$base64 === 'string') return Buffer.from(v.$base64, 'base64')
      }
      return value
    })
  } catch (e) {
    throw new StateFileError(
      file,
      `is not valid JSON (${(e as Error).message}): damaged or cut short?`,
    )
  }
  const d = doc as { format?: unknown; version?: unknown; state?: Partial<ServerSnapshot> }
  if (typeof d !== 'object' || d === null || d.format !== STATE_FORMAT)
    throw new StateFileError(file, `is not a mock-ews state file (no "format": "${STATE_FORMAT}")`)
  if (d.version !== STATE_VERSION)
    throw new StateFileError(
      file,
      `has version ${JSON.stringify(d.version)}; this mock-ews reads version ${STATE_VERSION}`,
    )
  const s = d.state
  if (
    typeof s !== 'object' ||
    s === null ||
    !Array.isArray(s.store?.mailboxes) ||
    !Array.isArray(s.skype) ||
    typeof s.directory !== 'object' ||
    typeof s.clock?.now !== 'string' ||
    (s.settings !== undefined && (typeof s.settings !== 'object' || s.settings === null)) ||
    Number.isNaN(Date.parse(s.clock.now))
  )
    throw new StateFileError(
      file,
      'lacks part of the state (store.mailboxes, skype, directory, clock.now)',
    )
  return s as ServerSnapshot
}
