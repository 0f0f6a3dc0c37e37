/**
 * The request journal: every SOAP call mock-ews answered, newest last, in a ring buffer so memory
 * stays flat however long a CI run lasts. Read from code (`entries()`) or `GET /__admin/requests`.
 */
import { ownString } from '../support/strings.ts'
export const DEFAULT_JOURNAL_CAPACITY = 1000
/** Characters of a request or answer body an entry keeps; the rest is cut with TRUNCATED_MARKER. */
export const DEFAULT_JOURNAL_BODY_CHARS = 16 * 1024
/** Ends a body the journal cut: `…[truncated: N more characters]`. */
export const TRUNCATED_MARKER = '…[truncated: '

export interface JournalEntry {
  /** Sequence number of the request since the server started (1, 2, …). */
  seq: number
  /** Virtual time the request was answered. */
  at: string
  user: string | undefined
  operation: string
  status: number
  responseCodes: string[]
  /** The fault that shaped the answer, described in one line; absent when none applied. */
  fault?: string
  /** Wall-clock milliseconds spent answering (a measurement, not a virtual time). */
  durationMs: number
  /** The SOAP request as received (bounded: cut with TRUNCATED_MARKER past the journal's limit). */
  requestBody?: string
  /** The answer as sent, bounded the same way; absent when no body was sent (a reset). */
  responseBody?: string
}

/** `text` up to `max` characters, the rest replaced by the marker and how much was cut. */
export function bounded(text: string, max: number): string {
  return text.length <= max
    ? text
    : `${text.slice(0, max)}${TRUNCATED_MARKER}${text.length - max} more characters]`
}

export class RequestJournal {
  readonly #ring: (JournalEntry | undefined)[]
  #next = 0
  #count = 0

  readonly #listeners = new Set<(entry: JournalEntry) => void>()

  constructor(
    readonly capacity = DEFAULT_JOURNAL_CAPACITY,
    readonly bodyChars = DEFAULT_JOURNAL_BODY_CHARS,
  ) {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new Error(`journal capacity must be a positive integer, not ${capacity}`)
    this.#ring = new Array<JournalEntry | undefined>(capacity)
  }

  /** Keeps an entry; its bodies are cut to `bodyChars` (each its own copy, not a slice). */
  record(entry: Omit<JournalEntry, 'seq'>): JournalEntry {
    const full: JournalEntry = { ...entry, seq: ++this.#count }
    if (entry.requestBody !== undefined)
      full.requestBody = ownString(bounded(entry.requestBody, this.bodyChars))
    if (entry.responseBody !== undefined)
      full.responseBody = ownString(bounded(entry.responseBody, this.bodyChars))
    this.#ring[this.#next] = full
    this.#next = (this.#next + 1) % this.capacity
    for (const listener of this.#listeners) listener(full)
    return full
  }

  /** Called after every entry recorded; returns a function that stops it. */
  onRecord(listener: (entry: JournalEntry) => void): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  /** Entries still held, oldest first (at most `capacity`). */
  entries(): JournalEntry[] {
    const out: JournalEntry[] = []
    for (let i = 0; i < this.capacity; i++) {
      const e = this.#ring[(this.#next + i) % this.capacity]
      if (e) out.push(e)
    }
    return out
  }

  /** Requests recorded since the start (including those the ring has dropped). */
  get total(): number {
    return this.#count
  }

  clear(): void {
    this.#ring.fill(undefined)
    this.#next = 0
  }
}
