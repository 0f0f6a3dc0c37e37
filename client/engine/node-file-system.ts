/**
 * The FileSystem port on real files (node:fs). `writeAtomic` writes a temporary file beside the
 * target, flushes it to disk and renames it over the target (rename is atomic on one volume), so a
 * crash leaves the old content or the new, never a torn file; `list` skips those temporary files.
 */
import { randomBytes } from 'node:crypto'
import { appendFile, mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import type { FileSystem } from './ports.ts'

const TEMP_PREFIX = '.tmp-'

export const nodeFileSystem: FileSystem = {
  async ensureDir(dir) {
    await mkdir(dir, { recursive: true })
  },
  async list(dir) {
    try {
      const entries = await readdir(dir, { withFileTypes: true })
      return entries
        .filter((e) => e.isFile() && !e.name.startsWith(TEMP_PREFIX))
        .map((e) => e.name)
        .sort()
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return []
      throw error
    }
  },
  async read(path) {
    try {
      return await readFile(path, 'utf8')
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
      throw error
    }
  },
  async writeAtomic(path, text) {
    const temp = join(
      dirname(path),
      `${TEMP_PREFIX}${basename(path)}-${randomBytes(4).toString('hex')}`,
    )
    const handle = await open(temp, 'w')
    try {
      await handle.writeFile(text, 'utf8')
      await handle.sync()
    } finally {
      await handle.close()
    }
    await rename(temp, path)
  },
  async remove(path) {
    await rm(path, { force: true })
  },
  async append(path, text) {
    await appendFile(path, text, 'utf8')
  },
}
