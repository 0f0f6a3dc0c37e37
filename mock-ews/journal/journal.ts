/**
 * The request journal: every SOAP call mock-ews answered, newest last, in a ring buffer so memory
 * stays flat however long a CI run lasts. Read from code (`entries()`) or `GET /__admin/requests`.
 */
export const DEFAULT_JOURNAL_CAPACITY = 1000

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
}

export class RequestJournal {
  readonly #ring: (JournalEntry | undefined)[]
  #next = 0
  #count = 0

  constructor(readonly capacity = DEFAULT_JOURNAL_CAPACITY) {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new Error(`journal capacity must be a positive integer, not ${capacity}`)
    this.#ring = new Array<JournalEntry | undefined>(capacity)
  }

  record(entry: Omit<JournalEntry, 'seq'>): JournalEntry {
    const full = { ...entry, seq: ++this.#count }
    this.#ring[this.#next] = full
    this.#next = (this.#next + 1) % this.capacity
    return full
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
