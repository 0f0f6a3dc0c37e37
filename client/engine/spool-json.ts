/**
 * The text of a History Spooler file: exactly `JSON.stringify(entry, null, 2)` and a line end,
 * without serialising the whole list of drafts on every write. A two-step send that keeps failing
 * (the Drafts bug) adds one draft per attempt and rewrites its file three times per attempt, so the
 * list grows with the scenario and serialising it all each time made the writes quadratic (~45 µs
 * a write at 360 drafts, 15% of a 24-hour Drafts-bug run; docs/benchmarks.md, "Issue 18, third
 * round"). This keeps, per entry, the drafts already serialised and the ids they came from, and
 * serialises only the new ones; any other change to the list (an id replaced, the list shortened
 * or swapped for another) is seen by comparing the ids kept with the list given, and the list is
 * serialised again from scratch. Only the text is cached: every write still writes the whole file.
 */
import type { SpoolEntry } from './spooler.ts'

interface Serialised {
  /** The ids serialised so far, in order (a copy: the entry's own list may change under it). */
  ids: string[]
  /** Their lines of the pretty-printed array, each `,\n    "<id>"` (the first without its comma). */
  text: string
}

/** `"drafts": []` as JSON.stringify with two spaces writes it at the top level of an entry. */
const EMPTY_DRAFTS = '\n  "drafts": []'

export class SpoolJson {
  readonly #drafts = new Map<string, Serialised>()

  /** The file's text for `entry`: byte for byte `${JSON.stringify(entry, null, 2)}\n`. */
  text(entry: SpoolEntry): string {
    const drafts: unknown = entry.drafts
    // Only a list of strings is kept (a nested value would be indented differently).
    if (!Array.isArray(drafts) || drafts.length === 0 || !drafts.every(isString)) {
      this.#drafts.delete(entry.id)
      return `${JSON.stringify(entry, null, 2)}\n`
    }
    const body = JSON.stringify({ ...entry, drafts: [] }, null, 2)
    // A line break inside a string value is escaped (\n), so the only raw line break followed by
    // two spaces and `"drafts"` is the entry's own key; strings cannot hide an unescaped quote.
    const at = body.indexOf(EMPTY_DRAFTS)
    if (at < 0 || body.indexOf(EMPTY_DRAFTS, at + 1) >= 0)
      return `${JSON.stringify(entry, null, 2)}\n`
    const list = this.#list(entry.id, drafts)
    const cut = at + EMPTY_DRAFTS.length - 1 // just before the closing bracket of `[]`
    return `${body.slice(0, cut)}${list}\n  ${body.slice(cut)}\n`
  }

  /** Forgets an entry (its file was removed). */
  forget(id: string): void {
    this.#drafts.delete(id)
  }

  #list(id: string, drafts: readonly string[]): string {
    let kept = this.#drafts.get(id)
    if (kept && !startsWith(drafts, kept.ids)) kept = undefined
    if (!kept) {
      kept = { ids: [], text: '' }
      this.#drafts.set(id, kept)
    }
    for (let i = kept.ids.length; i < drafts.length; i++) {
      const d = drafts[i]!
      kept.text += `${i === 0 ? '' : ','}\n    ${JSON.stringify(d)}`
      kept.ids.push(d)
    }
    return kept.text
  }
}

const isString = (v: unknown): v is string => typeof v === 'string'

/** Whether `list` starts with exactly `prefix` (same ids, same order). */
function startsWith(list: readonly unknown[], prefix: readonly string[]): boolean {
  if (list.length < prefix.length) return false
  for (let i = 0; i < prefix.length; i++) if (list[i] !== prefix[i]) return false
  return true
}
