/**
 * The FileSystem port on real files (node:fs). `rename` is atomic on one volume, which the History
 * Spooler builds its atomic replace on (spooler.ts). There is no fsync: the model is a client process
 * that crashes, not a machine that loses power. The calls are synchronous under an async surface:
 * each is a few tens of microseconds, and going through libuv's thread pool cost more than the work
 * (docs/benchmarks.md, "Scenarios").
 */
import {
  appendFileSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs'
import type { FileSystem } from './ports.ts'

const missing = (error: unknown): boolean => (error as NodeJS.ErrnoException).code === 'ENOENT'

export const nodeFileSystem: FileSystem = {
  async ensureDir(dir) {
    mkdirSync(dir, { recursive: true })
  },
  async list(dir) {
    try {
      return readdirSync(dir, { withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => e.name)
        .sort()
    } catch (error) {
      if (missing(error)) return []
      throw error
    }
  },
  async read(path) {
    try {
      return readFileSync(path, 'utf8')
    } catch (error) {
      if (missing(error)) return undefined
      throw error
    }
  },
  async write(path, text) {
    writeFileSync(path, text, 'utf8')
  },
  async rename(from, to) {
    renameSync(from, to)
  },
  async remove(path) {
    try {
      unlinkSync(path) // a file; unlike rmSync it does not lstat first
    } catch (error) {
      if (!missing(error)) throw error
    }
  },
  async append(path, text) {
    appendFileSync(path, text, 'utf8')
  },
}
