/**
 * The FileSystem port on real files (node:fs). `writeAtomic` writes a temporary file beside the
 * target and renames it over the target (rename is atomic on one volume), so a process that dies at
 * any point leaves the old content or the new, never a torn file; `list` skips those temporary
 * files. There is no fsync: the model is a client process that crashes, not a machine that loses
 * power. The calls are synchronous under an async surface: each is a few tens of microseconds, and
 * going through libuv's thread pool cost more than the work (docs/benchmarks.md, "Scenarios").
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
import { basename, dirname, join } from 'node:path'
import type { FileSystem } from './ports.ts'

const TEMP_PREFIX = '.tmp-'
let writes = 0

const missing = (error: unknown): boolean => (error as NodeJS.ErrnoException).code === 'ENOENT'

export const nodeFileSystem: FileSystem = {
  async ensureDir(dir) {
    mkdirSync(dir, { recursive: true })
  },
  async list(dir) {
    try {
      return readdirSync(dir, { withFileTypes: true })
        .filter((e) => e.isFile() && !e.name.startsWith(TEMP_PREFIX))
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
  async writeAtomic(path, text) {
    // Unique among this process's writes (a counter) and other processes' (the pid).
    const temp = join(dirname(path), `${TEMP_PREFIX}${basename(path)}-${process.pid}-${++writes}`)
    writeFileSync(temp, text, 'utf8')
    renameSync(temp, path)
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
