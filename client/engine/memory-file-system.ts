/**
 * The FileSystem port in memory, for unit tests: a map of path → text. `crashNext` makes the next
 * write or rename die as a killed process would: a write leaves the file torn (its first half), a
 * rename leaves both files as they were.
 */
import { dirname } from 'node:path'
import type { FileSystem } from './ports.ts'

export class MemoryFileSystem implements FileSystem {
  readonly files = new Map<string, string>()
  private pendingCrash: { on: 'write' | 'rename'; error: Error } | undefined

  /** The next `on` throws `error`, as the process dies in the middle of it. */
  crashNext(on: 'write' | 'rename', error: Error = new Error(`crashed in ${on}`)): void {
    this.pendingCrash = { on, error }
  }

  async ensureDir(): Promise<void> {}

  async list(dir: string): Promise<string[]> {
    return [...this.files.keys()]
      .filter((p) => dirname(p) === dir)
      .map((p) => p.slice(dir.length + 1))
      .sort()
  }

  async read(path: string): Promise<string | undefined> {
    return this.files.get(path)
  }

  async write(path: string, text: string): Promise<void> {
    const crash = this.takeCrash('write')
    if (crash) {
      this.files.set(path, text.slice(0, Math.floor(text.length / 2)))
      throw crash
    }
    this.files.set(path, text)
  }

  async rename(from: string, to: string): Promise<void> {
    const crash = this.takeCrash('rename')
    if (crash) throw crash
    const text = this.files.get(from)
    if (text === undefined) throw new Error(`ENOENT: no such file, rename '${from}'`)
    this.files.set(to, text)
    this.files.delete(from)
  }

  async remove(path: string): Promise<void> {
    this.files.delete(path)
  }

  async append(path: string, text: string): Promise<void> {
    this.files.set(path, (this.files.get(path) ?? '') + text)
  }

  /** The crash armed for `op`, disarmed. (No #private members: tests derive fakes with Object.create.) */
  private takeCrash(op: 'write' | 'rename'): Error | undefined {
    const crash = this.pendingCrash
    if (crash?.on !== op) return undefined
    this.pendingCrash = undefined
    return crash.error
  }
}
