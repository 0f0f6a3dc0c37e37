/** The FileSystem port in memory, for unit tests: a map of path → text. */
import { dirname } from 'node:path'
import type { FileSystem } from './ports.ts'

export class MemoryFileSystem implements FileSystem {
  readonly files = new Map<string, string>()

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

  async writeAtomic(path: string, text: string): Promise<void> {
    this.files.set(path, text)
  }

  async remove(path: string): Promise<void> {
    this.files.delete(path)
  }

  async append(path: string, text: string): Promise<void> {
    this.files.set(path, (this.files.get(path) ?? '') + text)
  }
}
