/**
 * `run --shard i/n`: which scenario files one of n CI jobs runs. A file's shard is a hash of its
 * path (relative to the working folder, with `/`), so it depends on nothing but that path: adding
 * or removing other files never moves it, and every job of a matrix computes the same split.
 */
import { createHash } from 'node:crypto'
import { relative, sep } from 'node:path'

export interface Shard {
  index: number
  count: number
}

/** `i/n` with 1 ≤ i ≤ n; undefined when it is not that. */
export function parseShard(text: string): Shard | undefined {
  const m = /^(\d+)\/(\d+)$/.exec(text)
  if (!m) return undefined
  const index = Number(m[1])
  const count = Number(m[2])
  return index >= 1 && count >= 1 && index <= count && count <= 10_000
    ? { index, count }
    : undefined
}

/** The shard (1 … count) of `file`. */
export function shardOf(file: string, count: number, cwd = process.cwd()): number {
  const key = relative(cwd, file).split(sep).join('/')
  return (createHash('sha256').update(key).digest().readUInt32BE(0) % count) + 1
}

export function inShard(files: readonly string[], shard: Shard, cwd = process.cwd()): string[] {
  return files.filter((f) => shardOf(f, shard.count, cwd) === shard.index)
}
